"""Word pieces drawn straight from the layout outside the flowchart tables: the worksheet page
(title paragraph + one table on the layout's three-column grid, exact row heights) and the
heading paragraphs (Nama SOP / Nomor line, flowchart title) above each flowchart table (one
paragraph per laid-out line, exact line height, then a spacer paragraph as tall as the gap the
layout reserved).
"""

from __future__ import annotations

import itertools

from sopdoc.layout.geometry import LINE_WIDTHS, Label, LineClass, Page
from sopdoc.render import _ooxml as ox

__all__ = ["title_paragraphs", "worksheet_xml"]


def _title_lines(lines: tuple[str, ...], leading: float, size: float, bold: bool, font: str,
                 align: str = "center") -> list[str]:
    """One paragraph of exact line height per laid-out line of a title (centred unless ``align``)."""
    start = ox.s_p_start(align=align, line=leading)
    return [start + ox.s_r(line, font, size, bold, keep_hyphens=True) + "</w:p>" for line in lines]


def title_paragraphs(labels: list[Label], table_top: float, font: str) -> list[str]:
    """The paragraphs (as text) of the heading ``labels`` above a flowchart table (the Nama SOP /
    Nomor line, the flowchart title), top to bottom, each followed by a spacer for the gap the
    layout left below it; together exactly ``table_top - labels[0].rect.y`` tall, so the table
    starts where the layout put it."""
    out: list[str] = []
    ordered = sorted(labels, key=lambda lb: lb.rect.y)
    for k, label in enumerate(ordered):
        block = label.text
        out += _title_lines(block.lines, block.leading, block.font_size, block.bold, font, block.align.value)
        below = ordered[k + 1].rect.y if k + 1 < len(ordered) else table_top
        gap = below - label.rect.y - block.leading * len(block.lines)
        if gap > 0.05:
            out.append(ox.s_p_start(line=gap) + "</w:p>")
    return out


def worksheet_xml(page: Page, font: str) -> list[str]:
    """The worksheet page's title paragraph(s), a spacer, and its table (body elements in order,
    each as text)."""
    title = next(c for c in page.cells if c.role == "lk.title")
    table_cells = [c for c in page.cells if c.role != "lk.title"]
    out = _title_lines(title.text.lines, title.text.leading, title.text.font_size, True, font) if title.text else []
    top = min(c.rect.y for c in table_cells)
    gap = top - title.rect.y - (title.text.height if title.text else 0.0)
    if gap > 0.05:
        out.append(ox.s_p_start(line=gap) + "</w:p>")
    grid_x = sorted({round(c.rect.x, 3) for c in table_cells if c.col_span == 1}
                    | {round(max(c.rect.right for c in table_cells), 3)})
    edges = [ox.twips(x) for x in grid_x]
    widths = [b - a for a, b in itertools.pairwise(edges)]
    pad = table_cells[0].pad_left if table_cells else 3.0
    tbl = [ox.s_tbl_start(grid_x[-1] - grid_x[0], pad, LINE_WIDTHS[LineClass.GRID], widths)]
    rows: dict[int, list] = {}
    for c in table_cells:
        rows.setdefault(c.row, []).append(c)
    for _r, cells in sorted(rows.items()):
        cells.sort(key=lambda c: c.col)
        y0, y1 = cells[0].rect.y, cells[0].rect.bottom
        tbl.append(ox.s_tr_start(ox.twips(y1) - ox.twips(y0)))
        for c in cells:
            tbl.append(ox.s_tc_start(sum(widths[c.col:c.col + c.col_span]), grid_span=c.col_span))
            block = c.text
            tbl.append(ox.s_p_start(before=c.pad_top, line=block.leading if block else None))
            if block is not None and block.lines:
                tbl.append(ox.s_r(" ".join(block.lines), font, block.font_size, block.bold, keep_hyphens=True))
            tbl.append("</w:p></w:tc>")
        tbl.append("</w:tr>")
    tbl.append("</w:tbl>")
    out.append("".join(tbl))
    return out
