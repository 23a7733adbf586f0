"""Arrow tips in a page image (sopdoc.importers.ocr.connectors): a head whose point the symbol's
cut-out took is still a head; an elbow's corner is none (bps 210 page 2, decision of step 3).
Drawn here at 4 pixels per point, as the page images are read."""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")
pytest.importorskip("cv2")

from sopdoc.importers.ocr.connectors import image_connectors  # noqa: E402
from sopdoc.importers.ocr.image import PageImage  # noqa: E402

S = 4.0  # pixels per point


def _page() -> tuple[object, PageImage]:
    ink = np.zeros((400, 400), dtype=np.uint8)  # binarised: ink 255
    return ink, PageImage(grey=None, scale=S, width_pt=100.0, height_pt=100.0)


def _box(ink: object, x0: int, y0: int, x1: int, y1: int) -> None:
    ink[y0:y1, x0:x0 + 4] = ink[y0:y1, x1 - 4:x1] = 255  # type: ignore[index]
    ink[y0:y0 + 4, x0:x1] = ink[y1 - 4:y1, x0:x1] = 255  # type: ignore[index]


def _head_down(ink: object, cx: int, tip_y: int, length: int = 17, half: int = 10) -> None:
    for i in range(length):  # a filled triangle pointing down, its point at tip_y
        w = half * (i + 1) // length
        ink[tip_y - i, cx - w:cx + w + 1] = 255  # type: ignore[index]


def test_a_head_just_short_of_a_symbol_is_a_tip() -> None:
    # as bps 210 page 2 reads: the line's run goes on 0.5 pt past the head's point, and the 3 pt
    # before that end hold only the head's narrow half; the base lies further back
    ink, img = _page()
    _box(ink, 150, 258, 250, 318)  # the symbol's outline (pixels)
    ink[100:252, 198:203] = 255  # a line down towards its top, ending 1.5 pt above the outline
    _head_down(ink, 200, 249)  # a head 4.25 pt long and 5.25 pt wide, its point at 249
    pieces, tips = image_connectors(ink, (0, 0, 400, 400), [(154, 262, 246, 314)], img)
    assert pieces
    assert any(t[0] <= 200 / S <= t[2] and t[3] >= 245 / S and t[1] <= 253 / S for t in tips), tips


def test_an_elbow_corner_is_no_tip() -> None:
    ink, img = _page()
    ink[100:104, 50:200] = 255  # right ...
    ink[100:300, 196:200] = 255  # ... then down, no head anywhere
    _, tips = image_connectors(ink, (0, 0, 400, 400), [], img)
    corner = (50.0, 25.5)  # points
    assert not any(t[0] - 1.5 <= corner[0] <= t[2] + 1.5 and t[1] - 1.5 <= corner[1] <= t[3] + 1.5 for t in tips), tips
