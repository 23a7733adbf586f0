"""`python -m sopdoc`."""

from .cli import run

run()
