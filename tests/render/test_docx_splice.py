"""The DOCX painter's pages go into the document part as the builders wrote them
(``_ooxml.Splicer``), not parsed: the part must be byte for byte what parsing each page's XML,
putting the element in the tree and serializing gave, whatever the text."""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from sopdoc.layout import PageProfile
from sopdoc.render import _ooxml as ox
from sopdoc.render.docx import docx_bytes
from sopdoc.resources import template_path
from tests.layout.builders import make_sop
from tests.render.test_docx_ooxml import AWKWARD, FONT
from tests.render.test_pdf_logo import _png
from tests.strategies import free_text, sops

W_URI = ox.NS["w"]


def _template_root() -> etree._Element:
    with zipfile.ZipFile(template_path("sop.docx")) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def _root(decls: str) -> etree._Element:
    return etree.fromstring(f"<w:document {decls}><w:body><w:p/></w:body></w:document>".encode())


def _builder_texts() -> list[str]:
    return [
        ox.s_p_start(align="center", line=9.0) + ox.s_r(AWKWARD + "-x\u00ady", FONT, 8.0, True, keep_hyphens=True)
        + ox.s_r("\x01\x02", FONT, 8.0) + ox.s_r("\x01-\x02", FONT, 8.0, keep_hyphens=True) + "</w:p>",
        "<w:p>" + ox.s_fld_runs("NUMPAGES", AWKWARD, FONT, 7.0) + ox.s_fld_runs("PAGE", "\x00", FONT, 7.0) + "</w:p>",
        ox.s_tbl_start(500.0, 3.0, 0.5, [100, 200]) + ox.s_tr_start(300, header=True)
        + ox.s_tc_start(100, shade="E6E6E6", margin_lr=(1.0, 2.0), bottom_to_top=True) + ox.s_p_start(keep_tiny=True)
        + ox.s_anchor_run(7, x=1.0, y=2.0, w=30.0, h=15.0, geometry="flowChartDecision", line_width=0.75,
                          fill="FFFFFF", text=AWKWARD + "\nline two", font=FONT, size=6.0, bold=True)
        + ox.s_anchor_run(8, x=0.0, y=1.0, w=0.0, h=12.0, geometry="straightConnector1", line_width=0.5, fill=None,
                          arrow=True, is_line=True)
        + "</w:p></w:tc></w:tr></w:tbl>",
        ox.s_sectPr(842.0, 595.0, (10, 20, 30, 40), landscape=True, header_distance=5, footer_distance=6,
                    references=[("header", "default", 'r"&<1')]),
    ]


def _both(root: etree._Element, texts: list[str]) -> tuple[bytes, bytes, bool]:
    """The part with ``texts`` appended to its body: parsed, and through a Splicer."""
    parsed = copy.deepcopy(root)
    for xml in texts:
        parsed.find(ox.qn("w:body")).append(ox.parse_fragment(xml))
    spliced = copy.deepcopy(root)
    body = spliced.find(ox.qn("w:body"))
    splicer = ox.Splicer(body)
    for xml in texts:
        body.append(splicer.element(xml))
    return etree.tostring(parsed, encoding="UTF-8", standalone=True), splicer.serialize(spliced), splicer.direct


@pytest.mark.parametrize("root, direct", [
    (_template_root(), True),  # the shipped template: every prefix but a declared on the root
    (_root(" ".join(f'xmlns:{k}="{v}"' for k, v in ox.NS.items() if k in ("w", "a", "mc"))), True),
    (_root(f'xmlns:w="{W_URI}" xmlns:ww="{W_URI}"'), False),  # one URI, two prefixes: lxml renames
    (_root(f'xmlns:w="{W_URI}" xmlns:a="urn:other"'), False),  # a bound to another URI
], ids=["template", "w-a-mc", "w-twice", "a-other"])
def test_splicer_writes_the_bytes_parsing_would(root, direct) -> None:
    parsed, spliced, was_direct = _both(root, _builder_texts())
    assert was_direct is direct
    assert spliced == parsed
    assert b"sopdoc-" not in spliced


def test_esc_text_is_what_lxml_writes_and_reads_like_esc() -> None:
    el = ox.parse_fragment(f"<w:t>{ox.esc_text(AWKWARD)}</w:t>")
    assert el.text == ox.parse_fragment(f"<w:t>{ox.esc(AWKWARD)}</w:t>").text
    assert etree.tostring(el, encoding="unicode").split(">", 1)[1] == ox.esc_text(AWKWARD) + "</w:t>"
    assert ox.esc_text('"\t\n') == '"\t\n'
    assert ox.esc_text("\r<&>") == "&#13;&lt;&amp;&gt;"


def test_splicer_refuses_a_lost_or_repeated_placeholder() -> None:
    root = _template_root()
    body = root.find(ox.qn("w:body"))
    splicer = ox.Splicer(body)
    first = splicer.element("<w:p/>")
    splicer.element("<w:p/>")
    body.append(first)
    with pytest.raises(ValueError):
        splicer.serialize(root)
    with pytest.raises(ValueError):
        splicer.element("not xml")


def _parsed_docx(**kwargs) -> bytes:
    """``docx_bytes`` with every page parsed into the tree (the painter before the Splicer)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ox.Splicer, "element", lambda self, xml: ox.parse_fragment(xml))
        return docx_bytes(**kwargs)


@pytest.mark.parametrize("case", ["plain", "draft", "logo"])
def test_painter_spliced_equals_parsed(case: str, tmp_path: Path) -> None:
    sop = make_sop(14, 5, efektif=case != "draft", uraian="Menyusun \"laporan\" & <data> ke-\tsatu\r\n")
    _png(tmp_path / "logo.png", 3, 5)
    profile = PageProfile(logo=str(tmp_path / "logo.png")) if case == "logo" else PageProfile()
    assert docx_bytes(sop=sop, profile=profile) == _parsed_docx(sop=sop, profile=profile)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sops(max_steps=10, max_actors=4, absurd=True, texts=free_text))
def test_any_sop_spliced_equals_parsed(sop) -> None:
    assert docx_bytes(sop=sop) == _parsed_docx(sop=sop)
