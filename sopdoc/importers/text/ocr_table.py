"""A best-effort reading of a flowchart table that OCR flattened into lines without columns.

Seed 003: steps start with ``N.``, ``.`` or ``-``; the activity text runs down the left of each
step; the waktu is a bare number whose unit sits in the header ("Waktu (Menit)"). Actors and
symbols cannot be recovered; the caller flags the result "perlu pemeriksaan manual".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sopdoc.importers.grid.clean import Line
from sopdoc.importers.grid.steps import RawStep
from sopdoc.importers.grid.vocab import waktu_unit_in_header
from sopdoc.model.diagnostic import Origin

__all__ = ["OcrTable", "read_ocr_table"]

_HEADER = re.compile(r"uraian\s+prosedur|uraian\s+kegiatan|\bkegiatan\b.*\bpelaksana\b", re.IGNORECASE)
_STEP = re.compile(r"^(?:(\d{1,2})\s*\.|\.|-)\s+([A-Za-z]{3,}.*)$")
_WORD = re.compile(r"^[A-Za-z][a-z\-]+$|^[a-z]{2,}$")


@dataclass
class OcrTable:
    """Steps read from OCR lines, the waktu unit of the header, and the header's line number."""

    line: int
    start: int  # index of the header line
    satuan: str | None
    actors: tuple[str, ...]
    steps: list[RawStep]


def read_ocr_table(lines: list[Line], file: str | None) -> OcrTable | None:
    """The steps after an OCR'd table header, or None when there is no such header."""
    start = next((i for i, ln in enumerate(lines) if _HEADER.search(ln.text)), None)
    if start is None:
        return None
    if start > 0 and re.search(r"pelaksana|mutu baku", lines[start - 1].text, re.IGNORECASE):
        start -= 1
    satuan = next((waktu_unit_in_header(ln.text) for ln in lines[start:start + 4]
                   if waktu_unit_in_header(ln.text)), None)
    groups: list[list[Line]] = []
    for ln in lines[start + 1:]:
        if ln.blank:
            continue
        if _STEP.match(ln.text):
            groups.append([ln])
        elif groups:
            groups[-1].append(ln)
    steps = [_step(g, file) for g in groups]
    return OcrTable(lines[start].no, start, satuan, (), steps)


def _step(group: list[Line], file: str | None) -> RawStep:
    m = _STEP.match(group[0].text)
    assert m is not None
    words = _leading_words(m.group(2), first=True)
    for ln in group[1:]:
        more = _leading_words(ln.text, first=False)
        if not more:
            break
        words.extend(more)
    waktu = ""
    for ln in group:
        nums = re.findall(r"(?<![\w/])(\d{1,3})(?![\w/])", ln.text)
        nums = [n for n in nums if not (ln is group[0] and m.group(1) == n)]
        if nums:
            waktu = nums[0]
            break
    return RawStep(no_text=m.group(1) or "", uraian=" ".join(words), origin=Origin(file=file, line=group[0].no),
                   waktu=waktu)


def _leading_words(text: str, *, first: bool) -> list[str]:
    """The words an activity text starts with, up to the first glyph, number or column text."""
    out = []
    for k, tok in enumerate(text.split()):
        if not _WORD.match(tok):
            break
        if k > 0 and tok[0].isupper() and not first:
            break
        out.append(tok)
    return out
