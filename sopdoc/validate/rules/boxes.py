"""SOP208–SOP211: the content of the boxes — Peringatan, Keterkaitan, outdated terms, equipment."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sopdoc.codes import Finding, rule
from sopdoc.model.diagnostic import Path, Severity, Teks
from sopdoc.model.sop import Sop
from sopdoc.validate.context import RuleContext
from sopdoc.validate.text import is_blank, norm, same_artefact

_W, _I = Severity.WARNING, Severity.INFO

_NEGATION = re.compile(r"\b(tidak|tak|tanpa|belum|gagal|bukan)\b")
_RISK = re.compile(r"\b(risiko|beresiko|berisiko|terlambat|keterlambatan|terhambat|hambatan|kesalahan|"
                   r"kesulitan|kerugian|sanksi|temuan|terganggu|gangguan|menurun|penurunan|hilang|"
                   r"rusak|salah|lambat|kendala|berdampak|dampak|akibat|berakibat|mengakibatkan|"
                   r"menyebabkan|terancam|tertunda|penundaan|membahayakan|bahaya|cacat|sengketa|"
                   r"disalahgunakan|penyalahgunaan|tercemar|pencemaran|kegagalan|dipertanggungjawabkan|"
                   r"teguran|hukuman|inefisiensi)\b")
_INVERTED = re.compile(r"\b(jika|apabila|bila|bilamana)\s+(sop\s+(ini\s+)?)?((sudah|telah)\s+)?"
                       r"(dilaksanakan|diterapkan|dipatuhi|diikuti|dijalankan)\b")
_CONDITION = re.compile(r"\b(apabila|jika|bila|bilamana|kalau|seandainya|manakala)\b(?: \S+){0,6}? (tidak|belum) \S+"
                        r"(?: dengan (baik|benar|tepat|konsisten)(?: dan (baik|benar|tepat))?)?(?: maka)?")
"""The condition of non-compliance ("apabila SOP ini tidak dilaksanakan dengan baik maka"): its
negation belongs to the condition, not to a consequence."""
_PROHIBITION = re.compile(r"\b(tidak boleh|tidak diperkenankan|tidak dibenarkan|dilarang|tidak dapat diubah)\b.*")
"""A rule about the SOP itself ("tidak boleh diubah tanpa persetujuan …") to the end of the item."""


def _consequence(item: str) -> bool:
    """True when ``item`` states a consequence once its condition and any prohibition are removed."""
    rest = _PROHIBITION.sub(" ", _CONDITION.sub(" ", norm(item)))
    return bool(_NEGATION.search(rest) or _RISK.search(rest))


@rule(code="SOP208", slug="peringatan-bukan-akibat", severity=_W, catalogue="SEC-07",
      summary=Teks("Peringatan tidak menyebut akibat bila SOP tidak dilaksanakan",
                   "Peringatan does not state what happens if the SOP is not followed"),
      hint=Teks("tulis akibat/risiko bila SOP tidak dilaksanakan, mis. 'Apabila SOP tidak dilaksanakan, …'",
                "state the consequence of not following the SOP, e.g. 'Apabila SOP tidak dilaksanakan, …'"))
def peringatan_bukan_akibat(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """SEC-07: Peringatan states the consequence of non-compliance.

    Heuristic over the structure of each item: the condition of non-compliance ("Apabila SOP ini
    tidak dilaksanakan [dengan baik] [maka]") is removed, and so is a prohibition about the SOP
    itself ("tidak boleh diubah tanpa persetujuan …", to the end of the item); what remains must
    state a consequence — a negated outcome (tidak terlayani, tanpa …, belum, gagal) or risk
    wording (risiko, terlambat, mengakibatkan, berdampak …). A condition with nothing after it, or
    a negation that only forbids, states no consequence. The box passes when one item does. An
    item whose condition is compliance ("Apabila SOP [sudah/telah] dilaksanakan …") states the
    benefit instead (inverted, seed 004) and is reported, unless another item of the box states
    the consequence (real SOPs pair "Jika SOP ini tidak dilaksanakan berdampak pada inefisiensi"
    with "Jika SOP ini dilaksanakan berdampak pada efisiensi": the box says what it must).
    Accountability is a consequence too: "penyimpangan … dikategorikan sebagai kegagalan yang harus
    dipertanggungjawabkan oleh pelaksana" (the boilerplate of BPS procurement SOPs).
    """
    items = [i for i in (sop.peringatan or ()) if not is_blank(i)]
    if not items:
        return
    stated = any(_consequence(item) for item in items if not _INVERTED.search(norm(item)))
    for i, item in enumerate(sop.peringatan or ()):
        if _INVERTED.search(norm(item)) and not stated:
            yield Finding(("peringatan", i),
                          Teks("Peringatan menyebut manfaat bila SOP dilaksanakan, bukan akibat bila tidak",
                               "Peringatan states the benefit of following the SOP, not the consequence of not"))
            return
    if not any(_consequence(item) for item in items):
        yield Finding(("peringatan",), Teks("Peringatan tidak menyebut akibat atau risiko",
                                            "Peringatan names no consequence or risk"))


@rule(code="SOP209", slug="keterkaitan-bukan-sop", severity=_W, catalogue="SEC-08",
      summary=Teks("Butir Keterkaitan tidak menyebut SOP", "A Keterkaitan item does not name an SOP"),
      hint=Teks("tulis nama SOP terkait, mis. 'SOP Penyusunan Laporan Kinerja'",
                "name the related SOP, e.g. 'SOP Penyusunan Laporan Kinerja'"))
def keterkaitan_bukan_sop(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """SEC-08 (form): each Keterkaitan item names an SOP ("SOP …" or "Standar Operasional Prosedur …"),
    or all of them ("Seluruh SOP di lingkungan …", "Semua SOP …"); "-" means none and passes."""
    for i, item in enumerate(sop.keterkaitan or ()):
        if is_blank(item):
            continue
        t = norm(item)
        if not re.match(r"^((seluruh|semua) )?(sop|standar operasional prosedur|prosedur)\b", t):
            yield Finding(("keterkaitan", i), Teks(f"{item!r} tidak menyebut SOP", f"{item!r} does not name an SOP"))


_OUTDATED = [
    (re.compile(r"\bLAKIP\b", re.IGNORECASE), "LAKIP", "LKjIP"),
    (
        re.compile(r"\bTapkin\b|\bPenetapan Kinerja\b", re.IGNORECASE),
        "Penetapan Kinerja (Tapkin)",
        "Perjanjian Kinerja",
    ),
]


def _texts(sop: Sop) -> Iterator[tuple[Path, str]]:
    yield ("identitas", "nama"), sop.identitas.nama or ""
    for key in ("keterkaitan", "peringatan", "kualifikasi_pelaksana", "pencatatan_pendataan"):
        for i, item in enumerate(getattr(sop, key) or ()):
            yield (key, i), item
    for i, step in enumerate(sop.kegiatan):
        yield ("kegiatan", i, "uraian"), step.uraian
        for j, item in enumerate(step.mutu_baku.kelengkapan):
            yield ("kegiatan", i, "mutu_baku", "kelengkapan", j), item
        yield ("kegiatan", i, "mutu_baku", "output"), step.mutu_baku.output or ""


@rule(
    code="SOP210",
    slug="istilah-usang",
    severity=_I,
    catalogue="SEC-08",
    summary=Teks("Istilah usang (LAKIP, Penetapan Kinerja/Tapkin)", "Outdated term (LAKIP, Penetapan Kinerja/Tapkin)"),
    hint=Teks(
        "LAKIP → LKjIP (Perpres 29/2014); Penetapan Kinerja → Perjanjian Kinerja (PermenPAN-RB 53/2014)",
        "LAKIP → LKjIP (Perpres 29/2014); Penetapan Kinerja → Perjanjian Kinerja (PermenPAN-RB 53/2014)",
    ),
)
def istilah_usang(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """SEC-08 (terms): outdated terms — LAKIP (now LKjIP) and Penetapan Kinerja/Tapkin (now
    Perjanjian Kinerja) — in the Nama SOP, the boxes and the steps. Dasar Hukum is skipped:
    cited titles keep their historical wording."""
    for path, text in _texts(sop):
        for pattern, old, new in _OUTDATED:
            if pattern.search(text):
                yield Finding(path, Teks(f"istilah usang '{old}'; kini '{new}'", f"outdated term '{old}'; now '{new}'"))


_EQUIPMENT = re.compile(
    r"\b(atk|alat tulis( kantor)?|komputer|computer|laptop|notebook|printer|pc|flash ?disk|flasdisk|"
    r"flashdisk|cd|dvd|lcd|proyektor|projector|scanner|hvs|kertas|tinta|toner|jaringan internet|"
    r"internet|wifi|kendaraan|telepon|faksimil[ei]|mesin fotokopi|gps|kamera|camera|handy ?talky|ht|"
    r"radio( komunikasi)?|alat ukur|meteran|timbangan|tensimeter|termometer|drone|genset|stempel)\b"
)


@rule(
    code="SOP211",
    slug="peralatan-di-kelengkapan",
    severity=_W,
    catalogue="SEC-09",
    summary=Teks("Peralatan dicantumkan sebagai Kelengkapan", "Equipment listed as Kelengkapan"),
    hint=Teks(
        "Kelengkapan memuat dokumen/masukan; pindahkan peralatan ke Peralatan/Perlengkapan",
        "Kelengkapan holds documents/inputs; move equipment to Peralatan/Perlengkapan",
    ),
)
def peralatan_di_kelengkapan(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """SEC-09: equipment (ATK, komputer, printer, flashdisk, CD, LCD, jaringan internet …) belongs
    in Peralatan/Perlengkapan, not in a step's Kelengkapan.

    Heuristic: an item is equipment when it matches the equipment word list (field equipment too:
    GPS, kamera, HT, alat ukur …) and names no document (dokumen, laporan, data, surat,
    form/format, berkas, kertas/lembar kerja, hasil, bukti, kartu, buku, berita acara …);
    "Laporan/Data", a working paper ("Kertas Kerja Reviu") and a result ("Hasil Uji Kendaraan")
    stay documents although "kertas" and "kendaraan" are on the list. An item that is a step's
    Output ("Alat Ukur Bertanda Tera Sah" in a metrology SOP) is the flow's artefact, not equipment.
    """
    document = re.compile(r"\b(dokumen|laporan|data|surat|form|format|formulir|berkas|daftar|aplikasi"
                          r"|kertas kerja|lembar kerja|hasil|bukti|kartu|buku|berita acara|catatan|keputusan"
                          r"|izin|rekomendasi|sertifikat|stnk|bpkb|foto)\b")
    outputs = [s.mutu_baku.output for s in sop.kegiatan if not is_blank(s.mutu_baku.output)]
    for i, step in enumerate(sop.kegiatan):
        for j, item in enumerate(step.mutu_baku.kelengkapan):
            t = norm(item)
            m = _EQUIPMENT.search(t)
            if m and not document.search(t) and not any(same_artefact(item, o or "") for o in outputs):
                yield Finding(
                    ("kegiatan", i, "mutu_baku", "kelengkapan", j),
                    Teks(f"{item!r} adalah peralatan, bukan kelengkapan", f"{item!r} is equipment, not an input"),
                )
