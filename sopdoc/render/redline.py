"""Redline of a revision: the new version's own pages with the changed cells coloured, then a
"Daftar Perubahan" list (old → new) — for a revision's approval file (``sopdoc diff -o``).

Colours: yellow for a changed cell, green for an added step's row, blue for a step that moved
or only got a new number (its NO and KEGIATAN cells). Both colour identity cells, box bodies and
flowchart cells (the DOCX finds the identity cells of the shipped template by their labels and box
titles), and both end with the full list, which names every change including those of
the identity, the boxes and removed steps (no cell shows them in the new version).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from sopdoc.layout.document import layout_sop
from sopdoc.layout.geometry import Cell, ColumnKind, LayoutDocument, Page, PageKind
from sopdoc.layout.metrics import ensure_font
from sopdoc.layout.profile import PageProfile
from sopdoc.model.diagnostic import Teks
from sopdoc.model.labels import BOX_TITLES, IDENTITY_FIELD_LABELS
from sopdoc.model.sop import Sop
from sopdoc.ooxml.package import write_package
from sopdoc.render import _ooxml as ox
from sopdoc.render.docx import docx_bytes, word_font
from sopdoc.render.pdf import render_pdf
from sopdoc.revisi.changes import Bagian, Jenis, Perubahan, Revisi, letak
from sopdoc.revisi.output import summary

__all__ = ["ADDED", "CHANGED", "MOVED", "RedlineMarks", "redline_docx", "redline_marks", "redline_pdf"]

RGB = tuple[float, float, float]
CHANGED: RGB = (1.0, 0.92, 0.55)
ADDED: RGB = (0.75, 0.92, 0.75)
MOVED: RGB = (0.75, 0.86, 0.98)

_STEP_COLUMN = {
    "uraian": ColumnKind.KEGIATAN,
    "mutu_baku.kelengkapan": ColumnKind.KELENGKAPAN,
    "mutu_baku.waktu": ColumnKind.WAKTU,
    "mutu_baku.output": ColumnKind.OUTPUT,
    "keterangan": ColumnKind.KETERANGAN,
}
"""Step fields shown in one column; the others (pelaksana, simbol, cabang) are in actor columns."""


def _identity_role(field_: str) -> str | None:
    """The identity-page cell role that shows ``field_``."""
    if field_ in ("identitas.instansi", "identitas.unit", "identitas.alamat"):
        return "kop"
    if field_.startswith("identitas.disahkan_oleh."):
        return "disahkan_oleh.value"
    if field_.startswith("identitas."):
        return f"{field_.removeprefix('identitas.')}.value"
    if field_ == "periode":
        return "periode.value"
    return None


@dataclass
class RedlineMarks:
    """Which cells of the new version's layout are coloured: identity roles, and per step index
    (in the new ``kegiatan``) the column kinds (``None``: the whole row) or actor names."""

    roles: dict[str, RGB] = field(default_factory=dict)
    rows: dict[int, RGB] = field(default_factory=dict)
    columns: dict[tuple[int, ColumnKind], RGB] = field(default_factory=dict)
    actors: dict[tuple[int, str], RGB] = field(default_factory=dict)

    def fill(self, page: Page, cell: Cell) -> RGB | None:
        """The colour of ``cell`` on ``page`` (None: not marked)."""
        if page.kind is PageKind.IDENTITY:
            return self.roles.get(cell.role)
        table = page.table
        if page.kind is not PageKind.FLOWCHART or table is None or not 0 <= cell.row < len(table.rows):
            return None
        row = table.rows[cell.row]
        if row.header or row.step is None or not 0 <= cell.col < len(table.columns):
            return None
        if row.step in self.rows:
            return self.rows[row.step]
        column = table.columns[cell.col]
        if column.kind is ColumnKind.PELAKSANA:
            return self.actors.get((row.step, column.actor or ""))
        return self.columns.get((row.step, column.kind))


def redline_marks(revisi: Revisi, new: Sop) -> RedlineMarks:
    """The cells to colour for ``revisi`` on the layout of ``new``."""
    marks = RedlineMarks()
    for p in revisi.perubahan:
        if p.bagian is Bagian.IDENTITAS or (p.bagian is Bagian.LAIN and p.field == "periode"):
            role = _identity_role(p.field)
            if role:
                marks.roles[role] = CHANGED
        elif p.bagian is Bagian.KOTAK:
            marks.roles[p.field] = CHANGED
        elif p.bagian is Bagian.LANGKAH and p.langkah_baru is not None:
            _mark_step(marks, p, new)
    return marks


def _mark_step(marks: RedlineMarks, p: Perubahan, new: Sop) -> None:
    j = p.langkah_baru
    assert j is not None
    if p.jenis is Jenis.DITAMBAH and not p.field:
        marks.rows[j] = ADDED
    elif p.jenis in (Jenis.DIPINDAH, Jenis.DINOMORI_ULANG):
        marks.columns.setdefault((j, ColumnKind.NO), MOVED)
        if p.jenis is Jenis.DIPINDAH:
            marks.columns.setdefault((j, ColumnKind.KEGIATAN), MOVED)
    elif p.field in _STEP_COLUMN:
        marks.columns[(j, _STEP_COLUMN[p.field])] = CHANGED
    else:  # pelaksana, simbol, cabang: the actor cells of the step, old actors included
        actors = set(new.kegiatan[j].pelaksana)
        if p.field == "pelaksana" and p.lama:
            actors |= {a.strip() for a in p.lama.split(",")}
        for actor in actors:
            marks.actors[(j, actor)] = CHANGED


def _hex(colour: RGB) -> str:
    return "".join(f"{round(c * 255):02X}" for c in colour)


_KIND_NAMES = {
    Jenis.DITAMBAH: Teks("ditambah", "added"), Jenis.DIHAPUS: Teks("dihapus", "removed"),
    Jenis.DIUBAH: Teks("diubah", "changed"), Jenis.DIPINDAH: Teks("dipindah", "moved"),
    Jenis.DINOMORI_ULANG: Teks("dinomori ulang", "renumbered"),
}
_KIND_COLOURS = {Jenis.DITAMBAH: ADDED, Jenis.DIHAPUS: (0.96, 0.78, 0.78), Jenis.DIUBAH: CHANGED,
                 Jenis.DIPINDAH: MOVED, Jenis.DINOMORI_ULANG: MOVED}

_T_TITLE = Teks("DAFTAR PERUBAHAN", "LIST OF CHANGES")
_T_HEAD = (Teks("No", "No"), Teks("Letak", "Where"), Teks("Jenis", "Kind"), Teks("Semula", "Old"),
           Teks("Menjadi", "New"))
_T_LEGEND = Teks("Warna pada lembar SOP: kuning = diubah, hijau = langkah ditambah, biru = langkah dipindah "
                 "atau dinomori ulang. Langkah yang dihapus hanya tercantum di daftar ini.",
                 "Colours on the SOP sheets: yellow = changed, green = step added, blue = step moved or "
                 "renumbered. Removed steps appear only in this list.")


def _rows(revisi: Revisi, lang: str) -> list[tuple[str, str, str, str, str, RGB]]:
    return [(str(n), letak(p).get(lang), _KIND_NAMES[p.jenis].get(lang), p.lama or "–", p.baru or "–",
             _KIND_COLOURS[p.jenis]) for n, p in enumerate(revisi.perubahan, 1)]


def _title_lines(new: Sop, old_name: str, new_name: str, revisi: Revisi, lang: str) -> list[str]:
    ident = new.identitas
    name = " ".join(filter(None, [ident.nama, f"({ident.nomor})" if ident.nomor else None]))
    return [line for line in (name, summary(revisi, old_name, new_name).get(lang)) if line]


# --------------------------------------------------------------------------- PDF


def redline_pdf(old: Sop, new: Sop, revisi: Revisi, *, old_name: str, new_name: str, lang: str = "id",
                profile: PageProfile | None = None) -> bytes:
    """The redline PDF: ``new`` laid out as usual with the changed cells coloured, then the list."""
    from pypdf import PdfReader, PdfWriter

    profile = profile or PageProfile()
    layout = layout_sop(new, profile)
    marks = redline_marks(revisi, new)
    sheets = render_pdf(new, layout, attach=False, fills=marks.fill)
    listing = _list_pdf(new, revisi, layout, old_name, new_name, lang)
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(sheets)))
    first_list_page = len(writer.pages)
    writer.append(PdfReader(io.BytesIO(listing)))
    writer.add_outline_item(title=_T_TITLE.get(lang), page_number=first_list_page)
    writer.add_metadata({"/Title": f"Redline: {layout.title}", "/Creator": "sopdoc diff"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _list_pdf(new: Sop, revisi: Revisi, layout: LayoutDocument, old_name: str, new_name: str, lang: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from sopdoc.safe_text import xml_escape as xml_text

    flow = layout.flow_pages[0] if layout.flow_pages else layout.pages[0]
    regular, bold = layout.font_regular, layout.font_bold
    ensure_font(regular)
    ensure_font(bold)
    body = ParagraphStyle("body", fontName=regular, fontSize=8, leading=10)
    head = ParagraphStyle("head", parent=body, fontName=bold)
    title = ParagraphStyle("title", parent=body, fontName=bold, fontSize=12, leading=15)
    buf = io.BytesIO()
    margin = 36.0
    doc = SimpleDocTemplate(buf, pagesize=(flow.width, flow.height), leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, title=_T_TITLE.get(lang), invariant=1)
    story: list = [Paragraph(xml_text(_T_TITLE.get(lang)), title)]
    story += [Paragraph(xml_text(line), body) for line in _title_lines(new, old_name, new_name, revisi, lang)]
    story += [Paragraph(xml_text(_T_LEGEND.get(lang)), body), Spacer(1, 8)]
    width = flow.width - 2 * margin
    data: list[list] = [[Paragraph(xml_text(t.get(lang)), head) for t in _T_HEAD]]
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9))]
    for r, (no, where, kind, lama, baru, colour) in enumerate(_rows(revisi, lang), 1):
        data.append([Paragraph(xml_text(v), body) for v in (no, where, kind, lama, baru)])
        style.append(("BACKGROUND", (2, r), (2, r), colors.Color(*colour)))
    table = Table(data, colWidths=[0.05 * width, 0.22 * width, 0.1 * width, 0.315 * width, 0.315 * width],
                  repeatRows=1)
    table.setStyle(TableStyle(style))
    story.append(table)
    doc.build(story)
    return buf.getvalue()


# --------------------------------------------------------------------------- DOCX


def redline_docx(old: Sop, new: Sop, revisi: Revisi, *, old_name: str, new_name: str, lang: str = "id",
                 profile: PageProfile | None = None) -> bytes:
    """The redline DOCX: ``new`` as sopdoc prints it with the changed flowchart cells coloured,
    then the list as a Word table."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt

    profile = profile or PageProfile()
    layout = layout_sop(new, profile)
    marks = redline_marks(revisi, new)
    fill: Callable[[Page, Cell], str | None] = lambda page, cell: _hex_or_none(marks.fill(page, cell))  # noqa: E731
    data = docx_bytes(new, profile=profile, layout=layout, fills=fill)
    document = docx.Document(io.BytesIO(data))
    _shade_identity(document, marks)
    font = word_font(profile)
    para = document.add_paragraph()
    para.add_run().add_break(WD_BREAK.PAGE)
    run = para.add_run(_T_TITLE.get(lang))
    run.bold, run.font.size, run.font.name = True, Pt(12), font
    for line in [*_title_lines(new, old_name, new_name, revisi, lang), _T_LEGEND.get(lang)]:
        small = document.add_paragraph().add_run(line)
        small.font.size, small.font.name = Pt(8), font
    rows = _rows(revisi, lang)
    table = document.add_table(rows=1 + len(rows), cols=5)
    table.style = document.styles["Table Grid"] if "Table Grid" in [s.name for s in document.styles] else None
    cells_text = [[t.get(lang) for t in _T_HEAD], *[list(row[:5]) for row in rows]]
    for r, values in enumerate(cells_text):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            text = cell.paragraphs[0].add_run(value)
            text.font.size, text.font.name, text.bold = Pt(8), font, r == 0
            colour = "E6E6E6" if r == 0 else (_hex(rows[r - 1][5]) if c == 2 else None)
            if colour:
                cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:fill="{colour}"/>'))
    return write_package(document)


def _shade_identity(document, marks: RedlineMarks) -> None:
    """Colour the identity page's cells of the shipped template (the table holding the "Nomor SOP"
    label): a value beside its label, a box body under its title, the kop."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    table = next((t for t in document.tables if any(c.text.strip() == IDENTITY_FIELD_LABELS["nomor"]
                                                    for row in t.rows for c in row.cells)), None)
    if table is None or not marks.roles:
        return
    targets: dict[int, tuple[object, RGB]] = {}
    labels = {label: f"{key}.value" for key, label in IDENTITY_FIELD_LABELS.items()}
    titles = {title: key for key, title in BOX_TITLES.items()}
    rows = list(table.rows)
    for r, row in enumerate(rows):
        cells = list(row.cells)
        for c, cell in enumerate(cells):
            text = cell.text.strip()
            role = labels.get(text)
            if role in marks.roles and c + 1 < len(cells):
                targets[id(cells[-1]._tc)] = (cells[-1], marks.roles[role])
            key = titles.get(text.rstrip(":"))
            if key in marks.roles and r + 1 < len(rows):
                below = list(rows[r + 1].cells)[c]
                targets[id(below._tc)] = (below, marks.roles[key])
    if "kop" in marks.roles:
        kop = rows[0].cells[0]
        targets[id(kop._tc)] = (kop, marks.roles["kop"])
    for cell, colour in targets.values():
        tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
        for old in tc_pr.findall(ox.qn("w:shd")):
            tc_pr.remove(old)
        tc_pr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{_hex(colour)}"/>'))


def _hex_or_none(colour: RGB | None) -> str | None:
    return _hex(colour) if colour is not None else None
