"""Lay out a whole SOP: the worksheet page (when the SOP has a ``lembar_kerja``), the identity page,
the flowchart pages, footers "Halaman X dari Y" (counting every page)."""

from __future__ import annotations

from dataclasses import replace

from sopdoc.errors import SopdocError
from sopdoc.layout.columns import actors_of
from sopdoc.layout.flowchart import layout_flow_pages
from sopdoc.layout.geometry import Label, LayoutDocument, Page, Rect
from sopdoc.layout.identity import layout_identity_page
from sopdoc.layout.metrics import font_set
from sopdoc.layout.notes import note
from sopdoc.layout.profile import PageProfile
from sopdoc.layout.text import LEADING, text_block
from sopdoc.layout.worksheet import layout_worksheet_page
from sopdoc.model.diagnostic import Diagnostic, Teks
from sopdoc.model.sop import Sop

__all__ = ["MAX_FLOW_CELLS", "LayoutTooLarge", "check_size", "layout_sop"]

FOOTER_SIZE = 7.0
MAX_FLOW_CELLS = 20_000
"""Steps × actors of one flowchart (its grid of cells). Real SOPs stay under ~50 × 12 = 600; 1,000
steps × 20 actors is still drawn. 999 × 200 took 63 s and 5.6 GB before a MemoryError, so a
larger grid is refused with SOP607 before anything is laid out or written."""


class LayoutTooLarge(SopdocError):
    """The SOP's flowchart grid is over :data:`MAX_FLOW_CELLS` (SOP607)."""


def check_size(sop: Sop) -> None:
    """Raise :class:`LayoutTooLarge` when the flowchart grid (steps × actors) is over the limit."""
    steps, actors = len(sop.kegiatan), len(actors_of(sop))
    if steps * max(actors, 1) > MAX_FLOW_CELLS:
        raise LayoutTooLarge(Teks(
            f"SOP607 bagan alir terlalu besar: {steps} kegiatan × {actors} pelaksana = {steps * actors} sel; "
            f"batasnya {MAX_FLOW_CELLS}",
            f"SOP607 flowchart too large: {steps} steps × {actors} actors = {steps * actors} cells; "
            f"the limit is {MAX_FLOW_CELLS}"))


def layout_sop(sop: Sop, profile: PageProfile | None = None) -> LayoutDocument:
    """The complete layout of ``sop`` under ``profile`` (the default profile when None)."""
    check_size(sop)
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
    if not identity.images and not any(c.text is not None and any(ln.strip() for ln in c.text.lines)
                                       for c in identity.cells if c.role == "kop.line"):
        notes.append(note("SOP608", ("identitas", "instansi")))
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
