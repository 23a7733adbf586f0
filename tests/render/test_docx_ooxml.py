"""Each string builder of ``_ooxml`` writes well-formed XML whatever the text (markup characters,
quotes, C0 controls, non-Latin script) with the expected elements, attributes and values; exit
labels reach the DOCX inside actor cells, one paragraph per wrapped line."""

from __future__ import annotations

import ast
import base64
from pathlib import Path

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

AWKWARD = "a < b & c > \"d\" 'e' \x01\x0b\x1f\x00 tab\there\r\nÑandú 中文 عربي 🙂\ud800\ufffe end"
AWKWARD_READ = "a < b & c > \"d\" 'e'  tab\there\r\nÑandú 中文 عربي 🙂 end"
"""AWKWARD as an XML reader gets it back: XML-illegal characters dropped, everything else kept."""
FONT = 'Font "X" & <Y>'
W = qn("w:w")
VAL = qn("w:val")


def _one(el, tag: str):
    found = list(el.iter(qn(tag)))
    assert len(found) == 1, (tag, len(found))
    return found[0]


def test_esc_gives_well_formed_text_and_attribute_values() -> None:
    el = ox.parse_fragment(f'<w:t w:val="{ox.esc(AWKWARD)}">{ox.esc(AWKWARD)}</w:t>')
    assert el.text == AWKWARD_READ
    assert el.get(VAL) == AWKWARD_READ
    assert ox.esc(12) == "12"
    assert ox.esc("plain") == "plain"


def test_parse_fragment_refuses_what_is_not_one_builder_element() -> None:
    for bad in ("text", "", '<?xml version="1.0"?><w:p/>', '<!DOCTYPE w:p [<!ENTITY x "y">]><w:p>&x;</w:p>'):
        with pytest.raises(ValueError):
            ox.parse_fragment(bad)
    with pytest.raises(etree.XMLSyntaxError):  # entities are never defined, so never expanded
        ox.parse_fragment("<w:t>&xxe;</w:t>")
    assert ox.parse_fragment("<w:p/>").tag == qn("w:p")
    assert ox.parse_fragment("<w:p\n/>").tag == qn("w:p")


@pytest.mark.parametrize("keep_hyphens, texts, hyphens", [
    (True, ["a < b & c > \"d\" 'e'  tab\there\r\nÑandú 中文 عربي 🙂 end", "x", "y"], 2),
    (False, ["a < b & c > \"d\" 'e'  tab\there\r\nÑandú 中文 عربي 🙂 end-x-y"], 0),
])
def test_run_is_well_formed_with_awkward_text_font_and_hyphens(keep_hyphens, texts, hyphens) -> None:
    r = ox.parse_fragment(ox.s_r(AWKWARD + "-x-y", FONT, 8.0, True, keep_hyphens=keep_hyphens))
    assert r.tag == qn("w:r")
    assert [t.text for t in r.iter(qn("w:t"))] == texts
    assert all(t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve" for t in r.iter(qn("w:t")))
    assert len(list(r.iter(qn("w:noBreakHyphen")))) == hyphens
    fonts = _one(r, "w:rFonts")
    assert [fonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "cs", "eastAsia")] == [FONT] * 4
    assert _one(r, "w:sz").get(VAL) == "16" and _one(r, "w:szCs").get(VAL) == "16"
    assert _one(r, "w:b") is not None and _one(r, "w:bCs") is not None
    assert not list(r.iter(qn("w:color")))


def test_run_properties_plain_and_coloured() -> None:
    pr = ox.parse_fragment(ox.s_rPr("Arial", 7.25, False, "D9D9D9"))
    assert [c.tag for c in pr] == [qn(t) for t in ("w:rFonts", "w:sz", "w:szCs", "w:color")]
    assert pr[1].get(VAL) == "14" and pr[3].get(VAL) == "D9D9D9"


@pytest.mark.parametrize("kwargs, want", [
    ({}, {"w:gridSpan": None, "w:vMerge": None, "w:shd": None, "w:tcMar": None, "w:vAlign": "top"}),
    ({"grid_span": 2, "v_merge": "restart", "shade": "E6E6E6"},
     {"w:gridSpan": "2", "w:vMerge": "restart", "w:shd": "E6E6E6", "w:tcMar": None, "w:vAlign": "top"}),
    ({"v_merge": "continue", "margin_lr": (3.0, 2.5), "v_align": "center"},
     {"w:gridSpan": None, "w:vMerge": "", "w:shd": None, "w:tcMar": ("60", "50"), "w:vAlign": "center"}),
])
def test_cell_opening_holds_width_span_merge_fill_margins(kwargs, want) -> None:
    tc = ox.parse_fragment(ox.s_tc_start(1234, **kwargs) + "</w:tc>")
    pr = tc.find(qn("w:tcPr"))
    assert pr[0].tag == qn("w:tcW") and pr[0].get(W) == "1234" and pr[0].get(qn("w:type")) == "dxa"
    assert pr[-1].tag == qn("w:vAlign")
    got = {}
    for tag in want:
        el = pr.find(qn(tag))
        if el is None:
            got[tag] = None
        elif tag == "w:shd":
            got[tag] = el.get(qn("w:fill"))
        elif tag == "w:tcMar":
            got[tag] = (el.find(qn("w:left")).get(W), el.find(qn("w:right")).get(W))
        else:
            got[tag] = el.get(VAL, "")
    assert got == want


def test_table_row_and_paragraph_openings() -> None:
    tbl = ox.parse_fragment(ox.s_tbl_start(500.0, 3.0, 0.5, [100, 200]) + ox.s_tr_start(300, header=True)
                            + ox.s_p_start(align="center", before=2.0, line=9.6) + "</w:p></w:tr></w:tbl>")
    pr = tbl.find(qn("w:tblPr"))
    assert [c.tag for c in pr] == [qn(t) for t in ("w:tblW", "w:tblInd", "w:tblBorders", "w:tblLayout",
                                                   "w:tblCellMar", "w:tblLook")]
    assert pr[0].get(W) == "10000" and pr[1].get(W) == "0" and pr[3].get(qn("w:type")) == "fixed"
    assert [(b.tag.split("}")[1], b.get(qn("w:sz"))) for b in pr[2]] == [
        ("top", "4"), ("left", "4"), ("bottom", "4"), ("right", "4"), ("insideH", "4"), ("insideV", "4")]
    assert [(m.tag.split("}")[1], m.get(W)) for m in pr[4]] == [("top", "0"), ("left", "60"), ("bottom", "0"),
                                                                 ("right", "60")]
    assert [c.get(W) for c in tbl.find(qn("w:tblGrid"))] == ["100", "200"]
    tr = tbl.find(qn("w:tr"))
    height = _one(tr, "w:trHeight")
    assert (height.get(VAL), height.get(qn("w:hRule"))) == ("300", "exact")
    assert _one(tr, "w:cantSplit") is not None and _one(tr, "w:tblHeader") is not None
    spacing = _one(tr, "w:spacing")
    assert [spacing.get(qn(f"w:{k}")) for k in ("before", "after", "line", "lineRule")] == ["40", "0", "192", "exact"]
    assert _one(tr, "w:jc").get(VAL) == "center"
    assert not list(ox.parse_fragment(ox.s_tr_start(300) + "</w:tr>").iter(qn("w:tblHeader")))


def test_cell_margins_alone() -> None:
    mar = ox.parse_fragment(ox.s_tblCellMar(3.0, 1.0))
    assert [(m.tag.split("}")[1], m.get(W), m.get(qn("w:type"))) for m in mar] == [
        ("top", "20", "dxa"), ("left", "60", "dxa"), ("bottom", "20", "dxa"), ("right", "60", "dxa")]


def test_tiny_paragraph_carries_its_section_last() -> None:
    sect = ox.s_sectPr(595.0, 842.0, (10.0, 20.0, 30.0, 40.0), landscape=False, header_distance=5.0,
                       footer_distance=6.5, references=[("header", "default", "rId7"), ("footer", "default", 'r"&8')])
    p = ox.parse_fragment(ox.s_p_start(keep_tiny=True, sect_pr=sect) + "</w:p>")
    ppr = p.find(qn("w:pPr"))
    assert [c.tag for c in ppr] == [qn(t) for t in ("w:spacing", "w:jc", "w:rPr", "w:sectPr")]
    assert ppr[0].get(qn("w:line")) == "20" and ppr[0].get(qn("w:before")) == "0"
    assert ppr[2].find(qn("w:sz")).get(VAL) == "2"
    s = ppr[3]
    assert [(c.tag.split("}")[1], c.get(qn("w:type")), c.get(qn("r:id"))) for c in s[:2]] == [
        ("headerReference", "default", "rId7"), ("footerReference", "default", 'r"&8')]
    assert s.find(qn("w:type")).get(VAL) == "nextPage"
    size = s.find(qn("w:pgSz"))
    assert (size.get(W), size.get(qn("w:h")), size.get(qn("w:orient"))) == ("11900", "16840", None)
    mar = s.find(qn("w:pgMar"))
    assert [mar.get(qn(f"w:{k}")) for k in ("top", "right", "bottom", "left", "header", "footer", "gutter")] == [
        "200", "400", "600", "800", "100", "130", "0"]


def test_landscape_section_and_bad_reference_kind() -> None:
    s = ox.parse_fragment(ox.s_sectPr(842.0, 595.0, (0, 0, 0, 0), landscape=True, header_distance=0,
                                      footer_distance=0))
    assert s.find(qn("w:pgSz")).get(qn("w:orient")) == "landscape"
    assert s.find(qn("w:headerReference")) is None
    with pytest.raises(ValueError):
        ox.s_sectPr(842.0, 595.0, (0, 0, 0, 0), landscape=True, header_distance=0, footer_distance=0,
                    references=[("even", "default", "rId1")])


def test_field_runs_begin_instruction_separate_result_end() -> None:
    p = ox.parse_fragment("<w:p>" + ox.s_fld_runs("NUMPAGES", AWKWARD, "Arial", 7.0) + "</w:p>")
    runs = p.findall(qn("w:r"))
    assert len(runs) == 5
    assert [r.find(qn("w:fldChar")).get(qn("w:fldCharType")) for r in (runs[0], runs[2], runs[4])] == [
        "begin", "separate", "end"]
    instr = runs[1].find(qn("w:instrText"))
    assert instr.text == " NUMPAGES " and instr.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    assert runs[3].find(qn("w:t")).text == AWKWARD_READ
    assert all(r.find(qn("w:rPr")).find(qn("w:sz")).get(VAL) == "14" for r in runs)


A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def test_shape_holds_id_position_size_and_awkward_text() -> None:
    style = dict(geometry="flowChartDecision", line_width=0.75, fill="FFFFFF", font=FONT, size=6.0, bold=True,
                 rotation=0.0)
    text = "7654321\n" + AWKWARD.replace("\n", "") + "\n\x00id\x00 \x00x\x00"  # one paragraph per line
    got = ox.parse_fragment(ox.s_anchor_run(42, x=10.0, y=20.5, w=30.0, h=15.25, text=text, **style))
    assert got.tag == qn("w:r")
    ac = got[0]
    assert ac.tag == ox.qn("mc:AlternateContent") and [c.tag for c in ac] == [ox.qn("mc:Choice"), ox.qn("mc:Fallback")]
    assert ac[0].get("Requires") == "wps"
    anchor = got.find(f".//{WP}anchor")
    assert anchor.get("relativeHeight") == str(251659264 + 42) and anchor.get("behindDoc") == "0"
    assert anchor.get("layoutInCell") == "1"
    assert [e.text for e in anchor.iter(f"{WP}posOffset")] == ["127000", "260350"]
    extent = anchor.find(f"{WP}extent")
    assert (extent.get("cx"), extent.get("cy")) == ("381000", "193675")
    ext = anchor.find(f".//{A}xfrm/{A}ext")
    assert (ext.get("cx"), ext.get("cy")) == ("381000", "193675")
    doc_pr = anchor.find(f"{WP}docPr")
    assert (doc_pr.get("id"), doc_pr.get("name")) == ("42", "Simbol 42")
    assert anchor.find(f".//{A}prstGeom").get("prst") == "flowChartDecision"
    assert anchor.find(f".//{A}ln").get("w") == "9525"
    assert anchor.find(f".//{A}ln/{A}tailEnd") is None
    paras = list(anchor.iter(qn("w:p")))
    # a text equal to the id, or holding a slot marker, stays text
    assert ["".join(t.text for t in p.iter(qn("w:t"))) for p in paras] == [
        "7654321", AWKWARD_READ.replace("\n", ""), "id x"]
    assert {r.find(qn("w:rFonts")).get(qn("w:ascii")) for r in anchor.iter(qn("w:rPr"))} == {FONT}


def test_connector_and_watermark_shapes() -> None:
    line = ox.parse_fragment(ox.s_anchor_run(7, x=0.0, y=1.0, w=0.0, h=12.0, geometry="straightConnector1",
                                             line_width=0.5, fill=None, arrow=True, flip_h=True, flip_v=True,
                                             is_line=True))
    assert line.find(f".//{WP}docPr").get("name") == "Konektor 7"
    xfrm = line.find(f".//{A}xfrm")
    assert (xfrm.get("flipH"), xfrm.get("flipV"), xfrm.get("rot")) == ("1", "1", None)
    assert line.find(f".//{A}ln/{A}tailEnd").get("type") == "triangle"
    assert line.find(".//" + ox.qn("wps:cNvCnPr")) is not None and line.find(".//" + ox.qn("wps:txbx")) is None
    mark = ox.parse_fragment(ox.s_anchor_run(900, x=0, y=0, w=100.0, h=40.0, geometry="rect", line_width=None,
                                             fill=None, text="DRAFT", font="Arial", size=50.0, bold=True,
                                             text_color="D9D9D9", rotation=-30.0, rel_h="page", rel_v="page",
                                             behind=True, in_cell=False, centred=True))
    anchor = mark.find(f".//{WP}anchor")
    assert (anchor.get("behindDoc"), anchor.get("layoutInCell")) == ("1", "0")
    assert [e.text for e in anchor.iter(f"{WP}align")] == ["center", "center"]
    assert not list(anchor.iter(f"{WP}posOffset"))
    assert anchor.find(f"{WP}positionH").get("relativeFrom") == "page"
    assert anchor.find(f".//{A}xfrm").get("rot") == "19800000"
    assert anchor.find(".//" + ox.qn("wps:cNvSpPr")).get("txBox") == "1"
    assert _one(anchor, "w:color").get(VAL) == "D9D9D9"


def test_custom_xml_item_and_props_carry_any_legal_text() -> None:
    text = 'judul: "<Izin & Usaha>"\n\tcatatan: \'x\' Ñ 中文\n'
    root = etree.fromstring(ox.custom_xml_item(text))
    assert root.tag == "{urn:sopdoc:source:1}source"
    assert (root.get("version"), root.get("encoding"), root.text) == ("1", "text", text)
    props = etree.fromstring(ox.custom_xml_props("{ABC-1}"))
    ds = "{http://schemas.openxmlformats.org/officeDocument/2006/customXml}"
    assert props.tag == f"{ds}datastoreItem" and props.get(f"{ds}itemID") == "{ABC-1}"
    assert props.find(f"{ds}schemaRefs/{ds}schemaRef").get(f"{ds}uri") == "urn:sopdoc:source:1"


@pytest.mark.parametrize("text, encoding", [("a: b\n", "text"), ("a: \x01\n", "base64"), ("a: b\r\n", "base64"),
                                            ("a: \ufffe\n", "base64"), ("a: 中文 \u00a0\n", "text")])
def test_source_text_is_base64_only_when_xml_cannot_carry_it(text, encoding) -> None:
    got, enc = ox.source_text(text)
    assert enc == encoding
    assert (base64.b64decode(got).decode("utf-8") if enc == "base64" else got) == text


def test_docx_writers_use_no_regular_expressions() -> None:
    root = Path(ox.__file__).parent
    for name in ("_ooxml.py", "docx.py", "docx_flow.py", "docx_sheet.py"):
        tree = ast.parse((root / name).read_text(encoding="utf-8"))
        imported = {a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))
                    for a in n.names} | {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert "re" not in imported and "regex" not in imported, name


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
