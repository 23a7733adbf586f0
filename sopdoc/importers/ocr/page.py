"""One page image read as tables: cells through Tesseract, symbols by contour, fed to the shared
table reading of :mod:`sopdoc.importers.grid` (identity, boxes, flowchart table, steps)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sopdoc.importers.grid.branch import decision_targets
from sopdoc.importers.grid.flow_table import PdfFlowTable, is_flow_table, read_flow_table
from sopdoc.importers.grid.geometry import BBox, Shape
from sopdoc.importers.grid.identity import read_identity_table
from sopdoc.importers.grid.vocab import column_kind
from sopdoc.importers.ocr.connectors import image_connectors
from sopdoc.importers.ocr.grid import ImageTable, find_tables, split_column
from sopdoc.importers.ocr.image import PageImage, binarise, deskew
from sopdoc.importers.ocr.plausible import unknown_words
from sopdoc.importers.ocr.symbols import ImageSymbol, find_symbols
from sopdoc.importers.ocr.words import Word, cell_text, read_words, word_lines
from sopdoc.importers.report import ImportBuilder

__all__ = ["CellKey", "PageRead", "bridge_rules", "join_broken_words", "read_page_image", "symbol_shapes"]

CellKey = tuple[int, int, int, int]  # page, table, row, cell (1-based, as in Origin)
_SYMBOL_KIND = {"terminator": "terminator", "proses": "proses", "keputusan": "keputusan",
                "offpage": "terminator", "circle": "terminator"}


@dataclass
class PageRead:
    """What one page gave: flowchart tables, whether it held the identity, confidences per cell
    and per flowchart row (its symbols), and the pixel boxes for the findings."""

    flows: list[PdfFlowTable] = field(default_factory=list)
    identity: bool = False
    cell_conf: dict[CellKey, float] = field(default_factory=dict)
    row_conf: dict[tuple[int, int, int], float] = field(default_factory=dict)
    boxes: dict[CellKey, BBox] = field(default_factory=dict)
    ocr_text: bool = True
    """The cell texts came from OCR (False: from the page's text layer, only the grid and symbols
    from the image)."""


class _Row:
    def __init__(self, cells: list[BBox | None]) -> None:
        self.cells = cells


class _Table:
    """The parts of a pdfplumber table the shared readers use: ``extract()`` and ``rows``; and
    ``cell_lines`` (as ``pdf/words.py``'s): the printed lines of a cell as word boxes in points."""

    def __init__(self, texts: list[list[str | None]], boxes: list[list[BBox | None]],
                 lines: dict[BBox, list[list[BBox]]] | None = None) -> None:
        self._texts = texts
        self.rows = [_Row(r) for r in boxes]
        self._lines = lines or {}

    def extract(self) -> list[list[str | None]]:
        return self._texts

    def cell_lines(self, cell: BBox) -> list[list[BBox]]:
        return self._lines.get(_key(cell), [])


def _key(box: BBox) -> BBox:
    x0, y0, x1, y1 = box
    return round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2)


def read_page_image(img: PageImage, page_no: int, b: ImportBuilder, *, want_identity: bool,
                    words: list[Word] | None = None, first_table: int = 1) -> PageRead:
    """Read the tables of one page image into ``b`` (identity) and the returned flowchart tables;
    the tables are numbered from ``first_table`` (after the text-layer tables of the page)."""
    grey, _angle = deskew(img.grey) if words is None else (img.grey, 0.0)  # text-layer words: as drawn
    ink = binarise(grey)
    tables = find_tables(ink, min_size=int(80 * img.scale))
    out = PageRead(ocr_text=words is None)
    if not tables:
        return out
    clean = grey.copy()
    for t in tables:
        ox, oy, rules = t.rules
        view = clean[oy:oy + rules.shape[0], ox:ox + rules.shape[1]]
        view[rules > 0] = 255
    words_from_ocr = words is None
    if words is None:
        words = read_words(clean)
    for index, t in enumerate(tables, start=first_table):
        _split_header_columns(t, words, img.scale)
        texts, boxes, confs, lines = _cells(t, words, img)
        for (r, c), conf in confs.items():
            key = (page_no, index, r + 1, c + 1)
            out.cell_conf[key] = conf
            box = boxes[r][c]
            if box is not None:
                out.boxes[key] = box
        _reread_header(t, texts, confs, clean, img)
        for line in texts[:2]:
            for c, v in enumerate(line):
                if v:
                    line[c] = join_broken_words("\n".join(_flat(x) for x in v.split("\n")))
        for line in texts[2:]:  # body cells: rule residue only (a rule read as '|' beside the text)
            for c, v in enumerate(line):
                if v and "|" in v:
                    line[c] = "\n".join(" ".join(x.replace("|", " ").split()).strip(" ,;:") for x in v.split("\n"))
        _missing_no_header(texts)
        _fold_group_header(texts)
        first_body = _drop_column_numbers(texts)
        table = _Table(texts, boxes, lines)
        if is_flow_table(texts):
            if words_from_ocr:
                _reread_text_cells(t, texts, clean, out.cell_conf, page_no, index, first_body, img)
            _read_numbers(t, texts, clean, out.cell_conf, page_no, index, first_body)
            wiped = rules_of(t, ink)
            shapes, sym = _symbols(t, wiped, img)
            flow = read_flow_table(table, page_no, index, b.file, shapes)
            _decisions(flow, t, wiped, img, words)
            for step, placed in zip(flow.steps, flow.shapes, strict=False):
                row = step.origin.row or 0
                confs_row = [sym[id(p)] for p in placed if id(p) in sym]
                out.row_conf[(page_no, index, row)] = min(confs_row) if confs_row else 0.0
            out.flows.append(flow)
        elif want_identity and not out.identity and read_identity_table(texts, b, page_no, index):
            out.identity = True
    return out


def _decisions(flow: PdfFlowTable, t: ImageTable, wiped: Any, img: PageImage, words: list[Word]) -> None:
    """Fill ``cabang`` of each decision step from the connectors in the image (row index markers,
    as the PDF reader does; turned into step numbers when the flows are merged)."""
    if not any(s.kind == "keputusan" for shapes in flow.shapes for s in shapes):
        return
    sc = img.scale
    ox, oy = img.origin
    px = [(int((s.bbox[0] - ox) * sc), int((s.bbox[1] - oy) * sc), int((s.bbox[2] - ox) * sc),
           int((s.bbox[3] - oy) * sc)) for shapes in flow.shapes for s in shapes]
    lines = bridge_rules(t, wiped, max(3, int(2.5 * sc)))
    pieces, arrows = image_connectors(lines, (t.xs[0], t.ys[0], t.xs[-1], t.ys[-1]), px, img)
    labels = [(w.text, img.to_points(w.box)) for w in words if len(w.text) <= 6]
    for k, shapes in enumerate(flow.shapes):
        for s in shapes:
            if s.kind == "keputusan":
                targets = decision_targets(s, k, flow.shapes, pieces, arrows, labels)
                flow.steps[k].cabang = {key: -1 - idx for key, idx in targets.items()}


def _split_header_columns(t: ImageTable, words: list[Word], scale: float) -> None:
    """A header cell of one grid column holding two blocks of text side by side, with a clear gap
    and no rule between them, is two columns (006: two actor names over one ruled column)."""
    for r, c, _rs, cs in sorted(t.cells, key=lambda cell: -cell[1]):
        if r > 1 or cs != 1:
            continue
        x0, y0, x1, y1 = t.box((r, c, _rs, cs))
        inside = sorted((w.box[0], w.box[2]) for w in words
                        if x0 <= w.center[0] < x1 and y0 <= w.center[1] < y1)
        if len(inside) < 4:
            continue
        best = (0, 0)
        reach = inside[0][1]
        left = 1
        for k, (a, b) in enumerate(inside[1:], start=1):
            if a - reach > best[0] and left >= 2 and len(inside) - k >= 2:
                best = (a - reach, (a + reach) // 2)
            reach = max(reach, b)
            left += 1
        if best[0] >= 4 * scale and x0 + 0.2 * (x1 - x0) < best[1] < x1 - 0.2 * (x1 - x0):
            split_column(t, c, best[1])


def join_broken_words(text: str) -> str:
    """A header's lines with a word a narrow column broke without a hyphen joined again
    ('Pengadminis' over 'trasi Umum' → 'Pengadministrasi Umum'): when the end of one line and
    the end of one line is no word on its own and one word with the start of the next."""
    lines = text.split("\n")
    out = [lines[0]]
    for nxt in lines[1:]:
        head, _, rest = nxt.partition(" ")
        last = out[-1].rsplit(" ", 1)[-1]
        if last.isalpha() and head.isalpha() and unknown_words(last) and not unknown_words(last + head):
            out[-1] += head
            if rest:
                out.append(rest)
        else:
            out.append(nxt)
    return "\n".join(out)


def _flat(text: str) -> str:
    """A cell's text on one line without rule residue (``|``) and stray edge punctuation."""
    return " ".join(text.replace("|", " ").split()).strip(" .,;:'\"“”‘’")


def _reread_header(t: ImageTable, texts: list[list[str | None]], confs: dict[tuple[int, int], float],
                   grey: Any, img: PageImage) -> None:
    """Header cells (first two rows) read again on their own: Tesseract's page layout sometimes
    drops a block of short header lines, or a line of one. The cell's own reading replaces the
    page's when the page's is empty or unsure, or when it is sure and has more words, or the same
    words with marks the page's lost and at least its confidence (``Fungsional/`` over
    ``Pelaksana``: a slash touching the rule dropped from the page's reading; the header is an
    actor's name, read as printed)."""
    from sopdoc.importers.ocr.words import read_block

    for cell in t.cells:
        r, c, _rs, _cs = cell
        if r > 1:
            continue
        x0, y0, x1, y1 = t.box(cell)
        pad = max(2, int(img.scale))
        text, conf = read_block(grey[y0 + pad:y1 - pad, x0 + pad:x1 - pad])
        before = texts[r][c] or ""
        names_column = column_kind(_flat(text)) is not None and column_kind(_flat(before)) is None
        page_conf = confs.get((r, c), 0.0)
        marks_kept = conf >= max(0.6, page_conf) and _only_marks_added(before, text)
        if text and (names_column or marks_kept or (
                conf > page_conf if len(before.strip()) == 0 or confs.get((r, c), 1.0) < 0.5
                else conf >= 0.6 and len(text.split()) > len(before.split()))):
            texts[r][c] = text  # a line the page reading dropped (223: "BPS" over "Kabupaten/Kota")
            confs[(r, c)] = conf


_NAME_MARKS = "/-&()"
"""Marks an actor's name holds between its words (``Kabid/ Kasubag``, ``Sub-Bagian``, ``(PPID)``)."""


def _only_marks_added(before: str, text: str) -> bool:
    """``text`` is ``before`` with one or more of :data:`_NAME_MARKS` added and nothing else changed."""
    if not before.strip():
        return False
    added = Counter("".join(text.split())) - Counter("".join(before.split()))
    lost = Counter("".join(before.split())) - Counter("".join(text.split()))
    same_words = re.sub(r"[^\w\s]", " ", text).split() == re.sub(r"[^\w\s]", " ", before).split()
    return bool(added) and not lost and same_words and all(ch in _NAME_MARKS for ch in added)


def _fold_group_header(texts: list[list[str | None]]) -> None:
    """A third header row naming actors under a group cell (208: ``BPS Provinsi`` over ``Ketua Tim``
    and ``Anggota Tim``) is folded into the second: the actor names replace the group's, and the
    third row is left empty (reported as an empty row, not a step)."""
    if len(texts) < 4 or len(texts[2]) < 4 or any((v or "").strip() for v in texts[2][:2]):
        return
    row1, row2 = texts[1], texts[2]
    covered = [c for c, v in enumerate(row2) if (v or "").strip() and c < len(row1) and row1[c] is None]
    if not covered or any(len((v or "").replace("\n", "")) <= 3 and (v or "").strip().isdigit() for v in row2):
        return
    for c, v in enumerate(row2):
        if (v or "").strip():
            row1[c] = v
    texts[2] = ["" for _ in row2]


def _missing_no_header(texts: list[list[str | None]]) -> None:
    """A narrow first header cell OCR left empty, right before a KEGIATAN/AKTIVITAS header, is NO."""
    if len(texts) < 3 or len(texts[0]) < 3 or (texts[0][0] or "").strip():
        return
    second = next((t for t in texts[0][1:] if t and t.strip()), "")
    if column_kind(second.replace("\n", " ").strip()) == "uraian":
        texts[0][0] = "NO"


def _drop_column_numbers(texts: list[list[str | None]]) -> int:
    """Empty the column-number row under a header (``1 2 3 …``, digits OCR often misreads);
    the index of the first body row."""
    for r in (1, 2):
        if r < len(texts):
            vals = [(v or "").strip() for v in texts[r] if (v or "").strip()]
            if len(vals) >= 3 and all(len(v.replace("\n", "")) <= 3 for v in vals) and \
                    sum(v.isdigit() for v in vals) * 2 >= len(vals):
                texts[r] = ["" for _ in texts[r]]
                return r + 1
    return 2


def _reread_text_cells(t: ImageTable, texts: list[list[str | None]], grey: Any, conf: dict[CellKey, float],
                       page_no: int, index: int, first_body: int, img: PageImage) -> None:
    """Empty body cells of the text columns (uraian, kelengkapan, waktu, output) read again on their
    own: the page reading sometimes drops a whole line (223: step 1's ``Melakukan Persiapan``)."""
    from sopdoc.importers.ocr.words import read_block

    text_cols = set()
    for r in range(min(first_body, len(texts))):
        for c, v in enumerate(texts[r]):
            if column_kind((v or "").replace("\n", " ").strip()) in ("uraian", "kelengkapan", "waktu", "output"):
                text_cols.add(c)
    for cell in t.cells:
        r, c, _rs, cs = cell
        if r < first_body or c not in text_cols or cs != 1 or (texts[r][c] or "").strip():
            continue
        x0, y0, x1, y1 = t.box(cell)
        pad = max(2, int(img.scale))
        text, value = read_block(grey[y0 + pad:y1 - pad, x0 + pad:x1 - pad])
        if text:
            texts[r][c] = text
            conf[(page_no, index, r + 1, c + 1)] = value


def _read_numbers(t: ImageTable, texts: list[list[str | None]], grey: Any, conf: dict[CellKey, float],
                  page_no: int, index: int, first_body: int) -> None:
    """Step numbers the page reading missed (a lone digit beside a rule): each empty cell of the
    first column read again on its own as one line of digits."""
    from sopdoc.importers.ocr.words import read_digits

    for cell in t.cells:
        r, c, _rs, _cs = cell
        if c != 0 or r < first_body or texts[r][c]:
            continue
        x0, y0, x1, y1 = t.box(cell)
        text, value = read_digits(grey[y0:y1, x0:x1])
        if text:
            texts[r][c] = text
            conf[(page_no, index, r + 1, c + 1)] = value


def rules_of(t: ImageTable, ink: Any) -> Any:
    """The page ink with the rules of table ``t`` wiped."""
    ox, oy, rules = t.rules
    wiped = ink.copy()
    view = wiped[oy:oy + rules.shape[0], ox:ox + rules.shape[1]]
    view[rules > 0] = 0
    return wiped


def bridge_rules(t: ImageTable, wiped: Any, reach: int) -> Any:
    """``wiped`` with the rule pixels of ``t`` a connector crosses given back: a rule pixel with
    ink within ``reach`` pixels on both sides of it, left and right or above and below (a
    connector broken where it crossed a rule is one line again; pengumpulan's exits)."""
    import numpy as np

    ox, oy, rules = t.rules
    h, w = rules.shape
    part = wiped[oy:oy + h, ox:ox + w] > 0
    grid = rules > 0
    sides = []
    for axis in (1, 0):
        before = np.zeros_like(part)
        after = np.zeros_like(part)
        for d in range(1, reach + 1):
            if axis == 1:
                before[:, d:] |= part[:, :-d]
                after[:, :-d] |= part[:, d:]
            else:
                before[d:, :] |= part[:-d, :]
                after[:-d, :] |= part[d:, :]
        sides.append(before & after)
    out = wiped.copy()
    view = out[oy:oy + h, ox:ox + w]
    view[grid & (sides[0] | sides[1])] = 255
    return out


def _cells(t: ImageTable, words: list[Word], img: PageImage
           ) -> tuple[list[list[str | None]], list[list[BBox | None]], dict[tuple[int, int], float],
                      dict[BBox, list[list[BBox]]]]:
    """Texts, boxes (points) and confidences of the cells of ``t``, and the printed lines (word
    boxes in points) of each cell of more than one line, by its box."""
    nr, nc = len(t.ys) - 1, len(t.xs) - 1
    texts: list[list[str | None]] = [[None] * nc for _ in range(nr)]
    boxes: list[list[BBox | None]] = [[None] * nc for _ in range(nr)]
    confs: dict[tuple[int, int], float] = {}
    lines: dict[BBox, list[list[BBox]]] = {}
    for cell in t.cells:
        r, c, _rs, _cs = cell
        x0, y0, x1, y1 = t.box(cell)
        inside = [w for w in words if x0 <= w.center[0] < x1 and y0 <= w.center[1] < y1]
        text, conf = cell_text(inside)
        texts[r][c] = text
        box = boxes[r][c] = img.to_points((x0, y0, x1, y1))
        if "\n" in text:
            lines[_key(box)] = [[img.to_points(w.box) for w in line] for line in word_lines(inside)]
        if inside:
            confs[(r, c)] = conf
    return texts, boxes, confs, lines


def _symbols(t: ImageTable, wiped: Any, img: PageImage) -> tuple[list[Shape], dict[int, float]]:
    """Symbols of a flowchart table in page points, with a confidence per shape (by ``id``)."""
    s = img.scale
    x0, y0, x1, y1 = t.xs[0], t.ys[0], t.xs[-1], t.ys[-1]
    found: list[ImageSymbol] = find_symbols(wiped, (x0, y0, x1, y1), min_side=int(14 * s),
                                            max_area=int((x1 - x0) * (y1 - y0) * 0.05))
    return symbol_shapes(found, img)


def symbol_shapes(found: list[ImageSymbol], img: PageImage) -> tuple[list[Shape], dict[int, float]]:
    """Image symbols as flowchart shapes in page points, with a confidence per shape (by ``id``)."""
    shapes: list[Shape] = []
    conf: dict[int, float] = {}
    for sym in found:
        if sym.kind == "unknown":
            continue
        shape = Shape(_SYMBOL_KIND[sym.kind], img.to_points(sym.box))
        shapes.append(shape)
        conf[id(shape)] = sym.conf if sym.kind in ("terminator", "proses", "keputusan") else sym.conf * 0.7
    return shapes, conf
