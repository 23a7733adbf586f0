"""Two connectors never run along one line (found by the own-document round-trip property test: an off-page
connector leaving downwards in the column of a symbol that loop-backs enter from above)."""

from __future__ import annotations

from sopdoc.layout import layout_sop
from sopdoc.model.sop import Cabang, Kegiatan, Simbol, Sop
from tests.layout.quality import clearance_problems

P, D, T = Simbol.PROSES, Simbol.KEPUTUSAN, Simbol.TERMINATOR


def _step(no: int, simbol: Simbol, cabang: Cabang | None = None) -> Kegiatan:
    return Kegiatan(no=no, uraian="Menyusun", pelaksana=("Kepala 1",), simbol=simbol, cabang=cabang)


def loop_backs_under_offpage() -> Sop:
    """Shrunk by Hypothesis (seed 89266883952006172069126081023777147173): steps 2 and 4 loop back
    to step 1, which sits under the off-page connector at the top of page 1 that carries step 10's
    loop-back to step 4. The off-page connector went down the terminator's centre line past the
    levels where both loop-backs turn into it: one line on the page for three connectors. (Four
    process steps more than the shrunk case since rows got denser, so that the looping decision,
    now step 14, still lands on the second page.)"""
    return Sop(pelaksana=("Kepala 1",), kegiatan=(
        _step(1, T), _step(2, D, Cabang(ya=3, tidak=1)), _step(3, P), _step(4, D, Cabang(ya=5, tidak=1)),
        *(_step(n, P) for n in range(5, 14)), _step(14, D, Cabang(ya=15, tidak=4)), _step(15, T)))


def _on_one_line(page) -> list[str]:
    """Vertical runs of two connectors on the same x that overlap (not merely meet at an end)."""
    runs = [(k, a[0], min(a[1], b[1]), max(a[1], b[1])) for k, c in enumerate(page.connectors)
            for a, b in zip(c.points, c.points[1:], strict=False) if abs(a[0] - b[0]) < 1e-6]
    out = []
    for i, (k, x, lo, hi) in enumerate(runs):
        for j, x2, lo2, hi2 in runs[i + 1:]:
            same_end = page.connectors[k].target == page.connectors[j].target and max(hi, hi2) == min(hi, hi2)
            if j != k and abs(x - x2) < 0.5 and min(hi, hi2) - max(lo, lo2) > 0.5 and not same_end:
                out.append(f"page {page.number}: connectors {k} and {j} share x={x:.1f} "
                           f"from {max(lo, lo2):.1f} to {min(hi, hi2):.1f}")
    return out


def test_offpage_connector_does_not_run_on_loop_backs() -> None:
    doc = layout_sop(loop_backs_under_offpage())
    assert len(doc.flow_pages) == 2
    assert [q for p in doc.flow_pages for q in _on_one_line(p)] == []
    assert [q for p in doc.flow_pages for q in clearance_problems(p)] == []
