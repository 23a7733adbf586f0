"""Small geometric predicates on symbols, segments and rectangles (used by routing and tests)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from sopdoc.layout.geometry import Point, Rect, SymbolBox, SymbolKind

__all__ = ["horizontal_hits", "point_on_outline", "rect_hits_symbol", "segment_hits_symbol", "segment_rect",
           "segments_of", "vertical_hits"]


def rect_hits_symbol(r: Rect, sym: SymbolBox, tol: float = 0.0) -> bool:
    """True when rectangle ``r`` overlaps the interior of the symbol's shape (diamond exact)."""
    # (Rect.intersects, right, bottom, cx and cy written out: label placement asks this often)
    s = sym.rect
    sx, sy, sw, sh = s.x, s.y, s.w, s.h
    rx, ry = r.x, r.y
    rr, rb = rx + r.w, ry + r.h
    if not (rx + tol < (sx + sw) - tol and sx + tol < rr - tol and ry + tol < (sy + sh) - tol and sy + tol < rb - tol):
        return False
    if sym.kind is not SymbolKind.KEPUTUSAN:
        return True
    hx, hy = sw / 2, sh / 2
    cx, cy = sx + sw / 2, sy + sh / 2
    px = min(max(cx, rx + tol), rr - tol)
    py = min(max(cy, ry + tol), rb - tol)
    return abs(px - cx) / hx + abs(py - cy) / hy < 1.0


def segment_rect(a: Point, b: Point, pad: float = 0.0) -> Rect:
    """The axis-aligned box of segment ``ab`` grown by ``pad``."""
    x0, x1 = sorted((a[0], b[0]))
    y0, y1 = sorted((a[1], b[1]))
    return Rect(x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad)


def segment_hits_symbol(a: Point, b: Point, sym: SymbolBox, tol: float = 0.3) -> bool:
    """True when the segment passes through the symbol's interior (touching the outline is fine)."""
    r = segment_rect(a, b)
    # a degenerate rectangle: test the interior shrunk by tol
    s = sym.rect
    inner = Rect(s.x + tol, s.y + tol, max(s.w - 2 * tol, 0), max(s.h - 2 * tol, 0))
    if not (r.x <= inner.right and inner.x <= r.right and r.y <= inner.bottom and inner.y <= r.bottom):
        return False
    if sym.kind is not SymbolKind.KEPUTUSAN:
        return True
    hx, hy = s.w / 2 - tol, s.h / 2 - tol
    px = min(max(s.cx, r.x), r.right)
    py = min(max(s.cy, r.y), r.bottom)
    return abs(px - s.cx) / hx + abs(py - s.cy) / hy < 1.0


def vertical_hits(sym: SymbolBox, lo: float, hi: float, tol: float = 0.3) -> Callable[[float], bool]:
    """``x -> segment_hits_symbol((x, lo), (x, hi), sym, tol)`` for ``lo <= hi``, with what does
    not depend on x worked out once (the same comparisons and sums)."""
    s = sym.rect
    ix0, iy0 = s.x + tol, s.y + tol
    ix1, iy1 = ix0 + max(s.w - 2 * tol, 0), iy0 + max(s.h - 2 * tol, 0)
    bottom = lo + (hi - lo)  # the segment's box: x, lo, width 0, height hi - lo
    if not (lo <= iy1 and iy0 <= bottom):
        return lambda x: False
    if sym.kind is not SymbolKind.KEPUTUSAN:
        return lambda x: x <= ix1 and ix0 <= x
    hx, hy = s.w / 2 - tol, s.h / 2 - tol
    cx, cy = s.cx, s.cy
    dy = abs(min(max(cy, lo), bottom) - cy) / hy
    return lambda x: x <= ix1 and ix0 <= x and abs(x - cx) / hx + dy < 1.0


def horizontal_hits(sym: SymbolBox, y: float, tol: float = 0.3) -> Callable[[float, float], bool]:
    """``(x0, x1) -> segment_hits_symbol((x0, y), (x1, y), sym, tol)``, with what does not depend
    on the ends worked out once (the same comparisons and sums)."""
    s = sym.rect
    ix0, iy0 = s.x + tol, s.y + tol
    ix1, iy1 = ix0 + max(s.w - 2 * tol, 0), iy0 + max(s.h - 2 * tol, 0)
    if not (y <= iy1 and iy0 <= y):  # the segment's box: from the lower x, width |x1 - x0|, height 0
        return lambda x0, x1: False
    diamond = sym.kind is SymbolKind.KEPUTUSAN
    hx, hy = s.w / 2 - tol, s.h / 2 - tol
    cx, cy = s.cx, s.cy

    def hits(x0: float, x1: float) -> bool:
        lo, hi = (x0, x1) if x0 <= x1 else (x1, x0)
        right = lo + (hi - lo)
        if not (lo <= ix1 and ix0 <= right):
            return False
        if not diamond:
            return True
        return abs(min(max(cx, lo), right) - cx) / hx + abs(min(max(cy, y), y) - cy) / hy < 1.0

    return hits


def segments_of(points: tuple[Point, ...]) -> list[tuple[Point, Point]]:
    """Consecutive point pairs of a polyline."""
    return list(itertools.pairwise(points))


def point_on_outline(p: Point, sym: SymbolBox, tol: float = 0.05) -> bool:
    """True when ``p`` lies on the symbol's outline (its top/bottom/side anchor points included)."""
    s = sym.rect
    if sym.kind is SymbolKind.KEPUTUSAN:
        d = abs(p[0] - s.cx) / (s.w / 2) + abs(p[1] - s.cy) / (s.h / 2)
        return abs(d - 1.0) < tol
    on_x = s.x - tol <= p[0] <= s.right + tol
    on_y = s.y - tol <= p[1] <= s.bottom + tol
    edge_x = min(abs(p[0] - s.x), abs(p[0] - s.right)) <= tol
    edge_y = min(abs(p[1] - s.y), abs(p[1] - s.bottom)) <= tol
    return (on_x and edge_y) or (on_y and edge_x)
