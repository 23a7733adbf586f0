"""`python -m sopdoc`."""

from sopdoc.cli import run

run()
