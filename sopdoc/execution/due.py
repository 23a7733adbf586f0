"""What is due as of a moment: the main-path steps still to do whose planned start has come (for
``sopdoc period due``, a daily reminder job)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sopdoc.execution.compliance import Compliance
from sopdoc.execution.entries import LogEntry, current_entries
from sopdoc.execution.pinned import StepTable
from sopdoc.execution.plan import plan_from_json
from sopdoc.execution.store import Instance

__all__ = ["DueStep", "due_case_steps", "due_steps"]


@dataclass(frozen=True)
class DueStep:
    """A step to do now: its plan, and whether it is overdue (planned end or deadline passed)."""

    instance: str
    langkah: int
    uraian: str
    pelaksana: tuple[str, ...]
    mulai: str  # planned, ISO with offset
    selesai: str
    tenggat: str  # the period's deadline, ISO date
    terlambat: bool
    kasus: str = ""  # the case, in an instance of named cases

    def to_dict(self) -> dict[str, object]:
        """JSON-ready data."""
        return {"instance": self.instance, "kasus": self.kasus, "langkah": self.langkah, "uraian": self.uraian,
                "pelaksana": list(self.pelaksana), "mulai": self.mulai, "selesai": self.selesai,
                "tenggat": self.tenggat, "terlambat": self.terlambat}


def due_steps(inst: Instance, entries: list[LogEntry], as_of: dt.datetime, peran: str | None = None) -> list[DueStep]:
    """The main-path steps after the last recorded one whose planned start is at or before ``as_of``
    (aware), each overdue when its planned end has passed or the deadline day is over; only the
    steps of ``peran`` when given. A finished cycle has nothing due."""
    flow = StepTable.from_json(inst.flow)
    plan = plan_from_json(inst.plan)
    recorded = {e.langkah for e in current_entries(entries)}
    reached = max((i for i, p in enumerate(plan) if p.langkah in recorded), default=-1)
    deadline = dt.date.fromisoformat(inst.deadline)
    local = as_of.astimezone(dt.datetime.fromisoformat(plan[0].mulai).tzinfo) if plan else as_of
    past_deadline = local.date() > deadline
    out = []
    for p in plan[reached + 1:]:
        step = flow.step(p.langkah)
        if step is None or dt.datetime.fromisoformat(p.mulai) > as_of:
            continue
        if peran is not None and not step.role_matches(peran):
            continue
        late = past_deadline or dt.datetime.fromisoformat(p.selesai) < as_of
        out.append(DueStep(inst.name, p.langkah, step.uraian, step.pelaksana, p.mulai, p.selesai, inst.deadline, late))
    return out


def due_case_steps(inst: Instance, result: Compliance, peran: str | None = None) -> list[DueStep]:
    """In an instance of named cases (one run per letter or request, no plan per case): for each open
    case, the next main-path step after its last recorded one, overdue when the case is (past the
    deadline, or longer than the SOP's standard time as of the check: :class:`CaseResult`). ``mulai``
    is the case's first recorded start, ``selesai`` empty; only the steps of ``peran`` when given."""
    flow = StepTable.from_json(inst.flow)
    main = flow.main_path()
    recorded: dict[str, set[int]] = {}
    for v in result.verdicts:
        recorded.setdefault(v.entry.kasus, set()).add(v.entry.langkah)
    out = []
    for case in result.open_cases:
        done = recorded.get(case.kasus, set())
        reached = max((i for i, no in enumerate(main) if no in done), default=-1)
        if reached + 1 >= len(main):
            continue
        step = flow.step(main[reached + 1])
        if step is None or (peran is not None and not step.role_matches(peran)):
            continue
        start = case.start.isoformat(timespec="minutes") if case.start else ""
        out.append(DueStep(inst.name, step.no, step.uraian, step.pelaksana, start, "", inst.deadline, case.overdue,
                           case.kasus))
    return out
