"""What a rendered SOP document shows: the model reduced to the fields an import through geometry
(PDF without attachment, DOCX without customXml) can recover.

Exclusions, and why:
- ``tanda``: source residue, not drawn on any page.
- ``judul_flowchart`` and the worksheet (``lembar_kerja``) texts as drawn (see ``_t``); an empty
  worksheet value shows "-" (absent); an empty ``penanggung_jawab`` is absent; a langkah's
  unknown tahap or missing number shows "-".
- a joint step (several ``pelaksana``) draws one symbol, in the first actor column that exists.
- ``simbol: null`` is drawn as a process; a step without a drawn symbol has no actor or symbol.
- ``cabang`` only as drawn: targets that have a symbol; an explicit ``label_ya: Ya`` equals none.
- empty texts and the "-" placeholders are absent values; runs of white space are one space
  (the PDF wraps at spaces); an empty box and a missing box both show "-".
- ``pelaksana`` is the header's actor list (``layout.columns.actors_of``).
- glyphs that no installed font has are drawn as replacements (``FontSet.sanitize``).
"""

from __future__ import annotations

from sopdoc.layout.columns import actors_of
from sopdoc.model.sop import Cabang, Kegiatan, LangkahKerja, LembarKerja, MutuBaku, PenanggungJawab, Simbol, Sop

BOXES = ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan", "peringatan",
         "pencatatan_pendataan")


def _glyphs(text: str) -> str:
    """The text as drawn: glyphs no font has are replaced (``FontSet.sanitize``)."""
    from sopdoc.layout.metrics import font_set

    return font_set("sans").sanitize(text)[0]


def _t(text: str | None) -> str | None:
    if text is None:
        return None
    out = " ".join(_glyphs(text).split())
    return out or None


def _items(items: tuple[str, ...] | None) -> tuple[str, ...] | None:
    if items is None:
        return None
    out = tuple(t for t in (_t(i) for i in items) if t)
    return None if out in ((), ("-",)) else out


def _value(text: str | None) -> str | None:
    return None if _t(text) in (None, "-") else _t(text)


def _lembar(lk: LembarKerja | None) -> LembarKerja | None:
    """The worksheet as drawn: texts through ``_value``, "-" for absent values."""
    if lk is None:
        return None
    pj = lk.penanggung_jawab
    if pj is not None:
        pj = PenanggungJawab(produk=_value(pj.produk), kegiatan=_value(pj.kegiatan))
        if pj.produk is None and pj.kegiatan is None:
            pj = None
    fields = ("judul_sop", "jenis_kegiatan", "ruang_lingkup", "judul_kegiatan", "langkah_awal", "langkah_utama",
              "langkah_akhir")
    langkah = tuple(LangkahKerja(no=s.no, tahap=s.tahap, uraian=_value(s.uraian) or "") for s in lk.langkah)
    return LembarKerja(penanggung_jawab=pj, langkah=langkah, **{f: _value(getattr(lk, f)) for f in fields})


def shown(sop: Sop) -> Sop:
    """``sop`` reduced to what its rendered document shows (see the module docstring)."""
    actors = actors_of(sop)
    drawn: dict[int, bool] = {}
    for i, k in enumerate(sop.kegiatan):
        drawn[i] = any(a in actors for a in k.pelaksana)
    numbers = {k.no for i, k in enumerate(sop.kegiatan) if drawn[i] and k.no is not None}
    steps = []
    for k in sop.kegiatan:
        actor = next((a for a in k.pelaksana if a in actors), None)
        simbol = (k.simbol or Simbol.PROSES) if actor is not None else None
        cabang = None
        if simbol is Simbol.KEPUTUSAN and k.cabang is not None:
            ya = k.cabang.ya if k.cabang.ya in numbers else None
            tidak = k.cabang.tidak if k.cabang.tidak in numbers else None
            if ya is not None or tidak is not None:
                cabang = Cabang(ya=ya, tidak=tidak,
                                label_ya=k.cabang.label_ya if ya is not None and k.cabang.label_ya != "Ya" else None,
                                label_tidak=(k.cabang.label_tidak if tidak is not None
                                             and k.cabang.label_tidak != "Tidak" else None))
        mb = k.mutu_baku
        steps.append(Kegiatan(
            no=k.no, uraian=_t(k.uraian) or "", pelaksana=(actor,) if actor else (), simbol=simbol, cabang=cabang,
            mutu_baku=MutuBaku(kelengkapan=_items(mb.kelengkapan) or (), waktu=mb.waktu, output=_t(mb.output)),
            keterangan=_t(k.keterangan)))
    ident = sop.identitas
    signer = ident.disahkan_oleh
    if signer is not None:
        signer = signer.model_copy(update={f: _t(getattr(signer, f)) for f in ("jabatan", "nama", "nip", "pangkat")})
        if not any((signer.jabatan, signer.nama, signer.nip, signer.pangkat)):
            signer = None
    ident = ident.model_copy(update={
        "instansi": _items(ident.instansi) or (), "unit": _t(ident.unit), "alamat": _t(ident.alamat),
        "nomor": None if _t(ident.nomor) in (None, "-") else _t(ident.nomor),
        "nama": None if _t(ident.nama) in (None, "-") else _t(ident.nama), "disahkan_oleh": signer})
    return sop.model_copy(update={
        "identitas": ident, "judul_flowchart": _t(sop.judul_flowchart), "lembar_kerja": _lembar(sop.lembar_kerja),
        "pelaksana": tuple(a for a in actors if a), "kegiatan": tuple(steps),
        **{box: _items(getattr(sop, box)) for box in BOXES}})
