"""What changed between two versions of an SOP: one :class:`Perubahan` per difference.

A difference is either a whole step (added, removed, moved, renumbered), a field of a paired step
(``uraian``, ``pelaksana``, ``simbol``, ``mutu_baku.*``, ``keterangan``, ``cabang.*``), a field of
the identity, or one item of a list (a box, the kop lines, the actor columns, a step's
kelengkapan) added, removed or reworded. Messages are ``Teks`` pairs; field names stay Indonesian.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sopdoc.model.diagnostic import Teks
from sopdoc.model.labels import BOXES, IDENTITY_FIELD_LABELS

__all__ = ["Bagian", "Jenis", "Perubahan", "Revisi", "field_name", "letak", "uraikan"]


class Jenis(StrEnum):
    """The kind of a difference."""

    DITAMBAH = "ditambah"
    DIHAPUS = "dihapus"
    DIUBAH = "diubah"
    DIPINDAH = "dipindah"
    DINOMORI_ULANG = "dinomori_ulang"


class Bagian(StrEnum):
    """Which part of the SOP a difference is in."""

    IDENTITAS = "identitas"
    KOTAK = "kotak"  # the six boxes
    LANGKAH = "langkah"  # the flowchart table
    LAIN = "lain"  # actor columns, periode, flowchart title, worksheet


@dataclass(frozen=True)
class Perubahan:
    """One difference. ``field`` is the dotted field (``identitas.nomor``, ``dasar_hukum``,
    ``mutu_baku.waktu``; ``""`` for a whole step); ``lama``/``baru`` the old and new text (None
    where there is none); ``no_lama``/``no_baru`` the printed step numbers and
    ``langkah_lama``/``langkah_baru`` the indexes in ``kegiatan`` of the step concerned."""

    jenis: Jenis
    bagian: Bagian
    field: str
    lama: str | None = None
    baru: str | None = None
    no_lama: int | None = None
    no_baru: int | None = None
    langkah_lama: int | None = None
    langkah_baru: int | None = None

    def as_dict(self, lang: str = "id") -> dict[str, Any]:
        """Plain data for JSON, with the message in ``lang``."""
        return {"jenis": self.jenis.value, "bagian": self.bagian.value, "field": self.field, "lama": self.lama,
                "baru": self.baru, "no_lama": self.no_lama, "no_baru": self.no_baru,
                "langkah_lama": self.langkah_lama, "langkah_baru": self.langkah_baru,
                "pesan": uraikan(self).get(lang)}


@dataclass(frozen=True)
class Revisi:
    """The differences between an old and a new version, in the order of the new document:
    identity, boxes, other parts, then the steps."""

    perubahan: tuple[Perubahan, ...]

    @property
    def sama(self) -> bool:
        """True when the two versions do not differ."""
        return not self.perubahan


_FIELD_EN = {
    "nomor": "SOP number", "nama": "SOP name", "tanggal_pembuatan": "Date made", "tanggal_revisi": "Revision date",
    "tanggal_efektif": "Effective date", "disahkan_oleh": "Approved by", "periode": "Period",
}
_FIELDS: dict[str, tuple[str, str]] = {
    "identitas.instansi": ("Kop (instansi)", "Letterhead (agency)"),
    "identitas.unit": ("Unit", "Unit"),
    "identitas.alamat": ("Alamat", "Address"),
    **{f"identitas.{k}": (v, _FIELD_EN[k]) for k, v in IDENTITY_FIELD_LABELS.items() if k != "disahkan_oleh"},
    "identitas.disahkan_oleh.jabatan": ("Disahkan oleh: jabatan", "Approved by: position"),
    "identitas.disahkan_oleh.nama": ("Disahkan oleh: nama", "Approved by: name"),
    "identitas.disahkan_oleh.nip": ("Disahkan oleh: NIP", "Approved by: NIP"),
    "identitas.disahkan_oleh.pangkat": ("Disahkan oleh: pangkat", "Approved by: rank"),
    **{key: (name, en) for key, name, en in BOXES},
    "pelaksana": ("pelaksana", "actor"),
    "kolom_pelaksana": ("Kolom pelaksana", "Actor columns"),
    "periode": ("Periode", "Period"),
    "satuan_waktu": ("Satuan waktu", "Time unit"),
    "judul_flowchart": ("Judul bagan alir", "Flowchart title"),
    "uraian": ("uraian kegiatan", "activity"),
    "simbol": ("simbol", "symbol"),
    "mutu_baku.kelengkapan": ("kelengkapan", "requirements"),
    "mutu_baku.waktu": ("waktu", "time"),
    "mutu_baku.output": ("output", "output"),
    "keterangan": ("keterangan", "remarks"),
    "cabang.ya": ("tujuan 'Ya'", "'Yes' target"),
    "cabang.tidak": ("tujuan 'Tidak'", "'No' target"),
    "cabang.label_ya": ("label 'Ya'", "'Yes' label"),
    "cabang.label_tidak": ("label 'Tidak'", "'No' label"),
}


def field_name(field: str) -> Teks:
    """The printed name of ``field`` (Lembar kerja fields by their key)."""
    pair = _FIELDS.get(field)
    if pair is None:
        return Teks(f"Lembar kerja: {field.removeprefix('lembar_kerja.')}",
                    f"Worksheet: {field.removeprefix('lembar_kerja.')}")
    return Teks(*pair)


def _q(text: str | None) -> str:
    return "(kosong)" if text is None else f"“{text}”"


def _q_en(text: str | None) -> str:
    return "(empty)" if text is None else f"“{text}”"


def _step(p: Perubahan) -> Teks:
    def num(no: int | None, index: int | None) -> str:
        return str(no) if no is not None else f"#{(index or 0) + 1}"

    if p.langkah_baru is None:
        n = num(p.no_lama, p.langkah_lama)
        return Teks(f"Langkah {n} (lama)", f"Step {n} (old)")
    new = num(p.no_baru, p.langkah_baru)
    if p.langkah_lama is not None and p.no_lama != p.no_baru:
        old = num(p.no_lama, p.langkah_lama)
        return Teks(f"Langkah {new} (lama {old})", f"Step {new} (was {old})")
    return Teks(f"Langkah {new}", f"Step {new}")


def letak(p: Perubahan) -> Teks:
    """Where a difference is: the field's name, after the step (new and old number) for a step."""
    name = field_name(p.field) if p.field else None
    if p.bagian is not Bagian.LANGKAH:
        return name or Teks("", "")
    step = _step(p)
    return Teks(f"{step.id}: {name.id}", f"{step.en}: {name.en}") if name else step


def uraikan(p: Perubahan) -> Teks:
    """The one-line message of a difference."""
    if p.bagian is Bagian.LANGKAH and not p.field:
        where = _step(p)
        if p.jenis is Jenis.DITAMBAH:
            return Teks(f"{where.id} ditambah: {_q(p.baru)}", f"{where.en} added: {_q_en(p.baru)}")
        if p.jenis is Jenis.DIHAPUS:
            return Teks(f"{where.id} dihapus: {_q(p.lama)}", f"{where.en} removed: {_q_en(p.lama)}")
        if p.jenis is Jenis.DIPINDAH:
            return Teks(f"{where.id} dipindah: {_q(p.baru)}", f"{where.en} moved: {_q_en(p.baru)}")
        return Teks(f"Langkah {p.no_lama} dinomori ulang menjadi {p.no_baru}",
                    f"Step {p.no_lama} renumbered {p.no_baru}")
    name = field_name(p.field)
    prefix = Teks(f"{_step(p).id}: {name.id}", f"{_step(p).en}: {name.en}") if p.bagian is Bagian.LANGKAH else name
    if p.jenis is Jenis.DITAMBAH:
        return Teks(f"{prefix.id}: butir ditambah: {_q(p.baru)}", f"{prefix.en}: item added: {_q_en(p.baru)}")
    if p.jenis is Jenis.DIHAPUS:
        return Teks(f"{prefix.id}: butir dihapus: {_q(p.lama)}", f"{prefix.en}: item removed: {_q_en(p.lama)}")
    return Teks(f"{prefix.id} diubah: {_q(p.lama)} → {_q(p.baru)}",
                f"{prefix.en} changed: {_q_en(p.lama)} → {_q_en(p.baru)}")
