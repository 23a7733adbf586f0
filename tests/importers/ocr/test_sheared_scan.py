"""A scan whose column rules are sheared (a phone or CamScanner photo): the rule of a header cell
is several pixels from the rule's mean position, and must still separate the cells (issue #13:
the "pengumpulan" scan read 0 steps because NO and Kegiatan were one merged header cell)."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

cv2 = pytest.importorskip("cv2")
np = pytest.importorskip("numpy")

from sopdoc.importers.ocr.engine import ocr_available  # noqa: E402
from sopdoc.importers.ocr.grid import find_tables  # noqa: E402
from sopdoc.importers.pdf.importer import import_pdf_file  # noqa: E402
from tests.conftest import DATA  # noqa: E402

NAME = "diskominfo-kalbar-pengumpulan-informasi-online"
SCAN = DATA / "corpus" / "scanned" / f"{NAME}-p2.pdf"
WANT = json.loads((DATA / "import-expected" / "ocr" / f"{NAME}.json").read_text(encoding="utf-8"))
SHA = "32cde282300404a5ce88d7d796cdcc42924f1b993d420f8fa8ff172dfac3bb1b"

needs_ocr = pytest.mark.skipif(not ocr_available(), reason="tesseract-ocr / tesseract-ocr-ind not installed")


def _sheared_table() -> object:
    """A table 2000 px wide (an A4 page at 200 dpi) with two thin header rows (25 px; NO and
    Kegiatan span both) and three body rows; the first inner column rule runs from x = 107 at the
    top to x = 93 at the bottom (mean 100: 1 % of the table's height off at either end, as in the
    scan), the others are upright."""
    ink = np.zeros((720, 2100), np.uint8)
    for y in (20, 70, 320, 520, 700):
        cv2.line(ink, (20, y), (2020, y), 255, 2)
    cv2.line(ink, (400, 45), (2020, 45), 255, 2)  # under the group header, from Kegiatan's right rule on
    cv2.line(ink, (107, 20), (93, 700), 255, 2)  # sheared: 7 px off its mean at either end
    for x in (20, 400, 1200, 2020):
        cv2.line(ink, (x, 20), (x, 700), 255, 2)
    return ink


def test_a_sheared_column_rule_still_separates_the_header_cells() -> None:
    (t,) = find_tables(_sheared_table(), min_size=100)
    assert len(t.xs) == 5 and abs(t.xs[1] - 100) <= 3
    header = sorted(c for c in t.cells if c[0] == 0)
    # NO and Kegiatan stay apart, and each keeps both header rows (the top rule, 25 px away, is
    # not taken for the rule under the group header)
    assert header[0] == (0, 0, 2, 1) and header[1] == (0, 1, 2, 1)


def test_copy_keeps_page_two_unmodified() -> None:
    assert hashlib.sha256(SCAN.read_bytes()).hexdigest() == SHA


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


@needs_ocr
def test_the_pengumpulan_flowchart_page_reads_its_five_steps_and_actors() -> None:
    result = import_pdf_file(SCAN)
    sop = result.load.sop
    assert sop is not None
    assert [k.no for k in sop.kegiatan] == [1, 2, 3, 4, 5]
    assert [_norm(a) for a in sop.pelaksana] == [_norm(a) for a in WANT["pelaksana"]]
    flagged = {d.path[:3] for d in result.load.diagnostics if d.code in ("IMP022", "IMP023", "IMP030")}
    right = 0
    for i, (got, want) in enumerate(zip(sop.kegiatan, WANT["kegiatan"], strict=True)):
        if list(got.pelaksana) == [want["pelaksana"]]:
            right += 1
        else:  # never a confidently wrong actor
            assert ("kegiatan", i, "pelaksana") in flagged, (want["no"], got.pelaksana)
        assert _norm(got.uraian).startswith(_norm(want["uraian_awal"])[:12]), got.uraian
    assert right >= 4


@pytest.mark.parametrize("angle", [0.0, 0.8, -1.5])
def test_deskew_measures_the_angle_of_the_rules(angle: float) -> None:
    from sopdoc.importers.ocr.image import deskew

    grey = np.full((900, 1400), 255, np.uint8)
    for y in (100, 200, 400, 650, 800):
        cv2.line(grey, (100, y), (1300, y), 0, 3)
    for x in (100, 400, 1300):
        cv2.line(grey, (x, 100), (x, 800), 0, 3)
    m = cv2.getRotationMatrix2D((700, 450), -angle, 1.0)
    turned = cv2.warpAffine(grey, m, (1400, 900), borderValue=255)
    _level, found = deskew(turned)
    assert found == 0.0 if angle == 0.0 else abs(found - angle) < 0.1, found
