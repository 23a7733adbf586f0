"""Kelengkapan items bulleted the same way in PDF, DOCX and SVG (issue #16, item 6): a bullet at
the cell's text edge on each item's first line, every text line of the cell starting at the
hanging indent."""

from __future__ import annotations

import io
import re
import zipfile

import pdfplumber
from lxml import etree

from sopdoc.layout import layout_sop
from sopdoc.layout.geometry import BULLET, ColumnKind
from sopdoc.render.docx import docx_bytes
from sopdoc.render.pdf import render_pdf
from sopdoc.render.svg import render_svg
from tests.layout.test_layout_bullets import ITEMS, _sop

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _kel_cell(doc):
    page = doc.flow_pages[0]
    row = next(r for r in page.table.rows if r.step == 1)
    return page, next(c for c in row.cells if page.table.columns[c.col].kind is ColumnKind.KELENGKAPAN)


def test_pdf_draws_a_bullet_per_item_and_hangs_the_lines():
    sop = _sop()
    doc = layout_sop(sop)
    page, cell = _kel_cell(doc)
    with pdfplumber.open(io.BytesIO(render_pdf(sop, doc, attach=False))) as pdf:
        pp = pdf.pages[page.number - 1]
        r = cell.rect
        inside = [c for c in pp.chars if r.x <= c["x0"] and c["x1"] <= r.right and r.y <= c["top"]
                  and c["bottom"] <= r.bottom]
    bullets = [c for c in inside if c["text"] == BULLET]
    assert len(bullets) == 3
    assert all(abs(c["x0"] - cell.text.x) < 0.5 for c in bullets)
    lines: dict[float, list] = {}
    for c in inside:
        if c["text"] != BULLET:
            lines.setdefault(round(c["top"], 1), []).append(c)
    starts = {round(min(c["x0"] for c in cs), 1) for cs in lines.values()}
    assert len(lines) == len(cell.text.lines) and len(starts) == 1  # every line at the hanging indent
    assert starts.pop() > max(c["x1"] for c in bullets)


def test_docx_kelengkapan_paragraphs_are_bullet_tab_item_with_a_hanging_indent():
    sop = _sop()
    with zipfile.ZipFile(io.BytesIO(docx_bytes(sop))) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(f"{W}p"):
        text = "".join(t.text or "" if t.tag == f"{W}t" else "\t" for t in p.iter(f"{W}t", f"{W}tab"))
        if text.startswith(f"{BULLET}\t"):
            paras.append((text, p.find(f"{W}pPr/{W}ind")))
    texts = [t for t, _ in paras]
    assert [f"{BULLET}\t{ITEMS[0]}", f"{BULLET}\t{ITEMS[1]}", f"{BULLET}\t{ITEMS[3]}"] == texts[1:4]  # step 2
    for _, ind in paras:
        assert ind is not None and ind.get(f"{W}left") == ind.get(f"{W}hanging") and int(ind.get(f"{W}left")) > 0


def test_svg_draws_the_bullets_at_the_text_edge():
    doc = layout_sop(_sop())
    _page, cell = _kel_cell(doc)
    svg = render_svg(doc, include_identity=False, embed_font=False)
    assert svg.count(f">{BULLET}</text>") == sum(len(c.text.bullets) for p in doc.flow_pages for c in p.cells
                                                   if c.text is not None)
    xs = [float(x) for x in re.findall(rf'<text x="([\d.]+)" y="[\d.]+" font-size="[\d.]+" [^>]*>{BULLET}</text>', svg)]
    assert any(abs(x - cell.text.x) < 0.01 for x in xs)
    texts = re.findall(r'<text x="([\d.]+)"[^>]*>([^<]*)</text>', svg)
    first = next(float(x) for x, t in texts if t == cell.text.lines[0])
    assert abs(first - (cell.text.x + cell.text.indents[0])) < 0.01
