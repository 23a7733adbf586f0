"""The evaluation form of one SOP (``sopdoc evaluasi -o``) as PDF (reportlab) or DOCX
(python-docx): identity, A. the monitoring result of every period, B. the seven criteria with
the pre-filled Ya/Tidak and their evidence, C. sopdoc's proposal and the boxes a person ticks to
decide (tetap / revisi / hapus), and the evaluator's signature."""

from __future__ import annotations

import io
from collections.abc import Sequence

from sopdoc.execution.cmp_rules import RULES
from sopdoc.execution.evaluasi import Evaluasi
from sopdoc.layout.geometry import Orientation
from sopdoc.layout.metrics import ensure_font, font_set
from sopdoc.layout.profile import PageProfile
from sopdoc.model.diagnostic import Teks
from sopdoc.ooxml.package import write_package
from sopdoc.safe_text import xml_escape

__all__ = ["evaluasi_docx", "evaluasi_pdf", "form_rows"]

T_TITLE = Teks("FORMULIR EVALUASI STANDAR OPERASIONAL PROSEDUR ADMINISTRASI PEMERINTAHAN",
               "EVALUATION FORM OF A GOVERNMENT ADMINISTRATION SOP")
T_A = Teks("A. Hasil monitoring per periode", "A. Monitoring result per period")
T_B = Teks("B. Kriteria evaluasi (diisi awal oleh sopdoc dari log periode dan temuan; periksa dan koreksi)",
           "B. Evaluation criteria (pre-filled by sopdoc from the period logs and findings; check and correct)")
T_C = Teks("C. Rekomendasi", "C. Recommendation")
HEAD_A = (Teks("No", "No"), Teks("Periode", "Period"), Teks("Penilaian", "Assessment"),
          Teks("Tepat waktu", "On time"), Teks("Penyimpangan", "Deviations"))
HEAD_B = (Teks("No", "No"), Teks("Kriteria", "Criterion"), Teks("Ya", "Yes"), Teks("Tidak", "No"),
          Teks("Bukti", "Evidence"))
TICK = "X"
OPEN = Teks("perlu dinilai", "to be judged")
REKOMENDASI = {"tetap": Teks("TETAP", "KEEP"), "revisi": Teks("REVISI", "REVISE"), "hapus": Teks("HAPUS", "REMOVE")}


def form_rows(ev: Evaluasi, lang: str) -> tuple[list[list[str]], list[list[str]], list[str]]:
    """The form's content as text: monitoring rows, criteria rows, and the lines of section C."""
    a = [[str(i), p.period, (p.assessment.get(lang) if p.valid else Teks("log TIDAK VALID", "log NOT VALID")
                              .get(lang)), "-" if p.on_time is None else f"{p.on_time:.0%}",
          ", ".join(f"{c} {RULES[c].slug}" if c in RULES else c for c in p.codes) or "-"]
         for i, p in enumerate(ev.periods, 1)]
    if not a:
        a = [["-", Teks("belum ada periode tercatat", "no period logged").get(lang), "-", "-", "-"]]
    b = [[str(i), j.nama.get(lang), TICK if j.ya is True else "", TICK if j.ya is False else "",
          "; ".join(t.get(lang) for t in j.bukti) + ("" if j.ya is not None else f" ({OPEN.get(lang)})")]
         for i, j in enumerate(ev.kriteria, 1)]
    c = [Teks(f"Usulan sopdoc: {REKOMENDASI[ev.rekomendasi].id} — {ev.alasan.id}",
              f"sopdoc's proposal: {REKOMENDASI[ev.rekomendasi].en} — {ev.alasan.en}").get(lang),
         Teks("Keputusan penilai:   [   ] Tetap     [   ] Revisi     [   ] Hapus",
              "Evaluator's decision:   [   ] Keep     [   ] Revise     [   ] Remove").get(lang),
         Teks("Catatan penilai: ______________________________________________",
              "Evaluator's notes: ______________________________________________").get(lang)]
    return a, b, c


def _identity(ev: Evaluasi, lang: str) -> list[str]:
    return [Teks(f"Nama SOP: {ev.nama or '-'}", f"SOP name: {ev.nama or '-'}").get(lang),
            Teks(f"Nomor SOP: {ev.nomor or '-'}", f"SOP number: {ev.nomor or '-'}").get(lang)]


_SIGN = (Teks("Penilai,", "Evaluator,"), Teks("Nama: ____________________", "Name: ____________________"),
         Teks("NIP: _____________________", "NIP: _____________________"))


def evaluasi_pdf(ev: Evaluasi, profile: PageProfile | None = None, lang: str = "id") -> bytes:
    """The form as PDF bytes (portrait, the profile's paper and font)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    profile = profile or PageProfile()
    fonts = font_set(profile.font)
    for face in (fonts.regular, fonts.bold):
        ensure_font(face)
    body = ParagraphStyle("b", fontName=fonts.regular, fontSize=9, leading=11.5)
    bold = ParagraphStyle("h", parent=body, fontName=fonts.bold)
    title = ParagraphStyle("t", parent=bold, fontSize=11, leading=14, alignment=TA_CENTER)
    tick = ParagraphStyle("x", parent=bold, alignment=TA_CENTER)
    width, height = profile.page_size(Orientation.PORTRAIT)
    mt, mr, mb, ml = profile.margins_pt()
    usable = width - ml - mr

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(xml_escape(text), style)

    def table(head: Sequence[Teks], rows: list[list[str]], widths: Sequence[float], ticks: tuple[int, ...] = ()):
        data = [[p(t.get(lang), bold) for t in head]]
        data += [[p(v, tick if c in ticks else body) for c, v in enumerate(row)] for row in rows]
        t = Table(data, colWidths=[usable * w for w in widths], repeatRows=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9))]))
        return t

    a, b, c = form_rows(ev, lang)
    story: list = [p(T_TITLE.get(lang), title), Spacer(1, 10), *[p(line) for line in _identity(ev, lang)],
                   Spacer(1, 10), p(T_A.get(lang), bold), Spacer(1, 4),
                   table(HEAD_A, a, (0.06, 0.14, 0.34, 0.12, 0.34)), Spacer(1, 10), p(T_B.get(lang), bold),
                   Spacer(1, 4), table(HEAD_B, b, (0.06, 0.3, 0.07, 0.07, 0.5), ticks=(2, 3)), Spacer(1, 10),
                   p(T_C.get(lang), bold), Spacer(1, 4), *[p(line) for line in c], Spacer(1, 24)]
    right = ParagraphStyle("r", parent=body, leftIndent=usable * 0.55)
    story += [p(t.get(lang), right) for t in _SIGN[:1]] + [Spacer(1, 36)] + [p(t.get(lang), right) for t in _SIGN[1:]]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=(width, height), leftMargin=ml, rightMargin=mr, topMargin=mt,
                            bottomMargin=mb, title=T_TITLE.get(lang), invariant=1)
    doc.build(story)
    return buf.getvalue()


def evaluasi_docx(ev: Evaluasi, profile: PageProfile | None = None, lang: str = "id") -> bytes:
    """The same form as an editable DOCX (the evaluator ticks and signs in Word)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    profile = profile or PageProfile()
    font = "Times New Roman" if profile.font == "serif" else "Arial"
    document = docx.Document()

    def para(text: str, bold: bool = False, centre: bool = False, indent: float = 0.0) -> None:
        paragraph = document.add_paragraph()
        if centre:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if indent:
            paragraph.paragraph_format.left_indent = Pt(indent)
        run = paragraph.add_run(text)
        run.font.name, run.font.size, run.bold = font, Pt(10), bold

    def table(head: Sequence[Teks], rows: list[list[str]]) -> None:
        t = document.add_table(rows=1 + len(rows), cols=len(head))
        if "Table Grid" in [s.name for s in document.styles]:
            t.style = document.styles["Table Grid"]
        for r, values in enumerate([[h.get(lang) for h in head], *rows]):
            for k, value in enumerate(values):
                run = t.cell(r, k).paragraphs[0].add_run(value)
                run.font.name, run.font.size, run.bold = font, Pt(9), r == 0

    a, b, c = form_rows(ev, lang)
    para(T_TITLE.get(lang), bold=True, centre=True)
    for line in _identity(ev, lang):
        para(line)
    para(T_A.get(lang), bold=True)
    table(HEAD_A, a)
    para(T_B.get(lang), bold=True)
    table(HEAD_B, b)
    para(T_C.get(lang), bold=True)
    for line in c:
        para(line)
    for t in _SIGN:
        para(t.get(lang), indent=260.0)
    return write_package(document)
