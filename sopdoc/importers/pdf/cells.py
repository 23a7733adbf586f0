"""Table grids drawn as separate stroked cell rectangles, turned into rules for the table finder.

Some Word/Excel exports draw a table not with rules but with one stroked rectangle per cell
(often twice: a fill and a stroke), or with closed four-corner paths. pdfplumber's table finder
is run on thin rules only (symbols must not split columns), so such a grid vanishes. A rectangle
(stroked: filled-only rectangles are shading and text backgrounds, inset in their cells) is taken
for a *cell* when one of its sides lies along a side of another rectangle (neighbouring
cells share a side); a flowchart symbol floats inside its cell and shares no side with anything.
The cells' sides become line objects added to the ruled page, and the cells are kept out of the
symbols (a cell of 60 × 40 points is as large as a process box).
"""

from __future__ import annotations

from typing import Any

from sopdoc.importers.grid.geometry import BBox

__all__ = ["MAX_CELL_CANDIDATES", "cell_edges", "cell_rects", "is_cell", "with_cell_rules"]

MAX_CELL_CANDIDATES = 2000
"""Rectangles on one page above which no cell grid is looked for (the comparison is quadratic)."""
_TOL = 1.5  # points by which two sides may differ and still be one side
_MIN_CELLS = 4


def _box(o: dict[str, Any]) -> BBox:
    return float(o["x0"]), float(o["top"]), float(o["x1"]), float(o["bottom"])


def _rectangular(o: dict[str, Any]) -> bool:
    """A closed path whose every vertex is a corner of its bounding box."""
    pts = o.get("pts") or []
    if len(pts) < 4 or len(pts) > 6:
        return False
    x0, top, x1, bottom = _box(o)
    return all((abs(x - x0) < 0.5 or abs(x - x1) < 0.5) and (abs(y - top) < 0.5 or abs(y - bottom) < 0.5)
               for x, y in pts)


def _candidates(page: Any) -> list[BBox]:
    found: set[BBox] = set()
    for o in [*page.objects.get("rect", ()), *(c for c in page.objects.get("curve", ()) if _rectangular(c))]:
        if o.get("stroke") and float(o["width"]) >= 3 and float(o["height"]) >= 3:
            found.add(tuple(round(v * 2) / 2 for v in _box(o)))  # type: ignore[arg-type]
    return sorted(found)


def _shares_side(a: BBox, b: BBox) -> bool:
    """True when a side of ``a`` lies along a side of ``b`` over a real length (not a corner)."""
    for ax in (a[0], a[2]):
        for bx in (b[0], b[2]):
            if abs(ax - bx) <= _TOL and min(a[3], b[3]) - max(a[1], b[1]) > 2 * _TOL:
                return True
    for ay in (a[1], a[3]):
        for by in (b[1], b[3]):
            if abs(ay - by) <= _TOL and min(a[2], b[2]) - max(a[0], b[0]) > 2 * _TOL:
                return True
    return False


def cell_rects(page: Any) -> list[BBox]:
    """The rectangles of ``page`` that are cells of a grid (each shares a side with another)."""
    boxes = _candidates(page)
    if len(boxes) < _MIN_CELLS or len(boxes) > MAX_CELL_CANDIDATES:
        return []
    cells = [a for i, a in enumerate(boxes) if any(_shares_side(a, b) for j, b in enumerate(boxes) if i != j)]
    return cells if len(cells) >= _MIN_CELLS else []


def is_cell(box: BBox, cells: list[BBox]) -> bool:
    """True when ``box`` is one of ``cells`` (within half a point on every side)."""
    return any(all(abs(u - v) <= 0.75 for u, v in zip(box, c, strict=True)) for c in cells)


def cell_edges(cells: list[BBox]) -> list[dict[str, Any]]:
    """The four sides of every cell as pdfplumber line objects (duplicates removed)."""
    seen: set[tuple[float, float, float, float]] = set()
    out: list[dict[str, Any]] = []
    for x0, top, x1, bottom in cells:
        for a, b, c, d in ((x0, top, x1, top), (x0, bottom, x1, bottom), (x0, top, x0, bottom), (x1, top, x1, bottom)):
            key = (a, b, c, d)
            if key in seen:
                continue
            seen.add(key)
            out.append({"object_type": "line", "x0": a, "x1": c, "top": b, "bottom": d, "width": c - a,
                        "height": d - b, "pts": [(a, b), (c, d)], "stroke": True, "fill": False,
                        "linewidth": 0.5})
    return out


def with_cell_rules(ruled: Any, cells: list[BBox]) -> Any:
    """The ruled page ``ruled`` with the sides of ``cells`` added as rules (itself when none)."""
    if not cells:
        return ruled
    from sopdoc.importers.pdf.pdfium import PdfiumPage

    objects = dict(ruled.objects)
    objects["line"] = [*objects.get("line", ()), *cell_edges(cells)]
    return PdfiumPage(objects, float(ruled.width), float(ruled.height), int(getattr(ruled, "page_number", 0)))
