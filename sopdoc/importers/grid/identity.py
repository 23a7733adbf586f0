"""The identity table and the six boxes of a PDF SOP, read from pdfplumber table rows."""

from __future__ import annotations

import re

from sopdoc.importers.grid.boxes import lines_to_items
from sopdoc.importers.grid.clean import Line, clean_cell
from sopdoc.importers.grid.heading import parse_signer_block
from sopdoc.importers.grid.vocab import BOX_LABELS, IDENTITY_LABELS, find_label
from sopdoc.importers.report import ImportBuilder
from sopdoc.model.diagnostic import Origin
from sopdoc.model.tanggal import tanggal_to_iso

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
                if col < len(row) and _lines(row[col]):
                    items = lines_to_items([(i, t) for i, t in enumerate(_lines(row[col]))])
                    b.put((name,), [t for _, t, _ in items if t], at(col), 0.8)
            pending = None
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


def _identity(b: ImportBuilder, name: str, cell: str, origin: Origin) -> None:
    value = clean_cell(cell.replace("\n", " "))
    if name in ("nomor", "nama"):
        if value and value != "-":
            b.put(("identitas", name), value, origin, 0.95)
    elif name.startswith("tanggal_"):
        iso = tanggal_to_iso(value)
        if iso:
            b.put(("identitas", name), iso, origin, 0.95)
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
