"""NIP (Nomor Induk Pegawai) structure, per Perka BKN 22/2007 (DOMAIN.md §7.1).

There is no check digit: a NIP can only be checked for structure and plausibility.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["Nip", "parse_nip"]


@dataclass(frozen=True)
class Nip:
    """A structurally read NIP; ``problems`` lists what is wrong (empty when well-formed)."""

    digits: str
    lahir: dt.date | None
    tmt: dt.date | None  # first of the TMT month (None for NI PPPK or an invalid month)
    pppk: bool
    problems: tuple[tuple[str, str], ...]  # (id, en) texts


def _date(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def parse_nip(text: str) -> Nip:
    """Read ``text`` (spaces and dots allowed) and list its structural problems."""
    digits = "".join(ch for ch in text if ch not in " .\u00a0")
    problems: list[tuple[str, str]] = []
    if len(digits) != 18 or not digits.isascii() or not digits.isdigit():
        problems.append((f"NIP {text!r} bukan 18 angka", f"NIP {text!r} is not 18 digits"))
        return Nip(digits, None, None, False, tuple(problems))
    lahir = _date(digits[0:4], digits[4:6], digits[6:8])
    if lahir is None or not 1930 <= lahir.year <= 2015:
        problems.append((f"tanggal lahir {digits[0:8]} tidak valid", f"birth date {digits[0:8]} is not valid"))
    month = int(digits[12:14])
    pppk = not 1 <= month <= 12
    tmt = None if pppk else _date(digits[8:12], digits[12:14], "01")
    year = int(digits[8:12])
    if not 1945 <= year <= 2100:
        problems.append((f"tahun TMT {year} tidak valid", f"TMT year {year} is not valid"))
    if digits[14] not in "12":
        problems.append((f"kode jenis kelamin {digits[14]} bukan 1 atau 2",
                         f"sex code {digits[14]} is neither 1 nor 2"))
    if digits[15:18] == "000":
        problems.append(("nomor urut 000 tidak dipakai", "sequence number 000 is never issued"))
    return Nip(digits, lahir, tmt, pppk, tuple(problems))
