"""A table read from a word-processing document: cells with their paragraphs and anchored shapes.

Plain values produced by the DOCX reader and read by both the foreign and the sopdoc-made DOCX
importers.
"""

from __future__ import annotations

from dataclasses import dataclass

from sopdoc.model.diagnostic import Teks

__all__ = ["DocCell", "DocShape", "DocTable"]


@dataclass(frozen=True)
class DocShape:
    """A shape anchored in a cell: kind, box relative to the cell (points), text, line ends."""

    kind: str  # terminator | proses | keputusan | offpage | connector | label | rect
    x: float
    y: float
    w: float
    h: float
    text: str = ""
    flip_h: bool = False
    flip_v: bool = False
    arrow: bool = False


@dataclass(frozen=True)
class DocCell:
    """A table cell: grid column, span, vertical merge, paragraphs (text, bold, size), shapes."""

    col: int
    span: int
    merge: str | None  # None, "restart" or "continue"
    paragraphs: tuple[tuple[str, bool, float], ...]
    shapes: tuple[DocShape, ...]

    @property
    def text(self) -> str:
        """The paragraphs joined by newlines."""
        return "\n".join(p for p, _b, _s in self.paragraphs)


@dataclass(frozen=True)
class DocTable:
    """A table: grid column widths and row heights (points), rows of cells, and the text of the
    bold paragraphs just before it (back to the previous table or section break)."""

    widths: tuple[float, ...]
    heights: tuple[float, ...]
    rows: tuple[tuple[DocCell, ...], ...]
    caption: str = ""  # bold body paragraphs right before the table (sopdoc: the table's title)
    fixes: tuple[Teks, ...] = ()  # numbers that were invalid or out of range and got a safe value (IMP042)

    def grid_rows(self) -> list[list[str | None]]:
        """Rows as one text per grid column; a merged cell's text repeats over its span, a
        vertically continued cell repeats the text above (like pdfplumber's extract)."""
        out: list[list[str | None]] = []
        n = len(self.widths) or max((c.col + c.span for r in self.rows for c in r), default=0)
        for row in self.rows:
            line: list[str | None] = [None] * n
            for c in row:
                text: str | None = c.text
                if c.merge == "continue" and out:
                    text = out[-1][c.col] if c.col < len(out[-1]) else ""
                for k in range(c.col, min(c.col + c.span, n)):
                    line[k] = text
            out.append(line)
        return out
