"""Flowchart symbols and connectors from the vector graphics of a PDF page (pdfplumber objects).

Word/Excel exports draw the same symbol in many ways: a stroked rectangle, a filled outline
polygon, a rounded rectangle of Bézier curves or of a hundred short lines, a diamond of four
lines. Classification is by geometry only: the vertices relative to the bounding box and the
polygon's area relative to the box (a connector drawn as a thin filled outline has almost none).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from sopdoc.importers.grid.geometry import BBox, Piece, Shape
from sopdoc.importers.pdf.cells import is_cell
from sopdoc.model.labels import simbol_rank

__all__ = ["Piece", "Shape", "extract_arrowheads", "extract_offpage", "extract_pieces", "extract_shapes"]

def _area(pts: list[tuple[float, float]]) -> float:
    s = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=False):
        s += x0 * y1 - x1 * y0
    return abs(s) / 2


def _bbox(obj: dict[str, Any]) -> BBox:
    return float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"])


THIN_LINE = 3.0
"""Points: the widest outline of a drawn line (a connector of 1.5 to 2.25 pt is filled as an outline
about 1.6 to 2.4 pt wide, bps 338)."""


def _thin(w: float, h: float) -> bool:
    """A box ``w`` × ``h`` that is the outline of a line: under 1.5 pt across, or under THIN_LINE
    points across and at least three times as long (so a small arrow tip or square is no line)."""
    short, long_ = min(w, h), max(w, h)
    return short < 1.5 or (short < THIN_LINE and long_ >= 3 * short)


def _classify_curve(obj: dict[str, Any]) -> str | None:
    """'terminator' | 'proses' | 'keputusan' | 'piece' | None for one curve object."""
    w, h = float(obj["width"]), float(obj["height"])
    pts = [(float(x), float(y)) for x, y in obj.get("pts", [])]
    if _thin(w, h):  # a line drawn as a thin filled outline, however short: a connector stub
        return "piece" if max(w, h) >= 1.5 and len(pts) >= 2 else None
    if max(w, h) < 8 or len(pts) < 3:
        return None
    x0, top = float(obj["x0"]), float(obj["top"])
    ratio = _area(pts) / (w * h) if w * h else 0.0
    cmds = [seg[0] for seg in obj.get("path", [])] if obj.get("path") else []
    opened = bool(cmds) and "h" not in cmds and abs(pts[0][0] - pts[-1][0]) + abs(pts[0][1] - pts[-1][1]) > 1.0
    if ratio < 0.3 or opened:  # a thin outline, or an open polyline (an elbow connector): no symbol
        return "piece"
    # a terminator may be drawn as small as 24 x 7.7 pt (bps 009): a rounded outline from 6 pt high
    if not ((9 if "c" not in cmds else 6) <= h <= 60 and 15 <= w <= 150):
        return None
    tol = max(1.5, 0.12 * min(w, h))
    corner = sum(1 for x, y in pts if (abs(x - x0) < tol or abs(x - x0 - w) < tol)
                 and (abs(y - top) < tol or abs(y - top - h) < tol))
    mid = sum(1 for x, y in pts if abs(x - x0 - w / 2) < tol or abs(y - top - h / 2) < tol)
    if 0.35 <= ratio <= 0.65 and mid >= 4 and corner == 0:
        return "keputusan"
    if "c" not in cmds and _offpage(pts, (x0, top, x0 + w, top + h), tol):
        return "offpage"
    if "c" in cmds or len(pts) > 16:
        return "terminator"
    if corner >= len(pts) - 1:
        return "proses"
    return "terminator" if ratio > 0.75 else None


def _offpage(pts: list[tuple[float, float]], box: BBox, tol: float) -> bool:
    """An off-page connector: the pentagon ("home plate") of PermenPAN-RB 35/2012, five corners,
    two of them the box's corners on one side, the apex in the middle of the opposite side and
    the two shoulders on the sides between. Pagination draws it; it is no step's symbol (an
    off-page connector under a step's box is neither a terminator nor another actor, bps-009)."""
    corners: list[tuple[float, float]] = []
    for x, y in pts:  # a stroke's outline doubles each corner (bps-048): points within tol are one
        if not any(abs(x - cx) < tol and abs(y - cy) < tol for cx, cy in corners):
            corners.append((x, y))
    if len(corners) != 5:
        return False
    x0, top, x1, bottom = box
    sides = {"top": lambda x, y: abs(y - top) < tol, "bottom": lambda x, y: abs(y - bottom) < tol,
             "left": lambda x, y: abs(x - x0) < tol, "right": lambda x, y: abs(x - x1) < tol}
    opposite = {"top": "bottom", "bottom": "top", "left": "right", "right": "left"}
    for base, on_base in sides.items():
        flat = [p for p in corners if on_base(*p)]
        apex = [p for p in corners if sides[opposite[base]](*p)]
        if len(flat) != 2 or len(apex) != 1:
            continue
        ax, ay = apex[0]
        middle = abs(ax - (x0 + x1) / 2) < tol if base in ("top", "bottom") else abs(ay - (top + bottom) / 2) < tol
        if middle:
            return True
    return False


def extract_shapes(page: Any, cells: list[BBox] | None = None) -> list[Shape]:
    """Flowchart symbols on ``page``, duplicates (fill + stroke of one symbol) merged; ``cells``
    are table cells drawn as rectangles (``pdf/cells.py``), never symbols."""
    cells = cells or []
    found: list[Shape] = []
    for r in page.rects:
        w, h = float(r["width"]), float(r["height"])
        if 9 <= h <= 60 and 15 <= w <= 150 and w / h < 8 and not is_cell(_bbox(r), cells):
            found.append(Shape("proses", _bbox(r)))
    for c in page.curves:
        kind = _classify_curve(c)
        if kind in ("terminator", "proses", "keputusan") and not is_cell(_bbox(c), cells):
            found.append(Shape(kind, _bbox(c)))
    found.sort(key=lambda s: (simbol_rank(s.kind), s.bbox))
    out: list[Shape] = []
    for s in found:
        if not any(_overlap(s.bbox, o.bbox) > 0.6 for o in out):
            out.append(s)
    return sorted(out, key=lambda s: (s.bbox[1], s.bbox[0]))


def extract_offpage(page: Any) -> list[tuple[BBox, str]]:
    """The off-page connectors of ``page`` (``_offpage``), fill and stroke of one merged, each
    with the text printed inside it (its number or letter, "" when none)."""
    boxes: list[BBox] = []
    for c in page.curves:
        b = _bbox(c)
        if _classify_curve(c) == "offpage" and not any(_overlap(b, o) > 0.6 for o in boxes):
            boxes.append(b)
    out = []
    for b in sorted(boxes, key=lambda b: (b[1], b[0])):
        inside = [ch for ch in page.chars if b[0] <= (float(ch["x0"]) + float(ch["x1"])) / 2 <= b[2]
                  and b[1] <= (float(ch["top"]) + float(ch["bottom"])) / 2 <= b[3]]
        inside.sort(key=lambda ch: (round(float(ch["top"])), float(ch["x0"])))
        out.append((b, "".join(str(ch["text"]) for ch in inside).strip()))
    return out


def _overlap(a: BBox, b: BBox) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    small = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1])) or 1.0
    return ix * iy / small


def extract_pieces(page: Any, grid: list[BBox], anchors: list[BBox] | None = None) -> list[Piece]:
    """Connector pieces: thin outline polygons, lines, and thin rectangles that are not grid rules.

    A thin rectangle along a side of a table cell is a rule, unless one of its ends meets one of
    ``anchors`` (the symbols and arrow tips): a connector drawn as a filled rectangle is a rule to
    the table finder, which splits the cells it crosses at it (bps 338), so a cell side proves
    nothing on its own; a rule runs from one crossing of the grid to another and never ends at a
    symbol or an arrow tip."""
    pieces = [p for c in page.curves if _classify_curve(c) == "piece" for p in _segments(c)]
    pieces += [Piece(_bbox(ln)) for ln in page.lines]
    for r in page.rects:
        b = _bbox(r)
        if min(float(r["width"]), float(r["height"])) < 3 and (
                not any(_on_rule(b, g) for g in grid) or _ends_at(b, anchors or [])):
            pieces.append(Piece(b))
    return pieces


def _ends_at(b: BBox, anchors: list[BBox]) -> bool:
    """True when an end of the thin box ``b`` lies on or beside (within its own thickness, at
    least 1.5 pt) one of ``anchors``."""
    pad = max(1.5, min(b[2] - b[0], b[3] - b[1]))
    if b[3] - b[1] < b[2] - b[0]:  # horizontal: the left and right ends
        ends = [(b[0], b[1], b[0], b[3]), (b[2], b[1], b[2], b[3])]
    else:
        ends = [(b[0], b[1], b[2], b[1]), (b[0], b[3], b[2], b[3])]
    return any(e[0] - pad <= a[2] and a[0] - pad <= e[2] and e[1] - pad <= a[3] and a[1] - pad <= e[3]
               for e in ends for a in anchors)


def _segments(curve: dict[str, Any]) -> list[Piece]:
    """An open polyline (an elbow connector) as one piece per segment, so that two elbows whose
    boxes overlap are not taken for one path; the closed outline of a thick elbow (six points or
    more, filled) as one piece per side of the outline, for the same reason (an "L" 2 pt thick
    whose box holds another connector's elbow, bps 038); any other piece as its box."""
    pts = [(float(x), float(y)) for x, y in curve.get("pts", [])]
    cmds = [seg[0] for seg in curve.get("path", [])] if curve.get("path") else []
    if cmds and "h" in cmds and len(pts) >= 6:
        return [_edge(a, b) for a, b in pairwise([*pts, pts[0]])]
    if not cmds or "h" in cmds or "c" in cmds or len(pts) < 3 or \
            abs(pts[0][0] - pts[-1][0]) + abs(pts[0][1] - pts[-1][1]) <= 1.0:
        return [Piece(_bbox(curve))]
    return [_edge(a, b) for a, b in pairwise(pts)]


def _edge(a: tuple[float, float], b: tuple[float, float]) -> Piece:
    return Piece((min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])))


def _on_rule(b: BBox, cell: BBox) -> bool:
    """True when thin box ``b`` lies along an edge of table cell ``cell``."""
    tol = 2.0
    horiz = b[3] - b[1] < 3
    if horiz:
        return any(abs(b[1] - y) < tol for y in (cell[1], cell[3])) and b[0] <= cell[2] and b[2] >= cell[0]
    return any(abs(b[0] - x) < tol for x in (cell[0], cell[2])) and b[1] <= cell[3] and b[3] >= cell[1]


ARROW_TIP_MAX = 8.0
"""Points: the largest side of an arrow tip's box."""


def extract_arrowheads(page: Any) -> list[BBox]:
    """Small filled arrow tips: a triangle (3–5 points), or an open chevron ``>`` drawn as the
    filled outline of its two strokes with rounded ends (Word's "open arrow": about 11 points,
    bps 069); both under ARROW_TIP_MAX points on their longer side."""
    out = []
    for c in page.curves:
        w, h, n = float(c["width"]), float(c["height"]), len(c.get("pts", []))
        if max(w, h) < ARROW_TIP_MAX and c.get("fill") and (3 <= n <= 5 or (n <= 16 and min(w, h) >= 3)):
            out.append(_bbox(c))
    return out
