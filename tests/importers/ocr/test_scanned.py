"""A real scan through OCR, against the summary a person wrote from its page images."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from sopdoc.importers.ocr.engine import ocr_available
from sopdoc.importers.pdf.importer import import_pdf_file
from tests.conftest import DATA

NAME = "diskominfo-kalbar-pengajuan-keberatan-2024"
SCAN = DATA / "corpus" / "scanned" / f"{NAME}.pdf"
WANT = json.loads((DATA / "import-expected" / "ocr" / f"{NAME}.json").read_text(encoding="utf-8"))
SHA = "36ec8fb497a1d21053682bd432f87d6d4c7a578827fe133296023b645b60f53a"

needs_ocr = pytest.mark.skipif(not ocr_available(), reason="tesseract-ocr / tesseract-ocr-ind not installed")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def test_scan_copy_is_unmodified() -> None:
    assert hashlib.sha256(SCAN.read_bytes()).hexdigest() == SHA


@needs_ocr
def test_scan_reads_six_steps_and_never_a_confidently_wrong_actor() -> None:
    result = import_pdf_file(SCAN)
    sop = result.load.sop
    assert sop is not None
    steps = [k for k in sop.kegiatan if k.no is not None]
    assert [k.no for k in steps] == [1, 2, 3, 4, 5, 6]
    flagged = {d.path[:2] for d in result.load.diagnostics if d.code in ("IMP022", "IMP023", "IMP030")}
    right = uraian_right = 0
    by_no = {k.no: (i, k) for i, k in enumerate(sop.kegiatan)}
    for want in WANT["kegiatan"]:
        i, got = by_no[want["no"]]
        names = [got.pelaksana] if isinstance(got.pelaksana, str) else list(got.pelaksana or ())
        actor = names[0] if len(names) == 1 else None
        if actor is not None and _norm(actor).startswith(_norm(want["pelaksana"])):
            right += 1
        else:
            assert ("kegiatan", i) in flagged, f"step {want['no']}: actor {actor!r} neither right nor flagged"
        uraian_right += _norm(got.uraian).startswith(_norm(want["uraian_awal"])[:20])
        assert got.mutu_baku is not None and _norm(str(got.mutu_baku.waktu or "")) != ""
    assert right >= 3
    assert uraian_right >= 5  # step 4 reads "Memenintahkan" (r→n), an OCR error not flagged yet
    assert any(d.code == "IMP051" for d in result.load.diagnostics)
