"""A :class:`~sopdoc.revisi.changes.Revisi` as text (one line per difference) or JSON."""

from __future__ import annotations

import json
from collections import Counter

from sopdoc.model.diagnostic import Teks
from sopdoc.revisi.changes import Jenis, Revisi, uraikan

__all__ = ["revisi_json", "revisi_text", "summary"]

_KINDS = {
    Jenis.DITAMBAH: ("ditambah", "added"),
    Jenis.DIHAPUS: ("dihapus", "removed"),
    Jenis.DIUBAH: ("diubah", "changed"),
    Jenis.DIPINDAH: ("dipindah", "moved"),
    Jenis.DINOMORI_ULANG: ("dinomori ulang", "renumbered"),
}


def summary(revisi: Revisi, old_name: str, new_name: str) -> Teks:
    """``lama → baru: 5 perubahan (2 diubah, 1 ditambah, …)`` or that the two are the same."""
    if revisi.sama:
        return Teks(f"{old_name} → {new_name}: tidak ada perubahan", f"{old_name} → {new_name}: no differences")
    counts = Counter(p.jenis for p in revisi.perubahan)
    parts = [(n, _KINDS[k]) for k, n in sorted(counts.items(), key=lambda kv: list(_KINDS).index(kv[0]))]
    n = len(revisi.perubahan)
    return Teks(f"{old_name} → {new_name}: {n} perubahan (" + ", ".join(f"{c} {w[0]}" for c, w in parts) + ")",
                f"{old_name} → {new_name}: {n} difference{'s' if n != 1 else ''} ("
                + ", ".join(f"{c} {w[1]}" for c, w in parts) + ")")


def revisi_text(revisi: Revisi, old_name: str, new_name: str, lang: str) -> str:
    """The summary line, then one line per difference."""
    lines = [summary(revisi, old_name, new_name).get(lang)]
    lines += [f"  {uraikan(p).get(lang)}" for p in revisi.perubahan]
    return "\n".join(lines) + "\n"


def revisi_json(revisi: Revisi, old_name: str, new_name: str, lang: str) -> str:
    """``{"lama", "baru", "sama", "jumlah", "perubahan": [...]}`` (messages in ``lang``)."""
    data = {"lama": old_name, "baru": new_name, "sama": revisi.sama, "jumlah": len(revisi.perubahan),
            "perubahan": [p.as_dict(lang) for p in revisi.perubahan]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
