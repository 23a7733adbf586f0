"""Two versions of an SOP → the list of their differences (:class:`~sopdoc.revisi.changes.Revisi`).

Scalars are compared after collapsing runs of spaces (a re-typed line break is no change); list
items through :class:`difflib.SequenceMatcher` over the same collapsed text, a replaced item that
is still alike (:data:`~sopdoc.revisi.align.MIN_SIMILARITY`) reported as reworded, otherwise as
one removed and one added item. Steps are paired by :func:`~sopdoc.revisi.align.align_steps`; a
decision's targets are compared through that pairing, so a target that only followed its step's
renumbering is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from difflib import SequenceMatcher

from sopdoc.model.labels import BOX_KEYS
from sopdoc.model.sop import Kegiatan, Sop
from sopdoc.model.tanggal import format_tanggal
from sopdoc.revisi.align import MIN_SIMILARITY, align_steps, normalise, similarity
from sopdoc.revisi.changes import Bagian, Jenis, Perubahan, Revisi

__all__ = ["diff_sops"]

_IDENTITY_SCALARS = ("unit", "alamat", "nomor", "nama")
_DATES = ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif")
_SIGNATORY = ("jabatan", "nama", "nip", "pangkat")
_WORKSHEET = ("judul_sop", "jenis_kegiatan", "ruang_lingkup", "judul_kegiatan", "langkah_awal", "langkah_utama",
              "langkah_akhir")


def diff_sops(old: Sop, new: Sop) -> Revisi:
    """Every difference between ``old`` and ``new``: identity, boxes, other parts, steps."""
    return Revisi(tuple([*_identity(old, new), *_boxes(old, new), *_other(old, new), *_steps(old, new)]))


def _text(value: object) -> str | None:
    """A value as compared and shown: spaces collapsed; None and blank are both 'empty'."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


_Step = tuple[int | None, int | None, int | None, int | None]
"""Where a step field is: (no_lama, no_baru, langkah_lama, langkah_baru)."""
_NOWHERE: _Step = (None, None, None, None)


def _scalar(bagian: Bagian, field: str, old: object, new: object, step: _Step = _NOWHERE) -> Iterator[Perubahan]:
    a, b = _text(old), _text(new)
    if a != b:
        yield Perubahan(Jenis.DIUBAH, bagian, field, a, b, *step)


def _items(bagian: Bagian, field: str, old: tuple[str, ...] | None, new: tuple[str, ...] | None,
           step: _Step = _NOWHERE) -> Iterator[Perubahan]:
    """Items added, removed or reworded between two lists (order of the new list)."""
    a = [t for t in (_text(x) for x in old or ()) if t]
    b = [t for t in (_text(x) for x in new or ()) if t]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        while olds and news and similarity(normalise(olds[0]), normalise(news[0])) >= MIN_SIMILARITY:
            yield Perubahan(Jenis.DIUBAH, bagian, field, olds.pop(0), news.pop(0), *step)
        for text in olds:
            yield Perubahan(Jenis.DIHAPUS, bagian, field, text, None, *step)
        for text in news:
            yield Perubahan(Jenis.DITAMBAH, bagian, field, None, text, *step)


def _identity(old: Sop, new: Sop) -> Iterator[Perubahan]:
    a, b = old.identitas, new.identitas
    yield from _items(Bagian.IDENTITAS, "identitas.instansi", a.instansi, b.instansi)
    for key in _IDENTITY_SCALARS:
        yield from _scalar(Bagian.IDENTITAS, f"identitas.{key}", getattr(a, key), getattr(b, key))
    for key in _DATES:
        da, db = getattr(a, key), getattr(b, key)
        if da != db:
            yield Perubahan(Jenis.DIUBAH, Bagian.IDENTITAS, f"identitas.{key}",
                            format_tanggal(da) if da else None, format_tanggal(db) if db else None)
    sa, sb = a.disahkan_oleh, b.disahkan_oleh
    for key in _SIGNATORY:
        yield from _scalar(Bagian.IDENTITAS, f"identitas.disahkan_oleh.{key}",
                           getattr(sa, key) if sa else None, getattr(sb, key) if sb else None)


def _boxes(old: Sop, new: Sop) -> Iterator[Perubahan]:
    for key in BOX_KEYS:
        yield from _items(Bagian.KOTAK, key, getattr(old, key), getattr(new, key))


def _other(old: Sop, new: Sop) -> Iterator[Perubahan]:
    yield from _items(Bagian.LAIN, "kolom_pelaksana", old.pelaksana, new.pelaksana)
    yield from _scalar(Bagian.LAIN, "periode", old.periode and old.periode.value, new.periode and new.periode.value)
    yield from _scalar(Bagian.LAIN, "satuan_waktu", old.satuan_waktu and old.satuan_waktu.value,
                       new.satuan_waktu and new.satuan_waktu.value)
    yield from _scalar(Bagian.LAIN, "judul_flowchart", old.judul_flowchart, new.judul_flowchart)
    la, lb = old.lembar_kerja, new.lembar_kerja
    for key in _WORKSHEET:
        yield from _scalar(Bagian.LAIN, f"lembar_kerja.{key}", getattr(la, key) if la else None,
                           getattr(lb, key) if lb else None)
    pa = la.penanggung_jawab if la else None
    pb = lb.penanggung_jawab if lb else None
    for key in ("produk", "kegiatan"):
        yield from _scalar(Bagian.LAIN, f"lembar_kerja.penanggung_jawab.{key}", getattr(pa, key) if pa else None,
                           getattr(pb, key) if pb else None)
    yield from _items(Bagian.LAIN, "lembar_kerja.langkah", tuple(s.uraian for s in la.langkah) if la else (),
                      tuple(s.uraian for s in lb.langkah) if lb else ())


def _steps(old: Sop, new: Sop) -> Iterator[Perubahan]:
    pairs = align_steps(old.kegiatan, new.kegiatan)
    new_of_old = {p.lama: p.baru for p in pairs if p.lama is not None and p.baru is not None}
    index_of_no: dict[int, int] = {}
    for i, k in enumerate(old.kegiatan):
        if k.no is not None:
            index_of_no.setdefault(k.no, i)

    def target(no: int | None) -> int | None:
        """An old decision target as the number its step has in the new version (the old number
        when the step is gone)."""
        if no is None or no not in index_of_no:
            return no
        j = new_of_old.get(index_of_no[no])
        return new.kegiatan[j].no if j is not None else no

    for p in pairs:
        if p.baru is None:
            assert p.lama is not None
            k = old.kegiatan[p.lama]
            yield Perubahan(Jenis.DIHAPUS, Bagian.LANGKAH, "", lama=_text(k.uraian), no_lama=k.no,
                            langkah_lama=p.lama)
            continue
        b = new.kegiatan[p.baru]
        if p.lama is None:
            yield Perubahan(Jenis.DITAMBAH, Bagian.LANGKAH, "", baru=_text(b.uraian), no_baru=b.no,
                            langkah_baru=p.baru)
            continue
        a = old.kegiatan[p.lama]
        where: _Step = (a.no, b.no, p.lama, p.baru)
        if p.moved:
            yield Perubahan(Jenis.DIPINDAH, Bagian.LANGKAH, "", _text(a.uraian), _text(b.uraian), *where)
        if a.no != b.no and not p.moved:  # a moved step's message names both numbers
            yield Perubahan(Jenis.DINOMORI_ULANG, Bagian.LANGKAH, "", _text(a.no), _text(b.no), *where)
        yield from _step_fields(a, b, target, where)


def _step_fields(a: Kegiatan, b: Kegiatan, target: Callable[[int | None], int | None],
                 where: _Step) -> Iterator[Perubahan]:
    L = Bagian.LANGKAH
    yield from _scalar(L, "uraian", a.uraian, b.uraian, where)
    if set(map(_text, a.pelaksana)) != set(map(_text, b.pelaksana)):
        yield Perubahan(Jenis.DIUBAH, L, "pelaksana", _text(", ".join(a.pelaksana)),
                        _text(", ".join(b.pelaksana)), *where)
    yield from _scalar(L, "simbol", a.simbol and a.simbol.value, b.simbol and b.simbol.value, where)
    yield from _items(L, "mutu_baku.kelengkapan", a.mutu_baku.kelengkapan, b.mutu_baku.kelengkapan, where)
    wa, wb = a.mutu_baku.waktu, b.mutu_baku.waktu
    if normalise(wa.teks if wa else "") != normalise(wb.teks if wb else ""):
        yield Perubahan(Jenis.DIUBAH, L, "mutu_baku.waktu", _text(wa.teks) if wa else None,
                        _text(wb.teks) if wb else None, *where)
    yield from _scalar(L, "mutu_baku.output", a.mutu_baku.output, b.mutu_baku.output, where)
    yield from _scalar(L, "keterangan", a.keterangan, b.keterangan, where)
    ca, cb = a.cabang, b.cabang
    for key in ("ya", "tidak"):
        old_no = getattr(ca, key) if ca else None
        new_no = getattr(cb, key) if cb else None
        moved_to = target(old_no)
        if moved_to != new_no:  # an old target whose step got another number shows both: "7 (→ 6)"
            shown = _text(old_no) if moved_to == old_no else f"{old_no} (→ {moved_to})"
            yield Perubahan(Jenis.DIUBAH, L, f"cabang.{key}", shown, _text(new_no), *where)
    for key in ("label_ya", "label_tidak"):
        yield from _scalar(L, f"cabang.{key}", getattr(ca, key) if ca else None, getattr(cb, key) if cb else None,
                           where)
