"""Settings of the execution stage: the working calendar and the period rules (DESIGN.md §10).

Defaults, in one place:

* ``zona_waktu = "WITA"`` (Asia/Makassar; all seed agencies are in WITA).
* Working hours, Perpres 21/2023 (37 h 30 min a week, start 07:30 local time):
  Mon–Thu 07:30–16:00 with a 60-minute break 12:00–13:00 (450 net minutes);
  Fri 07:30–16:30 with a 90-minute break 11:30–13:00 (450 net minutes); Sat–Sun off.
* Ramadan hours (``jam_ramadan = true``; 32 h 30 min a week, start 08:00):
  Mon–Thu 08:00–15:00 with a 30-minute break 12:00–12:30 (390 net minutes);
  Fri 08:00–15:30 with a 60-minute break 11:30–12:30 (390 net minutes), on the dates in
  ``ramadan`` (pairs of first and last day; 2025 and 2026 are preset).
* Holidays: the ``holidays`` package, country ID, categories public (libur nasional) and
  government (cuti bersama), plus ``libur_lokal`` dates (e.g. Galungan/Kuningan in Bali).
* ``hari_is_hari_kerja = true``: a plain "hari" in a waktu is a working day (DOMAIN.md §3.4).
* Period: the report is due ``deadline-working-days = 10`` working days after the period ends;
  annual reports follow SAKIP (``annual-deadline = "opd"``: end of February, the perangkat
  daerah's LKjIP; ``"pemda"``: 31 March; ``"kementerian"``: end of February;
  ``"working-days"``: like the other periods). ``time-tolerance = 0.1``: 10 % over the
  standard is still on time.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from sopdoc.errors import UsageError
from sopdoc.model.diagnostic import Teks

__all__ = ["DEFAULT_HOURS", "RAMADAN_HOURS", "ZONES", "CalendarSettings", "Hours", "PeriodSettings"]

ZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}

# Working intervals of a weekday as (start, end) minutes after midnight, Monday = 0.
Hours = tuple[tuple[tuple[int, int], ...], ...]


def _hm(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def _day(*spans: str) -> tuple[tuple[int, int], ...]:
    return tuple((_hm(s.split("-")[0]), _hm(s.split("-")[1])) for s in spans)


_MON_THU = _day("07:30-12:00", "13:00-16:00")
_FRI = _day("07:30-11:30", "13:00-16:30")
DEFAULT_HOURS: Hours = (_MON_THU, _MON_THU, _MON_THU, _MON_THU, _FRI, (), ())
_R_MON_THU = _day("08:00-12:00", "12:30-15:00")
_R_FRI = _day("08:00-11:30", "12:30-15:30")
RAMADAN_HOURS: Hours = (_R_MON_THU, _R_MON_THU, _R_MON_THU, _R_MON_THU, _R_FRI, (), ())
_RAMADAN = ((dt.date(2025, 3, 1), dt.date(2025, 3, 30)), (dt.date(2026, 2, 19), dt.date(2026, 3, 19)))
_WEEKDAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")


def _bad(key: str, value: Any, expected_id: str, expected_en: str) -> UsageError:
    return UsageError(Teks(f"nilai tidak valid untuk '{key}': {value!r} ({expected_id})",
                           f"invalid value for '{key}': {value!r} ({expected_en})"))


def _unknown(section: str, key: str, known: list[str]) -> UsageError:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
    tip_id = f"; maksud Anda '{close[0]}'?" if close else ""
    tip_en = f"; did you mean '{close[0]}'?" if close else ""
    return UsageError(Teks(f"kunci tidak dikenal di [{section}]: '{key}'{tip_id}",
                           f"unknown key in [{section}]: '{key}'{tip_en}"))


def _date(key: str, value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise _bad(key, value, "tanggal YYYY-MM-DD", "a date YYYY-MM-DD") from None


def _spans(key: str, value: Any) -> tuple[tuple[int, int], ...]:
    """``["07:30-12:00", "13:00-16:00"]`` → minute intervals, ordered and non-overlapping."""
    if isinstance(value, str):
        value = [value]
    try:
        spans = _day(*(str(v) for v in value)) if value else ()
    except (ValueError, IndexError, TypeError):
        raise _bad(key, value, 'daftar rentang "HH:MM-HH:MM"', 'a list of "HH:MM-HH:MM" spans') from None
    last = 0
    for a, b in spans:
        if not (last <= a < b <= 24 * 60):
            raise _bad(key, value, "rentang harus urut dan tidak tumpang tindih",
                       "spans must be ordered and must not overlap")
        last = b
    return spans


def _bool(key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise _bad(key, value, "true atau false", "true or false")


@dataclass(frozen=True)
class CalendarSettings:
    """The agency's working-time calendar (section ``[kalender]``)."""

    zona_waktu: str = "WITA"
    jam_kerja: Hours = DEFAULT_HOURS
    jam_ramadan: bool = False
    jam_kerja_ramadan: Hours = RAMADAN_HOURS
    ramadan: tuple[tuple[dt.date, dt.date], ...] = _RAMADAN
    libur_lokal: tuple[dt.date, ...] = ()
    libur_nasional: bool = True
    hari_is_hari_kerja: bool = True

    @property
    def tz_name(self) -> str:
        """The IANA zone of ``zona_waktu`` (WITA → Asia/Makassar)."""
        return ZONES[self.zona_waktu]

    @property
    def menit_per_hari_kerja(self) -> int:
        """Net working minutes of a normal Monday (450 by default)."""
        return sum(b - a for a, b in self.jam_kerja[0]) or 450

    @classmethod
    def resolve(cls, mapping: Mapping[str, Any] | None = None) -> CalendarSettings:
        """Settings from a ``[kalender]`` mapping; unknown keys and bad values raise UsageError.

        ``jam_kerja`` / ``jam_kerja_ramadan`` are tables keyed by weekday name (senin … minggu)
        whose values are lists of "HH:MM-HH:MM" spans; days not named keep their default.
        """
        mapping = dict(mapping or {})
        known = [f.name for f in fields(cls)]
        out: dict[str, Any] = {}
        for key, value in mapping.items():
            norm = key.replace("-", "_")
            if norm not in known:
                raise _unknown("kalender", key, known)
            if norm == "zona_waktu":
                if str(value).upper() not in ZONES:
                    raise _bad(key, value, "WIB, WITA atau WIT", "WIB, WITA or WIT")
                out[norm] = str(value).upper()
            elif norm in ("jam_kerja", "jam_kerja_ramadan"):
                if not isinstance(value, Mapping):
                    raise _bad(key, value, "tabel per hari (senin … minggu)", "a table per weekday")
                base = list(DEFAULT_HOURS if norm == "jam_kerja" else RAMADAN_HOURS)
                for day, spans in value.items():
                    if str(day).lower() not in _WEEKDAYS:
                        raise _unknown(f"kalender.{key}", str(day), list(_WEEKDAYS))
                    base[_WEEKDAYS.index(str(day).lower())] = _spans(f"{key}.{day}", spans)
                out[norm] = tuple(base)
            elif norm == "libur_lokal":
                out[norm] = tuple(sorted(_date(key, v) for v in (value or [])))
            elif norm == "ramadan":
                pairs = []
                for pair in value or []:
                    if not isinstance(pair, (list, tuple)) or len(pair) != 2:
                        raise _bad(key, pair, "pasangan [mulai, selesai]", "a pair [first, last]")
                    a, b = _date(key, pair[0]), _date(key, pair[1])
                    if b < a:
                        raise _bad(key, pair, "selesai sebelum mulai", "last day before first day")
                    pairs.append((a, b))
                out[norm] = tuple(pairs)
            else:
                out[norm] = _bool(key, value)
        return cls(**out)


@dataclass(frozen=True)
class PeriodSettings:
    """Rules of a period (section ``[period]``): deadline and tolerance."""

    deadline_working_days: int = 10
    annual_deadline: str = "opd"
    time_tolerance: float = 0.1
    check_working_hours: bool = True

    @classmethod
    def resolve(cls, mapping: Mapping[str, Any] | None = None) -> PeriodSettings:
        """Settings from a ``[period]`` mapping; unknown keys and bad values raise UsageError."""
        mapping = dict(mapping or {})
        known = ["deadline-working-days", "annual-deadline", "time-tolerance", "check-working-hours"]
        out: dict[str, Any] = {}
        for key, value in mapping.items():
            norm = key.replace("_", "-")
            if norm not in known:
                raise _unknown("period", key, known)
            attr = norm.replace("-", "_")
            if norm == "deadline-working-days":
                if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 250:
                    raise _bad(key, value, "bilangan bulat 0–250", "an integer 0–250")
                out[attr] = value
            elif norm == "annual-deadline":
                if value not in ("opd", "pemda", "kementerian", "working-days"):
                    raise _bad(key, value, "opd, pemda, kementerian atau working-days",
                               "opd, pemda, kementerian or working-days")
                out[attr] = value
            elif norm == "time-tolerance":
                if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10:
                    raise _bad(key, value, "bilangan 0–10, mis. 0.1 = 10 %", "a number 0–10, e.g. 0.1 = 10 %")
                out[attr] = float(value)
            else:
                out[attr] = _bool(key, value)
        return cls(**out)
