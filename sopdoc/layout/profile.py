"""The agency's page profile: paper, orientation, margins, fonts, kop lines, logo (DESIGN.md §10).

``PageProfile.resolve(mapping)`` reads the ``[profil]`` table of ``sopdoc.toml``. Keys use the
documents' Indonesian vocabulary; unknown keys and bad values raise :class:`UsageError` naming the
key (with "did you mean"). Keys of ``[profil]`` that belong to other stages (the working-time
calendar) are accepted and ignored here.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from sopdoc.errors import UsageError
from sopdoc.model.diagnostic import Teks

__all__ = ["FOREIGN_KEYS", "PAPER_SIZES_MM", "Orientation", "PageProfile"]

class Orientation(StrEnum):
    """Page orientation (here, not in :mod:`sopdoc.layout.geometry`, so that reading ``[profil]``
    does not load the page geometry)."""

    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


PAPER_SIZES_MM: dict[str, tuple[float, float]] = {"f4": (215.0, 330.0), "a4": (210.0, 297.0)}
"""Portrait width × height in millimetres."""

MM = 72.0 / 25.4

FOREIGN_KEYS = frozenset({"zona_waktu", "libur_lokal", "jam_kerja", "jam_ramadan", "ramadan"})
"""``[profil]`` keys owned by the execution stage; ``resolve`` ignores them."""

_ORIENT = {"lanskap": Orientation.LANDSCAPE, "landscape": Orientation.LANDSCAPE,
           "potret": Orientation.PORTRAIT, "portrait": Orientation.PORTRAIT}


@dataclass(frozen=True)
class PageProfile:
    """How SOP pages are laid out for one agency. All defaults are named here.

    ``margin_mm`` is (top, right, bottom, left). Font sizes are in points.
    """

    kertas: str = "f4"
    orientasi_identitas: Orientation = Orientation.LANDSCAPE
    orientasi_alur: Orientation = Orientation.LANDSCAPE
    margin_mm: tuple[float, float, float, float] = (15.0, 15.0, 15.0, 15.0)
    font: str = "sans"
    ukuran_font: float = 8.0
    ukuran_font_kop: float = 12.0
    instansi: tuple[str, ...] = ()
    logo: str | None = None
    maks_pelaksana: int = 8
    tanda_air: bool = True
    qr: bool = False
    tempat_ttd: str = ""  # the place a period report is signed at ("Singaraja"); dotted line when empty
    tanggal_ttd: str = "per"  # the report's signing date: per (its as-of day), tenggat, selesai, or YYYY-MM-DD

    # ------------------------------------------------------------------ derived values
    def page_size(self, orientation: Orientation) -> tuple[float, float]:
        """Page width and height in points for ``orientation``."""
        w, h = PAPER_SIZES_MM[self.kertas]
        if orientation is Orientation.LANDSCAPE:
            w, h = h, w
        return w * MM, h * MM

    def margins_pt(self) -> tuple[float, float, float, float]:
        """Margins (top, right, bottom, left) in points."""
        t, r, b, l_ = self.margin_mm
        return t * MM, r * MM, b * MM, l_ * MM

    # ------------------------------------------------------------------ resolve
    @classmethod
    def resolve(cls, mapping: dict[str, Any] | None) -> PageProfile:
        """Build a profile from a ``[profil]`` mapping; raise :class:`UsageError` on bad keys/values."""
        mapping = dict(mapping or {})
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, raw in mapping.items():
            if key in FOREIGN_KEYS:
                continue
            if key not in known:
                close = difflib.get_close_matches(str(key), sorted(known), n=1)
                hint_id = f" Maksud Anda '{close[0]}'?" if close else ""
                hint_en = f" Did you mean '{close[0]}'?" if close else ""
                raise UsageError(Teks(f"kunci profil tidak dikenal: '{key}'.{hint_id}",
                                      f"unknown profile key: '{key}'.{hint_en}"))
            values[key] = _convert(key, raw)
        return cls(**values)


SIGNING_DATES = ("per", "tenggat", "selesai")
"""The words ``tanggal_ttd`` takes: the report's as-of day, the period's deadline, the cycle's end."""


def _iso_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _bad(key: str, raw: Any, want_id: str, want_en: str) -> UsageError:
    return UsageError(Teks(f"nilai profil '{key}' tidak valid: {raw!r} (harus {want_id})",
                           f"invalid profile value '{key}': {raw!r} (expected {want_en})"))


def _number(key: str, raw: Any, lo: float, hi: float) -> float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not lo <= raw <= hi:
        raise _bad(key, raw, f"angka {lo:g}–{hi:g}", f"a number {lo:g}–{hi:g}")
    return float(raw)


def _convert(key: str, raw: Any) -> Any:
    """Check and convert one profile value."""
    if key == "kertas":
        if not isinstance(raw, str) or raw.lower() not in PAPER_SIZES_MM:
            raise _bad(key, raw, "'f4' atau 'a4'", "'f4' or 'a4'")
        return raw.lower()
    if key in ("orientasi_identitas", "orientasi_alur"):
        if not isinstance(raw, str) or raw.lower() not in _ORIENT:
            raise _bad(key, raw, "'lanskap' atau 'potret'", "'lanskap' or 'potret'")
        return _ORIENT[raw.lower()]
    if key == "font":
        if raw not in ("sans", "serif"):
            raise _bad(key, raw, "'sans' atau 'serif'", "'sans' or 'serif'")
        return raw
    if key == "margin_mm":
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            raw = [raw] * 4
        if not isinstance(raw, (list, tuple)) or len(raw) != 4:
            raise _bad(key, raw, "angka atau 4 angka [atas, kanan, bawah, kiri]",
                       "a number or 4 numbers [top, right, bottom, left]")
        return tuple(_number(key, v, 0, 60) for v in raw)
    if key == "ukuran_font":
        return _number(key, raw, 5, 14)
    if key == "ukuran_font_kop":
        return _number(key, raw, 6, 24)
    if key == "maks_pelaksana":
        return int(_number(key, raw, 1, 50))
    if key == "instansi":
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, (list, tuple)) or not all(isinstance(v, str) for v in raw):
            raise _bad(key, raw, "daftar teks", "a list of strings")
        return tuple(raw)
    if key == "logo":
        if raw is not None and not isinstance(raw, str):
            raise _bad(key, raw, "jalur berkas gambar", "an image file path")
        return raw or None
    if key == "tempat_ttd":
        if not isinstance(raw, str) or len(raw) > 100 or any(not c.isprintable() for c in raw):
            raise _bad(key, raw, "nama tempat (teks satu baris)", "a place name (one line of text)")
        return raw.strip()
    if key == "tanggal_ttd":
        if isinstance(raw, dt.date):
            return raw.isoformat()
        if isinstance(raw, str) and (raw in SIGNING_DATES or _iso_date(raw)):
            return raw
        raise _bad(key, raw, "'per', 'tenggat', 'selesai' atau tanggal YYYY-MM-DD",
                   "'per', 'tenggat', 'selesai' or a date YYYY-MM-DD")
    if key in ("tanda_air", "qr"):
        if not isinstance(raw, bool):
            raise _bad(key, raw, "true atau false", "true or false")
        return raw
    raise AssertionError(key)  # pragma: no cover - every field is handled above
