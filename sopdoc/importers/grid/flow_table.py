"""Read a flowchart table of a PDF page: header columns, rows, and the symbols in actor cells.

The table grid comes from pdfplumber's table finder run on the page with the symbols and
connectors filtered out (only text and thin rules left), so shapes never split columns. Each
symbol is then placed in the (row, actor column) cell that holds its centre.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sopdoc.importers.grid.clean import Line, clean_cell
from sopdoc.importers.grid.geometry import BBox, Shape
from sopdoc.importers.grid.header import header_columns
from sopdoc.importers.grid.steps import RawStep
from sopdoc.importers.grid.vocab import column_kind, waktu_unit_in_header
from sopdoc.model.diagnostic import Origin
from sopdoc.model.labels import simbol_rank

__all__ = ["PdfFlowTable", "is_flow_table", "read_flow_table"]


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


def _text(cell: str | None) -> str:
    return clean_cell((cell or "").replace("\n", " "))


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
    vals = [_text(c) for c in cells if _text(c)]
    return len(vals) >= 3 and all(re.fullmatch(r"\(?\d{1,2}\)?", v) for v in vals)


def read_flow_table(table: Any, page_no: int, index: int, file: str, shapes: list[Shape]) -> PdfFlowTable:
    """The steps of pdfplumber ``table`` with the symbols of ``shapes`` placed in actor cells."""
    rows = table.extract()
    cells = [r.cells for r in table.rows]
    top, sub = rows[0], rows[1] if len(rows) > 1 else None
    sub_is_header = sub is not None and not _text(sub[0]) and not _is_number_row(sub)
    cols, actor_cols, texts = header_columns(_line(top), _line(sub) if sub is not None and sub_is_header else None)
    width = max(len(r) for r in rows)
    xs = _column_x(cells, width)
    flow = PdfFlowTable(page_no, index, [a for _, a in actor_cols], [],
                        waktu_unit_in_header(texts.get("waktu", "")))
    flow.actor_x = [xs[j] for j, _ in actor_cols]
    for r, (texts_row, boxes) in enumerate(zip(rows, cells, strict=False)):
        if r == 0 or (r == 1 and sub_is_header) or _is_number_row(texts_row):
            continue
        if sum(1 for c in boxes if c) * 2 < len(boxes):
            continue  # a sliver row cut by a connector drawn with table rules
        if not any(_text(c) for c in texts_row) and not _row_has_shape(boxes, shapes):
            continue
        y0 = min(b[1] for b in boxes if b)
        y1 = max(b[3] for b in boxes if b)
        origin = Origin(file=file, page=page_no, table=index, row=r + 1)

        def cell(kind: str, row: list[str | None] = texts_row) -> str:
            j = cols.get(kind)
            return (row[j] or "") if j is not None and j < len(row) else ""

        step = RawStep(no_text=_text(cell("no")), uraian=_text(cell("uraian")), origin=origin,
                       kelengkapan=(cell("kelengkapan")).strip(), waktu=_text(cell("waktu")),
                       output=_text(cell("output")).lstrip("-• ").replace(" - ", "; "),
                       keterangan=_text(cell("keterangan")))
        step.cell_origin = {k: Origin(file=file, page=page_no, table=index, row=r + 1, cell=j + 1)
                            for k, j in cols.items()}
        for k, (j, _) in enumerate(actor_cols):
            t = _text(texts_row[j]) if j < len(texts_row) else ""
            if t:
                step.marks[k] = t
        placed = []
        for s in shapes:
            cx, cy = s.center
            if not (y0 <= cy <= y1):
                continue
            for k, (xa, xb) in enumerate(flow.actor_x):
                if xa <= cx <= xb and (s.bbox[2] - s.bbox[0]) < 0.95 * (xb - xa):
                    placed.append(s)
                    prev = step.shapes.get(k)
                    if prev is None or simbol_rank(s.kind) < simbol_rank(prev):
                        step.shapes[k] = s.kind
        flow.steps.append(step)
        flow.shapes.append(placed)
        x0 = flow.actor_x[0][0] if flow.actor_x else 0.0
        x1 = flow.actor_x[-1][1] if flow.actor_x else 0.0
        flow.row_boxes.append((x0, y0, x1, y1))
    return flow


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
