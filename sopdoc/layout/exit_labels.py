"""Exit labels ("Ya", "Tidak" or a decision's own) on one flowchart page: each beside its exit,
inside an actor cell, off every symbol, line and other label (:func:`place_labels`).

Candidate boxes are tried in order (next to the exit, then along the connector) against an index
of what a label must keep off, built once per page (:class:`_Obstacles`); a label no candidate fits
goes to the clearest spot left (:func:`_fallback_label`) and the page is reported as crowded.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

from sopdoc.layout.geometry import Cell, Column, ColumnKind, Connector, Label, Point, Rect, Row, SymbolBox, SymbolKind
from sopdoc.layout.metrics import FontSet
from sopdoc.layout.shapes import rect_hits_symbol, segment_rect, segments_of
from sopdoc.layout.text import LEADING, text_block, wrap_text

__all__ = ["LABEL_MARGIN", "LABEL_SIZES", "place_labels"]

LABEL_SIZES = (7.0, 6.5)
"""Exit label sizes, tried in order: 7 pt, never below 6.5 pt."""
LABEL_MARGIN = 1.0
"""Room kept between an exit label and its cell's side borders (points)."""


def place_labels(pending: list[tuple[int, str, Point, str]], connectors: list[Connector],
                 symbols: tuple[SymbolBox, ...], rows: tuple[Row, ...], cols: tuple[Column, ...],
                 fonts: FontSet) -> tuple[tuple[Label, ...], int]:
    """The exit labels of ``pending`` (connector index, text, exit point, exit side) and how many
    could not be placed without touching something (placed anyway, reported by the caller)."""
    labels: list[Label] = []
    failures = 0
    # labels go only into actor-column cells: never over the NO, KEGIATAN, MUTU BAKU or KETERANGAN text
    actor = {c.index for c in cols if c.kind is ColumnKind.PELAKSANA}
    cells = [c for r in rows if not r.header for c in r.cells
             if c.role in ("pelaksana", "offpage") and c.col in actor and c.col_span == 1]
    label_w = min((cols[i].width for i in actor), default=0.0) - 2 * LABEL_MARGIN
    exits = [p for _ci, _text, p, _side in pending]
    # one index per page (when it has labels to place), labels added as placed
    obstacles = _Obstacles(connectors, symbols, labels, cells) if pending else None
    for ci, text, exit_pt, side in pending:
        others = [q for q in exits if q != exit_pt]
        label = _place_label(text, exit_pt, side, connectors[ci], connectors, symbols, labels, cells, fonts, label_w,
                             others, obstacles)
        if label is None:
            failures += 1
            label = _fallback_label(text, exit_pt, connectors[ci], connectors, symbols, labels, cells, fonts, label_w,
                                    obstacles)
        labels.append(label)
        assert obstacles is not None
        obstacles.add_label(label.rect)
    return tuple(labels), failures


def _label_corners(w: float, h: float, p: Point, side: str) -> list[Point]:
    """The top-left corners of label boxes of ``w`` × ``h`` beside the exit point ``p``, pushed
    0, 1, … 47 pt away from it."""
    shifts = [float(step) for step in range(48)]
    if side == "bottom":
        return [(p[0] + 1.5, p[1] + 1.0 + shift) for shift in shifts]
    if side == "bottom-left":
        return [(p[0] - 1.5 - w, p[1] + 1.0 + shift) for shift in shifts]
    if side == "right":
        return [(p[0] + shift - w, p[1] - h - 1.0) for shift in shifts]
    if side == "right-below":
        return [(p[0] + shift - w, p[1] + 1.0) for shift in shifts]
    if side == "left":
        return [(p[0] - shift, p[1] - h - 1.0) for shift in shifts]
    return [(p[0] - shift, p[1] + 1.0) for shift in shifts]  # left-below


def _measure(text: str, size: float, fonts: FontSet, max_w: float) -> tuple[float, float]:
    """Width and height of a label's box at ``size``, wrapped at spaces to ``max_w`` when needed."""
    lines = _lines(text, size, fonts, max_w)
    return max(fonts.width(line, size) for line in lines) + 1.0, len(lines) * size * LEADING


def _lines(text: str, size: float, fonts: FontSet, max_w: float) -> list[str]:
    clean = fonts.sanitize(text)[0]
    if fonts.width(clean, size) + 1.0 <= max_w or max_w <= 2.0:
        return [clean]
    return wrap_text(clean, fonts, size, max_w - 1.0) or [clean]


def _along(w: float, h: float, conn: Connector) -> list[Rect]:
    """Candidate label boxes of ``w`` × ``h`` beside every segment of the labelled connector."""
    return [Rect(x, y, w, h) for x, y in _along_corners(w, h, conn)]


def _along_corners(w: float, h: float, conn: Connector) -> list[Point]:
    """The top-left corners of :func:`_along`'s boxes, in its order."""
    out: list[Point] = []
    for a, b in segments_of(conn.points):
        length = abs(b[0] - a[0]) + abs(b[1] - a[1])
        for k in range(0, int(length // 3) + 1):
            t = min(k * 3.0 / length, 1.0) if length else 0.0
            x, y = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
            if abs(a[1] - b[1]) < 1e-6:
                out += [(x - w / 2, y - h - 1.0), (x - w / 2, y + 1.0)]
            else:
                out += [(x + 1.5, y - h / 2), (x - 1.5 - w, y - h / 2)]
    return out


def _place_label(text: str, p: Point, side: str, own: Connector, connectors: list[Connector],
                 symbols: tuple[SymbolBox, ...], labels: list[Label], cells: list[Cell],
                 fonts: FontSet, max_w: float, others: list[Point], obstacles: _Obstacles | None = None
                 ) -> Label | None:
    """The first candidate position inside an actor cell that touches no symbol, line, border or
    other label and lies nearer its own exit ``p`` than any of the ``others``: next to the exit
    first, then anywhere along the connector (text wider than the actor columns is wrapped to
    their width). ``obstacles``: the page's index of ``connectors``, ``symbols``, ``labels`` and
    ``cells`` when the caller keeps one (built here otherwise)."""
    variants = ["bottom", "bottom-left"] if side == "bottom" else (
        [side, f"{side}-below"] if side == "right" else ["left", "left-below"])
    home = next((c for c in cells if c.rect.contains(symbols[own.source].rect)), None)
    if obstacles is None:
        obstacles = _Obstacles(connectors, symbols, labels, cells)
    sized = {size: _measure(text, size, fonts, max_w) for size in LABEL_SIZES}
    along: dict[float, list[Point]] = {}

    def corners(size: float) -> Iterator[Point]:
        # made one at a time: the first free box ends the search (usually among the first few)
        w, h = sized[size]
        for v in variants:
            yield from _label_corners(w, h, p, v)
        if size not in along:  # nearest the exit first (the centre's distance, as Rect.cx/cy give it)
            found = _along_corners(w, h, own)
            px, py = p
            keys = [abs((x + w / 2) - px) + abs((y + h / 2) - py) for x, y in found]
            along[size] = [found[k] for k in sorted(range(len(found)), key=keys.__getitem__)]  # (stable, as sorted)
        yield from along[size]

    # (Rect.contains with its 0.01 tolerance, written out: no box made for a miss)
    left, top, right, bottom = ((home.rect.x - 0.01, home.rect.y - 0.01, home.rect.right + 0.01,
                                 home.rect.bottom + 0.01) if home is not None else (0.0, 0.0, 0.0, 0.0))
    for same_cell in (True, False) if home is not None else (True,):  # (without one, a second pass repeats the first)
        for size in LABEL_SIZES:
            w, h = sized[size]
            for x, y in corners(size):
                if home is not None:
                    inside = x >= left and y >= top and x + w <= right and y + h <= bottom
                    # the first pass tries the boxes inside the home cell, the second the others:
                    # a box inside was tried and found taken already (nothing changed since)
                    if inside is not same_cell:
                        continue
                rect = Rect(x, y, w, h)
                if obstacles.free(rect) and _owned(rect, p, others):
                    return _label_box(text, rect, size, fonts, max_w)
    return None


def _owned(rect: Rect, p: Point, others: list[Point]) -> bool:
    """True when ``rect`` is nearer its own exit ``p`` than every other exit (a reader pairs a
    label with the nearest exit)."""
    own = _distance(rect, *p)
    return all(own < _distance(rect, *q) for q in others)


def _fallback_label(text: str, p: Point, own: Connector, connectors: list[Connector],
                    symbols: tuple[SymbolBox, ...], labels: list[Label], cells: list[Cell],
                    fonts: FontSet, max_w: float, obstacles: _Obstacles | None = None) -> Label:
    """A spot inside the actor columns the connector runs through, nearest its exit, that stays
    off every symbol and, where possible, off lines and other labels (the caller reports the
    page as crowded). ``obstacles``: the page's index (see :func:`_place_label`)."""
    size = LABEL_SIZES[-1]
    w, h = _measure(text, size, fonts, max_w)
    if obstacles is None:
        obstacles = _Obstacles(connectors, symbols, labels, cells)
    into = _CellFinder(cells)

    def candidates() -> Iterator[Rect]:  # made one at a time: the first clear one ends the search
        for r in _along(w, h, own):
            yield into.shift(r)
        yield from sorted(_strip_grid(w, h, own, cells), key=lambda r: abs(r.cx - p[0]) + abs(r.cy - p[1]))

    first: Rect | None = None
    first_clear: Rect | None = None
    for rect in candidates():
        first = first or rect
        if obstacles.hits_symbol(rect):
            continue
        if not obstacles.hits_line_or_label(rect):
            return _label_box(text, rect, size, fonts, max_w)
        first_clear = first_clear or rect
    rect = first_clear or first or Rect(p[0], p[1], w, h)
    return _label_box(text, rect, size, fonts, max_w)


def _strip_grid(w: float, h: float, own: Connector, cells: list[Cell]) -> list[Rect]:
    """Boxes of ``w`` × ``h`` on a 1 pt grid over the actor columns ``own`` runs through, from
    the first body row to the last."""
    if not cells:
        return []
    top, bottom = min(c.rect.y for c in cells), max(c.rect.bottom for c in cells)
    strips = {(c.rect.x, c.rect.right) for c in cells if any(c.col == piece.col for piece in own.pieces)}
    out: list[Rect] = []
    for x0, x1 in sorted(strips):
        xs = [x0 + LABEL_MARGIN + k for k in range(int(max(x1 - x0 - 2 * LABEL_MARGIN - w, 0.0)) + 1)]
        ys = [top + 1.5 * k for k in range(int(max(bottom - top - h, 0.0) / 1.5) + 1)]
        out += [Rect(x, y, w, h) for x in xs for y in ys]
    return out


class _CellFinder:
    """Shifts a label box into the actor cell nearest its centre (kept ``LABEL_MARGIN`` off the
    side borders; a box taller than the cell stays level with the cell's top, or higher where it
    would leave the step rows). The cells' extent is worked out once; the cell under a box's
    centre is found through a :class:`_Grid` (the first such cell in ``cells``' order, as the
    nearest-cell scan picks it: its distance is 0), the scan over every cell is left for a centre
    outside them all."""

    def __init__(self, cells: list[Cell]) -> None:
        self.cells = cells
        self.grid = _Grid((c.rect, (k, c.rect)) for k, c in enumerate(cells))
        self.top = min((c.rect.y for c in cells), default=0.0)
        self.bottom = max((c.rect.bottom for c in cells), default=0.0)

    def nearest(self, x: float, y: float) -> Rect:
        under = [(k, r) for k, r in self.grid.near(x, y, x, y) if r.x <= x <= r.right and r.y <= y <= r.bottom]
        if under:
            return min(under, key=lambda kr: kr[0])[1]
        return min(self.cells, key=lambda c: _distance(c.rect, x, y)).rect

    def shift(self, r: Rect) -> Rect:
        if not self.cells:
            return r
        cell = self.nearest(r.cx, r.cy)
        x = min(max(r.x, cell.x + LABEL_MARGIN), cell.right - LABEL_MARGIN - r.w)
        y = max(min(r.y, cell.bottom - r.h), cell.y)
        # a box taller than its cell stays above the last row's bottom
        y = max(min(y, self.bottom - r.h), self.top)
        return Rect(max(x, cell.x), y, r.w, r.h)


def _distance(rect: Rect, x: float, y: float) -> float:
    dx = max(rect.x - x, 0.0, x - rect.right)
    dy = max(rect.y - y, 0.0, y - rect.bottom)
    return dx + dy


def _label_box(text: str, rect: Rect, size: float, fonts: FontSet, max_w: float) -> Label:
    lines = _lines(text, size, fonts, max_w)
    if len(lines) == 1:
        block, _ = text_block(text, fonts, size, rect, pad_x=0.5, pad_top=0)
    else:  # the lines _measure sized the box for (a hair of slack against rounding)
        box = Rect(rect.x, rect.y, rect.w + 1e-6, rect.h)
        block, _ = text_block("\n".join(lines), fonts, size, box, pad_x=0.5, pad_top=0)
    return Label(rect=rect, text=block, role="exit")


T = TypeVar("T")
BUCKET = 24.0
"""Side of the squares of :class:`_Grid` (points): about a label's size."""


class _Grid(Generic[T]):
    """Items filed by their rectangle under every ``BUCKET``-sized square it touches (borders
    included), so that a query meets only its neighbours: :meth:`near` returns a superset of the
    items whose rectangle overlaps a query box (or contains a point), an item once per square it
    shares with the box; callers test each exactly."""

    def __init__(self, items: Iterable[tuple[Rect, T]]) -> None:
        self._squares: defaultdict[tuple[int, int], list[T]] = defaultdict(list)
        for r, item in items:
            self.add(r, item)

    def add(self, r: Rect, item: T) -> None:
        """File ``item`` under the squares ``r`` touches."""
        squares, floor = self._squares, math.floor
        js = range(floor(r.y / BUCKET), floor((r.y + r.h) / BUCKET) + 1)
        for i in range(floor(r.x / BUCKET), floor((r.x + r.w) / BUCKET) + 1):
            for j in js:
                squares[(i, j)].append(item)

    def near(self, x0: float, y0: float, x1: float, y1: float) -> list[T]:
        squares = self._squares
        return [item for i in range(math.floor(x0 / BUCKET), math.floor(x1 / BUCKET) + 1)
                for j in range(math.floor(y0 / BUCKET), math.floor(y1 / BUCKET) + 1)
                for item in squares.get((i, j), ())]


class _Table:
    """Rectangles laid out as a table (the actor cells: a few distinct column spans and row
    spans), found under a point by bisecting the spans: :meth:`under` returns every rectangle
    holding the point (borders included), each once."""

    def __init__(self, rects: list[Rect]) -> None:
        self._xs = sorted({(r.x, r.right) for r in rects})
        self._ys = sorted({(r.y, r.bottom) for r in rects})
        self._by_span: defaultdict[tuple[tuple[float, float], tuple[float, float]], list[Rect]] = defaultdict(list)
        for r in rects:
            self._by_span[((r.x, r.right), (r.y, r.bottom))].append(r)
        self._x_of, self._y_of = _spans_holding(self._xs), _spans_holding(self._ys)

    def under(self, x: float, y: float) -> list[Rect]:
        by_span = self._by_span
        return [r for sx in self._x_of(x) for sy in self._y_of(y) for r in by_span.get((sx, sy), ())]


def _spans_holding(spans: list[tuple[float, float]]) -> Callable[[float], list[tuple[float, float]]]:
    """``v -> the spans (start, end) of the sorted ``spans`` with start <= v <= end``: two
    bisections when the ends are sorted too (spans that do not overlap), a scan otherwise."""
    starts, ends = [a for a, _ in spans], [b for _, b in spans]
    if any(a > b for a, b in itertools.pairwise(ends)):
        return lambda v: [(a, b) for a, b in spans if a <= v <= b]

    def holding(v: float) -> list[tuple[float, float]]:
        # starts[i] <= v for i < below; ends[i] >= v for i >= above
        return spans[bisect.bisect_left(ends, v):bisect.bisect_right(starts, v)]

    return holding


class _Obstacles:
    """What an exit label must keep off, indexed once per page (instead of every
    cell, symbol, connector segment and label being rechecked for every candidate box): a label
    box is free when it lies inside the actor cell under its centre and touches no symbol, line
    or other label."""

    def __init__(self, connectors: list[Connector], symbols: tuple[SymbolBox, ...], labels: list[Label],
                 cells: list[Cell]) -> None:
        self._cells = _Table([c.rect for c in cells])
        # per symbol, the four sides rect_hits_symbol(…, -0.5) compares a box with (the same sums)
        sides = sorted((((s.rect.x + s.rect.w) + 0.5, s.rect.x - 0.5, (s.rect.y + s.rect.h) + 0.5, s.rect.y - 0.5, s)
                        for s in symbols), key=lambda t: t[3])
        self._symbols = sides
        self._symbol_tops = [t[3] for t in sides]  # sorted
        self._symbol_reach = max((t[2] - t[3] for t in sides), default=0.0)  # the tallest, top to bottom
        lines = (segment_rect(a, b, 0.6) for c in connectors for a, b in segments_of(c.points))
        self._lines = _Grid((r, r) for r in lines)
        self._labels = _Grid((lb.rect, lb.rect) for lb in labels)

    def add_label(self, r: Rect) -> None:
        """Keep later labels off ``r`` too (a label just placed)."""
        self._labels.add(r, r)

    def hits_symbol(self, r: Rect) -> bool:
        """True when ``r`` touches a symbol (0.5 pt around it included)."""
        # rect_hits_symbol(…, -0.5) reaches 0.5 pt beyond the symbol; its bounding-box test
        # written out (the diamond's exact test only past it), tried only on the symbols whose
        # top lies above the box's bottom and less than the tallest symbol above its top (the
        # symbols sorted by top, found by bisection)
        rx, ry = r.x, r.y
        rr, rb = rx + r.w, ry + r.h
        left, right, top, bottom = rx + -0.5, rr - -0.5, ry + -0.5, rb - -0.5
        tops = self._symbol_tops
        first = bisect.bisect_right(tops, top - self._symbol_reach - 1.0)
        last = bisect.bisect_left(tops, bottom + 1.0)
        for s_right, s_left, s_bottom, s_top, s in self._symbols[first:last]:
            if left < s_right and s_left < right and top < s_bottom and s_top < bottom and (
                    s.kind is not SymbolKind.KEPUTUSAN or rect_hits_symbol(r, s, -0.5)):
                return True
        return False

    def hits_line_or_label(self, r: Rect) -> bool:
        """True when ``r`` touches a connector's line (0.6 pt around it) or a placed label."""
        box = (r.x, r.y, r.right, r.bottom)
        return any(seg.intersects(r) for seg in self._lines.near(*box)) or any(
            lb.intersects(r) for lb in self._labels.near(*box))

    def free(self, r: Rect) -> bool:
        """True when ``r`` lies in the actor cell under its centre and touches nothing."""
        if self.hits_symbol(r):  # first: most candidate boxes that are not free touch a symbol
            return False
        # r grown by 0.8 pt on every side must lie in the cell under its centre (as
        # Rect.contains with its 0.01 tolerance, the same sums written out)
        gx, gy = r.x - 0.8, r.y - 0.8
        gr, gb = gx + (r.w + 1.6), gy + (r.h + 1.6)
        cx, cy = r.cx, r.cy
        if not any(gx >= c.x - 0.01 and gy >= c.y - 0.01 and gr <= c.right + 0.01 and gb <= c.bottom + 0.01
                   for c in self._cells.under(cx, cy)):
            return False
        return not self.hits_line_or_label(r)
