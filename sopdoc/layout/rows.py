"""Flowchart table rows: the two header rows, step rows and connector rows, with wrapped cells.

A step row's height is the tallest of its wrapped texts and its symbol plus the room connectors
and labels need above and below the symbol. Rows are measured once (``measure_step``) and placed
at a y by ``step_row``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sopdoc.layout.geometry import Align, Cell, Column, ColumnKind, Rect, Row, SymbolKind, TextBlock
from sopdoc.layout.lanes import APPROACH, LANE_CLEAR, SYMBOL_CLEAR
from sopdoc.layout.metrics import FontSet
from sopdoc.layout.text import block_height, bullet_items, lines_block, text_block, wrap_text
from sopdoc.model.labels import COLUMN_TITLES, CONTINUED
from sopdoc.model.sop import Kegiatan, Simbol

__all__ = [
    "LANE_TOP",
    "PAD",
    "SYM_BOTTOM",
    "SYM_TOP",
    "StepMeasure",
    "StepPart",
    "SymbolSize",
    "connector_row",
    "header_rows",
    "measure_step",
    "split_step",
    "step_row",
    "symbol_height",
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
"""The smallest size of an exit label (``exit_labels.LABEL_SIZES``), which a decision's row makes room for."""
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
    items: tuple[str, ...] = ()
    """The kelengkapan items, set as a bulleted list in the KELENGKAPAN column."""
    wrapped: tuple[tuple[int, tuple[str, ...], tuple[int, ...] | None], ...] = ()
    """Per text column: (column index, its wrapped lines, the lines starting a bulleted item or
    None when the column is not bulleted)."""


@dataclass(frozen=True)
class StepPart:
    """One row of a step taller than a page: part ``index`` of ``count`` (0 holds the symbol),
    its lines per column (as ``StepMeasure.wrapped``) and its height."""

    index: int
    count: int
    wrapped: tuple[tuple[int, tuple[str, ...], tuple[int, ...] | None], ...]
    height: float


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
    items = step.mutu_baku.kelengkapan
    wrapped: list[tuple[int, tuple[str, ...], tuple[int, ...] | None]] = []
    for k, (ci, text, _align, mid) in enumerate(texts):
        width = max(cols[ci].width - 2 * PAD, 1.0)
        if cols[ci].kind is ColumnKind.KELENGKAPAN:
            lines, starts, rep = bullet_items(items, fonts, size, width)
            wrapped.append((ci, tuple(lines), tuple(starts)))
        else:
            clean, rep = fonts.sanitize(text)
            lines = wrap_text(clean, fonts, size, width)
            wrapped.append((ci, tuple(lines), None))
        n = len(lines)
        replaced |= rep
        text_h = max(text_h, block_height(n, size) + 2 * PAD)
        if n > 1 and cols[ci].kind is ColumnKind.OUTPUT:  # a multi-line output reads left-aligned
            texts[k] = (ci, text, Align.LEFT, mid)
    sym_h, top, bottom = _symbol_room(step, cols, fonts)
    return StepMeasure(tuple(texts), max(text_h, sym_h + top + bottom), replaced, top, bottom,
                       sym_h + top + bottom, items, tuple(wrapped))


def symbol_height(step: Kegiatan, cols: tuple[Column, ...], fonts: FontSet) -> float:
    """``measure_step(step, cols, …).symbol_height`` without wrapping the step's texts."""
    sym_h, top, bottom = _symbol_room(step, cols, fonts)
    return sym_h + top + bottom


def _symbol_room(step: Kegiatan, cols: tuple[Column, ...], fonts: FontSet) -> tuple[float, float, float]:
    """The height of a step's symbol and the room its row keeps above and below it."""
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
    return sym.h, top, bottom


MIN_CONTINUED_H = 2 * SYM_BOTTOM
"""The lowest a step's last continuation row gets (room for connectors passing through it)."""


def split_step(measure: StepMeasure, cols: tuple[Column, ...], size: float, cap: float) -> tuple[StepPart, ...]:
    """The rows of a step whose text is taller than ``cap`` (the most a row can have on a page):
    every column's lines in order, ``cap`` high each but the last, which is as high as its lines
    need; the KEGIATAN cell of every row after the first starts with ``CONTINUED``. Nothing is
    dropped."""
    lead = block_height(1, size)
    fit = max(int((cap - 2 * PAD + 0.01) // lead), 2)
    keg = next((c.index for c in cols if c.kind is ColumnKind.KEGIATAN), -1)
    pos = {ci: 0 for ci, _l, _b in measure.wrapped}
    parts: list[tuple[tuple[tuple[int, tuple[str, ...], tuple[int, ...] | None], ...], float]] = []
    while True:
        k = len(parts)
        chunk: list[tuple[int, tuple[str, ...], tuple[int, ...] | None]] = []
        for ci, lines, starts in measure.wrapped:
            mark = k > 0 and ci == keg
            a = pos[ci]
            b = min(a + fit - (1 if mark else 0), len(lines))
            take = lines[a:b]
            bullets = None if starts is None else tuple(j - a for j in starts if a <= j < b)
            chunk.append((ci, (CONTINUED, *take) if mark else take, bullets))
            pos[ci] = b
        done = all(pos[ci] >= len(lines) for ci, lines, _b in measure.wrapped)
        n = max((len(t) for _c, t, _b in chunk), default=0)
        parts.append((tuple(chunk), max(block_height(n, size) + 2 * PAD, MIN_CONTINUED_H) if done else cap))
        if done or k > 10_000:
            break
    return tuple(StepPart(k, len(parts), w, h) for k, (w, h) in enumerate(parts))


_ROLES = {kind: kind.value for kind in ColumnKind}
"""A step cell's role: its column's kind ("pelaksana" for every actor column)."""


def step_row(index: int, step_index: int, measure: StepMeasure, cols: tuple[Column, ...], y: float,
             height: float, fonts: FontSet, size: float, part: StepPart | None = None) -> Row:
    """A step row at ``y`` with ``height`` holding the lines the measure wrapped, or only those of
    ``part`` (a row of a step taller than a page, see :func:`split_step`)."""
    cells: list[Cell] = []
    aligns = {ci: a for ci, _t, a, _m in measure.texts}
    wrapped = {ci: (lines, bullets) for ci, lines, bullets in (part.wrapped if part is not None else measure.wrapped)}
    for c in cols:
        ci = c.index
        rect = Rect(c.x, y, c.width, height)
        block: TextBlock | None = None
        if ci in wrapped:
            lines, bullets = wrapped[ci]
            block = lines_block(lines, fonts, size, rect, align=aligns[ci], pad_x=PAD, pad_top=PAD,
                                bullets=bullets)
        # (rect, text, role, row, col, col_span, row_span, border, pad_left, pad_right, pad_top)
        cells.append(Cell(rect, block, _ROLES[c.kind], index, ci, 1, 1, True, PAD, PAD, PAD))
    return Row(index=index, y=y, height=height, cells=tuple(cells), step=step_index,
               part=part.index if part is not None else 0, parts=part.count if part is not None else 1)


def connector_row(index: int, cols: tuple[Column, ...], y: float, height: float) -> Row:
    """An unnumbered row that holds off-page connectors (top or bottom of a page)."""
    cells = tuple(Cell(rect=Rect(c.x, y, c.width, height), role="offpage", row=index, col=c.index)
                  for c in cols)
    return Row(index=index, y=y, height=height, cells=cells)


MIN_HEADER_SIZE = 5.5
LEGIBLE_HEADER_SIZE = 6.5
"""The smallest size an actor header is set horizontally at; below it the actor headers are
rotated (read bottom-to-top) at the full header size instead."""
MAX_HEADER_LINES = 4
"""More lines than this in a horizontal actor header is crowded: the headers are rotated."""
ROTATED_LINES = 3
"""The most lines a rotated actor header is wrapped into (fewer when its column is narrow)."""
ROTATED_MAX_H = 100.0
"""The highest rotated header row set at the full header size (a smaller size before a higher row)."""


def header_size(title: str, width: float, fonts: FontSet, size: float) -> float:
    """The largest font size (≤ ``size``, ≥ 5.5 pt) at which every word of ``title`` fits ``width``."""
    words = fonts.sanitize(title)[0].split() or [""]
    while size > MIN_HEADER_SIZE and max(fonts.width(w, size, True) for w in words) > width - 2 * PAD:
        size -= 0.5
    return size


def crowded_headers(actors: list[Column], fonts: FontSet, size: float) -> bool:
    """True when an actor header cannot be set horizontally at a legible size (at least
    ``LEGIBLE_HEADER_SIZE``, or the body size when smaller) without breaking a word, or needs
    more than ``MAX_HEADER_LINES`` lines: the actor headers are then rotated."""
    legible = min(size, LEGIBLE_HEADER_SIZE)
    for c in actors:
        title = fonts.sanitize(c.title)[0]
        hsize = header_size(title, c.width, fonts, size)
        words = title.split() or [""]
        if max(fonts.width(w, hsize, True) for w in words) > c.width - 2 * PAD + 1e-6 or hsize < legible:
            return True
        if len(wrap_text(title, fonts, hsize, max(c.width - 2 * PAD, 1.0), True)) > MAX_HEADER_LINES:
            return True
    return False


def _rotated_fit(actors: list[Column], fonts: FontSet, size: float) -> tuple[float, float]:
    """The font size and row height of rotated actor headers: the lowest row in which every name
    fits, wrapped at its spaces (never inside a word) into as many lines as the narrowest column
    holds (``ROTATED_LINES`` at most); the largest size (down to 5.5 pt) whose row stays within
    ``ROTATED_MAX_H``, else the row as high as the smallest size needs."""
    names = [" ".join(fonts.sanitize(c.title)[0].split()) for c in actors]
    across = min(c.width for c in actors) - 2 * PAD
    fsize = size
    while True:
        longest = max(fonts.width(n, fsize, True) for n in names)
        h = max(fonts.width(w, fsize, True) for n in names for w in (n.split() or [""]))
        lines_fit = min(max(int((across + 1e-6) // block_height(1, fsize)), 1), ROTATED_LINES)
        while h < longest and max(len(wrap_text(n, fonts, fsize, h, True)) for n in names) > lines_fit:
            h = min(h + 2.0, longest)
        if h + 2 * PAD <= ROTATED_MAX_H or fsize - 0.5 < MIN_HEADER_SIZE:
            return fsize, h + 2 * PAD
        fsize -= 0.5


def _rotated_cell(rect: Rect, title: str, fonts: FontSet, size: float, row: int, col: int) -> Cell:
    """A header cell whose text reads bottom-to-top, centred both ways (its frame: the cell turned
    90° counter-clockwise around its bottom-left corner)."""
    block, _ = text_block(title, fonts, size, Rect(0.0, 0.0, rect.h, rect.w), bold=True, align=Align.CENTER,
                          pad_x=PAD, pad_top=PAD, valign_middle=True)
    block = replace(block, rotated=True, origin=(rect.x, rect.bottom))
    return Cell(rect=rect, text=block, role="header", row=row, col=col, pad_left=PAD, pad_right=PAD,
                pad_top=PAD, shade=True)


def header_rows(cols: tuple[Column, ...], y: float, fonts: FontSet, size: float,
                waktu_unit: str | None = None) -> tuple[Row, Row]:
    """The two header rows: NO, KEGIATAN, PELAKSANA (over the actors), MUTU BAKU (over
    KELENGKAPAN/WAKTU/OUTPUT), KETERANGAN; merged cells span rows or columns. A title whose
    longest word does not fit its column is set smaller (down to 5.5 pt) before it breaks; when
    an actor header would get below a legible size or crowded (:func:`crowded_headers`), every
    actor header is rotated, the sub-header row as high as the longest name needs."""
    line = block_height(1, size) + 2 * PAD
    titles = {c.index: c.title for c in cols}
    titles.update({c.index: f"WAKTU ({waktu_unit.upper()})" for c in cols if c.kind is ColumnKind.WAKTU and waktu_unit})
    sizes = {c.index: header_size(titles[c.index], c.width, fonts, size) for c in cols}
    actors = [c for c in cols if c.kind is ColumnKind.PELAKSANA]
    rotated = crowded_headers(actors, fonts, size)
    rot_size, rot_h = _rotated_fit(actors, fonts, size) if rotated else (size, 0.0)
    sub = [c for c in cols if c.kind in (ColumnKind.PELAKSANA, ColumnKind.KELENGKAPAN, ColumnKind.WAKTU,
                                         ColumnKind.OUTPUT)]
    flat = [c for c in sub if not (rotated and c.kind is ColumnKind.PELAKSANA)]
    h2 = max((block_height(max(len(wrap_text(fonts.sanitize(titles[c.index])[0], fonts, sizes[c.index],
                                             max(c.width - 2 * PAD, 1), True)), 1), sizes[c.index]) + 2 * PAD
              for c in flat), default=line)
    h2 = max(h2, rot_h)
    h1 = line
    top_cells: list[Cell] = []
    sub_cells: list[Cell] = []

    def cell(rect: Rect, title: str, row: int, col: int, cspan: int = 1, rspan: int = 1,
             fsize: float = size) -> Cell:
        block, _ = text_block(title, fonts, fsize, rect, bold=True, align=Align.CENTER, pad_x=PAD,
                              pad_top=PAD, valign_middle=True)
        return Cell(rect=rect, text=block, role="header", row=row, col=col, col_span=cspan,
                    row_span=rspan, pad_left=PAD, pad_right=PAD, pad_top=PAD, shade=True)

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
        if rotated and c.kind is ColumnKind.PELAKSANA:
            sub_cells.append(_rotated_cell(Rect(c.x, y + h1, c.width, h2), titles[c.index], fonts, rot_size, 1,
                                           c.index))
        elif c in sub:
            sub_cells.append(cell(Rect(c.x, y + h1, c.width, h2), titles[c.index], 1, c.index, fsize=sizes[c.index]))
    return (Row(index=0, y=y, height=h1, cells=tuple(top_cells), header=True),
            Row(index=1, y=y + h1, height=h2, cells=tuple(sub_cells), header=True))
