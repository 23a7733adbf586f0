"""Warnings at entry (issue #15 point 4): what ``log add``/``log import`` say at once about a valid row.

The same facts are findings of ``period check`` (CMP102 role, CMP204 decision, CMP302 day off,
CMP301 after the deadline); saying them when the entry is made lets the clerk correct a typo while
she still remembers. What the regulation allows is recorded with a warning: work on a weekend or
holiday (overtime), a step done by another role (a Plt. or delegation), an entry dated outside the
period's window. What cannot be right is refused: a decision step recorded without the decision
taken, since the flow after it depends on that branch.
"""

from __future__ import annotations

import datetime as dt

from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.entries import EntryInput
from sopdoc.execution.pinned import Step
from sopdoc.model.diagnostic import Teks

__all__ = ["entry_refusal", "entry_warnings"]


def _local_day(calendar: WorkingCalendar, iso: str) -> dt.date:
    return calendar.to_local(dt.datetime.fromisoformat(iso)).date()


def entry_refusal(entry: EntryInput, step: Step) -> Teks | None:
    """Why ``entry`` cannot be recorded at all; None when it can."""
    if step.keputusan and not entry.keputusan and not entry.menggantikan:
        return Teks(f"langkah {step.no} adalah keputusan; isi keputusan yang diambil (ya/tidak)",
                    f"step {step.no} is a decision; give the decision taken (ya/tidak)")
    return None


def entry_warnings(entry: EntryInput, step: Step, calendar: WorkingCalendar,
                   window: tuple[dt.date, dt.date], days: dict[str, dt.date] | None = None) -> list[Teks]:
    """What is allowed but worth saying at once: day off, other role, outside the period's window
    (``window``: the first day the period's work may start, the deadline). ``days``: the local day of
    each timestamp already seen by the entries of one import."""
    out = []
    if days is None:
        days = {}
    local_start = days.get(entry.mulai) or days.setdefault(entry.mulai, _local_day(calendar, entry.mulai))
    local_end = days.get(entry.selesai) or days.setdefault(entry.selesai, _local_day(calendar, entry.selesai))
    for day in (local_start, local_end):
        if not calendar.is_working_day(day):
            why = calendar.holiday_name(day) or ("akhir pekan" if day.weekday() >= 5 else "hari tanpa jam kerja")
            why_en = calendar.holiday_name(day) or ("weekend" if day.weekday() >= 5 else "day without working hours")
            out.append(Teks(f"langkah {step.no} dicatat pada {day:%Y-%m-%d} ({why}); tetap dicatat",
                            f"step {step.no} recorded on {day:%Y-%m-%d} ({why_en}); recorded anyway"))
            break
    if step.pelaksana and not step.role_matches(entry.peran):
        out.append(Teks(f"langkah {step.no} dikerjakan oleh '{entry.peran}', bukan {' / '.join(step.pelaksana)} "
                        "(CMP102 pada period check); tetap dicatat",
                        f"step {step.no} done by '{entry.peran}', not {' / '.join(step.pelaksana)} "
                        "(CMP102 at period check); recorded anyway"))
    first, deadline = window
    if local_start < first or local_end > deadline:
        out.append(Teks(f"langkah {step.no} ({local_start:%Y-%m-%d}) di luar jendela periode ({first:%Y-%m-%d} "
                        f"s.d. tenggat {deadline:%Y-%m-%d}); instansnya benar?",
                        f"step {step.no} ({local_start:%Y-%m-%d}) lies outside the period's window "
                        f"({first:%Y-%m-%d} to the deadline {deadline:%Y-%m-%d}); is this the right instance?"))
    return out
