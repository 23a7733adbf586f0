"""The DOCX watermark (``render/docx_watermark``): the word as turned outlines, the way the PDF
paints it — "DRAFT" in the bold face, a quarter of the page's shorter side high, 30° anticlockwise
about the page centre, baseline a third of the size below the centre, grey D9D9D9 — in a shape
Word and LibreOffice draw without honouring any rotation. How LibreOffice draws it is checked
from pixels in ``test_docx_identity_libreoffice.py``."""

from __future__ import annotations

import math

import pytest
from docx.oxml.ns import qn

from sopdoc.layout import PageProfile, layout_sop
from sopdoc.layout.geometry import Orientation
from sopdoc.layout.metrics import ensure_font, font_set
from sopdoc.render.docx import docx_bytes
from sopdoc.render.docx_watermark import watermark_outline
from tests.layout.builders import make_sop
from tests.render.docx_helpers import open_docx

F4_SHORT_SIDE = 215 / 25.4 * 72
"""F4 paper (215 × 330 mm): the watermark is a quarter of this high."""


def _header(data: bytes):
    return open_docx(data).sections[0].header._element


@pytest.mark.parametrize("family", ["sans", "serif"])
def test_outline_is_the_word_turned_30_degrees_about_the_centre(family: str) -> None:
    fonts = font_set(family)
    if not fonts.files:
        pytest.skip("no TrueType faces (Liberation) installed")
    from reportlab.pdfbase.pdfmetrics import stringWidth

    size = F4_SHORT_SIDE / 4
    outline = watermark_outline(fonts.bold, size)
    assert outline is not None
    ends = [pts[-1] for op, pts in outline.segments if op != "Z"]
    assert len([op for op, _ in outline.segments if op == "M"]) == 8  # D, R and A with their counters, F, T
    cx, cy = outline.width / 2, outline.height / 2
    cos, sin = math.cos(math.radians(30)), math.sin(math.radians(30))
    # back into the word's own frame: u along the baseline, v upwards
    along = [(x - cx) * cos - (y - cy) * sin for x, y in ends]
    up = [-(x - cx) * sin - (y - cy) * cos for x, y in ends]
    ensure_font(fonts.bold)
    advance = stringWidth("DRAFT", fonts.bold, size)
    assert 0.9 * advance <= max(along) - min(along) <= advance  # the ink inside the advance width
    assert abs((max(along) + min(along)) / 2) <= 0.03 * advance  # centred along the baseline
    assert min(up) == pytest.approx(-size / 3, abs=0.02 * size)  # flat feet on the baseline
    assert max(up) + size / 3 == pytest.approx(0.7 * size, abs=0.05 * size)  # capitals' height
    # the box is centred on the page centre: every point inside it
    assert all(0 <= x <= outline.width + 1e-6 and 0 <= y <= outline.height + 1e-6
               for _op, pts in outline.segments for x, y in pts)


def test_draft_header_holds_outlines_not_text() -> None:
    """What Word reads: one unrotated shape without a text body whose path draws the turned word,
    behind the text, centred on the page, in the PDF's grey; its VML twin as the fallback."""
    if not font_set("sans").files:
        pytest.skip("no TrueType faces (Liberation) installed")
    header = _header(docx_bytes(make_sop(4, 2, efektif=False)))
    xml = header.xml
    assert "DRAFT" not in "".join(t.text or "" for t in header.iter(qn("w:t")))
    assert "<wps:txbx>" not in xml and "<w:txbxContent>" not in xml
    xfrm = [el for el in header.iter(qn("a:xfrm"))]
    assert len(xfrm) == 1 and xfrm[0].get("rot") is None
    assert xml.count("<a:custGeom>") == 1 and xml.count("<a:cubicBezTo>") >= 10
    anchor = next(header.iter(qn("wp:anchor")))
    assert anchor.get("behindDoc") == "1"
    for axis in ("wp:positionH", "wp:positionV"):
        pos = anchor.find(qn(axis))
        assert pos.get("relativeFrom") == "page" and pos.findtext(qn("wp:align")) == "center"
    fill = next(header.iter(qn("a:solidFill"))).find(qn("a:srgbClr"))
    assert fill.get("val") == "D9D9D9"
    fallback = next(header.iter("{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"))
    shape = next(fallback.iter("{urn:schemas-microsoft-com:vml}shape"))
    assert shape.get("fillcolor") == "#d9d9d9" and shape.get("stroked") == "f"
    assert shape.get("path").startswith("m") and shape.get("path").endswith(" e")


def test_no_watermark_without_a_draft() -> None:
    header = _header(docx_bytes(make_sop(4, 2)))
    assert next(header.iter(qn("wp:anchor")), None) is None and "custGeom" not in header.xml


def test_one_shape_serves_portrait_and_landscape_pages() -> None:
    """The size comes from the shorter side, the same for both orientations of one paper; the
    shape is centred, so identity (landscape) and flowchart pages of an A4 portrait profile agree."""
    if not font_set("sans").files:
        pytest.skip("no TrueType faces (Liberation) installed")
    sop = make_sop(4, 2, efektif=False)
    layout = layout_sop(sop, PageProfile(kertas="a4", orientasi_identitas=Orientation.PORTRAIT))
    assert {p.orientation for p in layout.pages} == {Orientation.PORTRAIT, Orientation.LANDSCAPE}
    assert all(min(p.width, p.height) == pytest.approx(595.28, abs=0.5) for p in layout.pages)
    header = _header(docx_bytes(sop, profile=PageProfile(kertas="a4", orientasi_identitas=Orientation.PORTRAIT),
                                layout=layout))
    ext = next(header.iter(qn("wp:extent")))
    outline = watermark_outline(layout.font_bold, 595.28 / 4)  # A4: 210 mm
    assert outline is not None
    assert int(ext.get("cx")) / 12700 == pytest.approx(outline.width, rel=0.005)


@pytest.mark.parametrize("family", ["sans", "serif"])
def test_outlines_read_from_reportlabs_face_equal_fonttools(family: str) -> None:
    """The glyphs come from the face reportlab parsed for measuring (no fontTools import on the
    way to a DOCX); fontTools, the reference reader, draws exactly the same contours, and takes
    over for a composite glyph (an accented capital)."""
    from sopdoc.render import docx_watermark as wm

    fonts = font_set(family)
    if not fonts.files:
        pytest.skip("no TrueType faces (Liberation) installed")
    files = dict(fonts.files)
    for face in (fonts.regular, fonts.bold, fonts.italic):
        for text in ("DRAFT", "Konsep 2026 & @%", "abcdefghijklmnopqrstuvwxyz"):
            ours = wm._rl_segments(face, text)
            assert ours is not None, (face, text)
            assert ours == wm._ft_segments(files[face], text), (face, text)
    assert wm._rl_segments(fonts.bold, "DRÄFT") is None  # Ä is a composite glyph
    assert wm._glyph_segments(files[fonts.bold], fonts.bold, "DRÄFT") == wm._ft_segments(files[fonts.bold], "DRÄFT")
