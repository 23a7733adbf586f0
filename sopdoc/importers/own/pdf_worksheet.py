"""The worksheet page ("LEMBAR KERJA IDENTIFIKASI KEGIATAN") of a PDF written by sopdoc, read
back through its geometry (``layout/worksheet.py``): rows of 0.6 pt cells, label | value rows in
sections A and B, then the langkah rows No | Tahap | Uraian. "-" marks an empty value.
"""

from __future__ import annotations

from typing import Any

from sopdoc.importers.grid.chars import Box, box_of, chars_in, chars_to_lines, join_lines, page_chars, stroked
from sopdoc.importers.report import ImportBuilder
from sopdoc.layout.worksheet import LABEL_FIELDS, LANGKAH_HEADER, SECTIONS, TAHAP_LABELS, WORKSHEET_TITLE
from sopdoc.model.diagnostic import Origin

__all__ = ["read_worksheet_page", "worksheet_from_rows"]


def _labels() -> dict[str, str]:
    return {label: field for fields in LABEL_FIELDS for field, label in fields}


def worksheet_from_rows(rows: list[list[str]]) -> dict[str, Any] | None:
    """The ``lembar_kerja`` mapping from the worksheet table's rows (cell texts, left to right);
    None when the rows are not a worksheet (no "C. IDENTIFIKASI LANGKAH" section)."""
    labels = _labels()
    tahap_of = {v: k for k, v in TAHAP_LABELS.items()}
    data: dict[str, Any] = {}
    langkah: list[dict[str, Any]] = []
    in_langkah = seen = False
    for texts in rows:
        if len(texts) == 1 and texts[0] in SECTIONS:
            seen = seen or texts[0] == SECTIONS[2]
            continue
        if tuple(texts) == LANGKAH_HEADER:
            in_langkah = True
            continue
        if len(texts) == 2 and texts[0] in labels and texts[1] != "-":
            node = data
            *parents, last = labels[texts[0]].split(".")
            for part in parents:
                node = node.setdefault(part, {})
            node[last] = texts[1]
        elif len(texts) == 3 and in_langkah:
            no, tahap, uraian = texts
            step: dict[str, Any] = {"uraian": "" if uraian == "-" else uraian}
            if no.lstrip("-").isdigit():
                step["no"] = int(no)
            if tahap in tahap_of:
                step["tahap"] = tahap_of[tahap]
            langkah.append(step)
    if not seen:
        return None
    if langkah:
        data["langkah"] = langkah
    return data


def read_worksheet_page(page: Any, b: ImportBuilder, pno: int) -> bool:
    """Read the worksheet page into ``b``; False when the page is not one."""
    height = float(page.height)
    chars = page_chars(page)
    grid = [box_of(r) for r in stroked(page.rects, 0.6) if not r.get("fill")]
    if not grid:
        return False
    top = min(c.top for c in grid)
    title = join_lines(chars_to_lines(chars_in(chars, Box(0.0, 0.0, float(page.width), top)), height))
    if title != WORKSHEET_TITLE:
        return False
    by_top: dict[float, list[Box]] = {}
    for c in grid:
        by_top.setdefault(round(c.top, 1), []).append(c)
    rows = [[join_lines(chars_to_lines(chars_in(chars, c, 0.2), height))
             for c in sorted(cells, key=lambda c: c.x0)] for _t, cells in sorted(by_top.items())]
    data = worksheet_from_rows(rows)
    if data is None:
        return False
    b.put(("lembar_kerja",), data, Origin(file=b.file, page=pno, table=1), 0.95)
    return True
