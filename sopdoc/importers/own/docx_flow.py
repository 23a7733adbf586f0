"""DOCX files written by sopdoc, without their customXml source: tables and anchored shapes.

The identity table (kop | label | value rows, then the six boxes as title rows over numbered
paragraphs) and one flowchart table per layout page. Each kelengkapan item, kop line and list
item is its own paragraph, so nothing has to be guessed from wrapping. Shapes are anchored in
cells at offsets from the cell's corner; adding the grid's column widths and row heights gives
table coordinates, in which connector pieces are chained from a decision to their target.
"""

from __future__ import annotations

import re

from sopdoc.importers.grid.chars import Box
from sopdoc.importers.grid.doc_table import DocCell, DocShape, DocTable
from sopdoc.importers.own.exits import assign_exits
from sopdoc.importers.own.flow_model import Column, FlowPage, Link, OwnStep, Symbol
from sopdoc.importers.own.pdf_worksheet import worksheet_from_rows
from sopdoc.importers.report import ImportBuilder
from sopdoc.layout.geometry import BULLET
from sopdoc.layout.worksheet import WORKSHEET_TITLE
from sopdoc.model.diagnostic import Origin
from sopdoc.model.labels import BOX_TITLES, COLUMN_TITLES, IDENTITY_FIELD_LABELS

__all__ = ["is_own_flow_table", "read_own_flow_table", "read_own_identity_table", "read_own_worksheet_table"]

_ROWS = {IDENTITY_FIELD_LABELS[key]: key
         for key in ("nomor", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif", "nama", "periode")}
_BOXES = {title: key for key, title in BOX_TITLES.items()}
_TEXT_KINDS = {COLUMN_TITLES[kind]: kind for kind in ("no", "kegiatan", "kelengkapan", "output", "keterangan")}
_PELAKSANA, _WAKTU = COLUMN_TITLES["pelaksana"], COLUMN_TITLES["waktu"]
SYMBOL_KINDS = ("terminator", "proses", "keputusan", "offpage")


def _para_texts(cell: DocCell) -> list[str]:
    return [p for p, _b, _s in cell.paragraphs]


def read_own_identity_table(table: DocTable, b: ImportBuilder, t_index: int) -> bool:
    """Identity rows, kop and boxes of sopdoc's identity table; False if it is not one."""
    found = False
    for r, row in enumerate(table.rows):
        texts = [c.text.strip() for c in row]
        where = Origin(file=b.file, table=t_index, row=r + 1)
        for k, c in enumerate(row[:-1]):
            label = c.text.strip()
            value = row[k + 1]
            if label in _ROWS:
                found = True
                text = " ".join(p.strip() for p in _para_texts(value) if p.strip())
                at = Origin(file=b.file, table=t_index, row=r + 1, cell=k + 2)
                if text and text != "-" and _ROWS[label] == "periode":  # top-level, shown capitalised
                    b.put(("periode",), text.lower(), at)
                elif text and text != "-":
                    b.put(("identitas", _ROWS[label]), text, at)
            elif label == IDENTITY_FIELD_LABELS["disahkan_oleh"]:
                _signature(value, b, where)
        if r == 0 and row and row[0].merge == "restart" and found:
            _kop(row[0], b, Origin(file=b.file, table=t_index, row=1, cell=1))
        for k, title in enumerate(texts):
            key = _BOXES.get(title.rstrip(":").strip())
            if key and r + 1 < len(table.rows):
                body = next((c for c in table.rows[r + 1] if c.col == row[k].col), None)
                if body is not None:
                    items = _items(_para_texts(body))
                    if items and items != ["-"]:
                        b.put((key,), items, Origin(file=b.file, table=t_index, row=r + 2, cell=k + 1))
    return found


def read_own_worksheet_table(table: DocTable, b: ImportBuilder, t_index: int) -> bool:
    """The worksheet table (its caption is "LEMBAR KERJA IDENTIFIKASI KEGIATAN"); False if it is not one."""
    if table.caption != WORKSHEET_TITLE:
        return False
    rows = [[" ".join(p.strip() for p in _para_texts(c) if p.strip()) for c in row] for row in table.rows]
    data = worksheet_from_rows(rows)
    if data is None:
        return False
    b.put(("lembar_kerja",), data, Origin(file=b.file, table=t_index), 0.95)
    return True


def _items(paras: list[str]) -> list[str]:
    out: list[str] = []
    for p in paras:
        m = re.match(rf"^{len(out) + 1}\.\s?(.*)$", p)
        if m:
            out.append(m.group(1).strip())
        elif p.strip() and out:
            out[-1] += " " + p.strip()
        elif p.strip():
            out.append(p.strip())
    return out


def _signature(cell: DocCell, b: ImportBuilder, where: Origin) -> None:
    paras = list(cell.paragraphs)
    jabatan: list[str] = []
    while paras and paras[0][0].strip():
        jabatan.append(paras.pop(0)[0].strip())
    data: dict[str, str] = {}
    if jabatan:
        data["jabatan"] = " ".join(jabatan)
    rest = [(t.strip(), bold) for t, bold, _s in paras if t.strip()]
    nama = [t for t, bold in rest if bold]
    nip = [t[len("NIP. "):] for t, bold in rest if not bold and t.startswith("NIP. ")]
    pangkat = [t for t, bold in rest if not bold and not t.startswith("NIP. ")]
    for key, vals in (("nama", nama), ("pangkat", pangkat), ("nip", nip)):
        if vals:
            data[key] = " ".join(vals)
    if data:
        b.put(("identitas", "disahkan_oleh"), data, where, 0.95)


def _kop(cell: DocCell, b: ImportBuilder, where: Origin) -> None:
    paras = [(t.strip(), bold, size) for t, bold, size in cell.paragraphs if t.strip()]
    sizes = sorted({s for _t, bold, s in paras if bold}, reverse=True)
    inst_size = sizes[0] if len(sizes) > 1 or (sizes and sizes[0] >= 12) else None
    inst = [t for t, bold, s in paras if bold and s == inst_size]
    unit = [t for t, bold, s in paras if bold and s != inst_size]
    alamat = [t for t, bold, _s in paras if not bold]
    if inst:
        b.put(("identitas", "instansi"), inst, where, 0.95)
    if unit:
        b.put(("identitas", "unit"), " ".join(unit), where, 0.9)
    if alamat:
        b.put(("identitas", "alamat"), " ".join(alamat), where, 0.9)


def is_own_flow_table(table: DocTable) -> bool:
    """True for sopdoc's flowchart table: two header rows NO / KEGIATAN / PELAKSANA … ."""
    grid = table.grid_rows()
    return (len(grid) >= 2 and (grid[0][:2] == [COLUMN_TITLES["no"], COLUMN_TITLES["kegiatan"]])
            and _PELAKSANA in grid[0])


def read_own_flow_table(table: DocTable, t_index: int, file: str) -> FlowPage:
    """The steps, symbols and connectors of one sopdoc flowchart table (one layout page)."""
    grid = table.grid_rows()
    xs = [sum(table.widths[:k]) for k in range(len(table.widths) + 1)]
    ys = [sum(table.heights[:k]) for k in range(len(table.heights) + 1)]
    cols: list[Column] = []
    satuan = None
    for k, (top, sub) in enumerate(zip(grid[0], grid[1], strict=False)):
        top, sub = (top or "").strip(), (sub or "").strip()
        if top == _PELAKSANA:  # a rotated header holds one paragraph per line
            cols.append(Column("pelaksana", xs[k], xs[k + 1], sub.replace("\n", " ")))
        elif sub.startswith(_WAKTU):
            cols.append(Column("waktu", xs[k], xs[k + 1]))
            if sub.startswith(f"{_WAKTU} (") and sub.endswith(")"):
                satuan = sub[len(f"{_WAKTU} ("):-1].lower()
        else:
            cols.append(Column(_TEXT_KINDS.get(sub, _TEXT_KINDS.get(top, "?")), xs[k], xs[k + 1]))
    symbols: list[Symbol] = []
    pieces: list[tuple[tuple[float, float], tuple[float, float], bool]] = []
    labels: list[tuple[str, Box]] = []
    for r, row in enumerate(table.rows):
        for cell in row:
            for s in cell.shapes:
                x, y = xs[min(cell.col, len(xs) - 1)] + s.x, ys[min(r, len(ys) - 1)] + s.y
                if s.kind in SYMBOL_KINDS:
                    symbols.append(Symbol(s.kind, Box(x, y, x + s.w, y + s.h), t_index, r, cell.col, s.text))
                elif s.kind == "connector":
                    pieces.append(_piece(s, x, y))
                elif s.kind == "bridge":  # a half circle over a crossing: the piece from its left to its right end
                    ends = ((x, y + s.h / 2), (x + s.w, y + s.h / 2))
                    pieces.append((ends[1], ends[0], False) if s.flip_h else (ends[0], ends[1], False))
                elif s.kind == "label" and s.text:
                    labels.append((s.text, Box(x, y, x + s.w, y + s.h)))
    steps: list[OwnStep] = []
    step_of_row: dict[int, OwnStep] = {}
    for r, row in enumerate(table.rows[2:], start=2):
        texts: dict[str, str] = {}
        kel: list[str] = []
        for cell in row:
            kind = cols[cell.col].kind if cell.col < len(cols) else "?"
            paras = [p for p in _para_texts(cell)]
            if kind == "kelengkapan":  # each item a paragraph "•<tab>item"; "<tab>…" continues one
                kel = [p.removeprefix(f"{BULLET}\t") for p in paras if p.removeprefix(f"{BULLET}\t").strip()]
            elif kind not in ("pelaksana", "?"):
                texts[kind] = "\n".join(p for p in paras if p)
        own = [s for s in symbols if s.row == r and s.kind != "offpage"]
        if not any(texts.values()) and not kel and not own:
            continue
        step = OwnStep(texts, kel, Origin(file=file, table=t_index, row=r + 1), own[0] if own else None)
        steps.append(step)
        step_of_row[r] = step
    links = _chain(pieces, symbols, xs, ys)
    assign_exits(labels, symbols, links, step_of_row)
    return FlowPage(cols, satuan, steps, symbols, links, table.caption)


def _piece(s: DocShape, x: float, y: float) -> tuple[tuple[float, float], tuple[float, float], bool]:
    x0, x1 = (x + s.w, x) if s.flip_h else (x, x + s.w)
    y0, y1 = (y + s.h, y) if s.flip_v else (y, y + s.h)
    return (x0, y0), (x1, y1), s.arrow


def _near(p: tuple[float, float], q: tuple[float, float], tol: float = 0.6) -> bool:
    return abs(p[0] - q[0]) <= tol and abs(p[1] - q[1]) <= tol


def _direction(start: tuple[float, float], end: tuple[float, float]) -> tuple[int, int]:
    dx, dy = end[0] - start[0], end[1] - start[1]
    return (dx > 0.01) - (dx < -0.01), (dy > 0.01) - (dy < -0.01)


def _on_grid(p: tuple[float, float], xs: list[float], ys: list[float], tol: float = 0.6) -> bool:
    return any(abs(p[0] - x) <= tol for x in xs) or any(abs(p[1] - y) <= tol for y in ys)


def _chain(pieces: list[tuple[tuple[float, float], tuple[float, float], bool]],
           symbols: list[Symbol], xs: list[float], ys: list[float]) -> list[Link]:
    """Follow connector pieces from each symbol's edge to the arrow; (source, target, start).

    Where two routes meet at one point (crossing loop-backs), the next piece is the one that
    goes on straight when the current piece was clipped at a cell border, and the one that turns
    when it ended inside a cell (a bend of the route)."""
    out = []
    used: set[int] = set()
    for src in symbols:
        for i, (start, end, arrow) in enumerate(pieces):
            if i in used or not src.box.holds(*start, tol=0.6) or src.box.holds(*end, tol=0.6):
                continue
            used.add(i)
            cur_start, cur_end, cur_arrow = start, end, arrow
            pts = [start, end]
            for _ in range(len(pieces)):
                if cur_arrow:
                    break
                cands = [k for k, (s2, _e2, _a2) in enumerate(pieces) if k not in used and _near(s2, cur_end)]
                if not cands:
                    break
                heading = _direction(cur_start, cur_end)
                straight = _on_grid(cur_end, xs, ys)
                cands.sort(key=lambda k: (_direction(*pieces[k][:2]) == heading) != straight)
                nxt = cands[0]
                used.add(nxt)
                cur_start, cur_end, cur_arrow = pieces[nxt]
                pts.append(cur_end)
            if not cur_arrow:
                continue
            dst = [t for t in symbols if t.box.holds(*cur_end, tol=1.5)]
            if dst:
                out.append((src, next((t for t in dst if t is not src), dst[0]), pts))
    return out
