"""Decision targets from connector geometry: which step each exit of a diamond leads to.

Connector pieces that touch are joined into paths; a path that leaves a diamond's left, right
or bottom vertex ends at arrow tips, and the symbol next to a tip is the target. The exit that
reaches the next step is read as 'ya' (the drawing convention of DOMAIN.md §3.3) unless a label
says otherwise; the other exit is 'tidak'.
"""

from __future__ import annotations

from sopdoc.importers.grid.geometry import BBox, Piece, Shape

__all__ = ["decision_targets"]


def _near(a: BBox, b: BBox, pad: float) -> bool:
    return a[0] - pad <= b[2] and b[0] - pad <= a[2] and a[1] - pad <= b[3] and b[1] - pad <= a[3]


def _gap(a: BBox, b: BBox) -> float:
    dx = max(0.0, max(a[0], b[0]) - min(a[2], b[2]))
    dy = max(0.0, max(a[1], b[1]) - min(a[3], b[3]))
    return (dx * dx + dy * dy) ** 0.5


def _components(pieces: list[Piece], pad: float = 1.5) -> list[list[BBox]]:
    parent = list(range(len(pieces)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(pieces)):
        for j in range(i + 1, len(pieces)):
            if _near(pieces[i].bbox, pieces[j].bbox, pad):
                parent[find(i)] = find(j)
    groups: dict[int, list[BBox]] = {}
    for i, p in enumerate(pieces):
        groups.setdefault(find(i), []).append(p.bbox)
    return list(groups.values())


_LABELS = {"ya": "ya", "y": "ya", "tidak": "tidak", "t": "tidak", "tdk": "tidak"}


def decision_targets(diamond: Shape, step_index: int, shapes_by_step: list[list[Shape]],
                     pieces: list[Piece], arrows: list[BBox],
                     labels: list[tuple[str, BBox]] | None = None) -> dict[str, int]:
    """{'ya': step index, 'tidak': step index} as far as the geometry tells (indexes into steps).
    ``labels`` (words and their boxes) name an exit when a Ya/Tidak word sits beside its line."""
    x0, y0, x1, y1 = diamond.bbox
    cx, cy = diamond.center
    exits = {"left": (x0, cy, x0, cy), "right": (x1, cy, x1, cy), "bottom": (cx, y1, cx, y1), "top": (cx, y0, cx, y0)}
    comps = _components(pieces)
    found: dict[str, set[int]] = {}
    lines: dict[str, list[BBox]] = {}
    for name, point in exits.items():
        for comp in comps:
            # a line leaving the top vertex often starts a little above it (011, step 8)
            if not any(_near(b, point, 9.0 if name == "top" else 4.5) for b in comp):
                continue
            for tip in arrows:
                if not any(_near(b, tip, 2.0) for b in comp):
                    continue
                best = min(((_gap(s.bbox, tip), k) for k, shapes in enumerate(shapes_by_step)
                            for s in shapes), default=None)
                if best is not None and best[0] <= 12.0 and best[1] != step_index:
                    found.setdefault(name, set()).add(best[1])
                    lines.setdefault(name, []).extend(comp)
    targets = sorted({k for ks in found.values() for k in ks})
    out: dict[str, int] = {}
    named = _labelled(found, lines, labels or [])
    if named:
        return named
    if step_index + 1 in targets:
        out["ya"] = step_index + 1
    others = [k for k in targets if k != step_index + 1]
    if others:
        back = [k for k in others if k < step_index]
        out["tidak"] = min(back) if back else min(others)
    return out


def _labelled(found: dict[str, set[int]], lines: dict[str, list[BBox]],
              labels: list[tuple[str, BBox]]) -> dict[str, int]:
    """Exits named by a Ya/Tidak word within 6 points of their line; the one other exit takes the
    other name. Empty when no exit with a single target is labelled, or two carry one name."""
    out: dict[str, int] = {}
    unnamed = []
    for name, targets in found.items():
        if len(targets) != 1:
            continue
        said = {_LABELS[t.strip(".:,").casefold()] for t, box in labels if t.strip(".:,").casefold() in _LABELS
                and any(_near(b, box, 6.0) for b in lines.get(name, ()))}
        if len(said) == 1:
            key = said.pop()
            if key in out:
                return {}
            out[key] = next(iter(targets))
        else:
            unnamed.append(next(iter(targets)))
    if len(out) == 1 and len(unnamed) == 1:
        out["tidak" if "ya" in out else "ya"] = unnamed[0]
    return out
