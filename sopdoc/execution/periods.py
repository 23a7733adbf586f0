"""Reporting periods: codes, Indonesian names, spans and deadlines (DESIGN.md §8, DOMAIN.md §6.2).

``2026-10`` (bulanan), ``2026-TW3`` (triwulan), ``2026-S1`` (semester), ``2026`` (tahunan).
"""

from __future__ import annotations

import calendar as _cal
import contextlib
import datetime as dt
import re
from dataclasses import dataclass

from sopdoc.errors import UsageError
from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.settings import PeriodSettings
from sopdoc.model.diagnostic import Teks
from sopdoc.model.tanggal import BULAN, MONTHS_EN

__all__ = ["ROMAWI", "Period", "parse_period", "work_window"]

ROMAWI = ("I", "II", "III", "IV")
_CODE = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|TW(?P<tw>[1-4])|S(?P<s>[12])))?$", re.I)


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period: ``kind`` is bulanan, triwulan, semester or tahunan."""

    year: int
    kind: str
    index: int  # month 1–12, quarter 1–4, half 1–2, or 1 for a year

    @property
    def code(self) -> str:
        """``2026-10``, ``2026-TW3``, ``2026-S1`` or ``2026``."""
        return {"bulanan": f"{self.year}-{self.index:02d}", "triwulan": f"{self.year}-TW{self.index}",
                "semester": f"{self.year}-S{self.index}", "tahunan": f"{self.year}"}[self.kind]

    def name(self, lang: str = "id") -> str:
        """"Oktober 2026", "Triwulan III 2026", "Semester I 2026", "Tahun 2026" (or English)."""
        if self.kind == "bulanan":
            return f"{(MONTHS_EN if lang == 'en' else BULAN)[self.index - 1]} {self.year}"
        word = {"triwulan": ("Triwulan", "Quarter"), "semester": ("Semester", "Half-year"),
                "tahunan": ("Tahun", "Year")}[self.kind][lang == "en"]
        if self.kind == "tahunan":
            return f"{word} {self.year}"
        return f"{word} {ROMAWI[self.index - 1]} {self.year}"

    @property
    def months(self) -> int:
        """Length in months."""
        return {"bulanan": 1, "triwulan": 3, "semester": 6, "tahunan": 12}[self.kind]

    @property
    def start(self) -> dt.date:
        """First day of the period."""
        return dt.date(self.year, (self.index - 1) * self.months + 1, 1)

    @property
    def end(self) -> dt.date:
        """Last day of the period."""
        month = self.index * self.months
        return dt.date(self.year, month, _cal.monthrange(self.year, month)[1])

    def deadline(self, calendar: WorkingCalendar, settings: PeriodSettings | None = None) -> dt.date:
        """The day the period's report is due.

        Annual reports follow SAKIP (DOMAIN.md §6.1) unless ``annual-deadline`` is
        ``working-days``; other periods are due ``deadline-working-days`` after the end.
        """
        settings = settings or PeriodSettings()
        nxt = self.year + 1
        if self.kind == "tahunan" and settings.annual_deadline != "working-days":
            if settings.annual_deadline == "pemda":
                return dt.date(nxt, 3, 31)
            return dt.date(nxt, 2, _cal.monthrange(nxt, 2)[1])
        return calendar.add_working_days(self.end, settings.deadline_working_days)

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` lies in the period."""
        return self.start <= day <= self.end


def parse_period(code: str) -> Period:
    """A period from its code; raises UsageError with the accepted forms when unreadable."""
    m = _CODE.match(code.strip())
    if m:
        year = int(m["year"])
        if m["month"] and 1 <= int(m["month"]) <= 12:
            return Period(year, "bulanan", int(m["month"]))
        if m["tw"]:
            return Period(year, "triwulan", int(m["tw"]))
        if m["s"]:
            return Period(year, "semester", int(m["s"]))
        if not m["month"] and 1900 <= year <= 2200:
            return Period(year, "tahunan", 1)
    raise UsageError(Teks(
        f"kode periode tidak dikenal: '{code}' (contoh: 2026-10, 2026-TW3, 2026-S1, 2026)",
        f"unknown period code: '{code}' (examples: 2026-10, 2026-TW3, 2026-S1, 2026)"))


def work_window(period_code: str, start: str, deadline: str) -> tuple[dt.date, dt.date]:
    """The days a period's work is expected on: from the earlier of the period's first day and the
    planned ``start`` (ISO) to the ``deadline`` (ISO date). UsageError for an unknown period code."""
    first = parse_period(period_code).start
    with contextlib.suppress(ValueError):
        first = min(first, dt.datetime.fromisoformat(start).date())
    return first, dt.date.fromisoformat(deadline)
