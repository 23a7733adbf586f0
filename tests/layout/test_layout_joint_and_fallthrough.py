"""Joint steps get one linked symbol per actor; a decision exit without a target falls through to
the next step, is drawn with its label and reported (issue #16 point 5)."""

from __future__ import annotations

from sopdoc.layout import layout_sop
from sopdoc.layout.geometry import SymbolKind
from sopdoc.model.sop import Cabang
from tests.layout.builders import make_sop
from tests.layout.invariants import check_layout


def test_joint_step_has_one_linked_symbol_per_actor() -> None:
    sop = make_sop(6, 4)
    steps = list(sop.kegiatan)
    steps[2] = steps[2].model_copy(update={"pelaksana": ("Pelaksana 3", "Pelaksana 1", "Pelaksana 4")})
    sop = sop.model_copy(update={"kegiatan": tuple(steps)})
    doc = layout_sop(sop)
    check_layout(sop, doc)
    page = doc.flow_pages[0]
    cols = page.table.columns
    mine = sorted((k for k, s in enumerate(page.symbols) if s.step == 2 and s.kind is not SymbolKind.OFFPAGE),
                  key=lambda k: page.symbols[k].rect.x)
    assert [cols[page.symbols[k].col].actor for k in mine] == ["Pelaksana 1", "Pelaksana 3", "Pelaksana 4"]
    links = [(c.source, c.target) for c in page.connectors if c.kind == "joint"]
    assert links == [(mine[0], mine[1]), (mine[1], mine[2])]
    # the flow enters and leaves through the first actor's symbol (Pelaksana 3)
    first = next(k for k in mine if cols[page.symbols[k].col].actor == "Pelaksana 3")
    flow = [c for c in page.connectors if c.kind != "joint"]
    assert any(c.target == first for c in flow) and any(c.source == first for c in flow)
    others = set(mine) - {first}
    assert not any(c.target in others or c.source in others for c in flow)


def test_decision_with_only_a_tidak_target_falls_through_labelled_and_reported() -> None:
    sop = make_sop(6, 3, {3: Cabang(tidak=2)})
    doc = layout_sop(sop)
    check_layout(sop, doc)
    page = doc.flow_pages[0]
    dec = next(k for k, s in enumerate(page.symbols) if s.step == 2)
    nxt = next(k for k, s in enumerate(page.symbols) if s.step == 3)
    back = next(k for k, s in enumerate(page.symbols) if s.step == 1)
    kinds = {(c.target, c.kind) for c in page.connectors if c.source == dec}
    assert kinds == {(nxt, "ya"), (back, "tidak")}
    exits = sorted(" ".join(lb.text.lines) for lb in page.labels if lb.role == "exit")
    assert exits == ["Tidak", "Ya"]
    assert [(d.code, d.path) for d in doc.warnings if d.code == "SOP609"] == [("SOP609", ("kegiatan", 2, "cabang"))]


def test_complete_decision_is_not_reported() -> None:
    doc = layout_sop(make_sop(6, 3, {3: Cabang(ya=4, tidak=2)}))
    assert "SOP609" not in {d.code for d in doc.warnings}
