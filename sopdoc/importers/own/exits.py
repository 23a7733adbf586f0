"""Decision exits of a sopdoc flowchart: which connector each Ya/Tidak (or custom) label names.

The layout puts an exit label beside its own connector, near where it leaves the decision, and
never on another line; labels are matched to connectors by distance, as a maximum matching so
that a label close to two connectors goes to the one that has no other label.
"""

from __future__ import annotations

import itertools
from typing import Any

from sopdoc.importers.grid.chars import Box
from sopdoc.importers.own.flow_model import Link, OwnStep, Symbol

__all__ = ["assign_exits"]


def assign_exits(labels: list[tuple[str, Box]], symbols: list[Symbol],
                 links: list[Link], step_of_row: dict[int, OwnStep]) -> None:
    """Give each decision its labelled exits: the label nearest to where an exit leaves the
    symbol names it ('Ya'/'Tidak' or a custom label); an exit without a label is no branch."""
    near: dict[int, list[int]] = {}  # link → labels within reach, nearest first
    for n, (source, _target, pts) in enumerate(links):
        if source.kind != "keputusan" or source.row not in step_of_row:
            continue
        scored = []
        for i, (_text, box) in enumerate(labels):
            d = min(_seg_dist(box, a, b) for a, b in itertools.pairwise(pts)) if len(pts) > 1 else _dist(box, pts[0])
            if d <= 12.0:
                scored.append((round(d, 2), _dist(box, pts[0]), i))
        near[n] = [i for *_d, i in sorted(scored)]
    owner = _match(near)
    for i, n in sorted(owner.items(), key=lambda kv: kv[1]):
        source, target, _pts = links[n]
        assert source.row is not None  # links from a connector row (row None) never reach `near`
        step = step_of_row[source.row]
        text = labels[i][0]
        step.exits[_exit_kind(text, step.exits)] = (target, text)


def _match(near: dict[int, list[int]]) -> dict[int, int]:
    """A maximum matching of links to labels (augmenting paths, nearest labels tried first), so
    that a label close to two connectors goes to the one that has no other label."""
    owner: dict[int, int] = {}  # label → link

    def take(n: int, seen: set[int]) -> bool:
        for i in near[n]:
            if i in seen:
                continue
            seen.add(i)
            if i not in owner or take(owner[i], seen):
                owner[i] = n
                return True
        return False

    for n in sorted(near, key=lambda k: len(near[k])):
        take(n, set())
    return owner


def _seg_dist(box: Box, a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance from ``box`` to the axis-parallel segment a–b (0 when they touch)."""
    x0, x1 = sorted((a[0], b[0]))
    y0, y1 = sorted((a[1], b[1]))
    dx = max(box.x0 - x1, 0.0, x0 - box.x1)
    dy = max(box.top - y1, 0.0, y0 - box.bottom)
    return (dx * dx + dy * dy) ** 0.5


def _dist(box: Box, p: tuple[float, float]) -> float:
    dx = max(box.x0 - p[0], 0.0, p[0] - box.x1)
    dy = max(box.top - p[1], 0.0, p[1] - box.bottom)
    return (dx * dx + dy * dy) ** 0.5


_NO_WORDS = ("tidak", "belum", "kurang", "ditolak", "salah", "no")


def _exit_kind(text: str, taken: dict[str, Any]) -> str:
    """'ya' or 'tidak' for an exit label ('Tidak sesuai' → tidak, 'Sesuai' → ya)."""
    low = text.lower()
    kind = "tidak" if low == "tidak" or any(low.startswith(w) for w in _NO_WORDS) else "ya"
    if kind in taken:
        kind = "ya" if kind == "tidak" else "tidak"
    return kind
