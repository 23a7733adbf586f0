"""Bind a Buku SOP as one PDF: front matter, then every SOP's own pages, a page number across the
book stamped at the foot of every page (front matter in roman numerals, the SOPs from 1, as the
PDF's page labels say too), and an outline entry per SOP (plus cover, decree and contents)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from sopdoc.layout.profile import PageProfile
from sopdoc.model.diagnostic import Teks
from sopdoc.render.buku.entries import Entry
from sopdoc.render.buku.front import T_CONTENTS, T_DECREE, Cover, TocRow, front_pdf
from sopdoc.render.buku.sk import SkLine

__all__ = ["T_COVER", "bind_pdf", "roman", "toc_rows"]

T_COVER = Teks("Sampul", "Cover")
NUMBER_SIZE = 8.0
NUMBER_BOTTOM = 14.0
"""Size and height above the page's lower edge of the book's page number (points)."""


def roman(n: int) -> str:
    """``n`` in lower-case roman numerals (front matter pages)."""
    out = []
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def toc_rows(entries: Sequence[Entry]) -> list[TocRow]:
    """The contents with each SOP's first page (SOP pages numbered from 1)."""
    rows, page = [], 1
    for e in entries:
        rows.append(TocRow(e.nomor, e.nama, e.unit, page))
        page += e.pages
    return rows


def bind_pdf(entries: Sequence[Entry], cover: Cover, sk: Sequence[SkLine], profile: PageProfile, lang: str,
             advance: Callable[[], None] | None = None) -> bytes:
    """The book: ``entries`` (each with its PDF) after the front matter; ``advance`` is called once
    per SOP bound (a progress bar)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import PageLabelStyle

    rows = toc_rows(entries)
    front, front_pages, sk_page, toc_page = front_pdf(cover, sk, rows, profile, lang)
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front)))
    writer.add_outline_item(title=T_COVER.get(lang), page_number=0)
    writer.add_outline_item(title=T_DECREE.get(lang), page_number=sk_page - 1)
    writer.add_outline_item(title=T_CONTENTS.get(lang), page_number=toc_page - 1)
    for entry in entries:
        assert entry.data is not None
        start = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(entry.data)), import_outline=False)
        title = " — ".join(part for part in (entry.nomor, entry.nama) if part) or entry.path
        writer.add_outline_item(title=title, page_number=start)
        if advance is not None:
            advance()
    _stamp_numbers(writer, front_pages)
    writer.set_page_label(0, front_pages - 1, style=PageLabelStyle.LOWERCASE_ROMAN)
    if len(writer.pages) > front_pages:
        writer.set_page_label(front_pages, len(writer.pages) - 1, style=PageLabelStyle.DECIMAL, start=1)
    writer.add_metadata({"/Title": cover.judul, "/Creator": "sopdoc buku"})
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _stamp_numbers(writer, front_pages: int) -> None:
    """Write the book's page number at the foot of every page after the cover: one small content
    stream per page (the page's own content wrapped in q/Q so its graphics state cannot leak),
    drawn in the standard Helvetica (nothing embedded) — far cheaper than merging pages."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding")}))
    save = DecodedStreamObject()
    save.set_data(b"q\n")
    save_ref = writer._add_object(save)
    for i, page in enumerate(writer.pages):
        if i == 0:
            continue
        label = roman(i + 1) if i < front_pages else str(i - front_pages + 1)
        width = float(page.mediabox.width)
        x = float(page.mediabox.left) + width / 2 - len(label) * NUMBER_SIZE * 0.28
        y = float(page.mediabox.bottom) + NUMBER_BOTTOM
        stamp = DecodedStreamObject()
        stamp.set_data(f"Q q BT /SopdocNo {NUMBER_SIZE:g} Tf {x:.2f} {y:.2f} Td ({label}) Tj ET Q\n".encode("ascii"))
        contents = page.get("/Contents")
        old = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else (
            [contents] if contents is not None else [])
        page[NameObject("/Contents")] = ArrayObject([save_ref, *old, writer._add_object(stamp)])
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        fonts = resources.get("/Font")
        fonts = fonts.get_object() if fonts is not None else DictionaryObject()
        fonts[NameObject("/SopdocNo")] = font
        resources[NameObject("/Font")] = fonts
        page[NameObject("/Resources")] = resources
