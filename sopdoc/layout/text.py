"""Text wrapping with real font metrics, and text blocks placed in boxes.

Lines break at spaces; a word longer than the width is hyphenated with Indonesian patterns and a
visible hyphen (``HYPHEN``), and only where no pattern point fits broken between characters (never
clipped).
Explicit newlines start new lines. Unsupported glyphs are replaced (see ``metrics.FontSet.sanitize``).
"""

from __future__ import annotations

import functools
from typing import Any

from sopdoc.layout.geometry import BULLET, Align, Rect, TextBlock
from sopdoc.layout.metrics import FontSet

__all__ = ["HYPHEN", "LEADING", "block_height", "bullet_block", "bullet_indent", "bullet_items", "bullet_line_count",
           "line_count", "lines_block", "text_block", "wrap_text"]

LEADING = 1.2
"""Line height as a multiple of the font size."""


HYPHEN = "\u2010"
"""The hyphen shown where a word is hyphenated (U+2010, so readers of our own pages can tell it
from a hyphen of the text and join the word again)."""


@functools.lru_cache(maxsize=1)
def _hyphenator() -> Any:
    import pyphen  # light, but loads its dictionary: only when a word needs breaking

    return pyphen.Pyphen(lang="id")


def _hyphen_cut(word: str, fonts: FontSet, size: float, width: float, bold: bool) -> tuple[str, str] | None:
    """The longest head of ``word`` at an Indonesian hyphenation point that fits ``width`` with
    its hyphen, and the rest; None when there is none."""
    mark = "-" if fonts.sanitize(HYPHEN)[1] else HYPHEN  # the PDF built-in fonts lack U+2010
    for head, tail in _hyphenator().iterate(word):
        if fonts.width(head + mark, size, bold) <= width:
            return head + mark, tail
    return None


def _break_word(word: str, fonts: FontSet, size: float, width: float, bold: bool) -> list[str]:
    """Split a word wider than ``width`` into pieces that fit: at Indonesian hyphenation points
    (Pyphen's ``id`` patterns) with a hyphen shown; only a piece with no such point that fits
    (a code, a URL, a run of letters) is broken between characters (at least one each)."""
    pieces: list[str] = []
    rest = word
    while fonts.width(rest, size, bold) > width:
        cut = _hyphen_cut(rest, fonts, size, width, bold)
        if cut is None:
            break
        pieces.append(cut[0])
        rest = cut[1]
    current = ""
    for ch in rest:
        if current and fonts.width(current + ch, size, bold) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def wrap_text(text: str, fonts: FontSet, size: float, width: float, bold: bool = False) -> list[str]:
    """Wrap ``text`` into lines no wider than ``width`` points (empty text gives no lines)."""
    return list(_wrapped(text, fonts, size, width, bold))


def line_count(text: str, fonts: FontSet, size: float, width: float, bold: bool = False) -> int:
    """``len(wrap_text(text, fonts, size, width, bold))`` without the copy of the lines."""
    return len(_wrapped(text, fonts, size, width, bold))


@functools.lru_cache(maxsize=16384)
def _wrapped(text: str, fonts: FontSet, size: float, width: float, bold: bool) -> tuple[str, ...]:
    """:func:`wrap_text`, remembered: the layout wraps the same text to the same width many times
    (column balancing tries widths, every step is measured and then set, and a process renders
    many SOPs that share their texts)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split()
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if fonts.width(candidate, size, bold) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
                current = ""
            if fonts.width(word, size, bold) <= width:
                current = word
            else:
                pieces = _break_word(word, fonts, size, width, bold)
                lines.extend(pieces[:-1])
                current = pieces[-1]
        if current:
            lines.append(current)
    return tuple(lines)


def block_height(n_lines: int, size: float) -> float:
    """Height of ``n_lines`` lines at ``size``."""
    return n_lines * size * LEADING


def text_block(text: str, fonts: FontSet, size: float, box: Rect, *, bold: bool = False,
               align: Align = Align.LEFT, pad_x: float = 2.0, pad_top: float = 2.0,
               valign_middle: bool = False, max_height: float | None = None) -> tuple[TextBlock, bool]:
    """Wrap ``text`` into ``box`` (insets ``pad_x``/``pad_top``); returns the block and whether
    characters had to be replaced. ``max_height`` drops lines that do not fit (``clipped``)."""
    width = max(box.w - 2 * pad_x, 1.0)
    lines, widths, replaced = _set_text(text, fonts, size, width, bold)
    clipped = False
    if max_height is not None:
        fit = max(int((max_height + 0.01) // (size * LEADING)), 0)
        if len(lines) > fit:
            cut, clipped = list(lines[:fit]), True
            if cut:
                cut[-1] = _ellipsis(cut[-1], fonts, size, width, bold)
            lines = tuple(cut)
            widths = _line_widths(lines, fonts, size, bold)
    top = box.y + pad_top
    if valign_middle:
        top = box.y + (box.h - block_height(len(lines), size)) / 2
    block = TextBlock(
        lines=lines, x=box.x + pad_x, top=top, width=width, font_size=size,
        leading=size * LEADING, ascent=fonts.ascent(size) + (LEADING - 1) * size / 2, bold=bold,
        align=align, line_widths=widths, clipped=clipped,
    )
    return block, replaced


@functools.lru_cache(maxsize=16384)
def _set_text(text: str, fonts: FontSet, size: float, width: float, bold: bool
              ) -> tuple[tuple[str, ...], tuple[float, ...], bool]:
    """``text`` sanitized and wrapped to ``width``: its lines, their widths and whether characters
    were replaced; remembered (column balancing sets the same text at the same width again)."""
    clean, replaced = fonts.sanitize(text)
    lines = _wrapped(clean, fonts, size, width, bold)
    return lines, _line_widths(lines, fonts, size, bold), replaced


@functools.lru_cache(maxsize=16384)
def _line_widths(lines: tuple[str, ...], fonts: FontSet, size: float, bold: bool = False) -> tuple[float, ...]:
    """The width of each of ``lines``, remembered (the same lines are set again and again)."""
    return tuple([fonts.width(line, size, bold) for line in lines])


def lines_block(lines: tuple[str, ...] | list[str], fonts: FontSet, size: float, box: Rect, *,
                align: Align = Align.LEFT, pad_x: float = 2.0, pad_top: float = 2.0,
                bullets: tuple[int, ...] | None = None) -> TextBlock:
    """A block of lines already wrapped to ``box`` (insets ``pad_x``/``pad_top``); ``bullets``
    (not None) sets them as bulleted items: every line at the hanging indent, a bullet on those
    lines."""
    indent = bullet_indent(fonts, size) if bullets is not None else 0.0
    return TextBlock(
        lines=tuple(lines), x=box.x + pad_x, top=box.y + pad_top, width=max(box.w - 2 * pad_x, 1.0),
        font_size=size, leading=size * LEADING, ascent=fonts.ascent(size) + (LEADING - 1) * size / 2, align=align,
        line_widths=_line_widths(tuple(lines), fonts, size),
        indents=(indent,) * len(lines) if bullets is not None else (), bullets=bullets or (),
    )


def bullet_indent(fonts: FontSet, size: float) -> float:
    """How far the text of a bulleted item stands right of its bullet (the hanging indent)."""
    return fonts.width(BULLET, size) + 0.5 * size


def bullet_items(items: tuple[str, ...] | list[str], fonts: FontSet, size: float, width: float
                 ) -> tuple[list[str], list[int], bool]:
    """The wrapped lines of ``items`` set as a bulleted list ``width`` wide (each wrapped to the
    width less the hanging indent), the indexes of the lines that start an item, and whether
    characters had to be replaced. Empty items are left out."""
    lines, starts, replaced = _bullet_items(tuple(items), fonts, size, width)
    return list(lines), list(starts), replaced


def bullet_line_count(items: tuple[str, ...], fonts: FontSet, size: float, width: float) -> int:
    """``len(bullet_items(items, fonts, size, width)[0])`` without the copies."""
    return len(_bullet_items(items, fonts, size, width)[0])


@functools.lru_cache(maxsize=4096)
def _bullet_items(items: tuple[str, ...], fonts: FontSet, size: float, width: float
                  ) -> tuple[tuple[str, ...], tuple[int, ...], bool]:
    """:func:`bullet_items`, remembered (column balancing sets the same lists at many widths)."""
    indent = bullet_indent(fonts, size)
    lines: list[str] = []
    starts: list[int] = []
    replaced = False
    for item in items:
        clean, rep = fonts.sanitize(item)
        replaced |= rep
        wrapped = wrap_text(clean, fonts, size, max(width - indent, 1.0))
        if wrapped:
            starts.append(len(lines))
            lines.extend(wrapped)
    return tuple(lines), tuple(starts), replaced


def bullet_block(items: tuple[str, ...] | list[str], fonts: FontSet, size: float, box: Rect, *,
                 pad_x: float = 2.0, pad_top: float = 2.0, max_height: float | None = None) -> tuple[TextBlock, bool]:
    """``items`` as a bulleted list in ``box``: a :data:`BULLET` at the left of each item's first
    line, every line of the item indented past it (a wrapped line never reads as a new item).
    ``max_height`` drops lines that do not fit (``clipped``)."""
    width = max(box.w - 2 * pad_x, 1.0)
    lines, starts, replaced = bullet_items(items, fonts, size, width)
    indent = bullet_indent(fonts, size)
    clipped = False
    if max_height is not None:
        fit = max(int((max_height + 0.01) // (size * LEADING)), 0)
        if len(lines) > fit:
            lines, clipped = lines[:fit], True
            starts = [k for k in starts if k < fit]
            if lines:
                lines[-1] = _ellipsis(lines[-1], fonts, size, width - indent, False)
    block = TextBlock(
        lines=tuple(lines), x=box.x + pad_x, top=box.y + pad_top, width=width, font_size=size,
        leading=size * LEADING, ascent=fonts.ascent(size) + (LEADING - 1) * size / 2, align=Align.LEFT,
        line_widths=_line_widths(tuple(lines), fonts, size),
        indents=(indent,) * len(lines), bullets=tuple(starts), clipped=clipped,
    )
    return block, replaced


def _ellipsis(line: str, fonts: FontSet, size: float, width: float, bold: bool) -> str:
    while line and fonts.width(line + "…", size, bold) > width:
        line = line[:-1]
    return line + "…"
