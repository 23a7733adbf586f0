"""`python -m sopdoc`."""

from sopdoc.process import run

run()
