"""Where each case (``kasus``) of an instance stands as of a moment: ``period status`` per case.

Built from a compliance check (:mod:`sopdoc.execution.compliance`: each case's state, start, end and
end-to-end lead time against the SOP's standard) and the entries: steps of the main path done, the
last entry, and the working time so far of a case still open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.compliance import Compliance
from sopdoc.execution.entries import LogEntry, current_entries
from sopdoc.execution.pinned import StepTable
from sopdoc.execution.state import State

__all__ = ["CaseStatus", "case_statuses"]


@dataclass(frozen=True)
class CaseStatus:
    """One case as of the check's moment."""

    kasus: str  # "" the one implicit case
    done: int  # main-path steps recorded
    total: int  # main-path steps
    start: dt.datetime | None  # first recorded start (local, naive)
    last: dt.datetime | None  # latest recorded end (local, naive)
    minutes: float | None  # working minutes from start to the end of the cycle, or so far (open case)
    standard: float | None  # working minutes the SOP allows one case; None: unreadable
    state: State
    finished: bool  # the cycle's last main-path step is recorded

    @property
    def over_standard(self) -> bool:
        """The case took (or has so far taken) longer than the SOP's standard time."""
        return self.minutes is not None and self.standard is not None and self.minutes > self.standard

    def to_dict(self, lang: str = "id") -> dict[str, object]:
        """JSON-ready data (``period status --format json``)."""
        return {"kasus": self.kasus, "done": self.done, "total": self.total,
                "start": self.start.isoformat(timespec="minutes") if self.start else None,
                "last": self.last.isoformat(timespec="minutes") if self.last else None,
                "working_minutes": self.minutes, "standard_minutes": self.standard, "finished": self.finished,
                "over_standard": self.over_standard, "state": str(self.state), "state_text": self.state.teks.get(lang)}


def case_statuses(result: Compliance, entries: list[LogEntry], flow: StepTable,
                  calendar: WorkingCalendar) -> list[CaseStatus]:
    """Every case of ``result`` (in order of its first start) with its progress along the main path."""
    main = flow.main_path()
    recorded: dict[str, set[int]] = {}
    last: dict[str, dt.datetime] = {}
    for e in current_entries(entries):
        recorded.setdefault(e.kasus, set()).add(e.langkah)
        end = calendar.parse_local(e.selesai)
        if e.kasus not in last or end > last[e.kasus]:
            last[e.kasus] = end
    out = []
    for c in result.cases:
        minutes = c.actual
        if minutes is None and c.start is not None and result.as_of is not None and result.as_of > c.start:
            minutes = round(calendar.working_minutes_between(c.start, result.as_of), 2)  # so far
        steps = recorded.get(c.kasus, set())
        out.append(CaseStatus(c.kasus, sum(1 for s in main if s in steps), len(main), c.start, last.get(c.kasus),
                              minutes, c.standard, c.state, c.finished is not None))
    return out
