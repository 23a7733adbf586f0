"""Bind a Buku SOP as one DOCX: front matter (cover, decree, contents) in one section, then every
SOP's own sections as sopdoc's DOCX painter made them, in order.

The book is built on the first SOP's package (so styles and numbering are the shipped template's,
the same in every SOP): its body is replaced, its embedded SOP source dropped. Each SOP's body is
copied in; its sections lose their own header/footer references, so every page shows the book's
footer ("Halaman N" with Word's PAGE field: the page number across the book — the front matter
in roman numerals, the SOPs from 1, like the contents list); pictures (logo, QR) are
related to the book's package; drawing ids are renumbered to stay unique; a Word bookmark marks
where each SOP starts.
"""

from __future__ import annotations

import copy
import io
import tempfile
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sopdoc.layout.geometry import Orientation
from sopdoc.layout.profile import PageProfile
from sopdoc.model.diagnostic import Teks
from sopdoc.ooxml.package import open_package, write_package
from sopdoc.render import _ooxml as ox
from sopdoc.render.buku.entries import Entry
from sopdoc.render.buku.front import T_CONTENTS, Cover
from sopdoc.render.buku.pdf import toc_rows
from sopdoc.render.buku.sk import SkLine
from sopdoc.render.docx import FOOTER_SIZE, word_font

__all__ = ["DocxBook", "bind_docx"]

_T_TOC_HEAD = (Teks("No", "No"), Teks("Nomor SOP", "SOP number"), Teks("Nama SOP", "SOP name"),
               Teks("Unit", "Unit"), Teks("Hal.", "Page"))
_REFS = ("w:headerReference", "w:footerReference")


SPLICE = "SOPDOC-BUKU-SOP"
"""The text of the placeholder paragraph where the SOPs' serialized bodies are spliced in."""
SPOOL_MEMORY = 32 * 1024 * 1024
"""Bytes of the SOPs' serialized bodies held in memory before they go to a temporary file (a book
of 1,000 SOPs has a document part of about 165 MB)."""
SPOOL_BLOCK = 1024 * 1024


def bind_docx(entries: Sequence[Entry], cover: Cover, sk: Sequence[SkLine], profile: PageProfile, lang: str,
              advance: Callable[[], None] | None = None) -> bytes:
    """The book as DOCX bytes; ``advance`` is called once per SOP bound (see :class:`DocxBook`,
    which binds the SOPs as they are rendered)."""
    with DocxBook() as book:
        for entry in entries:
            book.add(entry)
            if advance is not None:
                advance()
        return book.finish(entries, cover, sk, profile, lang)


class DocxBook:
    """A Buku SOP bound in DOCX one SOP at a time, in the order they are added, while the others
    are still being rendered; :meth:`finish` then builds the front matter and writes the book.

    Only the front matter is built as a tree; each SOP's body is parsed, adjusted and serialized on
    its own when it is added (so its document bytes need not be kept), its bytes go to a spool (a
    temporary file past ``SPOOL_MEMORY``) and are streamed into the document part as it is written,
    so memory holds one SOP's tree at a time and not the document part (a book of 1,000 SOPs has
    one of about 165 MB)."""

    def __init__(self) -> None:
        self._spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY)  # noqa: SIM115  # closed by close()
        self._book: Any = None
        self._refs: list[Any] = []
        self._last: Any = None
        self._count = 0
        self._drawings = 0

    def __enter__(self) -> DocxBook:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._spool.close()

    def _start(self, data: bytes) -> None:
        """The book's package: the first SOP's (its styles and numbering are the shipped template's)."""
        import docx
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        book = docx.Document(io.BytesIO(data))
        for rid, rel in list(book.part.rels.items()):  # the first SOP's embedded source is not the book's
            if rel.reltype == RT.CUSTOM_XML:
                book.part.drop_rel(rid)
        body = book.element.body
        final = body.sectPr
        ref_tags = {ox.qn(t) for t in _REFS}
        owner = next((sect for sect in body.iter(ox.qn("w:sectPr")) if any(el.tag in ref_tags for el in sect)),
                     final)
        self._refs = [copy.deepcopy(el) for el in owner if el.tag in ref_tags]
        for child in list(body):
            if child is not final:  # python-docx adds paragraphs before the body's sectPr
                body.remove(child)
        self._book = book

    def add(self, entry: Entry) -> None:
        """Bind the next SOP (its DOCX in ``entry.data``) after the ones before it."""
        import docx
        from lxml import etree

        assert entry.data is not None
        if self._book is None:
            self._start(entry.data)
        self._count += 1
        n = self._count
        src_body = _sop_body(entry.data)
        children = [c for c in src_body if c.tag != ox.qn("w:sectPr")]
        if self._last is not None:
            self._spool.write(etree.tostring(_carrier(self._last)))
        if any(True for _ in src_body.iter(ox.qn("a:blip"))):  # pictures need the book's relationships
            source = docx.Document(io.BytesIO(entry.data))
            for child in children:
                _relink_pictures(child, source.part, self._book.part)
        first_section = True
        for k, child in enumerate(children):
            for sect in child.iter(ox.qn("w:sectPr")):
                _strip_refs(sect)
                if n == 1 and first_section:
                    _page_numbers(sect, start=1)
                first_section = False
            for pr in child.iter(ox.qn("wp:docPr")):  # unique drawing ids across the book
                self._drawings += 1
                pr.set("id", str(self._drawings))
            if k == 0:
                _bookmark(child, n)
            self._spool.write(etree.tostring(child))
        self._last = src_body.find(ox.qn("w:sectPr"))
        if self._last is not None:
            _strip_refs(self._last)
            if n == 1 and first_section:
                _page_numbers(self._last, start=1)

    def finish(self, entries: Sequence[Entry], cover: Cover, sk: Sequence[SkLine], profile: PageProfile,
               lang: str) -> bytes:
        """The book's bytes: footer, cover, decree and contents (``entries``, the SOPs added, for
        their identity and pages: their documents are not read again) before the SOPs' bodies."""
        from docx.opc.oxml import serialize_part_xml

        assert self._book is not None and len(entries) == self._count
        book = self._book
        body = book.element.body
        final = body.sectPr
        font = word_font(profile)
        _book_footer(book, self._refs, font, lang)
        _front(book, cover, sk, entries, font, lang)
        body.remove(final)
        width, height = profile.page_size(Orientation.PORTRAIT)
        mt, mr, mb, ml = profile.margins_pt()
        front = ox.parse_fragment(ox.s_sectPr(width, height, (mt, mr, mb, ml), landscape=False,
                                              header_distance=min(20.0, mt / 2), footer_distance=mb / 2))
        for i, ref in enumerate(self._refs):
            front.insert(i, ref)
        _page_numbers(front, fmt="lowerRoman")
        body.append(_carrier(front))
        body.append(ox.parse_fragment(f"<w:p><w:r><w:t>{SPLICE}</w:t></w:r></w:p>"))
        if self._last is not None:
            body.append(self._last)
        xml = serialize_part_xml(book.part.element)
        at = xml.index(SPLICE.encode())
        start, end = xml.rindex(b"<w:p", 0, at), xml.index(b"</w:p>", at) + len(b"</w:p>")
        before, after = xml[:start], xml[end:]
        spool = self._spool

        def document() -> Iterator[bytes]:
            yield before
            spool.seek(0)
            while block := spool.read(SPOOL_BLOCK):
                yield block
            yield after

        return write_package(book, blobs={book.part.partname.membername: document()})


def _sop_body(data: bytes) -> Any:
    """The ``w:body`` of one SOP's DOCX (sopdoc's own output, read through the hardened reader)."""
    with open_package(data) as package:
        root = package.xml("word/document.xml")
    return root.find(ox.qn("w:body"))


def _book_footer(book: Any, refs: list[Any], font: str, lang: str) -> None:
    """The footers become "Halaman N": the page across the book (a total would count the front
    matter's pages as well, which the contents do not)."""
    word = Teks("Halaman ", "Page ").get(lang)
    xml = (ox.s_p_start(align="right", line=FOOTER_SIZE * 1.2) + ox.s_r(word, font, FOOTER_SIZE)
           + ox.s_fld_runs("PAGE", "1", font, FOOTER_SIZE) + "</w:p>")
    for ref in refs:
        if ref.tag != ox.qn("w:footerReference"):
            continue
        part = book.part.related_parts[ref.get(ox.qn("r:id"))]
        root = part.element
        paragraphs = root.findall(ox.qn("w:p"))
        for extra in paragraphs[1:]:
            root.remove(extra)
        new = ox.parse_fragment(xml)
        if paragraphs:
            root.replace(paragraphs[0], new)
        else:
            root.append(new)


def _carrier(sect: Any) -> Any:
    """An empty paragraph that ends a section with the properties ``sect``."""
    p = ox.parse_fragment(ox.s_p_start(keep_tiny=True) + "</w:p>")
    ppr = p.find(ox.qn("w:pPr"))
    if ppr is None:
        ppr = ox.parse_fragment('<w:pPr/>')
        p.insert(0, ppr)
    ppr.append(sect)
    return p


def _strip_refs(sect: Any) -> None:
    for el in list(sect):
        if el.tag in (ox.qn("w:headerReference"), ox.qn("w:footerReference"), ox.qn("w:titlePg")):
            sect.remove(el)


def _page_numbers(sect: Any, *, fmt: str | None = None, start: int | None = None) -> None:
    """Set the section's page number format or restart (``w:pgNumType`` before ``w:cols``)."""
    for el in sect.findall(ox.qn("w:pgNumType")):
        sect.remove(el)
    attrs = (f' w:fmt="{fmt}"' if fmt else "") + (f' w:start="{start}"' if start is not None else "")
    el = ox.parse_fragment(f"<w:pgNumType{attrs}/>")
    cols = sect.find(ox.qn("w:cols"))
    if cols is not None:
        cols.addprevious(el)
    else:
        sect.append(el)


def _relink_pictures(el: Any, source_part: Any, book_part: Any) -> None:
    """Give the pictures of ``el`` (``a:blip r:embed``) relationships in the book's package: each
    picture added once (python-docx names and deduplicates image parts by content)."""
    embed = ox.qn("r:embed")
    for blip in el.iter(ox.qn("a:blip")):
        rid = blip.get(embed)
        if rid and rid in source_part.rels:
            new_rid, _image = book_part.get_or_add_image(io.BytesIO(source_part.related_parts[rid].blob))
            blip.set(embed, new_rid)


def _bookmark(el: Any, n: int) -> None:
    """A Word bookmark ``SOP_n`` at the start of the paragraph or table ``el``."""
    target = el if el.tag == ox.qn("w:p") else next(el.iter(ox.qn("w:p")), None)
    if target is None:
        return
    start = ox.parse_fragment(f'<w:bookmarkStart w:id="{n}" w:name="SOP_{n}"/>')
    end = ox.parse_fragment(f'<w:bookmarkEnd w:id="{n}"/>')
    ppr = target.find(ox.qn("w:pPr"))
    at = 1 if ppr is not None and target.index(ppr) == 0 else 0
    target.insert(at, start)
    target.insert(at + 1, end)


def _renumber_drawings(body: Any) -> None:
    """Unique ``wp:docPr`` ids across the book (each SOP numbered its own from 1000)."""
    for n, pr in enumerate(body.iter(ox.qn("wp:docPr")), 1):
        pr.set("id", str(n))


def _front(book: Any, cover: Cover, sk: Sequence[SkLine], entries: Sequence[Entry], font: str, lang: str) -> None:
    """Cover, decree and contents paragraphs (python-docx), each part on a new page."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt
    from docx.table import _Cell

    def para(text: str, size: float = 10.0, bold: bool = False, align: Any = None, indent: float = 0.0) -> Any:
        p = book.add_paragraph()
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.left_indent = Pt(indent)
        p.paragraph_format.space_after = Pt(2)
        run = p.add_run(text)
        run.font.name, run.font.size, run.bold = font, Pt(size), bold
        return p

    centre = WD_ALIGN_PARAGRAPH.CENTER
    for _ in range(8):
        para("")
    para(cover.judul, 22, True, centre)
    para("")
    for kop in cover.instansi:
        para(kop, 14, True, centre)
    para("")
    para(cover.tahun, 22, True, centre)
    para(Teks(f"{cover.jumlah} SOP", f"{cover.jumlah} SOPs").get(lang), 10, False, centre)
    para("").add_run().add_break(WD_BREAK.PAGE)
    for line in sk:
        if line.gap:
            para("")
        elif line.centred:
            para(line.text, 10, line.bold, centre)
        else:
            para(line.text, 10, False, None, 240.0 if line.right else (90.0 if line.indent else 0.0))
    para("").add_run().add_break(WD_BREAK.PAGE)
    para(T_CONTENTS.get(lang), 11, True, centre)
    rows = toc_rows(entries)
    table = book.add_table(rows=1 + len(rows), cols=5)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if "Table Grid" in [s.name for s in book.styles]:
        table.style = book.styles["Table Grid"]
    values = [[t.get(lang) for t in _T_TOC_HEAD]]
    values += [[str(i), r.nomor or "-", r.nama or "-", r.unit or "-", str(r.page)] for i, r in enumerate(rows, 1)]
    # Row by row through the table's own elements: python-docx's ``table.cell(r, c)`` lists every
    # cell of the table on each call, which made the contents of a 1,000-SOP book quadratic.
    for r, (tr, row) in enumerate(zip(table._tbl.tr_lst, values, strict=True)):
        for tc, text in zip(tr.tc_lst, row, strict=True):
            run = _Cell(tc, table).paragraphs[0].add_run(text)
            run.font.name, run.font.size, run.bold = font, Pt(8), r == 0
