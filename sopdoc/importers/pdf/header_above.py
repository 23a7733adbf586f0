"""A flowchart header printed above its table, outside any table the finder returns.

Some templates split the flowchart header from its body: the header row has no rules of its own
(or its rules belong to the table above), so the table finder returns one table ending above the
header and another starting below it, and the header words belong to neither (corpus bps 077).
A table with no header row is therefore looked at once more: the words in the band just above it
(down from the previous table's bottom, at most :data:`BAND` points) are put into the table's own
columns by their centres, and when that row reads as a flowchart header the table is read with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sopdoc.importers.grid.flow_table import header_row
from sopdoc.importers.pdf.words import spaced_text

__all__ = ["BAND", "HeaderedTable", "header_above"]

BAND = 40.0
"""Points above a table searched for its header (two or three lines of header text)."""


@dataclass
class _Row:
    cells: list[Any]


class HeaderedTable:
    """``table`` with a header row read from the page above it: ``extract()`` and ``rows`` as
    pdfplumber's, the header first; ``added`` tells the row numbers to leave out of origins."""

    added = 1

    def __init__(self, table: Any, texts: list[str | None], cells: list[Any]) -> None:
        self._table = table
        self._texts = texts
        self.rows = [_Row(cells), *table.rows]
        self.bbox = table.bbox

    def extract(self) -> list[list[str | None]]:
        """The header texts, then the table's rows."""
        return [self._texts, *self._table.extract()]

    def cell_lines(self, cell: Any) -> list[Any]:
        """The printed lines of a cell of the table (``SpacedTable.cell_lines``), none for the header."""
        lines = getattr(self._table, "cell_lines", None)
        return lines(cell) if lines is not None else []


def _columns(table: Any) -> list[tuple[float, float] | None]:
    """x-range of each column of ``table``: the narrowest cell seen in it."""
    width = max((len(r.cells) for r in table.rows), default=0)
    out: list[tuple[float, float] | None] = []
    for j in range(width):
        spans = [(float(r.cells[j][0]), float(r.cells[j][2])) for r in table.rows if j < len(r.cells) and r.cells[j]]
        out.append(min(spans, key=lambda s: s[1] - s[0]) if spans else None)
    return out


def header_above(table: Any, chars: list[dict[str, Any]], above: float | None) -> HeaderedTable | None:
    """``table`` with the flowchart header printed above it, or None when the words there are none.
    ``chars`` are the page's characters; ``above`` is the bottom of the nearest table above, if any."""
    x0, top = float(table.bbox[0]), float(table.bbox[1])
    band_top = max(top - BAND, above if above is not None else top - BAND)
    cols = _columns(table)
    if len(cols) < 3 or top - band_top < 4:
        return None
    band = [c for c in chars if band_top - 0.5 <= float(c["top"]) and float(c["bottom"]) <= top + 0.5]
    texts: list[str | None] = []
    cells: list[Any] = []
    for span in cols:
        if span is None:
            texts.append(None)
            cells.append(None)
            continue
        mine = [c for c in band if span[0] <= (float(c["x0"]) + float(c["x1"])) / 2 <= span[1]]
        texts.append(spaced_text(mine).strip() if mine else "")
        cells.append((span[0], band_top, span[1], top))
    if header_row([texts]) != 0 or not any(x0 <= float(c["x0"]) for c in band):
        return None
    return HeaderedTable(table, texts, cells)
