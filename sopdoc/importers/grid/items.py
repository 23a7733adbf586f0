"""A kelengkapan cell's text → its items, printed lines joined back into the items they wrap
(issue #12 point 3, "text as printed"; issue #16 point 4: one item read as five made the
re-rendered flowchart longer than the signed original).

A cell of a PDF or a scan gives one text line per *printed* line, and a long item wraps over
several: ``a. data tanah dan bangunan`` / ``berupa data pada KIB dan`` / ``dokumen pendukung``.
A line starts a new item only

- at a list marker (``•``, ``-``, ``·``, ``1.``, ``1)``, ``(1)``, ``a.``, ``a)``);
- where the break was deliberate: the next line's first word would have fitted on the line (a
  wrapping writer would have put it there), or the lines are further apart than the line pitch
  (:func:`deliberate_breaks`, from the printed geometry; the cell text then holds a blank line
  there);
- at a capital (or digit) after a line that ended a sentence or item (``.``, ``;``, ``:``).

A line continues the item before it when it starts in lower case, when that line ends with a
hyphen, slash, comma or a word that cannot end an item (``dan``, ``atau``, a preposition), or when
it has no marker while other lines of the cell have one. Every other line joins the item it
follows: without geometry an unmarked capital after an open line is taken for a wrap.

An unmarked item is then split at its commas (a list written on one line or wrapped:
``Surat Tugas, SK Instruktur, Daftar Sampel``), a conjunction before the last part dropped
(``…, SPP, dan ADK``); a marked item, or one that ends with a full stop or semicolon, keeps its
commas (it is one sentence: ``Berita Acara Klarifikasi, Negosiasi Teknis dan Harga.``) and its
number or letter (``a. …``, as printed); only a bullet glyph is dropped (the layout draws its own).
Where the text does not come from printed lines (DOCX paragraphs, workbook cells, text
extractions) every line break is deliberate (``wrapped=False``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from statistics import median

from sopdoc.importers.grid.geometry import BBox

__all__ = ["deliberate_breaks", "kelengkapan_items", "mark_breaks", "split_items"]

_BULLET = re.compile(r"^(?:[•●▪◦‣∙·]\s*|[-–—*]\s+)")
_NUMBER = re.compile(r"^(?:\(?\d{1,2}[.)]|\(\d{1,2}\)|\(?[A-Za-z][.)]|\([A-Za-z]\))(?=\s|[A-Za-z(])\s*")
_ENDS_ITEM = re.compile(r"[.;:]$")
_OPEN_END = re.compile(r"(?:[-/,&]|\b(?:dan|atau|serta|yang|di|ke|dari|pada|untuk|dengan|oleh|dalam|atas|bagi|"
                       r"tentang|terhadap|sebagai|berupa|beserta|melalui|kepada|antara|per|sampai|hingga|"
                       r"maupun|dan/atau))$", re.IGNORECASE)
_CONJUNCTION = re.compile(r"^(?:dan|serta|atau|dan/atau)\s+", re.IGNORECASE)
_STRIP = " \t-•·●▪◦‣∙"

FIT_SLACK = 0.5
"""Spaces by which the next word must have fitted on the line to call the break deliberate."""
GAP_FACTOR = 1.6
"""Line pitch, in line heights, above which two lines are apart (a paragraph gap)."""


def _marked(line: str) -> bool:
    return bool(_BULLET.match(line) or _NUMBER.match(line))


def _continues(prev: str, line: str) -> bool:
    """``line`` carries on the sentence of ``prev``: it starts in lower case (or with a bracket
    or a lower-case word after one), or ``prev`` ends open (hyphen, slash, comma, conjunction,
    preposition)."""
    first = line.lstrip("(\"'“‘")
    return bool(first[:1].islower()) or bool(_OPEN_END.search(prev))


def _groups(lines: list[tuple[str, bool]]) -> list[list[str]]:
    """Runs of lines that make one item each; a line's flag says its break from the previous
    line was deliberate."""
    any_marker = any(_marked(t) for t, _ in lines[1:])
    out: list[list[str]] = []
    for text, deliberate in lines:
        if not out:
            out.append([text])
            continue
        prev = out[-1][-1]
        if _marked(text):
            out.append([text])
        elif _continues(prev, text) or any_marker:
            out[-1].append(text)
        elif deliberate or (_ENDS_ITEM.search(prev) and (text[:1].isupper() or text[:1].isdigit())):
            out.append([text])
        else:
            out[-1].append(text)
    return out


def _join(lines: list[str]) -> str:
    """One item's lines as one text, with a space between them; none after a line-end slash or
    hyphen (``Kontrak/SPK/`` / ``Surat Perjanjian``, ``surat-`` / ``surat``: Word and Excel do
    not hyphenate, so a hyphen at a line's end is the word's own)."""
    text = lines[0]
    for line in lines[1:]:
        text += line if text.endswith(("/", "-")) else " " + line
    return text


_BULLETS = "-•·"


def split_items(text: str) -> list[str]:
    """Text → items: split at commas, bullets and line breaks; trimmed, empties dropped (used on
    one unmarked item of :func:`kelengkapan_items`, so at its commas and inline bullets).

    One pass, linear in the length of the text (the regular expression it replaces,
    ``\\s*,\\s*|\\n+|\\s*(?:^|\\s)[-•·]\\s+``, backtracked quadratically over long runs of
    whitespace: 40,000 U+3000 in one cell took 31 s). The separators are the same, tried in the same
    order at each position: whitespace then a comma, then line breaks, then whitespace (or the
    start) then a bullet followed by whitespace; each separator swallows the whitespace after it.
    """
    n = len(text)
    run_end = [n] * (n + 1)  # run_end[i]: the first index >= i that is not whitespace
    for i in range(n - 1, -1, -1):
        run_end[i] = run_end[i + 1] if text[i].isspace() else i
    parts: list[str] = []
    start = i = 0
    while i < n:
        j = run_end[i]
        end = -1
        if j < n and text[j] == ",":
            end = run_end[j + 1]
        elif text[i] == "\n":
            end = i + 1
            while end < n and text[end] == "\n":
                end += 1
        elif (j > i or i == 0) and j + 1 < n and text[j] in _BULLETS and text[j + 1].isspace():
            end = run_end[j + 1]
        if end < 0:
            i += 1
            continue
        parts.append(text[start:i])
        start = i = end
    parts.append(text[start:])
    return [p.strip(" -•·") for p in parts if p and p.strip(" -•·")]


def _split_commas(item: str) -> list[str]:
    parts = split_items(item)
    if len(parts) > 1:
        parts[-1] = _CONJUNCTION.sub("", parts[-1])
    return parts


def kelengkapan_items(text: str, *, wrapped: bool = True) -> list[str]:
    """The items of a kelengkapan cell (see the module's docstring). ``wrapped``: a line break in
    ``text`` is a printed line of a PDF or scan, a blank line a deliberate break; otherwise every
    line break is deliberate (a paragraph). Items trimmed, bullet glyphs dropped, empties dropped."""
    lines: list[tuple[str, bool]] = []
    deliberate = False
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            deliberate = True
            continue
        lines.append((line, deliberate or not wrapped))
        deliberate = False
    out: list[str] = []
    for group in _groups(lines):
        item = _join(group)
        marked = _marked(item)
        item = _BULLET.sub("", item).strip() if _BULLET.match(item) else item
        sentence = marked or item.endswith((".", ";"))
        for part in ([item] if sentence else _split_commas(item)):
            part = part.strip(_STRIP) if not _NUMBER.match(part) else part.rstrip(_STRIP)
            if part:
                out.append(part)
    return out


def deliberate_breaks(lines: Sequence[Sequence[BBox]], cell: BBox) -> list[bool]:
    """For each break between two printed lines of ``cell`` (each line its word boxes, left to
    right): True when the writer broke deliberately — the next line's first word would have
    fitted on the line within the cell's text width, or the pitch between the two lines is more
    than :data:`GAP_FACTOR` line heights. The text width is the cell's less the narrowest margin
    any line leaves (its padding); a space is the median gap between words, or 0.3 line heights."""
    lines = [sorted(line) for line in lines if line]
    if len(lines) < 2:
        return []
    heights = [max(b[3] for b in line) - min(b[1] for b in line) for line in lines]
    height = median(heights)
    gaps = [b[0] - a[2] for line in lines for a, b in pairwise(line) if b[0] > a[2]]
    space = median(gaps) if gaps else 0.3 * height
    spans = [(min(b[0] for b in line), max(b[2] for b in line)) for line in lines]
    pad = max(0.0, min(min(x0 - cell[0], cell[2] - x1) for x0, x1 in spans))
    width = cell[2] - cell[0] - 2 * pad
    mids = [(min(b[1] for b in line) + max(b[3] for b in line)) / 2 for line in lines]
    out = []
    for k in range(len(lines) - 1):
        first = lines[k + 1][0]
        fits = spans[k][1] - spans[k][0] + space + (first[2] - first[0]) + FIT_SLACK * space <= width
        apart = mids[k + 1] - mids[k] > GAP_FACTOR * height
        out.append(fits or apart)
    return out


def mark_breaks(text: str, breaks: Sequence[bool]) -> str:
    """``text`` (one line per printed line) with a blank line at each deliberate break; ``text``
    unchanged when its lines do not match ``breaks``."""
    lines = text.split("\n")
    if len(lines) != len(breaks) + 1 or not any(breaks):
        return text
    out = [lines[0]]
    for line, deliberate in zip(lines[1:], breaks, strict=True):
        out.append(("\n" if deliberate else "") + line)
    return "\n".join(out)
