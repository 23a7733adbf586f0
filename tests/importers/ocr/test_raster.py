"""A born-digital PDF whose step table is a pasted picture (issue #13 point 3), against the summary a
person wrote from its page images; and the symbol reader's rounded-corner test."""

from __future__ import annotations

import hashlib
import json

import pytest

from sopdoc.importers.ocr.engine import ocr_available
from sopdoc.importers.ocr.symbols import classify
from sopdoc.importers.pdf.importer import import_pdf_file
from tests.conftest import DATA
from tests.importers.pdf.corpus_score import score

NAME = "bps-225-persiapan-survei-perkebunan"
PDF = DATA / "corpus" / "raster" / f"{NAME}.pdf"
WANT = json.loads((DATA / "import-expected" / "raster" / f"{NAME}.json").read_text(encoding="utf-8"))
SHA = "1552427a0cb803927a184d46f3d420412ad40c180ea0a393044ac80c63e832de"

needs_ocr = pytest.mark.skipif(not ocr_available(), reason="tesseract-ocr / tesseract-ocr-ind not installed")


def test_copy_is_unmodified() -> None:
    assert hashlib.sha256(PDF.read_bytes()).hexdigest() == SHA


def test_rounded_corners_make_a_terminator_even_when_the_box_is_nearly_full() -> None:
    # a long stadium fills ~0.94 of its box: by fill alone it would be an unsure rectangle
    assert classify(0.94, 8, 3.0, corner_fill=0.2) == ("terminator", 0.8)
    assert classify(1.0, 4, 2.4, corner_fill=1.0) == ("proses", 0.9)
    assert classify(0.94, 8, 3.0) == ("proses", 0.6)  # without the corner measure: unsure


@needs_ocr
def test_picture_flowchart_is_read_with_actors_and_symbols_from_the_picture() -> None:
    result = import_pdf_file(PDF)
    sop = result.load.sop
    assert sop is not None
    codes = [d.code for d in result.load.diagnostics]
    assert "IMP020" not in codes and "IMP051" in codes
    assert [a.casefold() for a in sop.pelaksana] == [a.casefold() for a in WANT["actors"]]
    sc = score(sop, WANT)
    assert sc.steps_right == WANT["steps"], sc.misses
    assert sc.equal / sc.total >= 0.85, sc.misses


@needs_ocr
def test_every_misread_picture_text_is_flagged() -> None:
    # 'Penyuntingan' is read 'Penvuntingan' with high confidence (the y's tail sits under a whitened
    # red underline): the word is in no vocabulary, so the field is flagged all the same
    result = import_pdf_file(PDF)
    sop = result.load.sop
    assert sop is not None
    sc = score(sop, WANT)
    # every field the picture gave wrongly is flagged on the field itself, or is a waktu the
    # checker cannot parse
    flagged = {d.path for d in result.load.diagnostics if d.code in ("IMP030", "SOP012")}
    fields = {"uraian": ("uraian",), "waktu": ("mutu_baku", "waktu"), "output": ("mutu_baku", "output"),
              "pelaksana": ("pelaksana",), "simbol": ("simbol",)}
    for miss in sc.misses:
        name = miss.split(":")[0]
        if name.startswith("kegiatan["):
            i = int(name[len("kegiatan["):name.index("]")])
            assert ("kegiatan", i, *fields[name.split(".")[1]]) in flagged, miss
    assert any("Penvuntingan" in d.message.id for d in result.load.diagnostics if d.code == "IMP030") or \
        "Penvuntingan" not in str([k.uraian for k in sop.kegiatan])
