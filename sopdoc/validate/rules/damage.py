"""SOP090: text damaged by OCR or extraction (catalogue PR-02), read from the YAML's own text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sopdoc.codes import Finding, rule
from sopdoc.model.diagnostic import Severity, Teks
from sopdoc.model.sop import Sop
from sopdoc.validate.context import RuleContext

_GLYPHS = re.compile(r"[\ufb00-\ufb06\u201c\u201d\u2018\u2019|~{}<>^`]|[a-z][A-Z]{2,}[a-z]|\w[!?;:]\w")


def _texts(sop: Sop) -> Iterator[str]:
    for key in ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan",
                "peringatan", "pencatatan_pendataan"):
        yield from getattr(sop, key) or ()
    for step in sop.kegiatan:
        yield step.uraian
        yield from step.mutu_baku.kelengkapan
        yield step.mutu_baku.output or ""


@rule(code="SOP090", slug="teks-rusak", severity=Severity.WARNING, catalogue="PR-02",
      summary=Teks("Teks tampak rusak (OCR/ekstraksi); perlu ditinjau manual",
                   "Text looks damaged (OCR/extraction); needs manual review"),
      hint=Teks("bandingkan dengan dokumen asli dan ketik ulang bagian yang rusak",
                "compare with the original document and retype the damaged parts"))
def teks_rusak(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """PR-02: OCR damage. Counts words carrying control glyphs (ligatures such as U+FB01, smart
    quotes, '|', '~', braces, mid-word punctuation) over all box and step texts; 3 % of the words
    or more (with at least 5 damaged words) marks the document for manual review.

    PR-01 (header label typos such as "MUTU BUKU") does not apply to YAML sources: their keys are
    fixed, and an unknown key is the loader's SOP006 with a "did you mean".
    """
    total = damaged = 0
    for text in _texts(sop):
        tokens = text.split()
        total += len(tokens)
        if _GLYPHS.search(text):
            damaged += sum(1 for token in tokens if _GLYPHS.search(token))
    if damaged >= 5 and damaged / max(total, 1) >= 0.03:
        yield Finding((), Teks(f"{damaged} dari {total} kata tampak rusak", f"{damaged} of {total} words look damaged"))
