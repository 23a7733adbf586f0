"""The image pieces behind raster flowcharts and overlays, on small drawn images with known answers."""

from __future__ import annotations

import pytest

cv2 = pytest.importorskip("cv2")
np = pytest.importorskip("numpy")

from sopdoc.importers.grid.branch import decision_targets  # noqa: E402
from sopdoc.importers.grid.geometry import Piece, Shape  # noqa: E402
from sopdoc.importers.ocr.grid import ImageTable, find_tables, split_column  # noqa: E402
from sopdoc.importers.ocr.page import _fold_group_header  # noqa: E402
from sopdoc.importers.ocr.pictures import overlaps, picture_area, text_layer_words  # noqa: E402


def _table_with_connector() -> object:
    """A 4-column, 5-row ruled table; a connector runs down column 2 from a box in row 1."""
    ink = np.zeros((500, 800), np.uint8)
    for y in (20, 80, 180, 280, 380, 480):
        cv2.line(ink, (20, y), (780, y), 255, 2)
    for x in (20, 200, 400, 600, 780):
        cv2.line(ink, (x, 20), (x, 480), 255, 2)
    cv2.rectangle(ink, (250, 100), (350, 150), 255, 2)  # a process box in row 1, column 1
    cv2.line(ink, (300, 150), (300, 440), 255, 2)  # its connector down to row 4
    cv2.line(ink, (300, 440), (450, 440), 255, 2)
    return ink


def test_a_connector_down_an_actor_column_is_not_a_column_rule() -> None:
    (t,) = find_tables(_table_with_connector(), min_size=100)
    assert [round(x / 10) for x in t.xs] == [2, 20, 40, 60, 78]  # no column at x = 300
    assert len(t.ys) == 6


def test_split_column_makes_two_columns_and_widens_spanning_cells() -> None:
    t = ImageTable([0, 100, 300, 400], [0, 50, 100], [(0, 0, 1, 3), (1, 0, 1, 1), (1, 1, 1, 1), (1, 2, 1, 1)], None)
    split_column(t, 1, 200)
    assert t.xs == [0, 100, 200, 300, 400]
    assert t.cells == [(0, 0, 1, 4), (1, 0, 1, 1), (1, 1, 1, 1), (1, 2, 1, 1), (1, 3, 1, 1)]


def test_a_third_header_row_of_actor_names_under_a_group_is_folded() -> None:
    texts: list[list[str | None]] = [
        ["No", "Aktivitas", "Pelaksana", None, None, "Waktu"],
        [None, None, "BPS Provinsi", None, "BPS RI", None],
        [None, None, "Ketua Tim", "Anggota Tim", None, None],
        ["1", "Kompilasi data", "", "", "", "2 minggu"],
    ]
    _fold_group_header(texts)
    assert texts[1] == [None, None, "Ketua Tim", "Anggota Tim", "BPS RI", None]
    assert texts[2] == ["", "", "", "", "", ""]
    assert texts[3][1] == "Kompilasi data"


def test_stacked_pictures_are_one_area_and_side_by_side_ones_are_not() -> None:
    assert picture_area([(61, 181, 715, 350), (61, 350, 715, 519)]) == [(61, 181, 715, 519)]
    assert len(picture_area([(0, 0, 100, 100), (120, 0, 220, 100)])) == 2
    assert overlaps((0, 0, 100, 100), (50, 50, 300, 300), 0.2) and not overlaps((0, 0, 10, 10), (20, 20, 30, 30))


def test_text_layer_words_split_glued_words_at_gaps() -> None:
    def ch(text: str, x: float) -> dict[str, object]:
        return {"text": text, "x0": x, "x1": x + 4, "top": 10.0, "bottom": 18.0, "size": 8.0}

    chars = [ch("1", 0), ch("j", 5), ch("a", 9), ch("m", 13), ch("B", 30), ch("M", 34), ch("N", 38)]
    words = text_layer_words(chars, 2.0)
    assert [w.text for w in words] == ["1jam", "BMN"] or [w.text for w in words] == ["1", "jam", "BMN"]
    assert words[-1].box == (60, 20, 84, 36) and words[-1].conf == 1.0


def test_a_labelled_exit_is_named_by_its_label_not_by_its_position() -> None:
    # a diamond in step 0; its left exit (labelled "Tidak") reaches step 1, its bottom exit ("Ya") step 2
    diamond = Shape("keputusan", (100, 100, 120, 120))
    shapes = [[diamond], [Shape("proses", (40, 150, 70, 165))], [Shape("proses", (95, 200, 125, 215))]]
    pieces = [Piece((55, 109, 100, 111)), Piece((54, 110, 56, 149)), Piece((109, 120, 111, 199))]
    arrows = [(52, 146, 58, 150), (107, 196, 113, 200)]
    assert decision_targets(diamond, 0, shapes, pieces, arrows) == {"ya": 1, "tidak": 2}
    labels = [("Tidak", (40.0, 112.0, 53.0, 120.0)), ("Ya", (113.0, 160.0, 120.0, 168.0))]
    assert decision_targets(diamond, 0, shapes, pieces, arrows, labels) == {"tidak": 1, "ya": 2}
