"""What the CMP rules look at: an instance's effective entries with their derived facts.

Facts are computed once per entry (local times, working minutes, the standard), so every rule
is a cheap pure function over this context.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property, lru_cache

from sopdoc.codes import Finding
from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.cmp_fact import Fact
from sopdoc.execution.cmp_walk import order_findings
from sopdoc.execution.entries import LogEntry, current_entries
from sopdoc.execution.pinned import Step, StepTable
from sopdoc.execution.settings import PeriodSettings
from sopdoc.model.diagnostic import Origin, Teks
from sopdoc.model.waktu import Satuan, Waktu, parse_waktu

__all__ = ["CheckContext", "Fact", "effective_entries"]

_CALENDAR_UNITS = (Satuan.BULAN, Satuan.HARI_KALENDER, Satuan.HARI)


def effective_entries(entries: list[LogEntry]) -> list[LogEntry]:
    """Entries not superseded by a later one, ordered by start time then recording order."""
    return sorted(current_entries(entries), key=lambda e: (dt.datetime.fromisoformat(e.mulai), e.seq))


@lru_cache(maxsize=1024)
def _waktu(text: str) -> Waktu:
    return parse_waktu(text)


class CheckContext:
    """An instance under check: flow, deadline, calendar, settings and entry facts."""

    def __init__(self, instance: str, flow: StepTable, entries: list[LogEntry], calendar: WorkingCalendar,
                 settings: PeriodSettings, deadline: dt.date, as_of: dt.datetime | None = None,
                 planned_end: dict[int, dt.datetime] | None = None, *, kasus: str = "",
                 first_day: dt.date | None = None) -> None:
        self.instance = instance
        self.kasus = kasus  # the case under check ("" the one implicit case); its findings name it
        self.first_day = first_day  # the first day of the period's window (None: not judged)
        self.as_of = None if as_of is None else calendar.to_local(as_of)  # local, naive; None: no clock
        self.planned_end = planned_end or {}  # main-path step → planned end (local, naive)
        self.flow = flow
        self.calendar = calendar
        self.settings = settings
        self.deadline = deadline
        index = {s.no: i for i, s in enumerate(flow.steps)}
        self._standard_cache: dict[tuple[str, None], float | None] = {}
        facts = []
        for e in current_entries(entries):
            step = flow.step(e.langkah)
            start = calendar.parse_local(e.mulai)
            end = calendar.parse_local(e.selesai)
            facts.append(Fact(e, step, index.get(e.langkah), start, end,
                              calendar.working_minutes_between(start, end), self._standard(step, start)))
        facts.sort(key=lambda f: (f.start, f.entry.seq))
        self.facts = tuple(facts)

    def _standard(self, step: Step | None, start: dt.datetime) -> float | None:
        if step is None or step.waktu is None:
            return None
        waktu = _waktu(step.waktu)
        if waktu.satuan in _CALENDAR_UNITS:  # months and calendar days depend on the start
            return self.calendar.standard_minutes(waktu, start)
        key = (step.waktu, None)
        if key not in self._standard_cache:
            self._standard_cache[key] = self.calendar.standard_minutes(waktu, start)
        return self._standard_cache[key]

    @cached_property
    def order(self) -> list[tuple[str, Fact, Teks]]:
        """The findings of the walk along the flowchart (CMP202/203/205), computed once."""
        return list(order_findings(self.facts, self.flow, self.main_path, self.recorded_steps))

    @cached_property
    def recorded_steps(self) -> set[int]:
        """Numbers of the steps that have at least one entry."""
        return {f.entry.langkah for f in self.facts}

    @cached_property
    def main_path(self) -> tuple[int, ...]:
        """The flow's main path."""
        return self.flow.main_path()

    @cached_property
    def pending(self) -> tuple[int, ...]:
        """Main-path steps after the last recorded one (the part of the cycle still to do)."""
        main = self.main_path
        reached = [i for i, s in enumerate(main) if s in self.recorded_steps]
        return main[max(reached) + 1:] if reached else main

    def is_late(self, fact: Fact) -> bool:
        """True when the step took longer than its standard plus the tolerance."""
        return fact.standard is not None and fact.actual > fact.standard * (1 + self.settings.time_tolerance) + 1e-6

    def end_to_end_standard(self, start: dt.datetime) -> float | None:
        """The working minutes the SOP allows one case from ``start`` to its end: the sum of the
        main-path steps' standards; None when a main-path step has no readable waktu."""
        total = 0.0
        for no in self.main_path:
            minutes = self._standard(self.flow.step(no), start)
            if minutes is None:
                return None
            total += minutes
        return total

    def finding(self, fact: Fact | None, message: Teks, hint: Teks | None = None,
                field: str | None = None, step_index: int | None = None) -> Finding:
        """A finding about ``fact`` (or about the whole instance, at step ``step_index``): the
        path of its step (and mutu baku ``field``), the log row as origin; the engine adds the code.
        A finding of a named case says which case."""
        if self.kasus:
            message = Teks(f"kasus {self.kasus}: {message.id}", f"case {self.kasus}: {message.en}")
        idx = fact.index if fact is not None else step_index
        path: tuple[str | int, ...] = ()
        if idx is not None:
            path = ("kegiatan", idx, "mutu_baku", field) if field else ("kegiatan", idx)
        origin = Origin(file=self.instance, row=fact.entry.seq if fact else None)
        return Finding(path, message, hint, origin)

