"""`python -m sopdoc.cli`."""

from sopdoc.cli import run

run()
