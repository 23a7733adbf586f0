"""Flowchart pages keep room under the table for the 1 pt paragraph that ends each DOCX section.

Word and LibreOffice put a paragraph after every table; a table that ends exactly on the bottom
margin pushes it onto a page of its own, so the layout stops ``PAGE_END_RESERVE`` points short.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from sopdoc.layout import PageProfile, flowchart, layout_sop
from sopdoc.layout.geometry import LayoutDocument
from sopdoc.source.reader import load_sop
from tests.conftest import DATA, EXAMPLES
from tests.render.docx_helpers import exact_fill_case
from tests.strategies import long_text, sops

SOURCES = sorted(EXAMPLES.glob("*.sop.yaml")) + sorted((DATA / "layout").glob("*.sop.yaml"))


def room_below(doc: LayoutDocument, profile: PageProfile) -> float:
    """The least free height between a flowchart table and the bottom margin, over all pages."""
    mb = profile.margins_pt()[2]
    return min(p.height - mb - p.table.rows[-1].bottom for p in doc.flow_pages)


def test_reserve_is_at_least_one_point():
    assert flowchart.PAGE_END_RESERVE >= 1.0


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_examples_leave_room_below_the_table(path):
    sop = load_sop(path).sop
    assert sop is not None
    profile = PageProfile()
    assert room_below(layout_sop(sop, profile), profile) >= 1.0


def test_page_filled_to_the_margin_keeps_the_reserve(monkeypatch):
    sop, profile = exact_fill_case()
    doc = layout_sop(sop, profile)
    assert len(doc.flow_pages) >= 2
    assert room_below(doc, profile) >= 1.0
    # without the reserve this very SOP fills its first page to the margin: the test can fail
    monkeypatch.setattr(flowchart, "PAGE_END_RESERVE", 0.0)
    assert room_below(layout_sop(sop, profile), profile) < 1.0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sops(max_steps=40, max_actors=6, texts=long_text))
def test_generated_pages_leave_room_below_the_table(sop):
    profile = PageProfile(kertas="a4")
    assert room_below(layout_sop(sop, profile), profile) >= 1.0
