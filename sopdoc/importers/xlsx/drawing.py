"""The shapes and connectors of one spreadsheet drawing (``xl/drawings/drawingN.xml``).

Each anchor (two-cell, one-cell or absolute) is turned into a box in sheet coordinates (EMU,
origin top-left of cell A1) through the sheet's column widths and row heights; shapes inside a
group are mapped through the group's child frame. Preset geometries name the symbol; connectors
keep the ids of the shapes they join (``stCxn``/``endCxn``) and the connection site they leave.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sopdoc.ooxml.ns import qn

__all__ = ["SHAPE_KINDS", "Grid", "XlShape", "read_drawing"]

# preset geometry -> the kind of flowchart mark it is
SHAPE_KINDS: dict[str, str] = {
    "flowChartTerminator": "terminator", "roundRect": "terminator", "flowChartAlternateProcess": "terminator",
    "rect": "proses", "flowChartProcess": "proses", "flowChartPredefinedProcess": "proses",
    "diamond": "keputusan", "flowChartDecision": "keputusan",
    "homePlate": "offpage", "flowChartOffpageConnector": "offpage", "pentagon": "offpage",
    "flowChartConnector": "offpage", "ellipse": "offpage",
}
_CONNECTORS = ("bentConnector", "straightConnector", "curvedConnector", "line")


@dataclass(frozen=True)
class Grid:
    """Column left edges and row top edges of a sheet in EMU (index 0 = column A / row 1)."""

    col_x: tuple[int, ...]
    row_y: tuple[int, ...]

    def x(self, col: int, off: int) -> int:
        """The x of column ``col`` (0-based) plus ``off``."""
        return self.col_x[min(max(col, 0), len(self.col_x) - 1)] + off

    def y(self, row: int, off: int) -> int:
        """The y of row ``row`` (0-based) plus ``off``."""
        return self.row_y[min(max(row, 0), len(self.row_y) - 1)] + off

    def cell_at(self, x: float, y: float) -> tuple[int, int]:
        """The (0-based row, 0-based column) holding the point."""
        return _index(self.row_y, y), _index(self.col_x, x)


def _index(edges: tuple[int, ...], v: float) -> int:
    lo, hi = 0, len(edges) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if edges[mid] <= v:
            lo = mid
        else:
            hi = mid - 1
    return lo


@dataclass(frozen=True)
class XlShape:
    """A drawn shape: id, kind (terminator/proses/keputusan/offpage/label/connector/other), box
    (x0, y0, x1, y1 in EMU), its text, and for a connector the joined shape ids and start site."""

    id: str
    name: str
    kind: str
    box: tuple[float, float, float, float]
    text: str = ""
    start: str | None = None
    end: str | None = None
    start_site: int | None = None

    @property
    def center(self) -> tuple[float, float]:
        """The middle of the box."""
        return (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2

    def site(self, idx: int | None) -> tuple[float, float]:
        """Connection site ``idx`` of a rectangle-like or diamond shape (0 top, 1 left, 2 bottom,
        3 right); the centre when unknown."""
        x0, y0, x1, y1 = self.box
        cx, cy = self.center
        return {0: (cx, y0), 1: (x0, cy), 2: (cx, y1), 3: (x1, cy)}.get(idx if idx is not None else -1, (cx, cy))


def _int(node: Any, tag: str) -> int:
    child = node.find(qn(tag)) if node is not None else None
    try:
        return int((child.text or "0").strip()) if child is not None else 0
    except ValueError:
        return 0


def _anchor_box(anchor: Any, grid: Grid) -> tuple[float, float, float, float] | None:
    local = anchor.tag.rsplit("}", 1)[-1]
    frm = anchor.find(qn("xdr:from"))
    if local == "absoluteAnchor":
        pos, ext = anchor.find(qn("xdr:pos")), anchor.find(qn("xdr:ext"))
        if pos is None or ext is None:
            return None
        x, y = _attr(pos, "x"), _attr(pos, "y")
        return x, y, x + _attr(ext, "cx"), y + _attr(ext, "cy")
    if frm is None:
        return None
    x0 = grid.x(_int(frm, "xdr:col"), _int(frm, "xdr:colOff"))
    y0 = grid.y(_int(frm, "xdr:row"), _int(frm, "xdr:rowOff"))
    if local == "oneCellAnchor":
        ext = anchor.find(qn("xdr:ext"))
        return (x0, y0, x0 + _attr(ext, "cx"), y0 + _attr(ext, "cy")) if ext is not None else None
    to = anchor.find(qn("xdr:to"))
    if to is None:
        return None
    x1 = grid.x(_int(to, "xdr:col"), _int(to, "xdr:colOff"))
    y1 = grid.y(_int(to, "xdr:row"), _int(to, "xdr:rowOff"))
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _attr(node: Any, name: str) -> int:
    try:
        return int(node.get(name, "0"))
    except (TypeError, ValueError):
        return 0


def _xfrm(node: Any) -> tuple[int, int, int, int] | None:
    """(x, y, cx, cy) of a shape's own a:xfrm (or a group's xdr:grpSpPr/a:xfrm)."""
    for pr in ("xdr:spPr", "xdr:grpSpPr"):
        sp = node.find(qn(pr))
        xf = sp.find(qn("a:xfrm")) if sp is not None else None
        if xf is not None:
            off, ext = xf.find(qn("a:off")), xf.find(qn("a:ext"))
            if off is not None and ext is not None:
                return _attr(off, "x"), _attr(off, "y"), _attr(ext, "cx"), _attr(ext, "cy")
    return None


def _group_map(group: Any, box: tuple[float, float, float, float]):
    sp = group.find(qn("xdr:grpSpPr"))
    xf = sp.find(qn("a:xfrm")) if sp is not None else None
    ch_off = xf.find(qn("a:chOff")) if xf is not None else None
    ch_ext = xf.find(qn("a:chExt")) if xf is not None else None
    if ch_off is None or ch_ext is None:
        return None
    cx0, cy0 = _attr(ch_off, "x"), _attr(ch_off, "y")
    cw, ch = max(_attr(ch_ext, "cx"), 1), max(_attr(ch_ext, "cy"), 1)
    sx, sy = (box[2] - box[0]) / cw, (box[3] - box[1]) / ch

    def to_sheet(x: int, y: int, w: int, h: int) -> tuple[float, float, float, float]:
        gx, gy = box[0] + (x - cx0) * sx, box[1] + (y - cy0) * sy
        return gx, gy, gx + w * sx, gy + h * sy

    return to_sheet


def _shape(node: Any, box: tuple[float, float, float, float]) -> XlShape | None:
    local = node.tag.rsplit("}", 1)[-1]
    nv = node.find(qn("xdr:nvCxnSpPr" if local == "cxnSp" else "xdr:nvSpPr"))
    pr = nv.find(qn("xdr:cNvPr")) if nv is not None else None
    sid = pr.get("id", "") if pr is not None else ""
    name = pr.get("name", "") if pr is not None else ""
    geom = node.find(f"{qn('xdr:spPr')}/{qn('a:prstGeom')}")
    prst = geom.get("prst", "") if geom is not None else ""
    text = " ".join(" ".join(t.text or "" for t in p.iter(qn("a:t"))).strip()
                    for p in node.iter(qn("a:p"))).strip()
    if local == "cxnSp" or prst.startswith(_CONNECTORS):
        c = nv.find(qn("xdr:cNvCxnSpPr")) if nv is not None else None
        st = c.find(qn("a:stCxn")) if c is not None else None
        en = c.find(qn("a:endCxn")) if c is not None else None
        site = st.get("idx") if st is not None else None
        return XlShape(sid, name, "connector", box, text, st.get("id") if st is not None else None,
                       en.get("id") if en is not None else None,
                       int(site) if site is not None and site.isdigit() else None)
    c = nv.find(qn("xdr:cNvSpPr")) if nv is not None else None
    if (c is not None and c.get("txBox") in ("1", "true")) or (text and prst not in SHAPE_KINDS):
        return XlShape(sid, name, "label", box, text)
    return XlShape(sid, name, SHAPE_KINDS.get(prst, "other"), box, text)


def read_drawing(root: Any, grid: Grid) -> list[XlShape]:
    """Every shape and connector of the drawing ``root`` (parsed ``xdr:wsDr``), in document order."""
    out: list[XlShape] = []
    for anchor in root:
        if not isinstance(anchor.tag, str):
            continue
        box = _anchor_box(anchor, grid)
        if box is None:
            continue
        for node in anchor:
            _collect(node, box, None, out)
    return out


def _collect(node: Any, box: tuple[float, float, float, float], mapper: Any, out: list[XlShape]) -> None:
    local = node.tag.rsplit("}", 1)[-1] if isinstance(node.tag, str) else ""
    if local in ("sp", "cxnSp"):
        own = box
        if mapper is not None:
            xf = _xfrm(node)
            if xf is not None:
                own = mapper(*xf)
        shape = _shape(node, own)
        if shape is not None:
            out.append(shape)
    elif local == "grpSp":
        gbox = box
        if mapper is not None:
            xf = _xfrm(node)
            if xf is not None:
                gbox = mapper(*xf)
        inner = _group_map(node, gbox)
        for child in node:
            _collect(child, gbox, inner, out)
