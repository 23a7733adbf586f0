"""A flowchart sheet: header columns from the cells, symbols from the drawn shapes.

The header row is found by the shared vocabulary (``No | Aktivitas | Pelaksana(an) … | Mutu
Baku | Ket``); each step row takes its texts from the cells and its symbols from the shapes
whose centre lies in one of its actor cells. Rows without text whose only shapes are off-page
connectors are spacers and are skipped. Connectors (``stCxn``/``endCxn``) give a decision's
targets: an exit reaching an off-page connector continues at its partner (same text, else the
next one below), and ``Ya``/``Tidak`` text boxes name the exit whose start they are nearest to.
"""

from __future__ import annotations

import re

from sopdoc.importers.codes import imp_diagnostic
from sopdoc.importers.grid.clean import Line, clean_cell
from sopdoc.importers.grid.flow_table import PdfFlowTable, is_flow_table
from sopdoc.importers.grid.header import header_columns
from sopdoc.importers.grid.steps import RawStep
from sopdoc.importers.grid.vocab import mark_kind, waktu_unit_in_header
from sopdoc.importers.report import ImportBuilder
from sopdoc.importers.xlsx.drawing import XlShape
from sopdoc.importers.xlsx.workbook import Sheet
from sopdoc.model.diagnostic import Origin, Teks
from sopdoc.model.labels import SIMBOL_NAMES, simbol_rank
from sopdoc.model.waktu import parse_waktu

__all__ = ["find_header", "read_flow_sheet"]


def _text(cell: str) -> str:
    return clean_cell(re.sub(r"\s+", " ", cell or ""))


def _line(cells: tuple[str, ...]) -> Line:
    # 'Pelaksanaan' over the actor columns (Basarnas) is the Pelaksana group header
    texts = tuple(re.sub(r"(?i)^pelaksanaan$", "Pelaksana", _text(c)) for c in cells)
    return Line(0, " ".join(texts), texts)


def find_header(sheet: Sheet) -> int | None:
    """The 0-based row of the flowchart header, or None."""
    for r, row in enumerate(sheet.rows[:60]):
        first = next((k for k, c in enumerate(row) if _text(c)), None)
        if first is not None and is_flow_table([list(row[first:])]):
            return r
    return None


def waktu_text(text: str) -> str:
    """``5 \\nMenit`` → ``5 menit``: spaces collapsed, the unit lower-cased when it then parses."""
    t = _text(text)
    low = t.lower()
    if t and low != t:
        try:
            parse_waktu(low)
        except (ValueError, TypeError):
            return t
        return low
    return t


def read_flow_sheet(sheet: Sheet, header: int, b: ImportBuilder, index: int) -> PdfFlowTable:
    """The steps of the flowchart ``sheet`` whose header starts at row ``header``."""
    top = sheet.rows[header]
    sub = sheet.rows[header + 1] if header + 1 < len(sheet.rows) else None
    sub_is_header = sub is not None and not any(_text(c).isdigit() for c in sub[:2])
    cols, actor_cols, texts = header_columns(_line(top), _line(sub) if sub is not None and sub_is_header else None)
    flow = PdfFlowTable(index, index, [a for _, a in actor_cols], [], waktu_unit_in_header(texts.get("waktu", "")))
    first = header + (2 if sub_is_header else 1)
    actor_at = {j: k for k, (j, _) in enumerate(actor_cols)}
    symbols = [s for s in sheet.shapes if s.kind in SIMBOL_NAMES or s.kind == "offpage"]
    row_of: dict[str, int] = {}
    where: dict[str, tuple[int, int]] = {}
    for s in symbols:
        where[s.id] = sheet.grid.cell_at(*s.center)
    step_of_row: dict[int, int] = {}
    for r in range(first, len(sheet.rows)):
        row = sheet.rows[r]
        here = [s for s in symbols if where[s.id][0] == r]
        has_text = any(_text(c) for c in row)
        if not has_text and all(s.kind == "offpage" for s in here):
            for s in here:
                row_of[s.id] = r
            continue  # a spacer row (empty, or only off-page connectors)

        def cell(kind: str, row: tuple[str, ...] = row) -> str:
            j = cols.get(kind)
            return (row[j] or "") if j is not None and j < len(row) else ""

        origin = Origin(file=b.file, table=index, row=r + 1)
        step = RawStep(no_text=_text(cell("no")), uraian=_text(cell("uraian")), origin=origin,
                       kelengkapan=cell("kelengkapan").strip(), waktu=waktu_text(cell("waktu")),
                       output=_text(cell("output")), keterangan=_text(cell("keterangan")))
        step.cell_origin = {k: Origin(file=b.file, table=index, row=r + 1, cell=j + 1) for k, j in cols.items()}
        for j, k in actor_at.items():
            mark = _text(row[j]) if j < len(row) else ""
            if mark and mark_kind(mark):
                step.marks[k] = mark
        for s in here:
            row_of[s.id] = r
            col = actor_at.get(where[s.id][1])
            if col is None or s.kind not in SIMBOL_NAMES:
                continue
            prev = step.shapes.get(col)
            if prev is None or simbol_rank(s.kind) < simbol_rank(prev):
                step.shapes[col] = s.kind
        step_of_row[r] = len(flow.steps)
        flow.steps.append(step)
        flow.shapes.append([])
    _outside(sheet, symbols, where, actor_at, first, b, index)
    _branches(sheet, flow, symbols, row_of, step_of_row)
    return flow


def _outside(sheet: Sheet, symbols: list[XlShape], where: dict[str, tuple[int, int]], actor_at: dict[int, int],
             first: int, b: ImportBuilder, index: int) -> None:
    """Symbols outside the actor columns (or above the steps) are reported, never used."""
    for s in symbols:
        r, c = where[s.id]
        if s.kind in SIMBOL_NAMES and (c not in actor_at or r < first):
            b.add(imp_diagnostic("IMP029", Teks(
                f"bentuk '{s.name}' di luar kolom pelaksana (baris {r + 1}, kolom {c + 1}) diabaikan",
                f"shape '{s.name}' outside the actor columns (row {r + 1}, column {c + 1}) ignored"),
                origin=Origin(file=b.file, table=index, row=r + 1, cell=c + 1)))


def _branches(sheet: Sheet, flow: PdfFlowTable, symbols: list[XlShape], row_of: dict[str, int],
              step_of_row: dict[int, int]) -> None:
    by_id = {s.id: s for s in symbols}
    connectors = [s for s in sheet.shapes if s.kind == "connector" and s.start in by_id and s.end in by_id]
    labels = [s for s in sheet.shapes if s.kind == "label" and mark_kind(s.text) in ("ya", "tidak")]
    offpages = sorted((s for s in symbols if s.kind == "offpage"), key=lambda s: (s.center[1], s.center[0]))

    def follow(sid: str, seen: frozenset[str] = frozenset()) -> str | None:
        s = by_id.get(sid)
        if s is None or sid in seen:
            return None
        if s.kind != "offpage":
            return sid
        outs = [c.end for c in connectors if c.start == sid and c.end]
        if outs:
            return follow(outs[0], seen | {sid})
        later = [o for o in offpages if o.id != sid and o.center[1] > s.center[1]]
        partner = next((o for o in later if s.text and o.text == s.text), None) or (later[0] if later else None)
        return follow(partner.id, seen | {sid}) if partner is not None else None

    for s in symbols:
        if s.kind != "keputusan" or s.id not in row_of or row_of[s.id] not in step_of_row:
            continue
        exits = [c for c in connectors if c.start == s.id]
        targets: list[tuple[XlShape, int]] = []
        for c in exits:
            end = follow(c.end or "")
            if end is not None and row_of.get(end) in step_of_row:
                targets.append((c, step_of_row[row_of[end]]))
        if not targets:
            continue
        named: dict[str, int] = {}
        free = list(labels)
        for c, idx in sorted(targets, key=lambda t: min(_dist(s.site(t[0].start_site), lb.center) for lb in free)
                             if free else 0):
            if not free:
                break
            pt = s.site(c.start_site)
            lb = min(free, key=lambda lb: _dist(pt, lb.center))
            size = max(s.box[2] - s.box[0], s.box[3] - s.box[1])
            if _dist(pt, lb.center) <= size and mark_kind(lb.text) not in named:
                named[mark_kind(lb.text) or ""] = idx
                free.remove(lb)
        rest = [idx for _c, idx in targets if idx not in named.values()]
        for key in ("ya", "tidak"):
            if key not in named and rest:
                named[key] = rest.pop(0)
        step = flow.steps[step_of_row[row_of[s.id]]]
        step.cabang = {key: -1 - idx for key, idx in named.items() if key in ("ya", "tidak")}


def _dist(a: tuple[float, float], b: tuple[float, float]) -> float:
    return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
