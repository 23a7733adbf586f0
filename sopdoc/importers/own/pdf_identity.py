"""The identity page of a PDF written by sopdoc, read back through its geometry.

The page is a grid of 0.6 pt cells (``layout/identity.py``): the kop at the top left, the
identity rows (label | value) at the top right, the signature cell, then the six boxes in a
2 × 3 grid, each a title cell over a body of numbered items. "-" marks an empty value.
"""

from __future__ import annotations

from typing import Any

from sopdoc.importers.grid.chars import Box, TextLine, box_of, chars_in, chars_to_lines, join_lines, page_chars, stroked
from sopdoc.importers.report import ImportBuilder
from sopdoc.layout.metrics import font_set
from sopdoc.layout.profile import PageProfile
from sopdoc.model.diagnostic import Origin
from sopdoc.model.labels import BOX_TITLES, IDENTITY_FIELD_LABELS

__all__ = ["read_identity_page", "split_items_by_fit"]

_BOX_OF_TITLE = {title: key for key, title in BOX_TITLES.items()}
_ROWS = {IDENTITY_FIELD_LABELS[key]: key
         for key in ("nomor", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif", "nama", "periode")}
_ROW_NO = {IDENTITY_FIELD_LABELS[key]: n for key, n in (
    ("nomor", 1), ("tanggal_pembuatan", 2), ("tanggal_revisi", 3), ("tanggal_efektif", 4), ("periode", 5),
    ("disahkan_oleh", 5), ("nama", 6))}
_NOMOR, _DISAHKAN = IDENTITY_FIELD_LABELS["nomor"], IDENTITY_FIELD_LABELS["disahkan_oleh"]
PAD = 3.0
_SIGN_GAP = 20.0  # the signature space is 36 pt; text lines are never that far apart


class _Page:
    """The cells and characters of one page."""

    def __init__(self, page: Any, cells: list[Box]) -> None:
        self.height = float(page.height)
        self.chars = page_chars(page)
        self.rects = page.rects
        self.cells = cells

    def lines(self, box: Box) -> list[TextLine]:
        return chars_to_lines(chars_in(self.chars, box), self.height)

    def right_of(self, cell: Box) -> Box | None:
        return next((c for c in self.cells if abs(c.x0 - cell.x1) < 0.5 and abs(c.top - cell.top) < 0.5), None)

    def below(self, cell: Box) -> Box | None:
        return next((c for c in self.cells if abs(c.top - cell.bottom) < 0.5 and abs(c.x0 - cell.x0) < 0.5), None)


def split_items_by_fit(lines: list[str], fits: Any) -> list[str]:
    """Lines to items when nothing marks where an item starts: a line begins a new item when its
    first word would have fitted on the previous line (the wrapper is greedy)."""
    items: list[str] = []
    for line in lines:
        first = line.split()[0] if line.split() else ""
        if items and not fits(f"{items[-1].rsplit(chr(10), 1)[-1]} {first}"):
            items[-1] += "\n" + line
        else:
            items.append(line)
    return [" ".join(item.split("\n")) for item in items]


def read_identity_page(page: Any, b: ImportBuilder, pno: int) -> bool:
    """Read the identity page into ``b``; False when the page has no identity table."""
    grid = [box_of(r) for r in stroked(page.rects, 0.6)]
    p = _Page(page, grid)
    found: dict[str, Box] = {}
    for cell in grid:
        label = join_lines(p.lines(cell))
        if (label in _ROWS or label == _DISAHKAN or label in _BOX_OF_TITLE) and label not in found:
            found[label] = cell
    if _NOMOR not in found:
        return False
    where = Origin(file=b.file, page=pno, table=1, row=5, cell=2)
    for label, key in _ROWS.items():
        row_no = _ROW_NO[label]
        value = p.right_of(found[label]) if label in found else None
        if value is None:
            continue
        text = join_lines(p.lines(value))
        if text and text != "-":
            at = Origin(file=b.file, page=pno, table=1, row=row_no, cell=2)
            if key == "periode":  # a top-level field, shown capitalised ("Triwulan")
                b.put(("periode",), text.lower(), at, 0.98)
            else:
                b.put(("identitas", key), text, at, 0.98)
    if _DISAHKAN in found:
        sig = p.right_of(found[_DISAHKAN])
        if sig is not None:
            _signature(p.lines(sig), sig, b, where)
    _kop(p, found[_NOMOR], b, pno)
    for k, (title, key) in enumerate(_BOX_OF_TITLE.items(), start=1):
        body = p.below(found[title]) if title in found else None
        if body is None:
            continue
        items = _items(p.lines(body), body)
        if items != ["-"]:
            b.put((key,), items, Origin(file=b.file, page=pno, table=2, row=k), 0.98)
    return True


def _signature(lines: list[TextLine], cell: Box, b: ImportBuilder, where: Origin) -> None:
    """Jabatan above the signature space; below it the name (bold), pangkat, then 'NIP. …'."""
    jabatan: list[TextLine] = []
    rest: list[TextLine] = []
    for line in lines:
        prev = jabatan[-1] if jabatan else None
        in_top = (not jabatan and line.baseline - cell.top < PAD + 2 * line.size and not line.bold) or (
            prev is not None and not rest and line.baseline - prev.baseline < _SIGN_GAP)
        (jabatan if in_top and not rest else rest).append(line)
    data: dict[str, str] = {}
    if join_lines(jabatan):
        data["jabatan"] = join_lines(jabatan)
    nama = [ln for ln in rest if ln.bold]
    nip = [ln for ln in rest if not ln.bold and ln.text.startswith("NIP. ")]
    pangkat = [ln for ln in rest if not ln.bold and ln not in nip]
    if join_lines(nama):
        data["nama"] = join_lines(nama)
    if pangkat:
        data["pangkat"] = join_lines(pangkat)
    if nip:
        data["nip"] = join_lines(nip)[len("NIP. "):]
    if data:
        b.put(("identitas", "disahkan_oleh"), data, where, 0.9)


def _kop(p: _Page, nomor_label: Box, b: ImportBuilder, pno: int) -> None:
    """Kop lines: instansi (bold, largest), unit (bold, one point smaller), alamat (regular)."""
    kop = next((c for c in p.cells if abs(c.x1 - nomor_label.x0) < 0.5 and abs(c.top - nomor_label.top) < 0.5), None)
    if kop is None:
        return
    lines = p.lines(kop)
    bold_sizes = sorted({ln.size for ln in lines if ln.bold}, reverse=True)
    ksize = PageProfile().ukuran_font_kop
    if len(bold_sizes) == 1 and abs(bold_sizes[0] - (ksize - 1)) < 0.01:
        inst_size = None
    else:
        inst_size = bold_sizes[0] if bold_sizes else None
    where = Origin(file=b.file, page=pno, table=1, row=1, cell=1)
    inst_lines = [ln for ln in lines if ln.bold and ln.size == inst_size]
    marks = [float(r["bottom"]) for r in p.rects
             if r.get("fill") and not r.get("stroke") and float(r["width"]) < 1
             and kop.holds(float(r["x0"]), float(r["bottom"]))]
    if inst_lines and marks:
        entries: list[list[str]] = []
        for ln in inst_lines:
            if not entries or any(abs(ln.baseline - m) < 0.6 for m in marks):
                entries.append([])
            entries[-1].append(ln.text.strip())
        b.put(("identitas", "instansi"), [" ".join(e) for e in entries], where, 0.95)
    elif inst_lines:
        fonts = font_set("sans")
        size = inst_lines[0].size  # == inst_size: the lines were picked by it
        width = (kop.x1 - kop.x0) - 4 * PAD
        b.put(
            ("identitas", "instansi"),
            split_items_by_fit([ln.text.strip() for ln in inst_lines], lambda t: fonts.width(t, size, True) <= width),
            where,
            0.8,
        )
    unit = [ln for ln in lines if ln.bold and ln.size != inst_size]
    if unit:
        b.put(("identitas", "unit"), join_lines(unit), where, 0.9)
    alamat = [ln for ln in lines if not ln.bold]
    if alamat:
        b.put(("identitas", "alamat"), join_lines(alamat), where, 0.9)


def _items(lines: list[TextLine], body: Box) -> list[str]:
    """Numbered items: a line starting at the left edge with the next number opens an item."""
    items: list[list[str]] = []
    for line in lines:
        expected = f"{len(items) + 1}."
        text = line.text
        if line.x0 < body.x0 + PAD + 2 and text.startswith(expected):
            items.append([text[len(expected) :]])
        elif items:
            items[-1].append(text)
    return [" ".join(t.strip() for t in item if t.strip()) for item in items]
