"""The audit trail: one row per change, written in the same transaction as the change."""

from __future__ import annotations

from typing import Any

from sopdoc.web.akun.models import Audit


def record(user: Any, aksi: str, objek: str, objek_id: object = "", sebelum: Any = None,
           sesudah: Any = None) -> Audit:
    """Append who (``user`` or a name), what (``aksi`` on ``objek`` ``objek_id``), before and after."""
    who = getattr(user, "username", None) or str(user or "-")
    row = Audit(oleh=who, aksi=aksi, objek=objek, objek_id=str(objek_id), sebelum=sebelum, sesudah=sesudah)
    row.save()
    return row
