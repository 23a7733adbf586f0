"""Word pieces drawn straight from the layout outside the flowchart tables: the worksheet page
(title paragraph + one table on the layout's three-column grid, exact row heights) and the
flowchart title paragraphs above each flowchart table (one paragraph per laid-out line, exact
line height, then a spacer paragraph as tall as the gap the layout reserved).
"""

from __future__ import annotations

from typing import Any

from sopdoc.layout.geometry import LINE_WIDTHS, Label, LineClass, Page
from sopdoc.render import _ooxml as ox

__all__ = ["title_paragraphs", "worksheet_xml"]


def title_paragraphs(label: Label, table_top: float, font: str) -> list[Any]:
    """The paragraphs of the flowchart title ``label``; together exactly ``table_top - label.rect.y``
    tall, so the table starts where the layout put it."""
    block = label.text
    out = []
    for line in block.lines:
        p = ox.w_p(align="center", line=block.leading)
        p.append(ox.w_r(line, font, block.font_size, block.bold, keep_hyphens=True))
        out.append(p)
    gap = table_top - label.rect.y - block.leading * len(block.lines)
    if gap > 0.05:
        out.append(ox.w_p(line=gap))
    return out


def worksheet_xml(page: Page, font: str) -> list[Any]:
    """The worksheet page's title paragraph(s), a spacer, and its table (body elements in order)."""
    title = next(c for c in page.cells if c.role == "lk.title")
    table_cells = [c for c in page.cells if c.role != "lk.title"]
    out = []
    for line in title.text.lines if title.text else ():
        p = ox.w_p(align="center", line=title.text.leading)
        p.append(ox.w_r(line, font, title.text.font_size, True, keep_hyphens=True))
        out.append(p)
    top = min(c.rect.y for c in table_cells)
    gap = top - title.rect.y - (title.text.height if title.text else 0.0)
    if gap > 0.05:
        out.append(ox.w_p(line=gap))
    grid_x = sorted({round(c.rect.x, 3) for c in table_cells if c.col_span == 1}
                    | {round(max(c.rect.right for c in table_cells), 3)})
    edges = [ox.twips(x) for x in grid_x]
    widths = [b - a for a, b in zip(edges, edges[1:])]
    pad = table_cells[0].pad_left if table_cells else 3.0
    tbl = ox.w_tbl(ox.w_tblPr(grid_x[-1] - grid_x[0], pad, LINE_WIDTHS[LineClass.GRID]), ox.w_tblGrid(widths))
    rows: dict[int, list] = {}
    for c in table_cells:
        rows.setdefault(c.row, []).append(c)
    for _r, cells in sorted(rows.items()):
        cells.sort(key=lambda c: c.col)
        y0, y1 = cells[0].rect.y, cells[0].rect.bottom
        tr = ox.w_tr(ox.twips(y1) - ox.twips(y0))
        for c in cells:
            tc = ox.w_tc(sum(widths[c.col:c.col + c.col_span]), grid_span=c.col_span)
            block = c.text
            p = ox.w_p(before=c.pad_top, line=block.leading if block else None)
            if block is not None and block.lines:
                p.append(ox.w_r(" ".join(block.lines), font, block.font_size, block.bold, keep_hyphens=True))
            tc.append(p)
            tr.append(tc)
        tbl.append(tr)
    out.append(tbl)
    return out
