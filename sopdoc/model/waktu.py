"""The *waktu* (standard time) of a step: a typed value and its grammar.

The grammar keeps what the author meant::

    30 menit · 60 Menit · 2 jam · 1,5 jam · 1 hari kerja · 5 Hari · 2 minggu · 3 bulan
    1 - 5 hari kerja          a range
    1 x 24 jam                a multiplication, read as 24 jam
    paling lambat 17 hari kerja   an upper bound
    15                        a bare number, when the unit sits in the column header

Text that does not fit is kept verbatim with ``bentuk = TIDAK_TERBACA``; nothing is guessed.
Conversion to working minutes takes the calendar's figures as arguments and never assumes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

__all__ = ["Bentuk", "Satuan", "Waktu", "format_minutes", "parse_waktu", "satuan_from_text"]


class Satuan(StrEnum):
    """Unit of a waktu value."""

    MENIT = "menit"
    JAM = "jam"
    HARI = "hari"  # plain "hari": a working day unless configured otherwise (DOMAIN §3.4)
    HARI_KERJA = "hari kerja"
    HARI_KALENDER = "hari kalender"
    MINGGU = "minggu"
    BULAN = "bulan"


class Bentuk(StrEnum):
    """Shape of a waktu value."""

    TEPAT = "tepat"  # one number
    RENTANG = "rentang"  # a range low-high
    PALING_LAMA = "paling_lama"  # an upper bound ("paling lambat …")
    TIDAK_TERBACA = "tidak_terbaca"  # kept verbatim, reported by the checker


_UNIT_WORDS: dict[str, Satuan] = {
    "menit": Satuan.MENIT, "mnt": Satuan.MENIT, "mnit": Satuan.MENIT, "min": Satuan.MENIT,
    "jam": Satuan.JAM, "jm": Satuan.JAM,
    "hari kerja": Satuan.HARI_KERJA, "hk": Satuan.HARI_KERJA, "hr kerja": Satuan.HARI_KERJA,
    "hari kalender": Satuan.HARI_KALENDER,
    "hari": Satuan.HARI, "hr": Satuan.HARI,
    "minggu": Satuan.MINGGU, "mgg": Satuan.MINGGU, "pekan": Satuan.MINGGU,
    "bulan": Satuan.BULAN, "bln": Satuan.BULAN,
}
_UNIT_RE = "|".join(sorted((re.escape(u).replace(r"\ ", r"\s+") for u in _UNIT_WORDS), key=len, reverse=True))
_NUM = r"\d+(?:[.,]\d+)?"
_BOUND = r"(?:paling\s+(?:lambat|lama)|maks(?:imal|\.)?|selambat-lambatnya|sebanyak-banyaknya|≤|<=)"
_RANGE_SEP = r"(?:-|–|—|s\.?\s*/?\s*d\.?|sampai(?:\s+dengan)?|hingga)"

_PATTERN = re.compile(
    rf"""^\s*
    (?P<bound>{_BOUND}\s*)?
    (?:(?P<factor>{_NUM})\s*[x×]\s*)?
    (?P<low>{_NUM})
    (?:\s*{_RANGE_SEP}\s*(?P<high>{_NUM}))?
    \s*(?P<unit>(?:{_UNIT_RE})\b)?
    \s*\.?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def satuan_from_text(text: str) -> Satuan | None:
    """The unit named by ``text`` ("Menit", "hari kerja", "jam"), or None."""
    key = re.sub(r"\s+", " ", text.strip().lower().strip("()."))
    return _UNIT_WORDS.get(key)


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


@dataclass(frozen=True)
class Waktu:
    """A parsed waktu: the author's text plus its meaning.

    ``rendah``/``tinggi`` are the low and high value (equal for an exact value; for an upper
    bound ``rendah`` is None). ``satuan_dari_header`` says the unit came from the column header.
    """

    teks: str
    bentuk: Bentuk
    rendah: Decimal | None = None
    tinggi: Decimal | None = None
    satuan: Satuan | None = None
    satuan_dari_header: bool = False

    @property
    def terbaca(self) -> bool:
        """True when the text was understood."""
        return self.bentuk is not Bentuk.TIDAK_TERBACA

    def __str__(self) -> str:
        return self.teks

    def to_minutes(
        self,
        *,
        menit_per_hari_kerja: int,
        hari_kerja_per_minggu: int = 5,
        hari_kerja_per_bulan: int | None = None,
        hari_is_hari_kerja: bool = True,
        upper: bool = True,
    ) -> Decimal | None:
        """Working minutes of the (upper, or lower with ``upper=False``) value.

        The caller passes the calendar's figures. Returns None when the value is unreadable or
        the unit has no working-time equivalent with the given figures (a calendar day when
        plain "hari" is calendar time, or a month without ``hari_kerja_per_bulan``).
        """
        if not self.terbaca or self.satuan is None:
            return None
        value = self.tinggi if upper or self.rendah is None else self.rendah
        if value is None:
            return None
        day = Decimal(menit_per_hari_kerja)
        per_unit: dict[Satuan, Decimal | None] = {
            Satuan.MENIT: Decimal(1),
            Satuan.JAM: Decimal(60),
            Satuan.HARI_KERJA: day,
            Satuan.HARI: day if hari_is_hari_kerja else None,
            Satuan.HARI_KALENDER: None,
            Satuan.MINGGU: day * hari_kerja_per_minggu,
            Satuan.BULAN: day * hari_kerja_per_bulan if hari_kerja_per_bulan else None,
        }
        factor = per_unit[self.satuan]
        return None if factor is None else value * factor


def parse_waktu(text: str | int | float | Decimal, satuan_header: Satuan | None = None) -> Waktu:
    """Parse a waktu text; ``satuan_header`` is the unit from a "Waktu (Menit)" column header.

    Never raises: text outside the grammar comes back with ``bentuk = TIDAK_TERBACA``.
    """
    raw = str(text)
    if len(raw) > 200:
        return Waktu(teks=raw, bentuk=Bentuk.TIDAK_TERBACA)
    m = _PATTERN.match(raw)
    if not m:
        return Waktu(teks=raw, bentuk=Bentuk.TIDAK_TERBACA)
    try:
        low = _number(m["low"])
        high = _number(m["high"]) if m["high"] else low
        factor = _number(m["factor"]) if m["factor"] else Decimal(1)
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        return Waktu(teks=raw, bentuk=Bentuk.TIDAK_TERBACA)
    unit = satuan_from_text(m["unit"]) if m["unit"] else None
    from_header = False
    if unit is None:
        if satuan_header is None:
            return Waktu(teks=raw, bentuk=Bentuk.TIDAK_TERBACA)
        unit, from_header = satuan_header, True
    low, high = low * factor, high * factor
    if low <= 0 or high < low:
        return Waktu(teks=raw, bentuk=Bentuk.TIDAK_TERBACA)
    if m["bound"]:
        if m["high"]:
            return Waktu(teks=raw, bentuk=Bentuk.TIDAK_TERBACA)
        return Waktu(raw, Bentuk.PALING_LAMA, None, high, unit, from_header)
    shape = Bentuk.RENTANG if m["high"] and high != low else Bentuk.TEPAT
    return Waktu(raw, shape, low, high, unit, from_header)


def format_minutes(minutes: float | None) -> str:
    """A duration as the reports print it: ``495`` → ``8 j 15 mnt``, ``40`` → ``40 mnt``; None → ``-``."""
    if minutes is None:
        return "-"
    h, rest = divmod(round(minutes), 60)
    return f"{h} j {rest} mnt" if h else f"{rest} mnt"
