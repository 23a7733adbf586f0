"""The only module that writes raw OOXML: one small function per element kind, named after the schema.

Elements are built with lxml in Clark notation (``{namespace}tag``). Lengths arrive in points and
are converted here: twentieths of a point (``dxa``/twips) for WordprocessingML, EMU for DrawingML,
eighths of a point for borders, half-points for font sizes. Nothing here knows about SOPs.
"""

from __future__ import annotations

import functools
import re
from xml.sax.saxutils import escape as xml_escape

from lxml import etree

from sopdoc.ooxml.ns import NS, SOPDOC_NS, SOURCE_ENCODING_BASE64, XML_SPACE, qn

__all__ = [
    "NS", "qn", "twips", "emu", "w_tbl", "w_tblPr", "w_tblCellMar", "w_tblGrid", "w_tr", "w_tc", "w_p", "w_r",
    "w_sectPr", "w_fld_runs", "wps_anchor", "mc_alternate_content", "custom_xml_item", "custom_xml_props",
    "w_compat_mode", "w_tbl_fit_width", "wp_inline_zero_distances",
    "parse_fragment", "s_tbl_start", "s_tr_start", "s_tc_start", "s_p_start", "s_rPr", "s_r", "s_anchor_run",
]

WPS_URI = NS["wps"]
_NSMAP = {k: NS[k] for k in ("w", "r", "wp", "a", "wps", "mc")}


def twips(pt: float) -> int:
    """Points → twentieths of a point."""
    return int(round(pt * 20))


def emu(pt: float) -> int:
    """Points → English Metric Units (12 700 per point)."""
    return int(round(pt * 12700))


def _el(tag: str, attrs: dict[str, object] | None = None, parent: etree._Element | None = None) -> etree._Element:
    attrib = {(qn(k) if ":" in k else k): str(v) for k, v in attrs.items()} if attrs else None
    if parent is None:  # declare the usual prefixes once, so children reuse them
        return etree.Element(qn(tag), attrib, nsmap=_NSMAP)
    return etree.SubElement(parent, qn(tag), attrib)


# --------------------------------------------------------------------------- tables


def w_tblPr(width: float, cell_margin_lr: float, border_pt: float) -> etree._Element:
    """Table properties: fixed layout, exact width, no indent, zero top/bottom cell margins, grid."""
    pr = _el("w:tblPr")
    _el("w:tblW", {"w:w": twips(width), "w:type": "dxa"}, pr)
    _el("w:tblInd", {"w:w": 0, "w:type": "dxa"}, pr)
    borders = _el("w:tblBorders", None, pr)
    sz = max(2, int(round(border_pt * 8)))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _el(f"w:{side}", {"w:val": "single", "w:sz": sz, "w:space": 0, "w:color": "000000"}, borders)
    _el("w:tblLayout", {"w:type": "fixed"}, pr)
    pr.append(w_tblCellMar(cell_margin_lr, 0.0))
    _el("w:tblLook", {"w:val": "0000", "w:firstRow": 0, "w:lastRow": 0, "w:firstColumn": 0,
                      "w:lastColumn": 0, "w:noHBand": 1, "w:noVBand": 1}, pr)
    return pr


def w_tblCellMar(left_right: float, top_bottom: float) -> etree._Element:
    """Default cell margins of a table (points)."""
    mar = _el("w:tblCellMar")
    for side, v in (("top", top_bottom), ("left", left_right), ("bottom", top_bottom), ("right", left_right)):
        _el(f"w:{side}", {"w:w": twips(v), "w:type": "dxa"}, mar)
    return mar


def w_tblGrid(widths_twips: list[int]) -> etree._Element:
    """The grid: one ``w:gridCol`` per column."""
    grid = _el("w:tblGrid")
    for w in widths_twips:
        _el("w:gridCol", {"w:w": w}, grid)
    return grid


def w_tbl(pr: etree._Element, grid: etree._Element) -> etree._Element:
    """An empty table with its properties and grid; rows are appended by the caller."""
    tbl = _el("w:tbl")
    tbl.append(pr)
    tbl.append(grid)
    return tbl


def w_tr(height_twips: int, *, header: bool = False) -> etree._Element:
    """A row of exact height that never splits; ``header`` repeats it on every page."""
    tr = _el("w:tr")
    pr = _el("w:trPr", None, tr)
    _el("w:cantSplit", None, pr)
    _el("w:trHeight", {"w:val": height_twips, "w:hRule": "exact"}, pr)
    if header:
        _el("w:tblHeader", None, pr)
    return tr


def w_tc(width_twips: int, *, grid_span: int = 1, v_merge: str | None = None, v_align: str = "top",
         shade: str | None = None, margin_lr: tuple[float, float] | None = None) -> etree._Element:
    """A cell: width, spans, vertical alignment, optional fill, optional left/right margins (pt)."""
    tc = _el("w:tc")
    pr = _el("w:tcPr", None, tc)
    _el("w:tcW", {"w:w": width_twips, "w:type": "dxa"}, pr)
    if grid_span > 1:
        _el("w:gridSpan", {"w:val": grid_span}, pr)
    if v_merge == "restart":
        _el("w:vMerge", {"w:val": "restart"}, pr)
    elif v_merge == "continue":
        _el("w:vMerge", None, pr)
    if shade:
        _el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": shade}, pr)
    if margin_lr is not None:
        mar = _el("w:tcMar", None, pr)
        _el("w:left", {"w:w": twips(margin_lr[0]), "w:type": "dxa"}, mar)
        _el("w:right", {"w:w": twips(margin_lr[1]), "w:type": "dxa"}, mar)
    _el("w:vAlign", {"w:val": v_align}, pr)
    return tc


# --------------------------------------------------------------------------- paragraphs and runs


def w_p(*, align: str = "left", before: float = 0.0, line: float | None = None, keep_tiny: bool = False,
        sect_pr: etree._Element | None = None) -> etree._Element:
    """A paragraph with no spacing after, ``before`` points before, an exact line height ``line``
    (points). ``keep_tiny`` makes an empty 1 pt paragraph (section carriers after full tables)."""
    p = _el("w:p")
    pr = _el("w:pPr", None, p)
    if sect_pr is not None:
        pr.append(sect_pr)
    _el("w:spacing", {"w:before": twips(before), "w:after": 0, **(
        {"w:line": twips(1.0 if keep_tiny else line), "w:lineRule": "exact"} if (line or keep_tiny) else {})}, pr)
    _el("w:jc", {"w:val": "center" if align == "center" else ("right" if align == "right" else "left")}, pr)
    if keep_tiny:
        rpr = _el("w:rPr", None, pr)
        _el("w:sz", {"w:val": 2}, rpr)
        _el("w:szCs", {"w:val": 2}, rpr)
    if sect_pr is not None:  # sectPr must be the last child of pPr
        pr.remove(sect_pr)
        pr.append(sect_pr)
    return p


def w_rPr(font: str, size: float, bold: bool = False) -> etree._Element:
    """Run properties: font name, size in points (half-point steps), bold."""
    pr = _el("w:rPr")
    _el("w:rFonts", {"w:ascii": font, "w:hAnsi": font, "w:cs": font, "w:eastAsia": font}, pr)
    if bold:
        _el("w:b", None, pr)
        _el("w:bCs", None, pr)
    half = int(round(size * 2))
    _el("w:sz", {"w:val": half}, pr)
    _el("w:szCs", {"w:val": half}, pr)
    return pr


def w_r(text: str, font: str, size: float, bold: bool = False, *, keep_hyphens: bool = False) -> etree._Element:
    """A text run (spaces preserved). ``keep_hyphens`` writes each ``-`` as ``w:noBreakHyphen``
    (Word's non-breaking hyphen), so lines break only at spaces, as the layout does."""
    r = _el("w:r")
    r.append(w_rPr(font, size, bold))
    pieces = text.split("-") if keep_hyphens else [text]
    for i, piece in enumerate(pieces):
        if i:
            _el("w:noBreakHyphen", None, r)
        if piece:
            t = _el("w:t", None, r)
            t.text = piece
            t.set(XML_SPACE, "preserve")
    return r


def w_fld_runs(instr: str, placeholder: str, font: str, size: float) -> list[etree._Element]:
    """A complex field (``PAGE``, ``NUMPAGES``) as its five runs: begin, instruction, separate,
    cached result, end."""
    runs = []
    for kind in ("begin", "instr", "separate", "result", "end"):
        r = _el("w:r")
        r.append(w_rPr(font, size))
        if kind == "instr":
            t = _el("w:instrText", None, r)
            t.text = f" {instr} "
            t.set(XML_SPACE, "preserve")
        elif kind == "result":
            t = _el("w:t", None, r)
            t.text = placeholder
        else:
            _el("w:fldChar", {"w:fldCharType": "begin" if kind == "begin" else kind}, r)
        runs.append(r)
    return runs


# --------------------------------------------------------------------------- sections


def w_sectPr(width: float, height: float, margins: tuple[float, float, float, float], *,
             landscape: bool, header_distance: float, footer_distance: float,
             references: list[tuple[str, str, str]] = ()) -> etree._Element:
    """Section properties: page size, orientation, margins (top, right, bottom, left; points), a
    new page start, and header/footer references ``(kind, type, rId)``."""
    s = _el("w:sectPr")
    for kind, typ, rid in references:
        _el(f"w:{kind}Reference", {"w:type": typ, "r:id": rid}, s)
    _el("w:type", {"w:val": "nextPage"}, s)
    attrs: dict[str, object] = {"w:w": twips(width), "w:h": twips(height)}
    if landscape:
        attrs["w:orient"] = "landscape"
    _el("w:pgSz", attrs, s)
    t, r, b, l_ = margins
    _el("w:pgMar", {"w:top": twips(t), "w:right": twips(r), "w:bottom": twips(b), "w:left": twips(l_),
                    "w:header": twips(header_distance), "w:footer": twips(footer_distance), "w:gutter": 0}, s)
    _el("w:cols", {"w:space": 708}, s)
    return s


def w_tbl_fit_width(tbl: etree._Element, width_twips: int) -> None:
    """Scale a table's grid and cell widths so it is ``width_twips`` wide, fixed layout."""
    grid = tbl.find(qn("w:tblGrid"))
    cols = [] if grid is None else grid.findall(qn("w:gridCol"))
    total = sum(int(c.get(qn("w:w"), "0")) for c in cols)
    if not cols or total <= 0:
        return
    scale = width_twips / total
    new = [int(round(int(c.get(qn("w:w"), "0")) * scale)) for c in cols]
    for c, w in zip(cols, new):
        c.set(qn("w:w"), str(w))
    pr = tbl.find(qn("w:tblPr"))
    if pr is not None:
        tw = pr.find(qn("w:tblW"))
        if tw is None:
            tw = _el("w:tblW", None, pr)
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
        compat = _el("w:compat", None, settings)
    uri = "http://schemas.microsoft.com/office/word"
    for cs in compat.findall(qn("w:compatSetting")):
        if cs.get(qn("w:name")) == "compatibilityMode":
            cs.set(qn("w:val"), str(mode))
            return
    _el("w:compatSetting", {"w:name": "compatibilityMode", "w:uri": uri, "w:val": mode}, compat)


def wp_inline_zero_distances(root: etree._Element) -> None:
    """Give every ``wp:inline`` distT/B/L/R = 0 (LibreOffice offsets pictures without them)."""
    for inline in root.iter(qn("wp:inline")):
        for side in ("distT", "distB", "distL", "distR"):
            inline.set(side, "0")


# --------------------------------------------------------------------------- drawing shapes


def _anchor(shape_id: int, name: str, x: float, y: float, w: float, h: float, *, rel_h: str, rel_v: str,
            behind: bool, in_cell: bool, centred: bool = False) -> etree._Element:
    anchor = _el("wp:anchor", {"distT": 0, "distB": 0, "distL": 0, "distR": 0, "simplePos": 0,
                               "relativeHeight": 251659264 + shape_id, "behindDoc": int(behind), "locked": 0,
                               "layoutInCell": int(in_cell), "allowOverlap": 1})
    _el("wp:simplePos", {"x": 0, "y": 0}, anchor)
    ph = _el("wp:positionH", {"relativeFrom": rel_h}, anchor)
    if centred:
        _el("wp:align", None, ph).text = "center"
    else:
        _el("wp:posOffset", None, ph).text = str(emu(x))
    pv = _el("wp:positionV", {"relativeFrom": rel_v}, anchor)
    if centred:
        _el("wp:align", None, pv).text = "center"
    else:
        _el("wp:posOffset", None, pv).text = str(emu(y))
    _el("wp:extent", {"cx": emu(w), "cy": emu(h)}, anchor)
    _el("wp:effectExtent", {"l": 0, "t": 0, "r": 0, "b": 0}, anchor)
    _el("wp:wrapNone", None, anchor)
    _el("wp:docPr", {"id": shape_id, "name": f"{name} {shape_id}"}, anchor)
    _el("wp:cNvGraphicFramePr", None, anchor)
    return anchor


def _a_ln(width: float, *, arrow: bool = False, color: str = "000000") -> etree._Element:
    ln = _el("a:ln", {"w": emu(width)})
    fill = _el("a:solidFill", None, ln)
    _el("a:srgbClr", {"val": color}, fill)
    _el("a:miter", {"lim": 800000}, ln)
    if arrow:
        _el("a:tailEnd", {"type": "triangle", "w": "sm", "len": "sm"}, ln)
    return ln


def wps_anchor(shape_id: int, *, x: float, y: float, w: float, h: float, **style: object) -> etree._Element:
    """A ``w:drawing`` holding one floating ``wps:wsp`` shape (see :func:`wps_anchor_new` for the
    style arguments). Shapes of one style are deep copies of a cached prototype with their id,
    position and size set: lxml copies trees far faster than Python builds them element by element."""
    import copy

    drawing = copy.deepcopy(_prototype(tuple(sorted(style.items()))))
    anchor = drawing[0]
    anchor.set("relativeHeight", str(251659264 + shape_id))
    ph, pv, extent = anchor.find(qn("wp:positionH")), anchor.find(qn("wp:positionV")), anchor.find(qn("wp:extent"))
    off_h, off_v = ph.find(qn("wp:posOffset")), pv.find(qn("wp:posOffset"))
    if off_h is not None:
        off_h.text = str(emu(x))
    if off_v is not None:
        off_v.text = str(emu(y))
    extent.set("cx", str(emu(w)))
    extent.set("cy", str(emu(h)))
    doc_pr = anchor.find(qn("wp:docPr"))
    doc_pr.set("id", str(shape_id))
    doc_pr.set("name", f"{doc_pr.get('name').rsplit(' ', 1)[0]} {shape_id}")
    ext = anchor.find(f"{qn('a:graphic')}/{qn('a:graphicData')}/{qn('wps:wsp')}/{qn('wps:spPr')}/{qn('a:xfrm')}/{qn('a:ext')}")
    ext.set("cx", str(emu(w)))
    ext.set("cy", str(emu(h)))
    return drawing


@functools.lru_cache(maxsize=256)
def _prototype(style: tuple[tuple[str, object], ...]) -> etree._Element:
    return wps_anchor_new(0, x=0.0, y=0.0, w=1.0, h=1.0, **dict(style))


def wps_anchor_new(shape_id: int, *, geometry: str, x: float, y: float, w: float, h: float,
               line_width: float | None, fill: str | None = "FFFFFF", arrow: bool = False,
               flip_h: bool = False, flip_v: bool = False, text: str = "", font: str = "Arial",
               size: float = 6.0, bold: bool = False, text_color: str = "000000", rotation: float = 0.0,
               rel_h: str = "column", rel_v: str = "paragraph", behind: bool = False,
               in_cell: bool = True, is_line: bool = False, centred: bool = False) -> etree._Element:
    """A ``w:drawing`` holding one floating ``wps:wsp`` shape with preset ``geometry``
    (``flowChartProcess``, ``straightConnector1``, ``rect`` …) at (x, y) relative to
    ``rel_h``/``rel_v`` (``centred``: centred there instead), optional fill, outline, arrowhead
    and centred text (a text box; each ``\n`` starts a new line)."""
    drawing = _el("w:drawing")
    anchor = _anchor(shape_id, "Konektor" if is_line else "Simbol", x, y, w, h, rel_h=rel_h, rel_v=rel_v,
                     behind=behind, in_cell=in_cell, centred=centred)
    drawing.append(anchor)
    graphic = _el("a:graphic", None, anchor)
    data = _el("a:graphicData", {"uri": WPS_URI}, graphic)
    wsp = _el("wps:wsp", None, data)
    if is_line:
        _el("wps:cNvCnPr", None, wsp)
    else:
        _el("wps:cNvSpPr", {"txBox": 1} if text and fill is None and line_width is None else None, wsp)
    sp = _el("wps:spPr", {"bwMode": "auto"}, wsp)
    xfrm_attrs: dict[str, object] = {}
    if flip_h:
        xfrm_attrs["flipH"] = 1
    if flip_v:
        xfrm_attrs["flipV"] = 1
    if rotation:
        xfrm_attrs["rot"] = int(round((rotation % 360.0) * 60000))
    xfrm = _el("a:xfrm", xfrm_attrs, sp)
    _el("a:off", {"x": 0, "y": 0}, xfrm)
    _el("a:ext", {"cx": emu(w), "cy": emu(h)}, xfrm)
    geom = _el("a:prstGeom", {"prst": geometry}, sp)
    _el("a:avLst", None, geom)
    if fill is None:
        _el("a:noFill", None, sp)
    else:
        sf = _el("a:solidFill", None, sp)
        _el("a:srgbClr", {"val": fill}, sf)
    if line_width is None:
        ln = _el("a:ln", None, sp)
        _el("a:noFill", None, ln)
    else:
        sp.append(_a_ln(line_width, arrow=arrow))
    if text:
        box = _el("wps:txbx", None, wsp)
        content = _el("w:txbxContent", None, box)
        for line in text.split("\n"):  # one paragraph per line of a wrapped label
            p = _el("w:p", None, content)
            ppr = _el("w:pPr", None, p)
            _el("w:spacing", {"w:before": 0, "w:after": 0, "w:line": twips(size * 1.2), "w:lineRule": "exact"}, ppr)
            _el("w:jc", {"w:val": "center"}, ppr)
            r = w_r(line, font, size, bold)
            if text_color != "000000":
                _el("w:color", {"w:val": text_color}, r.find(qn("w:rPr")))
            p.append(r)
    body = _el("wps:bodyPr", {"rot": 0, "vert": "horz", "wrap": "none", "lIns": 0, "tIns": 0, "rIns": 0,
                              "bIns": 0, "anchor": "ctr", "anchorCtr": 0, "upright": 1}, wsp)
    _el("a:noAutofit", None, body)
    return drawing


def mc_alternate_content(drawing: etree._Element) -> etree._Element:
    """A run holding ``mc:AlternateContent`` with the drawing in ``mc:Choice Requires="wps"``, the
    form Word itself writes for shapes (the empty fallback keeps old readers quiet)."""
    r = _el("w:r")
    ac = etree.SubElement(r, qn("mc:AlternateContent"), nsmap={"wps": NS["wps"], "mc": NS["mc"]})
    choice = _el("mc:Choice", {"Requires": "wps"}, ac)
    choice.append(drawing)
    _el("mc:Fallback", None, ac)
    return r


# --------------------------------------------------------------------------- customXml


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def source_text(yaml_text: str) -> tuple[str, str]:
    """The text and ``encoding`` of the customXml item for ``yaml_text``: as is (``text``), or
    base64 when it has characters XML 1.0 cannot carry (or a CR the parser would change)."""
    if _XML_ILLEGAL.search(yaml_text) or "\r" in yaml_text:
        import base64

        return base64.b64encode(yaml_text.encode("utf-8")).decode("ascii"), SOURCE_ENCODING_BASE64
    return yaml_text, "text"


def custom_xml_item(text: str, encoding: str = "text") -> bytes:
    """The customXml item holding the canonical SOP: ``<source xmlns="urn:sopdoc:source:1">``."""
    root = etree.Element(f"{{{SOPDOC_NS}}}source", {"version": "1", "encoding": encoding},
                         nsmap={None: SOPDOC_NS})
    root.text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def custom_xml_props(item_guid: str) -> bytes:
    """The itemProps part of a customXml item (its datastore id and schema reference)."""
    root = etree.Element(qn("ds:datastoreItem"), {qn("ds:itemID"): item_guid}, nsmap={"ds": NS["ds"]})
    refs = _el("ds:schemaRefs", None, root)
    _el("ds:schemaRef", {"ds:uri": SOPDOC_NS}, refs)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=False)


# --------------------------------------------------------------------------- string builders
# A flowchart table has thousands of elements; building them one by one through lxml costs more
# than writing the XML text once and parsing it in one go. These mirror the element builders
# above (same elements, same attributes) and return text; ``parse_fragment`` turns it into a tree.

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DECLS = " ".join(f'xmlns:{k}="{v}"' for k, v in _NSMAP.items())


def _x(text: str) -> str:
    """Text escaped for element content (characters XML cannot hold are dropped)."""
    return xml_escape(_XML_BAD.sub("", text))


def parse_fragment(xml: str) -> etree._Element:
    """Parse one element written by the ``s_*`` builders (its prefixes are declared here)."""
    m = re.match(r"<[\w:]+", xml)
    if m is None:
        raise ValueError("not an XML element")
    return etree.fromstring(f"{m.group(0)} {_DECLS}{xml[m.end():]}", _PARSER)


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def s_tbl_start(width: float, cell_margin_lr: float, border_pt: float, widths_twips: list[int]) -> str:
    """Opening of a table: the text of :func:`w_tblPr` and :func:`w_tblGrid` (close with ``</w:tbl>``)."""
    sz = max(2, int(round(border_pt * 8)))
    borders = "".join(f'<w:{s} w:val="single" w:sz="{sz}" w:space="0" w:color="000000"/>'
                      for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    lr, tb = twips(cell_margin_lr), 0
    mar = (f'<w:tblCellMar><w:top w:w="{tb}" w:type="dxa"/><w:left w:w="{lr}" w:type="dxa"/>'
           f'<w:bottom w:w="{tb}" w:type="dxa"/><w:right w:w="{lr}" w:type="dxa"/></w:tblCellMar>')
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths_twips)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{twips(width)}" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>{mar}'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>')


def s_tr_start(height_twips: int, *, header: bool = False) -> str:
    """Opening of a row, as :func:`w_tr` (close with ``</w:tr>``)."""
    return (f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{height_twips}" w:hRule="exact"/>'
            f'{"<w:tblHeader/>" if header else ""}</w:trPr>')


def s_tc_start(width_twips: int, *, grid_span: int = 1, v_merge: str | None = None, v_align: str = "top",
               shade: str | None = None, margin_lr: tuple[float, float] | None = None) -> str:
    """Opening of a cell, as :func:`w_tc` (close with ``</w:tc>``)."""
    out = [f'<w:tc><w:tcPr><w:tcW w:w="{width_twips}" w:type="dxa"/>']
    if grid_span > 1:
        out.append(f'<w:gridSpan w:val="{grid_span}"/>')
    if v_merge == "restart":
        out.append('<w:vMerge w:val="restart"/>')
    elif v_merge == "continue":
        out.append("<w:vMerge/>")
    if shade:
        out.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>')
    if margin_lr is not None:
        out.append(f'<w:tcMar><w:left w:w="{twips(margin_lr[0])}" w:type="dxa"/>'
                   f'<w:right w:w="{twips(margin_lr[1])}" w:type="dxa"/></w:tcMar>')
    out.append(f'<w:vAlign w:val="{v_align}"/></w:tcPr>')
    return "".join(out)


@functools.lru_cache(maxsize=64)
def s_p_start(*, align: str = "left", before: float = 0.0, line: float | None = None, keep_tiny: bool = False) -> str:
    """Opening of a paragraph, as :func:`w_p` without a section (close with ``</w:p>``)."""
    spacing = f'w:before="{twips(before)}" w:after="0"'
    if line or keep_tiny:
        spacing += f' w:line="{twips(1.0 if keep_tiny else line)}" w:lineRule="exact"'
    jc = "center" if align == "center" else ("right" if align == "right" else "left")
    tiny = '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>' if keep_tiny else ""
    return f'<w:p><w:pPr><w:spacing {spacing}/><w:jc w:val="{jc}"/>{tiny}</w:pPr>'


@functools.lru_cache(maxsize=64)
def s_rPr(font: str, size: float, bold: bool = False) -> str:
    """Run properties, as :func:`w_rPr`."""
    f = xml_escape(font, {'"': "&quot;"})
    half = int(round(size * 2))
    b = "<w:b/><w:bCs/>" if bold else ""
    return (f'<w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}" w:eastAsia="{f}"/>{b}'
            f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>')


def s_r(text: str, font: str, size: float, bold: bool = False, *, keep_hyphens: bool = False) -> str:
    """A text run, as :func:`w_r`."""
    pieces = text.split("-") if keep_hyphens else [text]
    out = ["<w:r>", s_rPr(font, size, bold)]
    for i, piece in enumerate(pieces):
        if i:
            out.append("<w:noBreakHyphen/>")
        if piece:
            out.append(f'<w:t xml:space="preserve">{_x(piece)}</w:t>')
    out.append("</w:r>")
    return "".join(out)


_SENTINELS = {"id": 7654321, "x": 7001.0, "y": 7002.0, "w": 7003.0, "h": 7004.0}


@functools.lru_cache(maxsize=256)
def _anchor_template(style: tuple[tuple[str, object], ...]) -> tuple[str, ...]:
    """The text of :func:`wps_anchor_new` for one style, split at its variable values (so a shape
    is one string join): even items are literal text, odd items the names of the values."""
    s = _SENTINELS
    proto = wps_anchor_new(s["id"], x=s["x"], y=s["y"], w=s["w"], h=s["h"], **dict(style))
    text = etree.tostring(proto, encoding="unicode")
    text = re.sub(r' xmlns:\w+="[^"]*"', "", text)
    sid, ex = s["id"], {k: emu(s[k]) for k in ("x", "y", "w", "h")}
    # each variable value in its exact context, so no text of the shape can be mistaken for one
    marks = [(f'relativeHeight="{251659264 + sid}"', 'relativeHeight="', "rel", '"'),
             (f' id="{sid}"', ' id="', "id", '"'), (f' {sid}"', " ", "id", '"'),
             (f"<wp:posOffset>{ex['x']}<", "<wp:posOffset>", "x", "<"),
             (f"<wp:posOffset>{ex['y']}<", "<wp:posOffset>", "y", "<"),
             (f'cx="{ex["w"]}"', 'cx="', "w", '"'), (f'cy="{ex["h"]}"', 'cy="', "h", '"')]
    for literal, before, name, after in marks:
        text = text.replace(literal, f"{before}\x00{name}\x00{after}")
    return tuple(text.split("\x00"))


def s_anchor_run(shape_id: int, *, x: float, y: float, w: float, h: float, **style: object) -> str:
    """A run holding one shape wrapped as :func:`mc_alternate_content` does, the text of
    ``mc_alternate_content(wps_anchor(...))``."""
    parts = _anchor_template(tuple(sorted(style.items())))
    values = {"rel": str(251659264 + shape_id), "id": str(shape_id), "x": str(emu(x)), "y": str(emu(y)),
              "w": str(emu(w)), "h": str(emu(h))}
    body = "".join(p if i % 2 == 0 else values[p] for i, p in enumerate(parts))
    return (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{body}</mc:Choice>'
            "<mc:Fallback/></mc:AlternateContent></w:r>")
