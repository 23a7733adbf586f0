"""When an effective SOP is due for its periodic review ("perlu ditinjau"), and who reviewed it last.

The due date is the catalogue's (:func:`sopdoc.katalog.review.due_date`, the one rule): counted from
the latest of Tanggal Efektif and Tanggal Revisi — and, on the web, of the last recorded periodic
review — over ``settings.SOPDOC_TINJAU_TAHUN`` years (``sopdoc katalog --tinjau-tahun``); a planned
Tanggal Revisi in the future is the due date itself. An SOP made effective on the web without a
Tanggal Efektif in its identity counts from the day it was put into force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from sopdoc.katalog.review import Status as KatalogStatus
from sopdoc.katalog.review import due_date, status_of
from sopdoc.web.sop.models import MAKNA_PEMBERLAKUAN, MAKNA_TINJAUAN_BERKALA, Sop, Status, Transisi

__all__ = ["Review", "reviews"]


@dataclass(frozen=True)
class Review:
    """An SOP's review state as of a day."""

    jatuh_tempo: dt.date | None  # the review due date (None: no date to count from)
    perlu_ditinjau: bool  # effective and the due date has come
    oleh: str = ""  # the last periodic review: who
    pada: dt.datetime | None = None  # … and when


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def reviews(sops: Iterable[Sop], as_of: dt.date | None = None) -> dict[int, Review]:
    """Each SOP's review state (one query for the transitions of all of them)."""
    sops = list(sops)
    today = as_of or timezone.localdate()
    years = int(getattr(settings, "SOPDOC_TINJAU_TAHUN", 2))
    put_in_force: dict[int, dt.date] = {}
    reviewed: dict[int, Transisi] = {}
    for tr in Transisi.objects.filter(sop__in=[s.pk for s in sops],
                                      makna__in=[MAKNA_PEMBERLAKUAN, MAKNA_TINJAUAN_BERKALA]).order_by("pada", "id"):
        if tr.makna == MAKNA_PEMBERLAKUAN:
            put_in_force[tr.sop_id] = timezone.localtime(tr.pada).date()
        else:
            reviewed[tr.sop_id] = tr
    out = {}
    for s in sops:
        last = reviewed.get(s.pk)
        efektif = s.tanggal_efektif or put_in_force.get(s.pk)
        counted = [d for d in (s.tanggal_revisi, timezone.localtime(last.pada).date() if last else None) if d]
        revisi = max(counted) if counted else None
        due = due_date(_iso(efektif), _iso(revisi), today, years)
        state = status_of(True, _iso(efektif), due, today)
        out[s.pk] = Review(due, s.status == Status.EFFECTIVE and state is KatalogStatus.TINJAU,
                           last.nama_oleh if last else "", last.pada if last else None)
    return out
