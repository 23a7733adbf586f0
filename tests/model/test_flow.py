"""The one flow (sopdoc.model.flow): `sopdoc info`, the period plan, the checker and the layout agree.

Expected values are written out by hand from the rules in the module docstring of
``sopdoc.model.flow``; seed 002 has steps 1–9 (step 1 a terminator, 2–9 processes) and a
trailing unnumbered terminator row.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.pinned import StepTable, pin_steps
from sopdoc.execution.plan import plan_schedule
from sopdoc.execution.settings import CalendarSettings
from sopdoc.layout.flowchart import flow_edges
from sopdoc.model.flow import Flow, Node, flow_of
from sopdoc.model.sop import Cabang, Kegiatan, Simbol, Sop
from sopdoc.source.reader import load_sop
from sopdoc.validate.engine import check
from sopdoc.validate.info import format_info_text
from sopdoc.validate.timing import sop_to_figures
from tests.conftest import EXAMPLES
from tests.strategies import sops

CAL = WorkingCalendar(CalendarSettings())
START = dt.datetime(2026, 3, 2, 8, 0)
SEED_002 = EXAMPLES / "seed-002-dplh-balangan.sop.yaml"


def _seed_002() -> Sop:
    result = load_sop(SEED_002)
    assert result.sop is not None
    return result.sop


def _with_step(sop: Sop, no: int, **update: object) -> Sop:
    rows = tuple(k.model_copy(update=update) if k.no == no else k for k in sop.kegiatan)
    return sop.model_copy(update={"kegiatan": rows})


def _info_path(sop: Sop) -> list[int]:
    return list(sop_to_figures(sop).jalur)


def _planned(sop: Sop) -> list[int]:
    table = StepTable.from_json(pin_steps(sop).to_json())  # as a period instance stores it
    return [p.langkah for p in plan_schedule(table, CAL, START)]


def _codes(sop: Sop, code: str) -> list[tuple[object, ...]]:
    return [d.path for d in check(sop) if d.code == code]


def _with_unnumbered_rows(sop: Sop, where: list[int], simbol: Simbol | None) -> Sop:
    rows = list(sop.kegiatan)
    for pos in sorted(where, reverse=True):
        rows.insert(min(pos, len(rows)), Kegiatan(no=None, uraian="", pelaksana=(), simbol=simbol,
                                                  cabang=Cabang(ya=1, tidak=1) if simbol is Simbol.KEPUTUSAN else None))
    return sop.model_copy(update={"kegiatan": tuple(rows)})


@st.composite
def sops_with_unnumbered_rows(draw: st.DrawFn) -> Sop:
    sop = draw(sops(max_steps=12, absurd=draw(st.booleans())))
    where = draw(st.lists(st.integers(0, len(sop.kegiatan)), max_size=3))
    simbol = draw(st.sampled_from([None, Simbol.PROSES, Simbol.TERMINATOR, Simbol.KEPUTUSAN]))
    return _with_unnumbered_rows(sop, where, simbol)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(sops(), sops(absurd=True), sops_with_unnumbered_rows()))
def test_info_and_period_plan_agree(sop: Sop) -> None:
    path = _info_path(sop)
    assert path == _planned(sop)
    assert None not in path
    assert path == list(flow_of(sop.kegiatan).main_path())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(sops(absurd=True), sops_with_unnumbered_rows()))
def test_pinned_successors_are_the_flow_successors(sop: Sop) -> None:
    """By step number, the pinned table has the SOP's successors (rows without a number left out)."""
    flow = flow_of(sop.kegiatan)
    table = pin_steps(sop)

    def numbered_after(i: int, seen: frozenset[int] = frozenset()) -> set[int]:
        out: set[int] = set()
        for j in flow.successors(i):
            no = flow.nodes[j].no
            if no is not None:
                out.add(no)
            elif j not in seen:
                out |= numbered_after(j, seen | {j})
        return out

    for i, node in enumerate(flow.nodes):
        if node.no is not None and flow.index_of(node.no) == i:
            assert table.successors(node.no) == numbered_after(i)


def test_seed_002_info_and_plan_list_steps_1_to_9() -> None:
    sop = _seed_002()
    assert _info_path(sop) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert _planned(sop) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    text = format_info_text("seed-002", sop, sop_to_figures(sop))
    assert "  jalur utama (keputusan 'ya'): 1 → 2 → 3 → 4 → 5 → 6 → 7 → 8 → 9\n" in text


def test_mid_flow_terminator_ends_the_flow() -> None:
    sop = _with_step(_seed_002(), 5, simbol=Simbol.TERMINATOR)
    assert _info_path(sop) == [1, 2, 3, 4, 5]
    assert _planned(sop) == [1, 2, 3, 4, 5]
    assert pin_steps(sop).successors(5) == set()
    assert flow_of(sop.kegiatan).stuck() == {0, 1, 2, 3, 4}  # steps 1–5 cannot reach the end row
    # one root cause, one finding (issue #14): SOP309 at the terminator, steps 1–4 that cannot reach
    # the end and 6–9 + the end row that are cut off as its related places; no SOP312 cascade
    assert _codes(sop, "SOP312") == []
    (cut,) = [d for d in check(sop) if d.code == "SOP309" and d.path == ("kegiatan", 4, "simbol")]
    assert [r.path for r in cut.related] == [("kegiatan", i) for i in (0, 1, 2, 3, 5, 6, 7, 8, 9)]
    assert not [e for e in flow_edges(sop, [True] * len(sop.kegiatan)) if e.source == 4]


def test_first_terminator_opens_the_flow() -> None:
    sop = _seed_002()
    assert flow_of(sop.kegiatan).successors(0) == (1,)
    assert pin_steps(sop).successors(1) == {2}


def test_decision_without_ya_continues_with_the_next_step() -> None:
    sop = _with_step(_seed_002(), 5, simbol=Simbol.KEPUTUSAN, cabang=Cabang(ya=None, tidak=3))
    assert _info_path(sop) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert _planned(sop) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    table = pin_steps(sop)
    assert table.successors(5) == {3, 6}
    assert (table.branch_target(5, "ya"), table.branch_target(5, "tidak")) == (6, 3)
    assert _codes(sop, "SOP312") == []
    assert _codes(sop, "SOP310") == [("kegiatan", 4, "cabang")]
    drawn = {(e.target, e.kind) for e in flow_edges(sop, [True] * len(sop.kegiatan)) if e.source == 4}
    assert drawn == {(2, "tidak"), (5, "ya")}  # the fall-through is drawn as the labelled Ya exit


def test_dangling_target_continues_with_the_next_step() -> None:
    sop = _with_step(_seed_002(), 5, simbol=Simbol.KEPUTUSAN, cabang=Cabang(ya=42, tidak=3))
    assert _info_path(sop) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert _planned(sop) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert pin_steps(sop).branch_target(5, "ya") == 6


def test_cycle_without_exit_ends_the_main_path_at_the_repeat() -> None:
    sop = _with_step(_seed_002(), 5, simbol=Simbol.KEPUTUSAN, cabang=Cabang(ya=4, tidak=3))
    assert _info_path(sop) == [1, 2, 3, 4, 5]
    assert _planned(sop) == [1, 2, 3, 4, 5]
    flow = flow_of(sop.kegiatan)
    assert flow.stuck() == {0, 1, 2, 3, 4}
    assert flow.reachable(3) == {2, 3, 4}
    # one finding for the one root cause: the cycle 3–5 (steps 1–2 lead into it), whose missing
    # exit cuts off 6–9 + the end row
    findings = [d for d in check(sop) if d.code == "SOP312"]
    assert [d.path for d in findings] == [("kegiatan", 2)]
    assert [r.path for r in findings[0].related] == [("kegiatan", i) for i in (0, 1, 3, 4, 5, 6, 7, 8, 9)]


def test_rows_without_a_number_only_pass_on() -> None:
    sop = _with_unnumbered_rows(_seed_002(), [3, 6], Simbol.TERMINATOR)
    assert _info_path(sop) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert _planned(sop) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert flow_of(sop.kegiatan).successors(3) == (4,)


def test_a_number_names_its_first_row() -> None:
    flow = Flow([Node(1, terminator=True), Node(2, keputusan=True, ya=3, tidak=2), Node(3), Node(3), Node(4)])
    assert flow.index_of(3) == 2
    assert flow.successors(1) == (2, 1)
    assert flow.main_path() == (1, 2, 3, 3, 4)
    assert flow.stuck() == frozenset()
