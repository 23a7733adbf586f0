"""Exit labels ("Ya"/"Tidak" or the step's own label_ya/label_tidak) stay inside actor columns.

A label over the NO, KEGIATAN, MUTU BAKU or KETERANGAN columns sits on the text Word and the PDF
print there; one over a symbol or a connector line hides it. Checked on every example and
fixture, under several profiles, and on generated SOPs (crowded ones included: a label may then
touch a line, never leave its actor columns or cover a symbol).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopdoc.layout import PageProfile, layout_sop
from sopdoc.layout.geometry import ColumnKind, LayoutDocument
from sopdoc.layout.shapes import rect_hits_symbol, segment_rect, segments_of
from sopdoc.model.sop import Cabang, Sop
from sopdoc.source.reader import load_sop
from tests.layout.builders import PROFILES, SOURCES, make_sop
from tests.strategies import long_text, sops

TOL = 0.05


def label_problems(doc: LayoutDocument) -> list[str]:
    """Every exit label that leaves the actor columns' step area, covers a symbol or (when the
    layout did not report crowding, SOP604) touches a connector line."""
    crowded = "SOP604" in {d.code for d in doc.warnings}
    out = []
    for page in doc.flow_pages:
        table = page.table
        assert table is not None
        actor_cols = [c for c in table.columns if c.kind is ColumnKind.PELAKSANA]
        body = [r for r in table.rows if not r.header]
        top, bottom = (body[0].y, body[-1].bottom) if body else (0.0, 0.0)
        for lb in page.labels:
            if lb.role != "exit":
                continue
            r = lb.rect
            name = f"page {page.number} label {lb.text.lines!r} at {r}"
            if not any(c.x - TOL <= r.x and r.right <= c.right + TOL for c in actor_cols):
                out.append(f"{name}: outside every actor column")
            if r.y < top - TOL or r.bottom > bottom + TOL:
                out.append(f"{name}: outside the step rows")
            if any(rect_hits_symbol(r, s) for s in page.symbols):
                out.append(f"{name}: on a symbol")
            if not crowded and any(segment_rect(a, b).intersects(r)
                                   for c in page.connectors for a, b in segments_of(c.points)):
                out.append(f"{name}: on a connector line")
            for other in page.labels:
                if other is not lb and other.role == "exit" and other.rect.intersects(r) and not crowded:
                    out.append(f"{name}: on another label")
    return out


@pytest.mark.parametrize("profile", list(PROFILES), ids=list(PROFILES))
@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_example_labels_stay_in_actor_columns(path, profile):
    result = load_sop(path)
    assert result.sop is not None
    doc = layout_sop(result.sop, PageProfile.resolve(PROFILES[profile]))
    assert label_problems(doc) == []


def test_narrow_actor_columns_keep_labels_inside():
    """Eight actors on A4 portrait: the columns are narrow, the labels must still fit inside."""
    sop = make_sop(16, 8, {4: Cabang(ya=5, tidak=2), 9: Cabang(ya=10, tidak=9), 13: Cabang(ya=14, tidak=3)})
    doc = layout_sop(sop, PageProfile.resolve({"kertas": "a4", "orientasi_alur": "potret"}))
    assert sum(lb.role == "exit" for p in doc.flow_pages for lb in p.labels) == 6
    assert label_problems(doc) == []


LABELS = st.sampled_from([None, "Ya", "Lengkap", "Tidak lengkap", "Disetujui oleh Kepala Dinas",
                          "Berkas tidak lengkap, kembalikan kepada pemohon untuk dilengkapi", "&<\"x\">"])


@st.composite
def labelled_sops(draw: st.DrawFn) -> Sop:
    """Generated SOPs whose decisions carry their own exit labels, short to absurdly long."""
    sop = draw(sops(max_steps=20, max_actors=8))
    steps = tuple(k.model_copy(update={"cabang": k.cabang.model_copy(update={
        "label_ya": draw(LABELS), "label_tidak": draw(LABELS)})}) if k.cabang else k for k in sop.kegiatan)
    return sop.model_copy(update={"kegiatan": steps})


def test_long_custom_labels_in_narrow_columns_stay_inside():
    """Labels wider than the column (label_ya/label_tidak) still never cover the text columns."""
    base = make_sop(12, 8, {4: Cabang(ya=5, tidak=2), 9: Cabang(ya=10, tidak=9)})
    long = "Berkas tidak lengkap, kembalikan kepada pemohon untuk dilengkapi"
    steps = tuple(k.model_copy(update={"cabang": k.cabang.model_copy(update={"label_ya": "Lengkap dan sah",
                                                                            "label_tidak": long})})
                  if k.cabang else k for k in base.kegiatan)
    sop = base.model_copy(update={"kegiatan": steps})
    for profile in ({"kertas": "a4", "orientasi_alur": "potret"}, {}):
        assert label_problems(layout_sop(sop, PageProfile.resolve(profile))) == []


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(labelled_sops(), st.sampled_from(list(PROFILES)))
def test_generated_custom_labels_stay_in_actor_columns(sop, profile):
    assert label_problems(layout_sop(sop, PageProfile.resolve(PROFILES[profile]))) == []


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sops(max_steps=30, max_actors=8, texts=long_text))
def test_generated_labels_stay_in_actor_columns(sop):
    assert label_problems(layout_sop(sop)) == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sops(max_steps=20, max_actors=10, absurd=True))
def test_absurd_labels_stay_in_actor_columns(sop):
    assert label_problems(layout_sop(sop, PageProfile(kertas="a4"))) == []
