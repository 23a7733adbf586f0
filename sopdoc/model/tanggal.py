"""Indonesian dates: month names, "23 Januari 2023" formatting, and reading date text to a date.

The one home of the month names; the identity page, the period names, the report and the
importers all take them from here.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["BULAN", "BULAN_SINGKAT", "MONTHS_EN", "BulanTahun", "bulan_ke", "find_tanggal", "format_tanggal",
           "parse_tanggal", "tanggal_to_iso"]

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember")
"""Indonesian month names, January first."""

BULAN_SINGKAT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
"""Their usual three-letter abbreviations."""

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
"""English month names (the English period names)."""

_MONTH_WORDS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(BULAN, 1)},
    **{abbr.lower(): i for i, abbr in enumerate(BULAN_SINGKAT, 1)},
    "pebruari": 2, "nopember": 11, "agt": 8, "ags": 8,  # older spellings seen in signed documents
}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})")
_MONTH_YEAR = re.compile(r"(?<![\w-])([a-z]+)\.?\s+(\d{4})(?!\d)")


class BulanTahun(dt.date):
    """A date printed as a month and a year only (``April 2020``, ISO ``2020-04``).

    It is the first day of that month, so it compares, sorts and counts like any date; it prints
    (``str``) as ``April 2020`` and its ``isoformat`` is ``2020-04``, so nothing invents a day.
    """

    def __new__(cls, year: int | bytes, month: int | None = None, day: int = 1) -> BulanTahun:
        if isinstance(year, bytes):  # unpickling passes the packed state only
            return dt.date.__new__(cls, year)  # type: ignore[arg-type,call-arg]
        return dt.date.__new__(cls, year, month or 1, 1)

    def __str__(self) -> str:
        return f"{BULAN[self.month - 1]} {self.year}"

    def __repr__(self) -> str:
        return f"BulanTahun({self.year}, {self.month})"

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def bulan_ke(word: str) -> int | None:
    """``"Januari"``, ``"jan"``, ``"Pebruari"`` → the month number 1–12; anything else → None."""
    return _MONTH_WORDS.get(word.strip().rstrip(".").lower())


def format_tanggal(value: dt.date | None) -> str:
    """``2023-01-23`` → ``23 Januari 2023``; a month-year date → ``April 2020``; None → ``-``."""
    if isinstance(value, BulanTahun):
        return str(value)
    return "-" if value is None else f"{value.day} {BULAN[value.month - 1]} {value.year}"


def _month_year(year: int, month: int | None) -> BulanTahun | None:
    return BulanTahun(year, month) if month is not None and dt.MINYEAR <= year <= dt.MAXYEAR else None


def _date(year: int, month: int | None, day: int) -> dt.date | None:
    if month is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_tanggal(text: str) -> dt.date | None:
    """The whole of ``text`` as a date: ``2023-01-23``, ``23 Januari 2023``, ``2 Jan 2023``, or a
    month and year only (``April 2020``, ``2020-04``) as a :class:`BulanTahun`; anything else (a day
    that does not exist, no month) → None."""
    t = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        try:
            return dt.date.fromisoformat(t)
        except ValueError:
            return None
    if re.fullmatch(r"\d{4}-\d{2}", t):
        month = int(t[5:])
        return BulanTahun(int(t[:4]), month) if 1 <= month <= 12 else None
    m = _DAY_MONTH_YEAR.fullmatch(t.lower())
    if m:
        return _date(int(m.group(3)), bulan_ke(m.group(2)), int(m.group(1)))
    m = _MONTH_YEAR.fullmatch(t.lower())
    return _month_year(int(m.group(2)), bulan_ke(m.group(1))) if m else None


def find_tanggal(text: str) -> dt.date | None:
    """The date of the first "number word year" inside ``text`` (``Singaraja, 3 Januari 2022`` →
    2022-01-03); None when that word is not a month or the day does not exist. Without a day, the
    first "month year" (``Bengkulu, April 2020``) as a :class:`BulanTahun`."""
    low = text.lower()
    for m in _DAY_MONTH_YEAR.finditer(low):
        month = bulan_ke(m.group(2))
        if month is not None:
            return _date(int(m.group(3)), month, int(m.group(1)))
    for m in _MONTH_YEAR.finditer(low):
        month = bulan_ke(m.group(1))
        if month is not None:
            return _month_year(int(m.group(2)), month)
    return None


def tanggal_to_iso(text: str) -> str | None:
    """``3 Januari 2022`` (also ``02 Januari 2025``, ``Pebruari``, ``Nopember``) → ``2022-01-03``;
    ``April 2020`` → ``2020-04``."""
    found = find_tanggal(text)
    return found.isoformat() if found else None
