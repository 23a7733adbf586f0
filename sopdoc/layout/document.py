"""Lay out a whole SOP: the worksheet page (when the SOP has a ``lembar_kerja``), the identity page,
the flowchart pages, footers "Halaman X dari Y" (counting every page)."""

from __future__ import annotations

from dataclasses import replace

from sopdoc.model.diagnostic import Diagnostic
from sopdoc.model.sop import Sop
from sopdoc.layout.flowchart import layout_flow_pages
from sopdoc.layout.geometry import Label, LayoutDocument, Page, Rect
from sopdoc.layout.metrics import font_set
from sopdoc.layout.notes import note
from sopdoc.layout.profile import PageProfile
from sopdoc.layout.text import LEADING, text_block

__all__ = ["layout_sop"]

FOOTER_SIZE = 7.0


def layout_sop(sop: Sop, profile: PageProfile | None = None) -> LayoutDocument:
    """The complete layout of ``sop`` under ``profile`` (the default profile when None)."""
    from sopdoc.layout.identity import layout_identity_page
    from sopdoc.layout.worksheet import layout_worksheet_page

    profile = profile or PageProfile()
    fonts = font_set(profile.font)
    notes: list[Diagnostic] = []
    if not fonts.embedded:
        notes.append(note("SOP606"))
    identity, replaced, clipped = layout_identity_page(sop, profile, fonts)
    if replaced:
        notes.append(note("SOP602", ("identitas",)))
    if clipped:
        notes.append(note("SOP601", ("identitas",)))
    sheet, sheet_replaced, sheet_clipped = layout_worksheet_page(sop, profile, fonts)
    if sheet_replaced:
        notes.append(note("SOP602", ("lembar_kerja",)))
    if sheet_clipped:
        notes.append(note("SOP601", ("lembar_kerja",)))
    lead = [sheet] if sheet is not None else []
    if sheet is not None:
        identity = replace(identity, number=2)
    flow, flow_notes = layout_flow_pages(sop, profile, fonts, len(lead) + 2)
    notes.extend(flow_notes)
    pages = [*lead, identity, *flow]
    total = len(pages)
    pages = [replace(p, labels=(*p.labels, _footer(p, total, profile, fonts))) for p in pages]
    ident = sop.identitas
    seen: set[tuple[str, tuple[object, ...]]] = set()
    unique = []
    for d in notes:
        if (d.code, d.path) not in seen:
            seen.add((d.code, d.path))
            unique.append(d)
    return LayoutDocument(
        pages=tuple(pages), title=ident.nama or "SOP", subject=ident.nomor or "",
        draft=ident.tanggal_efektif is None and profile.tanda_air, paper=profile.kertas,
        font_regular=fonts.regular, font_bold=fonts.bold, font_italic=fonts.italic,
        font_files=fonts.files, warnings=tuple(unique),
        font_fallback=fonts.fallback, font_fallback_bold=fonts.fallback_bold,
    )


def _footer(page: Page, total: int, profile: PageProfile, fonts) -> Label:
    """"Halaman X dari Y", right-aligned under the content area."""
    text = f"Halaman {page.number} dari {total}"
    _, mr, mb, _ = profile.margins_pt()
    w = fonts.width(text, FOOTER_SIZE) + 2
    rect = Rect(page.width - mr - w, page.height - mb + 6, w, FOOTER_SIZE * LEADING)
    block, _ = text_block(text, fonts, FOOTER_SIZE, rect, pad_x=1, pad_top=0)
    return Label(rect=rect, text=block, role="footer")
