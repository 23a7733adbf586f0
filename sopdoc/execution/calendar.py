"""The agency's working-time calendar: which minutes are working minutes (DOMAIN.md §6.3–6.4).

All arithmetic is on naive datetimes in the agency's local time; aware datetimes are converted
to the agency's zone first (``to_local``). Working time is counted in whole and fractional
minutes of the working intervals of each day (weekends, national holidays, cuti bersama and
local holidays have none).
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from sopdoc.execution.national_holidays import national_holidays
from sopdoc.execution.settings import CalendarSettings
from sopdoc.model.waktu import Satuan, Waktu

__all__ = ["WorkingCalendar"]

_DAY = dt.timedelta(days=1)
_MAX_DAYS = 366 * 20  # a search horizon: no working moment within 20 years means a bad calendar


def _at(day: dt.date, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)


def _add_months(day: dt.datetime, months: int) -> dt.datetime:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return day.replace(year=year, month=month, day=min(day.day, _cal.monthrange(year, month)[1]))


class WorkingCalendar:
    """Working days and hours of one agency profile."""

    def __init__(self, settings: CalendarSettings | None = None, holiday_cache: Path | None = None) -> None:
        """``holiday_cache``: a folder where the national holidays of each year are kept between
        runs (:mod:`sopdoc.execution.national_holidays`); None computes them in every process."""
        self.settings = settings or CalendarSettings()
        self.holiday_cache = holiday_cache
        self.zone = ZoneInfo(self.settings.tz_name)
        self._holidays: dict[int, dict[dt.date, str]] = {}
        self._local = set(self.settings.libur_lokal)
        self.intervals = lru_cache(maxsize=4096)(self._intervals)
        # Indonesian zones have kept one offset since 1988 (no daylight saving): convert by adding.
        self._offset = dt.datetime(2000, 1, 1, tzinfo=self.zone).utcoffset()
        self._suffix = dt.datetime(2000, 1, 1, tzinfo=self.zone).isoformat()[-6:]  # "+08:00"

    # ------------------------------------------------------------------ days

    def holidays_of(self, year: int) -> dict[dt.date, str]:
        """Holidays of ``year`` with their Indonesian names (national, cuti bersama, local)."""
        if year not in self._holidays:
            found: dict[dt.date, str] = {}
            if self.settings.libur_nasional and 1946 <= year <= 2200:
                found.update(national_holidays(year, self.holiday_cache))
            for d in self._local:
                if d.year == year:
                    found.setdefault(d, "Libur lokal")
            self._holidays[year] = found
        return self._holidays[year]

    def holiday_name(self, day: dt.date) -> str | None:
        """The name of the holiday on ``day``, or None."""
        return self.holidays_of(day.year).get(day)

    def is_ramadan(self, day: dt.date) -> bool:
        """True when Ramadan hours apply on ``day``."""
        return self.settings.jam_ramadan and any(a <= day <= b for a, b in self.settings.ramadan)

    def _intervals(self, day: dt.date) -> tuple[tuple[int, int], ...]:
        if self.holiday_name(day) is not None:
            return ()
        hours = self.settings.jam_kerja_ramadan if self.is_ramadan(day) else self.settings.jam_kerja
        return hours[day.weekday()]

    def is_working_day(self, day: dt.date) -> bool:
        """True when ``day`` has working hours."""
        return bool(self.intervals(day))

    def is_working_moment(self, moment: dt.datetime) -> bool:
        """True when ``moment`` (local) falls inside the working hours, ends inclusive."""
        if moment.tzinfo is not None:
            moment = self.to_local(moment)
        minute = moment.hour * 60 + moment.minute + moment.second / 60
        for a, b in self.intervals(moment.date()):  # noqa: SIM110 - a loop, not any(): run twice per entry
            if a <= minute <= b:
                return True
        return False

    def outside_hours(self, moment: dt.datetime) -> bool:
        """True when ``moment`` (local) falls on a working day but outside its working hours: what
        ``is_working_day`` and not ``is_working_moment`` say, with one look at the day (a check asks
        twice per entry)."""
        if moment.tzinfo is not None:
            moment = self.to_local(moment)
        spans = self.intervals(moment.date())
        if not spans:
            return False
        minute = moment.hour * 60 + moment.minute + moment.second / 60
        for a, b in spans:  # noqa: SIM110 - a loop, not any()
            if a <= minute <= b:
                return False
        return True

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``day`` (``n = 0``: ``day`` or the next working day)."""
        if n == 0:
            while not self.is_working_day(day):
                day += _DAY
            return day
        for _ in range(_MAX_DAYS):
            day += _DAY
            if self.is_working_day(day):
                n -= 1
                if n == 0:
                    return day
        raise ValueError("no working day found")  # pragma: no cover - needs an empty calendar

    # ------------------------------------------------------------------ moments

    def to_local(self, moment: dt.datetime) -> dt.datetime:
        """``moment`` as a naive local datetime of the agency's zone."""
        if moment.tzinfo is None:
            return moment
        offset = moment.utcoffset()
        if moment.year < 1990 or offset is None or self._offset is None:
            return moment.astimezone(self.zone).replace(tzinfo=None)
        return moment.replace(tzinfo=None) + (self._offset - offset)

    def parse_local(self, iso: str) -> dt.datetime:
        """An ISO 8601 timestamp as naive local time (fast when it carries the agency's offset)."""
        if iso.endswith(self._suffix):
            return dt.datetime.fromisoformat(iso[: -len(self._suffix)])
        return self.to_local(dt.datetime.fromisoformat(iso))

    def working_minutes_between(self, a: dt.datetime, b: dt.datetime) -> float:
        """Working minutes from ``a`` to ``b`` (negative when ``b`` is before ``a``)."""
        if a.tzinfo is not None or b.tzinfo is not None:
            a, b = self.to_local(a), self.to_local(b)
        if b < a:
            return -self.working_minutes_between(b, a)
        day = a.date()
        if day == b.date():  # the common case, once per entry: one step within one day, in a plain loop
            lo = a.hour * 60 + a.minute + a.second / 60 + a.microsecond / 6e7
            hi = b.hour * 60 + b.minute + b.second / 60 + b.microsecond / 6e7
            within = 0.0
            for s, e in self.intervals(day):
                within += max(0.0, min(e, hi) - max(s, lo))
            return round(within, 6)
        total = 0.0
        day = a.date()
        while day <= b.date():
            base = dt.datetime.combine(day, dt.time())
            lo = (a - base).total_seconds() / 60 if day == a.date() else 0.0
            hi = (b - base).total_seconds() / 60 if day == b.date() else 24 * 60.0
            for s, e in self.intervals(day):
                start, end = max(s, lo), min(e, hi)
                if end > start:
                    total += end - start
            day += _DAY
        return round(total, 6)

    def next_working_moment(self, moment: dt.datetime) -> dt.datetime:
        """``moment`` itself when inside working hours (start inclusive), else the next start."""
        moment = self.to_local(moment)
        day = moment.date()
        for _ in range(_MAX_DAYS):
            for s, e in self.intervals(day):
                if _at(day, e) > moment:
                    return max(moment, _at(day, s))
            day += _DAY
        raise ValueError("no working time found")  # pragma: no cover

    def add_working_minutes(self, start: dt.datetime, minutes: Decimal | int | float) -> dt.datetime:
        """The moment at which ``minutes`` working minutes after ``start`` are used up."""
        left = float(minutes)
        moment = self.to_local(start)
        if left <= 0:
            return moment
        day = moment.date()
        for _ in range(_MAX_DAYS):
            base = dt.datetime.combine(day, dt.time())
            now = max(0.0, (moment - base).total_seconds() / 60) if day == moment.date() else 0.0
            for s, e in self.intervals(day):
                begin = max(float(s), now)
                if e <= begin:
                    continue
                if e - begin >= left:
                    return base + dt.timedelta(minutes=begin + left)
                left -= e - begin
            day += _DAY
        raise ValueError("no working time found")  # pragma: no cover

    def add_working_time(self, start: dt.datetime, waktu: Waktu) -> dt.datetime | None:
        """``start`` plus a waktu on this calendar; None when the waktu is unreadable.

        Minutes, hours, working days and weeks are working time (1 day = this calendar's
        minutes of a normal working day); "bulan" and "hari kalender" are calendar time,
        ending at the next working moment.
        """
        if not waktu.terbaca or waktu.satuan is None or waktu.tinggi is None:
            return None
        start = self.to_local(start)
        if waktu.satuan is Satuan.BULAN:
            whole = int(waktu.tinggi)
            end = _add_months(start, whole)
            rest = waktu.tinggi - whole
            if rest:
                end += dt.timedelta(days=float(rest) * 30)
            return self.next_working_moment(end)
        if waktu.satuan is Satuan.HARI_KALENDER or (
                waktu.satuan is Satuan.HARI and not self.settings.hari_is_hari_kerja):
            return self.next_working_moment(start + dt.timedelta(days=float(waktu.tinggi)))
        minutes = waktu.to_minutes(menit_per_hari_kerja=self.settings.menit_per_hari_kerja)
        return None if minutes is None else self.add_working_minutes(start, minutes)

    def standard_minutes(self, waktu: Waktu | None, start: dt.datetime | None = None) -> float | None:
        """The standard of a waktu in working minutes (calendar units measured from ``start``)."""
        if waktu is None or not waktu.terbaca:
            return None
        minutes = waktu.to_minutes(menit_per_hari_kerja=self.settings.menit_per_hari_kerja,
                                   hari_is_hari_kerja=self.settings.hari_is_hari_kerja)
        if minutes is not None or start is None:
            return None if minutes is None else float(minutes)
        end = self.add_working_time(start, waktu)
        return None if end is None else self.working_minutes_between(start, end)
