"""One flowchart page of the layout as a Word table with native shapes anchored in its cells.

Column widths and row heights come from the layout (rounded on cumulative edges so the error
never adds up); text cells get the layout's paddings as left/right cell margins and top spacing
(LibreOffice ignores per-cell top margins), and the unbroken text so Word and LibreOffice wrap it
themselves at the same words. Each symbol, connector piece and exit label is anchored in the
paragraph of the cell it lies in, positioned relative to that cell's top-left corner.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sopdoc.layout.flowchart import HEADING_ROLES
from sopdoc.layout.geometry import (
    BULLET,
    LINE_WIDTHS,
    Align,
    Cell,
    ColumnKind,
    ConnectorPiece,
    FlowTable,
    Label,
    LineClass,
    Page,
    Row,
    SymbolBox,
    SymbolKind,
)
from sopdoc.layout.text import HYPHEN
from sopdoc.render import _ooxml as ox

__all__ = ["GEOMETRY", "ShapeIds", "flow_table_xml", "step_texts"]

GEOMETRY = {
    SymbolKind.TERMINATOR: "flowChartTerminator",
    SymbolKind.PROSES: "flowChartProcess",
    SymbolKind.KEPUTUSAN: "flowChartDecision",
    SymbolKind.OFFPAGE: "flowChartOffpageConnector",
}
"""DrawingML preset geometry of each symbol kind."""

HEADER_FILL = "E6E6E6"


@dataclass
class ShapeIds:
    """Unique ``wp:docPr`` ids across the whole document."""

    next_id: int = 1000

    def take(self) -> int:
        """The next free id."""
        self.next_id += 1
        return self.next_id


@dataclass
class _Anchors:
    """Drawings collected per (row, col) cell."""

    by_cell: dict[tuple[int, int], list] = field(default_factory=dict)

    def add(self, row: int, col: int, drawing) -> None:
        self.by_cell.setdefault((row, col), []).append(drawing)


def _edges_twips(starts: list[float], end: float) -> list[int]:
    """Sizes in twips from cumulative rounded edges (the rounding error never accumulates)."""
    edges = [ox.twips(v) for v in (*starts, end)]
    return [b - a for a, b in itertools.pairwise(edges)]


def step_texts(table: FlowTable, texts_of: Callable[[int], dict[int, str]]) -> Iterator[tuple[Row, dict[int, str]]]:
    """Each row with its unbroken cell texts by column index (header rows use the column titles)."""
    for row in table.rows:
        yield row, (texts_of(row.step) if row.step is not None else {})


def _cell_text(cell: Cell, row: Row, table: FlowTable, texts: dict[int, str]) -> list[str]:
    """The paragraphs of a cell: the model's text (split at explicit newlines) unless the layout
    clipped it, in which case its shown lines are kept as separate paragraphs."""
    block = cell.text
    if block is None or not block.lines:
        return []
    if row.header and block.rotated:  # Word wraps rotated text along the row: keep the layout's lines
        return list(block.lines)
    if row.header:
        return [_unwrap(block.lines)]
    if block.indents and cell.role == "kelengkapan":
        # one paragraph per item as the layout wrapped it: bullet, tab to the hanging indent, item
        # (a continuation row may start inside an item: its lines get the tab only)
        starts = list(block.bullets)
        cuts = [0, *starts] if not starts or starts[0] > 0 else starts
        ends = [*cuts[1:], len(block.lines)]
        return [(f"{BULLET}\t" if a in starts else "\t") + _unwrap(block.lines[a:b])
                for a, b in zip(cuts, ends, strict=True)]
    if block.clipped or cell.col not in texts or row.parts > 1:  # a step set in several rows: its lines
        return list(block.lines)
    if any(line.endswith(HYPHEN) for line in block.lines) and "\n" not in texts[cell.col]:
        return [_unwrap(block.lines)]  # Word hyphenates where the layout did
    return [t for t in texts[cell.col].split("\n")] or list(block.lines)


def _unwrap(lines: tuple[str, ...]) -> str:
    """Wrapped lines as one paragraph: a word the layout hyphenated (its line ends with
    ``HYPHEN``) joined again with a soft hyphen, so Word breaks it at the same place."""
    out = ""
    for line in lines:
        out = (out[:-1] + "\u00ad" + line) if out.endswith(HYPHEN) else (f"{out} {line}" if out else line)
    return out


def _paragraphs(cell: Cell, paras: list[str], font: str, middle: bool) -> list[tuple[str, str]]:
    """(opening, runs) of each paragraph of a text cell; the caller closes them with ``</w:p>``."""
    block = cell.text
    if block is None or not paras:
        return [(ox.s_p_start(line=8.0, keep_tiny=True), "")]
    out = []
    align = "center" if block.align is Align.CENTER else "left"
    for i, text in enumerate(paras):
        start = ox.s_p_start(align=align, before=(cell.pad_top if i == 0 and not middle else 0.0), line=block.leading)
        head, tab, body = text.rpartition("\t") if text.startswith(("\t", f"{BULLET}\t")) else ("", "", text)
        runs = ox.s_r(body, font, block.font_size, block.bold, keep_hyphens=True) if body else ""
        if tab:  # a bulleted item: the bullet, then a tab to the hanging indent where its lines start
            start = ox.s_p_hanging(start, block.indents[0] if block.indents else 0.0)
            runs = (ox.s_r(head, font, block.font_size, block.bold) if head else "") + "<w:r><w:tab/></w:r>" + runs
        out.append((start, runs))
    return out


def _symbol_drawing(sym: SymbolBox, cell: Cell, ids: ShapeIds, font_bold: str) -> str:
    return ox.s_anchor_run(ids.take(), geometry=GEOMETRY[sym.kind], x=sym.rect.x - cell.rect.x,
                           y=sym.rect.y - cell.rect.y, w=sym.rect.w, h=sym.rect.h,
                           line_width=LINE_WIDTHS[LineClass.SYMBOL], fill="FFFFFF", text=sym.label,
                           font=font_bold, size=sym.font_size, bold=True, rotation=0.0)


BRIDGE_ARC = (("adj1", 10800000), ("adj2", 0))
"""The upper half of DrawingML's ``arc`` preset (from 180° clockwise to 0°): a bridge."""


def _piece_drawing(piece: ConnectorPiece, cell: Cell, ids: ShapeIds) -> str:
    (x0, y0), (x1, y1) = piece.start, piece.end
    if piece.bridge:  # the half circle over a crossing; flipH says it runs leftwards (for readers)
        r = abs(x1 - x0) / 2
        return ox.s_anchor_run(ids.take(), geometry="arc", x=min(x0, x1) - cell.rect.x, y=y0 - r - cell.rect.y,
                               w=2 * r, h=2 * r, line_width=LINE_WIDTHS[LineClass.CONNECTOR], fill=None,
                               flip_h=x1 < x0, adjust=BRIDGE_ARC)
    return ox.s_anchor_run(ids.take(), geometry="straightConnector1", x=min(x0, x1) - cell.rect.x,
                           y=min(y0, y1) - cell.rect.y, w=abs(x1 - x0), h=abs(y1 - y0),
                           line_width=LINE_WIDTHS[LineClass.CONNECTOR], fill=None, arrow=piece.arrow_end,
                           flip_h=x1 < x0, flip_v=y1 < y0, is_line=True)


def _label_drawing(label: Label, cell: Cell, ids: ShapeIds, font: str) -> str:
    r = label.rect
    return ox.s_anchor_run(ids.take(), geometry="rect", x=r.x - cell.rect.x, y=r.y - cell.rect.y, w=r.w, h=r.h,
                           line_width=None, fill=None, text="\n".join(label.text.lines), font=font,
                           size=label.text.font_size)


def _cell_at(table: FlowTable, x: float, y: float) -> tuple[int, int]:
    row = next((r.index for r in table.rows if r.y <= y <= r.bottom and not r.header), table.rows[-1].index)
    col = next((c.index for c in table.columns if c.x <= x <= c.right), table.columns[-1].index)
    return row, col


def _collect(page: Page, table: FlowTable, cells: dict[tuple[int, int], Cell], ids: ShapeIds, font: str,
             font_bold: str) -> _Anchors:
    anchors = _Anchors()
    for sym in page.symbols:
        anchors.add(sym.row, sym.col, _symbol_drawing(sym, cells[(sym.row, sym.col)], ids, font_bold))
    for conn in page.connectors:
        for piece in conn.pieces:
            if abs(piece.start[0] - piece.end[0]) < 1e-6 and abs(piece.start[1] - piece.end[1]) < 1e-6:
                continue
            key = (piece.row, piece.col)
            if key not in cells:
                key = _cell_at(table, (piece.start[0] + piece.end[0]) / 2, (piece.start[1] + piece.end[1]) / 2)
            anchors.add(*key, _piece_drawing(piece, cells[key], ids))
    for label in page.labels:
        if label.role in ("footer", *HEADING_ROLES):  # drawn outside the table
            continue
        key = _cell_at(table, label.rect.cx, label.rect.cy)
        anchors.add(*key, _label_drawing(label, cells[key], ids, font))
    return anchors


def flow_table_xml(page: Page, texts_of: Callable[[int], dict[int, str]], font: str, font_bold: str,
                   ids: ShapeIds, fills: Callable[[Page, Cell], str | None] | None = None) -> str:
    """The ``w:tbl`` element of one flowchart page, as text (``_ooxml.Splicer`` puts it in the part).

    ``texts_of(step)`` gives the unbroken texts of a step's row by column index; ``font`` and
    ``font_bold`` are the Word font names (e.g. ``"Arial"``) of the layout's metrics; ``fills``
    gives chosen cells a background colour (hex ``"FFEB8C"``; a redline's marks).
    """
    table = page.table
    assert table is not None
    cols = table.columns
    col_tw = _edges_twips([c.x for c in cols], cols[-1].right)
    row_tw = _edges_twips([r.y for r in table.rows], table.rows[-1].bottom)
    pad = next((c.pad_left for r in table.rows for c in r.cells if c.text is not None), 3.0)
    out = [ox.s_tbl_start(table.width, pad, LINE_WIDTHS[LineClass.GRID], col_tw)]
    cells: dict[tuple[int, int], Cell] = {}
    for row in table.rows:
        for c in row.cells:
            cells[(row.index, c.col)] = c
    # covered[(row, col)] for vertically merged continuation cells
    covered: dict[tuple[int, int], Cell] = {}
    for row in table.rows:
        for c in row.cells:
            for k in range(1, c.row_span):
                covered[(row.index + k, c.col)] = c
    anchors = _collect(page, table, cells, ids, font, font_bold)
    tiny = ox.s_p_start(keep_tiny=True) + "</w:p>"
    for row, texts in step_texts(table, texts_of):
        out.append(ox.s_tr_start(row_tw[row.index], header=row.header))
        col = 0
        while col < len(cols):
            cell = cells.get((row.index, col))
            if cell is None and (row.index, col) in covered:
                top = covered[(row.index, col)]
                out += [ox.s_tc_start(sum(col_tw[col:col + top.col_span]), grid_span=top.col_span, v_merge="continue",
                                      shade=HEADER_FILL if top.shade else None), tiny, "</w:tc>"]
                col += top.col_span
                continue
            if cell is None:  # no cell from the layout: an empty one keeps the grid whole
                out += [ox.s_tc_start(col_tw[col]), tiny, "</w:tc>"]
                col += 1
                continue
            middle = row.header  # step cells are top-aligned, as the layout sets them
            actor = cols[col].kind is ColumnKind.PELAKSANA and not row.header
            out.append(ox.s_tc_start(sum(col_tw[col:col + cell.col_span]), grid_span=cell.col_span,
                                     v_merge="restart" if cell.row_span > 1 else None,
                                     v_align="center" if middle else "top",
                                     shade=HEADER_FILL if cell.shade else (fills(page, cell) if fills else None),
                                     margin_lr=(0.0, 0.0) if actor else (cell.pad_left, cell.pad_right),
                                     bottom_to_top=cell.text is not None and cell.text.rotated))
            paras = _paragraphs(cell, _cell_text(cell, row, table, texts), font, middle)
            drawings = anchors.by_cell.get((row.index, col), [])
            if cell.text is None or not cell.text.lines:  # the drawings' own paragraph, no spacing
                paras = [(ox.s_p_start(keep_tiny=True), "")]
            for i, (start, runs) in enumerate(paras):
                out += [start, runs, *(drawings if i == 0 else ()), "</w:p>"]
            out.append("</w:tc>")
            col += cell.col_span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)
