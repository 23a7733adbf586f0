"""The planned schedule of a period instance: each main-path step's start and end on the calendar."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass

from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.pinned import StepTable
from sopdoc.model.waktu import parse_waktu

__all__ = ["PlannedStep", "default_start", "plan_from_json", "plan_schedule", "plan_to_json"]


@dataclass(frozen=True)
class PlannedStep:
    """One step of the plan; ``mulai``/``selesai`` are local ISO datetimes with offset."""

    langkah: int
    mulai: str
    selesai: str
    menit_baku: float | None  # the standard in working minutes; None when waktu is unreadable


def default_start(calendar: WorkingCalendar, period_end: dt.date) -> dt.datetime:
    """The first working moment after the period ends (the report is made after the period)."""
    return calendar.next_working_moment(dt.datetime.combine(period_end + dt.timedelta(days=1), dt.time()))


def plan_schedule(flow: StepTable, calendar: WorkingCalendar, start: dt.datetime) -> tuple[PlannedStep, ...]:
    """Steps of the main path (:mod:`sopdoc.model.flow`, rule 6) back to back from ``start``; an
    unreadable waktu takes no time."""
    moment = calendar.next_working_moment(start)
    out = []
    for no in flow.main_path():
        step = flow.step(no)
        assert step is not None
        waktu = parse_waktu(step.waktu) if step.waktu else None
        end = calendar.add_working_time(moment, waktu) if waktu else None
        standard = calendar.working_minutes_between(moment, end) if end else None
        end = end or moment
        out.append(PlannedStep(no, _iso(calendar, moment), _iso(calendar, end), standard))
        moment = calendar.next_working_moment(end)
    return tuple(out)


def _iso(calendar: WorkingCalendar, moment: dt.datetime) -> str:
    return moment.replace(tzinfo=calendar.zone).isoformat(timespec="minutes")


def plan_to_json(plan: tuple[PlannedStep, ...]) -> str:
    """Canonical JSON of a plan."""
    return json.dumps([asdict(p) for p in plan], sort_keys=True)


def plan_from_json(text: str) -> tuple[PlannedStep, ...]:
    """A plan stored by ``plan_to_json``; ValueError when ``text`` is not one (a damaged store)."""
    data = json.loads(text)
    if not isinstance(data, list):
        raise ValueError("plan is not a JSON list")
    steps = []
    for d in data:
        if not (isinstance(d, dict) and set(d) == {"langkah", "mulai", "selesai", "menit_baku"}
                and type(d["langkah"]) is int and isinstance(d["mulai"], str) and isinstance(d["selesai"], str)
                and (d["menit_baku"] is None or type(d["menit_baku"]) in (int, float))):
            raise ValueError("plan step is malformed")
        steps.append(PlannedStep(**d))
    return tuple(steps)
