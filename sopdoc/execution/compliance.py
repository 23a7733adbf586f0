"""Compliance of one period instance: every CMP rule, plus the figures and a verdict per entry."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.cmp_context import CheckContext
from sopdoc.execution.cmp_rules import RULES
from sopdoc.execution.entries import LogEntry
from sopdoc.execution.pinned import StepTable
from sopdoc.execution.plan import PlannedStep, plan_from_json
from sopdoc.execution.settings import PeriodSettings
from sopdoc.execution.state import BAIK, BELUM_DINILAI, TIDAK_BAIK, State, instance_state
from sopdoc.execution.store import Instance
from sopdoc.model.diagnostic import Diagnostic, Teks

__all__ = ["Compliance", "EntryVerdict", "Totals", "check_entries", "check_instance"]


@dataclass(frozen=True)
class EntryVerdict:
    """One effective entry with its measured time and the codes found on it."""

    entry: LogEntry
    uraian: str
    actual: float
    standard: float | None
    codes: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when no warning or error concerns this entry."""
        return not any(RULES[c].severity.rank >= 1 for c in self.codes)

    def label(self, lang: str = "id") -> str:
        """"Sesuai", "Terlambat" or "Tidak sesuai" (English with lang='en')."""
        if self.ok:
            return "Compliant" if lang == "en" else "Sesuai"
        if self.codes and all(c == "CMP101" for c in self.codes if RULES[c].severity.rank >= 1):
            return "Late" if lang == "en" else "Terlambat"
        return "Not compliant" if lang == "en" else "Tidak sesuai"


@dataclass(frozen=True)
class Totals:
    """Working minutes and counts of a group of entries (a step, an actor, or all)."""

    entries: int
    on_time: int
    measured: int  # entries with a readable standard
    actual: float
    standard: float

    @property
    def on_time_share(self) -> float | None:
        """On-time entries among those with a standard (0–1), None when none has one."""
        return self.on_time / self.measured if self.measured else None


@dataclass(frozen=True)
class Compliance:
    """The result of checking one instance."""

    instance: str
    diagnostics: tuple[Diagnostic, ...]
    verdicts: tuple[EntryVerdict, ...]
    total: Totals
    per_step: dict[int, Totals]
    per_actor: dict[str, Totals]
    deadline: dt.date
    finished: dt.datetime | None  # end of the last main-path step, local time
    as_of: dt.datetime | None = None  # the moment judged at (local, naive); None: no clock
    state: State = State.BELUM_DIMULAI

    @property
    def good(self) -> bool:
        """True when the cycle is done and no error or warning was found ("Berjalan dengan baik"):
        an empty, unfinished or overdue period never is."""
        return self.state is State.SELESAI and not any(d.severity.rank >= 1 for d in self.diagnostics)

    @property
    def assessment(self) -> Teks:
        """The verdict of the monitoring form: well, not well, or not yet to be assessed (a period
        still running without a deviation)."""
        if self.good:
            return BAIK
        if self.state in (State.BELUM_DIMULAI, State.BERJALAN) and not any(
                d.severity.rank >= 1 for d in self.diagnostics):
            return BELUM_DINILAI
        return TIDAK_BAIK


def _totals(rows: list[tuple[float, float | None, bool]]) -> Totals:
    measured = on_time = 0
    actual = standard = 0.0
    for minutes, baku, ok in rows:
        actual += minutes
        if baku is not None:
            measured += 1
            standard += baku
            on_time += ok
    return Totals(len(rows), on_time, measured, round(actual, 2), round(standard, 2))


def check_entries(instance: str, flow: StepTable, entries: list[LogEntry], calendar: WorkingCalendar,
                  settings: PeriodSettings, deadline: dt.date, as_of: dt.datetime | None = None,
                  plan: tuple[PlannedStep, ...] = ()) -> Compliance:
    """Run every CMP rule over ``entries`` (the engine adds each finding's code, slug and
    severity) and compute the figures, judging the plan and the deadline as of ``as_of`` (without
    it, nothing is overdue)."""
    planned_end = {p.langkah: calendar.parse_local(p.selesai) for p in plan}
    ctx = CheckContext(instance, flow, entries, calendar, settings, deadline, as_of, planned_end)
    diags = [rule.report(finding) for _, rule in sorted(RULES.items()) if rule.func is not None
             for finding in rule.func(ctx)]
    diags.sort(key=lambda d: (d.origin.row or 0 if d.origin else 0, d.code, d.message.id))
    codes: dict[int, list[str]] = defaultdict(list)
    for d in diags:
        if d.origin and d.origin.row:
            codes[d.origin.row].append(d.code)
    verdicts, by_step, by_actor, rows = [], defaultdict(list), defaultdict(list), []
    for f in ctx.facts:
        late = ctx.is_late(f)
        verdicts.append(EntryVerdict(f.entry, f.step.uraian if f.step else "", f.actual, f.standard,
                                     tuple(sorted(set(codes.get(f.entry.seq, []))))))
        row = (f.actual, f.standard, not late)
        rows.append(row)
        by_step[f.entry.langkah].append(row)
        by_actor[f.entry.oleh].append(row)
    main = ctx.main_path
    last = [f for f in ctx.facts if main and f.entry.langkah == main[-1]]
    finished = last[-1].end if last else None
    return Compliance(
        instance, tuple(diags), tuple(verdicts), _totals(rows),
        {k: _totals(v) for k, v in sorted(by_step.items())}, {k: _totals(v) for k, v in sorted(by_actor.items())},
        deadline, finished, ctx.as_of, instance_state(bool(ctx.facts), finished, deadline, ctx.as_of))


@lru_cache(maxsize=64)
def _flow(text: str) -> StepTable:
    return StepTable.from_json(text)  # instances of one SOP version share one flow and its caches


def check_instance(inst: Instance, entries: list[LogEntry], calendar: WorkingCalendar,
                   settings: PeriodSettings, as_of: dt.datetime | None = None) -> Compliance:
    """Check a stored instance with its pinned flow, plan and deadline, as of ``as_of``."""
    return check_entries(inst.name, _flow(inst.flow), entries, calendar, settings,
                         dt.date.fromisoformat(inst.deadline), as_of, plan_from_json(inst.plan))
