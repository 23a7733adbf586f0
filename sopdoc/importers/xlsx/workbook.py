"""Open an Excel workbook safely: its sheets as grids of cell texts, plus each sheet's drawn shapes.

The package is opened by the hardened reader first (file size, member count, inflated sizes,
compression ratio) and every XML part is parsed once without DTDs or entities; only then is the
same checked bytes handed to openpyxl for the cell values. openpyxl drops shapes, so the drawing
of each sheet is found through the package relationships and read by :mod:`.drawing`.
"""

from __future__ import annotations

import io
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sopdoc.importers.xlsx.drawing import Grid, XlShape, read_drawing
from sopdoc.model.diagnostic import Teks
from sopdoc.ooxml.ns import NS, qn
from sopdoc.ooxml.package import DEFAULT_LIMITS, Package, PackageError, open_package
from sopdoc.safe_path import UnsafeInputError, read_regular

__all__ = ["Sheet", "read_workbook"]

_EMU_PX = 9525
_EMU_PT = 12700
MAX_ROWS = 2000
MAX_COLS = 60


@dataclass(frozen=True)
class Sheet:
    """One worksheet: name, cell texts (merged cells repeated over their range), the merged ranges'
    top-left cell per cell, the grid geometry and the drawn shapes."""

    name: str
    rows: tuple[tuple[str, ...], ...]
    grid: Grid
    shapes: tuple[XlShape, ...]
    merged_from: dict[tuple[int, int], tuple[int, int]]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rels(pkg: Package, part: str) -> dict[str, str]:
    """Relationship id → target part name of ``part``."""
    folder, base = posixpath.split(part)
    name = posixpath.join(folder, "_rels", base + ".rels")
    if not pkg.has(name):
        return {}
    out = {}
    for rel in pkg.xml(name).iter(f"{{{NS['pr']}}}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id", "")] = path
    return out


def _drawings(pkg: Package) -> list[tuple[str, str | None]]:
    """(sheet name, drawing part or None) in workbook order."""
    book = "xl/workbook.xml"
    rels = _rels(pkg, book)
    out: list[tuple[str, str | None]] = []
    for sh in pkg.xml(book).iter(qn("ss:sheet")):
        part = rels.get(sh.get(qn("r:id"), ""), "")
        drawing = None
        if part and pkg.has(part):
            for el in pkg.xml(part).iter(qn("ss:drawing")):
                drawing = _rels(pkg, part).get(el.get(qn("r:id"), ""))
        out.append((sh.get("name", ""), drawing if drawing and pkg.has(drawing) else None))
    return out


def _grid(ws: Any, n_cols: int, n_rows: int) -> Grid:
    fmt = ws.sheet_format
    default_w = float(fmt.defaultColWidth or (fmt.baseColWidth or 8) + 0.71)
    default_h = float(fmt.defaultRowHeight or 15)
    widths = [default_w] * (n_cols + 1)
    for dim in ws.column_dimensions.values():
        lo, hi = dim.min or 0, min(dim.max or 0, n_cols + 1)
        for c in range(max(lo, 1), hi + 1):
            if dim.width:
                widths[c - 1] = 0.0 if dim.hidden else float(dim.width)
    xs, x = [], 0
    for w in widths:
        xs.append(x)
        x += int(7 * w + 0.5) * _EMU_PX
    ys, y = [], 0
    for r in range(1, n_rows + 2):
        dim = ws.row_dimensions.get(r) if r in ws.row_dimensions else None
        h = 0.0 if dim is not None and dim.hidden else float(dim.ht) if dim is not None and dim.ht else default_h
        ys.append(y)
        y += int(h * _EMU_PT)
    return Grid(tuple(xs), tuple(ys))


def read_workbook(path: str | Path) -> list[Sheet]:
    """The sheets of the workbook at ``path``; a :class:`PackageError` when it cannot be read safely."""
    try:
        data = read_regular(path, DEFAULT_LIMITS.file_bytes)
    except UnsafeInputError as exc:
        raise PackageError("file", exc.reason) from None
    except OSError as exc:
        raise PackageError("file", Teks(f"tidak dapat dibaca: {exc.strerror}",
                                        f"cannot be read: {exc.strerror}")) from None
    with open_package(data) as pkg:
        parsed = {n: pkg.xml(n) for n in pkg.names if n.endswith((".xml", ".rels"))}
        if "xl/workbook.xml" not in parsed:
            raise PackageError("zip", Teks("bukan buku kerja Excel (xl/workbook.xml tidak ada)",
                                           "not an Excel workbook (no xl/workbook.xml)"))
        drawings = _drawings(pkg)
    return _sheets(data, drawings, parsed)


def _sheets(data: bytes, drawings: list[tuple[str, str | None]], parsed: dict[str, Any]) -> list[Sheet]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many types on damaged parts
        raise PackageError("zip", Teks(f"buku kerja rusak ({type(exc).__name__})",
                                       f"the workbook is damaged ({type(exc).__name__})")) from None
    by_name = dict(drawings)
    out: list[Sheet] = []
    for ws in wb.worksheets:
        n_rows, n_cols = min(ws.max_row, MAX_ROWS), min(ws.max_column, MAX_COLS)
        cells = [[_text(ws.cell(r, c).value) for c in range(1, n_cols + 1)] for r in range(1, n_rows + 1)]
        merged_from: dict[tuple[int, int], tuple[int, int]] = {}
        for rng in ws.merged_cells.ranges:
            top = (rng.min_row - 1, rng.min_col - 1)
            if top[0] >= n_rows or top[1] >= n_cols:
                continue
            for r in range(rng.min_row - 1, min(rng.max_row, n_rows)):
                for c in range(rng.min_col - 1, min(rng.max_col, n_cols)):
                    merged_from[(r, c)] = top
                    cells[r][c] = cells[top[0]][top[1]]
        grid = _grid(ws, max(n_cols, MAX_COLS), max(n_rows, 200))
        part = by_name.get(ws.title)
        shapes = tuple(read_drawing(parsed[part], grid)) if part and part in parsed else ()
        out.append(Sheet(ws.title, tuple(tuple(r) for r in cells), grid, shapes, merged_from))
    return out
