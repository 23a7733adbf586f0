"""The front matter of a Buku SOP as PDF pages (reportlab): cover, decree, table of contents.

The contents list needs the page where each SOP starts, which depends on how many pages the front
matter itself takes; :func:`front_pdf` is therefore called with the page count of the front
matter guessed, and the caller repeats until the count it gets back is the one it assumed (the
contents' length does not depend on the numbers it prints, so this settles at the second call).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sopdoc.layout.geometry import Orientation
from sopdoc.layout.metrics import ensure_font, font_set
from sopdoc.layout.profile import PageProfile
from sopdoc.model.diagnostic import Teks
from sopdoc.render.buku.sk import SkLine
from sopdoc.safe_text import xml_escape

__all__ = ["T_CONTENTS", "T_DECREE", "Cover", "TocRow", "front_pdf"]

T_CONTENTS = Teks("DAFTAR ISI", "CONTENTS")
T_DECREE = Teks("KEPUTUSAN PENGESAHAN", "DECREE OF APPROVAL")
_DIKTUM = re.compile(r"^(\w+)\s+:\s+(.*)$", re.DOTALL)
_T_TOC_HEAD = (Teks("No", "No"), Teks("Nomor SOP", "SOP number"), Teks("Nama SOP", "SOP name"),
               Teks("Unit", "Unit"), Teks("Hal.", "Page"))


@dataclass(frozen=True)
class Cover:
    """What the cover shows."""

    judul: str
    instansi: tuple[str, ...]
    tahun: str
    jumlah: int


@dataclass(frozen=True)
class TocRow:
    """One line of the contents: the SOP and the book page where it starts."""

    nomor: str
    nama: str
    unit: str
    page: int


def front_pdf(cover: Cover, sk: Sequence[SkLine], toc: Sequence[TocRow], profile: PageProfile,
              lang: str) -> tuple[bytes, int, int, int]:
    """The front matter: ``(pdf bytes, total pages, first page of the decree, first page of the
    contents)`` (pages counted from 1)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )
    from reportlab.platypus.flowables import Flowable

    fonts = font_set(profile.font)
    for face in (fonts.regular, fonts.bold):
        ensure_font(face)
    size = max(profile.ukuran_font + 2, 9.0)
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=size, leading=size * 1.35, alignment=TA_JUSTIFY)
    centred = ParagraphStyle("centred", parent=body, alignment=TA_CENTER)
    bold_c = ParagraphStyle("bold_c", parent=centred, fontName=fonts.bold)
    big = ParagraphStyle("big", parent=bold_c, fontSize=size * 2.2, leading=size * 2.8)
    cell = ParagraphStyle("cell", parent=body, fontSize=size - 1, leading=(size - 1) * 1.25, alignment=0)
    head = ParagraphStyle("head", parent=cell, fontName=fonts.bold)
    width, height = profile.page_size(Orientation.PORTRAIT)
    mt, mr, mb, ml = profile.margins_pt()
    marks: dict[str, int] = {}

    class _Mark(Flowable):
        """Records the page it lands on (zero size)."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

        def wrap(self, _w: float, _h: float) -> tuple[float, float]:
            return 0.0, 0.0

        def draw(self) -> None:
            marks[self.key] = self.canv.getPageNumber()

    def p(text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(xml_escape(text), style)

    story: list = [Spacer(1, (height - mt - mb) * 0.22), p(cover.judul, big), Spacer(1, size * 3)]
    kop = ParagraphStyle("kop", parent=bold_c, fontSize=size * 1.4, leading=size * 1.9)
    story += [p(line, kop) for line in cover.instansi]
    story += [Spacer(1, size * 2), p(cover.tahun, big), Spacer(1, size * 2),
              p(Teks(f"{cover.jumlah} SOP", f"{cover.jumlah} SOPs").get(lang), centred)]
    story += [NextPageTemplate("body"), PageBreak(), _Mark("sk")]
    half = (width - ml - mr) / 2
    right = ParagraphStyle("right", parent=body, leftIndent=half, alignment=0)
    listed = ParagraphStyle("listed", parent=body, leftIndent=(width - ml - mr) * 0.21, alignment=0)
    for line in sk:
        diktum = _DIKTUM.match(line.text)
        if line.gap:
            story.append(Spacer(1, size))
        elif line.centred:
            story.append(p(line.text, bold_c if line.bold else centred))
        elif line.right:
            story.append(p(line.text, right))
        elif line.indent:
            story.append(p(line.text, listed))
        elif diktum:
            usable = width - ml - mr
            row = Table([[p(diktum.group(1), body), p(":", body), p(diktum.group(2), body)]],
                        colWidths=[usable * 0.18, usable * 0.03, usable * 0.79])
            row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                     ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
            story.append(row)
        else:
            story.append(p(line.text, body))
    story += [PageBreak(), _Mark("toc"), p(T_CONTENTS.get(lang), bold_c), Spacer(1, size)]
    usable = width - ml - mr
    data = [[p(t.get(lang), head) for t in _T_TOC_HEAD]]
    data += [[p(str(i), cell), p(row.nomor or "-", cell), p(row.nama or "-", cell), p(row.unit or "-", cell),
              p(str(row.page), cell)] for i, row in enumerate(toc, 1)]
    table = Table(data, colWidths=[usable * f for f in (0.06, 0.24, 0.44, 0.18, 0.08)], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9))]))
    story.append(table)
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=(width, height), leftMargin=ml, rightMargin=mr, topMargin=mt,
                          bottomMargin=mb, title=cover.judul, invariant=1)
    frame = Frame(ml, mb, width - ml - mr, height - mt - mb, id="f")
    doc.addPageTemplates([PageTemplate("cover", [frame]), PageTemplate("body", [frame])])
    doc.build(story)
    return buf.getvalue(), doc.page, marks.get("sk", 2), marks.get("toc", 3)
