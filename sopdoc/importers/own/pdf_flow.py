"""The flowchart pages of a PDF written by sopdoc, read back through their geometry.

What the painter draws (``render/pdf.py``, ``layout/flowchart.py``) is read in reverse: header
cells are shaded 0.6 pt rectangles (their leaves name the columns and the actors), step rows are
the plain 0.6 pt cells below, symbols are 0.9 pt shapes (rectangle = proses, 5-point path =
keputusan, 6-point path = off-page connector, rounded path = terminator), connectors are 0.8 pt
polylines whose last segment points at the target, and exit labels are the free text in actor
cells. Off-page connectors with the same label join a flow that crosses pages.
"""

from __future__ import annotations

from typing import Any

from sopdoc.importers.grid.chars import Box, TextLine, box_of, chars_in, chars_to_lines, join_lines, page_chars, stroked
from sopdoc.importers.own.exits import assign_exits
from sopdoc.importers.own.flow_model import Column, FlowPage, Link, OwnStep, Symbol
from sopdoc.importers.own.pdf_identity import split_items_by_fit
from sopdoc.layout.geometry import BULLET
from sopdoc.layout.metrics import font_set
from sopdoc.model.diagnostic import Origin
from sopdoc.model.labels import COLUMN_TITLES

__all__ = ["read_flow_page"]

PAD = 3.0
ARROW_BASE = 3.2  # the painter stops a connector 0.8 × 4 pt before the arrow's tip
_TEXT_KINDS = {COLUMN_TITLES[kind]: kind for kind in ("no", "kegiatan", "kelengkapan", "output", "keterangan")}
_PELAKSANA, _WAKTU = COLUMN_TITLES["pelaksana"], COLUMN_TITLES["waktu"]


def _columns(header: list[Box], texts: list[str]) -> tuple[list[Column], str | None]:
    top = min(h.top for h in header)
    subs = [(h, t) for h, t in zip(header, texts, strict=False) if h.top - top > 0.5]
    cols: list[Column] = []
    satuan = None
    for h, t in zip(header, texts, strict=False):
        below = [s for s in subs if h.x0 - 0.5 <= s[0].x0 < h.x1 - 0.5 and s[0].top > h.top + 0.5]
        if below:
            continue
        parent = next(
            (
                p
                for p, pt in zip(header, texts, strict=False)
                if p.top < h.top - 0.5 and p.x0 - 0.5 <= h.x0 < p.x1 - 0.5
            ),
            None,
        )
        ptext = texts[header.index(parent)] if parent is not None else ""
        if ptext == _PELAKSANA:
            cols.append(Column("pelaksana", h.x0, h.x1, t))
        elif t.startswith(_WAKTU):
            cols.append(Column("waktu", h.x0, h.x1))
            if t.startswith(f"{_WAKTU} (") and t.endswith(")"):
                satuan = t[len(f"{_WAKTU} (") : -1].lower()
        else:
            cols.append(Column(_TEXT_KINDS.get(t, "?"), h.x0, h.x1))
    cols.sort(key=lambda c: c.x0)
    return cols, satuan


def _symbols(page: Any) -> list[tuple[str, Box]]:
    out = [("proses", box_of(r)) for r in stroked(page.rects, 0.9)]
    for c in stroked(page.curves, 0.9):
        n = len(c.get("pts") or ())
        out.append(("keputusan" if n == 5 else "offpage" if n == 6 else "terminator", box_of(c)))
    return out


def _links(page: Any, symbols: list[Symbol]) -> list[Link]:
    """(source, target, start point) of every connector: it starts on the source's edge, its last segment
    points at the target's edge."""
    out = []
    for obj in stroked(page.lines, 0.8) + stroked(page.curves, 0.8):
        pts = [(float(x), float(y)) for x, y in obj.get("pts") or ()]
        if len(pts) < 2:
            continue
        (ax, ay), (bx, by) = pts[-2], pts[-1]
        n = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5 or 1.0
        tip = (bx + (bx - ax) / n * ARROW_BASE, by + (by - ay) / n * ARROW_BASE)
        src = [s for s in symbols if s.box.holds(*pts[0], tol=1.0)]
        dst = [s for s in symbols if s.box.holds(*tip, tol=1.0)]
        if src and dst:
            target = next((d for d in dst if d is not src[0]), dst[0])
            out.append((src[0], target, pts))
    return out


def _unbulleted(text: str) -> str:
    """A kelengkapan line without the bullet the painter draws before each item."""
    text = text.strip()
    return text[1:].strip() if text.startswith(BULLET) else text


def _kelengkapan(lines: list[TextLine], marks: list[float], width: float) -> list[str]:
    texts = [_unbulleted(ln.text) for ln in lines if _unbulleted(ln.text)]
    if not texts:
        return []
    if marks:
        items: list[list[str]] = []
        for ln in lines:
            if not _unbulleted(ln.text):
                continue
            marked = any(abs(ln.baseline - m) < 0.6 for m in marks)
            if not items or marked:
                # a first line without its mark continues an item of the row before (a step
                # continued on this page): a tab says so to flows_to_builder
                items.append([] if marked else ["\t"])
            items[-1].append(_unbulleted(ln.text))
        return [" ".join(i).replace("\t ", "\t") for i in items]
    fonts = font_set("sans")
    size = lines[0].size
    return split_items_by_fit(texts, lambda t: fonts.width(t, size) <= width)


def read_flow_page(page: Any, pno: int, file: str) -> FlowPage | None:
    """Read one flowchart page; None when the page has no shaded header cells."""
    grid = stroked(page.rects, 0.6)
    header = [box_of(r) for r in grid if r.get("fill")]
    if not header:
        return None
    height = float(page.height)
    chars = page_chars(page)
    htexts = [join_lines(chars_to_lines(chars_in(chars, h), height)) for h in header]
    cols, satuan = _columns(header, htexts)
    body = [box_of(r) for r in grid if not r.get("fill")]
    row_tops = sorted({round(c.top, 1) for c in body})
    rows = []
    for t in row_tops:
        cells = [c for c in body if abs(c.top - t) < 0.2]
        rows.append(Box(min(c.x0 for c in cells), t, max(c.x1 for c in cells), max(c.bottom for c in cells)))
    symbols: list[Symbol] = []
    for kind, box in _symbols(page):
        r = next((i for i, row in enumerate(rows) if row.top <= box.cy <= row.bottom), None)
        c = next((i for i, col in enumerate(cols) if col.x0 <= box.cx <= col.x1), -1)
        label = ""
        if kind == "offpage":
            label = join_lines(chars_to_lines(chars_in(chars, box, 0.2), height))
        symbols.append(Symbol(kind, box, pno, r, c, label))
    steps: list[OwnStep] = []
    step_of_row: dict[int, OwnStep] = {}
    for ri, row in enumerate(rows):
        texts: dict[str, str] = {}
        kel: list[str] = []
        for col in cols:
            if col.kind == "pelaksana":
                continue
            box = Box(col.x0, row.top, col.x1, row.bottom)
            lines = chars_to_lines(chars_in(chars, box, 0.2), height)
            if col.kind == "kelengkapan":
                marks = [m["y"] for m in _marks_in(page, box)]
                kel = _kelengkapan(lines, marks, col.x1 - col.x0 - 2 * PAD)
            else:
                texts[col.kind] = join_lines(lines)
        own = [s for s in symbols if s.row == ri and s.kind != "offpage"]
        if not any(texts.values()) and not kel and not own:
            continue
        step = OwnStep(texts, kel, Origin(file=file, page=pno, table=1, row=ri + 3), own[0] if own else None)
        steps.append(step)
        step_of_row[ri] = step
    page_links = _links(page, symbols)
    _exit_labels(chars, cols, rows, symbols, page_links, step_of_row, height)
    top = min(h.top for h in header)
    above = [
        ln
        for ln in chars_to_lines(
            chars_in(
                chars, Box(cols[0].x0 if cols else 0.0, 0.0, cols[-1].x1 if cols else float(page.width), top - 0.5)
            ),
            height,
        )
        if ln.bold
    ]
    return FlowPage(cols, satuan, steps, symbols, page_links, join_lines(above))


def _marks_in(page: Any, box: Box) -> list[dict[str, float]]:
    return [
        {"y": float(r["bottom"])}
        for r in page.rects
        if r.get("fill")
        and not r.get("stroke")
        and float(r["width"]) < 1
        and float(r["height"]) < 1
        and box.holds(float(r["x0"]), float(r["bottom"]), 0.2)
    ]


def _exit_labels(
    chars: list[Any],
    cols: list[Column],
    rows: list[Box],
    symbols: list[Symbol],
    links: list[Link],
    step_of_row: dict[int, OwnStep],
    height: float,
) -> None:
    """Attach each decision's labelled exits (the free text nearest to where the exit leaves)."""
    actor_x = [(c.x0, c.x1) for c in cols if c.kind == "pelaksana"]
    if not actor_x or not rows:
        return
    area = Box(min(a for a, _ in actor_x), rows[0].top, max(b for _, b in actor_x), rows[-1].bottom)
    shapes = [s.box for s in symbols if s.kind == "offpage"]
    free = [
        c
        for c in chars_in(chars, area, 0.0)
        if not any(b.holds((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2, 0.2) for b in shapes)
    ]
    labels: list[tuple[str, Box]] = []
    for line in chars_to_lines(free, height):
        part: list[Any] = []
        row_chars = sorted(
            (c for c in free if round(height - float(c["matrix"][5]), 1) == line.baseline), key=lambda c: c["x0"]
        )
        for c in [*row_chars, None]:
            if c is None or (part and float(c["x0"]) - float(part[-1]["x1"]) > 4.0):
                if part:
                    text = "".join(p["text"] for p in part).strip()
                    labels.append(
                        (
                            text,
                            Box(
                                float(part[0]["x0"]),
                                float(part[0]["top"]),
                                float(part[-1]["x1"]),
                                float(part[-1]["bottom"]),
                            ),
                        )
                    )
                part = []
            if c is not None:
                part.append(c)
    assign_exits(labels, symbols, links, step_of_row)
