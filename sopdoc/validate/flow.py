"""The flowchart as a graph over step indexes: successors, reachability, the main path."""

from __future__ import annotations

from collections.abc import Sequence

from sopdoc.model.sop import Kegiatan, Simbol

__all__ = ["steps_to_graph", "reachable_from", "main_path", "number_to_index"]


def number_to_index(steps: Sequence[Kegiatan]) -> dict[int, int]:
    """Step number → index of its first row."""
    out: dict[int, int] = {}
    for i, step in enumerate(steps):
        if step.no is not None and step.no not in out:
            out[step.no] = i
    return out


def steps_to_graph(steps: Sequence[Kegiatan]) -> dict[int, tuple[int, ...]]:
    """Successor indexes: the next row for a process, both branch targets for a decision.

    The last row and a terminator that is not the first row end the flow. Dangling branch
    targets are left out (the decision rule reports them).
    """
    index = number_to_index(steps)
    last = len(steps) - 1
    graph: dict[int, tuple[int, ...]] = {}
    for i, step in enumerate(steps):
        if step.simbol is Simbol.KEPUTUSAN and step.cabang is not None:
            targets = [index[t] for t in (step.cabang.ya, step.cabang.tidak) if t in index]
            graph[i] = tuple(dict.fromkeys(targets))
        elif i == last or (step.simbol is Simbol.TERMINATOR and i > 0):
            graph[i] = ()
        else:
            graph[i] = (i + 1,)
    return graph


def reachable_from(graph: dict[int, tuple[int, ...]], start: int) -> set[int]:
    """Indexes reachable from ``start`` (including it)."""
    seen = {start}
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def main_path(steps: Sequence[Kegiatan]) -> list[int]:
    """Indexes along the main path: from the first row, decisions taken "ya", no repeats."""
    if not steps:
        return []
    index = number_to_index(steps)
    graph = steps_to_graph(steps)
    path: list[int] = []
    i: int | None = 0
    while i is not None and i not in path:
        path.append(i)
        step = steps[i]
        if step.simbol is Simbol.KEPUTUSAN and step.cabang is not None:
            i = index.get(step.cabang.ya) if step.cabang.ya is not None else None
        else:
            nxt = graph.get(i, ())
            i = nxt[0] if nxt else None
    return path
