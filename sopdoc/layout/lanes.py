"""Connector lanes on one flowchart page: where each run of a connector goes, and its bridges.

A connector is made of vertical and horizontal runs. Every run is placed by scoring candidate
positions, one point apart, against what is already on the page:

- a run keeps ``LANE_CLEAR`` (6 pt) from the grid lines it runs along (column borders for a
  vertical, row borders for a horizontal) and from the parallel runs of other connectors, so a
  connector never reads as a doubled cell border or merges with another one;
- a run never passes through a symbol and keeps ``SYMBOL_CLEAR`` from the ones it passes;
- vertical runs stay inside the actor columns (``LANE_CLEAR`` from their outer borders), so no
  connector comes near the text of NO, KEGIATAN, MUTU BAKU or KETERANGAN; an actor column without
  a symbol in the rows spanned is free space, and a loop-back takes it when it is near;
- crossings cost more than length, so they are few; every crossing that remains gets a bridge
  (:func:`with_bridges`): the horizontal run hops over the vertical one.

A shortfall of clearance is scored, not forbidden: on a crowded page (many actors, narrow
columns) the best position is taken anyway, and the quality checker of the tests measures it.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable
from dataclasses import replace

from sopdoc.layout.geometry import (
    BRIDGE_R,
    Column,
    ColumnKind,
    Connector,
    ConnectorPiece,
    Point,
    Row,
    SymbolBox,
)
from sopdoc.layout.shapes import horizontal_hits, segment_hits_symbol, segments_of, vertical_hits

__all__ = ["APPROACH", "LANE_CLEAR", "SYMBOL_CLEAR", "Lanes", "pieces_of", "with_bridges"]

LANE_CLEAR = 6.0
"""Points between a connector run and a parallel grid line or another connector's parallel run."""
SYMBOL_CLEAR = 4.0
"""Points between a connector run and a symbol it passes."""
APPROACH = 5.0
"""Shortest straight run into a target's top (room for the arrowhead) and out of a side exit."""
_CLEAR_WEIGHT = 10.0  # per point of missing clearance
_CROSS_WEIGHT = 4.0  # per crossing (about 6 pt of clearance, or 200 pt of length)
_LENGTH_WEIGHT = 0.02
_OVERLAP_WEIGHT = 1000.0  # per run lying on another connector's run: never, where any other level is left

Span = tuple[float, float, float]  # (position across, start along, end along), start <= end


def _shortfall(d: float, need: float) -> float:
    return max(need - d, 0.0)


def _on_runs(y: float, on: list[Span]) -> float:
    """The cost of the vertical runs from stub ends to ``y`` lying on other connectors' vertical
    runs (see :meth:`Lanes.level`; ``on``: (stub end, run start, run end) of the runs on a stub's x)."""
    cost = 0.0
    for end, a, b in on:
        lo, hi = min(y, end), max(y, end)
        if min(hi, b) - max(lo, a) > 0.5:
            cost += _OVERLAP_WEIGHT
    return cost


class Lanes:
    """The runs already placed on a page, and the choice of new ones."""

    def __init__(self, rows: tuple[Row, ...], cols: tuple[Column, ...], symbols: tuple[SymbolBox, ...]) -> None:
        self.rows, self.cols, self.symbols = rows, cols, symbols
        actor = [c for c in cols if c.kind is ColumnKind.PELAKSANA] or list(cols)
        self.x_lo, self.x_hi = actor[0].x, actor[-1].right
        self.col_x = sorted({c.x for c in cols} | {cols[-1].right})
        self.row_y = sorted({r.y for r in rows} | {rows[-1].bottom})
        self.h: list[Span] = []  # horizontal runs: (y, x0, x1)
        self.v: list[Span] = []  # vertical runs: (x, y0, y1)
        self._row_syms: dict[int, list[SymbolBox]] = {}
        for s in symbols:
            self._row_syms.setdefault(s.row, []).append(s)

    def add(self, pts: list[Point]) -> None:
        """Record a routed polyline's runs."""
        for a, b in segments_of(tuple(pts)):
            if abs(a[1] - b[1]) < 1e-6:
                self.h.append((a[1], min(a[0], b[0]), max(a[0], b[0])))
            else:
                self.v.append((a[0], min(a[1], b[1]), max(a[1], b[1])))

    def remove(self, pts: list[Point]) -> None:
        """Forget a routed polyline's runs (to route it again)."""
        for a, b in segments_of(tuple(pts)):
            if abs(a[1] - b[1]) < 1e-6:
                self.h.remove((a[1], min(a[0], b[0]), max(a[0], b[0])))
            else:
                self.v.remove((a[0], min(a[1], b[1]), max(a[1], b[1])))

    # -- bands: the free height between one row's symbols and the next row's --------------------

    def band_above(self, j: int) -> tuple[float, float]:
        """The free band a horizontal run may take above row ``j``'s symbols."""
        row = self.rows[j]
        prev = self.rows[j - 1] if j > 0 else None
        if prev is None or prev.header:
            top = row.y
        else:
            above = self._row_syms.get(j - 1)
            top = max(s.rect.bottom for s in above) if above else prev.y
        own = self._row_syms.get(j)
        bottom = min(s.rect.y for s in own) if own else row.bottom
        return top, bottom

    def band_below(self, j: int) -> tuple[float, float]:
        """The free band a horizontal run may take below row ``j``'s symbols."""
        if j + 1 < len(self.rows):
            return self.band_above(j + 1)
        own = self._row_syms.get(j)
        row = self.rows[j]
        return (max(s.rect.bottom for s in own) if own else row.y), row.bottom

    # -- scoring -----------------------------------------------------------------------------

    def _h_base(self, y: float) -> float:
        """The cost of a horizontal run at ``y`` for the row borders it comes near."""
        row_y = self.row_y
        k = bisect.bisect_left(row_y, y - LANE_CLEAR)
        base = 0.0
        while k < len(row_y) and row_y[k] < y + LANE_CLEAR:
            base += max(LANE_CLEAR - abs(y - row_y[k]), 0.0) * _CLEAR_WEIGHT  # (_shortfall)
            k += 1
        return base

    def _h_costs(self, y: float, x_end: float, xs: list[float]) -> list[float]:
        """The cost of a horizontal run at ``y`` from ``x_end`` to each x of ``xs``: the row
        borders it comes near, the parallel runs it comes near (each ``LANE_CLEAR`` - distance),
        and its crossings with vertical runs."""
        base = self._h_base(y)
        near = [(LANE_CLEAR - abs(y - yy), a, b) for (yy, a, b) in self.h if abs(y - yy) < LANE_CLEAR]
        across = sorted(x for (x, a, b) in self.v if a + 0.5 < y < b - 0.5)
        if not near and not across:
            return [base] * len(xs)  # (base + 0.0 + 4.0 * 0: the same number)
        if not near:  # (base + 0.0 is base) the crossings alone, each side of x_end
            left, right = bisect.bisect_left, bisect.bisect_right
            k = right(xs, x_end)
            below, above = left(across, x_end - 0.5), right(across, x_end + 0.5)
            # (max(n, 0) of an int n written out)
            return ([base + _CROSS_WEIGHT * (n if (n := below - right(across, x + 0.5)) > 0 else 0) for x in xs[:k]]
                    + [base + _CROSS_WEIGHT * (n if (n := left(across, x - 0.5) - above) > 0 else 0) for x in xs[k:]])
        out = []
        for x in xs:
            lo, hi = min(x_end, x), max(x_end, x)
            c = base + sum(d for d, a, b in near if a < hi + LANE_CLEAR and lo - LANE_CLEAR < b) * _CLEAR_WEIGHT \
                if near else base  # (an empty sum adds 0.0: the same number)
            # the crossings: the verticals strictly inside (lo + 0.5, hi - 0.5), counted by bisection
            crossed = bisect.bisect_left(across, hi - 0.5) - bisect.bisect_right(across, lo + 0.5)
            out.append(c + _CROSS_WEIGHT * (crossed if crossed > 0 else 0))
        return out

    def _v_costs(self, y0: float, y1: float, xs: list[float]) -> list[float]:
        """The cost of a vertical run from ``y0`` to ``y1`` at each x of the sorted ``xs``: per
        point of clearance missing to a column border (of the three from the nearest on the left)
        or to a parallel run, ``_CLEAR_WEIGHT``; per horizontal run crossed, ``_CROSS_WEIGHT``.
        The sums are worked out only where a term can be nonzero (near a border or a run), the
        crossings by counting per interval (tests/layout/test_lane_costs.py holds the
        straightforward per-x version it agrees with)."""
        lo, hi = min(y0, y1), max(y0, y1)
        near = [xx for (xx, a, b) in self.v if a < hi + LANE_CLEAR and lo - LANE_CLEAR < b]
        borders = self.col_x
        n = len(xs)
        touched: set[int] = set()
        for xx in (*borders, *near):
            touched.update(range(bisect.bisect_left(xs, xx - LANE_CLEAR - 1.0),
                                 bisect.bisect_right(xs, xx + LANE_CLEAR + 1.0)))
        clear: list[float] = [0] * n  # int 0, as the scorer's empty sums
        # the runs by position, to visit only those near an x (then added in ``near``'s order)
        by_x = sorted(range(len(near)), key=near.__getitem__)
        near_x = [near[i] for i in by_x]
        for j in touched:
            x = xs[j]
            k = bisect.bisect_left(borders, x - LANE_CLEAR)
            c: float = 0  # the borders' sum, then the runs' sum added to it, as sum() adds them
            for xb in borders[k:k + 3]:
                if abs(x - xb) < LANE_CLEAR:
                    c += LANE_CLEAR - abs(x - xb)
            runs: float = 0
            close = by_x[bisect.bisect_left(near_x, x - LANE_CLEAR - 1.0):
                         bisect.bisect_right(near_x, x + LANE_CLEAR + 1.0)]
            if len(close) > 1:
                close.sort()
            for i in close:
                xx = near[i]
                if abs(x - xx) < LANE_CLEAR:
                    runs += LANE_CLEAR - abs(x - xx)
            clear[j] = c + runs
        steps = [0] * (n + 1)
        for (y, a, b) in self.h:
            if lo + 0.5 < y < hi - 0.5:
                j0, j1 = bisect.bisect_right(xs, a + 0.5), bisect.bisect_left(xs, b - 0.5)
                if j0 < j1:
                    steps[j0] += 1
                    steps[j1] -= 1
        # per x: the runs crossed there, the running sum of the steps
        return [c * _CLEAR_WEIGHT + _CROSS_WEIGHT * crossed
                for c, crossed in zip(clear, itertools.accumulate(steps[:n]), strict=True)]

    def _symbol_costs(self, xs: list[float], passing: list[SymbolBox], lo: float, hi: float
                      ) -> tuple[list[float], list[bool]]:
        """Per x of the sorted ``xs``: the clearance cost of a vertical run from ``lo`` to ``hi``
        against the ``passing`` symbols (added in their order, as :meth:`lane` weighs them) and
        whether it passes through one. Only the xs near a symbol are visited: elsewhere every
        term is 0."""
        costs = [0.0] * len(xs)
        through = [False] * len(xs)
        for s in passing:
            r = s.rect
            rx, rr = r.x, r.right
            hits = vertical_hits(s, lo, hi)
            for j in range(bisect.bisect_left(xs, rx - SYMBOL_CLEAR - 1.0),
                           bisect.bisect_right(xs, rr + SYMBOL_CLEAR + 1.0)):
                if through[j]:
                    continue
                x = xs[j]
                if rx < x < rr and hits(x):
                    through[j] = True
                    continue
                costs[j] += _shortfall(min(abs(x - rx), abs(x - rr)), SYMBOL_CLEAR) * _CLEAR_WEIGHT
        return costs, through

    def _blocked_h(self, y: float, x0: float, x1: float) -> bool:
        """True when a horizontal run at ``y`` from ``x0`` to ``x1`` passes through a symbol."""
        return any(segment_hits_symbol((x0, y), (x1, y), s) for s in self.symbols
                   if s.rect.y < y < s.rect.bottom)

    def _reach(self, y: float, x0: float, xs: list[float]) -> tuple[float, float]:
        """The lowest and highest of the sorted ``xs`` that a horizontal run at ``y`` from ``x0``
        reaches without passing through a symbol (inf, -inf: none). Being blocked only grows
        with the run's length, so each side is a binary search rather than a test per x."""
        hits = [horizontal_hits(s, y) for s in self.symbols if s.rect.y < y < s.rect.bottom]

        def blocked(x: float) -> bool:  # self._blocked_h(y, x0, x), each symbol's part worked out once
            return any(hit(x0, x) for hit in hits)

        k = bisect.bisect_left(xs, x0)
        reach = []
        for side in (xs[:k][::-1], xs[k:]):  # each side ordered away from x0
            a, b = 0, len(side)  # the first blocked place of the side, by bisection
            while a < b:
                m = (a + b) // 2
                if blocked(side[m]):
                    b = m
                else:
                    a = m + 1
            reach.append(a)
        first, last = k - reach[0], k + reach[1] - 1  # reachable: xs[first..last], contiguous
        return (xs[first], xs[last]) if first <= last else (math.inf, -math.inf)

    def level(self, band: tuple[float, float], x0: float, x1: float, prefer: float,
              stubs: tuple[Point, ...] = ()) -> float:
        """The y of a horizontal run from ``x0`` to ``x1`` inside ``band``: clear of row borders,
        of parallel runs and of crossings where possible, nearest ``prefer`` among equals.

        ``stubs`` are the fixed ends (x, y) of the vertical runs this level closes (from a
        symbol's bottom down to the level, from the level down to a target's top): such a run
        must not lie on another connector's vertical run (the two would be one line on the page
        and could not be told apart), unless both end at that same point (two exits into one
        target merge into its arrow)."""
        top, bottom = band
        lo, hi = top + SYMBOL_CLEAR, bottom - APPROACH
        if hi < lo:
            return (top + bottom) / 2
        n = int((hi - lo) / 0.5)
        candidates = [lo + 0.5 * k for k in range(n + 1)] + [hi]
        left, right = min(x0, x1), max(x0, x1)
        # only the runs that can weigh at some candidate level and along x0..x1, in their order
        # (so every sum adds the same terms in the same order)
        near = [yy for (yy, a, b) in self.h if lo - LANE_CLEAR < yy < hi + LANE_CLEAR
                and a < right + LANE_CLEAR and left - LANE_CLEAR < b]
        across = [(a, b) for (x, a, b) in self.v if a < hi and b > lo and left + 0.5 < x < right - 0.5]
        # per stub, the vertical runs on its x that do not end where it ends (two exits into one
        # target merge into its arrow), in their order
        # (and that can overlap the stub's run at some candidate: it runs from the end to y, so
        # within the hull of the end and the candidates; one that does not overlap the hull by
        # more than 0.5 overlaps no candidate's run by more)
        first, last = min(candidates), max(candidates)
        on = [(end, a, b) for x, end in stubs for (xx, a, b) in self.v if abs(xx - x) < 0.5 and end not in (a, b)
              and min(max(last, end), b) - max(min(first, end), a) > 0.5]

        row_y, rows = self.row_y, len(self.row_y)

        def cost(y: float) -> tuple[float, float]:
            # a horizontal run at y: row borders (self._h_base(y), written out here) and parallel
            # runs near it, crossings; then the stubs' vertical runs lying on other connectors'
            # (an empty list adds 0.0 or 0: the same number, so it is not summed)
            k = bisect.bisect_left(row_y, y - LANE_CLEAR)
            c = 0.0
            while k < rows and row_y[k] < y + LANE_CLEAR:
                c += max(LANE_CLEAR - abs(y - row_y[k]), 0.0) * _CLEAR_WEIGHT
                k += 1
            if near:
                c += sum(LANE_CLEAR - abs(y - yy) for yy in near if abs(y - yy) < LANE_CLEAR) * _CLEAR_WEIGHT
            if across:
                c += _CROSS_WEIGHT * sum(1 for a, b in across if a + 0.5 < y < b - 0.5)
            if on:
                c += _on_runs(y, on)
            return round(c, 6), abs(y - prefer)

        if near or across or on:
            return min(candidates, key=cost)
        # the usual band, where only row borders weigh: cost() written out, the same keys, the
        # first least one
        # (the first of the least (cost, distance) keys: the least cost, then among the
        # candidates at that cost the first at the least distance)
        costs = []
        for y in candidates:
            k = bisect.bisect_left(row_y, y - LANE_CLEAR)
            c = 0.0
            while k < rows and row_y[k] < y + LANE_CLEAR:
                c += max(LANE_CLEAR - abs(y - row_y[k]), 0.0) * _CLEAR_WEIGHT
                k += 1
            costs.append(round(c, 6) if c else c)  # (a cost of 0.0 rounds to itself)
        least = min(costs)
        best_y, best_d = candidates[0], math.inf
        for y, c in zip(candidates, costs, strict=True):
            if c == least and abs(y - prefer) < best_d:
                best_y, best_d = y, abs(y - prefer)
        return best_y

    def lane(self, y0: float, y1: float, x_from: float, x_to: float, side: str) -> tuple[float, float]:
        """The x of a vertical run from ``y0`` to ``y1``, reached by a horizontal run at ``y0``
        from ``x_from`` (a side exit: only on that ``side``) and left by one at ``y1`` towards
        ``x_to``; and its cost."""
        lo, hi = min(y0, y1), max(y0, y1)
        passing = [s for s in self.symbols if s.rect.bottom > lo and s.rect.y < hi]
        start, end = math.ceil(self.x_lo + 1.0), math.floor(self.x_hi - 1.0)
        # a point grid, plus the exact spots at the clearance limits of grid lines and symbols
        edges = [xb + d for xb in self.col_x for d in (-LANE_CLEAR, LANE_CLEAR)]
        edges += [x + d for s in passing for x, d in ((s.rect.x, -SYMBOL_CLEAR), (s.rect.right, SYMBOL_CLEAR))]
        xs = sorted(set(map(float, range(start, end + 1))).union(x for x in edges if start <= x <= end))
        if side == "right":
            xs = [x for x in xs if x >= x_from + APPROACH] or [x_from + APPROACH]
        elif side == "left":
            xs = [x for x in xs if x <= x_from - APPROACH] or [x_from - APPROACH]
        best, best_cost = xs[0], math.inf
        lo0, hi0 = self._reach(y0, x_from, xs)
        lo1, hi1 = self._reach(y1, x_to, xs)
        # only the xs both horizontal runs reach (the others would pass through a symbol)
        xs = xs[bisect.bisect_left(xs, max(lo0, lo1)):bisect.bisect_right(xs, min(hi0, hi1))]
        sym_cost, through = self._symbol_costs(xs, passing, lo, hi)
        v_cost = self._v_costs(y0, y1, xs)
        out_cost, in_cost = self._h_costs(y0, x_from, xs), self._h_costs(y1, x_to, xs)
        for x, cost, blocked, v, o, i in zip(xs, sym_cost, through, v_cost, out_cost, in_cost, strict=True):
            if blocked:
                continue
            cost += v + o + i
            cost += _LENGTH_WEIGHT * (abs(x - x_from) + abs(x - x_to))
            if cost < best_cost - 1e-9:
                best, best_cost = x, cost
        return best, best_cost


def with_bridges(connectors: tuple[Connector, ...], rows: tuple[Row, ...], cols: tuple[Column, ...]
                 ) -> tuple[Connector, ...]:
    """``connectors`` with a bridge wherever a horizontal run of one crosses a vertical run of
    another (inside both, not at a corner or an end), and their pieces cut around it."""
    verticals = [(k, a[0], min(a[1], b[1]), max(a[1], b[1]))
                 for k, c in enumerate(connectors) for a, b in segments_of(c.points) if abs(a[0] - b[0]) < 1e-6]
    out = []
    for k, c in enumerate(connectors):
        bridges: list[Point] = []
        for a, b in segments_of(c.points):
            if abs(a[1] - b[1]) >= 1e-6:
                continue
            y, lo, hi = a[1], min(a[0], b[0]), max(a[0], b[0])
            bridges += [(x, y) for (j, x, y0, y1) in verticals
                        if j != k and lo + 0.5 < x < hi - 0.5 and y0 + 0.5 < y < y1 - 0.5]
        if bridges:
            bridges = sorted(set(bridges))
            c = replace(c, bridges=tuple(bridges),
                        pieces=pieces_of(c.points, rows, cols, c.arrow_end, tuple(bridges)))
        out.append(c)
    return tuple(out)


def pieces_of(pts: tuple[Point, ...], rows: tuple[Row, ...], cols: tuple[Column, ...], arrow_end: bool = True,
              bridges: tuple[Point, ...] = ()) -> tuple[ConnectorPiece, ...]:
    """Cut the polyline at row and column borders (and around its bridges, each its own piece);
    each piece knows its cell."""
    out: list[ConnectorPiece] = []
    segs = segments_of(pts)

    row_of, col_of, xs, ys = _cell_finders(rows, cols)

    def cell_of(p: Point, q: Point) -> tuple[int, int]:
        return row_of((p[1] + q[1]) / 2), col_of((p[0] + q[0]) / 2)

    for i, (a, b) in enumerate(segs):
        horizontal = abs(a[1] - b[1]) < 1e-6
        axis = 0 if horizontal else 1
        forward = a[axis] <= b[axis]
        lo, hi = sorted((a[axis], b[axis]))
        hops = sorted((p[0] for p in bridges if abs(p[1] - a[1]) < 1e-6 and lo < p[0] < hi),
                      reverse=not forward) if horizontal and bridges else []
        cuts = [c for c in (xs if horizontal else ys) if lo < c < hi]
        for h in hops:
            cuts = [c for c in cuts if abs(c - h) > BRIDGE_R] + [h - BRIDGE_R, h + BRIDGE_R]
        stops = [a[axis], *sorted(cuts, reverse=not forward), b[axis]]
        last = i == len(segs) - 1
        for j in range(len(stops) - 1):
            p = (stops[j], a[1]) if horizontal else (a[0], stops[j])
            q = (stops[j + 1], a[1]) if horizontal else (a[0], stops[j + 1])
            mid = (p[0] + q[0]) / 2
            is_bridge = horizontal and any(abs(mid - h) < 1e-6 for h in hops)
            row, col = cell_of(p, q)
            out.append(ConnectorPiece(start=p, end=q, row=row, col=col, bridge=is_bridge,
                                      arrow_end=arrow_end and last and j == len(stops) - 2))
    return tuple(out)


_Finders = tuple[Callable[[float], int], Callable[[float], int], list[float], list[float]]
_FINDERS: list[tuple[tuple[Row, ...], tuple[Column, ...], _Finders]] = []
"""The finders of the table last cut (every connector of a page is cut against the same rows)."""


def _cell_finders(rows: tuple[Row, ...], cols: tuple[Column, ...]) -> _Finders:
    """The row and the column index a piece's midpoint y and x lie in, and the sorted column and
    row borders a polyline is cut at (see :func:`pieces_of`; callers do not change the lists)."""
    last = _FINDERS[0] if _FINDERS else None
    if last is not None and last[0] is rows and last[1] is cols:
        return last[2]
    row_of = _first_containing([r.y for r in rows], [r.bottom for r in rows], [r.index for r in rows])
    col_of = _first_containing([c.x for c in cols], [c.right for c in cols], [c.index for c in cols])
    xs = sorted({c.x for c in cols} | {cols[-1].right})
    ys = sorted({r.y for r in rows} | {rows[-1].bottom})
    _FINDERS[:] = [(rows, cols, (row_of, col_of, xs, ys))]
    return row_of, col_of, xs, ys


def _first_containing(starts: list[float], ends: list[float], keys: list[int]) -> Callable[[float], int]:
    """``v -> keys[i]`` of the first interval ``i`` with ``starts[i] <= v <= ends[i]`` (-1: none).
    Table rows and columns come in order, so both lists are sorted and the answer is two
    bisections; otherwise every interval is tried in order."""
    if any(a > b for a, b in itertools.pairwise(starts)) or any(a > b for a, b in itertools.pairwise(ends)):
        return lambda v: next((k for a, b, k in zip(starts, ends, keys, strict=True) if a <= v <= b), -1)

    def first(v: float) -> int:
        # starts[i] <= v for i < below; ends[i] >= v for i >= above (the ends are sorted too, so
        # the intervals holding v are those from `above` to `below`)
        below, above = bisect.bisect_right(starts, v), bisect.bisect_left(ends, v)
        return keys[above] if above < below else -1

    return first
