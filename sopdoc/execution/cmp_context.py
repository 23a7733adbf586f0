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

__all__ = ["CheckContext", "Fact", "FactBuilder", "effective_entries"]

_CALENDAR_UNITS = (Satuan.BULAN, Satuan.HARI_KALENDER, Satuan.HARI)


def effective_entries(entries: list[LogEntry]) -> list[LogEntry]:
    """Entries not superseded by a later one, ordered by start time then recording order."""
    return sorted(current_entries(entries), key=lambda e: (dt.datetime.fromisoformat(e.mulai), e.seq))


@lru_cache(maxsize=1024)
def _waktu(text: str) -> Waktu:
    return parse_waktu(text)


class FactBuilder:
    """The facts of one instance's entries, for the contexts of all its cases: each distinct timestamp is
    read once (the end of one step is often the start of the next), each step's standard computed once
    unless it depends on the start (months, calendar days)."""

    def __init__(self, flow: StepTable, calendar: WorkingCalendar) -> None:
        self.flow = flow
        self.calendar = calendar
        self._index = {s.no: i for i, s in enumerate(flow.steps)}
        self._times: dict[str, dt.datetime] = {}
        self._fixed: dict[str, float | None] = {}  # waktu text → its standard, when it does not depend on start

    def time(self, iso: str) -> dt.datetime:
        """A stored timestamp as naive local time."""
        moment = self._times.get(iso)
        if moment is None:
            moment = self._times[iso] = self.calendar.parse_local(iso)
        return moment

    def standard(self, step: Step | None, start: dt.datetime) -> float | None:
        """The working minutes ``step`` allows when started at ``start`` (None: no readable waktu)."""
        if step is None or step.waktu is None:
            return None
        text = step.waktu
        if text in self._fixed:
            return self._fixed[text]
        waktu = _waktu(text)
        minutes = self.calendar.standard_minutes(waktu, start)
        if waktu.satuan not in _CALENDAR_UNITS:  # months and calendar days depend on the start
            self._fixed[text] = minutes
        return minutes

    def facts(self, entries: list[LogEntry]) -> tuple[Fact, ...]:
        """The facts of ``entries`` in time order (start, then recording order)."""
        step_of, index, time = self.flow.step, self._index.get, self.time
        between, standard = self.calendar.working_minutes_between, self.standard
        facts = []
        for e in entries:
            step = step_of(e.langkah)
            start, end = time(e.mulai), time(e.selesai)
            facts.append(Fact(e, step, index(e.langkah), start, end, between(start, end), standard(step, start)))
        facts.sort(key=_fact_order)
        return tuple(facts)


def _fact_order(f: Fact) -> tuple[dt.datetime, int]:
    return f.start, f.entry.seq


class CheckContext:
    """An instance under check: flow, deadline, calendar, settings and entry facts."""

    def __init__(self, instance: str, flow: StepTable, entries: list[LogEntry], calendar: WorkingCalendar,
                 settings: PeriodSettings, deadline: dt.date, as_of: dt.datetime | None = None,
                 planned_end: dict[int, dt.datetime] | None = None, *, kasus: str = "",
                 first_day: dt.date | None = None, builder: FactBuilder | None = None) -> None:
        """``builder``: the instance's fact builder, shared by the contexts of its cases."""
        self.instance = instance
        self.kasus = kasus  # the case under check ("" the one implicit case); its findings name it
        self.first_day = first_day  # the first day of the period's window (None: not judged)
        self.as_of = None if as_of is None else calendar.to_local(as_of)  # local, naive; None: no clock
        self.planned_end = planned_end or {}  # main-path step → planned end (local, naive)
        self.flow = flow
        self.calendar = calendar
        self.settings = settings
        self.deadline = deadline
        self._builder = builder or FactBuilder(flow, calendar)
        self._limit = 1 + settings.time_tolerance
        self.facts = self._builder.facts(current_entries(entries))

    def _standard(self, step: Step | None, start: dt.datetime) -> float | None:
        return self._builder.standard(step, start)

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
        return fact.standard is not None and fact.actual > fact.standard * self._limit + 1e-6

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

