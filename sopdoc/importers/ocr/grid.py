"""The ruled tables of a page image: rows and columns from long rules, merged cells from missing
rule pieces (OpenCV line morphology).

A rule counts when it runs along a large part of its table (row separators cross the table, column
separators run down it), so flowchart symbols and connectors — short lines inside cells — never
split the grid. Header rules that cover only some columns (the line under ``Pelaksana``) count
when both their ends meet a column separator.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["ImageTable", "find_tables", "split_column"]


@dataclass
class ImageTable:
    """One table: column edges ``xs`` and row edges ``ys`` (pixels), and the cells as
    (row, col, row_span, col_span)."""

    xs: list[int]
    ys: list[int]
    cells: list[tuple[int, int, int, int]]
    rules: Any  # the mask of the rules kept (255), to wipe from the ink before OCR and symbols

    def box(self, cell: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        """The pixel box (x0, y0, x1, y1) of a cell."""
        r, c, rs, cs = cell
        return self.xs[c], self.ys[r], self.xs[c + cs], self.ys[r + rs]


def _cluster(values: list[int], gap: int) -> list[int]:
    out: list[list[int]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= gap:
            out[-1].append(v)
        else:
            out.append([v])
    return [int(sum(g) / len(g)) for g in out]


def _segments(mask: Any, horizontal: bool) -> list[tuple[int, int, int]]:
    """(position, start, end) of each line component of ``mask``."""
    import cv2

    n, _lab, stats, _c = cv2.connectedComponentsWithStats(mask, connectivity=8)
    segs = []
    for i in range(1, n):
        x, y, w, h, _a = stats[i]
        if horizontal:
            segs.append((int(y + h // 2), int(x), int(x + w)))
        else:
            segs.append((int(x + w // 2), int(y), int(y + h)))
    return segs


def _coverage(mask: Any, horizontal: bool, pos: int, a: int, b: int, tol: int, room: int | None = None) -> float:
    """Share of [a, b) along a rule at ``pos`` that is ink in ``mask`` (± tol across), the rule
    looked for up to 3 × tol (or 1/80 of the table's length along the rule) either side of
    ``pos``: ``pos`` is the rule's mean position, and a sheared or curved scan (a phone photo, a
    page not flat on the glass) moves a long rule by ~1 % of its length from one end of the table
    to the other. ``room`` is the distance to the nearest other rule parallel to it: the search
    stays within half of it, so the next rule is never taken for this one."""
    if b <= a:
        return 1.0
    reach = max(3 * tol, mask.shape[1 if horizontal else 0] // 80)
    if room is not None:
        reach = max(0, min(reach, room // 2 - tol - 1))
    lo = max(0, pos - reach)
    band = mask[lo:pos + reach + 1, a:b] if horizontal else mask[a:b, lo:pos + reach + 1].T
    if not band.size:
        return 0.0
    on = band > 0  # one row per offset across the rule, one column per pixel along it
    return max(float(on[max(0, i - tol):i + tol + 1].any(axis=0).mean()) for i in range(on.shape[0]))


def _anchored(x: int, segs: list[tuple[int, int, int]], hsegs: list[tuple[int, int, int]], xs: list[int],
              w: int, tol: int) -> bool:
    """True when the vertical line at ``x`` starts and ends on horizontal rules — lines across the
    table, or from one column line to another — as a column rule does; a long connector running
    down an actor column starts at a symbol and ends in an elbow instead."""
    top = min(a for _p, a, _b in segs)
    bottom = max(b for _p, _a, b in segs)

    def on_columns(a: int, b: int) -> bool:
        return min(abs(a - v) for v in xs) <= 3 * tol and min(abs(b - v) for v in xs) <= 3 * tol

    def on_rule(y: int) -> bool:
        return any(abs(pos - y) <= 3 * tol and a - 3 * tol <= x <= b + 3 * tol
                   and (b - a >= 0.6 * w or (b - a >= 0.1 * w and on_columns(a, b))) for pos, a, b in hsegs)

    return on_rule(top) and on_rule(bottom)


def find_tables(ink: Any, min_size: int = 120) -> list[ImageTable]:
    """The ruled tables of a binarised page (ink 255), top to bottom."""
    import cv2
    import numpy as np

    h, w = ink.shape
    k = max(25, min(h, w) // 40)
    hor = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    ver = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, k)))
    both = cv2.dilate(cv2.bitwise_or(hor, ver), np.ones((3, 3), np.uint8))
    n, _lab, stats, _c = cv2.connectedComponentsWithStats(both, connectivity=8)
    tables = []
    for i in sorted(range(1, n), key=lambda i: stats[i][1]):
        x, y, bw, bh, _a = stats[i]
        if bw < min_size or bh < min_size // 2:
            continue
        t = _table(hor[y:y + bh, x:x + bw], ver[y:y + bh, x:x + bw], int(x), int(y))
        if t is not None:
            tables.append(t)
    return tables


def _table(hor: Any, ver: Any, ox: int, oy: int) -> ImageTable | None:
    import cv2
    import numpy as np

    h, w = hor.shape
    tol = max(3, min(h, w) // 200)
    allv = _segments(ver, False)
    xs = [x for x in _cluster([p for p, _a, _b in allv], 2 * tol)
          if sum(b - a for p, a, b in allv if abs(p - x) <= 2 * tol) >= 0.5 * h]  # a rule broken by the scan
    allh = _segments(hor, True)
    anchored = [x for x in xs if _anchored(x, [s for s in allv if abs(s[0] - x) <= 2 * tol], allh, xs, w, tol)]
    if len(anchored) >= 3:
        xs = anchored
    vsegs = [s for s in allv if any(abs(s[0] - x) <= 2 * tol for x in xs) and s[2] - s[1] >= 0.05 * h]
    if len(xs) < 2:
        return None
    hsegs = []
    for pos, a, b in _segments(hor, True):
        full = b - a >= 0.6 * w
        ends_on_columns = (b - a >= 0.1 * w and min(abs(a - x) for x in xs) <= 3 * tol
                           and min(abs(b - x) for x in xs) <= 3 * tol)
        if full or ends_on_columns:
            hsegs.append((pos, a, b))
    ys = _cluster([p for p, _a, _b in hsegs], 2 * tol)
    if len(ys) < 2:
        return None
    hband = np.zeros_like(hor)
    vband = np.zeros_like(ver)
    for pos, a, b in hsegs:
        hband[max(0, pos - 2 * tol):pos + 2 * tol + 1, a:b] = 255
    for pos, a, b in vsegs:
        vband[a:b, max(0, pos - 2 * tol):pos + 2 * tol + 1] = 255
    # horizontal ink along row rules, vertical ink along column rules: a connector crossing a
    # rule keeps all but the crossing itself
    rules = cv2.dilate(cv2.bitwise_or(cv2.bitwise_and(hor, hband), cv2.bitwise_and(ver, vband)),
                       np.ones((3, 3), np.uint8))
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and _coverage(ver, False, xs[c + 1], ys[r] + tol, ys[r + 1] - tol, tol,
                                        min(xs[c + 1] - xs[c], xs[c + 2] - xs[c + 1])) < 0.5:
                parent[find(r * nc + c + 1)] = find(r * nc + c)
            if r + 1 < nr and _coverage(hor, True, ys[r + 1], xs[c] + tol, xs[c + 1] - tol, tol,
                                        min(ys[r + 1] - ys[r], ys[r + 2] - ys[r + 1])) < 0.5:
                parent[find((r + 1) * nc + c)] = find(r * nc + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            groups.setdefault(find(r * nc + c), []).append((r, c))
    cells = []
    for members in groups.values():
        r0 = min(r for r, _ in members)
        c0 = min(c for _, c in members)
        r1 = max(r for r, _ in members)
        c1 = max(c for _, c in members)
        cells.append((r0, c0, r1 - r0 + 1, c1 - c0 + 1))
    cells.sort()
    return ImageTable([x + ox for x in xs], [y + oy for y in ys], cells, (ox, oy, rules))


def split_column(t: ImageTable, c: int, x: int) -> None:
    """Split grid column ``c`` of ``t`` at pixel ``x`` (two columns drawn without a rule between
    them): cells inside it become two, cells spanning it span one more, later columns shift."""
    t.xs.insert(c + 1, x)
    cells = []
    for r, c0, rs, cs in t.cells:
        if c0 > c:
            cells.append((r, c0 + 1, rs, cs))
        elif c0 == c and cs == 1:
            cells.extend([(r, c, rs, 1), (r, c + 1, rs, 1)])
        elif c0 <= c < c0 + cs:
            cells.append((r, c0, rs, cs + 1))
        else:
            cells.append((r, c0, rs, cs))
    t.cells = sorted(cells)
