"""Decision targets from connector geometry: which step each exit of a diamond leads to.

Connector pieces that touch are joined into paths; a path that leaves a diamond (a vertex, a line
in line with a vertex that stops a little short of it, or a side) ends at arrow tips, and the
symbol next to a tip is the target: a symbol of another row names that step, another symbol of
the diamond's own row names the decision's own step (``_exit_paths`` says why), a terminator in
that row is the end and names none; the diamonds of one row are one decision (``row_exits``).
A word printed beside the start of an exit path is its label: Ya/Y/Yes on one exit and Tidak/T/No/Tdk on the
other say which exit is which (a lone label may sit on a path coming in, bps 038); other words
(A/B, ``Lengkap``/``Belum Lengkap``, prose) are kept as ``label_ya`` and ``label_tidak``.
Without labels, or with other words, the exit that reaches the next step is 'ya' (the drawing
convention of DOMAIN.md §3.3) and the other exit is 'tidak'.

Two readers share the geometry: the PDF importer (``row_exits`` + ``labelled_targets``, words
as pdfplumber dicts, labels kept) and the OCR path (``decision_targets`` with ``labels``, OCR words
and their boxes in page points, a Ya/Tidak word within 6 points of an exit's line names it).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from sopdoc.importers.grid.geometry import BBox, Piece, Shape
from sopdoc.importers.grid.vocab import mark_kind

__all__ = ["LABEL_REACH", "Exit", "decision_exits", "decision_targets", "exit_label", "labelled_targets", "row_exits"]

TIP_REACH = 12.0
"""Points from an arrow tip within which the nearest symbol is the one it points at."""
LABEL_REACH = 14.0
"""Points from an exit's path within which a word is read as that exit's label."""
Exit = tuple[int, list[BBox], str]  # target step index, the pieces of the path there, the vertex left


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


def _exit_paths(diamond: Shape, step_index: int, shapes_by_step: list[list[Shape]],
                pieces: list[Piece], arrows: list[BBox]) -> list[Exit]:
    """Every (target step index, path, vertex) an arrow tip of a path leaving ``diamond`` reaches,
    a target once per tip (the same target may be reached from two vertices).

    A tip at ``diamond`` itself is a path coming in. A tip at another symbol of the diamond's own
    row (the row's process box, or a second diamond) is an exit into the decision's own step: a
    row is one step, so the arrow that reaches a box of that row reaches that step ("Tidak" back
    into the row's own box and round to the diamond again, bps 069 step 3, 338, 122 step 5). The
    model can only say "back to this step" for it, which is what the drawing shows; dropping it
    would lose a drawn exit."""
    x0, y0, x1, y1 = diamond.bbox
    cx, cy = diamond.center
    exits = {"left": (x0, cy, x0, cy), "right": (x1, cy, x1, cy), "bottom": (cx, y1, cx, y1), "top": (cx, y0, cx, y0)}
    comps = _components(pieces)
    at_vertex = {name: [c for c in comps if any(_reaches(b, point, name) for b in c)] for name, point in exits.items()}
    seen = {id(c) for found in at_vertex.values() for c in found}
    for comp in (c for c in comps if id(c) not in seen):  # a line leaving a side: named for its nearest vertex
        name = _side_exit(diamond, comp)
        if name:
            at_vertex[name].append(comp)
    out: list[Exit] = []
    for name, touching in at_vertex.items():
        for comp in touching:
            for tip in arrows:
                if not any(_near(b, tip, 2.0) for b in comp):
                    continue
                best = min(((_gap(s.bbox, tip), k, s) for k, shapes in enumerate(shapes_by_step)
                            for s in shapes), key=lambda t: t[:2], default=None)
                if best is None or best[0] > TIP_REACH or best[2].bbox == diamond.bbox:
                    continue
                if best[1] == step_index and best[2].kind == "terminator":
                    continue  # the end drawn in the decision's own row: no step to name (IMP039, bps 038)
                out.append((best[1], comp, name))
    return out


SHORT_REACH = 9.0
"""Points short of a vertex at which a line in line with it still leaves it (a line leaving the
top vertex often starts a little above it, 011 step 8; one 6 pt short of the left vertex, bps 038)."""


def _reaches(b: BBox, point: BBox, name: str) -> bool:
    """True when piece ``b`` touches the vertex ``point`` (within 4.5 pt), or is a line in line
    with it (its axis within 1.5 pt of the vertex) that ends at most SHORT_REACH points short;
    a line leaving the top vertex may also start that far off its axis."""
    if _near(b, point, SHORT_REACH if name == "top" else 4.5):
        return True
    x, y = point[0], point[1]
    if b[3] - b[1] > b[2] - b[0]:  # vertical
        return b[0] - 1.5 <= x <= b[2] + 1.5 and _near(b, point, SHORT_REACH)
    return b[1] - 1.5 <= y <= b[3] + 1.5 and _near(b, point, SHORT_REACH)


SIDE_REACH = 2.0
"""Points from a side of a diamond within which a line's end leaves it."""


def _side_exit(diamond: Shape, comp: list[BBox]) -> str | None:
    """The vertex nearest to where ``comp`` touches a side of ``diamond`` (within SIDE_REACH, a
    point every 2 % of each side), or None when it touches no side."""
    if not any(_near(b, diamond.bbox, SIDE_REACH) for b in comp):
        return None
    corners = _vertices(diamond)
    ring = [corners["left"], corners["top"], corners["right"], corners["bottom"], corners["left"]]
    for (ax, ay), (bx, by) in pairwise(ring):
        for i in range(51):
            x, y = ax + (bx - ax) * i / 50, ay + (by - ay) * i / 50
            if any(_near(b, (x, y, x, y), SIDE_REACH) for b in comp):
                return min(corners, key=lambda v: (corners[v][0] - x) ** 2 + (corners[v][1] - y) ** 2)
    return None


def decision_exits(diamond: Shape, step_index: int, shapes_by_step: list[list[Shape]],
                   pieces: list[Piece], arrows: list[BBox]) -> list[Exit]:
    """Every (target step index, path) leaving a vertex of ``diamond``, as the geometry tells."""
    out: list[Exit] = []
    for k, comp, name in _exit_paths(diamond, step_index, shapes_by_step, pieces, arrows):
        if all(k != j for j, _, _ in out):
            out.append((k, comp, name))
    return out


def _vertices(diamond: Shape) -> dict[str, tuple[float, float]]:
    x0, y0, x1, y1 = diamond.bbox
    cx, cy = diamond.center
    return {"left": (x0, cy), "right": (x1, cy), "bottom": (cx, y1), "top": (cx, y0)}


def exit_label(diamond: Shape, path: list[BBox], vertex: str, words: list[dict[str, Any]]) -> str | None:
    """The words printed beside the start of ``path`` (nearer its ``vertex`` than any other vertex
    of ``diamond``), joined with the words touching them (a label of several words), or None."""
    corners = _vertices(diamond)

    def dist(w: dict[str, Any], v: str) -> float:
        x, y = corners[v]
        return _gap(_wbox(w), (x, y, x, y))

    near = [w for w in words if any(_gap(b, _wbox(w)) <= LABEL_REACH for b in path)
            and dist(w, vertex) <= 3 * LABEL_REACH and not _inside(_wbox(w), diamond.bbox)
            and min(corners, key=lambda v: dist(w, v)) == vertex]
    if not near:
        return None
    block = [min(near, key=lambda w: dist(w, vertex))]
    for _ in range(4):  # the rest of a label of several words or lines
        more = [w for w in words if w not in block and any(_gap(_wbox(w), _wbox(b)) <= 3.0 for b in block)]
        if not more:
            break
        block += more
    block.sort(key=lambda w: (round(float(w["top"])), float(w["x0"])))
    return " ".join(str(w["text"]).strip() for w in block).strip() or None


def row_exits(diamonds: list[Shape], step_index: int, shapes_by_step: list[list[Shape]],
              pieces: list[Piece], arrows: list[BBox]) -> tuple[list[Exit], list[Shape]]:
    """The exits of a row that draws one or more diamonds, one per target, and the diamond each
    leaves. A row is one step: two diamonds side by side in it (bps 338 step 4, one looping back
    into the other) are one decision whose exits are theirs together, a move from one to the
    other being an exit into the step itself."""
    found: list[Exit] = []
    owners: list[Shape] = []
    for diamond in diamonds:
        for k, comp, name in decision_exits(diamond, step_index, shapes_by_step, pieces, arrows):
            if all(k != j for j, _, _ in found):
                found.append((k, comp, name))
                owners.append(diamond)
    return found, owners


def labelled_targets(diamond: Shape, step_index: int, found: list[Exit],
                     words: list[dict[str, Any]], owners: list[Shape] | None = None,
                     ) -> tuple[dict[str, int], dict[str, str]]:
    """({'ya': index, 'tidak': index}, {'label_ya': word, 'label_tidak': word}) from the exits'
    labels, or by the drawing convention where the labels do not say Ya/Tidak. ``owners`` names
    the diamond each exit leaves when the row has several (``row_exits``), else ``diamond``."""
    labels = {k: exit_label(owners[i] if owners else diamond, path, vertex, words)
              for i, (k, path, vertex) in enumerate(found)}
    kinds = {k: mark_kind(t) if t else None for k, t in labels.items()}
    ya = [k for k, kd in kinds.items() if kd == "ya"]
    tidak = [k for k, kd in kinds.items() if kd == "tidak"]
    if len(ya) == 1 and len(tidak) == 1:  # one label alone may belong to a path coming in (bps 038)
        return {"ya": ya[0], "tidak": tidak[0]}, {}
    out = _by_convention(step_index, sorted(k for k, _, _ in found))
    # a plain "Ya"/"Tidak" on its own exit is the default label, not one to keep (bps 069)
    names = {f"label_{key}": labels[k] for key, k in out.items()
             if labels.get(k) and str(labels[k]).strip().casefold() != key}
    return out, {n: t for n, t in names.items() if t}


def _wbox(w: dict[str, Any]) -> BBox:
    return float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"])


def _inside(a: BBox, b: BBox) -> bool:
    return a[0] >= b[0] and a[2] <= b[2] and a[1] >= b[1] and a[3] <= b[3]


def decision_targets(diamond: Shape, step_index: int, shapes_by_step: list[list[Shape]],
                     pieces: list[Piece], arrows: list[BBox],
                     labels: list[tuple[str, BBox]] | None = None) -> dict[str, int]:
    """{'ya': step index, 'tidak': step index} as far as the geometry tells (indexes into steps).
    ``labels`` (words and their boxes) name an exit when a Ya/Tidak word sits beside its line."""
    found: dict[str, set[int]] = {}
    lines: dict[str, list[BBox]] = {}
    for k, comp, name in _exit_paths(diamond, step_index, shapes_by_step, pieces, arrows):
        found.setdefault(name, set()).add(k)
        lines.setdefault(name, []).extend(comp)
    named = _labelled(found, lines, labels or [])
    if named:
        return named
    return _by_convention(step_index, sorted({k for ks in found.values() for k in ks}))


def _by_convention(step_index: int, targets: list[int]) -> dict[str, int]:
    """The exit to the next step is 'ya'; the earliest earlier (else the first later) one 'tidak'."""
    out: dict[str, int] = {}
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
        said = {kind for t, box in labels if (kind := mark_kind(t.strip(","))) in ("ya", "tidak")
                and any(_near(b, box, 6.0) for b in lines.get(name, ()))}
        if len(said) == 1:
            key = said.pop()
            if key in out:
                return {}
            out[key] = next(iter(targets))
        else:
            unnamed.append(next(iter(targets)))
    if len(out) == 1 and len(set(unnamed)) == 1:  # two vertices' paths to one step are one exit
        out["tidak" if "ya" in out else "ya"] = unnamed[0]
    return out
