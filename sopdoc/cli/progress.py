"""A progress bar for runs over many files: count, rate and ETA on stderr (tqdm).

Shown when stderr is a terminal and the run has more than a few files, or always with
``SOPDOC_PROGRESS=1``; never mixed into stdout, so JSON and SARIF output stay clean.
``SOPDOC_PROGRESS=0`` hides it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["Progress", "progress"]

# A bar for two or three files only flickers.
MIN_FILES = 5


class Progress:
    """What a command calls once per finished file."""

    def __init__(self, bar: Any | None) -> None:
        self._bar = bar

    def advance(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(n)


def _wanted(total: int) -> bool:
    setting = os.environ.get("SOPDOC_PROGRESS", "").strip()
    if setting in ("0", "1"):
        return setting == "1"
    return total >= MIN_FILES and sys.stderr.isatty()


@contextmanager
def progress(total: int, label: str) -> Iterator[Progress]:
    """A bar of ``total`` files labelled ``label`` (in the user's language), or a silent stand-in."""
    if not _wanted(total):
        yield Progress(None)
        return
    from tqdm import tqdm

    with tqdm(total=total, desc=label, unit="berkas", file=sys.stderr, dynamic_ncols=True,
              bar_format="{desc}: {n_fmt}/{total_fmt} [{elapsed}<{remaining}, {rate_fmt}]") as bar:
        yield Progress(bar)
