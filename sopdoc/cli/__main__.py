"""`python -m sopdoc.cli`."""

from . import run

run()
