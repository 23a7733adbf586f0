"""When an SOP is due for review, and its status in the catalogue.

PermenPAN-RB 35/2012 asks for monitoring and evaluation of SOPs in use but sets no fixed review
interval (DOMAIN.md §5, *unconfirmed*); agencies commonly review every two years, so the default
period is ``DEFAULT_YEARS`` and ``sopdoc katalog --tinjau-tahun`` changes it. The review is counted
from the latest of Tanggal Efektif and Tanggal Revisi; a Tanggal Revisi after the effective date
that lies in the future is a **planned** review date (DOMAIN.md §2 field 4) and is the due date
itself.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sopdoc.model.diagnostic import Teks

__all__ = ["DEFAULT_YEARS", "Status", "due_date", "status_of"]

DEFAULT_YEARS = 2


class Status(StrEnum):
    """An SOP's status in the catalogue."""

    AKTIF = "aktif"
    TINJAU = "perlu_ditinjau"
    DRAFT = "draft"
    GAGAL = "tidak_terbaca"

    @property
    def teks(self) -> Teks:
        """The status as printed."""
        return {
            "aktif": Teks("Aktif", "Active"),
            "perlu_ditinjau": Teks("Perlu ditinjau", "Review due"),
            "draft": Teks("Draf (belum disahkan)", "Draft (not ratified)"),
            "tidak_terbaca": Teks("Tidak terbaca", "Unreadable"),
        }[self.value]


def _date(iso: str | None) -> dt.date | None:
    if not iso:
        return None
    try:
        return dt.date.fromisoformat(iso if len(iso) > 7 else iso + "-01")
    except ValueError:
        return None


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def due_date(efektif: str | None, revisi: str | None, as_of: dt.date, years: int = DEFAULT_YEARS) -> dt.date | None:
    """The review due date, or None without any date to count from."""
    eff, rev = _date(efektif), _date(revisi)
    if rev is not None and rev > as_of and (eff is None or rev > eff):
        return rev  # a planned review date
    base = max((d for d in (eff, rev) if d is not None), default=None)
    return _add_years(base, years) if base is not None else None


def status_of(terbaca: bool, efektif: str | None, due: dt.date | None, as_of: dt.date) -> Status:
    """Unreadable; draft (no Tanggal Efektif: not in force); review due; or active."""
    if not terbaca:
        return Status.GAGAL
    if not efektif:
        return Status.DRAFT
    if due is not None and due <= as_of:
        return Status.TINJAU
    return Status.AKTIF
