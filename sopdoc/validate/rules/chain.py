"""SOP406–SOP409: the data flow of the mutu baku — output→kelengkapan chain, end product, spelling."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sopdoc.codes import Finding, rule
from sopdoc.model.diagnostic import Path, Severity, Teks
from sopdoc.model.sop import Sop
from sopdoc.validate.context import RuleContext, is_end_row
from sopdoc.validate.step_text import expand, names_document
from sopdoc.validate.text import is_blank, overlaps, same_artefact, words

_W, _I = Severity.WARNING, Severity.INFO


def _same(a: str, b: str) -> bool:
    """:func:`sopdoc.validate.text.same_artefact` with the known abbreviations written out on both
    sides (:func:`sopdoc.validate.step_text.expand`): an Output "IHK" is the Kelengkapan "Indeks
    Harga" of the next step, "SK" is a "Surat Keputusan"."""
    return same_artefact(expand(a), expand(b))


def _outputs(sop: Sop) -> dict[int, str]:
    return {i: s.mutu_baku.output or "" for i, s in enumerate(sop.kegiatan) if not is_blank(s.mutu_baku.output)}


@rule(code="SOP406", slug="kelengkapan-tanpa-sumber", severity=_W, catalogue="MB-07",
      summary=Teks("Tidak ada kelengkapan yang berasal dari output kegiatan sebelumnya",
                   "No kelengkapan comes from an earlier step's output"),
      hint=Teks("sebutkan output kegiatan sebelumnya sebagai kelengkapan (nama yang sama)",
                "name an earlier step's output as an input (same wording)"))
def kelengkapan_tanpa_sumber(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """MB-07 (input side): each step after the first has at least one Kelengkapan item that
    fuzzy-matches the Output of a step that can lead to it (loops included).

    Match (:func:`sopdoc.validate.text.same_artefact`, abbreviations written out by :func:`_same`):
    two different kinds of artefact named by their head words never match ("Surat Undangan …" is
    not "Surat Tugas …", a report not a berita acara); otherwise the specific words — function
    words and the words that only say what kind of paper it is (surat, dokumen, data, laporan,
    draf …) dropped — share at least half of the smaller set ("Draf Laporan Kinerja" ~ "Laporan
    Kinerja Triwulan"). When the flow is broken, every later row counts as reachable
    (``RuleContext.data_reach``): the break is SOP309's or SOP312's finding, not repeated here.
    Steps with no Kelengkapan are SOP404's finding.
    """
    outputs = _outputs(sop)
    reach = ctx.data_reach
    for i, step in enumerate(sop.kegiatan):
        items = [k for k in step.mutu_baku.kelengkapan if not is_blank(k)]
        if i == 0 or not items or is_end_row(step):
            continue
        sources = [o for j, o in outputs.items() if j != i and i in reach[j]]
        if sources and not any(_same(k, o) for k in items for o in sources):
            yield Finding(("kegiatan", i, "mutu_baku", "kelengkapan"),
                          Teks("tidak ada kelengkapan yang merupakan output kegiatan sebelumnya",
                               "no input is the output of an earlier step"))


@rule(code="SOP407", slug="output-tidak-dipakai", severity=_W, catalogue="MB-07",
      summary=Teks("Output tidak dipakai kegiatan berikutnya", "Output not used by a later step"),
      hint=Teks("cantumkan output ini sebagai kelengkapan kegiatan berikutnya",
                "list this output as an input of a later step"))
def output_tidak_dipakai(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """MB-07 (output side): every Output except the last step's is consumed by the Kelengkapan of
    a step reachable after it (the same match and reach as SOP406). The last step with an output
    produces the SOP's product (SOP408).

    Only an Output that names a document or data is expected downstream, judged by the structure
    of the phrase (:func:`sopdoc.validate.step_text.names_document`): a noun phrase headed by an
    artefact ("Draf Laporan", "Raw Data yang Berkualitas", "Berita Acara …") must be consumed; a
    result written as a clause ("Masalah Diperbaiki", "Terbitnya SP2D", "Progres entri sudah 100
    persen"), a person ("Petugas terlatih"), a bare event ("Pelatihan") or a time copied into the
    cell names nothing a later step could list as Kelengkapan, and is not reported (real signed
    SOPs write such outcomes often; reporting each one buried the real breaks of the chain)."""
    outputs = _outputs(sop)
    if not outputs:
        return
    last = max(outputs)
    for i, out in outputs.items():
        if i == last or not names_document(out):
            continue
        later = ctx.data_reach[i] - {i}
        if not any(_same(k, out) for j in later for k in sop.kegiatan[j].mutu_baku.kelengkapan):
            yield Finding(("kegiatan", i, "mutu_baku", "output"),
                          Teks(f"output {out!r} tidak dipakai kegiatan berikutnya",
                               f"output {out!r} is not used by a later step"))


_ASPECT = re.compile(r"^(pe[a-z]+an|mekanisme|tata cara|prosedur|sop)$")


def _product(nama: str) -> str:
    ws = words(nama)
    if ws and ws[0].lower() == "sop":
        ws = ws[1:]
    if len(ws) > 1 and _ASPECT.match(ws[0].lower()):
        ws = ws[1:]
    return " ".join(ws)


@rule(code="SOP408", slug="output-akhir-bukan-produk", severity=_W, catalogue="MB-08",
      summary=Teks("Output terakhir tidak sesuai produk SOP", "The last output is not the SOP's product"),
      hint=Teks("output kegiatan terakhir adalah produk yang disebut Nama SOP",
                "the last step's output is the product named by the Nama SOP"))
def output_akhir_bukan_produk(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """MB-08: the last Output matches the SOP's product — the Nama SOP without its aspect word
    ("Pengumpulan Data Kinerja" → "Data Kinerja") or the worksheet's Langkah Akhir — by the word
    overlap of :func:`sopdoc.validate.text.overlaps`, with the known abbreviations of both written
    out (:data:`sopdoc.validate.step_text.ABBREVIATIONS`: an end product "SKTM" or "Renja OPD"
    is the product of "Pelayanan Surat Keterangan Tidak Mampu" or "Penyusunan Rencana Kerja …")."""
    outputs = _outputs(sop)
    if not outputs or is_blank(sop.identitas.nama):
        return
    last = max(outputs)
    out = outputs[last]
    products = [_product(sop.identitas.nama or "")]
    if sop.lembar_kerja and not is_blank(sop.lembar_kerja.langkah_akhir):
        products.append(sop.lembar_kerja.langkah_akhir or "")
    if not any(p and overlaps(expand(out), expand(p)) for p in products):
        yield Finding(("kegiatan", last, "mutu_baku", "output"),
                      Teks(f"output terakhir {out!r} bukan produk '{products[0]}'",
                           f"last output {out!r} is not the product '{products[0]}'"))


_STANDARD = {"draft": "Draf", "review": "Reviu", "sistim": "Sistem"}


def _artefact_texts(sop: Sop) -> Iterator[tuple[Path, str]]:
    for key in ("keterkaitan", "peringatan", "kualifikasi_pelaksana", "pencatatan_pendataan"):
        for i, item in enumerate(getattr(sop, key) or ()):
            yield (key, i), item
    for i, step in enumerate(sop.kegiatan):
        yield ("kegiatan", i, "uraian"), step.uraian
        for j, item in enumerate(step.mutu_baku.kelengkapan):
            yield ("kegiatan", i, "mutu_baku", "kelengkapan", j), item
        yield ("kegiatan", i, "mutu_baku", "output"), step.mutu_baku.output or ""


def _mixed(word: str) -> bool:
    return any(c.isupper() for c in word[1:]) and any(c.islower() for c in word)


@rule(
    code="SOP409",
    slug="ejaan-artefak-tidak-konsisten",
    severity=_I,
    catalogue="MB-09",
    summary=Teks(
        "Ejaan artefak tidak konsisten atau tidak baku", "Inconsistent or non-standard spelling of an artefact"
    ),
    hint=Teks("pakai satu ejaan baku, mis. 'Draf', 'LKjIP'", "use one standard spelling, e.g. 'Draf', 'LKjIP'"),
)
def ejaan_artefak_tidak_konsisten(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """MB-09: repeated artefacts are spelt one way. Reports non-standard spellings (Draft → Draf,
    Review → Reviu) once each, and an acronym written in several casings where one of them is
    mixed-case (LKjip / LKJIP / LKjIP, seed 004). Plain capitalisation differences are ignored."""
    seen: dict[str, dict[str, Path]] = {}
    for path, text in _artefact_texts(sop):
        for w in words(text):
            forms = seen.get(w.lower())
            if forms is None:
                seen[w.lower()] = {w: path}
            elif w not in forms:
                forms[w] = path
    for low in sorted(seen):
        forms = seen[low]
        first_path = next(iter(forms.values()))  # texts are read in document order
        if low in _STANDARD:
            yield Finding(
                first_path,
                Teks(
                    f"'{next(iter(forms))}': ejaan baku '{_STANDARD[low]}'",
                    f"'{next(iter(forms))}': the standard spelling is '{_STANDARD[low]}'",
                ),
            )
            continue
        if len(forms) < 2:
            continue
        variants = {f[0].lower() + f[1:] for f in forms}
        if len(variants) > 1 and any(_mixed(f) for f in forms):
            shown = ", ".join(sorted(forms))
            yield Finding(first_path, Teks(f"ejaan berbeda-beda: {shown}", f"spelt several ways: {shown}"))
