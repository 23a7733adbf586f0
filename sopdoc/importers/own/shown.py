"""What a document sopdoc rendered shows of each field: the projection both sides are compared in.

A field read back from the pages (or Word tables) and the same field of the embedded source agree
when their projections are equal. The projection drops what no page shows: ``tanda``; a joint
step's further actors (one symbol is drawn, in the first actor column); ``simbol: null`` (drawn as
a process); decision targets without a drawn symbol and an explicit ``label_ya: Ya``; runs of white
space (pages wrap at spaces); glyphs no installed font has (drawn as replacements); "-" and empty
values (drawn alike).
"""

from __future__ import annotations

from typing import Any

from sopdoc.layout.columns import actors_of
from sopdoc.layout.metrics import font_set
from sopdoc.model.sop import Cabang, Kegiatan, LembarKerja, Simbol, Sop

__all__ = ["DOC_FIELDS", "STEP_FIELDS", "doc_field", "step_field", "text"]

BOXES = ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan", "peringatan",
         "pencatatan_pendataan")
DOC_FIELDS: tuple[tuple[str, ...], ...] = (
    ("identitas", "instansi"), ("identitas", "unit"), ("identitas", "alamat"), ("identitas", "nomor"),
    ("identitas", "nama"), ("identitas", "tanggal_pembuatan"), ("identitas", "tanggal_revisi"),
    ("identitas", "tanggal_efektif"), ("identitas", "disahkan_oleh"),
    *((box,) for box in BOXES),
    ("periode",), ("satuan_waktu",), ("judul_flowchart",), ("pelaksana",), ("lembar_kerja",),
)
"""The document-level fields compared, as model paths."""
STEP_FIELDS: tuple[tuple[str, ...], ...] = (
    ("no",), ("uraian",), ("pelaksana",), ("simbol",), ("cabang",), ("mutu_baku", "kelengkapan"),
    ("mutu_baku", "waktu"), ("mutu_baku", "output"), ("keterangan",),
)
"""The fields of one step compared, as paths inside the step."""


def text(value: str | None) -> str | None:
    """A text as drawn: replaced glyphs, runs of white space as one space; None when empty."""
    if value is None:
        return None
    out = " ".join(font_set("sans").sanitize(value)[0].split())
    return out or None


def _value(value: str | None) -> str | None:
    return None if text(value) in (None, "-") else text(value)


def _items(items: tuple[str, ...] | None) -> tuple[str, ...] | None:
    if items is None:
        return None
    out = tuple(t for t in (text(i) for i in items) if t)
    return None if out in ((), ("-",)) else out


def _lembar(lk: LembarKerja | None) -> Any:
    if lk is None:
        return None
    pj = lk.penanggung_jawab
    pair = None if pj is None else (_value(pj.produk), _value(pj.kegiatan))
    fields = ("judul_sop", "jenis_kegiatan", "ruang_lingkup", "judul_kegiatan", "langkah_awal", "langkah_utama",
              "langkah_akhir")
    return (None if pair in (None, (None, None)) else pair, tuple(_value(getattr(lk, f)) for f in fields),
            tuple((s.no, s.tahap, _value(s.uraian) or "") for s in lk.langkah))


def doc_field(sop: Sop, path: tuple[str, ...]) -> Any:
    """The projection of the document-level field at ``path`` (one of ``DOC_FIELDS``)."""
    raw: Any = sop
    for part in path:
        raw = getattr(raw, part)
    key = path[-1]
    if key in BOXES:
        return _items(raw)
    if key == "instansi":
        return _items(raw) or ()
    if key in ("unit", "alamat", "judul_flowchart"):
        return text(raw)
    if key in ("nomor", "nama"):
        return _value(raw)
    if key == "disahkan_oleh":
        signer = None if raw is None else tuple(text(getattr(raw, f)) for f in ("jabatan", "nama", "nip", "pangkat"))
        return None if signer is None or not any(signer) else signer
    if key == "pelaksana":
        return tuple(a for a in actors_of(sop) if a)
    if key == "lembar_kerja":
        return _lembar(raw)
    return raw


def step_field(sop: Sop, step: Kegiatan, path: tuple[str, ...]) -> Any:
    """The projection of one field of ``step`` of ``sop`` (one of ``STEP_FIELDS``)."""
    actors = actors_of(sop)
    actor = next((a for a in step.pelaksana if a in actors), None)
    key = path[-1]
    if key == "pelaksana":
        return actor
    if key == "simbol":
        return (step.simbol or Simbol.PROSES) if actor is not None else None
    if key == "cabang":
        return _cabang(sop, step, actor)
    if key == "kelengkapan":
        return _items(step.mutu_baku.kelengkapan) or ()
    if key == "waktu":
        return step.mutu_baku.waktu
    if key == "output":
        return text(step.mutu_baku.output)
    if key == "keterangan":
        return text(step.keterangan)
    if key == "uraian":
        return text(step.uraian) or ""
    return step.no


def _cabang(sop: Sop, step: Kegiatan, actor: str | None) -> Any:
    cabang: Cabang | None = step.cabang
    if actor is None or step.simbol is not Simbol.KEPUTUSAN or cabang is None:
        return None
    actors = actors_of(sop)
    numbers = {k.no for k in sop.kegiatan if k.no is not None and any(a in actors for a in k.pelaksana)}
    ya = cabang.ya if cabang.ya in numbers else None
    tidak = cabang.tidak if cabang.tidak in numbers else None
    if ya is None and tidak is None:
        return None
    return (ya, tidak, cabang.label_ya if ya is not None and cabang.label_ya != "Ya" else None,
            cabang.label_tidak if tidak is not None and cabang.label_tidak != "Tidak" else None)
