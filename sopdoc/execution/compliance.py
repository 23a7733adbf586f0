"""Compliance of one period instance: every CMP rule, plus the figures and a verdict per entry."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from sopdoc.errors import UsageError
from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.cmp_context import CheckContext, FactBuilder
from sopdoc.execution.cmp_rules import RULES
from sopdoc.execution.entries import LogEntry, current_entries
from sopdoc.execution.periods import work_window
from sopdoc.execution.pinned import StepTable
from sopdoc.execution.plan import PlannedStep, plan_from_json
from sopdoc.execution.settings import PeriodSettings
from sopdoc.execution.state import BAIK, BELUM_DINILAI, TIDAK_BAIK, State, instance_state, is_overdue
from sopdoc.execution.store import Instance
from sopdoc.model.diagnostic import Diagnostic, Teks

__all__ = ["CaseResult", "Compliance", "EntryVerdict", "Totals", "check_entries", "check_instance"]


@dataclass(slots=True)
class EntryVerdict:
    """One effective entry with its measured time and the codes found on it (made once per entry and
    never changed; not a frozen dataclass, whose ``__init__`` costs six times as much)."""

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
class CaseResult:
    """One case (``kasus``) of an instance: its state and its end-to-end lead time against the SOP's."""

    kasus: str  # "" the one implicit case
    entries: int  # effective entries
    start: dt.datetime | None  # first recorded start (local, naive)
    finished: dt.datetime | None  # end of the main path's last step
    state: State
    actual: float | None  # working minutes from start to finished (finished cases)
    standard: float | None  # working minutes the SOP allows (sum over the main path); None: unreadable
    late: bool  # finished beyond the standard plus the tolerance
    overdue: bool  # still open as of the check, past the deadline or beyond the standard plus the tolerance


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
    cases: tuple[CaseResult, ...] = ()  # in order of their first start; one ("") for a single-run log

    @property
    def open_cases(self) -> tuple[CaseResult, ...]:
        """Cases with entries whose cycle is not finished."""
        return tuple(c for c in self.cases if c.finished is None and c.entries)

    @property
    def overdue_cases(self) -> tuple[CaseResult, ...]:
        """Open cases past the deadline or their standard time, as of the check."""
        return tuple(c for c in self.cases if c.overdue)

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


def _case(ctx: CheckContext) -> CaseResult:
    """The state and end-to-end figures of the case checked by ``ctx``."""
    main = ctx.main_path
    last = [f for f in ctx.facts if main and f.entry.langkah == main[-1]]
    finished = last[-1].end if last else None
    start = ctx.facts[0].start if ctx.facts else None
    standard = ctx.end_to_end_standard(start) if start is not None else None
    limit = None if standard is None else standard * (1 + ctx.settings.time_tolerance) + 1e-6
    actual = None
    if start is not None and finished is not None:
        actual = round(ctx.calendar.working_minutes_between(start, finished), 2)
    overdue = False
    if finished is None and start is not None and ctx.as_of is not None:
        overdue = is_overdue(ctx.deadline, ctx.as_of) or (
            limit is not None and ctx.calendar.working_minutes_between(start, ctx.as_of) > limit)
    state = instance_state(bool(ctx.facts), finished, ctx.deadline, ctx.as_of)
    if overdue:
        state = State.TERLAMBAT
    return CaseResult(ctx.kasus, len(ctx.facts), start, finished, state, actual,
                      None if standard is None else round(standard, 2),
                      actual is not None and limit is not None and actual > limit, overdue)


def _instance_state(cases: list[CaseResult], deadline: dt.date, as_of: dt.datetime | None) -> State:
    """Done when every case is; else overdue after the deadline day (a case beyond its standard time is
    an overdue case, not an overdue period); else in progress or not started."""
    recorded = any(c.entries for c in cases)
    if recorded and all(c.finished is not None for c in cases):
        return State.SELESAI
    if is_overdue(deadline, as_of):
        return State.TERLAMBAT
    return State.BERJALAN if recorded else State.BELUM_DIMULAI


def _by_case(entries: list[LogEntry]) -> dict[str, list[LogEntry]]:
    """The effective entries grouped by case, in order of each case's first recorded entry; one empty
    implicit case when nothing is recorded. Corrections are resolved across the whole instance first
    (a correction may move an entry to another case)."""
    groups: dict[str, list[LogEntry]] = {}
    for e in current_entries(entries):
        groups.setdefault(e.kasus, []).append(e)
    return groups or {"": []}


def check_entries(instance: str, flow: StepTable, entries: list[LogEntry], calendar: WorkingCalendar,
                  settings: PeriodSettings, deadline: dt.date, as_of: dt.datetime | None = None,
                  plan: tuple[PlannedStep, ...] = (), first_day: dt.date | None = None) -> Compliance:
    """Run every CMP rule over each case of ``entries`` (the engine adds each finding's code, slug and
    severity) and compute the figures across all cases, judging the plan and the deadline as of
    ``as_of`` (without it, nothing is overdue) and the period's window from ``first_day``."""
    planned_end = {p.langkah: calendar.parse_local(p.selesai) for p in plan}
    rules = [(rule, rule.func) for _, rule in sorted(RULES.items()) if rule.func is not None]
    builder = FactBuilder(flow, calendar)
    diags: list[Diagnostic] = []
    contexts = []
    for kasus, group in _by_case(entries).items():
        ctx = CheckContext(instance, flow, group, calendar, settings, deadline, as_of, planned_end,
                           kasus=kasus, first_day=first_day, builder=builder)
        contexts.append(ctx)
        for rule, func in rules:
            diags.extend(map(rule.report, func(ctx)))
    diags.sort(key=lambda d: (d.origin.row or 0 if d.origin else 0, d.code, d.message.id))
    codes: dict[int, list[str]] = defaultdict(list)
    for d in diags:
        if d.origin and d.origin.row:
            codes[d.origin.row].append(d.code)
    verdicts: list[EntryVerdict] = []
    rows: list[tuple[float, float | None, bool]] = []
    by_step: defaultdict[int, list[tuple[float, float | None, bool]]] = defaultdict(list)
    by_actor: defaultdict[str, list[tuple[float, float | None, bool]]] = defaultdict(list)
    cases, order = [], []
    for ctx in contexts:
        is_late = ctx.is_late
        for f in ctx.facts:
            e, standard, actual = f.entry, f.standard, f.actual
            order.append((f.start, e.seq))
            found = codes.get(e.seq)  # most entries have none
            verdicts.append(EntryVerdict(e, f.step.uraian if f.step else "", actual, standard,
                                         tuple(sorted(set(found))) if found else ()))
            row = (actual, standard, not is_late(f))
            rows.append(row)
            by_step[e.langkah].append(row)
            by_actor[e.oleh].append(row)
        cases.append(_case(ctx))
    if len(contexts) > 1:  # all cases' entries by start time, as for one case
        ranked = sorted(range(len(order)), key=order.__getitem__)
        verdicts = [verdicts[i] for i in ranked]
    finished = None
    if cases and all(c.finished is not None for c in cases):
        finished = max(c.finished for c in cases if c.finished is not None)
    local_as_of = contexts[0].as_of
    return Compliance(
        instance, tuple(diags), tuple(verdicts), _totals(rows),
        {k: _totals(v) for k, v in sorted(by_step.items())}, {k: _totals(v) for k, v in sorted(by_actor.items())},
        deadline, finished, local_as_of, _instance_state(cases, deadline, local_as_of), tuple(cases))


@lru_cache(maxsize=64)
def _flow(text: str) -> StepTable:
    return StepTable.from_json(text)  # instances of one SOP version share one flow and its caches


def check_instance(inst: Instance, entries: list[LogEntry], calendar: WorkingCalendar,
                   settings: PeriodSettings, as_of: dt.datetime | None = None) -> Compliance:
    """Check a stored instance with its pinned flow, plan and deadline, as of ``as_of``."""
    try:
        first_day: dt.date | None = work_window(inst.period, inst.start, inst.deadline)[0]
    except UsageError:  # a period code edited behind sopdoc's back: log verify says so
        first_day = None
    return check_entries(inst.name, _flow(inst.flow), entries, calendar, settings,
                         dt.date.fromisoformat(inst.deadline), as_of, plan_from_json(inst.plan), first_day)
