"""Build templates/laporan-periode.docx, the docxtpl template of the period report.

Run: .venv/bin/python tools/make_report_template.py
The template holds only text, Jinja tags and table row loops ({%tr %}); geometry stays simple
(A4 landscape, Liberation Sans/Arial 10 pt). Keys are those of
sopdoc.render.report.context.report_context plus ``grafik`` (the chart image).
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sopdoc.render.report.pdf import (  # noqa: E402  (the one definition of the report's tables)
    CASE_HEADERS,
    CASE_KEYS,
    CASE_WIDTHS,
    LOG_HEADERS,
    LOG_KEYS,
    LOG_WIDTHS,
    STEP_HEADERS,
    STEP_KEYS,
    STEP_WIDTHS,
)

TABLE_FONT = Pt(7.5)  # the loop tables' text: each column's longest word fits its width (no word broken)


def _heading(doc: Document, text: str, size: float = 11) -> None:
    """A section heading that stays on the page of what follows it (never orphaned at a page bottom)."""
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(10)
    p.paragraph_format.keep_with_next = True
    run = p.add_run(text)
    run.bold = True
    run.font.size = Pt(size)


def _cell_text(cell: object, text: str, bold: bool = False) -> None:
    cell.text = ""  # type: ignore[attr-defined]
    run = cell.paragraphs[0].add_run(text)  # type: ignore[attr-defined]
    run.bold = bold
    run.font.size = TABLE_FONT


def _loop_table(doc: Document, headers: list[str], fields: list[str], loop: str, widths: list[float]) -> None:
    """A table: a header row, a {%tr for %} row, the cell row, a {%tr endfor %} row. Rows are never
    split across pages; the header row repeats on every page."""
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, h in enumerate(headers):
        _cell_text(table.rows[0].cells[i], h, bold=True)
    table.rows[1].cells[0].text = f"{{%tr for r in {loop} %}}"
    for i, f in enumerate(fields):
        _cell_text(table.rows[2].cells[i], f"{{{{ r.{f} }}}}")
    table.rows[3].cells[0].text = "{%tr endfor %}"
    _widths(table, widths)
    _repeat_header(table)
    _cant_split(table)


def _cant_split(table: object) -> None:
    from docx.oxml import OxmlElement

    for row in table.rows:  # type: ignore[attr-defined]
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _widths(table: object, widths: list[float]) -> None:
    """Fixed column widths, in the grid (LibreOffice) and in every cell (Word)."""
    table.autofit = False  # type: ignore[attr-defined]
    for i, w in enumerate(widths):
        table.columns[i].width = Mm(w)  # type: ignore[attr-defined]
        for cell in table.columns[i].cells:  # type: ignore[attr-defined]
            cell.width = Mm(w)


def _repeat_header(table: object) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = table.rows[0]._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _pairs(doc: Document, rows: list[tuple[str, str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for (label, value), row in zip(rows, table.rows, strict=False):
        row.cells[0].text = label
        row.cells[1].text = value
    _widths(table, [70, 180])


def build(path: Path) -> None:
    """Write the template to ``path``."""
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Mm(18))
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)

    doc.add_paragraph("{%p for baris in instansi %}")
    p = doc.add_paragraph("{{ baris }}")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.runs[0].bold = True
    doc.add_paragraph("{%p endfor %}")
    p = doc.add_paragraph("{{ unit }}")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("LAPORAN PELAKSANAAN SOP PERIODE {{ periode|upper }}")
    run.bold = True
    run.font.size = Pt(14)
    # "TIDAK VALID" (red) when the log failed verification; an empty paragraph otherwise.
    mark = doc.add_paragraph()
    mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mark_run = mark.add_run("{{ status_laporan }}")
    mark_run.bold = True
    mark_run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    _pairs(doc, [("Nama SOP", "{{ sop_nama }}"), ("Nomor SOP", "{{ sop_nomor }}"),
                 ("Periode", "{{ periode }} ({{ periode_kode }})"),
                 ("Instans", "{{ instans }}"), ("Versi SOP (hash)", "{{ sop_hash }}"),
                 ("Tenggat laporan", "{{ tenggat }}"), ("Siklus selesai", "{{ selesai }}"),
                 ("Verifikasi log", "{{ verifikasi }}"), ("Kepala rantai log", "{{ kepala_rantai }}")])

    _heading(doc, "A. Ringkasan")
    _pairs(doc, [("Penilaian terhadap penerapan", "{{ penilaian }}"), ("Keadaan periode", "{{ keadaan }}"),
                 ("Langkah tepat waktu", "{{ tepat_waktu }} ({{ tepat_waktu_n }})"),
                 ("Waktu kerja aktual / mutu baku", "{{ waktu_aktual }} / {{ waktu_baku }}"),
                 ("Jumlah entri log", "{{ jumlah_entri }}"),
                 ("Kasus", "{{ kasus_ringkasan }}"),
                 ("Waktu penyelesaian per kasus", "{{ waktu_penyelesaian }}"),
                 ("Temuan", "{{ galat }} galat, {{ peringatan }} peringatan, {{ info }} info")])

    _heading(doc, "B. Log Pelaksanaan")
    _loop_table(doc, LOG_HEADERS, LOG_KEYS, "log", LOG_WIDTHS)

    _heading(doc, "C. Rencana dan Realisasi")
    doc.add_paragraph("{{ grafik }}")

    _heading(doc, "D. Kasus dan Waktu Penyelesaian")
    _loop_table(doc, CASE_HEADERS, CASE_KEYS, "kasus", CASE_WIDTHS)
    _heading(doc, "Sebaran waktu kerja per langkah", size=10)
    doc.add_paragraph("{{ grafik_sebaran }}")

    _heading(doc, "E. Penyimpangan")
    doc.add_paragraph("{%p if not penyimpangan %}")
    doc.add_paragraph("Tidak ada penyimpangan.")
    doc.add_paragraph("{%p endif %}")
    _loop_table(doc, ["Kode", "Nama", "Tingkat", "Entri", "Temuan", "Saran"],
                ["kode", "nama", "tingkat", "entri", "pesan", "saran"], "penyimpangan", [18, 40, 20, 14, 90, 80])

    _heading(doc, "F. Angka per Langkah dan per Pelaksana")
    _loop_table(doc, STEP_HEADERS, STEP_KEYS, "per_langkah", STEP_WIDTHS)
    doc.add_paragraph()
    _loop_table(doc, ["Pelaksana", "Entri", "Waktu aktual", "Tepat waktu"],
                ["oleh", "n", "aktual", "tepat"], "per_pelaku", [120, 20, 40, 30])

    _heading(doc, "G. Monitoring Pelaksanaan SOP AP (Tabel 7)")
    _loop_table(doc, ["No.", "Prosedur", "Penilaian Terhadap Penerapan", "Catatan Hasil Penilaian",
                      "Tindakan yang Harus Diambil", "Paraf Penilai"],
                ["no", "prosedur", "penilaian", "catatan", "tindakan", "paraf"], "monitoring", [12, 45, 40, 78, 66, 20])
    for row in doc.tables[-1].rows:  # the form stays with its signature below
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True

    lines = ["", "{{ ttd_tempat }}, {{ ttd_tanggal }}", "{{ ttd_jabatan }}", "", "", "", "{{ ttd_nama }}",
             "NIP. {{ ttd_nip }}"]
    for i, text in enumerate(lines):
        p = doc.add_paragraph(text)
        p.paragraph_format.left_indent = Mm(170)
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.keep_with_next = i < len(lines) - 1  # the signature block is one piece
    doc.core_properties.title = "Laporan Pelaksanaan SOP"
    doc.core_properties.author = "sopdoc"
    doc.save(str(path))


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates" / "laporan-periode.docx"
    build(target)
    print(target)
