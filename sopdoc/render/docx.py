"""DOCX painter: the identity page from a docxtpl template, the flowchart pages from the layout.

The document has one section for the worksheet page (when the SOP has a ``lembar_kerja``), one
for the identity page and one per flowchart page (so paper and
orientation can differ and every layout page starts a Word page); each flowchart page is one
table with exact row heights and native shapes (``docx_flow``). The footer "Halaman X dari Y"
uses PAGE/NUMPAGES fields; unsigned SOPs get a DRAFT watermark in the header (``docx_watermark``); the canonical SOP
travels as a customXml part (``docx_source`` reads it back).

Without ``template``, the identity page is the layout's own (``docx_identity``) on the shipped
template's package (styles, settings, numbering), whose body is then never rendered, only
replaced (``docx_template.shipped_document``); a user's template is rendered in the sandbox. The
pages' XML goes into the document part as the builders wrote it (``_ooxml.Splicer``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sopdoc.errors import UsageError
from sopdoc.layout.document import layout_sop
from sopdoc.layout.flowchart import HEADING_ROLES
from sopdoc.layout.geometry import Cell, LayoutDocument, Orientation, Page, PageKind
from sopdoc.layout.metrics import font_set
from sopdoc.layout.profile import PageProfile
from sopdoc.layout.rows import measure_step
from sopdoc.model.diagnostic import Teks
from sopdoc.model.sop import Sop
from sopdoc.ooxml.package import write_package
from sopdoc.render import _ooxml as ox
from sopdoc.render.context import CONTEXT_VARIABLES, template_context
from sopdoc.render.docx_flow import ShapeIds, flow_table_xml
from sopdoc.render.docx_identity import identity_table_xml, place_logo
from sopdoc.render.docx_sheet import title_paragraphs, worksheet_xml
from sopdoc.render.docx_template import Picture, picture_marker, render_document, shipped_document
from sopdoc.render.docx_watermark import watermark_run
from sopdoc.render.files import write_atomic
from sopdoc.resources import template_path
from sopdoc.source.writer import sop_to_yaml

__all__ = ["docx_bytes", "render_docx", "word_font"]

HEADER_DISTANCE = 20.0
FOOTER_SIZE = 7.0
ZIP_LEVEL = 1
"""Deflate level of the package (1: fastest; the DOCX is a few tens of kB either way)."""


def word_font(profile: PageProfile) -> str:
    """The Word font whose metrics the layout used (Liberation Sans/Serif are metric twins)."""
    return "Times New Roman" if profile.font == "serif" else "Arial"


def render_docx(sop: Sop, out_path: str | Path, *, profile: PageProfile | None = None,
                template: Path | None = None) -> None:
    """Write the DOCX of ``sop`` to ``out_path`` atomically (temp file in the same folder, then
    rename: on any failure no output file remains). Template faults raise :class:`UsageError`."""
    write_atomic(Path(out_path), docx_bytes(sop, profile=profile, template=template))


def docx_bytes(sop: Sop, *, profile: PageProfile | None = None, template: Path | None = None,
               layout: LayoutDocument | None = None, canonical: str | None = None,
               fills: Callable[[Page, Cell], str | None] | None = None) -> bytes:
    """The DOCX of ``sop`` as bytes (``layout`` and ``canonical``, the SOP's canonical YAML, may be
    passed when already computed; ``fills`` colours chosen flowchart cells, hex ``"FFEB8C"``)."""
    profile = profile or PageProfile()
    layout = layout or layout_sop(sop, profile)
    tpl_path = Path(template) if template is not None else template_path("sop.docx")
    logo = _logo(profile)
    doc = None
    if template is None and any(p.kind is PageKind.IDENTITY for p in layout.pages):
        # the layout's identity page replaces the template's body: nothing in it to render
        doc = shipped_document(tpl_path, {LOGO_TAG: logo} if logo else None)
    if doc is None:
        marker = picture_marker("logo")
        doc = render_document(tpl_path, template_context(sop, profile, marker if logo else ""), CONTEXT_VARIABLES,
                              {marker: logo} if logo else None)
    font = word_font(profile)
    body = ox.Splicer(doc.element.body)
    if template is None:  # sopdoc's own identity page: the layout's geometry, as in the PDF
        _identity_from_layout(doc, layout, profile, font, body)
    _assemble(doc, sop, layout, profile, font, body, fills)
    _embed_source(doc, sop_to_yaml(sop) if canonical is None else canonical)
    return write_package(doc, ZIP_LEVEL, blobs={doc.part.partname.membername: body.serialize(doc.element)})


def _identity_from_layout(doc: Any, layout: LayoutDocument, profile: PageProfile, font: str,
                          splicer: ox.Splicer) -> None:
    """Replace the shipped template's identity table with the layout's (``docx_identity``); the
    logo picture the template placed moves into the new kop cell, sized as the PDF draws it."""
    page = next((p for p in layout.pages if p.kind is PageKind.IDENTITY), None)
    body = doc.element.body
    old = body.find(ox.qn("w:tbl"))
    if page is None or old is None:
        return
    drawing = next(old.iter(ox.qn("w:drawing")), None)
    logo_run = drawing.getparent() if drawing is not None else None
    if logo_run is not None and page.images:
        logo_height = place_logo(logo_run, page.images[0].rect)
        # an element: the logo's run goes into it (and _assemble fits its width to the page)
        table = ox.parse_fragment(identity_table_xml(page, font, logo=True, logo_height=logo_height))
        table.find(".//" + ox.qn("w:p")).append(logo_run)
    else:  # text spliced in as it stands, already as wide as _assemble makes the body's tables
        table = splicer.element(identity_table_xml(page, font, width_tw=_text_width(page, profile)))
    old.addprevious(table)
    body.remove(old)


def _text_width(page: Page, profile: PageProfile) -> int:
    """The width between the side margins of ``page`` (twips)."""
    _mt, mr, _mb, ml = profile.margins_pt()
    return ox.twips(page.width - ml - mr)


LOGO_TAG = "{{ logo }}"
"""The text of the shipped template's paragraph where the kop logo goes."""
LOGO_HEIGHT = 60.0
"""Height of the kop logo (points; the width follows the picture)."""


def _logo(profile: PageProfile) -> Picture | None:
    """The profile's logo as a :class:`Picture` (None without one); an unreadable file is a
    :class:`UsageError`."""
    if not profile.logo:
        return None
    from docx.shared import Pt

    try:
        with open(profile.logo, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise UsageError(Teks(f"berkas logo tidak dapat dibaca: {profile.logo}: {exc.strerror}",
                              f"cannot read logo file: {profile.logo}: {exc.strerror}")) from None
    return Picture(data, height=Pt(LOGO_HEIGHT))


def _sect(page: Page, profile: PageProfile, refs: list[tuple[str, str, str]]) -> str:
    mt, mr, mb, ml = profile.margins_pt()
    footer = next((lb for lb in page.labels if lb.role == "footer"), None)
    footer_distance = page.height - footer.rect.bottom if footer else mb / 2
    return ox.s_sectPr(page.width, page.height, (mt, mr, mb, ml),
                       landscape=page.orientation is Orientation.LANDSCAPE,
                       header_distance=min(HEADER_DISTANCE, mt / 2), footer_distance=max(footer_distance, 0.0),
                       references=refs)


def _carrier(sect_pr: str = "") -> str:
    """An empty 1 pt paragraph (after a full-page table), ending a section when ``sect_pr`` is given."""
    return ox.s_p_start(keep_tiny=True, sect_pr=sect_pr) + "</w:p>"


def _header_footer(doc: Any, layout: LayoutDocument, font: str) -> list[tuple[str, str, str]]:
    """Fill the first section's header (watermark) and footer (page X of Y); their references."""
    section = doc.sections[0]
    section.different_first_page_header_footer = False
    pages = str(len(layout.pages))
    runs = (ox.s_r("Halaman ", font, FOOTER_SIZE) + ox.s_fld_runs("PAGE", "1", font, FOOTER_SIZE)
            + ox.s_r(" dari ", font, FOOTER_SIZE)
            + ox.s_fld_runs("NUMPAGES", pages, font, FOOTER_SIZE))
    _replace_content(section.footer.paragraphs[0]._p,
                     ox.s_p_start(align="right", line=FOOTER_SIZE * 1.2) + runs + "</w:p>")
    watermark = watermark_run(layout, font)
    _replace_content(section.header.paragraphs[0]._p, ox.s_p_start(keep_tiny=True) + watermark + "</w:p>")
    refs = []
    sect = doc.element.body.sectPr
    for ref in sect:
        if ref.tag in (ox.qn("w:headerReference"), ox.qn("w:footerReference")):
            kind = "header" if ref.tag == ox.qn("w:headerReference") else "footer"
            refs.append((kind, ref.get(ox.qn("w:type")), ref.get(ox.qn("r:id"))))
    return refs


def _replace_content(p: Any, xml: str) -> None:
    """Give the paragraph element ``p`` the children of the paragraph ``xml`` (an ``s_p_start`` …
    ``</w:p>`` text) instead of its own."""
    for child in list(p):
        p.remove(child)
    for child in list(ox.parse_fragment(xml)):
        p.append(child)


def _assemble(doc: Any, sop: Sop, layout: LayoutDocument, profile: PageProfile, font: str, splicer: ox.Splicer,
              fills: Callable[[Page, Cell], str | None] | None = None) -> None:
    """Identity section, then one section per flowchart page, with header/footer and settings
    (the pages' XML goes in through ``splicer``)."""
    body = doc.element.body
    ox.wp_inline_zero_distances(body)
    ox.w_compat_mode(doc.settings.element)
    refs = _header_footer(doc, layout, font)
    old_sect = body.sectPr
    identity = next((p for p in layout.pages if p.kind is PageKind.IDENTITY), layout.pages[0])
    width_tw = _text_width(identity, profile)
    for tbl in body.findall(ox.qn("w:tbl")):
        ox.w_tbl_fit_width(tbl, width_tw)
    flow = [(p, p.table) for p in layout.pages if p.kind is PageKind.FLOWCHART and p.table is not None]
    body.remove(old_sect)
    fonts = font_set(profile.font)
    size = profile.ukuran_font
    cache: dict[int, dict[int, str]] = {}

    def texts_of(step: int) -> dict[int, str]:
        if step not in cache:
            cols = flow[0][1].columns
            m = measure_step(sop.kegiatan[step], cols, fonts, size)
            # exactly what the layout wrapped: its sanitize() (today it turns newlines into spaces)
            cache[step] = {ci: fonts.sanitize(t)[0] for ci, t, _a, _m in m.texts}
        return cache[step]

    sheet = next((p for p in layout.pages if p.kind is PageKind.WORKSHEET), None)
    if sheet is not None:  # the worksheet section comes first and carries the header/footer
        lead = [*worksheet_xml(sheet, font), _carrier(_sect(sheet, profile, refs))]
        for i, xml in enumerate(lead):
            body.insert(i, splicer.element(xml))
        refs = []
    ids = ShapeIds()
    last = identity
    body.append(splicer.element(_carrier(_sect(identity, profile, refs) if flow else "")))
    for k, (page, table) in enumerate(flow):
        heading = [lb for lb in page.labels if lb.role in HEADING_ROLES]
        if heading:
            for p in title_paragraphs(heading, table.y, font):
                body.append(splicer.element(p))
        body.append(splicer.element(flow_table_xml(page, texts_of, font, font, ids, fills)))
        if k < len(flow) - 1:
            body.append(splicer.element(_carrier(_sect(page, profile, []))))
        else:
            body.append(splicer.element(_carrier()))
        last = page
    body.append(splicer.element(_sect(last, profile, [] if flow or sheet is not None else refs)))


def _embed_source(doc: Any, canonical: str) -> None:
    """Add the canonical SOP YAML as a customXml item (+ itemProps) related to the document."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    text, encoding = ox.source_text(canonical)
    package = doc.part.package
    used = {str(p.partname) for p in package.iter_parts()}
    n = 1
    while f"/customXml/item{n}.xml" in used or f"/customXml/itemProps{n}.xml" in used:
        n += 1
    guid = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "sopdoc:" + text[:64])).upper() + "}"
    item = Part(PackURI(f"/customXml/item{n}.xml"), "application/xml", ox.custom_xml_item(text, encoding), package)
    props = Part(PackURI(f"/customXml/itemProps{n}.xml"),
                 "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
                 ox.custom_xml_props(guid), package)
    item.relate_to(props, RT.CUSTOM_XML_PROPS)
    doc.part.relate_to(item, RT.CUSTOM_XML)
