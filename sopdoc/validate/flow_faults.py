"""The root causes of a broken flow, one per defect, with the rows each one affects.

A single defect cuts many rows off: one mid-flow terminator leaves every step before it unable
to reach Selesai and every step after it unreachable; one cycle without exit traps every step
that leads into it. Reporting each such row on its own (as SOP312 once did, 11 findings for one
terminator) buries the cause. This module groups the rows by cause, using only the facts of the
one Flow (:mod:`sopdoc.model.flow`):

* **Dead end** — a reachable row other than the last with no successor: a terminator in the
  middle of the flow (flow rule 4). It affects the stuck rows that lead only to it, and the run
  of unreachable rows right after it (the rows it cuts off).
* **Closed cycle** — a set of reachable rows that lead only to each other (a terminal strongly
  connected component of the stuck rows with more than one row, or a row that branches to
  itself). It affects the stuck rows that lead into it, and the run of unreachable rows right
  after its last row (the rows its missing exit should have led to: nothing before the cycle
  reaches them either, or they would not be unreachable).
* **Unreachable part** — a run of consecutive rows that nothing reaches from the start and that
  is not the run right after a dead end.

A stuck row that can reach two causes is listed under both. Rows are indexes of ``Sop.kegiatan``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sopdoc.model.flow import Flow

__all__ = ["FlowFault", "flow_faults"]


@dataclass(frozen=True)
class FlowFault:
    """One root cause: ``kind`` "dead-end", "cycle" or "unreachable"; ``rows`` the defect itself
    (the terminator row, the rows of the cycle, or the unreachable run); ``stuck`` the reachable
    rows that cannot reach the end because of it; ``cut`` the unreachable rows it cuts off."""

    kind: str
    rows: tuple[int, ...]
    stuck: tuple[int, ...] = ()
    cut: tuple[int, ...] = ()

    @property
    def affected(self) -> tuple[int, ...]:
        """Every row the fault concerns besides its first row, in order."""
        return tuple(sorted(set(self.rows[1:]) | set(self.stuck) | set(self.cut)))


def _runs(rows: set[int]) -> list[tuple[int, ...]]:
    """Maximal runs of consecutive indexes."""
    out: list[list[int]] = []
    for i in sorted(rows):
        if out and out[-1][-1] == i - 1:
            out[-1].append(i)
        else:
            out.append([i])
    return [tuple(r) for r in out]


def flow_faults(flow: Flow) -> list[FlowFault]:
    """The root causes of every unreachable or stuck row of ``flow``, in row order."""
    n = len(flow)
    if n < 2:
        return []
    forward = flow.reachable(0)
    stuck = set(flow.stuck())
    # Terminal components among the stuck rows: rows whose reachable set is their own component.
    sinks: list[tuple[int, ...]] = []
    placed: set[int] = set()
    for i in sorted(stuck):
        if i in placed:
            continue
        reach = flow.reachable(i)
        comp = {j for j in reach if i in flow.reachable(j)}
        if reach == comp:  # nothing leaves the component: it is a cause
            sinks.append(tuple(sorted(comp)))
            placed |= comp
    unreachable = set(range(n)) - forward
    runs = _runs(unreachable)
    faults: list[FlowFault] = []
    for sink in sinks:
        leading = tuple(i for i in sorted(stuck) if i not in sink and flow.reachable(i) & set(sink))
        dead_end = len(sink) == 1 and not flow.successors(sink[0])
        cut: tuple[int, ...] = next((r for r in runs if r[0] == sink[-1] + 1), ())
        if cut:
            runs.remove(cut)
        faults.append(FlowFault("dead-end" if dead_end else "cycle", sink, leading, cut))
    faults.extend(FlowFault("unreachable", run) for run in runs)
    faults.sort(key=lambda f: f.rows[0])
    return faults
