"""Layout invariants on every example, on fixtures, and on generated SOPs."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from sopdoc.layout import PageProfile, layout_sop
from sopdoc.layout.geometry import SymbolKind
from sopdoc.model.sop import Cabang
from sopdoc.source.reader import load_sop
from tests.conftest import DATA, EXAMPLES
from tests.layout.builders import make_sop
from tests.layout.invariants import check_layout
from tests.strategies import long_text, sops

SOURCES = sorted(EXAMPLES.glob("*.sop.yaml")) + sorted((DATA / "layout").glob("*.sop.yaml"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
@pytest.mark.parametrize("paper", ["f4", "a4"])
def test_examples_keep_invariants(path, paper):
    result = load_sop(path)
    assert result.sop is not None
    check_layout(result.sop, layout_sop(result.sop, PageProfile(kertas=paper)))


def test_thirty_steps_span_pages_with_offpage_pairs():
    sop = make_sop(30, 8, {12: Cabang(ya=13, tidak=3), 25: Cabang(ya=26, tidak=25)})
    doc = layout_sop(sop)
    check_layout(sop, doc)
    flow = doc.flow_pages
    assert len(flow) >= 3
    for a, b in itertools.pairwise(flow):
        out = {s.label for s in a.symbols if s.kind is SymbolKind.OFFPAGE and s.outgoing}
        inc = {s.label for s in b.symbols if s.kind is SymbolKind.OFFPAGE and not s.outgoing}
        assert out & inc, "each break closes with a pentagon and the next page opens with its twin"
    # the loop back from step 12 to step 3 crosses a page: it gets its own label
    labels = [s.label for p in flow for s in p.symbols if s.kind is SymbolKind.OFFPAGE]
    assert len(set(labels)) * 2 == len(labels)


def test_decision_exits_are_labelled_and_loop_back_uses_its_own_lane():
    """The loop-back runs in a lane of its own inside the actor columns (issue #16: not 2 pt from a
    column line any more): at least 6 pt from every column border, beside every symbol it passes."""
    sop = make_sop(8, 3, {5: Cabang(ya=6, tidak=2)})
    doc = layout_sop(sop)
    check_layout(sop, doc)
    page = doc.flow_pages[0]
    exits = sorted(lb.text.lines[0] for lb in page.labels if lb.role == "exit")
    assert exits == ["Tidak", "Ya"]
    loop = next(c for c in page.connectors if c.kind == "tidak")
    lane_x = loop.points[1][0]
    actors = [c for c in page.table.columns if c.actor is not None]
    assert actors[0].x < lane_x < actors[-1].right
    assert all(abs(lane_x - x) >= 6.0 for c in page.table.columns for x in (c.x, c.right))
    top, bottom = sorted((loop.points[1][1], loop.points[2][1]))
    passed = [s for s in page.symbols if s.rect.bottom > top and s.rect.y < bottom]
    assert all(not s.rect.x <= lane_x <= s.rect.right for s in passed)


def test_decision_pointing_to_itself():
    sop = make_sop(5, 2, {3: Cabang(ya=4, tidak=3)})
    doc = layout_sop(sop)
    check_layout(sop, doc)
    self_loop = [c for p in doc.flow_pages for c in p.connectors if c.source == c.target]
    assert len(self_loop) == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(sops(max_steps=60, max_actors=10, texts=long_text))
def test_generated_sops_keep_invariants(sop):
    check_layout(sop, layout_sop(sop))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(sops(max_steps=25, max_actors=10, absurd=True))
def test_absurd_sops_never_raise(sop):
    check_layout(sop, layout_sop(sop, PageProfile(kertas="a4")))


@pytest.mark.parametrize("profile", [
    {"kertas": "a4", "orientasi_identitas": "potret", "orientasi_alur": "potret"},
    {"font": "serif", "ukuran_font": 9, "margin_mm": [20, 10, 20, 25]},
    {"kertas": "a4", "ukuran_font": 6, "maks_pelaksana": 3},
], ids=["a4-potret", "serif-9pt", "a4-6pt"])
def test_profiles_keep_invariants(profile):
    sop = make_sop(24, 6, {9: Cabang(ya=10, tidak=4), 20: Cabang(ya=21, tidak=20)})
    doc = layout_sop(sop, PageProfile.resolve(profile))
    check_layout(sop, doc)
    assert ("SOP603" in {d.code for d in doc.warnings}) == (profile.get("maks_pelaksana", 8) < 6)
