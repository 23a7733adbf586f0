"""Box contents (Dasar Hukum, Keterkaitan, …) of a text extraction as list items.

Lists come as ``- 1 …``, ``1. …``, ``4, …``, inline ``1. … 2. …`` (flattened ``<ol>``), or as
paragraphs separated by blank lines; lines wrapped inside an item are joined with a space. A list
whose numbers are centred vertically beside their wrapped items (a Word table with a number
column) is regrouped by the items' closing punctuation (:func:`_centred_list`).
"""

from __future__ import annotations

import re

__all__ = ["EMPTY_MARKS", "Item", "box_texts", "inline_items", "lines_to_items", "split_pair"]

Item = tuple[int, str, int | None]  # (line number, text, list marker number or None)

_DASH_MARK = re.compile(r"^[-•·*]\s*(?:(\d{1,2})[.,)]?\s+)?(?=\S)")
_NUM_MARK = re.compile(r"^(\d{1,2})\s*[.,)]\s*(?=\S|$)")
_ONLY_MARKS = re.compile(r"^(?:\d{1,2}\s*[.,)]\s*)+$")


def _marker(text: str) -> tuple[int | None, str, bool]:
    """(number, text without marker, had a marker)."""
    m = _DASH_MARK.match(text)
    if m:
        return (int(m.group(1)) if m.group(1) else None), text[m.end():], True
    m = _NUM_MARK.match(text)
    if m:
        return int(m.group(1)), text[m.end():], True
    return None, text, False


def inline_items(text: str) -> list[str]:
    """Split ``1. A 2. B 3. C`` (numbers in sequence) into items; other text is one item."""
    pieces: list[str] = []
    expect, starts = 1, []
    for m in re.finditer(r"(?:^|(?<=\s))(\d{1,2})\.\s+", text):
        if int(m.group(1)) == expect:
            starts.append((m.start(), m.end()))
            expect += 1
    if not starts:
        return [text.strip()] if text.strip() else []
    for k, (s, e) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(text)
        if k == 0 and text[:s].strip():
            pieces.append(text[:s].strip())
        pieces.append(text[e:end].strip())
    return [p for p in pieces if p]


def _garbage(text: str) -> bool:
    """OCR noise such as ``o Ok~ w``: no two letters in a row, or stray marks and no real word."""
    if not re.search(r"[A-Za-z]{2,}", text):
        return True
    return bool(re.search(r"[~^`|{}]", text)) and not re.search(r"[A-Za-z]{4,}", text)


_BARE_MARK = re.compile(r"^(\d{1,2})\s*[.,)]$")
_ITEM_END = re.compile(r"[;.]$|[;,]\s*(?:dan|atau)$", re.IGNORECASE)


def _centred_list(lines: list[tuple[int, str]]) -> list[Item] | None:
    """The items of a numbered list whose numbers sit in the vertical middle of wrapped items, or None.

    Such a list (a table with a number column, the numbers centred: bps-048's Dasar Hukum) reads
    as ``…Undang-Undang`` / ``4.`` / ``Nomor 43 … Kearsipan;``: the number on a line of its own
    between two lines of one item, or beside one of its middle lines, so the first lines of an
    item come before its number. It is recognised by such a bare number between two unmarked
    lines of which the first does not close an item; its items are then the runs of lines up to
    each line that closes an item (``;``, ``.``, ``; dan``, ``; atau``), numbered in order. Used
    only when that gives exactly as many items as the list has numbers, in sequence from 1.
    """
    texts = [(no, t.strip()) for no, t in lines if t.strip()]
    centred = any(
        _BARE_MARK.match(t) and 0 < k < len(texts) - 1
        and not _marker(texts[k - 1][1])[2] and not _ITEM_END.search(texts[k - 1][1])
        and not _marker(texts[k + 1][1])[2]
        for k, (_, t) in enumerate(texts))
    if not centred:
        return None
    numbers: list[int] = []
    runs: list[list[tuple[int, str]]] = [[]]
    for no, t in texts:
        bare = _BARE_MARK.match(t)
        if bare:
            numbers.append(int(bare.group(1)))
            continue
        number, rest, marked = _marker(t)
        if marked:
            if number is None:
                return None  # a dash list is not a numbered one
            numbers.append(number)
            t = rest.strip()
        runs[-1].append((no, t))
        if _ITEM_END.search(t):
            runs.append([])
    runs = [r for r in runs if r]
    if numbers != list(range(1, len(numbers) + 1)) or len(runs) != len(numbers):
        return None
    return [(run[0][0], " ".join(t for _, t in run), k + 1) for k, run in enumerate(runs)]


def lines_to_items(lines: list[tuple[int, str]]) -> list[Item]:
    """Items of a box from its (line number, text) lines; blank text separates paragraphs."""
    centred = _centred_list(lines)
    if centred is not None:
        return centred
    items: list[list] = []
    joinable = False
    for no, text in lines:
        text = text.strip()
        if not text:
            joinable = False
            continue
        if _ONLY_MARKS.match(text):
            items.append([no, "", 0])  # a line of bare markers ("1. 2."): a list starts here
            joinable = False
            continue
        number, rest, marked = _marker(text)
        if marked:
            items.append([no, rest.strip(), number])
            joinable = True
        elif joinable and items:
            items[-1][1] = (items[-1][1] + " " + text).strip()
        else:
            items.append([no, text, None])
            joinable = True
    out: list[Item] = []
    for no, text, number in items:
        if text and text != "-" and _garbage(text):
            continue
        if number is None and len(inline_items(text)) > 1:
            out.extend((no, t, i + 1) for i, t in enumerate(inline_items(text)))
        else:
            out.append((no, text, number))
    return out


EMPTY_MARKS = frozenset({"", "-", "–", "—", "--"})
"""What a box prints when it has nothing in it."""


def box_texts(items: list[Item]) -> list[str]:
    """The texts of a box's items; a box that prints only a dash is empty (``[]``, not ``["-"]``:
    ``null`` is kept for a box missing from the document)."""
    texts = [t for _, t, _ in items if t]
    return [] if all(t.strip() in EMPTY_MARKS for t in texts) else texts


def split_pair(items: list[Item]) -> tuple[list[Item], list[Item]]:
    """Split the interleaved content of two boxes read as one (OCR of a two-column grid)."""
    for i in range(1, len(items)):
        number = items[i][2]
        prev = [it[2] for it in items[:i]]
        restart = number in (0, 1) and any(p not in (None, 0) for p in prev)
        after_plain = number in (0, 1) and all(p is None for p in prev)
        if restart or after_plain:
            return items[:i], items[i:]
    half = max(1, (len(items) + 1) // 2)
    return items[:half], items[half:]
