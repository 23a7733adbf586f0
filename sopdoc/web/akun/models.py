"""Units, users with one role each, the audit trail and failed logins."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models

from sopdoc.model.diagnostic import Teks


class Unit(models.Model):
    """An organisational unit (bidang, bagian) that owns SOPs and runs periods."""

    kode = models.SlugField(max_length=40, unique=True)
    nama = models.CharField(max_length=200)

    class Meta:
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class Peran:
    """The four roles of issue 17 §7 (plain strings: the stored values)."""

    PENYUSUN = "penyusun"
    PELAKSANA = "pelaksana"
    INSPEKTUR = "inspektur"
    ADMIN = "admin"
    values = (PENYUSUN, PELAKSANA, INSPEKTUR, ADMIN)
    choices = [(v, v) for v in values]


ROLE_LABELS: dict[str, Teks] = {
    Peran.PENYUSUN: Teks("Penyusun", "Author"),
    Peran.PELAKSANA: Teks("Pelaksana", "Clerk"),
    Peran.INSPEKTUR: Teks("Inspektur", "Inspector"),
    Peran.ADMIN: Teks("Administrator", "Administrator"),
}


def jabatan_lines(text: str) -> list[str]:
    """Job titles typed one per line, trimmed, blank lines and repeats dropped (at most 20)."""
    out: list[str] = []
    for line in text.replace("\r", "").split("\n"):
        line = " ".join(line.split())[:200]
        if line and line not in out:
            out.append(line)
    return out[:20]


class Pengguna(AbstractUser):
    """A user: belongs to at most one unit, has one role and holds zero or more job titles (jabatan,
    one per line: the SOP's pelaksana whose steps are hers)."""

    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="anggota")
    peran = models.CharField(max_length=20, choices=Peran.choices, default=Peran.PELAKSANA)
    jabatan = models.TextField(blank=True, default="", max_length=2000)
    ganti_sandi = models.BooleanField(default=False)  # a one-time password: to be changed at the next login

    def has_role(self, *roles: str) -> bool:
        """True when the user is active and has one of ``roles``."""
        return bool(self.is_active and self.peran in roles)

    @property
    def jabatan_list(self) -> list[str]:
        """The user's job titles (one per line, blank lines dropped)."""
        return jabatan_lines(self.jabatan)

    def in_unit(self, unit_id: int | None) -> bool:
        """Whether the user may act for ``unit_id``: administrators always, others in their own unit."""
        return self.peran == Peran.ADMIN or (unit_id is not None and self.unit_id == unit_id)

    def audit_dict(self) -> dict[str, Any]:
        return {"username": self.username, "nama": self.get_full_name(), "unit": self.unit_id,
                "peran": self.peran, "jabatan": self.jabatan_list, "aktif": self.is_active}


class Audit(models.Model):
    """One change: who, what, when, the values before and after (append-only)."""

    pada = models.DateTimeField(auto_now_add=True, db_index=True)
    oleh = models.CharField(max_length=150)
    aksi = models.CharField(max_length=60)
    objek = models.CharField(max_length=60)
    objek_id = models.CharField(max_length=200, blank=True)
    sebelum = models.JSONField(null=True, blank=True)
    sesudah = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-pada", "-id"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("audit rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("audit rows are append-only")


class LoginGagal(models.Model):
    """A failed login (for throttling; rows older than the window are pruned)."""

    pada = models.DateTimeField(auto_now_add=True, db_index=True)
    username = models.CharField(max_length=150, db_index=True)
    alamat = models.CharField(max_length=64, db_index=True)
