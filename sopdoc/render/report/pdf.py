"""The period report as PDF, drawn with reportlab from the same context as the DOCX."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

__all__ = ["report_to_pdf"]

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


def report_to_pdf(c: dict[str, Any], chart_png: bytes) -> bytes:
    """The PDF bytes of the report context ``c`` (A4 landscape)."""
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
                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6"))])
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
                        ("Temuan", f"{c['galat']} galat, {c['peringatan']} peringatan, {c['info']} info")]))
    story.append(para("B. Log Pelaksanaan", head))
    story.append(table(["No", "Langkah", "Kegiatan", "Pelaksana", "Jabatan", "Mulai", "Selesai", "Durasi",
                        "Mutu baku", "Output", "Putusan", "Kode"], c["log"],
                       ["seq", "langkah", "uraian", "oleh", "peran", "mulai", "selesai", "durasi", "baku", "output",
                        "putusan", "kode"], [9, 12, 46, 30, 26, 21, 21, 16, 16, 26, 17, 21]))
    story.append(para("C. Rencana dan Realisasi", head))
    img = Image(io.BytesIO(chart_png))
    scale = 240 * mm / img.imageWidth
    img.drawWidth, img.drawHeight = 240 * mm, img.imageHeight * scale
    story.append(img)
    story.append(para("D. Penyimpangan", head))
    if c["penyimpangan"]:
        story.append(table(["Kode", "Nama", "Tingkat", "Entri", "Temuan", "Saran"], c["penyimpangan"],
                           ["kode", "nama", "tingkat", "entri", "pesan", "saran"], [18, 40, 20, 14, 90, 80]))
    else:
        story.append(para("Tidak ada penyimpangan.", body))
    story.append(para("E. Angka per Langkah dan per Pelaksana", head))
    story.append(table(["Langkah", "Kegiatan", "Entri", "Waktu aktual", "Mutu baku", "Tepat waktu"], c["per_langkah"],
                       ["langkah", "uraian", "n", "aktual", "baku", "tepat"], [18, 120, 16, 30, 30, 26]))
    story.append(Spacer(1, 4 * mm))
    story.append(table(["Pelaksana", "Entri", "Waktu aktual", "Tepat waktu"], c["per_pelaku"],
                       ["oleh", "n", "aktual", "tepat"], [120, 20, 40, 30]))
    sign = ParagraphStyle("sign", parent=body, leftIndent=170 * mm)
    # the monitoring form and its signature stay on one page, as the form is signed
    story.append(KeepTogether([
        para("F. Monitoring Pelaksanaan SOP AP (Tabel 7)", head),
        table(["No.", "Prosedur", "Penilaian Terhadap Penerapan", "Catatan Hasil Penilaian",
               "Tindakan yang Harus Diambil", "Paraf Penilai"], c["monitoring"],
              ["no", "prosedur", "penilaian", "catatan", "tindakan", "paraf"], [12, 45, 40, 80, 70, 20]),
        Spacer(1, 8 * mm), para(f"...................., {c['ttd_tanggal']}", sign), para(c["ttd_jabatan"], sign),
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
