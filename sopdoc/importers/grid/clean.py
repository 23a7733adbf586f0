"""Clean the lines of a text extraction: markup residue, ligatures, smart quotes; cells by tab.

Only presentation residue is removed (HTML tags, markdown emphasis and headings); the words are
kept verbatim, including typos and markdown strike-through (``~~2696~~``), which is content.
HTML entities are never resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Line", "clean_cell", "label_key", "text_to_lines"]

_TAG = re.compile(r"</?(?:b|i|u|strong|em|br|p|span|div|ol|ul|li|font|sup|sub)\b[^>]*>", re.IGNORECASE)
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_EMPH = re.compile(r"\*\*|__")
_CHARS = str.maketrans({
    "\ufb01": "fi", "\ufb02": "fl", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    "\u00a0": " ", "\u200b": "", "\ufeff": "",
})


@dataclass(frozen=True)
class Line:
    """One source line: 1-based number, cleaned text, and its tab-separated cells."""

    no: int
    text: str
    cells: tuple[str, ...]
    had_markup: bool = False

    @property
    def blank(self) -> bool:
        """True for an empty or whitespace-only line."""
        return not self.text.strip()

    @property
    def tabbed(self) -> bool:
        """True when the line has tab-separated cells."""
        return len(self.cells) > 1


def clean_cell(text: str) -> str:
    """One cell or line without markup residue, ligatures or smart quotes, spaces collapsed."""
    text = _TAG.sub(" ", text.translate(_CHARS))
    text = _HEADING.sub("", _EMPH.sub("", text))
    return re.sub(r"[ \t]+", " ", text).strip()


def text_to_lines(text: str) -> list[Line]:
    """Split a text extraction into cleaned, numbered lines with their tab cells."""
    out = []
    for i, raw in enumerate(text.splitlines(), start=1):
        raw = raw.translate(_CHARS)
        markup = bool(_TAG.search(raw) or _EMPH.search(raw) or _HEADING.match(raw))
        cells = tuple(clean_cell(c) for c in raw.split("\t"))
        out.append(Line(i, clean_cell(raw.replace("\t", " ")), cells, markup))
    return out


def label_key(text: str) -> str:
    """Normalise a label for lookup: lower case, letters only, single spaces."""
    return re.sub(r"\s+", " ", re.sub(r"[^a-z& ]", " ", text.lower())).strip()
