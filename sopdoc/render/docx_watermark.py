"""The DRAFT watermark of the DOCX: the PDF's word, angle, size and grey, drawn as outlines.

The PDF (``render/pdf.py``) writes "DRAFT" in the layout's bold face, ``min(width, height) / 4``
points high, light grey (RGB 0.85), turned 30° anticlockwise about the page centre, its baseline
a third of the size below the centre. A Word text box turned by ``a:xfrm rot`` shows that in Word,
but LibreOffice 7.4 draws the text upright; VML WordArt comes out stretched at another angle.

So the word is not text here: each glyph's outline is read from the same TrueType file the PDF
embeds (from the face reportlab already parsed for measuring — its ``glyf`` data; fontTools only
for a composite glyph, since importing it costs more than the whole DOCX), placed and **turned in
its coordinates** (nothing relies on a program honouring a shape rotation), and written as the
``a:custGeom`` path of one unrotated, unstroked DrawingML shape (no text body) anchored behind the
text in the header, centred on the page, so one shape serves portrait and landscape sections
alike. Quadratic TrueType segments are written as the equivalent cubic Béziers. The same path in
VML (``v:shape path``) is the ``mc:Fallback`` for readers without DrawingML shapes. Without a
TrueType file (reportlab's built-in faces) the word falls back to a rotated text box, which Word
still draws turned.
"""

from __future__ import annotations

import functools
import math
import struct
from dataclasses import dataclass

from sopdoc.layout.geometry import LayoutDocument
from sopdoc.layout.metrics import ensure_font, font_set
from sopdoc.render import _ooxml as ox
from sopdoc.render.svg_fonts import family_of

__all__ = ["WATERMARK_ANGLE", "WATERMARK_GREY", "WATERMARK_TEXT", "Outline", "watermark_outline", "watermark_run"]

WATERMARK_TEXT = "DRAFT"
WATERMARK_GREY = "D9D9D9"
"""The PDF's fill (RGB 0.85), solid: behind the text it reads the same on white in every program."""
WATERMARK_ANGLE = 30.0
"""Degrees anticlockwise, as the PDF turns it."""
SHAPE_ID = 900

Point = tuple[float, float]
Segment = tuple[str, tuple[Point, ...]]
"""``("M", (p,))`` move, ``("L", (p,))`` line, ``("C", (c1, c2, p))`` cubic, ``("Z", ())`` close."""


@dataclass(frozen=True)
class Outline:
    """The watermark's path in points, relative to the top-left corner of a ``width`` × ``height``
    box whose centre is the page centre (y down)."""

    segments: tuple[Segment, ...]
    width: float
    height: float


def watermark_size(page_width: float, page_height: float) -> float:
    """The word's font size on a page, as the PDF paints it."""
    return min(page_width, page_height) / 4


def watermark_run(layout: LayoutDocument, font: str) -> str:
    """The header run holding the watermark of ``layout`` (empty when it is not a draft).

    ``font`` is the Word font of the text-box fallback used when no TrueType file is at hand."""
    if not layout.draft:
        return ""
    # one header serves every section: the pages of one profile share their shorter side
    size = min((watermark_size(p.width, p.height) for p in layout.pages), default=100.0)
    outline = watermark_outline(layout.font_bold, size)
    if outline is None:
        return _text_box_run(size, font)
    return _outline_run(outline)


@functools.lru_cache(maxsize=8)
def watermark_outline(face_name: str, size: float) -> Outline | None:
    """The turned outlines of the word in the bold face ``face_name`` at ``size`` points (None
    when the layout measured with a built-in face, which has no outlines to read)."""
    fonts = font_set(family_of(face_name))
    files = dict(fonts.files)
    face = face_name if face_name in files else fonts.bold
    path = files.get(face)
    if path is None:
        return None
    glyphs, advance, upm = _glyph_segments(path, face, WATERMARK_TEXT)
    scale = size / upm
    width = advance * scale
    baseline = -size / 3  # drawCentredString(0, -min(w, h) / 12): a third of the size below the centre
    cos, sin = math.cos(math.radians(WATERMARK_ANGLE)), math.sin(math.radians(WATERMARK_ANGLE))

    def turn(p: Point) -> Point:
        # text frame (font units, y up) → offset from the page centre in points, y down
        u, v = p[0] * scale - width / 2, p[1] * scale + baseline
        return u * cos - v * sin, -(u * sin + v * cos)

    turned = [(op, tuple(turn(p) for p in pts)) for op, pts in glyphs]
    points = [p for _op, pts in turned for p in pts]
    half_w = max(abs(x) for x, _ in points)
    half_h = max(abs(y) for _, y in points)
    shifted = tuple((op, tuple((x + half_w, y + half_h) for x, y in pts)) for op, pts in turned)
    return Outline(shifted, 2 * half_w, 2 * half_h)


def _glyph_segments(path: str, face_name: str, text: str) -> tuple[tuple[Segment, ...], int, int]:
    """The outlines of ``text`` in font units (pen advancing by each glyph's width, no kerning:
    reportlab's ``stringWidth`` does the same), the total advance and the units per em: read from
    the face reportlab has already parsed for measuring (importing fontTools would cost more than
    the whole DOCX), through fontTools when a glyph is composite."""
    return _rl_segments(face_name, text) or _ft_segments(path, text)


def _quad_contour(points: list[tuple[float, float, bool]]) -> list[Segment]:
    """One closed TrueType contour ((x, y, on curve) points) as lines and cubic Béziers (each
    quadratic raised exactly; two off-curve points in a row imply the on-curve point between)."""
    n = len(points)
    if n == 0:
        return []
    first = next((i for i, p in enumerate(points) if p[2]), None)
    if first is None:  # all off-curve: start midway between the last and the first
        (x0, y0, _), (x1, y1, _) = points[-1], points[0]
        start: Point = ((x0 + x1) / 2, (y0 + y1) / 2)
        ring = points
    else:
        start = points[first][:2]
        ring = points[first + 1:] + points[:first + 1]
    out: list[Segment] = [("M", (start,))]
    current, control = start, None
    for x, y, on in ring:
        if on:
            if control is None:
                out.append(("L", ((x, y),)))
            else:
                out.append(_cubic(current, control, (x, y)))
            current, control = (x, y), None
        elif control is None:
            control = (x, y)
        else:
            mid = ((control[0] + x) / 2, (control[1] + y) / 2)
            out.append(_cubic(current, control, mid))
            current, control = mid, (x, y)
    if control is not None:
        out.append(_cubic(current, control, start))
    if out[-1] == ("L", (start,)):
        out.pop()  # the close draws that line
    out.append(("Z", ()))
    return out


def _cubic(p0: Point, p1: Point, p2: Point) -> Segment:
    """The cubic Bézier equal to the quadratic ``p0 p1 p2``."""
    c1 = (p0[0] + 2 / 3 * (p1[0] - p0[0]), p0[1] + 2 / 3 * (p1[1] - p0[1]))
    c2 = (p2[0] + 2 / 3 * (p1[0] - p2[0]), p2[1] + 2 / 3 * (p1[1] - p2[1]))
    return ("C", (c1, c2, p2))


def _rl_segments(face_name: str, text: str) -> tuple[tuple[Segment, ...], int, int] | None:
    """:func:`_glyph_segments` from reportlab's parsed face (its file data, ``loca`` positions,
    cmap and metrics): simple ``glyf`` glyphs only; None for anything else."""
    from reportlab.pdfbase import pdfmetrics

    ensure_font(face_name)
    try:
        face = pdfmetrics.getFont(face_name).face
        data: bytes = face._ttf_data
        glyf = face.table["glyf"]["offset"]
        loca, cmap, metrics, upm = face.glyphPos, face.charToGlyph, face.hmetrics, face.unitsPerEm
    except (AttributeError, KeyError):  # a built-in Type 1 face, or a face without glyf
        return None
    segments: list[Segment] = []
    pen_x = 0
    for ch in text:
        gid = cmap.get(ord(ch), 0)
        try:
            contours = _simple_glyph(data, glyf + loca[gid], glyf + loca[gid + 1])
        except (IndexError, struct.error):  # a damaged glyph: fontTools says what is wrong with it
            return None
        if contours is None:
            return None
        for contour in contours:
            segments.extend(_quad_contour([(x + pen_x, y, on) for x, y, on in contour]))
        pen_x += metrics[gid][0]
    return tuple(segments), pen_x, upm


def _simple_glyph(data: bytes, start: int, end: int) -> list[list[tuple[float, float, bool]]] | None:
    """The contours of the simple ``glyf`` glyph in ``data[start:end]`` (OpenType spec, 'glyf'
    table); None for a composite glyph."""
    if end <= start:
        return []  # no outline (a space)
    (count,) = struct.unpack_from(">h", data, start)
    if count < 0:
        return None
    ends = struct.unpack_from(f">{count}H", data, start + 10)
    pos = start + 10 + 2 * count
    (instructions,) = struct.unpack_from(">H", data, pos)
    pos += 2 + instructions
    total = ends[-1] + 1 if ends else 0
    flags: list[int] = []
    while len(flags) < total:
        flag = data[pos]
        pos += 1
        repeat = 0
        if flag & 0x08:
            repeat = data[pos]
            pos += 1
        flags.extend([flag] * (repeat + 1))
    coords: list[list[int]] = []
    for short, same in ((0x02, 0x10), (0x04, 0x20)):
        value, values = 0, []
        for flag in flags[:total]:
            if flag & short:
                value += data[pos] if flag & same else -data[pos]
                pos += 1
            elif not flag & same:
                value += struct.unpack_from(">h", data, pos)[0]
                pos += 2
            values.append(value)
        coords.append(values)
    points = [(float(x), float(y), bool(f & 0x01)) for x, y, f in zip(coords[0], coords[1], flags, strict=False)]
    out, first = [], 0
    for last in ends:
        out.append(points[first:last + 1])
        first = last + 1
    return out


@functools.lru_cache(maxsize=4)
def _ft_segments(path: str, text: str) -> tuple[tuple[Segment, ...], int, int]:
    """:func:`_glyph_segments` through fontTools (any glyph, composite ones too)."""
    from fontTools.pens.basePen import BasePen
    from fontTools.ttLib import TTFont

    segments: list[Segment] = []

    class _Pen(BasePen):
        def __init__(self, glyphs: object, dx: float) -> None:
            super().__init__(glyphs)
            self.dx = dx

        def _p(self, p: Point) -> Point:
            return p[0] + self.dx, p[1]

        def _moveTo(self, p: Point) -> None:
            segments.append(("M", (self._p(p),)))

        def _lineTo(self, p: Point) -> None:
            segments.append(("L", (self._p(p),)))

        def _curveToOne(self, p1: Point, p2: Point, p3: Point) -> None:
            segments.append(("C", (self._p(p1), self._p(p2), self._p(p3))))

        def _qCurveToOne(self, p1: Point, p2: Point) -> None:
            segments.append(_cubic(self._p(self._getCurrentPoint()), self._p(p1), self._p(p2)))

        def _closePath(self) -> None:
            segments.append(("Z", ()))

        def _endPath(self) -> None:
            segments.append(("Z", ()))

    with TTFont(path, lazy=True) as font:
        cmap = font.getBestCmap()
        glyph_set = font.getGlyphSet()
        upm = font["head"].unitsPerEm
        pen_x = 0
        for ch in text:
            name = cmap.get(ord(ch), ".notdef")
            glyph_set[name].draw(_Pen(glyph_set, pen_x))
            pen_x += font["hmtx"][name][0]
    return tuple(segments), pen_x, upm


def _emu_points(pts: tuple[Point, ...]) -> str:
    return "".join(f'<a:pt x="{ox.emu(x)}" y="{ox.emu(y)}"/>' for x, y in pts)


_DML = {"M": "moveTo", "L": "lnTo", "C": "cubicBezTo"}


def _custgeom_path(outline: Outline) -> str:
    """The ``a:path`` of the outline, in EMU (the path's own box is the shape's extent)."""
    parts = []
    for op, pts in outline.segments:
        parts.append("<a:close/>" if op == "Z" else f"<a:{_DML[op]}>{_emu_points(pts)}</a:{_DML[op]}>")
    return (f'<a:path w="{ox.emu(outline.width)}" h="{ox.emu(outline.height)}" stroke="0">'
            f'{"".join(parts)}</a:path>')


VML_UNITS = 100
"""VML path coordinates per point (integers only in a VML path)."""


def _vml_path(outline: Outline) -> str:
    """The same outline as a VML path (``m``/``l``/``c``/``x``, ``e`` at the end)."""

    def n(pts: tuple[Point, ...]) -> str:
        return ",".join(f"{round(x * VML_UNITS)},{round(y * VML_UNITS)}" for x, y in pts)

    out = []
    for op, pts in outline.segments:
        out.append("x" if op == "Z" else {"M": "m", "L": "l", "C": "c"}[op] + n(pts))
    return " ".join(out) + " e"


def _outline_run(outline: Outline) -> str:
    """The run: an unrotated, unstroked ``a:custGeom`` shape centred on the page behind the text,
    with its VML twin as the fallback."""
    w, h = ox.emu(outline.width), ox.emu(outline.height)
    drawing = (
        f'<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{251659264 + SHAPE_ID}" behindDoc="1" locked="1" layoutInCell="0" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="page"><wp:align>center</wp:align></wp:positionH>'
        '<wp:positionV relativeFrom="page"><wp:align>center</wp:align></wp:positionV>'
        f'<wp:extent cx="{w}" cy="{h}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{SHAPE_ID}" name="Tanda air {SHAPE_ID}" descr="{WATERMARK_TEXT}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{ox.NS["wps"]}"><wps:wsp><wps:cNvSpPr/>'
        f'<wps:spPr bwMode="auto"><a:xfrm><a:off x="0" y="0"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
        '<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/>'
        f'<a:pathLst>{_custgeom_path(outline)}</a:pathLst></a:custGeom>'
        f'<a:solidFill><a:srgbClr val="{WATERMARK_GREY}"/></a:solidFill><a:ln><a:noFill/></a:ln></wps:spPr>'
        '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
    )
    cw, ch = round(outline.width * VML_UNITS), round(outline.height * VML_UNITS)
    vml = (
        f'<w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" id="TandaAir" '
        f'style="position:absolute;margin-left:0;margin-top:0;width:{outline.width:.2f}pt;'
        f'height:{outline.height:.2f}pt;z-index:-251657216;mso-position-horizontal:center;'
        'mso-position-horizontal-relative:page;mso-position-vertical:center;mso-position-vertical-relative:page" '
        f'coordsize="{cw},{ch}" path="{_vml_path(outline)}" fillcolor="#{WATERMARK_GREY.lower()}" stroked="f">'
        '</v:shape></w:pict>'
    )
    return (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
            f"<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent></w:r>")


def _text_box_run(size: float, font: str) -> str:
    """The word as a text box turned by the shape's rotation (Word turns it; LibreOffice 7.4
    draws it upright): used only without a TrueType face."""
    return ox.s_anchor_run(SHAPE_ID, geometry="rect", x=0, y=0, w=size * 3.4, h=size * 1.25, line_width=None,
                           fill=None, text=WATERMARK_TEXT, font=font, size=size, bold=True,
                           text_color=WATERMARK_GREY, rotation=-WATERMARK_ANGLE, rel_h="page", rel_v="page",
                           behind=True, in_cell=False, centred=True)
