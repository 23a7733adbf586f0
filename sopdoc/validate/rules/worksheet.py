"""SOP501–SOP502: the identification worksheet (Lembar Kerja Identifikasi Kegiatan, DOMAIN.md §4.2)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sopdoc.codes import Finding, rule
from sopdoc.model.diagnostic import Severity, Teks
from sopdoc.model.sop import Sop
from sopdoc.validate.context import RuleContext, is_end_row
from sopdoc.validate.text import is_blank, norm, overlaps

_W = Severity.WARNING
_JENIS = ("pelayanan", "rutin", "penugasan")


@rule(code="SOP501", slug="jenis-kegiatan-tidak-sesuai", severity=_W, catalogue="WS-01",
      summary=Teks("Jenis Kegiatan tidak dikenal atau tidak sesuai alurnya",
                   "Jenis Kegiatan unknown or not matched by the flow"),
      hint=Teks("Jenis Kegiatan: Pelayanan, Rutin atau Penugasan; SOP pelayanan diawali permohonan "
                "dan diakhiri penyerahan kepada pemohon",
                "Jenis Kegiatan: Pelayanan, Rutin or Penugasan; a service SOP starts with a request "
                "and ends with delivery to the applicant"))
def jenis_kegiatan_tidak_sesuai(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """WS-01: the worksheet's Jenis Kegiatan is Pelayanan, Rutin or Penugasan; a Pelayanan SOP's
    first step receives a request (permohonan/pengajuan/berkas/menerima) and its last step
    delivers to the applicant (pemohon/menyerahkan)."""
    lk = sop.lembar_kerja
    if lk is None or is_blank(lk.jenis_kegiatan):
        return
    jenis = norm(lk.jenis_kegiatan or "")
    path = ("lembar_kerja", "jenis_kegiatan")
    if jenis not in _JENIS:
        yield Finding(path, Teks(f"Jenis Kegiatan {lk.jenis_kegiatan!r} tidak dikenal",
                                 f"Jenis Kegiatan {lk.jenis_kegiatan!r} is not known"))
        return
    steps = [s for s in sop.kegiatan if not is_end_row(s)]
    if jenis != "pelayanan" or not steps:
        return
    if not re.search(r"\b(permohonan|pengajuan|berkas|menerima|pemohon)\b", norm(steps[0].uraian)):
        yield Finding(path, Teks("SOP pelayanan tidak diawali penerimaan permohonan",
                                 "a service SOP that does not start by receiving a request"))
    if not re.search(r"\b(pemohon|menyerahkan|diserahkan|penyerahan)\b", norm(steps[-1].uraian)):
        yield Finding(path, Teks("SOP pelayanan tidak diakhiri penyerahan kepada pemohon",
                                 "a service SOP that does not end with delivery to the applicant"))


@rule(code="SOP502", slug="langkah-kerja-tidak-sesuai", severity=_W, catalogue="WS-02",
      summary=Teks("Langkah lembar kerja tidak sesuai dengan kegiatan flowchart",
                   "Worksheet steps do not match the flowchart steps"),
      hint=Teks("samakan jumlah dan urutan langkah lembar kerja (bagian C) dengan flowchart",
                "align the worksheet's steps (section C) with the flowchart in count and order"))
def langkah_kerja_tidak_sesuai(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """WS-02: the worksheet's steps (section C) correspond to the flowchart's steps: the same
    count, and pairwise fuzzy-matching texts in the same order (first mismatch reported)."""
    lk = sop.lembar_kerja
    if lk is None or not lk.langkah:
        return
    steps = [s for s in sop.kegiatan if not is_end_row(s)]
    if len(lk.langkah) != len(steps):
        yield Finding(("lembar_kerja", "langkah"),
                      Teks(f"lembar kerja memuat {len(lk.langkah)} langkah, flowchart {len(steps)} kegiatan",
                           f"the worksheet has {len(lk.langkah)} steps, the flowchart {len(steps)}"))
        return
    for i, (a, b) in enumerate(zip(lk.langkah, steps, strict=True)):
        if not overlaps(a.uraian, b.uraian, 0.4):
            yield Finding(("lembar_kerja", "langkah", i),
                          Teks(f"langkah {i + 1} lembar kerja tidak sesuai kegiatan {b.no or i + 1}",
                               f"worksheet step {i + 1} does not match flowchart step {b.no or i + 1}"))
            return
