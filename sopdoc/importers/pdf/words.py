"""Words separated as printed: text of PDF table cells and lines with the spaces the page shows.

pdfium reports no space characters (a Word/Excel export positions each word), and pdfplumber
starts a new word only after a fixed 3-point gap, so words set in small or narrow type were glued
(`NAMASOP`, `2Januari 2025`, `PROSEDURPERSIAPAN`). Here a gap wider than :data:`WORD_GAP` times
the font size starts a word: a space is about a quarter of an em, the gap between two letters of
a word at most a few hundredths (kerning), so the ratio holds for any size and font.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

__all__ = ["WORD_GAP", "SpacedTable", "line_words", "spaced_text"]

WORD_GAP = 0.12
"""Gap between two characters, as a fraction of the font size, above which they are two words."""


def spaced_text(chars: list[dict[str, Any]]) -> str:
    """The text of ``chars`` with lines kept and words separated as printed."""
    from pdfplumber.utils.text import extract_text

    return str(extract_text(chars, x_tolerance_ratio=WORD_GAP))


class SpacedTable:
    """A pdfplumber table whose ``extract()`` separates words as printed (``bbox``, ``rows`` as is).

    The texts are pdfplumber's ``Table.extract`` exactly (a character belongs to the row and cell
    holding its centre, half-open boxes, page order kept), but each row takes its characters from
    the page's characters sorted by their vertical centre instead of testing every character of the
    page for every row (rows × characters: half the import time of a dense page), and the result is
    kept: the importer and the flowchart reader both ask for it."""

    def __init__(self, table: Any) -> None:
        self._table = table
        self.rows = table.rows
        self.bbox = table.bbox
        self._texts: list[list[str | None]] | None = None
        self._index: _Index | None = None

    def _chars(self) -> _Index:
        if self._index is None:
            self._index = _Index(self._table.page.chars)
        return self._index

    def extract(self) -> list[list[str | None]]:
        """The cell texts, row by row (None where a cell is merged into its neighbour)."""
        if self._texts is None:
            self._texts = _extract(self._chars(), self.rows)
        return [list(row) for row in self._texts]

    def cell_lines(self, cell: Any) -> list[list[tuple[float, float, float, float]]]:
        """The printed lines of the box ``cell`` (characters by their centre, as ``extract``),
        each as its word boxes left to right: where a cell's line breaks were deliberate
        (``grid/items.py``)."""
        cx0, ctop, cx1, cbottom = (float(v) for v in cell)
        ix = self._chars()
        band = ix.order[bisect_left(ix.keys, ctop):bisect_left(ix.keys, cbottom)]
        return line_words([ix.chars[i] for i in band if cx0 <= ix.hmid[i] < cx1])


class _Index:
    """A page's characters with their centres, and their order by vertical centre."""

    def __init__(self, chars: list[dict[str, Any]]) -> None:
        self.chars = chars
        self.vmid = [(float(c["top"]) + float(c["bottom"])) / 2 for c in chars]
        self.hmid = [(float(c["x0"]) + float(c["x1"])) / 2 for c in chars]
        self.order = sorted(range(len(chars)), key=self.vmid.__getitem__)
        self.keys = [self.vmid[i] for i in self.order]


def _extract(ix: _Index, rows: list[Any]) -> list[list[str | None]]:
    from pdfplumber.utils.text import extract_text

    chars, vmid, hmid, order, keys = ix.chars, ix.vmid, ix.hmid, ix.order, ix.keys
    out: list[list[str | None]] = []
    for row in rows:
        x0, top, x1, bottom = row.bbox
        band = sorted(order[bisect_left(keys, top):bisect_left(keys, bottom)])  # page order, as pdfplumber
        in_row = [i for i in band if x0 <= hmid[i] < x1]
        texts: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                texts.append(None)
                continue
            cx0, ctop, cx1, cbottom = cell
            picked = [chars[i] for i in in_row if cx0 <= hmid[i] < cx1 and ctop <= vmid[i] < cbottom]
            texts.append(str(extract_text(picked, x_tolerance_ratio=WORD_GAP)) if picked else "")
        out.append(texts)
    return out


def line_words(chars: list[dict[str, Any]]) -> list[list[tuple[float, float, float, float]]]:
    """``chars`` as printed lines top to bottom (tops within 3 points, as pdfplumber's
    ``extract_text``), each as its word boxes (x0, top, x1, bottom) left to right, a word ending
    at a gap wider than :data:`WORD_GAP` times the font size (blank characters left out)."""
    ink = sorted((c for c in chars if str(c.get("text", "")).strip()), key=lambda c: float(c["top"]))
    lines: list[list[dict[str, Any]]] = []
    for c in ink:
        if lines and float(c["top"]) - float(lines[-1][-1]["top"]) <= 3:
            lines[-1].append(c)
        else:
            lines.append([c])
    out = []
    for line in lines:
        words: list[list[float]] = []
        for c in sorted(line, key=lambda c: float(c["x0"])):
            x0, top, x1, bottom = (float(c[k]) for k in ("x0", "top", "x1", "bottom"))
            if words and x0 - words[-1][2] <= WORD_GAP * float(c.get("size") or bottom - top):
                w = words[-1]
                w[1], w[2], w[3] = min(w[1], top), max(w[2], x1), max(w[3], bottom)
            else:
                words.append([x0, top, x1, bottom])
        out.append([(w[0], w[1], w[2], w[3]) for w in words])
    return out
