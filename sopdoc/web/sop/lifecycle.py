"""The SOP lifecycle: draft → review → approved → effective (and back to draft to revise); an
effective SOP whose review is due (:mod:`sopdoc.web.sop.review`) is reviewed and stays in force
(a periodic review, effective → effective) or is revised.

Each transition records who, when and its meaning (authorship, review, approval, putting into
force, revision, periodic review), as 21 CFR Part 11 §11.50 asks of a signature's manifestation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from sopdoc.model.diagnostic import Teks
from sopdoc.web.akun import audit
from sopdoc.web.sop.models import MAKNA_PEMBERLAKUAN, MAKNA_TINJAUAN_BERKALA, Sop, Status, Transisi


@dataclass(frozen=True)
class Move:
    name: str
    dari: str
    ke: str
    makna: str
    label: Teks
    meaning: Teks


MOVES = {m.name: m for m in (
    Move("ajukan", Status.DRAFT, Status.REVIEW, "kepengarangan", Teks("Ajukan untuk ditinjau", "Submit for review"),
         Teks("kepengarangan: saya penyusun versi ini", "authorship: I am the author of this version")),
    Move("kembalikan", Status.REVIEW, Status.DRAFT, "tinjauan", Teks("Kembalikan ke konsep", "Return to draft"),
         Teks("tinjauan: perlu perbaikan", "review: changes needed")),
    Move("setujui", Status.REVIEW, Status.APPROVED, "persetujuan", Teks("Setujui", "Approve"),
         Teks("persetujuan: saya menyetujui versi ini", "approval: I approve this version")),
    Move("berlakukan", Status.APPROVED, Status.EFFECTIVE, MAKNA_PEMBERLAKUAN, Teks("Berlakukan", "Make effective"),
         Teks("pemberlakuan: versi ini berlaku", "putting into force: this version is effective")),
    Move("revisi", Status.EFFECTIVE, Status.DRAFT, "revisi", Teks("Buka revisi", "Start a revision"),
         Teks("revisi: versi baru disusun", "revision: a new version is drafted")),
    Move("tinjau", Status.EFFECTIVE, Status.EFFECTIVE, MAKNA_TINJAUAN_BERKALA,
         Teks("Catat tinjauan berkala", "Record a periodic review"),
         Teks("tinjauan berkala: saya telah meninjau SOP ini; tetap berlaku tanpa perubahan",
              "periodic review: I have reviewed this SOP; it stays in force unchanged")),
)}


def moves_from(status: str) -> list[Move]:
    return [m for m in MOVES.values() if m.dari == status]


def refusal(sop: Sop, move: Move, user: Any) -> Teks | None:
    """Why ``user`` may not make ``move`` on ``sop`` now (None: allowed)."""
    if sop.status != move.dari:
        return Teks("Status SOP sudah berubah; muat ulang halaman.", "The SOP's status has changed; reload the page.")
    versi = sop.latest()
    if versi is None:
        return Teks("SOP belum memiliki versi.", "The SOP has no version yet.")
    if move.name == "ajukan" and versi.galat:
        return Teks(f"Versi ini masih memiliki {versi.galat} galat; perbaiki dulu.",
                    f"This version still has {versi.galat} errors; fix them first.")
    if move.name == "setujui":
        submitted = sop.transisi.filter(ke=Status.REVIEW).order_by("-pada", "-id").first()
        if submitted is not None and submitted.oleh_id == user.pk:
            return Teks("Penyetuju harus orang lain daripada pengaju (empat mata).",
                        "The approver must be someone other than the submitter (four eyes).")
    return None


def apply(sop: Sop, move: Move, user: Any, catatan: str) -> Transisi:
    """Record ``move`` (status, transition row and audit row in one transaction)."""
    with transaction.atomic():
        locked = Sop.objects.select_for_update().get(pk=sop.pk)
        if locked.status != move.dari:
            raise ValueError("status changed")
        before = locked.audit_dict()
        locked.status = move.ke
        locked.save(update_fields=["status"])
        versi = locked.latest()
        assert versi is not None
        row = Transisi.objects.create(sop=locked, versi=versi, dari=move.dari, ke=move.ke, makna=move.makna,
                                      oleh=user, nama_oleh=user.get_full_name() or user.username,
                                      catatan=catatan[:500])
        audit.record(user, f"transisi:{move.name}", "sop", locked.pk, before,
                     {**locked.audit_dict(), "versi": versi.nomor, "makna": move.makna, "catatan": catatan[:500]})
    return row
