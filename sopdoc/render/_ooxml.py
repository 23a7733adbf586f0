"""The only module that writes raw OOXML: one small string builder per element kind, named after
the schema (``s_*``), and a few operations on trees python-docx already holds.

Each element has exactly one builder, and it writes text: a flowchart table has thousands of
elements, and writing their XML once and parsing it in one go is far faster than building them
one by one through lxml. Where a caller needs an element, :func:`parse_fragment` parses the
builder's text with a safe parser. Every text and attribute value goes through :func:`esc`, so any
text gives well-formed XML. Lengths arrive in points and are converted here: twentieths of a point
(``dxa``/twips) for WordprocessingML, EMU for DrawingML, eighths of a point for borders,
half-points for font sizes. Nothing here knows about SOPs.
"""

from __future__ import annotations

import base64
import functools
import uuid
from collections.abc import Sequence
from typing import Any

from lxml import etree

from sopdoc.ooxml.ns import NS, SOPDOC_NS, SOURCE_ENCODING_BASE64, qn

__all__ = [
    "NS",
    "Splicer",
    "custom_xml_item",
    "custom_xml_props",
    "emu",
    "esc",
    "esc_text",
    "fit_widths",
    "parse_fragment",
    "qn",
    "s_anchor_run",
    "s_fld_runs",
    "s_p_start",
    "s_p_styled",
    "s_r",
    "s_rPr",
    "s_sectPr",
    "s_tblCellMar",
    "s_tbl_start",
    "s_tc_start",
    "s_tr_flow_start",
    "s_tr_start",
    "source_text",
    "twips",
    "w_compat_mode",
    "w_tbl_fit_width",
    "wp_inline_zero_distances",
]

WPS_URI = NS["wps"]
_NSMAP = {k: NS[k] for k in ("w", "r", "wp", "a", "wps", "mc")}
_DECLS = " ".join(f'xmlns:{k}="{v}"' for k, v in _NSMAP.items())


def twips(pt: float) -> int:
    """Points → twentieths of a point."""
    return round(pt * 20)


def emu(pt: float) -> int:
    """Points → English Metric Units (12 700 per point)."""
    return round(pt * 12700)


# --------------------------------------------------------------------------- escaping and parsing

_ILLEGAL = (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF)
"""Code points XML 1.0 cannot carry at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F)."""

_DROP = dict.fromkeys(_ILLEGAL)
_SEEK = tuple(chr(c) for c in _ILLEGAL if c < 0xD800 or c > 0xDFFF)


def _has_illegal(s: str) -> bool:
    """Whether ``s`` holds a character XML 1.0 cannot carry (substring searches and one encode run
    in C: a whole SOP's YAML is checked in microseconds)."""
    if any(c in s for c in _SEEK):
        return True
    try:
        s.encode()
    except UnicodeEncodeError:  # a lone surrogate
        return True
    return False


def esc(value: object) -> str:
    """``value`` as text for element content or a double-quoted attribute value: :func:`esc_text`
    plus quotes escaped and tab/LF as character references (so they survive in attribute values).
    Any text gives well-formed XML."""
    s = esc_text(value)
    if '"' in s:
        s = s.replace('"', "&quot;")
    if not s.isprintable():  # a tab or LF is non-printable: most texts skip this
        if "\t" in s:
            s = s.replace("\t", "&#9;")
        if "\n" in s:
            s = s.replace("\n", "&#10;")
    return s


def esc_text(value: object) -> str:
    """``value`` as element content, in the form lxml writes it back: markup characters escaped, a
    CR as a character reference (the parser would read a raw one as a LF), tab, LF and quotes as
    they are, characters XML 1.0 cannot hold dropped. It parses to the same text as :func:`esc`,
    and a builder's text is then what the serialized part holds (:class:`Splicer`)."""
    s = value if type(value) is str else str(value)
    if "&" in s:
        s = s.replace("&", "&amp;")
    if "<" in s:
        s = s.replace("<", "&lt;")
    if ">" in s:
        s = s.replace(">", "&gt;")
    if not s.isprintable():
        if "\r" in s:
            s = s.replace("\r", "&#13;")
        if _has_illegal(s):
            s = s.translate(_DROP)
    return s


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                          huge_tree=True)


def parse_fragment(xml: str) -> etree._Element:
    """Parse one element written by the ``s_*`` builders; the prefixes it uses are declared here
    (on its root tag, found with string operations: the builders write no DTD, comment or PI)."""
    if not xml.startswith("<") or xml.startswith(("<?", "<!")):
        raise ValueError("not an XML element")
    end = 1
    while end < len(xml) and xml[end] not in " \t\r\n/>":
        end += 1
    return etree.fromstring(f"{xml[:end]} {_DECLS}{xml[end:]}", _PARSER)


class Splicer:
    """Builder text that goes into a part as it stands, without being parsed: in the tree it is a
    placeholder (a processing instruction with a random target), and :meth:`serialize` writes the
    part with each placeholder replaced by its text. A flowchart table is most of a DOCX, and
    parsing its text only to serialize it again was most of the painter's time.

    The result is byte for byte what parsing the text with :func:`parse_fragment`, putting the
    element there and serializing would give, because the builders write lxml's own form (double
    quotes, :func:`esc` in attributes, :func:`esc_text` in content, ``<x/>`` for an empty
    element) and each text's root gets the namespace declarations lxml would keep: those of
    :func:`parse_fragment` whose URI the part does not declare where the text goes (``context``).
    When the part binds one of those URIs to another prefix, or one URI to several, lxml would
    rename prefixes; then :meth:`element` parses, as before."""

    def __init__(self, context: etree._Element) -> None:
        in_scope = context.nsmap
        self.direct = all(in_scope.get(prefix, uri) == uri
                          and [k for k, v in in_scope.items() if v == uri] in ([], [prefix])
                          for prefix, uri in _NSMAP.items())
        kept = [(k, v) for k, v in _NSMAP.items() if v not in in_scope.values()]
        self._decls = "".join(f' xmlns:{k}="{v}"' for k, v in kept)
        self._target = f"sopdoc-{uuid.uuid4().hex}"
        self._texts: list[bytes] = []

    def element(self, xml: str) -> etree._Element:
        """What stands in the tree for the element ``xml`` (one element written by the ``s_*``
        builders): a placeholder, or the parsed element."""
        if not self.direct:
            return parse_fragment(xml)
        if not xml.startswith("<") or xml.startswith(("<?", "<!")):
            raise ValueError("not an XML element")
        end = 1
        while end < len(xml) and xml[end] not in " \t\r\n/>":
            end += 1
        self._texts.append(f"{xml[:end]}{self._decls}{xml[end:]}".encode())
        return etree.ProcessingInstruction(self._target, str(len(self._texts) - 1))

    def serialize(self, root: etree._Element) -> bytes:
        """The part ``root`` serialized as python-docx writes a part, every placeholder replaced
        by its text (each must be in the tree exactly once)."""
        xml = etree.tostring(root, encoding="UTF-8", standalone=True)
        pieces = xml.split(f"<?{self._target} ".encode())
        out = [pieces[0]]
        seen = []
        for piece in pieces[1:]:
            k, rest = piece.split(b"?>", 1)
            seen.append(int(k))
            out += (self._texts[int(k)], rest)
        if sorted(seen) != list(range(len(self._texts))):
            raise ValueError("placeholders missing from the tree or repeated")
        return b"".join(out)


# --------------------------------------------------------------------------- tables


def s_tblCellMar(left_right: float, top_bottom: float) -> str:
    """Default cell margins of a table (points)."""
    lr, tb = twips(left_right), twips(top_bottom)
    return (f'<w:tblCellMar><w:top w:w="{tb}" w:type="dxa"/><w:left w:w="{lr}" w:type="dxa"/>'
            f'<w:bottom w:w="{tb}" w:type="dxa"/><w:right w:w="{lr}" w:type="dxa"/></w:tblCellMar>')


def s_tbl_start(width: float, cell_margin_lr: float, border_pt: float, widths_twips: list[int]) -> str:
    """Opening of a table (close with ``</w:tbl>``): fixed layout, exact width, no indent, zero
    top/bottom cell margins, single borders, and the grid (one ``w:gridCol`` per column)."""
    sz = max(2, round(border_pt * 8))
    borders = "".join(f'<w:{s} w:val="single" w:sz="{sz}" w:space="0" w:color="000000"/>'
                      for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{int(w)}"/>' for w in widths_twips)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{twips(width)}" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>{s_tblCellMar(cell_margin_lr, 0.0)}'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>')


def s_tr_start(height_twips: int, *, header: bool = False) -> str:
    """Opening of a row of exact height that never splits; ``header`` repeats it on every page
    (close with ``</w:tr>``)."""
    return (f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{int(height_twips)}" w:hRule="exact"/>'
            f'{"<w:tblHeader/>" if header else ""}</w:trPr>')


def s_tr_flow_start(*, header: bool = False) -> str:
    """Opening of a row whose height follows its text (it may split across pages); ``header``
    repeats it on every page (close with ``</w:tr>``)."""
    return f'<w:tr><w:trPr>{"<w:tblHeader/>" if header else ""}</w:trPr>' if header else "<w:tr>"


@functools.lru_cache(maxsize=512)
def s_tc_start(width_twips: int, *, grid_span: int = 1, v_merge: str | None = None, v_align: str = "top",
               shade: str | None = None, margin_lr: tuple[float, float] | None = None,
               bottom_to_top: bool = False) -> str:
    """Opening of a cell: width, spans, vertical alignment, optional fill, optional left/right
    margins (pt), text reading bottom-to-top (``btLr``) (close with ``</w:tc>``)."""
    out = [f'<w:tc><w:tcPr><w:tcW w:w="{int(width_twips)}" w:type="dxa"/>']
    if grid_span > 1:
        out.append(f'<w:gridSpan w:val="{int(grid_span)}"/>')
    if v_merge == "restart":
        out.append('<w:vMerge w:val="restart"/>')
    elif v_merge == "continue":
        out.append("<w:vMerge/>")
    if shade:
        out.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{esc(shade)}"/>')
    if margin_lr is not None:
        out.append(f'<w:tcMar><w:left w:w="{twips(margin_lr[0])}" w:type="dxa"/>'
                   f'<w:right w:w="{twips(margin_lr[1])}" w:type="dxa"/></w:tcMar>')
    if bottom_to_top:
        out.append('<w:textDirection w:val="btLr"/>')
    out.append(f'<w:vAlign w:val="{esc(v_align)}"/></w:tcPr>')
    return "".join(out)


# --------------------------------------------------------------------------- paragraphs and runs


@functools.lru_cache(maxsize=64)
def s_p_start(*, align: str = "left", before: float = 0.0, line: float | None = None, keep_tiny: bool = False,
              sect_pr: str = "") -> str:
    """Opening of a paragraph (close with ``</w:p>``) with no spacing after, ``before`` points
    before, an exact line height ``line`` (points). ``keep_tiny`` makes an empty 1 pt paragraph
    (section carriers after full tables); ``sect_pr`` (an :func:`s_sectPr`) ends a section there."""
    spacing = f'w:before="{twips(before)}" w:after="0"'
    if line or keep_tiny:
        spacing += f' w:line="{twips(line if line and not keep_tiny else 1.0)}" w:lineRule="exact"'
    jc = "center" if align == "center" else ("right" if align == "right" else "left")
    tiny = '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>' if keep_tiny else ""
    return f'<w:p><w:pPr><w:spacing {spacing}/><w:jc w:val="{jc}"/>{tiny}{sect_pr}</w:pPr>'


def s_p_hanging(start: str, indent: float) -> str:
    """A paragraph opening (:func:`s_p_start`) with a hanging indent of ``indent`` points: the
    first line starts at the left edge, the following at ``indent``, where a ``w:tab`` after the
    first line's mark lands too (no ``w:tabs``: readers would take its tab for a tab character)."""
    ind = twips(indent)
    return start.replace("<w:jc ", f'<w:ind w:left="{ind}" w:hanging="{ind}"/><w:jc ', 1)


@functools.lru_cache(maxsize=64)
def s_rPr(font: str, size: float, bold: bool = False, color: str | None = None) -> str:
    """Run properties: font name, size in points (half-point steps), bold, text colour (hex RGB;
    ``None``: automatic)."""
    f = esc(font)
    half = round(size * 2)
    b = "<w:b/><w:bCs/>" if bold else ""
    c = f'<w:color w:val="{esc(color)}"/>' if color else ""
    return (f'<w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}" w:eastAsia="{f}"/>{b}'
            f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>{c}</w:rPr>')


def s_r(text: str, font: str, size: float, bold: bool = False, *, keep_hyphens: bool = False,
        color: str | None = None) -> str:
    """A text run (spaces preserved). ``keep_hyphens`` writes each ``-`` as ``w:noBreakHyphen``
    (Word's non-breaking hyphen), so lines break only at spaces, as the layout does, and each
    soft hyphen (U+00AD: where the layout hyphenated a word) as ``w:softHyphen``."""
    out = ["<w:r>", s_rPr(font, size, bold, color)]
    for k, part in enumerate(text.split("\u00ad") if keep_hyphens else [text]):
        if k:
            out.append("<w:softHyphen/>")
        for i, piece in enumerate(part.split("-") if keep_hyphens else [part]):
            if i:
                out.append("<w:noBreakHyphen/>")
            if piece:
                text_xml = esc_text(piece)  # empty when only characters XML cannot hold: as lxml writes it
                out.append(f'<w:t xml:space="preserve">{text_xml}</w:t>' if text_xml else '<w:t xml:space="preserve"/>')
    out.append("</w:r>")
    return "".join(out)


def s_p_styled(text: str, style: str, *, align: str = "left", bold: bool = False) -> str:
    """A whole paragraph of one run in a named paragraph style (the style carries font and size,
    so a long table's cells stay small)."""
    jc = '<w:jc w:val="right"/>' if align == "right" else ""
    b = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return (f'<w:p><w:pPr><w:pStyle w:val="{esc(style)}"/>{jc}</w:pPr>'
            f'<w:r>{b}<w:t xml:space="preserve">{esc(text)}</w:t></w:r></w:p>')


def _t(text: str) -> str:
    """A ``w:t`` of ``text`` without preserved spaces (empty: the empty element)."""
    text_xml = esc_text(text)
    return f"<w:t>{text_xml}</w:t>" if text_xml else "<w:t/>"


def s_fld_runs(instr: str, placeholder: str, font: str, size: float) -> str:
    """A complex field (``PAGE``, ``NUMPAGES``) as its five runs: begin, instruction, separate,
    cached result, end."""
    pr = s_rPr(font, size)
    return (f'<w:r>{pr}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{pr}<w:instrText xml:space="preserve"> {esc_text(instr)} </w:instrText></w:r>'
            f'<w:r>{pr}<w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r>{pr}{_t(placeholder)}</w:r>'
            f'<w:r>{pr}<w:fldChar w:fldCharType="end"/></w:r>')


# --------------------------------------------------------------------------- sections


def s_sectPr(width: float, height: float, margins: tuple[float, float, float, float], *,
             landscape: bool, header_distance: float, footer_distance: float,
             references: Sequence[tuple[str, str, str]] = ()) -> str:
    """Section properties: page size, orientation, margins (top, right, bottom, left; points), a
    new page start, and header/footer references ``(kind, type, rId)`` (kind ``header``/``footer``)."""
    out = ["<w:sectPr>"]
    for kind, typ, rid in references:
        if kind not in ("header", "footer"):
            raise ValueError(f"not a header/footer reference kind: {kind!r}")
        out.append(f'<w:{kind}Reference w:type="{esc(typ)}" r:id="{esc(rid)}"/>')
    orient = ' w:orient="landscape"' if landscape else ""
    t, r, b, l_ = margins
    out.append(f'<w:type w:val="nextPage"/><w:pgSz w:w="{twips(width)}" w:h="{twips(height)}"{orient}/>'
               f'<w:pgMar w:top="{twips(t)}" w:right="{twips(r)}" w:bottom="{twips(b)}" w:left="{twips(l_)}" '
               f'w:header="{twips(header_distance)}" w:footer="{twips(footer_distance)}" w:gutter="0"/>'
               '<w:cols w:space="708"/></w:sectPr>')
    return "".join(out)


# --------------------------------------------------------------------------- edits of existing trees


def fit_widths(widths: list[int], width_twips: int) -> list[int] | None:
    """Grid column widths (twips) scaled to add up to about ``width_twips`` (each rounded), as
    :func:`w_tbl_fit_width` sets them; None when there is nothing to scale."""
    total = sum(widths)
    if not widths or total <= 0:
        return None
    scale = width_twips / total
    return [round(w * scale) for w in widths]


def w_tbl_fit_width(tbl: etree._Element, width_twips: int) -> None:
    """Scale a table's grid and cell widths so it is ``width_twips`` wide, fixed layout."""
    grid = tbl.find(qn("w:tblGrid"))
    cols = [] if grid is None else grid.findall(qn("w:gridCol"))
    new = fit_widths([int(c.get(qn("w:w"), "0")) for c in cols], width_twips)
    if new is None:
        return
    for c, w in zip(cols, new, strict=False):
        c.set(qn("w:w"), str(w))
    pr = tbl.find(qn("w:tblPr"))
    if pr is not None:
        tw = pr.find(qn("w:tblW"))
        if tw is None:
            tw = parse_fragment("<w:tblW/>")
            pr.append(tw)
        tw.set(qn("w:w"), str(width_twips))
        tw.set(qn("w:type"), "dxa")
    for tr in tbl.findall(qn("w:tr")):
        col = 0
        for tc in tr.findall(qn("w:tc")):
            tcpr = tc.find(qn("w:tcPr"))
            span_el = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
            span = int(span_el.get(qn("w:val"), "1")) if span_el is not None else 1
            tcw = tcpr.find(qn("w:tcW")) if tcpr is not None else None
            if tcw is not None:
                tcw.set(qn("w:w"), str(sum(new[col:col + span])))
                tcw.set(qn("w:type"), "dxa")
            col += span


def w_compat_mode(settings: etree._Element, mode: int = 15) -> None:
    """Set ``w:compat/w:compatSetting compatibilityMode`` (15: tables aligned to the margin)."""
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = parse_fragment("<w:compat/>")
        settings.append(compat)
    for cs in compat.findall(qn("w:compatSetting")):
        if cs.get(qn("w:name")) == "compatibilityMode":
            cs.set(qn("w:val"), str(mode))
            return
    compat.append(parse_fragment('<w:compatSetting w:name="compatibilityMode" '
                                 f'w:uri="http://schemas.microsoft.com/office/word" w:val="{int(mode)}"/>'))


def wp_inline_zero_distances(root: etree._Element) -> None:
    """Give every ``wp:inline`` distT/B/L/R = 0 (LibreOffice offsets pictures without them)."""
    for inline in root.iter(qn("wp:inline")):
        for side in ("distT", "distB", "distL", "distR"):
            inline.set(side, "0")


# --------------------------------------------------------------------------- drawing shapes

_SLOT = "\x00"
"""Marks a variable value in a shape template. :func:`esc` drops NUL from every text, so no text
of a shape can be mistaken for a slot."""


def _slot(name: str) -> str:
    return f"{_SLOT}{name}{_SLOT}"


def _s_drawing(*, geometry: str, line_width: float | None, fill: str | None = "FFFFFF", arrow: bool = False,
               flip_h: bool = False, flip_v: bool = False, text: str = "", font: str = "Arial",
               size: float = 6.0, bold: bool = False, text_color: str = "000000", rotation: float = 0.0,
               rel_h: str = "column", rel_v: str = "paragraph", behind: bool = False,
               in_cell: bool = True, is_line: bool = False, centred: bool = False,
               adjust: tuple[tuple[str, int], ...] = ()) -> str:
    """The template of a ``w:drawing`` holding one floating ``wps:wsp`` shape, with slots
    (:func:`_slot`) for its ``id``, z-order ``rel``, position ``x``/``y`` and size ``w``/``h`` in EMU.
    See :func:`s_anchor_run` for the style arguments."""
    if centred:
        pos_h = pos_v = "<wp:align>center</wp:align>"
    else:
        pos_h, pos_v = f"<wp:posOffset>{_slot('x')}</wp:posOffset>", f"<wp:posOffset>{_slot('y')}</wp:posOffset>"
    name = "Konektor" if is_line else "Simbol"
    ext = f'cx="{_slot("w")}" cy="{_slot("h")}"'
    if is_line:
        nv = "<wps:cNvCnPr/>"
    else:
        nv = '<wps:cNvSpPr txBox="1"/>' if text and fill is None and line_width is None else "<wps:cNvSpPr/>"
    xfrm = (' flipH="1"' if flip_h else "") + (' flipV="1"' if flip_v else "")
    if rotation:
        xfrm += f' rot="{round((rotation % 360.0) * 60000)}"'
    fill_xml = "<a:noFill/>" if fill is None else f'<a:solidFill><a:srgbClr val="{esc(fill)}"/></a:solidFill>'
    if line_width is None:
        ln = "<a:ln><a:noFill/></a:ln>"
    else:
        tail = '<a:tailEnd type="triangle" w="sm" len="sm"/>' if arrow else ""
        ln = (f'<a:ln w="{emu(line_width)}"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>'
              f'<a:miter lim="800000"/>{tail}</a:ln>')
    av = ("<a:avLst>" + "".join(f'<a:gd name="{esc(n)}" fmla="val {int(v)}"/>' for n, v in adjust) + "</a:avLst>"
          if adjust else "<a:avLst/>")
    box = ""
    if text:  # a text box: one centred paragraph per line of a wrapped label
        p_start = (f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="{twips(size * 1.2)}" '
                   'w:lineRule="exact"/><w:jc w:val="center"/></w:pPr>')
        color = text_color if text_color != "000000" else None
        paras = "".join(f"{p_start}{s_r(line, font, size, bold, color=color)}</w:p>" for line in text.split("\n"))
        box = f"<wps:txbx><w:txbxContent>{paras}</w:txbxContent></wps:txbx>"
    return (f'<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
            f'relativeHeight="{_slot("rel")}" behindDoc="{int(behind)}" locked="0" layoutInCell="{int(in_cell)}" '
            f'allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="{esc(rel_h)}">{pos_h}</wp:positionH>'
            f'<wp:positionV relativeFrom="{esc(rel_v)}">{pos_v}</wp:positionV>'
            f'<wp:extent {ext}/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            f'<wp:docPr id="{_slot("id")}" name="{name} {_slot("id")}"/><wp:cNvGraphicFramePr/>'
            f'<a:graphic><a:graphicData uri="{WPS_URI}"><wps:wsp>{nv}'
            f'<wps:spPr bwMode="auto"><a:xfrm{xfrm}><a:off x="0" y="0"/><a:ext {ext}/></a:xfrm>'
            f'<a:prstGeom prst="{esc(geometry)}">{av}</a:prstGeom>{fill_xml}{ln}</wps:spPr>{box}'
            '<wps:bodyPr rot="0" vert="horz" wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr" '
            f'anchorCtr="0" upright="{0 if rotation else 1}"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData>'
            '</a:graphic>'
            '</wp:anchor></w:drawing>')


@functools.lru_cache(maxsize=256)
def _anchor_template(style: tuple[tuple[str, object], ...]) -> tuple[str, ...]:
    """The text of one shape style split at its slots (so a shape is one string join): even items
    are literal text, odd items the names of the values."""
    kwargs: dict[str, Any] = dict(style)  # keyword arguments of _s_drawing, checked by its signature at run time
    return tuple(_s_drawing(**kwargs).split(_SLOT))


def s_anchor_run(shape_id: int, *, x: float, y: float, w: float, h: float, **style: object) -> str:
    """A run holding one floating shape at (x, y) (points, relative to ``rel_h``/``rel_v``;
    ``centred``: centred there instead), ``w`` × ``h`` points, wrapped in ``mc:AlternateContent``
    with the drawing in ``mc:Choice Requires="wps"``, the form Word itself writes for shapes (the
    empty fallback keeps old readers quiet).

    Style: preset ``geometry`` (``flowChartProcess``, ``straightConnector1``, ``rect`` …),
    ``fill`` (hex RGB or None), outline ``line_width`` (points or None), ``arrow`` head at the end,
    ``flip_h``/``flip_v``, ``rotation`` (degrees), and centred ``text`` (a text box; each ``\\n``
    starts a new line) in ``font``/``size``/``bold``/``text_color``; ``behind`` the text,
    ``in_cell`` (layout in table cell), ``is_line`` (a connector), ``adjust``: the preset's
    adjust values (``(("adj1", 10800000), …)``)."""
    parts = _anchor_template(tuple(sorted(style.items())))
    values = {"rel": str(251659264 + shape_id), "id": str(int(shape_id)), "x": str(emu(x)), "y": str(emu(y)),
              "w": str(emu(w)), "h": str(emu(h))}
    body = "".join(p if i % 2 == 0 else values[p] for i, p in enumerate(parts))
    return (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{body}</mc:Choice>'
            "<mc:Fallback/></mc:AlternateContent></w:r>")


# --------------------------------------------------------------------------- customXml


def source_text(yaml_text: str) -> tuple[str, str]:
    """The text and ``encoding`` of the customXml item for ``yaml_text``: as is (``text``), or
    base64 when it has characters XML 1.0 cannot carry (or a CR the parser would change)."""
    if "\r" in yaml_text or _has_illegal(yaml_text):
        return base64.b64encode(yaml_text.encode("utf-8")).decode("ascii"), SOURCE_ENCODING_BASE64
    return yaml_text, "text"


def custom_xml_item(text: str, encoding: str = "text") -> bytes:
    """The customXml item holding the canonical SOP: ``<source xmlns="urn:sopdoc:source:1">``."""
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<source xmlns="{SOPDOC_NS}" version="1" encoding="{esc(encoding)}">{esc(text)}</source>').encode()


def custom_xml_props(item_guid: str) -> bytes:
    """The itemProps part of a customXml item (its datastore id and schema reference)."""
    return ("<?xml version='1.0' encoding='UTF-8' standalone='no'?>\n"
            f'<ds:datastoreItem xmlns:ds="{NS["ds"]}" ds:itemID="{esc(item_guid)}"><ds:schemaRefs>'
            f'<ds:schemaRef ds:uri="{SOPDOC_NS}"/></ds:schemaRefs></ds:datastoreItem>').encode()
