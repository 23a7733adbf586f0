"""The identity table and the six boxes of a PDF SOP, read from pdfplumber table rows."""

from __future__ import annotations

import re

from sopdoc.importers.grid.boxes import lines_to_items
from sopdoc.importers.grid.clean import Line, clean_cell
from sopdoc.importers.grid.heading import parse_signer_block
from sopdoc.importers.grid.vocab import BOX_LABELS, IDENTITY_LABELS, find_label
from sopdoc.importers.report import ImportBuilder
from sopdoc.model.diagnostic import Origin

__all__ = ["read_identity_table"]


def _lines(cell: str | None) -> list[str]:
    return [clean_cell(t) for t in (cell or "").split("\n") if clean_cell(t)]


def read_identity_table(rows: list[list[str | None]], b: ImportBuilder, page: int, index: int) -> bool:
    """Put identity fields and boxes found in ``rows`` into ``b``; False if none was found."""
    found = False
    pending: list[tuple[int, str]] | None = None
    for r, row in enumerate(rows):
        def at(col: int, r: int = r) -> Origin:
            return Origin(file=b.file, page=page, table=index, row=r + 1, cell=col + 1)

        if pending is not None:
            for col, name in pending:
                if col < len(row):  # an empty cell under the label is an empty box: [] (null is a missing box)
                    b.put((name,), _box_items(_lines(row[col])), at(col), 0.8)
            pending = None
            continue
        in_cell = [_labelled_cell(row[j] or "", b, at(j)) for j in range(len(row))]
        if any(in_cell):
            found = True
            if r == 0 and _lines(row[0]) and not in_cell[0]:
                b.put(("identitas", "instansi"), _lines(row[0]), at(0), 0.8)
            continue
        texts = [clean_cell((c or "").replace("\n", " ")) for c in row]
        boxes = [(j, find_label(t, BOX_LABELS)) for j, t in enumerate(texts) if t]
        if boxes and all(h and len(texts[j][h[1]:].strip(" :")) == 0 for j, h in boxes):
            pending = [(j, h[0]) for j, h in boxes if h]
            found = True
            continue
        for j, t in enumerate(texts):
            hit = find_label(t, IDENTITY_LABELS)
            if not hit:
                continue
            found = True
            value_cell = next((row[k] for k in range(j + 1, len(row)) if clean_cell(row[k] or "")), "")
            _identity(b, hit[0], value_cell or "", at(j + 1))
            if r == 0 and j > 0 and _lines(row[0]):
                b.put(("identitas", "instansi"), _lines(row[0]), at(0), 0.8)
            break
    return found


def _box_items(lines: list[str]) -> list[str]:
    """The items of a box's cell; a cell holding nothing or only dashes is an empty box, ``[]``."""
    items = lines_to_items([(i, t) for i, t in enumerate(lines)])
    return [t for _, t, _ in items if t.strip(" -–—")]


def _labelled_cell(cell: str, b: ImportBuilder, origin: Origin) -> bool:
    """A cell holding its labels and values together: ``Nomor SOP : value`` lines (a value may wrap
    onto the next lines), or a box label line (``Dasar Hukum:``) followed by the box's items."""
    lines = [ln for ln in (t.strip() for t in cell.split("\n")) if ln]
    if not lines:
        return False
    box = find_label(lines[0], BOX_LABELS)
    if box and len(lines) > 1 and not lines[0][box[1]:].strip(" :"):
        b.put((box[0],), _box_items([clean_cell(t) for t in lines[1:]]), origin, 0.8)
        return True
    fields: list[tuple[str, list[str]]] = []
    for ln in lines:
        hit = find_label(ln, IDENTITY_LABELS)
        rest = ln[hit[1]:].lstrip() if hit else ""
        if hit and rest.startswith(":"):
            fields.append((hit[0], [rest[1:].strip()] if rest[1:].strip() else []))
        elif fields:
            fields[-1][1].append(ln)
        else:
            return False
    for name, values in fields:
        _identity(b, name, "\n".join(values) if name == "disahkan_oleh" else " ".join(values), origin)
    return bool(fields)


_NIP_LINE = re.compile(r"NIP\.?\s*[:.]?\s*(\d[\d ]{16,}\d)", re.IGNORECASE)


def _identity(b: ImportBuilder, name: str, cell: str, origin: Origin) -> None:
    if name == "nama":
        lines = _lines(cell)
        nip = _NIP_LINE.fullmatch(lines[0]) if lines else None
        if nip:  # the signer's NIP line printed low in its cell lands in the Nama SOP row (bps-028)
            b.put(("identitas", "disahkan_oleh", "nip"), nip.group(1).replace(" ", ""), origin, 0.8)
            cell = "\n".join(lines[1:])
    value = clean_cell(cell.replace("\n", " "))
    if name in ("nomor", "nama"):
        if value and value != "-":
            b.put(("identitas", name), value, origin, 0.95)
    elif name.startswith("tanggal_"):
        b.put_tanggal(("identitas", name), value, origin, 0.95)  # unreadable text: IMP014
    elif name == "disahkan_oleh":
        lines = [ln for ln in _lines(cell) if not re.fullmatch(r"[\W_]*", ln)]
        nip_at = next((i for i, ln in enumerate(lines) if re.search(r"\bNIP\b", ln, re.IGNORECASE)), None)
        if nip_at is not None:
            block = [Line(i, t, (t,)) for i, t in enumerate(lines[:nip_at + 1])]
            signer = parse_signer_block(block)
            parts = {k: v for k, v in vars(signer).items() if k != "line" and v}
        elif lines:
            parts = {"jabatan": lines[0], **({"nama": lines[-1]} if len(lines) > 1 else {})}
        else:
            parts = {}
        if parts:
            b.put(("identitas", "disahkan_oleh"), parts, origin, 0.8)
