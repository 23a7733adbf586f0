"""The inspector report in every format: JSON (for other tools), XLSX (one sheet per table), PDF
(reportlab) and DOCX (python-docx), each drawn from the same blocks (:mod:`sopdoc.katalog.blocks`).
Every function returns bytes; the command writes them through one ``OutputSet``.
"""

from __future__ import annotations

import io
import json
from typing import Any

from sopdoc.katalog.blocks import Block, Cell, Chart, Heading, Para, Table
from sopdoc.katalog.charts import chart_png
from sopdoc.katalog.report import KatalogReport
from sopdoc.render import _ooxml as ox
from sopdoc.render.report.pdf import _fonts
from sopdoc.safe_text import xml_clean, xml_escape

__all__ = ["FORMATS", "report_docx", "report_json", "report_pdf", "report_xlsx"]

FORMATS = ("pdf", "docx", "xlsx", "json")
PAPER_ROWS = 2000  # rows per table in the PDF and DOCX (the XLSX and JSON hold every row)
MAX_CELL_CHARS = 600  # characters per cell in the PDF and DOCX
CELL_STYLE = "KatalogSel"
CHUNK_ROWS = 400  # rows per PDF table (the header repeats at each chunk and on each page)


def report_json(rep: KatalogReport) -> bytes:
    """The JSON document (stable order, UTF-8)."""
    return (json.dumps(rep.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _sheet_name(name: str, used: set[str]) -> str:
    base = "".join(ch for ch in name if ch not in "[]:*?/\\")[:31] or "Sheet"
    out, i = base, 2
    while out.lower() in used:
        out = f"{base[:28]}-{i}"
        i += 1
    used.add(out.lower())
    return out


def _formula_safe(value: Any) -> Any:
    """Text a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) kept as text."""
    if isinstance(value, str):
        value = xml_clean(value)
        if value[:1] in ("=", "+", "-", "@") and value != "-":
            return "'" + value
    return value


def report_xlsx(blocks: list[Block]) -> bytes:
    """One sheet per table (write-only workbook: rows stream out, memory stays flat)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    used: set[str] = set()
    bold = Font(bold=True)
    for block in blocks:
        if not isinstance(block, Table):
            continue
        ws = wb.create_sheet(_sheet_name(block.sheet, used))
        total = sum(block.widths)
        for i, w in enumerate(block.widths):
            ws.column_dimensions[chr(ord("A") + i)].width = max(6, min(80, 110 * w / total))
        ws.freeze_panes = "A2"
        header = []
        for h in block.header:
            cell = WriteOnlyCell(ws, value=h)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for row in block.rows:
            ws.append([_formula_safe(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def report_pdf(blocks: list[Block], lang: str = "id") -> bytes:
    """A4 landscape, numbered pages; long tables repeat their header on every page."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Image, LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    regular, bold = _fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=9, leading=11, spaceAfter=4)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=7, leading=8.5)
    number = ParagraphStyle("number", parent=cell, alignment=TA_RIGHT)
    head_cell = ParagraphStyle("headcell", parent=cell, fontName=bold)
    heads = {0: ParagraphStyle("h0", fontName=bold, fontSize=15, leading=19, spaceAfter=6),
             1: ParagraphStyle("h1", fontName=bold, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4,
                               keepWithNext=1)}
    style = TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#555555")),
                        ("FONT", (0, 0), (-1, -1), regular, 7, 8.5),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                        ("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5)])
    page_w = landscape(A4)[0]
    usable = page_w - 24 * mm

    def text(value: Any, st: ParagraphStyle = cell) -> Paragraph:
        return Paragraph(xml_escape(_paper_text(value)), st)

    def cell_of(value: Any, width: float) -> Any:
        """A plain string when it fits on one line (drawn by the table, no Paragraph to wrap:
        ten times faster on long tables); a wrapping Paragraph otherwise."""
        shown = xml_clean(_paper_text(value))
        if stringWidth(shown, regular, 7) <= width - 6 and "\n" not in shown:
            return shown
        return text(value, number if isinstance(value, (int, float)) else cell)

    story: list[Any] = []
    for block in blocks:
        if isinstance(block, Heading):
            story.append(text(block.text, heads.get(block.level, heads[1])))
        elif isinstance(block, Para):
            story.append(text(block.text, body))
        elif isinstance(block, Chart):
            png = chart_png(block, width_in=9.0)
            img = Image(io.BytesIO(png))
            scale = min(1.0, usable * 0.62 / img.drawWidth)
            img.drawWidth *= scale
            img.drawHeight *= scale
            story += [img, Spacer(1, 3 * mm)]
        elif isinstance(block, Table) and not block.lembar_saja:
            if not block.rows:
                story.append(text(block.kosong or "-", body))
                continue
            total = sum(block.widths)
            width = usable * block.lebar
            widths = [width * w / total for w in block.widths]
            header = [text(h, head_cell) for h in block.header]
            numeric = [i for i, v in enumerate(block.rows[0]) if isinstance(v, (int, float))]
            col_style = [("ALIGN", (i, 1), (i, -1), "RIGHT") for i in numeric]
            shown, note = _paper_rows(block, lang)
            # a table splits at each page by re-measuring its remaining rows: chunks keep that linear
            for start in range(0, len(shown), CHUNK_ROWS):
                rows = shown[start:start + CHUNK_ROWS]
                data = [header, *([cell_of(v, w) for v, w in zip(row, widths, strict=True)] for row in rows)]
                table = LongTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
                table.setStyle(style)
                table.setStyle(TableStyle(col_style))
                story.append(table)
            if note:
                story.append(text(note, body))
            story.append(Spacer(1, 4 * mm))

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(regular, 7)
        canvas.drawRightString(page_w - 12 * mm, 7 * mm, str(doc.page))
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=_title(blocks), author="sopdoc",
                            invariant=1)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


def _title(blocks: list[Block]) -> str:
    return next((b.text for b in blocks if isinstance(b, Heading)), "sopdoc katalog")


def report_docx(blocks: list[Block], lang: str = "id") -> bytes:
    """A4 landscape Word document: headings, paragraphs, charts and tables (header row repeated)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.2))
    usable_cm = 29.7 - 2.4
    doc.styles["Normal"].font.size = Pt(9)
    cell_style = doc.styles.add_style(CELL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cell_style.base_style = doc.styles["Normal"]
    cell_style.font.name = "Arial"
    cell_style.font.size = Pt(7.5)
    cell_style.paragraph_format.space_before = Pt(1)
    cell_style.paragraph_format.space_after = Pt(0)
    doc.core_properties.title = _title(blocks)
    doc.core_properties.author = "sopdoc"
    for block in blocks:
        if isinstance(block, Heading):
            doc.add_heading(xml_clean(block.text), level=block.level)
        elif isinstance(block, Para):
            doc.add_paragraph(xml_clean(block.text))
        elif isinstance(block, Chart):
            doc.add_picture(io.BytesIO(chart_png(block, width_in=9.0)), width=Cm(usable_cm * 0.62))
        elif isinstance(block, Table) and not block.lembar_saja:
            if not block.rows:
                doc.add_paragraph(xml_clean(block.kosong or "-"))
                continue
            rows, note = _paper_rows(block, lang)
            anchor = doc.add_paragraph(note or "")
            anchor._p.addprevious(_docx_table(block, rows, usable_cm / 2.54 * 72 * block.lebar))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _docx_table(block: Table, rows: list[list[Cell]], width_pt: float) -> Any:
    """One Word table (header row repeated on every page) written as XML once: python-docx adds
    rows one by one through lxml, which is slow on a catalogue of thousands of SOPs. Cells use the
    ``CELL_STYLE`` paragraph style, so each holds few elements."""
    total = sum(block.widths)
    widths = [ox.twips(width_pt * w / total) for w in block.widths]
    out = [ox.s_tbl_start(width_pt, 2.5, 0.5, widths)]
    lines: list[list[Cell]] = [list(block.header), *rows]
    for i, row in enumerate(lines):
        out.append(ox.s_tr_flow_start(header=i == 0))
        for value, w in zip(row, widths, strict=True):
            align = "right" if isinstance(value, (int, float)) and i else "left"
            out.append(ox.s_tc_start(w, shade="E6E6E6" if i == 0 else None))
            out.append(ox.s_p_styled(_paper_text(value), CELL_STYLE, align=align, bold=i == 0) + "</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return ox.parse_fragment("".join(out))


def _paper_text(value: Cell) -> str:
    """A cell as printed on paper: at most ``MAX_CELL_CHARS`` characters (the workbook and the JSON
    keep the whole text), so no cell outgrows a page."""
    text = str(value)
    return text if len(text) <= MAX_CELL_CHARS else text[:MAX_CELL_CHARS - 1] + "…"


def _paper_rows(block: Table, lang: str) -> tuple[list[list[Cell]], str | None]:
    """The rows a paper document shows (at most ``PAPER_ROWS``) and, when some are left out, the
    note saying so and where they are."""
    if len(block.rows) <= PAPER_ROWS:
        return block.rows, None
    rest = len(block.rows) - PAPER_ROWS
    note = (f"… {rest} more rows of this table are in the XLSX and JSON reports." if lang == "en" else
            f"… {rest} baris lagi dari tabel ini ada di laporan XLSX dan JSON.")
    return block.rows[:PAPER_ROWS], note
