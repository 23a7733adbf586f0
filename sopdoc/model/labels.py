"""The printed labels of an SOP document (PermenPAN-RB 35/2012) and the ranking of flowchart symbols.

One table of the canonical strings: the layout prints them, the own-document readers find them
again, the checks name them. The importers' vocabulary (``sopdoc.importers.grid.vocab``) adds the
variants found in other agencies' documents on top of these.
"""

from __future__ import annotations

from types import MappingProxyType

from sopdoc.model.sop import Simbol

__all__ = ["BOXES", "BOX_KEYS", "BOX_TITLES", "COLUMN_TITLES", "CONTINUED", "IDENTITY_FIELD_LABELS", "SIMBOL_NAMES",
           "simbol_rank"]

IDENTITY_FIELD_LABELS = MappingProxyType({
    "nomor": "Nomor SOP",
    "tanggal_pembuatan": "Tanggal Pembuatan",
    "tanggal_revisi": "Tanggal Revisi",
    "tanggal_efektif": "Tanggal Efektif",
    "periode": "Periode",
    "disahkan_oleh": "Disahkan oleh",
    "nama": "Nama SOP",
})
"""Identity field → its label in the identity table of the first page."""

BOXES: tuple[tuple[str, str, str], ...] = (
    ("dasar_hukum", "Dasar Hukum", "Legal basis"),
    ("kualifikasi_pelaksana", "Kualifikasi Pelaksana", "Actor qualifications"),
    ("keterkaitan", "Keterkaitan", "Related SOPs"),
    ("peralatan_perlengkapan", "Peralatan/Perlengkapan", "Equipment"),
    ("peringatan", "Peringatan", "Warning"),
    ("pencatatan_pendataan", "Pencatatan dan Pendataan", "Records"),
)
"""The six identity boxes in printed order: (field, Indonesian name, English name)."""

BOX_KEYS: tuple[str, ...] = tuple(key for key, _id, _en in BOXES)
"""The six box fields of :class:`sopdoc.model.sop.Sop`, in printed order."""

BOX_TITLES = MappingProxyType({key: name.upper() for key, name, _en in BOXES})
"""Box field → its printed title ("DASAR HUKUM")."""

COLUMN_TITLES = MappingProxyType({
    "no": "NO",
    "kegiatan": "KEGIATAN",
    "pelaksana": "PELAKSANA",
    "mutu_baku": "MUTU BAKU",
    "kelengkapan": "KELENGKAPAN",
    "waktu": "WAKTU",
    "output": "OUTPUT",
    "keterangan": "KETERANGAN",
})
"""Flowchart table column → its printed header ("PELAKSANA" and "MUTU BAKU" span their sub-columns)."""

CONTINUED = "(lanjutan)"
"""The mark on the first line of the KEGIATAN cell of a step's continuation row (a step whose
text is taller than a page goes on in a row on the next page)."""

SIMBOL_NAMES = frozenset(s.value for s in Simbol)
"""The shape kinds that are step symbols (not off-page connectors or labels)."""


def simbol_rank(kind: str) -> int:
    """Which shape wins when one cell holds several: keputusan, terminator, proses (see
    :attr:`Simbol.rank`); any other kind ranks after every symbol."""
    return Simbol(kind).rank if kind in SIMBOL_NAMES else len(Simbol)
