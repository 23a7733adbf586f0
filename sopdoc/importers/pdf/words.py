"""Words separated as printed: text of PDF table cells and lines with the spaces the page shows.

pdfium reports no space characters (a Word/Excel export positions each word), and pdfplumber
starts a new word only after a fixed 3-point gap, so words set in small or narrow type were glued
(`NAMASOP`, `2Januari 2025`, `PROSEDURPERSIAPAN`). Here a gap wider than :data:`WORD_GAP` times
the font size starts a word: a space is about a quarter of an em, the gap between two letters of
a word at most a few hundredths (kerning), so the ratio holds for any size and font.
"""

from __future__ import annotations

from typing import Any

__all__ = ["WORD_GAP", "SpacedTable", "spaced_text"]

WORD_GAP = 0.12
"""Gap between two characters, as a fraction of the font size, above which they are two words."""


def spaced_text(chars: list[dict[str, Any]]) -> str:
    """The text of ``chars`` with lines kept and words separated as printed."""
    from pdfplumber.utils.text import extract_text

    return str(extract_text(chars, x_tolerance_ratio=WORD_GAP))


class SpacedTable:
    """A pdfplumber table whose ``extract()`` separates words as printed (``bbox``, ``rows`` as is)."""

    def __init__(self, table: Any) -> None:
        self._table = table
        self.rows = table.rows
        self.bbox = table.bbox

    def extract(self) -> list[list[str | None]]:
        """The cell texts, row by row (None where a cell is merged into its neighbour)."""
        return list(self._table.extract(x_tolerance_ratio=WORD_GAP))
