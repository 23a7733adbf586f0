"""The identity page: kop, identity table, and the six boxes in the 2 × 3 grid (DOMAIN.md §2.2).

Everything is a :class:`Cell`: bordered cells for the table and box frames, borderless cells for
the text inside them (list items with their numbers, the signature block), so that a painter
draws only rectangles and text.
"""

from __future__ import annotations

from dataclasses import dataclass

from sopdoc.layout.geometry import Align, Cell, ImageBox, Page, PageKind, Rect
from sopdoc.layout.metrics import FontSet
from sopdoc.layout.profile import PageProfile
from sopdoc.layout.text import LEADING, block_height, text_block, wrap_text
from sopdoc.model.labels import BOX_TITLES, IDENTITY_FIELD_LABELS
from sopdoc.model.sop import Sop
from sopdoc.model.tanggal import format_tanggal

__all__ = ["format_periode", "layout_identity_page"]

_BOXES = tuple(BOX_TITLES.items())  # (field, printed title), two per row
PAD = 3.0
SIGN_SPACE = 36.0


def format_periode(value: object | None) -> str:
    """``triwulan`` → ``Triwulan``; None → ``-``."""
    return "-" if value is None else str(value).capitalize()


@dataclass
class _Out:
    """Mutable collector while laying out one page."""

    cells: list[Cell]
    replaced: bool = False
    clipped: bool = False

    def add(self, cell: Cell) -> None:
        self.cells.append(cell)
        if cell.text is not None and cell.text.clipped:
            self.clipped = True


def _text_cell(out: _Out, text: str, fonts: FontSet, size: float, rect: Rect, role: str, *,
               bold: bool = False, align: Align = Align.LEFT, border: bool = True,
               middle: bool = False, max_height: float | None = None) -> Cell:
    block, replaced = text_block(text, fonts, size, rect, bold=bold, align=align, pad_x=PAD,
                                 pad_top=PAD, valign_middle=middle, max_height=max_height)
    out.replaced |= replaced
    cell = Cell(rect=rect, text=block, role=role, border=border, pad_left=PAD, pad_right=PAD, pad_top=PAD)
    out.add(cell)
    return cell


def _list_height(items: tuple[str, ...], fonts: FontSet, size: float, width: float) -> float:
    num_w = fonts.width("10.", size) + 2 * PAD
    total = 0.0
    for item in items:
        total += block_height(max(len(wrap_text(fonts.sanitize(item)[0], fonts, size, width - num_w - PAD)), 1), size)
    return total + 2 * PAD


def _list_cells(out: _Out, items: tuple[str, ...], role: str, fonts: FontSet, size: float, box: Rect) -> None:
    """Numbered list items as borderless number + text cells, clipped to ``box``."""
    num_w = fonts.width("10.", size) + 2 * PAD
    y = box.y + PAD
    for i, item in enumerate(items):
        remaining = box.bottom - y
        if remaining < size * LEADING:
            out.clipped = True
            break
        n = max(len(wrap_text(fonts.sanitize(item)[0], fonts, size, box.w - num_w - PAD)), 1)
        h = min(block_height(n, size), remaining)
        _text_cell(out, f"{i + 1}.", fonts, size, Rect(box.x, y - PAD, num_w, h + PAD), f"{role}.no", border=False)
        _text_cell(out, item, fonts, size, Rect(box.x + num_w - PAD, y - PAD, box.w - num_w + PAD, h + PAD),
                   f"{role}.item", border=False, max_height=h)
        y += h


def layout_identity_page(sop: Sop, profile: PageProfile, fonts: FontSet,
                         size: float | None = None) -> tuple[Page, bool, bool]:
    """Lay out the identity page; returns the page, whether glyphs were replaced, whether text was
    clipped. The font shrinks (down to 6 pt) before anything is clipped."""
    size = size or profile.ukuran_font
    page, replaced, clipped, _needed = _layout(sop, profile, fonts, size)
    while clipped and size > 6.0:
        size = max(size - 0.5, 6.0)
        page, replaced, clipped, _needed = _layout(sop, profile, fonts, size)
    return page, replaced, clipped


def _layout(sop: Sop, profile: PageProfile, fonts: FontSet, size: float) -> tuple[Page, bool, bool, float]:
    width, height = profile.page_size(profile.orientasi_identitas)
    mt, mr, mb, ml = profile.margins_pt()
    x0, y0, cw = ml, mt, width - ml - mr
    bottom_limit = height - mb
    out = _Out([])
    ident = sop.identitas
    half = cw / 2
    lab_w = min(110.0, half * 0.35)
    val_w = half - lab_w
    line_h = size * LEADING + 2 * PAD
    # --- right half: identity rows
    pengesah = ident.disahkan_oleh
    jabatan = (pengesah.jabatan if pengesah else None) or ""
    nama = (pengesah.nama if pengesah else None) or ""
    # a NIP of white space only is no NIP: a bare "NIP." line would read back as a pangkat
    extra = [v for v in ((pengesah.pangkat if pengesah else None),
                         f"NIP. {pengesah.nip}" if pengesah and pengesah.nip and pengesah.nip.strip() else None)
             if v]
    rows = [
        ("nomor", ident.nomor or "-"),
        ("tanggal_pembuatan", format_tanggal(ident.tanggal_pembuatan)),
        ("tanggal_revisi", format_tanggal(ident.tanggal_revisi)),
        ("tanggal_efektif", format_tanggal(ident.tanggal_efektif)),
    ]
    if sop.periode is not None:  # only periodic SOPs carry the row (after Tanggal Efektif)
        rows.append(("periode", format_periode(sop.periode)))
    rx = x0 + half
    y = y0
    for role, value in rows:
        label = IDENTITY_FIELD_LABELS[role]
        n = max(len(wrap_text(fonts.sanitize(value)[0], fonts, size, val_w - 2 * PAD)), 1)
        h = block_height(n, size) + 2 * PAD
        _text_cell(out, label, fonts, size, Rect(rx, y, lab_w, h), f"{role}.label")
        _text_cell(out, value, fonts, size, Rect(rx + lab_w, y, val_w, h), f"{role}.value")
        y += h
    sig_w = val_w - 2 * PAD
    jab_h = block_height(max(len(wrap_text(fonts.sanitize(jabatan)[0], fonts, size, sig_w)), 1), size) + PAD
    tail = [(nama or " ", True, "disahkan_oleh.nama")] + [
        (t, False, "disahkan_oleh.nip" if t.startswith("NIP") else "disahkan_oleh.pangkat") for t in extra]
    tail_h = [block_height(max(len(wrap_text(fonts.sanitize(t)[0], fonts, size, sig_w, b)), 1), size)
              for t, b, _ in tail]
    sig_h = jab_h + SIGN_SPACE + sum(tail_h) + 2 * PAD
    sig_rect = Rect(rx + lab_w, y, val_w, sig_h)
    _text_cell(out, IDENTITY_FIELD_LABELS["disahkan_oleh"], fonts, size, Rect(rx, y, lab_w, sig_h),
               "disahkan_oleh.label")
    out.add(Cell(rect=sig_rect, role="disahkan_oleh.value"))
    _text_cell(out, jabatan, fonts, size, Rect(sig_rect.x, y, val_w, jab_h + PAD), "disahkan_oleh.jabatan",
               align=Align.CENTER, border=False)
    ny = y + jab_h + SIGN_SPACE
    for (t, b, role), th in zip(tail, tail_h, strict=False):
        _text_cell(out, t, fonts, size, Rect(sig_rect.x, ny - PAD, val_w, th + PAD), role, bold=b,
                   align=Align.CENTER, border=False)
        ny += th
    y += sig_h
    nama_sop = ident.nama or "-"
    n = max(len(wrap_text(fonts.sanitize(nama_sop)[0], fonts, size + 1, val_w - 2 * PAD, True)), 1)
    h = block_height(n, size + 1) + 2 * PAD
    _text_cell(out, IDENTITY_FIELD_LABELS["nama"], fonts, size, Rect(rx, y, lab_w, h), "nama.label", bold=True)
    _text_cell(out, nama_sop, fonts, size + 1, Rect(rx + lab_w, y, val_w, h), "nama.value", bold=True)
    y += h
    top_bottom = y
    # --- left half: kop
    images: list[ImageBox] = []
    kop_rect = Rect(x0, y0, half, top_bottom - y0)
    out.add(Cell(rect=kop_rect, role="kop"))
    kop_lines = list(profile.instansi or ident.instansi)
    ksize = profile.ukuran_font_kop
    logo_h = min(60.0, kop_rect.h * 0.4) if profile.logo else 0.0
    blocks = [(line, ksize, True) for line in kop_lines]
    if ident.unit:
        blocks.append((ident.unit, ksize - 1, True))
    if ident.alamat:
        blocks.append((ident.alamat, size, False))
    heights = [block_height(max(len(wrap_text(fonts.sanitize(t)[0], fonts, s, half - 4 * PAD, b)), 1), s)
               for t, s, b in blocks]
    ky = kop_rect.y + max((kop_rect.h - sum(heights) - logo_h - 6) / 2, PAD)
    if profile.logo:
        images.append(ImageBox(Rect(kop_rect.cx - logo_h / 2, ky, logo_h, logo_h), profile.logo))
        ky += logo_h + 6
    for (t, s, b), bh in zip(blocks, heights, strict=False):
        _text_cell(out, t, fonts, s, Rect(x0 + PAD, ky - PAD, half - 2 * PAD, bh + 2 * PAD), "kop.line",
                   bold=b, align=Align.CENTER, border=False)
        ky += bh
    # --- the 2 × 3 boxes
    y = top_bottom
    avail = bottom_limit - y - 3 * line_h
    wanted = []
    for i in range(0, 6, 2):
        pair = [getattr(sop, _BOXES[i + j][0]) or ("-",) for j in (0, 1)]
        wanted.append(max(_list_height(tuple(items), fonts, size, half) for items in pair) + PAD)
    scale = min(1.0, avail / sum(wanted)) if sum(wanted) > 0 else 1.0
    for r, i in enumerate(range(0, 6, 2)):
        body_h = max(wanted[r] * scale, 2 * line_h) if scale == 1.0 else wanted[r] * scale
        if r == 2 and scale == 1.0:  # the last row of boxes fills the page like the signed originals
            body_h = max(body_h, min(bottom_limit - y - line_h, 4 * line_h))
        for j in (0, 1):
            key, title = _BOXES[i + j]
            bx = x0 + j * half
            _text_cell(out, title, fonts, size, Rect(bx, y, half, line_h), f"{key}.title", bold=True)
            body = Rect(bx, y + line_h, half, body_h)
            out.add(Cell(rect=body, role=key))
            items = getattr(sop, key) or ("-",)
            _list_cells(out, tuple(items), key, fonts, size, Rect(body.x, body.y, body.w, body.h - PAD))
        y += line_h + body_h
    page = Page(number=1, width=width, height=height, orientation=profile.orientasi_identitas,
                kind=PageKind.IDENTITY, cells=tuple(out.cells), images=tuple(images),
                labels=())
    return page, out.replaced, out.clipped, y
