"""The walk of the recorded steps along the flowchart: where they leave it (CMP202/203/205).

The CMP2xx rules in ``cmp_order`` report these; ``CheckContext.order`` computes them once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sopdoc.execution.cmp_fact import Fact
from sopdoc.execution.pinned import StepTable
from sopdoc.model.diagnostic import Teks

__all__ = ["order_findings"]


def _pure_skip(main: tuple[int, ...], recorded: set[int], prev: Fact, cur: Fact) -> bool:
    """``cur`` jumps forward along the main path over steps never recorded (CMP201 reports those)."""
    if prev.entry.langkah not in main or cur.entry.langkah not in main:
        return False
    a, b = main.index(prev.entry.langkah), main.index(cur.entry.langkah)
    return b > a and all(s not in recorded for s in main[a + 1:b])


def order_findings(facts: Sequence[Fact], flow: StepTable, main: tuple[int, ...],
                   recorded: set[int]) -> Iterator[tuple[str, Fact, Teks]]:
    """Walk the entries ``facts`` in time order and say where they leave ``flow`` (whose main path is
    ``main``; ``recorded`` are the steps with at least one entry)."""
    seen: set[int] = set()
    prev: Fact | None = None
    for cur in facts:
        no = cur.entry.langkah
        if cur.step is None:
            continue
        if prev is not None and prev.step is not None:
            p = prev.entry.langkah
            if prev.step.keputusan and prev.entry.keputusan:
                target = flow.branch_target(p, prev.entry.keputusan)
                if no != target:
                    shown = "-" if target is None else target  # None: the exit ends the flow
                    yield "CMP203", cur, Teks(
                        f"keputusan '{prev.entry.keputusan}' di langkah {p} mengarah ke langkah {shown}, "
                        f"tetapi yang dicatat langkah {no}",
                        f"decision '{prev.entry.keputusan}' at step {p} leads to step {shown}, "
                        f"but step {no} was recorded")
            elif no not in flow.successors(p):
                if no in seen:
                    yield "CMP205", cur, Teks(
                        f"langkah {no} diulang tanpa cabang 'Tidak' yang mengarah kembali ke sana",
                        f"step {no} repeated without a 'Tidak' branch leading back to it")
                elif not _pure_skip(main, recorded, prev, cur):
                    yield "CMP202", cur, Teks(f"langkah {no} dicatat setelah langkah {p}, tidak sesuai urutan alur",
                                              f"step {no} recorded after step {p}, out of the flow's order")
            if cur.start < prev.end and no != p:
                yield "CMP202", cur, Teks(f"langkah {no} mulai sebelum langkah {p} selesai",
                                          f"step {no} starts before step {p} ends")
        elif prev is None and flow.steps and no != flow.steps[0].no and flow.steps[0].no in recorded:
            yield "CMP202", cur, Teks(f"langkah {no} dicatat sebelum langkah pertama",
                                      f"step {no} recorded before the first step")
        seen.add(no)
        prev = cur
