"""Build templates/sop.docx, the docxtpl template of the SOP identity page (run to regenerate).

    .venv/bin/python tools/make_sop_template.py [OUT]

The template is an ordinary Word document: one table with the kop (logo and agency lines) on the
left, the identity rows (with the Periode row only when ``periode`` is set) and the signature
block on the right, and the six boxes in the 2 × 3 grid
below, the way signed SOPs look (shared/docs/img/real-bps-identity-page.png). Jinja tags use only
variables from ``sopdoc.render.context.CONTEXT_VARIABLES``. The flowchart pages, the footer and
the DRAFT watermark are added by ``sopdoc.render.docx`` (they need the layout's geometry).
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from sopdoc.render._ooxml import parse_fragment, qn, s_tblCellMar

ROOT = Path(__file__).resolve().parent.parent
BOXES = (
    ("dasar_hukum", "DASAR HUKUM"), ("kualifikasi_pelaksana", "KUALIFIKASI PELAKSANA"),
    ("keterkaitan", "KETERKAITAN"), ("peralatan_perlengkapan", "PERALATAN/PERLENGKAPAN"),
    ("peringatan", "PERINGATAN"), ("pencatatan_pendataan", "PENCATATAN DAN PENDATAAN"),
)
IDENTITY_ROWS = (("Nomor SOP", "nomor"), ("Tanggal Pembuatan", "tanggal_pembuatan"),
                 ("Tanggal Revisi", "tanggal_revisi"), ("Tanggal Efektif", "tanggal_efektif"))


def _para(cell_or_doc, text: str = "", *, bold: bool = False, size: float | None = None,
          align: str = "left", first: bool = False, hanging: float = 0.0):
    """Add (or reuse the cell's first empty) paragraph with one run."""
    p = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    p.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER}[align]
    if hanging:
        p.paragraph_format.left_indent = Pt(hanging)
        p.paragraph_format.first_line_indent = Pt(-hanging)
    if text:
        run = p.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
    return p


KEEP_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid", "Header", "HeaderChar",
               "Footer", "FooterChar"}


def _slim(doc) -> None:
    """Drop what a 10-step render would parse and save for nothing: unused styles, latent styles,
    the stylesWithEffects copy and the thumbnail (python-docx's default template carries ~800 kB)."""
    styles = doc.styles.element
    for style in list(styles.findall(qn("w:style"))):
        if style.get(qn("w:styleId")) not in KEEP_STYLES:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)
    pkg_rels = doc.part.package.rels
    for rid, rel in list(pkg_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            pkg_rels.pop(rid)


def build(out: Path) -> None:
    """Write the template to ``out``."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(8)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(330), Mm(215)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(15))
    table = doc.add_table(rows=15, cols=3)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    width = Mm(300)
    widths = (width // 2, int(width * 0.16), width // 2 - int(width * 0.16))
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=False):
            cell.width = w
    grid = table._tbl.find(qn("w:tblGrid"))
    for col, w in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
        col.set(qn("w:w"), str(int(w / 635)))  # EMU → twips
    tbl_pr = table._tbl.find(qn("w:tblPr"))
    tbl_pr.find(qn("w:tblLook")).addprevious(parse_fragment(s_tblCellMar(3.0, 1.0)))
    # --- kop: the left half of the six identity rows
    kop = table.cell(0, 0).merge(table.cell(8, 0))
    _para(kop, "{%p if logo %}", first=True, align="center")
    _para(kop, "{{ logo }}", align="center")
    _para(kop, "{%p endif %}", align="center")
    _para(kop, "{%p for baris in instansi %}", align="center")
    _para(kop, "{{ baris }}", bold=True, size=12, align="center")
    _para(kop, "{%p endfor %}", align="center")
    _para(kop, "{%p if unit %}", align="center")
    _para(kop, "{{ unit }}", bold=True, size=11, align="center")
    _para(kop, "{%p endif %}", align="center")
    _para(kop, "{%p if alamat %}", align="center")
    _para(kop, "{{ alamat }}", align="center")
    _para(kop, "{%p endif %}", align="center")
    _para(kop, "", align="center")  # a cell keeps one paragraph even when every tag above vanishes
    # --- identity rows
    for r, (label, var) in enumerate(IDENTITY_ROWS):
        _para(table.cell(r, 1), label, first=True)
        _para(table.cell(r, 2), f"{{{{ {var} }}}}", first=True)
    # --- Periode, only for periodic SOPs: docxtpl drops the {%tr %} rows (and the row between
    # them when ``periode`` is '')
    _para(table.cell(4, 1), "{%tr if periode %}", first=True)
    _para(table.cell(5, 1), "Periode", first=True)
    _para(table.cell(5, 2), "{{ periode }}", first=True)
    _para(table.cell(6, 1), "{%tr endif %}", first=True)
    _para(table.cell(7, 1), "Disahkan oleh", first=True)
    sign = table.cell(7, 2)
    _para(sign, "{{ pengesah.jabatan }}", first=True, align="center")
    for _ in range(4):
        _para(sign, "", align="center")
    _para(sign, "{{ pengesah.nama }}", bold=True, align="center")
    _para(sign, "{%p if pengesah.pangkat %}", align="center")
    _para(sign, "{{ pengesah.pangkat }}", align="center")
    _para(sign, "{%p endif %}", align="center")
    _para(sign, "{%p if pengesah.nip %}", align="center")
    _para(sign, "NIP. {{ pengesah.nip }}", align="center")
    _para(sign, "{%p endif %}", align="center")
    _para(table.cell(8, 1), "Nama SOP", bold=True, first=True)
    _para(table.cell(8, 2), "{{ nama }}", bold=True, size=9, first=True)
    # --- the six boxes, two per row: title row then body row
    for k in range(3):
        title_row, body_row = 9 + 2 * k, 10 + 2 * k
        right_title = table.cell(title_row, 1).merge(table.cell(title_row, 2))
        right_body = table.cell(body_row, 1).merge(table.cell(body_row, 2))
        for (key, title), t_cell, b_cell in zip(BOXES[2 * k: 2 * k + 2], (table.cell(title_row, 0), right_title),
                                                (table.cell(body_row, 0), right_body), strict=False):
            _para(t_cell, f"{title}:", bold=True, first=True)
            _para(b_cell, f"{{%p for item in {key} %}}", first=True)
            _para(b_cell, "{{ loop.index }}. {{ item }}", hanging=11)
            _para(b_cell, "{%p endfor %}")
        table.rows[body_row].height = Mm(22)
    _slim(doc)
    doc.core_properties.title = "SOP"
    doc.core_properties.comments = "sopdoc template: identity page (see templates/README.md)"
    doc.save(str(out))


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates" / "sop.docx")
