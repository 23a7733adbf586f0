"""Find and read the tab-separated flowchart table of a text extraction.

Two header rows (NO | KEGIATAN | PELAKSANA … | MUTU BAKU … | KETERANGAN, then the actor names
and Kelengkapan/Waktu/Output), an optional column-number row (1 2 … N), header rows repeated at
page breaks, data rows whose actor cells hold marks (Mulai, [], Ya, Tidak, SELESAI).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sopdoc.importers.grid.clean import Line
from sopdoc.importers.grid.header import header_columns
from sopdoc.importers.grid.steps import RawStep
from sopdoc.importers.grid.vocab import column_kind, waktu_unit_in_header
from sopdoc.model.diagnostic import Origin

__all__ = ["TextTable", "find_header", "header_columns", "read_table"]


@dataclass
class TextTable:
    """A flowchart table read from text: actors, steps, waktu unit from the header, line span."""

    start: int  # index into lines of the first header row
    end: int  # index after the last row
    actors: list[str]
    steps: list[RawStep]
    satuan: str | None = None
    repeated_headers: list[int] = field(default_factory=list)  # line numbers
    header_kinds: dict[str, str] = field(default_factory=dict)  # kind -> header text


def find_header(lines: list[Line], start: int = 0) -> int | None:
    """Index of the first tabbed line from ``start`` that opens a flowchart table (NO … KEGIATAN …)."""
    for i in range(start, len(lines)):
        if _is_header(lines[i]):
            return i
    return None


def _is_header(line: Line) -> bool:
    if not line.tabbed:
        return False
    kinds = [column_kind(c) for c in line.cells if c]
    return bool(kinds) and kinds[0] == "no" and "uraian" in kinds


def _is_number_row(line: Line) -> bool:
    vals = [c for c in line.cells if c]
    return len(vals) >= 3 and all(c.isdigit() for c in vals) and [int(c) for c in vals] == list(
        range(1, len(vals) + 1))


def read_table(lines: list[Line], start: int, file: str | None) -> TextTable:
    """Read the table whose first header row is ``lines[start]``, up to the first non-table text."""
    top = lines[start]
    sub = lines[start + 1] if start + 1 < len(lines) and lines[start + 1].tabbed else None
    cols, actor_cols, texts = header_columns(top, sub)
    table = TextTable(start, start, [a for _, a in actor_cols], [],
                      waktu_unit_in_header(texts.get("waktu", "")), [], texts)
    i = start + (2 if sub else 1)
    while i < len(lines):
        line = lines[i]
        if line.blank:
            i += 1
            continue
        if _is_header(line):
            table.repeated_headers.append(line.no)
            i += 2 if i + 1 < len(lines) and lines[i + 1].tabbed and not _is_data(lines[i + 1]) else 1
            continue
        if _is_number_row(line):
            i += 1
            continue
        if not line.tabbed:
            break
        table.steps.append(_row(line, cols, actor_cols, file))
        i += 1
    table.end = i
    return table


def _is_data(line: Line) -> bool:
    first = line.cells[0].rstrip(".")
    return first.isdigit() and not _is_number_row(line)


def _row(line: Line, cols: dict[str, int], actor_cols: list[tuple[int, str]], file: str | None) -> RawStep:
    def cell(kind: str) -> str:
        j = cols.get(kind)
        return line.cells[j] if j is not None and j < len(line.cells) else ""

    origin = Origin(file=file, line=line.no, column=1)
    marks = {k: line.cells[j] for k, (j, _) in enumerate(actor_cols) if j < len(line.cells) and line.cells[j]}
    return RawStep(no_text=cell("no"), uraian=cell("uraian"), origin=origin, marks=marks,
                   kelengkapan=cell("kelengkapan"), waktu=cell("waktu"), output=cell("output"),
                   keterangan=cell("keterangan"))
