"""Orthogonal connector routing on one flowchart page (its exit labels: :mod:`sopdoc.layout.exit_labels`).

Connectors leave a symbol at the bottom (or a decision at its side vertex) and enter the target
at the top. An edge to the next row is an elbow through the band between the two rows' symbols.
Any other edge (forward skip, loop-back, self-loop) leaves along a horizontal run, takes a vertical
lane of its own and enters along the band above the target row; :mod:`sopdoc.layout.lanes`
chooses every run's position (clearances, few crossings) and adds the bridges.
"""

from __future__ import annotations

from dataclasses import dataclass

from sopdoc.layout.exit_labels import place_labels
from sopdoc.layout.geometry import (
    Column,
    Connector,
    Label,
    Point,
    Row,
    SymbolBox,
    SymbolKind,
)
from sopdoc.layout.lanes import Lanes, Span, pieces_of
from sopdoc.layout.metrics import FontSet
from sopdoc.layout.shapes import point_on_outline

__all__ = ["Edge", "route_page"]


@dataclass(frozen=True)
class Edge:
    """A flow from symbol ``source`` to symbol ``target`` (indexes into the page's symbols)."""

    source: int
    target: int
    kind: str = "next"  # next | ya | tidak
    label: str = ""


def route_page(rows: tuple[Row, ...], cols: tuple[Column, ...], symbols: tuple[SymbolBox, ...],
               edges: list[Edge], fonts: FontSet) -> tuple[tuple[Connector, ...], tuple[Label, ...], int]:
    """Connectors and exit labels for ``edges``; returns them and the number of labels that could
    not be placed without touching something (placed anyway, reported by the caller).

    Edges to the next row are routed first (their elbows are short and fixed by the symbols),
    then the others, shortest first, each in its own lane (:class:`~sopdoc.layout.lanes.Lanes`)."""
    lanes = Lanes(rows, cols, symbols)
    plans: list[tuple[Edge, str]] = []
    by_source: dict[int, list[Edge]] = {}
    for e in edges:
        by_source.setdefault(e.source, []).append(e)
    for src_i in sorted(by_source):
        a = symbols[src_i]
        ordered = sorted(by_source[src_i], key=lambda e: (symbols[e.target].row != a.row + 1, e.kind == "tidak"))
        sides = ["bottom"] + (["right", "left"] if a.kind is SymbolKind.KEPUTUSAN else [])
        for n, e in enumerate(ordered):
            b = symbols[e.target]
            side = sides[n] if n < len(sides) else sides[-1]
            if side == "bottom" and b.row != a.row + 1 and a.kind is SymbolKind.KEPUTUSAN and b.row <= a.row:
                side = "right" if len(ordered) == 1 else side
            plans.append((e, side))

    def direct(k: int) -> bool:
        e, side = plans[k]
        return side == "bottom" and symbols[e.target].row == symbols[e.source].row + 1

    def span(k: int) -> float:
        e = plans[k][0]
        return abs(symbols[e.target].rect.cy - symbols[e.source].rect.cy)

    order = [k for k in range(len(plans)) if direct(k)] + sorted((k for k in range(len(plans)) if not direct(k)),
                                                                 key=span)
    routed: dict[int, list[Point]] = {}
    # the runs on the page when each edge was routed, and its route: routing is a function of
    # them, so an edge meeting the same runs again gets the same route without the search
    # (the usual case on its second round: a page with one loop-back)
    met: dict[int, tuple[list[Span], list[Span], list[Point]]] = {}
    # route every edge, then each lane once more against all the others (an edge routed early
    # could not see the ones routed after it)
    for k in order + [k for k in order if not direct(k)]:
        e, side = plans[k]
        if k in routed:
            lanes.remove(routed[k])
        seen = met.get(k)
        if seen is not None and seen[0] == lanes.h and seen[1] == lanes.v:
            routed[k] = seen[2]
        else:
            free_left = all(s != "left" for e2, s in plans if e2.source == e.source)
            runs = (list(lanes.h), list(lanes.v)) if not direct(k) else None  # (a direct edge is routed once)
            routed[k] = _simplify(_route(lanes, symbols[e.source], symbols[e.target], side, direct(k), free_left))
            if runs is not None:
                met[k] = (*runs, routed[k])
        lanes.add(routed[k])
    connectors: list[Connector] = []
    pending: list[tuple[int, str, Point, str]] = []  # (connector index, label, exit point, exit side)
    for k, (e, side) in enumerate(plans):
        pts = routed[k]
        row = symbols[e.source].row
        source = next((j for j, s in enumerate(symbols) if s.row == row and point_on_outline(pts[0], s)),
                      e.source)  # a joint step's outer symbol
        connectors.append(Connector(points=tuple(pts), source=source, target=e.target, kind=e.kind,
                                    pieces=pieces_of(tuple(pts), rows, cols)))
        if side == "right" and abs(pts[0][0] - symbols[source].rect.x) < 1e-6:
            side = "left"  # the lane on the left was better (see _route)
        if e.label:
            pending.append((len(connectors) - 1, e.label, pts[0], side))
    labels, failures = place_labels(pending, connectors, symbols, rows, cols, fonts)
    return tuple(connectors), labels, failures


def _route(lanes: Lanes, a: SymbolBox, b: SymbolBox, side: str, direct: bool, free_left: bool) -> list[Point]:
    """The polyline of one edge from ``a`` to ``b`` leaving at ``side`` (see :func:`route_page`); a
    right exit leaves on the left instead when that lane is better and the left vertex is free."""
    sx, sy = a.rect.cx, a.rect.bottom
    tx, ty = b.rect.cx, b.rect.y
    if direct:
        if abs(sx - tx) < 0.01:
            return [(sx, sy), (tx, ty)]
        top, bottom = lanes.band_above(b.row)
        # under a decision the run goes low, leaving its exit segment long enough for the label
        prefer = bottom if a.kind is SymbolKind.KEPUTUSAN else (top + bottom) / 2
        y = lanes.level((top, bottom), sx, tx, prefer, ((sx, sy), (tx, ty)))
        return [(sx, sy), (sx, y), (tx, y), (tx, ty)]
    into = lanes.band_above(b.row)
    y1 = lanes.level(into, min(sx, tx), max(sx, tx), (lanes.rows[b.row].y + ty) / 2, ((tx, ty),))
    if side == "bottom":
        out = lanes.band_below(a.row)
        y0 = lanes.level(out, sx, sx, (sy + lanes.rows[a.row].bottom) / 2, ((sx, sy),))
        x, _ = lanes.lane(y0, y1, sx, tx, "any")
        y0 = lanes.level(out, sx, x, y0, ((sx, sy),))
        y1 = lanes.level(into, x, tx, y1, ((tx, ty),))
        return [(sx, sy), (sx, y0), (x, y0), (x, y1), (tx, y1), (tx, ty)]
    y0 = a.rect.cy
    choices = [side] + (["left"] if side == "right" and free_left else [])
    best: tuple[float, float, float] | None = None  # (cost, x, exit x)
    # a joint step leaves sideways from its outermost symbol, never along the line joining them
    row = [s for s in lanes.symbols if s.row == a.row and s.step == a.step and s.kind is a.kind]
    for s in choices:
        px = max(r.rect.right for r in row) if s == "right" else min(r.rect.x for r in row)
        x, cost = lanes.lane(y0, y1, px, tx, s)
        if best is None or cost < best[0] - 1e-9:
            best = (cost, x, px)
    assert best is not None
    _, x, px = best
    y1 = lanes.level(into, x, tx, y1, ((tx, ty),))
    return [(px, y0), (x, y0), (x, y1), (tx, y1), (tx, ty)]


def _simplify(pts: list[Point]) -> list[Point]:
    """Drop repeated and collinear middle points."""
    out: list[Point] = []
    for p in pts:
        if out and abs(out[-1][0] - p[0]) < 1e-6 and abs(out[-1][1] - p[1]) < 1e-6:
            continue
        if len(out) >= 2:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            if (abs(x0 - x1) < 1e-6 and abs(x1 - p[0]) < 1e-6) or (abs(y0 - y1) < 1e-6 and abs(y1 - p[1]) < 1e-6):
                out[-1] = p
                continue
        out.append(p)
    return out
