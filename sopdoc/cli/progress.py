"""A progress bar for runs over many files: count, elapsed time, ETA and rate on stderr.

Shown when stderr is a terminal and the run has more than a few files, or always with
``SOPDOC_PROGRESS=1``; never mixed into stdout, so JSON and SARIF output stay clean.
``SOPDOC_PROGRESS=0`` hides it.

Drawn here rather than by tqdm: importing tqdm took 28 ms (its version lookup reads every
installed package's metadata) and started a monitor thread, a tenth of the time of rendering 100
SOPs (issue #16: per document in a batch). The line keeps tqdm's form,
``Mencetak: 40/100 [00:03<00:04, 12.50berkas/s]``, redrawn at most ten times a second and once at
the end, cut to the terminal's width.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

__all__ = ["Progress", "progress"]

# A bar for two or three files only flickers.
MIN_FILES = 5
REDRAW = 0.1  # seconds between two drawings of the line


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class _Bar:
    """The line on ``stream``: ``label: n/total [elapsed<remaining, rate unit/s]``."""

    def __init__(self, total: int, label: str, unit: str, stream: TextIO) -> None:
        self.total, self.label, self.unit, self.stream = total, label, unit, stream
        self.n = 0
        self.start = time.monotonic()
        self.drawn = -REDRAW
        self.drawn_n = -1
        self.width = 0
        self._draw(self.start)

    def line(self, now: float) -> str:
        elapsed = now - self.start
        rate = self.n / elapsed if self.n and elapsed > 0 else None
        remaining = _clock((self.total - self.n) / rate) if rate else "?"
        shown = f"{rate:.2f}" if rate else "?"
        return f"{self.label}: {self.n}/{self.total} [{_clock(elapsed)}<{remaining}, {shown}{self.unit}/s]"

    def _draw(self, now: float) -> None:
        columns = shutil.get_terminal_size((80, 24)).columns
        text = self.line(now)[: max(columns - 1, 10)]
        self.stream.write("\r" + text + " " * max(self.width - len(text), 0))
        self.stream.flush()
        self.width, self.drawn, self.drawn_n = len(text), now, self.n

    def update(self, n: int) -> None:
        self.n += n
        now = time.monotonic()
        if now - self.drawn >= REDRAW or self.n >= self.total:
            self._draw(now)

    def close(self) -> None:
        if self.drawn_n != self.n:  # the last count is on the line already when the run completed
            self._draw(time.monotonic())
        self.stream.write("\n")
        self.stream.flush()


class Progress:
    """What a command calls once per finished file."""

    def __init__(self, bar: _Bar | None) -> None:
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
    bar = _Bar(total, label, "berkas", sys.stderr)
    try:
        yield Progress(bar)
    finally:
        bar.close()
