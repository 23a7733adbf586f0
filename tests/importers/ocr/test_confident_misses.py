"""The fields the scans gave confidently wrong (issue #13 point 7: "never a confidently wrong
actor"), each on the crop of the page that showed it (``tests/data/ocr-crops/``, source in
``tests/data/README.md``) or a small drawn image."""

from __future__ import annotations

import pytest

cv2 = pytest.importorskip("cv2")

from sopdoc.importers.ocr.engine import ocr_available  # noqa: E402
from sopdoc.importers.ocr.grid import ImageTable  # noqa: E402
from sopdoc.importers.ocr.image import PageImage, binarise  # noqa: E402
from sopdoc.importers.ocr.page import _only_marks_added, _reread_header  # noqa: E402
from sopdoc.importers.ocr.symbols import find_symbols  # noqa: E402
from tests.conftest import DATA  # noqa: E402

CROPS = DATA / "ocr-crops"
needs_ocr = pytest.mark.skipif(not ocr_available(), reason="tesseract-ocr / tesseract-ocr-ind not installed")


def test_only_marks_a_name_holds_count_as_marks_the_page_reading_lost() -> None:
    assert _only_marks_added("Fungsional\nPelaksana", "Fungsional/\nPelaksana")
    assert _only_marks_added("Kabid Kasubag", "Kabid/ Kasubag")
    assert not _only_marks_added("Kasat", "— Kasat")  # a speck read as a dash is no mark of a name
    assert not _only_marks_added("Fungsional Pelaksana", "Fungsional/ Pelaksana 2")
    assert not _only_marks_added("Fungsional Pelaksana", "Funasional/ Pelaksana")
    assert not _only_marks_added("", "/")


@needs_ocr
def test_a_header_slash_the_page_reading_lost_is_read_as_printed() -> None:
    # pengumuman scan, page 2: the actor header "Fungsional/ Pelaksana", whose slash touches the
    # rule above it; the page's reading gave "Fungsional Pelaksana" (sure, 0.92), so steps 2 and 6
    # got an actor no header prints
    grey = cv2.imread(str(CROPS / "pengumuman-header-fungsional.png"), cv2.IMREAD_GRAYSCALE)
    h, w = grey.shape
    table = ImageTable(xs=[10, w - 10], ys=[0, 10, h - 10], cells=[(1, 0, 1, 1)], rules=None)
    texts: list[list[str | None]] = [[None], ["Fungsional\nPelaksana"]]
    confs = {(1, 0): 0.92}
    _reread_header(table, texts, confs, grey, PageImage(grey, 1.38, w / 1.38, h / 1.38))
    assert texts[1][0] == "Fungsional/\nPelaksana"


def test_bps_223_step_one_has_a_process_box_under_bagian_umum() -> None:
    # bps-223's flowchart picture, step 1's four actor cells (pdftoppm -r 300): a terminator under
    # Kepala BPS Provinsi, then a process box under each of Ketua Tim, Bagian Umum and BPS
    # Kabupaten/Kota, joined by arrows. The importer's "Bagian Umum" on step 1 was right; the
    # summary had left it out (corrected). Rules wiped as the page reader does before symbols.
    np = pytest.importorskip("numpy")
    ink = binarise(cv2.imread(str(CROPS / "bps-223-step1-actor-cells.png"), cv2.IMREAD_GRAYSCALE))
    h, w = ink.shape
    rules = (cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((h - 20, 1), np.uint8))
             | cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, w // 2), np.uint8)))
    ink[rules > 0] = 0
    found = sorted(find_symbols(ink, (0, 0, w, h), min_side=58, max_area=w * h // 4), key=lambda s: s.box)
    assert [s.kind for s in found] == ["terminator", "proses", "proses", "proses"]
    bagian_umum = [s for s in found if 445 <= (s.box[0] + s.box[2]) / 2 < 667]  # the column's rules at x 445, 667
    assert len(bagian_umum) == 1 and bagian_umum[0].conf >= 0.6


def test_a_connector_crossing_a_rule_is_one_line_again() -> None:
    # a drawn table: one column rule (x 100, 5 px wide) and one row rule (y 60); a connector runs
    # from x 40 to x 160 across the column rule and one from y 20 to y 100 across the row rule.
    # Wiping the rules broke both (pengumpulan and penyusunan: no decision exit was read)
    from sopdoc.importers.ocr.page import bridge_rules

    np = pytest.importorskip("numpy")
    ink = np.zeros((120, 200), np.uint8)
    rules = np.zeros_like(ink)
    rules[:, 98:103] = 255
    rules[58:63, :] = 255
    ink[rules > 0] = 255
    ink[30:32, 40:160] = 255  # horizontal connector across the column rule
    ink[20:100, 150:152] = 255  # vertical connector across the row rule
    ink[80:90, 90:97] = 255  # a letter beside the column rule, nothing on its other side
    table = ImageTable(xs=[0, 100, 199], ys=[0, 60, 119], cells=[], rules=(0, 0, rules))
    wiped = ink.copy()
    wiped[rules > 0] = 0
    out = bridge_rules(table, wiped, 6)
    assert (out[30:32, 40:160] > 0).all() and (out[20:100, 150:152] > 0).all()
    assert not out[80:90, 98:103].any() and not out[:, 98:103][40:50].any()  # no bridge without ink on both sides
