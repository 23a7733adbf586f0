"""Which unit a period instance belongs to (the instance itself, its plan and its log are in the store)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Instans(models.Model):
    """A store instance opened from the web: its unit and the SOP version it pinned."""

    nama = models.CharField(max_length=200, unique=True)
    unit = models.ForeignKey("akun.Unit", on_delete=models.PROTECT, related_name="instans")
    sop = models.ForeignKey("sop.Sop", null=True, on_delete=models.SET_NULL, related_name="instans")
    versi = models.PositiveIntegerField(default=0)
    dibuka_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-pada"]
