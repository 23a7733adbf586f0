"""Flowchart table rows: the two header rows, step rows and connector rows, with wrapped cells.

A step row's height is the tallest of its wrapped texts and its symbol plus the room connectors
and labels need above and below the symbol. Rows are measured once (``measure_step``) and placed
at a y by ``step_row``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sopdoc.layout.geometry import Align, Cell, Column, ColumnKind, Rect, Row, SymbolKind, TextBlock
from sopdoc.layout.lanes import APPROACH, LANE_CLEAR, SYMBOL_CLEAR
from sopdoc.layout.metrics import FontSet
from sopdoc.layout.text import block_height, text_block, wrap_text
from sopdoc.model.labels import COLUMN_TITLES
from sopdoc.model.sop import Kegiatan, Simbol

__all__ = [
    "LANE_TOP",
    "PAD",
    "SYM_BOTTOM",
    "SYM_TOP",
    "StepMeasure",
    "SymbolSize",
    "connector_row",
    "header_rows",
    "measure_step",
    "step_row",
    "symbol_size",
]

PAD = 3.0
SYM_TOP = 5.0
"""Room above a symbol no lane enters (points): a connector into it comes straight down through
the row border (its arrowhead), or from an elbow run in the row above (see ``SYM_BOTTOM``)."""
SYM_BOTTOM = LANE_CLEAR + SYMBOL_CLEAR
"""Room below a symbol: the horizontal run of an elbow to the next row, ``LANE_CLEAR`` above the
row border and ``SYMBOL_CLEAR`` below the symbol (a decision's bottom-exit label may need more)."""
LANE_TOP = LANE_CLEAR + APPROACH
"""Room above a symbol that a lane (a loop-back, a branch skipping rows) enters: its horizontal run
``LANE_CLEAR`` below the row border, then the straight approach into the symbol's top; each
further lane adds ``LANE_CLEAR``."""
OFFPAGE_H = 16.0
PROCESS_H, TERMINATOR_H, DECISION_H = 16.0, 14.0, 24.0
"""Symbol heights (points) where the actor column is wide enough: about the signed originals'
(a process box 14–16 pt high, a diamond 20–24 pt), so a row is not taller than its text needs."""
MIN_LABEL_SIZE = 6.5
"""The smallest size of an exit label (``routing.LABEL_SIZES``), which a decision's row makes room for."""
MIN_ASPECT = {SymbolKind.TERMINATOR: 2.0, SymbolKind.PROSES: 1.4, SymbolKind.KEPUTUSAN: 1.4}
"""Width over height a symbol keeps in a narrow column (it gets lower, never rounder: a
terminator never turns into a circle)."""


@dataclass(frozen=True)
class SymbolSize:
    """Width and height of a symbol kind in a given actor column width."""

    w: float
    h: float


def symbol_size(kind: SymbolKind, col_w: float) -> SymbolSize:
    """The size of ``kind`` in an actor column ``col_w`` wide, leaving gutters on both sides."""
    side = 11.0 if col_w >= 50 else max(col_w * 0.18, 3.0)
    w = max(min(56.0, col_w - 2 * side), 6.0)
    if kind is SymbolKind.KEPUTUSAN:
        w = min(w, 50.0)
        return SymbolSize(w, min(DECISION_H, w / MIN_ASPECT[kind]))
    if kind is SymbolKind.OFFPAGE:
        return SymbolSize(min(w, 18.0), OFFPAGE_H)
    h = TERMINATOR_H if kind is SymbolKind.TERMINATOR else PROCESS_H
    return SymbolSize(w, min(h, w / MIN_ASPECT[kind]))


def kind_of(step: Kegiatan) -> SymbolKind:
    """The symbol kind drawn for a step (a lost symbol is drawn as a process)."""
    if step.simbol is Simbol.TERMINATOR:
        return SymbolKind.TERMINATOR
    if step.simbol is Simbol.KEPUTUSAN:
        return SymbolKind.KEPUTUSAN
    return SymbolKind.PROSES


@dataclass(frozen=True)
class StepMeasure:
    """What a step row needs: texts per column and the natural height."""

    texts: tuple[tuple[int, str, Align, bool], ...]  # (column index, text, align, middle)
    height: float
    replaced: bool
    sym_top: float = SYM_TOP
    """Room above the symbol (points), and below it ``sym_bottom``: ``SYM_TOP`` and
    ``SYM_BOTTOM``, or more where a decision's exit labels need it."""
    sym_bottom: float = SYM_BOTTOM
    symbol_height: float = 0.0
    """The height the symbol needs with its room above and below (``height`` is at least this
    and the text's); lanes entering the row add to this, not to the text's."""


def _step_texts(step: Kegiatan, cols: tuple[Column, ...]) -> list[tuple[int, str, Align, bool]]:
    """(column, text, alignment, vertically centred) of a step's text cells: every cell top-aligned."""
    out: list[tuple[int, str, Align, bool]] = []
    mb = step.mutu_baku
    for c in cols:
        if c.kind is ColumnKind.NO:
            out.append((c.index, "" if step.no is None else str(step.no), Align.CENTER, False))
        elif c.kind is ColumnKind.KEGIATAN:
            out.append((c.index, step.uraian, Align.LEFT, False))
        elif c.kind is ColumnKind.KELENGKAPAN:
            out.append((c.index, "\n".join(mb.kelengkapan), Align.LEFT, False))
        elif c.kind is ColumnKind.WAKTU:
            out.append((c.index, mb.waktu.teks if mb.waktu else "", Align.CENTER, False))
        elif c.kind is ColumnKind.OUTPUT:
            out.append((c.index, mb.output or "", Align.CENTER, False))
        elif c.kind is ColumnKind.KETERANGAN:
            out.append((c.index, step.keterangan or "", Align.LEFT, False))
    return out


def measure_step(step: Kegiatan, cols: tuple[Column, ...], fonts: FontSet, size: float) -> StepMeasure:
    """Texts and natural height of a step's row."""
    texts = _step_texts(step, cols)
    replaced = False
    text_h = 0.0
    for k, (ci, text, _align, mid) in enumerate(texts):
        clean, rep = fonts.sanitize(text)
        replaced |= rep
        n = len(wrap_text(clean, fonts, size, max(cols[ci].width - 2 * PAD, 1.0)))
        text_h = max(text_h, block_height(n, size) + 2 * PAD)
        if n > 1 and cols[ci].kind is ColumnKind.OUTPUT:  # a multi-line output reads left-aligned
            texts[k] = (ci, text, Align.LEFT, mid)
    actor_w = min((c.width for c in cols if c.kind is ColumnKind.PELAKSANA), default=60.0)
    sym = symbol_size(kind_of(step), actor_w)
    top, bottom = SYM_TOP, SYM_BOTTOM
    if step.cabang is not None and kind_of(step) is SymbolKind.KEPUTUSAN:
        # the exit labels (set at their smallest size, wrapped to the actor column) beside the
        # bottom exit below the symbol, and above the side exit at its middle
        cab = step.cabang
        label_h = max(block_height(len(wrap_text(fonts.sanitize(t)[0], fonts, MIN_LABEL_SIZE,
                                                 max(actor_w - 3.0, 1.0))), MIN_LABEL_SIZE)
                      for t in (cab.label_ya or "Ya", cab.label_tidak or "Tidak"))
        bottom = max(SYM_BOTTOM, label_h + 4.0)
        top = max(SYM_TOP, label_h + 2.0 - sym.h / 2)
    return StepMeasure(tuple(texts), max(text_h, sym.h + top + bottom), replaced, top, bottom, sym.h + top + bottom)


def step_row(index: int, step_index: int, measure: StepMeasure, cols: tuple[Column, ...], y: float,
             height: float, fonts: FontSet, size: float) -> Row:
    """A step row at ``y`` with ``height``; text longer than the row is clipped (flagged)."""
    cells: list[Cell] = []
    texts = {ci: (t, a, m) for ci, t, a, m in measure.texts}
    for c in cols:
        rect = Rect(c.x, y, c.width, height)
        block: TextBlock | None = None
        if c.index in texts:
            text, align, middle = texts[c.index]
            block, _ = text_block(text, fonts, size, rect, align=align, pad_x=PAD, pad_top=PAD,
                                  valign_middle=middle, max_height=height - 2 * PAD)
        role = c.kind.value if c.kind is not ColumnKind.PELAKSANA else "pelaksana"
        cells.append(Cell(rect=rect, text=block, role=role, row=index, col=c.index, pad_left=PAD,
                          pad_right=PAD, pad_top=PAD))
    return Row(index=index, y=y, height=height, cells=tuple(cells), step=step_index)


def connector_row(index: int, cols: tuple[Column, ...], y: float, height: float) -> Row:
    """An unnumbered row that holds off-page connectors (top or bottom of a page)."""
    cells = tuple(Cell(rect=Rect(c.x, y, c.width, height), role="offpage", row=index, col=c.index)
                  for c in cols)
    return Row(index=index, y=y, height=height, cells=cells)


MIN_HEADER_SIZE = 5.5


def header_size(title: str, width: float, fonts: FontSet, size: float) -> float:
    """The largest font size (≤ ``size``, ≥ 5.5 pt) at which every word of ``title`` fits ``width``."""
    words = fonts.sanitize(title)[0].split() or [""]
    while size > MIN_HEADER_SIZE and max(fonts.width(w, size, True) for w in words) > width - 2 * PAD:
        size -= 0.5
    return size


def header_rows(cols: tuple[Column, ...], y: float, fonts: FontSet, size: float,
                waktu_unit: str | None = None) -> tuple[Row, Row]:
    """The two header rows: NO, KEGIATAN, PELAKSANA (over the actors), MUTU BAKU (over
    KELENGKAPAN/WAKTU/OUTPUT), KETERANGAN; merged cells span rows or columns. A title whose
    longest word does not fit its column is set smaller (down to 5.5 pt) before it breaks."""
    line = block_height(1, size) + 2 * PAD
    titles = {c.index: c.title for c in cols}
    titles.update({c.index: f"WAKTU ({waktu_unit.upper()})" for c in cols if c.kind is ColumnKind.WAKTU and waktu_unit})
    sizes = {c.index: header_size(titles[c.index], c.width, fonts, size) for c in cols}
    sub = [c for c in cols if c.kind in (ColumnKind.PELAKSANA, ColumnKind.KELENGKAPAN, ColumnKind.WAKTU,
                                         ColumnKind.OUTPUT)]
    h2 = max((block_height(max(len(wrap_text(fonts.sanitize(titles[c.index])[0], fonts, sizes[c.index],
                                             max(c.width - 2 * PAD, 1), True)), 1), sizes[c.index]) + 2 * PAD
              for c in sub), default=line)
    h1 = line
    top_cells: list[Cell] = []
    sub_cells: list[Cell] = []

    def cell(rect: Rect, title: str, row: int, col: int, cspan: int = 1, rspan: int = 1,
             fsize: float = size) -> Cell:
        block, _ = text_block(title, fonts, fsize, rect, bold=True, align=Align.CENTER, pad_x=PAD,
                              pad_top=PAD, valign_middle=True)
        return Cell(rect=rect, text=block, role="header", row=row, col=col, col_span=cspan,
                    row_span=rspan, pad_left=PAD, pad_right=PAD, pad_top=PAD, shade=True)

    actors = [c for c in cols if c.kind is ColumnKind.PELAKSANA]
    mutu = [c for c in cols if c.kind in (ColumnKind.KELENGKAPAN, ColumnKind.WAKTU, ColumnKind.OUTPUT)]
    for c in cols:
        if c.kind in (ColumnKind.NO, ColumnKind.KEGIATAN, ColumnKind.KETERANGAN):
            top_cells.append(cell(Rect(c.x, y, c.width, h1 + h2), c.title, 0, c.index, 1, 2, sizes[c.index]))
        elif c is actors[0]:
            top_cells.append(cell(Rect(c.x, y, sum(a.width for a in actors), h1), COLUMN_TITLES["pelaksana"], 0,
                                  c.index, len(actors)))
        elif c is mutu[0]:
            top_cells.append(cell(Rect(c.x, y, sum(m.width for m in mutu), h1), COLUMN_TITLES["mutu_baku"], 0, c.index,
                                  len(mutu)))
        if c in sub:
            sub_cells.append(cell(Rect(c.x, y + h1, c.width, h2), titles[c.index], 1, c.index, fsize=sizes[c.index]))
    return (Row(index=0, y=y, height=h1, cells=tuple(top_cells), header=True),
            Row(index=1, y=y + h1, height=h2, cells=tuple(sub_cells), header=True))
