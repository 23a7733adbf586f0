"""Text lines and boxes from pdfplumber's raw page objects (chars, rects, curves, lines).

pdfplumber objects are plain dicts (``x0``, ``top``, ``x1``, ``bottom`` with y downwards); the
helpers here turn chars into baseline-ordered :class:`TextLine` values and select objects by box.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Box", "TextLine", "box_of", "chars_in", "chars_to_lines", "join_lines", "page_chars", "stroked"]

WATERMARK_SIZE = 30.0
"""Characters this large are the DRAFT watermark, not content."""

Obj = dict[str, Any]


@dataclass(frozen=True)
class Box:
    """An axis-aligned box in page points, y downwards."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def cx(self) -> float:
        """x of the centre."""
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        """y of the centre."""
        return (self.top + self.bottom) / 2

    def holds(self, x: float, y: float, tol: float = 0.0) -> bool:
        """True when (x, y) lies inside, within ``tol``."""
        return self.x0 - tol <= x <= self.x1 + tol and self.top - tol <= y <= self.bottom + tol


@dataclass(frozen=True)
class TextLine:
    """One line of text: its characters in x order, left x, baseline, font size and weight."""

    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    bold: bool


def box_of(obj: Obj) -> Box:
    """The bounding box of a pdfplumber object."""
    return Box(float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"]))


def stroked(objs: list[Obj], width: float, tol: float = 0.04) -> list[Obj]:
    """The stroked objects drawn with line width ``width``."""
    return [o for o in objs if o.get("stroke") and abs(float(o.get("linewidth") or 0) - width) < tol]


def page_chars(page: Any) -> list[Obj]:
    """The content characters of a page (without the DRAFT watermark), with their centres."""
    out = []
    for c in page.chars:
        if float(c["size"]) < WATERMARK_SIZE:
            out.append({**c, "cx": (c["x0"] + c["x1"]) / 2, "cy": (c["top"] + c["bottom"]) / 2})
    return out


def chars_in(chars: list[Obj], box: Box, tol: float = 0.5) -> list[Obj]:
    """The characters whose centre lies in ``box`` (centres from :func:`page_chars` when present)."""
    x0, x1, y0, y1 = box.x0 - tol, box.x1 + tol, box.top - tol, box.bottom + tol
    out = []
    for c in chars:
        cx = c["cx"] if "cx" in c else (c["x0"] + c["x1"]) / 2
        cy = c["cy"] if "cy" in c else (c["top"] + c["bottom"]) / 2
        if x0 <= cx <= x1 and y0 <= cy <= y1:
            out.append(c)
    return out


def _baseline(c: Obj, height: float) -> float:
    return round(height - float(c["matrix"][5]), 1)


def _turned(c: Obj) -> bool:
    """True for a character set reading bottom-to-top (text matrix turned 90° counter-clockwise)."""
    m = c.get("matrix")
    return m is not None and abs(float(m[0])) < 1e-6 and float(m[1]) > 0


def _turned_lines(chars: list[Obj]) -> list[TextLine]:
    """Lines of text reading bottom-to-top (sopdoc's rotated actor headers): grouped by the x of
    their baseline, left to right, each line from the bottom up; ``baseline`` is that x."""
    by_line: dict[float, list[Obj]] = {}
    for c in chars:
        by_line.setdefault(round(float(c["matrix"][4]), 1), []).append(c)
    lines = []
    for base in sorted(by_line):
        row = sorted(by_line[base], key=lambda c: -float(c["bottom"]))
        text = "".join(c["text"] for c in row)
        bold = sum("Bold" in c["fontname"] for c in row if c["text"].strip()) * 2 > len(text.replace(" ", ""))
        lines.append(TextLine(text, min(float(c["x0"]) for c in row), max(float(c["x1"]) for c in row), base,
                              round(max(float(c["size"]) for c in row), 2), bold))
    return lines


def chars_to_lines(chars: list[Obj], page_height: float) -> list[TextLine]:
    """Group characters by baseline (top to bottom), each line in x order; characters reading
    bottom-to-top follow as lines of their own (:func:`_turned_lines`)."""
    turned = [c for c in chars if _turned(c)]
    if turned:
        return chars_to_lines([c for c in chars if not _turned(c)], page_height) + _turned_lines(turned)
    by_line: dict[float, list[Obj]] = {}
    for c in chars:
        by_line.setdefault(_baseline(c, page_height), []).append(c)
    lines = []
    for base in sorted(by_line):
        row = sorted(by_line[base], key=lambda c: c["x0"])
        text = "".join(c["text"] for c in row)
        bold = sum("Bold" in c["fontname"] for c in row if c["text"].strip()) * 2 > len(text.replace(" ", ""))
        lines.append(TextLine(text, float(row[0]["x0"]), float(row[-1]["x1"]), base,
                              round(max(float(c["size"]) for c in row), 2), bold))
    return lines


def join_lines(lines: list[TextLine]) -> str:
    """Wrapped lines back to one text (lines break at spaces, or inside a word after the hyphen
    U+2010 that sopdoc's layout shows there: the word is joined again)."""
    out = ""
    for text in (line.text.strip() for line in lines):
        if not text:
            continue
        joined = out[:-1] + text if out.endswith("\u2010") else f"{out} {text}"
        out = joined if out else text
    return out
