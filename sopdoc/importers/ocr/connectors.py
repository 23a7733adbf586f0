"""Connectors of a flowchart in a page image, as the pieces and arrow tips the shared decision
reader (:func:`sopdoc.importers.grid.branch.decision_targets`) takes in page points.

With the table rules wiped and the symbols cut out, what is left inside the table is connector
lines, arrowheads and a few words. Line pieces are the horizontal and vertical runs of at least
:data:`MIN_PIECE` points (letters are shorter); an end of a piece is an arrow tip when the ink
just before it spreads across the line well beyond the line's width (a filled triangle or an
open V), so a line leaving a symbol is never taken for one entering it.
"""

from __future__ import annotations

from typing import Any

from sopdoc.importers.grid.geometry import BBox, Piece
from sopdoc.importers.ocr.image import PageImage

__all__ = ["MIN_PIECE", "image_connectors"]

MIN_PIECE = 6.0
"""Shortest connector piece in points."""
HEAD = 6.0
"""Points back from a line's end searched for its arrowhead when the end runs into a symbol (3
elsewhere): the symbol's cut-out takes the point of the head (bps 210, heads 4.3 pt long)."""


def _joint(x: int, y: int, own: tuple[int, int, int, int], boxes: list[tuple[int, int, int, int]], pad: int) -> bool:
    """True when the end (x, y) of piece ``own`` touches another piece (within ``pad`` pixels)."""
    return any(b != own and b[0] - pad <= x <= b[2] + pad and b[1] - pad <= y <= b[3] + pad for b in boxes)


def image_connectors(wiped: Any, region: tuple[int, int, int, int], symbols: list[tuple[int, int, int, int]],
                     img: PageImage) -> tuple[list[Piece], list[BBox]]:
    """Connector pieces and arrow tips (page points) inside ``region`` (pixels) of the binarised
    page ``wiped`` (rules wiped), the symbol boxes (pixels) cut out."""
    import cv2

    x0, y0, x1, y1 = region
    crop = wiped[y0:y1, x0:x1].copy()
    if crop.size == 0:
        return [], []
    s = img.scale
    pad = max(2, int(0.6 * s))
    cut = max(3, int(1.5 * s))  # the symbol box is its inside: the outline lies just outside
    for a, b, c, d in symbols:
        crop[max(0, b - y0 - cut):max(0, d - y0 + cut), max(0, a - x0 - cut):max(0, c - x0 + cut)] = 0
    n = max(6, int(MIN_PIECE * s))
    hor = cv2.morphologyEx(crop, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (n, 1)))
    ver = cv2.morphologyEx(crop, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, n)))
    boxes: list[tuple[int, int, int, int]] = []
    for mask in (hor, ver):
        k, _lab, stats, _c = cv2.connectedComponentsWithStats(mask, connectivity=8)
        boxes += [(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h, _a in stats[1:k]]
    tips = []
    short, long_ = int(3 * s), int(HEAD * s)
    m = cut + 3 * pad  # an end this close to a symbol runs into it
    cuts = [(a - x0 - m, b - y0 - m, c - x0 + m, d - y0 + m) for a, b, c, d in symbols]
    # what is left of a symbol's outline beside its cut-out is no line another one joins
    lines = [b for b in boxes if not any(c[0] <= b[0] and b[2] <= c[2] and c[1] <= b[1] and b[3] <= c[3] for c in cuts)]
    for bx0, by0, bx1, by1 in boxes:
        flat = bx1 - bx0 >= by1 - by0
        thick = (by1 - by0) if flat else (bx1 - bx0)
        ends = [(bx0, (by0 + by1) // 2, -1), (bx1, (by0 + by1) // 2, 1)] if flat else \
            [((bx0 + bx1) // 2, by0, -1), ((bx0 + bx1) // 2, by1, 1)]
        for ex, ey, way in ends:
            if _joint(ex, ey, (bx0, by0, bx1, by1), lines, pad + thick):
                continue  # an elbow or a line joining another: the other line spreads, no head
            # a line running into a symbol lost the point of its head with the symbol's cut-out:
            # what is left of the head lies further back
            reach = long_ if any(c[0] <= ex <= c[2] and c[1] <= ey <= c[3] for c in cuts) else short
            if flat:
                xa, xb = (ex - reach, ex + pad) if way > 0 else (ex - pad, ex + reach)
                window = crop[max(0, ey - reach):ey + reach + 1, max(0, xa):max(0, xb)]
                spread = int((window.max(axis=1) > 0).sum()) if window.size else 0
            else:
                ya, yb = (ey - reach, ey + pad) if way > 0 else (ey - pad, ey + reach)
                window = crop[max(0, ya):max(0, yb), max(0, ex - reach):ex + reach + 1]
                spread = int((window.max(axis=0) > 0).sum()) if window.size else 0
            if spread >= max(3 * thick, 1.5 * s):  # the head is wider than its line
                tips.append((ex - pad, ey - pad, ex + pad, ey + pad))

    def pt(b: tuple[int, int, int, int]) -> BBox:
        return img.to_points((b[0] + x0, b[1] + y0, b[2] + x0, b[3] + y0))

    return [Piece(pt(b)) for b in boxes], [pt(b) for b in tips]
