"""The identity and the six boxes of a workbook's cover sheet.

A spreadsheet cover is a grid of halves: identity labels (``NOMOR SOP``, ``DISAHKAN OLEH`` …)
with their value to the right, kop lines to the left, and box labels (``DASAR HUKUM :``) heading
one item per row below them (a number cell, then the text). Labels are those of
:mod:`sopdoc.importers.grid.vocab`; a value that is not a date or only a placeholder is an IMP
finding with its text, never dropped silently.
"""

from __future__ import annotations

import re

from sopdoc.importers.codes import imp_diagnostic
from sopdoc.importers.grid.boxes import lines_to_items
from sopdoc.importers.grid.clean import Line, clean_cell
from sopdoc.importers.grid.heading import parse_signer_block
from sopdoc.importers.grid.vocab import BOX_LABELS, IDENTITY_LABELS, find_label
from sopdoc.importers.report import ImportBuilder
from sopdoc.importers.xlsx.workbook import Sheet
from sopdoc.model.diagnostic import Origin, Teks
from sopdoc.model.tanggal import tanggal_to_iso

__all__ = ["is_cover", "read_cover"]

_PLACEHOLDER = re.compile(r"…|\.\.\.|_{3,}")


def _clean(text: str) -> str:
    return clean_cell(re.sub(r"\s+", " ", text))


def _label(text: str) -> tuple[str, str, str | None] | None:
    """('identity'|'box', field, variant) when ``text`` is only a label (a trailing colon allowed)."""
    t = _clean(text)
    for kind, table in (("identity", IDENTITY_LABELS), ("box", BOX_LABELS)):
        hit = find_label(t, table)
        if hit and not t[hit[1]:].strip(" :"):
            return kind, hit[0], hit[2]
    return None


def is_cover(sheet: Sheet) -> bool:
    """True when the sheet holds at least two identity labels."""
    return sum(1 for row in sheet.rows for c in row if (h := _label(c)) and h[0] == "identity") >= 2


def read_cover(sheet: Sheet, b: ImportBuilder, index: int) -> None:
    """Put the identity fields, kop lines and boxes of the cover ``sheet`` into ``b``."""
    labels: dict[tuple[int, int], tuple[str, str, str | None]] = {}
    for r, row in enumerate(sheet.rows):
        for c, text in enumerate(row):
            if sheet.merged_from.get((r, c), (r, c)) == (r, c) and (hit := _label(text)):
                labels[(r, c)] = hit
    if not labels:
        return
    id_cols = sorted({c for (r, c), h in labels.items() if h[0] == "identity"})
    first_box = min((r for (r, c), h in labels.items() if h[0] == "box"), default=len(sheet.rows))

    def at(r: int, c: int) -> Origin:
        return Origin(file=b.file, table=index, row=r + 1, cell=c + 1)

    def value(r: int, c: int) -> tuple[str, int]:
        row = sheet.rows[r]
        for k in range(c + 1, len(row)):
            top = sheet.merged_from.get((r, k), (r, k)) == (r, k) or k == c + 1
            if top and _clean(row[k]) and _clean(row[k]) != _clean(row[c]):
                return row[k], k
        return "", c + 1

    for (r, c), (kind, name, variant) in sorted(labels.items()):
        if variant:
            b.add(imp_diagnostic("IMP010", Teks(f"label '{_clean(sheet.rows[r][c])}' dibaca sebagai '{name}'",
                                                f"label '{_clean(sheet.rows[r][c])}' read as '{name}'"),
                                 origin=at(r, c)))
        if kind == "identity":
            _identity(sheet, b, name, r, c, value, at, labels)
        else:
            _box(sheet, b, name, r, c, labels, at)
    if id_cols:
        kop = [_clean(row[0]) for r, row in enumerate(sheet.rows[:first_box])
               if row and _clean(row[0]) and not _label(row[0]) and id_cols[0] > 0]
        if kop:
            b.put(("identitas", "instansi"), kop, at(0, 0), 0.8)


def _identity(sheet: Sheet, b: ImportBuilder, name: str, r: int, c: int, value, at, labels) -> None:
    raw, k = value(r, c)
    text = _clean(raw)
    origin = at(r, k)
    path = ("identitas", name)
    if name == "disahkan_oleh":
        lines = [text] if text else []
        for rr in range(r + 1, len(sheet.rows)):
            if any(key[0] == rr for key in labels):
                break
            t = _clean(sheet.rows[rr][k]) if k < len(sheet.rows[rr]) else ""
            if t and sheet.merged_from.get((rr, k), (rr, k)) == (rr, k):
                lines.append(t)
        if not lines:
            _missing(b, name, origin)
            return
        nip_at = next((i for i, ln in enumerate(lines) if re.search(r"\bNIP\b", ln, re.IGNORECASE)), None)
        if nip_at is not None:
            signer = parse_signer_block([Line(i, t, (t,)) for i, t in enumerate(lines[:nip_at + 1])])
            parts = {key: v for key, v in vars(signer).items() if key != "line" and v}
        else:
            parts = {"jabatan": lines[0], **({"nama": lines[-1]} if len(lines) > 1 else {})}
        b.put(path, parts, origin, 0.85)
        return
    if not text or text == "-":
        if name in ("nomor", "nama"):
            _missing(b, name, origin)
        return
    if name.startswith("tanggal_"):
        iso = tanggal_to_iso(text)
        if iso:
            b.put(path, iso, origin, 0.95)
        else:
            b.add(imp_diagnostic("IMP014", Teks(f"{name}: '{text}' bukan tanggal lengkap; tidak diisi",
                                                f"{name}: '{text}' is not a full date; left empty"),
                                 path=path, origin=origin))
        return
    if _PLACEHOLDER.search(text):
        b.add(imp_diagnostic("IMP011", Teks(f"{name}: '{text}' hanya isian sementara; tidak diisi",
                                            f"{name}: '{text}' is only a placeholder; left empty"),
                             path=path, origin=origin))
        return
    b.put(path, text, origin, 0.95)


def _missing(b: ImportBuilder, name: str, origin: Origin) -> None:
    b.add(imp_diagnostic("IMP011", Teks(f"{name} kosong di sampul", f"{name} is empty on the cover"),
                         path=("identitas", name), origin=origin))


def _box(sheet: Sheet, b: ImportBuilder, name: str, r: int, c: int, labels, at) -> None:
    row_labels = sorted(cc for (rr, cc) in labels if rr == r and cc > c)
    end = row_labels[0] if row_labels else len(sheet.rows[r])
    lines: list[tuple[int, str]] = []
    for rr in range(r + 1, len(sheet.rows)):
        if any(key[0] == rr and c <= key[1] < end for key in labels):
            break
        parts = []
        for cc in range(c, min(end, len(sheet.rows[rr]))):
            if sheet.merged_from.get((rr, cc), (rr, cc)) != (rr, cc):
                continue
            t = _clean(sheet.rows[rr][cc])
            if t:
                parts.append(t)
        if not parts:
            continue
        if len(parts) > 1 and re.fullmatch(r"\d{1,2}[.)]?", parts[0]):
            parts = [parts[0].rstrip(".)") + ".", *parts[1:]]
        lines.append((rr, " ".join(parts)))
        lines.append((rr, ""))
    items = [t.rstrip(" ,;") for _, t, _ in lines_to_items(lines) if t.strip(" ,;-")]
    if items:
        b.put((name,), items, at(r, c), 0.85)
    else:
        # the label is there with nothing (or only "-") under it: an empty box, not a missing one;
        # SOP202 reports it as the author's (a warning), IMP012 is kept for a box not found
        dash = any(t.strip() in ("-", "–", "—") for _, t in lines)
        b.put((name,), ["-"] if dash else [], at(r, c), 0.85)
