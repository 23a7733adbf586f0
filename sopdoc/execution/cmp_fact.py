"""One effective log entry with what the CMP rules derive from it (times, working minutes, standard)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sopdoc.execution.entries import LogEntry
from sopdoc.execution.pinned import Step

__all__ = ["Fact"]


@dataclass(slots=True)
class Fact:
    """One effective entry and what follows from it (made once per entry and never changed; not a frozen
    dataclass, whose ``__init__`` costs six times as much: half a second at 100,000 entries)."""

    entry: LogEntry
    step: Step | None
    index: int | None  # position of the step in the flow (for the path kegiatan[i])
    start: dt.datetime  # local, naive
    end: dt.datetime
    actual: float  # working minutes from start to end
    standard: float | None  # working minutes allowed (tolerance not included)
