"""The one flow of an SOP: successors of each row, the main path, reachability, stuck cycles.

Every stage that needs the flowchart as a graph asks this module: the checker's rules
(``sopdoc check``), the standard time of ``sopdoc info``, the layout's connectors, and the
period plan and compliance checks (``sopdoc period``). A :class:`Flow` is a graph over *rows*
(positions in ``Sop.kegiatan``, or in a pinned step table) built from :class:`Node` values, so
the execution stage can rebuild it from its pinned JSON without the YAML source.

Rules
-----
1. **Rows and steps.** The flow runs over the rows in order and starts at the first row. A row
   with a number is a *step*; a step number names the first row that carries it (a later
   duplicate is still a row, but no branch can lead to it).
2. **Fall-through.** A row leads to the next row; the last row leads nowhere.
3. **A row without a number** is not a step: nothing branches to it, it is never planned or
   logged, and it only passes on to the next row whatever its symbol or branches (seed 002's
   trailing unnumbered "SELESAI" row is drawn, but is the last row anyway). Leaving such rows
   out therefore changes nothing between the steps, so a pinned table of numbered steps has
   the same flow as its SOP.
4. **Terminators.** A terminator step before which no step comes opens the flow ("Mulai").
   Any other terminator step ends the flow: it has no successor, even in the middle of the
   flow (a *mid-flow terminator*; SOP309 reports it, SOP312 the steps it cuts off).
5. **Decisions.** A decision step has a Ya exit and a Tidak exit. An exit whose target names an
   existing step leads there. An exit without a target (a decision without ``ya``, or without
   ``cabang`` at all), or whose target names no step (a *dangling* target), continues with the
   next row, as the drawing convention reads the exit that reaches the next step (DOMAIN.md
   §3.3); SOP310 reports both. Branches on a step that is not a decision are ignored.
6. **Main path.** From the first row, take the Ya exit at every decision and the only exit
   elsewhere, until a row has no successor or a row comes round again (a *cycle without exit*
   along the Ya exits ends the path at its first repeat). The main path is the list of step
   numbers along that walk: rows without a number are walked through but not listed, so it
   never holds ``None``.
7. **Reachability and stuck rows.** A row is reachable from another through any exits. The end
   of the flow is the last row; rows reachable from the start that cannot reach the end are
   *stuck*: a cycle without exit (a loop whose exits all lead back into it), or a path cut by
   a mid-flow terminator.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sopdoc.model.simbol import Simbol

if TYPE_CHECKING:  # the pydantic model is not loaded for the execution stage's pinned tables
    from sopdoc.model.sop import Kegiatan

__all__ = ["Edge", "Flow", "Node", "flow_of"]


@dataclass(frozen=True)
class Node:
    """What the flow needs of one row: its number, its symbol kind and its branch targets."""

    no: int | None
    terminator: bool = False
    keputusan: bool = False
    ya: int | None = None
    tidak: int | None = None


@dataclass(frozen=True)
class Edge:
    """One drawn exit of a row: ``kind`` is "next" (fall-through), "ya" or "tidak" (explicit exits)."""

    target: int
    kind: str


def node_of(step: Kegiatan) -> Node:
    """The flow facts of a step of the model."""
    cabang = step.cabang
    return Node(no=step.no, terminator=step.simbol is Simbol.TERMINATOR, keputusan=step.simbol is Simbol.KEPUTUSAN,
                ya=cabang.ya if cabang else None, tidak=cabang.tidak if cabang else None)


def flow_of(steps: Sequence[Kegiatan]) -> Flow:
    """The flow of the rows ``steps`` (``Sop.kegiatan``)."""
    return Flow(tuple(node_of(s) for s in steps))


class Flow:
    """The flow over ``nodes`` (row indexes) under the rules of the module docstring."""

    def __init__(self, nodes: Iterable[Node]) -> None:
        self.nodes: tuple[Node, ...] = tuple(nodes)
        index: dict[int, int] = {}
        for i, node in enumerate(self.nodes):
            if node.no is not None and node.no not in index:
                index[node.no] = i
        self._index = index
        first = next((i for i, n in enumerate(self.nodes) if n.no is not None), None)
        self._edges = tuple(self._edges_of(i, first) for i in range(len(self.nodes)))
        self._succ = tuple(tuple(dict.fromkeys(e.target for e in edges)) for edges in self._edges)
        self._reach: dict[int, frozenset[int]] = {}

    def __len__(self) -> int:
        return len(self.nodes)

    def index_of(self, no: int | None) -> int | None:
        """The row of step ``no`` (its first row), or None when no step has that number."""
        return None if no is None else self._index.get(no)

    def _edges_of(self, i: int, first: int | None) -> tuple[Edge, ...]:
        node = self.nodes[i]
        nxt = i + 1 if i + 1 < len(self.nodes) else None
        fall = (Edge(nxt, "next"),) if nxt is not None else ()
        if node.no is None:
            return fall
        if node.terminator and i != first:
            return ()
        if not node.keputusan:
            return fall
        explicit = [Edge(t, kind) for kind, t in (("ya", self.index_of(node.ya)), ("tidak", self.index_of(node.tidak)))
                    if t is not None]
        return (*explicit, *fall) if len(explicit) < 2 else tuple(explicit)

    def edges(self, i: int) -> tuple[Edge, ...]:
        """The exits of row ``i``: explicit decision exits ("ya"/"tidak"), then the fall-through
        ("next") when some exit continues with the next row."""
        return self._edges[i]

    def successors(self, i: int) -> tuple[int, ...]:
        """Rows that may follow row ``i`` (no repeats)."""
        return self._succ[i]

    def exit(self, i: int, keputusan: str) -> int | None:
        """The row the "ya"/"tidak" exit of decision row ``i`` leads to (rule 5); for any other
        row its only successor."""
        node = self.nodes[i]
        if node.no is not None and node.keputusan:
            target = self.index_of(node.ya if keputusan == "ya" else node.tidak)
            if target is not None:
                return target
            return next((e.target for e in self._edges[i] if e.kind == "next"), None)
        succ = self._succ[i]
        return succ[0] if succ else None

    def reachable(self, start: int) -> frozenset[int]:
        """Rows reachable from row ``start`` (itself included)."""
        if start not in self._reach:
            seen = {start}
            todo = [start]
            while todo:
                for nxt in self._succ[todo.pop()]:
                    if nxt not in seen:
                        seen.add(nxt)
                        todo.append(nxt)
            self._reach[start] = frozenset(seen)
        return self._reach[start]

    def reaching_end(self) -> frozenset[int]:
        """Rows from which the end (the last row) can be reached."""
        if not self.nodes:
            return frozenset()
        back: dict[int, list[int]] = {i: [] for i in range(len(self.nodes))}
        for src, targets in enumerate(self._succ):
            for t in targets:
                back[t].append(src)
        end = len(self.nodes) - 1
        seen = {end}
        todo = [end]
        while todo:
            for prev in back[todo.pop()]:
                if prev not in seen:
                    seen.add(prev)
                    todo.append(prev)
        return frozenset(seen)

    def stuck(self) -> frozenset[int]:
        """Rows reachable from the start that cannot reach the end (rule 7)."""
        if not self.nodes:
            return frozenset()
        return self.reachable(0) - self.reaching_end()

    def main_path_rows(self) -> tuple[int, ...]:
        """Rows along the main path (rule 6), rows without a number included."""
        path: list[int] = []
        seen: set[int] = set()
        i: int | None = 0 if self.nodes else None
        while i is not None and i not in seen:
            seen.add(i)
            path.append(i)
            i = self.exit(i, "ya")
        return tuple(path)

    def main_path(self) -> tuple[int, ...]:
        """Step numbers along the main path (rule 6)."""
        return tuple(n for n in (self.nodes[i].no for i in self.main_path_rows()) if n is not None)
