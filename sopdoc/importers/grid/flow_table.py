"""Read a flowchart table of a PDF page: header columns, rows, and the symbols in actor cells.

The table grid comes from pdfplumber's table finder run on the page with the symbols and
connectors filtered out (only text and thin rules left), so shapes never split columns. Each
symbol is then placed in the (row, actor column) cell that holds its centre.

The header row need not be the first row of its table: the one-page templates draw the kop,
identity, boxes and flowchart as one grid, so the header is found wherever it is and the rows
above it are left to the identity reader. The column layout read from the header
(:class:`FlowColumns`) is kept, so that a later table without a header whose columns line up
with it (a continuation page) is read with the same columns. Every row under a header that does
not become a step is recorded in ``dropped`` with the reason, so the import report names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sopdoc.importers.grid.actor_levels import fold_role_row, is_role_row, qualified_actors
from sopdoc.importers.grid.clean import Line, clean_cell
from sopdoc.importers.grid.geometry import BBox, Shape
from sopdoc.importers.grid.header import header_columns
from sopdoc.importers.grid.items import deliberate_breaks, mark_breaks
from sopdoc.importers.grid.steps import RawStep
from sopdoc.importers.grid.vocab import column_kind, waktu_unit_in_header
from sopdoc.model.diagnostic import Origin, Teks
from sopdoc.model.labels import simbol_rank

__all__ = ["FlowColumns", "PdfFlowTable", "continues", "header_row", "is_flow_table", "read_continuation",
           "read_flow_table"]

EDGE_TOLERANCE = 3.0
"""Points by which a column edge of a continuation table may differ from the header table's."""


@dataclass
class FlowColumns:
    """The column layout of a flowchart table, read from its header."""

    cols: dict[str, int]  # kind -> grid column
    actor_cols: list[tuple[int, str]]  # (grid column, actor name)
    xs: list[tuple[float, float]]  # x-range of each grid column
    edges: list[float]  # every column edge, sorted


@dataclass
class PdfFlowTable:
    """A flowchart table of one page: actors, steps, the bbox of each step's actor cells."""

    page: int
    index: int
    actors: list[str]
    steps: list[RawStep]
    satuan: str | None
    row_boxes: list[BBox] = field(default_factory=list)  # per step: the row's box over actor columns
    actor_x: list[tuple[float, float]] = field(default_factory=list)
    shapes: list[list[Shape]] = field(default_factory=list)  # per step
    columns: FlowColumns | None = None
    continuation: bool = False  # a table without a header, read with an earlier table's columns
    dropped: list[tuple[Origin, str, Teks]] = field(default_factory=list)  # rows not made steps: code, why
    title: str = ""  # a line printed just above the table (e.g. its budget account), if any


def _text(cell: str | None) -> str:
    return clean_cell((cell or "").replace("\n", " "))


def _is_header(row: list[str | None]) -> bool:
    kinds = [column_kind(_text(c)) for c in row if _text(c)]
    return bool(kinds) and kinds[0] in ("no", "uraian") and "uraian" in kinds and len(set(kinds) - {None}) >= 2


def header_row(rows: list[list[str | None]]) -> int | None:
    """Index of the first flowchart header row (NO … KEGIATAN/AKTIVITAS …) in ``rows``, or None."""
    return next((r for r, row in enumerate(rows) if _is_header(row)), None)


def is_flow_table(rows: list[list[str | None]]) -> bool:
    """True when the first row is a flowchart header (NO … KEGIATAN/AKTIVITAS …)."""
    if not rows:
        return False
    kinds = [column_kind(_text(c)) for c in rows[0] if _text(c)]
    return bool(kinds) and kinds[0] == "no" and "uraian" in kinds


def _line(cells: list[str | None]) -> Line:
    texts = tuple(_text(c) for c in cells)
    return Line(0, " ".join(texts), texts)


def _is_number_row(cells: list[str | None]) -> bool:
    """The column-number row under a header: ``(1) (2) … (n)`` or ``1 2 … n``, counting from 1."""
    vals = [_text(c) for c in cells if _text(c)]
    if len(vals) < 3 or not all(re.fullmatch(r"\(?\d{1,2}\)?", v) for v in vals):
        return False
    nums = [int(v.strip("()")) for v in vals]
    return nums == list(range(nums[0], nums[0] + len(nums))) and nums[0] <= 2


def _edges(cells: list[list[Any]]) -> list[float]:
    xs = sorted({round(float(c[k]), 1) for row in cells for c in row if c for k in (0, 2)})
    out: list[float] = []
    for x in xs:
        if not out or x - out[-1] > EDGE_TOLERANCE:
            out.append(x)
    return out


def read_flow_table(table: Any, page_no: int, index: int, file: str, shapes: list[Shape],
                    start: int = 0) -> PdfFlowTable:
    """The steps of pdfplumber ``table`` (header at row ``start``) with ``shapes`` placed in actor cells."""
    rows = table.extract()
    cells = [r.cells for r in table.rows]
    top, sub = rows[start], rows[start + 1] if len(rows) > start + 1 else None
    sub_is_header = sub is not None and not _text(sub[0]) and not _is_number_row(sub) and not _is_header(sub)
    sub_cells = cells[start + 1] if sub is not None and sub_is_header else None
    below = start + 1 + sub_is_header
    roles = sub_is_header and len(rows) > below and not _text(rows[below][0]) and not _is_number_row(rows[below]) \
        and is_role_row(rows[below], cells[below], rows[start + 1], cells[start + 1])
    if roles and sub is not None:  # organisations over their roles under a Pelaksana cell (actor_levels.py)
        sub, sub_cells = fold_role_row(sub, cells[start + 1], rows[below], cells[below])
    cols, actor_cols, texts = header_columns(_line(top), _line(sub) if sub is not None and sub_is_header else None)
    actor_cols = qualified_actors(actor_cols, rows[start:below + roles], cells[start:below + roles])
    width = max(len(r) for r in rows)
    xs = _column_x(cells[start:], width)
    first = below + roles
    _uraian_spans_no(cols, top, rows[first:])
    layout = FlowColumns(cols, actor_cols, xs, _edges(cells[start:]))
    flow = PdfFlowTable(page_no, index, [a for _, a in actor_cols], [],
                        waktu_unit_in_header(texts.get("waktu", "")), columns=layout)
    flow.actor_x = _actor_spans(actor_cols, rows[start], cells[start], sub_cells, xs)
    # a header read from above the table (pdf/header_above.py) is no row of it: origins name the table's rows
    _read_rows(flow, layout, rows[first:], cells[first:], first - getattr(table, "added", 0), file, shapes,
               getattr(table, "cell_lines", None))
    return flow


def _actor_spans(actor_cols: list[tuple[int, str]], top: list[str | None], top_cells: list[Any],
                 sub_cells: list[Any] | None, xs: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """x-range of each actor column: its header cell (the one holding the actor's name), not the
    narrowest body cell, which connector lines drawn as table rules may have split (bps 338); the
    column itself when that cell spans other actors' columns (a group header whose actors were
    folded up from the row below it, ``ocr/page.py``)."""
    out: list[tuple[float, float]] = []
    for j, name in actor_cols:
        named_on_top = j < len(top) and _text(top[j]) == clean_cell(name.replace("\n", " "))
        row = top_cells if named_on_top or sub_cells is None else sub_cells
        cell = row[j] if j < len(row) else None
        span = (float(cell[0]), float(cell[2])) if cell else xs[j]
        if any(k != j and span[0] < (xs[k][0] + xs[k][1]) / 2 < span[1] for k, _ in actor_cols):
            span = xs[j]  # a group cell over several actors (BPS Provinsi over Ketua/Anggota Tim, bps 208, 210)
        out.append(span)
    return out


def _uraian_spans_no(cols: dict[str, int], top: list[str | None], body: list[list[str | None]]) -> None:
    """``Uraian Prosedur`` drawn over the narrow step-number column: numbers left, text right."""
    j = cols.get("uraian")
    if "no" in cols or j is None or j + 1 >= len(top) or top[j + 1] is not None:
        return
    numbered = [row for row in body if j + 1 < len(row) and _text(row[j])]
    if numbered and all(re.fullmatch(r"\d{1,3}\.?", _text(row[j])) for row in numbered):
        cols["no"], cols["uraian"] = j, j + 1


def continues(table: Any, flow: PdfFlowTable) -> bool:
    """True when ``table`` (no header) has the column edges of ``flow``: the same table, next page."""
    layout = flow.columns
    if layout is None or not layout.actor_cols:
        return False
    edges = _edges([r.cells for r in table.rows])
    if len(edges) < 4:
        return False
    # connector lines drawn as table rules may split actor cells, so edges inside the actor
    # columns are not compared; every other edge must be one of the header table's
    lo, hi = flow.actor_x[0][0] + EDGE_TOLERANCE, flow.actor_x[-1][1] - EDGE_TOLERANCE
    near = [min(abs(e - f) for f in layout.edges) <= EDGE_TOLERANCE for e in edges if not lo < e < hi]
    return all(near) and abs(edges[0] - layout.edges[0]) <= EDGE_TOLERANCE and \
        abs(edges[-1] - layout.edges[-1]) <= EDGE_TOLERANCE


def read_continuation(table: Any, flow: PdfFlowTable, page_no: int, index: int, file: str,
                      shapes: list[Shape]) -> PdfFlowTable:
    """A headerless table read with the columns of ``flow`` (cells matched by x position)."""
    layout = flow.columns
    assert layout is not None
    raw_rows = table.extract()
    raw_cells = [r.cells for r in table.rows]
    rows: list[list[str | None]] = []
    cells: list[list[Any]] = []
    for texts, boxes in zip(raw_rows, raw_cells, strict=False):
        row_t: list[str | None] = []
        row_b: list[Any] = []
        for xa, xb in layout.xs:
            mid = (xa + xb) / 2
            k = next((i for i, b in enumerate(boxes) if b and b[0] <= mid <= b[2]), None)
            row_t.append(texts[k] if k is not None and k < len(texts) else None)
            row_b.append(boxes[k] if k is not None else None)
        rows.append(row_t)
        cells.append(row_b)
    out = PdfFlowTable(page_no, index, list(flow.actors), [], flow.satuan, columns=layout, continuation=True)
    out.actor_x = list(flow.actor_x)
    _read_rows(out, layout, rows, cells, 0, file, shapes, getattr(table, "cell_lines", None))
    return out


def _read_rows(flow: PdfFlowTable, layout: FlowColumns, rows: list[list[str | None]], cells: list[list[Any]],
               first: int, file: str, shapes: list[Shape], cell_lines: Any = None) -> None:
    """The steps of the body ``rows``; ``cell_lines`` (the table's, when it can tell) gives the
    printed lines of a cell as word boxes, so that a kelengkapan cell says where its line breaks
    were deliberate (``grid/items.py``)."""
    cols = layout.cols
    page_no, index = flow.page, flow.index
    joined = _join_offset_rows(rows, cells)
    for k, (texts_row, boxes) in enumerate(zip(rows, cells, strict=False)):
        r = first + k
        origin = Origin(file=file, page=page_no, table=index, row=r + 1)
        if k in joined:
            flow.dropped.append((origin, "IMP038", Teks(
                f"baris digabung dengan baris {r} (garis baris antarkolom tidak sejajar)",
                f"row joined to row {r} (the row rules of the columns are not aligned)")))
            continue
        has_text = any(_text(c) for c in texts_row)
        if _is_number_row(texts_row):
            flow.dropped.append((origin, "IMP038", Teks("baris nomor kolom, bukan kegiatan",
                                                        "column-number row, not a step")))
            continue
        real = [b for b in boxes if b]
        if not real or (not has_text and not _row_has_shape(boxes, shapes)):
            flow.dropped.append((origin, "IMP038", Teks("baris kosong", "empty row")))
            continue
        if sum(1 for c in boxes if c) * 2 < len(boxes):
            # a sliver row cut by a connector drawn with table rules
            what = " ".join(t for t in (_text(c) for c in texts_row) if t)
            if what:
                flow.dropped.append((origin, "IMP029", Teks(f"baris sisa potongan garis dilewati: {what!r}",
                                                            f"sliver row cut by a line skipped: {what!r}")))
            else:
                flow.dropped.append((origin, "IMP038", Teks("baris sisa potongan garis, kosong",
                                                            "empty sliver row cut by a line")))
            continue
        y0 = min(b[1] for b in real)
        y1 = max(b[3] for b in real)

        def cell(kind: str, row: list[str | None] = texts_row) -> str:
            j = cols.get(kind)
            return (row[j] or "") if j is not None and j < len(row) else ""

        step = RawStep(no_text=_text(cell("no")), uraian=_text(cell("uraian")), origin=origin,
                       kelengkapan=_kelengkapan(cell("kelengkapan"), cols.get("kelengkapan"), boxes, cell_lines),
                       waktu=_text(cell("waktu")),
                       output=_text(cell("output")).lstrip("-• ").replace(" - ", "; "),
                       keterangan=_text(cell("keterangan")), printed_lines=True)
        step.cell_origin = {kd: Origin(file=file, page=page_no, table=index, row=r + 1, cell=j + 1)
                            for kd, j in cols.items()}
        for a, (j, _) in enumerate(layout.actor_cols):
            t = _text(texts_row[j]) if j < len(texts_row) else ""
            if t:
                step.marks[a] = t
        placed = []
        for s in shapes:
            cx, cy = s.center
            if not (y0 <= cy <= y1) or _is_grid_cell(s.bbox, real):
                continue
            for a, (xa, xb) in enumerate(flow.actor_x):
                if xa <= cx <= xb:  # by its centre: a box wider than its column still has one actor
                    placed.append(s)
                    prev = step.shapes.get(a)
                    if prev is None or simbol_rank(s.kind) < simbol_rank(prev):
                        step.shapes[a] = s.kind
        flow.steps.append(step)
        flow.shapes.append(placed)
        x0 = flow.actor_x[0][0] if flow.actor_x else 0.0
        x1 = flow.actor_x[-1][1] if flow.actor_x else 0.0
        flow.row_boxes.append((x0, y0, x1, y1))


def _kelengkapan(text: str, j: int | None, boxes: list[Any], cell_lines: Any) -> str:
    """A kelengkapan cell's text, one line per printed line, with a blank line where a break was
    deliberate (told by the printed geometry when ``cell_lines`` can give it)."""
    text = text.strip()
    box = boxes[j] if j is not None and j < len(boxes) else None
    if cell_lines is None or box is None or "\n" not in text:
        return text
    cell = (float(box[0]), float(box[1]), float(box[2]), float(box[3]))
    return mark_breaks(text, deliberate_breaks(cell_lines(cell), cell))


def _join_offset_rows(rows: list[list[str | None]], cells: list[list[Any]]) -> set[int]:
    """Rows whose row rules differ between columns (the No and activity cells drawn lower than the
    actor and Mutu Baku cells, bps 077) are two table rows holding complementary columns: each
    such pair is made one row, in place, and the index of its second part returned."""
    out: set[int] = set()
    k = 0
    while k + 1 < len(rows):
        a = {j for j, c in enumerate(cells[k]) if c}
        b = {j for j, c in enumerate(cells[k + 1]) if c}
        width = max(len(cells[k]), len(cells[k + 1]))
        if len(a) >= 2 and len(b) >= 2 and not a & b and len(a | b) * 5 >= width * 4 \
                and max(c[3] for c in cells[k] if c) > min(c[1] for c in cells[k + 1] if c):  # side by side
            rows[k] = [rows[k][j] if j in a else (rows[k + 1][j] if j < len(rows[k + 1]) else None)
                       for j in range(width)]
            cells[k] = [cells[k][j] if j in a else (cells[k + 1][j] if j < len(cells[k + 1]) else None)
                        for j in range(width)]
            out.add(k + 1)
            k += 2
            continue
        k += 1
    return out


def _is_grid_cell(box: tuple[float, float, float, float], cells: list[Any], tol: float = 1.5) -> bool:
    """True when ``box`` is one of the table's cells (a shaded or stroked cell, not a symbol)."""
    return any(all(abs(float(u) - float(v)) <= tol for u, v in zip(box, c, strict=False)) for c in cells)


def _row_has_shape(boxes: list[Any], shapes: list[Shape]) -> bool:
    real = [b for b in boxes if b]
    if not real:
        return False
    y0, y1 = min(b[1] for b in real), max(b[3] for b in real)
    return any(y0 <= s.center[1] <= y1 for s in shapes)


def _column_x(cells: list[list[Any]], width: int) -> list[tuple[float, float]]:
    """x-range of each grid column, from the narrowest cell seen in that column."""
    out: list[tuple[float, float]] = []
    for j in range(width):
        spans = [(row[j][0], row[j][2]) for row in cells if j < len(row) and row[j]]
        out.append(min(spans, key=lambda s: s[1] - s[0]) if spans else (0.0, 0.0))
    return out
