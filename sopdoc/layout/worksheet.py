"""The worksheet page "LEMBAR KERJA IDENTIFIKASI KEGIATAN" (``Sop.lembar_kerja``), shown first.

A bold centred title, then one table on a three-column grid (No | Tahap | Uraian):
section rows "A. DATA KEGIATAN" and "B. IDENTIFIKASI KEGIATAN" over label | value rows (the label
spans the first two grid columns), and "C. IDENTIFIKASI LANGKAH" over the header row
No | Tahap | Uraian and one row per langkah, in the model's order. "-" marks an empty value.
"""

from __future__ import annotations

from sopdoc.layout.geometry import Align, Cell, Page, PageKind, Rect
from sopdoc.layout.metrics import FontSet
from sopdoc.layout.profile import PageProfile
from sopdoc.layout.text import block_height, text_block, wrap_text
from sopdoc.model.sop import LembarKerja, Sop

__all__ = ["LANGKAH_HEADER", "SECTIONS", "TAHAP_LABELS", "WORKSHEET_TITLE", "layout_worksheet_page",
           "worksheet_rows"]

WORKSHEET_TITLE = "LEMBAR KERJA IDENTIFIKASI KEGIATAN"
SECTIONS = ("A. DATA KEGIATAN", "B. IDENTIFIKASI KEGIATAN", "C. IDENTIFIKASI LANGKAH")
LANGKAH_HEADER = ("No", "Tahap", "Uraian")
TAHAP_LABELS = {"awal": "Langkah Awal", "utama": "Langkah Utama", "akhir": "Langkah Akhir"}
_DATA = (("judul_sop", "Judul SOP"), ("jenis_kegiatan", "Jenis Kegiatan"),
         ("penanggung_jawab.produk", "Penanggungjawab Produk"),
         ("penanggung_jawab.kegiatan", "Penanggungjawab Kegiatan"), ("ruang_lingkup", "Ruang Lingkup"))
_IDENT = (("judul_kegiatan", "Judul Kegiatan"), ("langkah_awal", "Langkah Awal"),
          ("langkah_utama", "Langkah Utama"), ("langkah_akhir", "Langkah Akhir"))
LABEL_FIELDS = (_DATA, _IDENT)
"""(field, label) of the label | value rows of sections A and B; a dotted field is nested."""
PAD = 3.0
NO_W = 28.0


def _value(lk: LembarKerja, field: str) -> str | None:
    node: object = lk
    for part in field.split("."):
        node = getattr(node, part, None) if node is not None else None
    return node if isinstance(node, str) else None


def worksheet_rows(lk: LembarKerja) -> list[tuple[str, tuple[str, ...]]]:
    """The table's rows as (role, texts): ``section`` (1 text), ``field:<name>`` (label, value),
    ``langkah.header`` and ``langkah`` (no, tahap, uraian). Empty values are "-"."""
    rows: list[tuple[str, tuple[str, ...]]] = []
    for title, fields in zip(SECTIONS, LABEL_FIELDS, strict=False):
        rows.append(("section", (title,)))
        for field, label in fields:
            value = _value(lk, field)
            rows.append((f"field:{field}", (label, value if value and value.strip() else "-")))
    rows.append(("section", (SECTIONS[2],)))
    rows.append(("langkah.header", LANGKAH_HEADER))
    for step in lk.langkah:
        rows.append(("langkah", (str(step.no) if step.no is not None else "-",
                                 TAHAP_LABELS.get(step.tahap or "", "-"), step.uraian if step.uraian.strip() else "-")))
    return rows


def _spans(role: str, x0: float, widths: tuple[float, float, float]) -> list[tuple[float, float, int, int]]:
    """(x, width, grid column, column span) of each cell of a row of ``role``."""
    a, b, c = widths
    if role == "section":
        return [(x0, a + b + c, 0, 3)]
    if role.startswith("field:"):
        return [(x0, a + b, 0, 2), (x0 + a + b, c, 2, 1)]
    return [(x0, a, 0, 1), (x0 + a, b, 1, 1), (x0 + a + b, c, 2, 1)]


def layout_worksheet_page(sop: Sop, profile: PageProfile, fonts: FontSet) -> tuple[Page | None, bool, bool]:
    """The worksheet page (None without ``lembar_kerja``), whether glyphs were replaced, whether
    text was clipped. The font shrinks (down to 6 pt) before anything is clipped."""
    if sop.lembar_kerja is None:
        return None, False, False
    size = profile.ukuran_font
    page, replaced, clipped = _layout(sop.lembar_kerja, profile, fonts, size)
    while clipped and size > 6.0:
        size = max(size - 0.5, 6.0)
        page, replaced, clipped = _layout(sop.lembar_kerja, profile, fonts, size)
    return page, replaced, clipped


def _layout(lk: LembarKerja, profile: PageProfile, fonts: FontSet, size: float) -> tuple[Page, bool, bool]:
    width, height = profile.page_size(profile.orientasi_identitas)
    mt, mr, mb, ml = profile.margins_pt()
    cw = width - ml - mr
    label_w = min(170.0, cw * 0.3)
    widths = (NO_W, label_w - NO_W, cw - label_w)
    cells: list[Cell] = []
    replaced = clipped = False
    title, rep = text_block(WORKSHEET_TITLE, fonts, size + 3, Rect(ml, mt, cw, 0.0), bold=True,
                            align=Align.CENTER, pad_x=0.0, pad_top=0.0)
    cells.append(Cell(rect=Rect(ml, mt, cw, title.height), text=title, role="lk.title", border=False))
    y = mt + title.height + 6.0
    bottom = height - mb - 2.0
    for r, (role, texts) in enumerate(worksheet_rows(lk)):
        spans = _spans(role, ml, widths)
        bold = role in ("section", "langkah.header")
        n = max(max(len(wrap_text(fonts.sanitize(t)[0], fonts, size, max(w - 2 * PAD, 1.0), bold)), 1)
                for t, (_x, w, _c, _s) in zip(texts, spans, strict=False))
        h = block_height(n, size) + 2 * PAD
        if y + h > bottom:
            h = max(bottom - y, 0.0)
            clipped = True
        for t, (x, w, col, span) in zip(texts, spans, strict=False):
            block, rep = text_block(t, fonts, size, Rect(x, y, w, h), bold=bold, pad_x=PAD, pad_top=PAD,
                                    max_height=max(h - 2 * PAD, 0.0))
            replaced |= rep
            clipped |= block.clipped
            cells.append(Cell(rect=Rect(x, y, w, h), text=block, role=f"lk.{role}", row=r, col=col,
                              col_span=span, pad_left=PAD, pad_right=PAD, pad_top=PAD))
        y += h
    page = Page(number=1, width=width, height=height, orientation=profile.orientasi_identitas,
                kind=PageKind.WORKSHEET, cells=tuple(cells))
    return page, replaced, clipped
