"""python-docx reads every DOCX back: texts in the right cells, one shape of the right preset in the
right actor cell, repeating header rows, exact row heights, sections, footer, watermark, source."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from sopdoc.importers.own.docx_source import sop_yaml_from_docx
from sopdoc.layout import layout_sop
from sopdoc.layout.geometry import BULLET, ColumnKind, Orientation, PageKind
from sopdoc.layout.profile import PageProfile
from sopdoc.render._ooxml import twips
from sopdoc.render.docx import docx_bytes, render_docx
from sopdoc.render.docx_flow import GEOMETRY
from sopdoc.source.writer import sop_to_yaml
from tests.render.docx_helpers import (
    all_text,
    cell_text,
    example_paths,
    grid_cells,
    load,
    long_sop,
    open_docx,
    shapes_in,
)

CASES = [pytest.param(p, id=p.name) for p in example_paths()]
SYMBOL_PRESETS = set(GEOMETRY.values())


def _check_flow_tables(sop, layout, doc) -> None:
    flow = [p for p in layout.pages if p.kind is PageKind.FLOWCHART]
    tables = doc.element.body.findall(qn("w:tbl"))
    flow_tables = tables[len(tables) - len(flow):]
    assert len(flow_tables) == len(flow)
    for page, tbl in zip(flow, flow_tables, strict=False):
        trs = tbl.findall(qn("w:tr"))
        assert len(trs) == len(page.table.rows)
        grid = [int(g.get(qn("w:w"))) for g in tbl.find(qn("w:tblGrid"))]
        assert sum(grid) == pytest.approx(twips(page.table.width), abs=1)
        for col, w in zip(page.table.columns, grid, strict=False):
            assert w == pytest.approx(col.width * 20, abs=1)
        for row, tr in zip(page.table.rows, trs, strict=False):
            pr = tr.find(qn("w:trPr"))
            height = pr.find(qn("w:trHeight"))
            assert height.get(qn("w:hRule")) == "exact"
            assert int(height.get(qn("w:val"))) == pytest.approx(row.height * 20, abs=1)
            assert (pr.find(qn("w:tblHeader")) is not None) == row.header
            assert pr.find(qn("w:cantSplit")) is not None
            cells = dict(grid_cells(tr))
            if row.step is None:
                continue
            step = sop.kegiatan[row.step]
            kinds = {c.index: c.kind for c in page.table.columns}
            col_of = {c.kind: c.index for c in page.table.columns}
            assert " ".join(step.uraian.split()) == cell_text(cells[col_of[ColumnKind.KEGIATAN]])
            if step.no is not None:
                assert cell_text(cells[col_of[ColumnKind.NO]]) == str(step.no)
            if step.mutu_baku.output:
                assert cell_text(cells[col_of[ColumnKind.OUTPUT]]) == " ".join(step.mutu_baku.output.split())
            if step.mutu_baku.kelengkapan:  # each item after its bullet (and a tab)
                assert cell_text(cells[col_of[ColumnKind.KELENGKAPAN]]) == " ".join(
                    BULLET + " ".join(k.split()) for k in step.mutu_baku.kelengkapan if k.split())
            syms = [s for s in page.symbols if s.row == row.index]
            for ci, tc in cells.items():
                found = [g for g, _ in shapes_in(tc) if g in SYMBOL_PRESETS]
                if kinds[ci] is not ColumnKind.PELAKSANA:  # exit labels may sit there, nothing else
                    assert {g for g, _ in shapes_in(tc)} <= {"rect"}
                    continue
                expected = [GEOMETRY[s.kind] for s in syms if s.col == ci]
                assert found == expected, (row.step, ci)


@pytest.mark.parametrize("path", CASES)
def test_examples_read_back(path: Path) -> None:
    sop = load(path)
    layout = layout_sop(sop)
    data = docx_bytes(sop, layout=layout)
    doc = open_docx(data)
    _check_flow_tables(sop, layout, doc)
    tables = doc.element.body.findall(qn("w:tbl"))
    if sop.lembar_kerja is not None:  # the worksheet table comes first
        sheet = all_text(tables.pop(0))
        assert "A. DATA KEGIATAN" in sheet and "C. IDENTIFIKASI LANGKAH" in sheet
    first = all_text(tables[0])
    assert (sop.identitas.nomor or "-") in first
    assert " ".join((sop.identitas.nama or "-").split()) in first


def test_every_step_has_exactly_one_symbol_in_its_actor_cell() -> None:
    sop = long_sop()
    layout = layout_sop(sop)
    doc = open_docx(docx_bytes(sop, layout=layout))
    _check_flow_tables(sop, layout, doc)
    counted = sum(1 for tc in doc.element.body.iter(qn("w:tc")) for g, _ in shapes_in(tc)
                  if g in SYMBOL_PRESETS and g != "flowChartOffpageConnector")
    assert counted == len(sop.kegiatan)
    offpage = sum(1 for tc in doc.element.body.iter(qn("w:tc")) for g, _ in shapes_in(tc)
                  if g == "flowChartOffpageConnector")
    assert offpage == sum(1 for p in layout.pages for s in p.symbols if s.kind.value == "offpage") >= 2


def test_drawings_are_wrapped_like_word_writes_them() -> None:
    doc = open_docx(docx_bytes(long_sop(8)))
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    drawings = list(doc.element.body.iter(qn("w:drawing")))
    assert drawings
    for d in drawings:
        choice = d.getparent()
        assert choice.tag == f"{{{mc}}}Choice" and choice.get("Requires") == "wps"
        anchor = d.find(qn("wp:anchor"))
        assert anchor.get("layoutInCell") == "1"
        assert anchor.find(qn("wp:positionH")).get("relativeFrom") == "column"
        assert anchor.find(qn("wp:positionV")).get("relativeFrom") == "paragraph"
    ids = [int(d.get("id")) for d in doc.element.body.iter(qn("wp:docPr"))]
    assert len(ids) == len(set(ids))


def test_sections_follow_the_layout_pages() -> None:
    profile = PageProfile(kertas="a4", orientasi_identitas=Orientation.PORTRAIT)
    sop = long_sop()
    layout = layout_sop(sop, profile)
    doc = open_docx(docx_bytes(sop, profile=profile, layout=layout))
    sects = list(doc.element.body.iter(qn("w:sectPr")))
    assert len(sects) == len(layout.pages)
    for page, sect in zip(layout.pages, sects, strict=False):
        size = sect.find(qn("w:pgSz"))
        assert int(size.get(qn("w:w"))) == twips(page.width)
        assert int(size.get(qn("w:h"))) == twips(page.height)
        assert (size.get(qn("w:orient")) == "landscape") == (page.orientation is Orientation.LANDSCAPE)
        mar = sect.find(qn("w:pgMar"))
        assert int(mar.get(qn("w:top"))) == twips(profile.margins_pt()[0])
    assert layout.pages[0].orientation is Orientation.PORTRAIT
    footer = doc.sections[0].footer._element
    instr = " ".join(t.text for t in footer.iter(qn("w:instrText")))
    assert "PAGE" in instr and "NUMPAGES" in instr
    text = "".join(t.text or "" for t in footer.iter(qn("w:t")))
    assert text.startswith("Halaman ") and " dari " in text


@pytest.mark.parametrize("effective, watermark", [(None, True), (datetime.date(2024, 2, 1), False)])
def test_draft_watermark_only_for_unsigned_sops(effective, watermark) -> None:
    sop = long_sop(4)
    sop = sop.model_copy(update={"identitas": sop.identitas.model_copy(update={"tanggal_efektif": effective})})
    doc = open_docx(docx_bytes(sop))
    header = doc.sections[0].header._element
    marks = [d.get("descr") for d in header.iter(qn("wp:docPr"))]  # the word is drawn as outlines, not text
    assert ("DRAFT" in marks) == watermark
    assert ("custGeom" in header.xml) == watermark


def test_special_characters_survive_autoescape() -> None:
    sop = load(Path(__file__).parents[1] / "data" / "docx" / "docx-teks-khusus-ampersand.sop.yaml")
    doc = open_docx(docx_bytes(sop))
    text = all_text(doc.element.body.find(qn("w:tbl")))
    assert 'Penerbitan Izin & Rekomendasi <Teknis> "Cepat"' in text
    assert "DINAS PU & PERUMAHAN <UJI>" in text
    assert "{{ bukan_jinja }} {% juga_bukan %}" in text
    assert "Ir. A & B, M.T." in text


@pytest.mark.parametrize("path", CASES)
def test_canonical_source_round_trips(path: Path, tmp_path: Path) -> None:
    sop = load(path)
    out = tmp_path / "x.docx"
    render_docx(sop, out)
    text = sop_yaml_from_docx(out)
    assert text == sop_to_yaml(sop)
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_long_sop_source_round_trips_through_the_model(tmp_path: Path) -> None:
    sop = long_sop()
    out = tmp_path / "long.docx"
    render_docx(sop, out)
    copy = tmp_path / "copy.sop.yaml"
    copy.write_text(sop_yaml_from_docx(out), encoding="utf-8")
    assert load(copy) == sop
