"""The identity page of the layout as one Word table (the same geometry as the PDF).

The layout's identity page is a kop cell on the left beside label | value rows on the right, then
the six boxes in three rows of two. Here it becomes one fixed table: three grid columns (kop,
label, value; the right-hand box spans label and value), rows of the layout's exact heights, the
kop one vertically merged cell, every text a paragraph of the layout's font, size and line
height, placed by "space before" where the layout put it. Word and LibreOffice wrap the unbroken
text themselves at the same words (the fonts are metric twins of the layout's). Rows are exact,
so the page can never grow past the layout's one page.

The structure is what ``importers/own/docx_flow.read_own_identity_table`` reads back: label cells
followed by their value, the signature block's jabatan and name separated by an empty paragraph,
kop lines as paragraphs, box titles over a cell of numbered paragraphs.
"""

from __future__ import annotations

import itertools
from typing import Any

from sopdoc.layout.geometry import LINE_WIDTHS, Align, Cell, LineClass, Page, Rect, TextBlock
from sopdoc.model.labels import BOX_TITLES
from sopdoc.render import _ooxml as ox

__all__ = ["identity_table_xml", "place_logo"]

_TINY = ox.s_p_start(keep_tiny=True) + "</w:p>"


def _edges_twips(edges: list[float]) -> list[int]:
    tw = [ox.twips(v) for v in edges]
    return [b - a for a, b in itertools.pairwise(tw)]


def _text(block: TextBlock) -> str:
    """The unbroken text of a block (Word wraps it again at the same spaces)."""
    return " ".join(line.strip() for line in block.lines if line.strip())


def _para(block: TextBlock, font: str, before: float, *, text: str | None = None, indent: float = 0.0) -> str:
    """One paragraph holding ``block`` (its font, size, weight, alignment and line height)."""
    start = ox.s_p_start(align="center" if block.align is Align.CENTER else "left", before=max(before, 0.0),
                         line=block.leading)
    if indent:
        ind = ox.twips(indent)
        # the hanging indent is the tab stop after the number (no w:tabs: readers would take its
        # w:tab for a tab character of the text)
        start = start.replace("</w:pPr>", f'<w:ind w:left="{ind}" w:hanging="{ind}"/></w:pPr>', 1)
    body = _text(block) if text is None else text
    if "\t" in body:
        head, tail = body.split("\t", 1)
        runs = (ox.s_r(head, font, block.font_size, block.bold) + "<w:r><w:tab/></w:r>"
                + ox.s_r(tail, font, block.font_size, block.bold, keep_hyphens=True))
    else:
        runs = ox.s_r(body, font, block.font_size, block.bold, keep_hyphens=True) if body else ""
    return start + runs + "</w:p>"


def _stacked(frame: Rect, parts: list[Cell], font: str, *, spacer_after: str | None = None) -> list[str]:
    """Paragraphs of the borderless text cells inside ``frame``, top to bottom, each placed by
    space before; ``spacer_after`` (a role) is followed by an empty paragraph of the gap instead
    (the signature space, which readers take as the end of the jabatan)."""
    out: list[str] = []
    cursor = frame.y
    spacer = False
    for cell in sorted(parts, key=lambda c: c.rect.y):
        block = cell.text
        if block is None:
            continue
        gap = block.top - cursor
        if spacer:
            out.append(ox.s_p_start(line=max(gap, 1.0)) + "</w:p>")
            gap = 0.0
            spacer = False
        if block.lines and any(line.strip() for line in block.lines):
            out.append(_para(block, font, gap))
            cursor = block.top + block.height
        if cell.role == spacer_after:
            spacer = True
    return out


def _own(cell: Cell, font: str) -> list[str]:
    """The paragraph of a bordered cell's own text, placed where the layout put its first line."""
    if cell.text is None or not _text(cell.text):
        return []
    return [_para(cell.text, font, cell.text.top - cell.rect.y)]


def _tc(width_tw: int, paras: list[str], *, span: int = 1, merge: str | None = None) -> str:
    return (ox.s_tc_start(width_tw, grid_span=span, v_merge=merge) + ("".join(paras) or _TINY) + "</w:tc>")


def _inside(cell: Cell, frame: Rect) -> bool:
    return frame.x - 0.5 <= cell.rect.cx <= frame.right + 0.5 and frame.y - 0.5 <= cell.rect.cy <= frame.bottom + 0.5


def identity_table_xml(page: Page, font: str, *, logo: bool = False, logo_height: float = 0.0,
                       width_tw: int | None = None) -> str:
    """The ``w:tbl`` element of the layout's identity page, as text. With ``logo``, the first
    paragraph is where the layout put the logo (a picture ``logo_height`` points high): the caller
    appends the run holding it. ``width_tw`` makes the table that wide (twips), exactly as
    ``_ooxml.w_tbl_fit_width`` would."""
    by_role = {c.role: c for c in page.cells}
    kop = by_role["kop"]
    labels = sorted((c for c in page.cells if c.role.endswith(".label")), key=lambda c: c.rect.y)
    first_box = by_role[f"{next(iter(BOX_TITLES))}.title"]
    xs = [kop.rect.x, kop.rect.right, labels[0].rect.right, first_box.rect.x + 2 * first_box.rect.w]
    col_tw = _edges_twips(xs)
    width = xs[-1] - xs[0]
    fitted = ox.fit_widths(col_tw, width_tw) if width_tw is not None else None
    if fitted is not None and width_tw is not None:
        col_tw, width = fitted, width_tw / 20  # twips(width) == width_tw
    pad = labels[0].pad_left
    loose = [c for c in page.cells if not c.border and c.text is not None]
    out = [ox.s_tbl_start(width, pad, LINE_WIDTHS[LineClass.GRID], col_tw)]
    # --- identity rows beside the kop
    row_edges = [c.rect.y for c in labels] + [labels[-1].rect.bottom]
    row_tw = _edges_twips(row_edges)
    kop_paras = _stacked(kop.rect, [c for c in loose if c.role == "kop.line"], font)
    if logo and page.images:
        # the PDF centres the picture in the layout's square; the paragraph holds it at that height
        image = page.images[0].rect
        pic_h = logo_height if logo_height else image.h
        top = image.y + (image.h - pic_h) / 2
        logo_p = ox.s_p_start(align="center", before=max(top - kop.rect.y, 0.0), line=pic_h) + "</w:p>"
        kop_paras = [logo_p, *_stacked(Rect(kop.rect.x, top + pic_h, kop.rect.w, kop.rect.h),
                                     [c for c in loose if c.role == "kop.line"], font)]
    for i, label in enumerate(labels):
        field = label.role.removesuffix(".label")
        value = by_role[f"{field}.value"]
        out.append(ox.s_tr_start(row_tw[i]))
        out.append(_tc(col_tw[0], kop_paras if i == 0 else [], merge="restart" if i == 0 else "continue"))
        out.append(_tc(col_tw[1], _own(label, font)))
        if value.text is not None:
            paras = _own(value, font)
        else:  # the signature block: borderless text cells inside the value cell
            inside = [c for c in loose if c.role.startswith(f"{field}.") and _inside(c, value.rect)]
            paras = _stacked(value.rect, inside, font, spacer_after=f"{field}.jabatan")
        out.append(_tc(col_tw[2], paras))
        out.append("</w:tr>")
    # --- the boxes, two per row: a title row over a body row
    keys = list(BOX_TITLES)
    for i in range(0, len(keys), 2):
        pair = [by_role[f"{k}.title"] for k in keys[i:i + 2]]
        bodies = [by_role[k] for k in keys[i:i + 2]]
        out.append(ox.s_tr_start(ox.twips(pair[0].rect.bottom) - ox.twips(pair[0].rect.y)))
        for j, title in enumerate(pair):
            out.append(_tc(col_tw[0] if j == 0 else col_tw[1] + col_tw[2],
                           _own(title, font), span=1 if j == 0 else 2))
        out.append("</w:tr>")
        out.append(ox.s_tr_start(ox.twips(bodies[0].rect.bottom) - ox.twips(bodies[0].rect.y)))
        for j, (key, body) in enumerate(zip(keys[i:i + 2], bodies, strict=False)):
            out.append(_tc(col_tw[0] if j == 0 else col_tw[1] + col_tw[2], _items(key, body, loose, font),
                           span=1 if j == 0 else 2))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _items(key: str, body: Cell, loose: list[Cell], font: str) -> list[str]:
    """Numbered paragraphs (number, tab, text with a hanging indent) of one box's list items."""
    nos = sorted((c for c in loose if c.role == f"{key}.no" and _inside(c, body.rect)), key=lambda c: c.rect.y)
    items = sorted((c for c in loose if c.role == f"{key}.item" and _inside(c, body.rect)), key=lambda c: c.rect.y)
    out: list[str] = []
    cursor = body.rect.y
    for no, item in zip(nos, items, strict=False):
        if item.text is None or no.text is None:
            continue
        indent = item.text.x - (no.text.x)
        out.append(_para(item.text, font, item.text.top - cursor, text=f"{_text(no.text)}\t{_text(item.text)}",
                         indent=indent))
        cursor = item.text.top + max(item.text.height, item.text.leading)
    return out


def place_logo(run: Any, rect: Rect) -> float:
    """Scale the inline picture of ``run`` to fit ``rect`` (aspect kept), as the PDF draws it;
    its new height in points (0 when the run holds no sized picture)."""
    wp_extent = [el for el in run.iter() if el.tag.endswith("}extent") or el.tag.endswith("}ext")]
    if not wp_extent:
        return 0.0
    cx, cy = int(wp_extent[0].get("cx")), int(wp_extent[0].get("cy"))
    if cx <= 0 or cy <= 0:
        return 0.0
    scale = min(ox.emu(rect.w) / cx, ox.emu(rect.h) / cy)
    for el in wp_extent:
        if el.get("cx") is not None:
            el.set("cx", str(int(cx * scale)))
            el.set("cy", str(int(cy * scale)))
    return int(cy * scale) / ox.emu(1.0)
