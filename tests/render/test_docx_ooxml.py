"""The text builders of ``_ooxml`` write exactly the elements the lxml builders make, and exit
labels reach the DOCX inside actor cells, one paragraph per wrapped line."""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn
from lxml import etree

from sopdoc.layout import PageProfile, layout_sop
from sopdoc.layout.geometry import ColumnKind
from sopdoc.model.sop import Cabang
from sopdoc.render import _ooxml as ox
from sopdoc.render.docx import docx_bytes

from tests.layout.builders import make_sop
from tests.render.docx_helpers import grid_cells, open_docx


def _c14n(el) -> bytes:
    """Exclusive canonical form: only the namespaces an element uses, wherever they are declared."""
    return etree.tostring(el, method="c14n", exclusive=True)


@pytest.mark.parametrize("kwargs", [{}, {"grid_span": 2, "v_merge": "restart", "shade": "E6E6E6"},
                                    {"v_merge": "continue", "margin_lr": (3.0, 2.5), "v_align": "center"}])
def test_cell_text_matches_element(kwargs) -> None:
    tc = ox.parse_fragment(ox.s_tc_start(1234, **kwargs) + "</w:tc>")
    assert _c14n(tc) == _c14n(ox.w_tc(1234, **kwargs))


@pytest.mark.parametrize("text", ["Ya", "a & b <c> \"d\"", "Pra-syarat - x", "tab\there\x01"])
def test_run_text_matches_element(text) -> None:
    got = ox.parse_fragment(ox.s_r(text, "Arial", 8.0, True, keep_hyphens=True))
    clean = text.replace("\x01", "")
    want = ox.w_r(clean, "Arial", 8.0, True, keep_hyphens=True)
    assert _c14n(got) == _c14n(want)


def test_table_row_and_paragraph_text_match_elements() -> None:
    tbl = ox.parse_fragment(ox.s_tbl_start(500.0, 3.0, 0.5, [100, 200]) + ox.s_tr_start(300, header=True)
                            + ox.s_p_start(align="center", before=2.0, line=9.6) + "</w:p></w:tr></w:tbl>")
    want = ox.w_tbl(ox.w_tblPr(500.0, 3.0, 0.5), ox.w_tblGrid([100, 200]))
    tr = ox.w_tr(300, header=True)
    tr.append(ox.w_p(align="center", before=2.0, line=9.6))
    want.append(tr)
    assert _c14n(tbl) == _c14n(want)


def test_shape_text_matches_element_and_keeps_ids() -> None:
    style = dict(geometry="flowChartDecision", line_width=0.75, fill="FFFFFF", text="7654321", font="Arial",
                 size=6.0, bold=True, rotation=0.0)
    got = ox.parse_fragment(ox.s_anchor_run(42, x=10.0, y=20.5, w=30.0, h=15.25, **style))
    want = ox.mc_alternate_content(ox.wps_anchor(42, x=10.0, y=20.5, w=30.0, h=15.25, **style))
    assert _c14n(got) == _c14n(want)
    assert [t.text for t in got.iter(qn("w:t"))] == ["7654321"]  # a text equal to the id placeholder stays text


def test_wrapped_exit_label_is_one_paragraph_per_line_in_an_actor_cell() -> None:
    base = make_sop(8, 6, {4: Cabang(ya=5, tidak=2)})
    long = "Berkas tidak lengkap, kembalikan kepada pemohon untuk dilengkapi"
    steps = tuple(k.model_copy(update={"cabang": k.cabang.model_copy(update={"label_tidak": long})})
                  if k.cabang else k for k in base.kegiatan)
    sop = base.model_copy(update={"kegiatan": steps})
    profile = PageProfile.resolve({"kertas": "a4", "orientasi_alur": "potret"})
    layout = layout_sop(sop, profile)
    label = next(lb for p in layout.flow_pages for lb in p.labels if lb.role == "exit" and len(lb.text.lines) > 1)
    doc = open_docx(docx_bytes(sop, profile=profile, layout=layout))
    table = doc.tables[-1]._tbl
    kinds = [c.kind for c in layout.flow_pages[0].table.columns]
    found = []
    for tr in table.findall(qn("w:tr")):
        for col, tc in grid_cells(tr):
            for box in tc.iter(qn("w:txbxContent")):
                paras = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in box.findall(qn("w:p"))]
                if " ".join(paras) == " ".join(label.text.lines):
                    found.append((kinds[col], paras))
    assert found == [(ColumnKind.PELAKSANA, list(label.text.lines))]
