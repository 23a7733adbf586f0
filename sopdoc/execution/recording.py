"""Recording entries in an opened instance: the operations behind ``log add`` and ``log import``.

Apart from :mod:`sopdoc.execution.runs` (opening a period reads, checks and pins an SOP) so that
recording an entry loads neither the YAML reader nor the checker: ``log add`` is a whole process
per entry and must start fast (budget 100 ms).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from sopdoc.batch import collector_paused
from sopdoc.errors import UsageError
from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.entry_checks import entry_refusal, entry_warnings
from sopdoc.execution.log_rows import RowResult, check_row
from sopdoc.execution.periods import parse_period, work_window
from sopdoc.execution.pinned import StepTable
from sopdoc.execution.settings import ZONES, CalendarSettings
from sopdoc.execution.store import Instance, LogStore
from sopdoc.model.diagnostic import Teks

__all__ = ["ImportRejected", "find_instance", "instance_calendar", "log_window", "period_window", "record_rows"]


class ImportRejected(UsageError):
    """Rows with problems: nothing was written. ``results`` holds every row's problems."""

    def __init__(self, results: list[RowResult]) -> None:
        bad = [r for r in results if r.problems]
        super().__init__(Teks(f"{len(bad)} baris bermasalah; tidak ada yang dicatat",
                              f"{len(bad)} rows have problems; nothing was recorded"))
        self.results = bad


def find_instance(store: LogStore, name: str) -> Instance:
    """The instance called ``name``; UsageError with a did-you-mean otherwise."""
    inst = store.instance(name)
    if inst is not None:
        return inst
    import difflib

    names = [i.name for i in store.instances()]
    close = difflib.get_close_matches(name, names, n=1)
    tip = (f"; maksud Anda '{close[0]}'?", f"; did you mean '{close[0]}'?") if close else ("", "")
    raise UsageError(Teks(f"instans tidak dikenal: '{name}'{tip[0]} (lihat: sopdoc period list)",
                          f"unknown instance: '{name}'{tip[1]} (see: sopdoc period list)"))


def instance_calendar(inst: Instance, settings: CalendarSettings) -> CalendarSettings:
    """The calendar settings with the instance's pinned time zone."""
    return replace(settings, zona_waktu=inst.zona_waktu) if inst.zona_waktu in ZONES else settings


def log_window(inst: Instance, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """The moments a log entry may carry: from a year before the period starts to a year after the
    later of its end and the planned start (aware datetimes in ``zone``)."""
    period = parse_period(inst.period)
    last = period.end
    with contextlib.suppress(ValueError):
        last = max(last, dt.datetime.fromisoformat(inst.start).date())
    year = dt.timedelta(days=366)
    lo = dt.datetime.combine(max(period.start, dt.date(1901, 1, 1)) - year, dt.time(), zone)
    hi = dt.datetime.combine(min(last, dt.date(2998, 12, 31)) + year, dt.time(23, 59, 59), zone)
    return lo, hi


def period_window(inst: Instance) -> tuple[dt.date, dt.date]:
    """The days the period's work is expected on: from the earlier of the period's first day and the
    planned start to the deadline."""
    return work_window(inst.period, inst.start, inst.deadline)


def record_rows(store: LogStore, inst: Instance, rows: Sequence[tuple[int, dict[str, object]]], *,
                user: str, base_dir: Path | None = None, calendar: CalendarSettings | None = None,
                holiday_cache: Path | None = None) -> tuple[list[RowResult], list]:
    """Validate every row, then append them all in one transaction; ImportRejected if any is bad.

    Each valid row is also checked at once (:mod:`sopdoc.execution.entry_checks`): a refusal is one
    more problem, a warning is kept in the row's ``warnings`` and the row is recorded.
    ``holiday_cache``: the folder keeping the national holidays between runs (see
    :func:`sopdoc.execution.national_holidays.cache_folder`)."""
    flow = StepTable.from_json(inst.flow)
    zone = ZoneInfo(ZONES.get(inst.zona_waktu, "Asia/Makassar"))
    seqs = {e.seq for e in store.entries(inst.name)} if any(r.get("menggantikan") for _, r in rows) else None
    window = log_window(inst, zone)
    stamps: dict[str, tuple[dt.datetime, bool, str]] = {}
    local_days: dict[str, dt.date] = {}
    with collector_paused():  # some ten objects per row, none in a cycle
        results = [check_row(n, r, flow, zone, known_seqs=seqs, base_dir=base_dir, window=window, stamps=stamps)
                   for n, r in rows]
        cal = WorkingCalendar(instance_calendar(inst, calendar or CalendarSettings()), holiday_cache)
        days = period_window(inst)
        for r in results:
            step = flow.step(r.entry.langkah) if r.entry else None
            if r.entry is None or step is None:
                continue
            refused = entry_refusal(r.entry, step)
            if refused is not None:
                r.problems.append(refused)
            else:
                r.warnings.extend(entry_warnings(r.entry, step, cal, days, local_days))
        if any(r.problems for r in results):
            raise ImportRejected(results)
        evidence = [r.evidence for r in results if r.evidence]
        stored = store.append(inst.name, [r.entry for r in results if r.entry], user, evidence)
    return results, stored
