"""An SOP of a unit, its versions (every save) and its lifecycle transitions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from sopdoc.model.diagnostic import Teks


class Status:
    """The lifecycle states (plain strings: the stored values)."""

    DRAFT = "draft"
    REVIEW = "review"
    APPROVED = "approved"
    EFFECTIVE = "effective"
    values = (DRAFT, REVIEW, APPROVED, EFFECTIVE)
    choices = [(v, v) for v in values]


STATUS_LABELS: dict[str, Teks] = {
    Status.DRAFT: Teks("Konsep", "Draft"),
    Status.REVIEW: Teks("Ditinjau", "In review"),
    Status.APPROVED: Teks("Disetujui", "Approved"),
    Status.EFFECTIVE: Teks("Berlaku", "Effective"),
}

MAKNA_PEMBERLAKUAN = "pemberlakuan"
MAKNA_TINJAUAN_BERKALA = "tinjauan-berkala"
MAKNA_LABELS: dict[str, Teks] = {  # the meaning recorded with a transition (lifecycle.MOVES)
    "kepengarangan": Teks("kepengarangan", "authorship"),
    "tinjauan": Teks("tinjauan", "review"),
    "persetujuan": Teks("persetujuan", "approval"),
    MAKNA_PEMBERLAKUAN: Teks("pemberlakuan", "putting into force"),
    "revisi": Teks("revisi", "revision"),
    MAKNA_TINJAUAN_BERKALA: Teks("tinjauan berkala", "periodic review"),
}


def _label(labels: dict[str, Teks], value: str) -> Teks:
    """The printed label of a stored value; an unknown value (older data) shown as it is."""
    return labels.get(value, Teks(value, value))


class Sop(models.Model):
    """One SOP document of one unit; its content is its newest Versi."""

    unit = models.ForeignKey("akun.Unit", on_delete=models.PROTECT, related_name="sops")
    judul = models.CharField(max_length=300)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    galat = models.PositiveIntegerField(default=0)
    peringatan = models.PositiveIntegerField(default=0)
    tanggal_revisi = models.DateField(null=True, blank=True)  # the planned review date of the newest version
    tanggal_efektif = models.DateField(null=True, blank=True)  # the newest version's Tanggal Efektif

    class Meta:
        ordering = ["unit__nama", "judul"]

    def __str__(self) -> str:
        return self.judul

    def latest(self) -> Versi | None:
        return self.versi.order_by("-nomor").first()

    def audit_dict(self) -> dict[str, Any]:
        return {"judul": self.judul, "unit": self.unit_id, "status": self.status}


class Versi(models.Model):
    """One saved content of an SOP: the YAML source as typed (it may hold findings), never changed."""

    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="versi")
    nomor = models.PositiveIntegerField()
    sumber = models.TextField()
    sha256 = models.CharField(max_length=64)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pada = models.DateTimeField(auto_now_add=True)
    catatan = models.CharField(max_length=300, blank=True)
    galat = models.PositiveIntegerField(default=0)
    peringatan = models.PositiveIntegerField(default=0)
    temuan = models.JSONField(default=list)  # [{code, severity, path, message_id, message_en}]

    class Meta:
        ordering = ["sop", "-nomor"]
        constraints = [models.UniqueConstraint(fields=["sop", "nomor"], name="versi_unik")]


class Transisi(models.Model):
    """A lifecycle step: who, when, from, to and its meaning (21 CFR Part 11 §11.50)."""

    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="transisi")
    versi = models.ForeignKey(Versi, on_delete=models.PROTECT, related_name="+")
    dari = models.CharField(max_length=20, choices=Status.choices)
    ke = models.CharField(max_length=20, choices=Status.choices)
    makna = models.CharField(max_length=30)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    nama_oleh = models.CharField(max_length=300)
    pada = models.DateTimeField(auto_now_add=True)
    catatan = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["sop", "pada", "id"]

    @property
    def label_dari(self) -> Teks:
        return _label(STATUS_LABELS, self.dari)

    @property
    def label_ke(self) -> Teks:
        return _label(STATUS_LABELS, self.ke)

    @property
    def label_makna(self) -> Teks:
        return _label(MAKNA_LABELS, self.makna)
