"""The lane and level choice of connector routing, worked out only where a cost term can be
nonzero (``sopdoc/layout/lanes.py``), answers exactly as the straightforward scoring of every
candidate does: the per-candidate versions are written out here (as the layout had them before it
was made faster) and compared on the routed pages of the examples, at random probes, for equal
numbers (``==``, not approximately)."""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Callable

import pytest

from sopdoc.layout import layout_sop
from sopdoc.layout.geometry import Page, PageKind
from sopdoc.layout.lanes import (
    _CLEAR_WEIGHT,
    _CROSS_WEIGHT,
    _LENGTH_WEIGHT,
    _OVERLAP_WEIGHT,
    APPROACH,
    LANE_CLEAR,
    SYMBOL_CLEAR,
    Lanes,
)
from sopdoc.layout.shapes import horizontal_hits, segment_hits_symbol, vertical_hits
from sopdoc.source.reader import load_sop
from tests.conftest import DATA, EXAMPLES

SOURCES = [*sorted(EXAMPLES.glob("*.sop.yaml")), DATA / "layout" / "tiga-puluh-langkah-delapan-pelaksana.sop.yaml"]


def _shortfall(d: float, need: float) -> float:
    return max(need - d, 0.0)


def h_scorer(lanes: Lanes, y: float) -> Callable[[float, float], float]:
    k = bisect.bisect_left(lanes.row_y, y - LANE_CLEAR)
    base = 0.0
    while k < len(lanes.row_y) and lanes.row_y[k] < y + LANE_CLEAR:
        base += _shortfall(abs(y - lanes.row_y[k]), LANE_CLEAR) * _CLEAR_WEIGHT
        k += 1
    near = [(LANE_CLEAR - abs(y - yy), a, b) for (yy, a, b) in lanes.h if abs(y - yy) < LANE_CLEAR]
    across = [x for (x, a, b) in lanes.v if a + 0.5 < y < b - 0.5]

    def cost(x0: float, x1: float) -> float:
        lo, hi = min(x0, x1), max(x0, x1)
        c = base + sum(d for d, a, b in near if a < hi + LANE_CLEAR and lo - LANE_CLEAR < b) * _CLEAR_WEIGHT
        return c + _CROSS_WEIGHT * sum(1 for x in across if lo + 0.5 < x < hi - 0.5)

    return cost


def v_scorer(lanes: Lanes, y0: float, y1: float) -> Callable[[float], float]:
    lo, hi = min(y0, y1), max(y0, y1)
    near = [xx for (xx, a, b) in lanes.v if a < hi + LANE_CLEAR and lo - LANE_CLEAR < b]
    across = [(a, b) for (y, a, b) in lanes.h if lo + 0.5 < y < hi - 0.5]
    borders = lanes.col_x

    def cost(x: float) -> float:
        k = bisect.bisect_left(borders, x - LANE_CLEAR)
        c = sum(LANE_CLEAR - abs(x - xb) for xb in borders[k:k + 3] if abs(x - xb) < LANE_CLEAR)
        c += sum(LANE_CLEAR - abs(x - xx) for xx in near if abs(x - xx) < LANE_CLEAR)
        return c * _CLEAR_WEIGHT + _CROSS_WEIGHT * sum(1 for a, b in across if a + 0.5 < x < b - 0.5)

    return cost


def level(lanes: Lanes, band: tuple[float, float], x0: float, x1: float, prefer: float,
          stubs: tuple[tuple[float, float], ...]) -> float:
    top, bottom = band
    lo, hi = top + SYMBOL_CLEAR, bottom - APPROACH
    if hi < lo:
        return (top + bottom) / 2
    n = int((hi - lo) / 0.5)
    candidates = [lo + 0.5 * k for k in range(n + 1)] + [hi]

    def on_runs(y: float) -> float:
        cost = 0.0
        for x, end in stubs:
            lo_, hi_ = min(y, end), max(y, end)
            for xx, a, b in lanes.v:
                if abs(xx - x) < 0.5 and min(hi_, b) - max(lo_, a) > 0.5 and end not in (a, b):
                    cost += _OVERLAP_WEIGHT
        return cost

    return min(candidates, key=lambda y: (round(h_scorer(lanes, y)(x0, x1) + on_runs(y), 6), abs(y - prefer)))


def lane(lanes: Lanes, y0: float, y1: float, x_from: float, x_to: float, side: str) -> tuple[float, float]:
    lo, hi = min(y0, y1), max(y0, y1)
    passing = [s for s in lanes.symbols if s.rect.bottom > lo and s.rect.y < hi]
    start, end = math.ceil(lanes.x_lo + 1.0), math.floor(lanes.x_hi - 1.0)
    edges = [xb + d for xb in lanes.col_x for d in (-LANE_CLEAR, LANE_CLEAR)]
    edges += [x + d for s in passing for x, d in ((s.rect.x, -SYMBOL_CLEAR), (s.rect.right, SYMBOL_CLEAR))]
    xs = sorted({float(x) for x in range(start, end + 1)} | {x for x in edges if start <= x <= end})
    if side == "right":
        xs = [x for x in xs if x >= x_from + APPROACH] or [x_from + APPROACH]
    elif side == "left":
        xs = [x for x in xs if x <= x_from - APPROACH] or [x_from - APPROACH]
    best, best_cost = xs[0], math.inf
    v_cost, out_cost, in_cost = v_scorer(lanes, y0, y1), h_scorer(lanes, y0), h_scorer(lanes, y1)
    lo0, hi0 = lanes._reach(y0, x_from, xs)
    lo1, hi1 = lanes._reach(y1, x_to, xs)
    for x in xs:
        if not (lo0 <= x <= hi0 and lo1 <= x <= hi1):
            continue
        cost = 0.0
        through = False
        for s in passing:
            r = s.rect
            if r.x < x < r.right and segment_hits_symbol((x, lo), (x, hi), s):
                through = True
                break
            cost += _shortfall(min(abs(x - r.x), abs(x - r.right)), SYMBOL_CLEAR) * _CLEAR_WEIGHT
        if through:
            continue
        cost += v_cost(x) + out_cost(x_from, x) + in_cost(x, x_to)
        cost += _LENGTH_WEIGHT * (abs(x - x_from) + abs(x - x_to))
        if cost < best_cost - 1e-9:
            best, best_cost = x, cost
    return best, best_cost


def _routed(page: Page) -> Lanes:
    """The lanes of a laid-out flowchart page with every connector's runs placed."""
    assert page.table is not None
    lanes = Lanes(page.table.rows, page.table.columns, page.symbols)
    for c in page.connectors:
        if c.kind != "joint":
            lanes.add(list(c.points))
    return lanes


def _pages() -> list[Page]:
    out = []
    for path in SOURCES:
        sop = load_sop(path).sop
        assert sop is not None
        out += [p for p in layout_sop(sop).pages if p.kind is PageKind.FLOWCHART]
    return out


@pytest.mark.parametrize("page", _pages(), ids=lambda p: f"page{p.number}")
def test_fast_lane_costs_equal_the_straightforward_ones(page: Page) -> None:
    lanes = _routed(page)
    rng = random.Random(page.number)
    top, bottom = lanes.row_y[0], lanes.row_y[-1]
    # a point grid, random points, and the exact limits of every term (ends of runs ± 0.5,
    # clearances from borders and runs)
    limits = {v for (_y, a, b) in lanes.h for v in (a + 0.5, b - 0.5, a, b)}
    limits |= {x + d for (x, _a, _b) in lanes.v for d in (-LANE_CLEAR, -0.5, 0.0, 0.5, LANE_CLEAR)}
    limits |= {x + d for x in lanes.col_x for d in (-LANE_CLEAR, LANE_CLEAR)}
    xs = sorted({float(x) for x in range(math.ceil(lanes.x_lo), math.floor(lanes.x_hi))} | limits
                | {rng.uniform(lanes.x_lo, lanes.x_hi) for _ in range(20)})
    # runs of the page's connectors at their own levels and lanes are the hard cases
    ys = [y for _x, y in (pt for c in page.connectors for pt in c.points)] + [rng.uniform(top, bottom)
                                                                             for _ in range(30)]
    for y in ys[:60]:
        x_end = rng.choice(xs)
        assert lanes._h_costs(y, x_end, xs) == [h_scorer(lanes, y)(x_end, x) for x in xs]
        y1 = rng.uniform(top, bottom)
        assert lanes._v_costs(y, y1, xs) == [v_scorer(lanes, y, y1)(x) for x in xs]
        for s in page.symbols:
            lo, hi = min(y, y1), max(y, y1)
            hits = vertical_hits(s, lo, hi)
            near = [x for x in xs if s.rect.x - 2 <= x <= s.rect.right + 2]
            assert [hits(x) for x in near] == [segment_hits_symbol((x, lo), (x, hi), s) for x in near]
            across = horizontal_hits(s, y)
            x0 = rng.choice(xs)
            assert [across(x0, x) for x in xs] == [segment_hits_symbol((x0, y), (x, y), s) for x in xs]
    centres = [(s.rect.cx, s.rect.y, s.rect.bottom) for s in page.symbols]
    for _ in range(25):
        (sx, _st, sb), (tx, tt, _tb) = rng.choice(centres), rng.choice(centres)
        for side in ("any", "right", "left"):
            assert lanes.lane(sb + 4.0, tt - 4.0, sx, tx, side) == lane(lanes, sb + 4.0, tt - 4.0, sx, tx, side)
        j = rng.randrange(len(lanes.rows))
        band = lanes.band_above(j)
        stubs = ((sx, sb), (tx, tt))
        prefer = rng.uniform(*band)
        assert lanes.level(band, sx, tx, prefer, stubs) == level(lanes, band, sx, tx, prefer, stubs)


def test_first_containing_is_the_first_interval_in_order() -> None:
    """Rows and columns meet at shared borders: a point on one lies in two, the first wins."""
    from sopdoc.layout.lanes import _first_containing

    rng = random.Random(7)
    for _ in range(200):
        edges = sorted(rng.choice([0.0, 1.5, 3.0, 4.5, 6.0, rng.uniform(0, 6)]) for _ in range(rng.randint(2, 8)))
        starts, ends = edges[:-1], edges[1:]
        keys = list(range(10, 10 + len(starts)))
        find = _first_containing(starts, ends, keys)
        for v in [*edges, -1.0, 7.0, *(rng.uniform(-1, 7) for _ in range(10))]:
            expected = next((k for a, b, k in zip(starts, ends, keys, strict=True) if a <= v <= b), -1)
            assert find(v) == expected, (starts, v)
