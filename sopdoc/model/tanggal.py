"""Indonesian dates: month names, "23 Januari 2023" formatting, and reading date text to a date.

The one home of the month names; the identity page, the period names, the report and the
importers all take them from here.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["BULAN", "BULAN_SINGKAT", "MONTHS_EN", "bulan_ke", "find_tanggal", "format_tanggal",
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


def bulan_ke(word: str) -> int | None:
    """``"Januari"``, ``"jan"``, ``"Pebruari"`` → the month number 1–12; anything else → None."""
    return _MONTH_WORDS.get(word.strip().rstrip(".").lower())


def format_tanggal(value: dt.date | None) -> str:
    """``2023-01-23`` → ``23 Januari 2023``; None → ``-``."""
    return "-" if value is None else f"{value.day} {BULAN[value.month - 1]} {value.year}"


def _date(year: int, month: int | None, day: int) -> dt.date | None:
    if month is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_tanggal(text: str) -> dt.date | None:
    """The whole of ``text`` as a date: ``2023-01-23``, ``23 Januari 2023``, ``2 Jan 2023``;
    anything else (a month and year only, a day that does not exist) → None."""
    t = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        try:
            return dt.date.fromisoformat(t)
        except ValueError:
            return None
    m = _DAY_MONTH_YEAR.fullmatch(t.lower())
    return _date(int(m.group(3)), bulan_ke(m.group(2)), int(m.group(1))) if m else None


def find_tanggal(text: str) -> dt.date | None:
    """The date of the first "number word year" inside ``text`` (``Singaraja, 3 Januari 2022`` →
    2022-01-03); None when that word is not a month or the day does not exist."""
    m = _DAY_MONTH_YEAR.search(text.lower())
    return _date(int(m.group(3)), bulan_ke(m.group(2)), int(m.group(1))) if m else None


def tanggal_to_iso(text: str) -> str | None:
    """``3 Januari 2022`` (also ``02 Januari 2025``, ``Pebruari``, ``Nopember``) → ``2022-01-03``."""
    found = find_tanggal(text)
    return found.isoformat() if found else None
