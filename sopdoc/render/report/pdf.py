"""The period report as PDF, drawn with reportlab from the same context as the DOCX."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

__all__ = ["CASE_HEADERS", "CASE_KEYS", "CASE_WIDTHS", "LOG_HEADERS", "LOG_KEYS", "LOG_WIDTHS", "STEP_HEADERS",
           "STEP_KEYS", "STEP_WIDTHS", "report_to_pdf"]

# The report's tables, shared with tools/make_report_template.py (widths in mm on A4 landscape, 261 mm
# between the margins), chosen so that the longest word of each column fits at 7.5 pt: no word is
# ever broken inside (tests/render/report/test_report_libreoffice.py).
LOG_HEADERS = ["No", "Kasus", "Langkah", "Kegiatan", "Pelaksana", "Jabatan", "Mulai", "Selesai", "Durasi",
               "Mutu baku", "Keputusan", "Output", "Putusan", "Kode"]
LOG_KEYS = ["seq", "kasus", "langkah", "uraian", "oleh", "peran", "mulai", "selesai", "durasi", "baku", "keputusan",
            "output", "putusan", "kode"]
LOG_WIDTHS: list[float] = [9, 20, 15, 29, 26, 26, 18, 18, 15, 14, 18, 21, 17, 15]
CASE_HEADERS = ["Kasus", "Entri", "Mulai", "Selesai", "Waktu penyelesaian", "Waktu baku SOP", "Keadaan"]
CASE_KEYS = ["kasus", "n", "mulai", "selesai", "durasi", "baku", "keadaan"]
CASE_WIDTHS: list[float] = [45, 16, 35, 35, 40, 40, 50]
STEP_HEADERS = ["Langkah", "Kegiatan", "Entri", "Waktu aktual", "Median", "Terlama", "Mutu baku", "Tepat waktu"]
STEP_KEYS = ["langkah", "uraian", "n", "aktual", "median", "maks", "baku", "tepat"]
STEP_WIDTHS: list[float] = [18, 97, 14, 28, 26, 26, 28, 24]

_FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation")


def _fonts() -> tuple[str, str]:
    """Liberation Sans (Arial metrics) when installed, else the built-in Helvetica."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for folder in _FONT_DIRS:
        regular, bold = Path(folder, "LiberationSans-Regular.ttf"), Path(folder, "LiberationSans-Bold.ttf")
        if regular.is_file() and bold.is_file():
            if "LiberationSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("LiberationSans", str(regular)))
                pdfmetrics.registerFont(TTFont("LiberationSans-Bold", str(bold)))
            return "LiberationSans", "LiberationSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def report_to_pdf(c: dict[str, Any], chart_png: bytes, spread_png: bytes | None = None) -> bytes:
    """The PDF bytes of the report context ``c`` (A4 landscape), with the plan/actual chart and the
    lead-time box plot (``spread_png``)."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = _fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=9, leading=11)
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=9)
    head = ParagraphStyle("head", parent=body, fontName=bold, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4,
                          keepWithNext=1)  # a section heading never ends a page
    center = ParagraphStyle("center", parent=body, fontName=bold, alignment=TA_CENTER, fontSize=11, leading=14)
    title = ParagraphStyle("title", parent=center, fontSize=14, leading=18, spaceBefore=4, spaceAfter=8)

    def para(text: Any, style: ParagraphStyle = small) -> Paragraph:
        return Paragraph(escape(str(text)), style)

    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                       ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)])
    plain_grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")])

    def table(headers: list[str], rows: list[dict[str, Any]], keys: list[str], widths: list[float]) -> Table:
        data = [[para(h, ParagraphStyle("h", parent=small, fontName=bold)) for h in headers]]
        data += [[para(r[k]) for k in keys] for r in rows]
        t = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
        t.setStyle(grid)
        return t

    def pairs(rows: list[tuple[str, Any]]) -> Table:
        t = Table([[para(a, body), para(b, body)] for a, b in rows], colWidths=[70 * mm, 180 * mm])
        t.setStyle(plain_grid)
        return t

    story: list[Any] = [para(line, center) for line in c["instansi"]]
    if c["unit"]:
        story.append(para(c["unit"], ParagraphStyle("u", parent=body, alignment=TA_CENTER)))
    story.append(para(f"LAPORAN PELAKSANAAN SOP PERIODE {c['periode'].upper()}", title))
    invalid = c.get("status_laporan", "")
    if invalid:  # a log that fails verification: the report says so before anything else
        story.append(para(f"{invalid}: log pelaksanaan gagal diverifikasi (sopdoc log verify)",
                          ParagraphStyle("invalid", parent=title, textColor=colors.HexColor("#c00000"))))
    story.append(pairs([("Nama SOP", c["sop_nama"]), ("Nomor SOP", c["sop_nomor"]),
                        ("Periode", f"{c['periode']} ({c['periode_kode']})"), ("Instans", c["instans"]),
                        ("Versi SOP (hash)", c["sop_hash"]), ("Tenggat laporan", c["tenggat"]),
                        ("Siklus selesai", c["selesai"]), ("Verifikasi log", c.get("verifikasi", "-")),
                        ("Kepala rantai log", c.get("kepala_rantai", "-"))]))
    story.append(para("A. Ringkasan", head))
    story.append(pairs([("Penilaian terhadap penerapan", c["penilaian"]), ("Keadaan periode", c["keadaan"]),
                        ("Langkah tepat waktu", f"{c['tepat_waktu']} ({c['tepat_waktu_n']})"),
                        ("Waktu kerja aktual / mutu baku", f"{c['waktu_aktual']} / {c['waktu_baku']}"),
                        ("Jumlah entri log", c["jumlah_entri"]),
                        ("Kasus", c["kasus_ringkasan"]),
                        ("Waktu penyelesaian per kasus", c["waktu_penyelesaian"]),
                        ("Temuan", f"{c['galat']} galat, {c['peringatan']} peringatan, {c['info']} info")]))
    story.append(para("B. Log Pelaksanaan", head))
    story.append(table(LOG_HEADERS, c["log"], LOG_KEYS, LOG_WIDTHS))

    def picture(png: bytes) -> Image:
        img = Image(io.BytesIO(png))
        scale = 240 * mm / img.imageWidth
        img.drawWidth, img.drawHeight = 240 * mm, img.imageHeight * scale
        return img

    story.append(KeepTogether([para("C. Rencana dan Realisasi", head), picture(chart_png)]))
    story.append(para("D. Kasus dan Waktu Penyelesaian", head))
    story.append(table(CASE_HEADERS, c["kasus"], CASE_KEYS, CASE_WIDTHS))
    if spread_png is not None:
        story.append(Spacer(1, 4 * mm))
        story.append(KeepTogether([para("Sebaran waktu kerja per langkah", ParagraphStyle(
            "sub", parent=body, fontName=bold, keepWithNext=1)), picture(spread_png)]))
    story.append(para("E. Penyimpangan", head))
    if c["penyimpangan"]:
        story.append(table(["Kode", "Nama", "Tingkat", "Entri", "Temuan", "Saran"], c["penyimpangan"],
                           ["kode", "nama", "tingkat", "entri", "pesan", "saran"], [18, 40, 20, 14, 90, 80]))
    else:
        story.append(para("Tidak ada penyimpangan.", body))
    story.append(para("F. Angka per Langkah dan per Pelaksana", head))
    story.append(table(STEP_HEADERS, c["per_langkah"], STEP_KEYS, STEP_WIDTHS))
    story.append(Spacer(1, 4 * mm))
    story.append(table(["Pelaksana", "Entri", "Waktu aktual", "Tepat waktu"], c["per_pelaku"],
                       ["oleh", "n", "aktual", "tepat"], [120, 20, 40, 30]))
    sign = ParagraphStyle("sign", parent=body, leftIndent=170 * mm)
    # the monitoring form and its signature stay on one page, as the form is signed
    story.append(KeepTogether([
        para("G. Monitoring Pelaksanaan SOP AP (Tabel 7)", head),
        table(["No.", "Prosedur", "Penilaian Terhadap Penerapan", "Catatan Hasil Penilaian",
               "Tindakan yang Harus Diambil", "Paraf Penilai"], c["monitoring"],
              ["no", "prosedur", "penilaian", "catatan", "tindakan", "paraf"], [12, 45, 40, 78, 66, 20]),
        Spacer(1, 8 * mm), para(f"{c['ttd_tempat']}, {c['ttd_tanggal']}", sign), para(c["ttd_jabatan"], sign),
        Spacer(1, 18 * mm), para(c["ttd_nama"], sign), para(f"NIP. {c['ttd_nip']}", sign),
    ]))

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=landscape(A4), leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm, title="Laporan Pelaksanaan SOP",
                            author="sopdoc", invariant=1)

    def footer(canvas: Any, d: Any) -> None:
        canvas.setFont(regular, 7)
        mark = f"{invalid} — " if invalid else ""
        canvas.drawRightString(d.pagesize[0] - 18 * mm, 8 * mm, f"{mark}{c['instans']} — halaman {d.page}")

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()
