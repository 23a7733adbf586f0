"""The layout-quality checker of issue #16: what a person reviewing a flowchart page at print size
would object to, measured on the geometry.

``quality_problems(sop, doc)`` returns one line per problem (empty: a page to sign):

- clearance: every connector run at least ``CLEAR`` from the grid lines it runs along, and from
  the parallel runs of other connectors (two connectors into the same target, or out of the same
  source, may share their last or first run); connector runs only inside the actor columns;
- bridges: every crossing of two connectors is drawn with a bridge;
- exit labels: at least 6.5 pt, nearer their own exit than any other exit of the page, never on
  another label, a symbol or a connector;
- words: no line of a step or header cell ends inside a word, except after a shown hyphen; a step
  continued on the next pages holds all its text across its rows, in order, each continuation
  row marked "(lanjutan)";
- headers: no actor header set horizontally below ``MIN_HEADER`` (crowded headers are rotated),
  and every rotated header's lines inside its cell, measured again with the font's metrics;
- density: no last page holding a lone step.

The numbers are measured independently of the layout code: only the ``Page`` geometry and the
SOP's own texts are read.
"""

from __future__ import annotations

import itertools

from sopdoc.layout.geometry import ColumnKind, LayoutDocument, Page, Row
from sopdoc.layout.metrics import font_set
from sopdoc.layout.shapes import rect_hits_symbol, segment_rect, segments_of
from sopdoc.model.labels import CONTINUED
from sopdoc.model.sop import Sop

CLEAR = 6.0
TOL = 0.05
MIN_LABEL = 6.5
MIN_HEADER = 6.5
HYPHENS = ("\u2010", "-")


def _runs(page: Page):
    """(connector index, vertical?, across, lo, hi) of every connector run (joint links too)."""
    for k, c in enumerate(page.connectors):
        for a, b in segments_of(c.points):
            if abs(a[0] - b[0]) < 1e-6:
                yield k, True, a[0], min(a[1], b[1]), max(a[1], b[1])
            else:
                yield k, False, a[1], min(a[0], b[0]), max(a[0], b[0])


def clearance_problems(page: Page) -> list[str]:
    table = page.table
    assert table is not None
    xs = sorted({c.x for c in table.columns} | {table.columns[-1].right})
    ys = sorted({r.y for r in table.rows} | {table.rows[-1].bottom})
    actors = [c for c in table.columns if c.kind is ColumnKind.PELAKSANA]
    out = []
    runs = list(_runs(page))
    conns = page.connectors
    for k, vertical, at, lo, hi in runs:
        if hi - lo < TOL:
            continue
        name = f"page {page.number} connector {k} {'x' if vertical else 'y'}={at:.1f}"
        if vertical and not actors[0].x + CLEAR - TOL <= at <= actors[-1].right - CLEAR + TOL:
            out.append(f"{name}: outside the actor columns")
        for g in xs if vertical else ys:
            if abs(at - g) < CLEAR - TOL:
                out.append(f"{name}: {abs(at - g):.1f} pt from a grid line")
    for (k, v, at, lo, hi), (j, w, at2, lo2, hi2) in itertools.combinations(runs, 2):
        if k == j or v != w or hi - lo < TOL or hi2 - lo2 < TOL:
            continue
        a, b = conns[k], conns[j]
        if a.target == b.target or a.source == b.source:
            continue
        if lo < hi2 and lo2 < hi and abs(at - at2) < CLEAR - TOL:
            out.append(f"page {page.number} connectors {k} and {j}: parallel runs {abs(at - at2):.1f} pt apart")
    return out


def bridge_problems(page: Page) -> list[str]:
    out = []
    runs = list(_runs(page))
    for (k, v, at, lo, hi), (j, w, at2, lo2, hi2) in itertools.product(runs, runs):
        if k == j or not (not v and w):  # k horizontal, j vertical
            continue
        x, y = at2, at
        if lo + 0.5 < x < hi - 0.5 and lo2 + 0.5 < y < hi2 - 0.5:
            bridges = page.connectors[k].bridges
            if not any(abs(bx - x) < TOL and abs(by - y) < TOL for bx, by in bridges):
                out.append(f"page {page.number} connectors {k} and {j} cross at ({x:.1f}, {y:.1f}) without a bridge")
    return out


def label_problems(page: Page, crowded: bool) -> list[str]:
    out = []
    labels = [lb for lb in page.labels if lb.role == "exit"]
    for lb in labels:
        name = f"page {page.number} label {lb.text.lines!r}"
        if lb.text.font_size < MIN_LABEL - TOL:
            out.append(f"{name}: {lb.text.font_size} pt")
        r = lb.rect
        if crowded:
            continue
        if any(rect_hits_symbol(r, s) for s in page.symbols):
            out.append(f"{name}: on a symbol")
        if any(segment_rect(a, b).intersects(r) for c in page.connectors for a, b in segments_of(c.points)):
            out.append(f"{name}: on a connector")
        if any(o is not lb and o.rect.intersects(r) for o in labels):
            out.append(f"{name}: on another label")
    return out


def ownership_problems(page: Page) -> list[str]:
    """Each exit label is nearest to exactly one exit point, and distinct labels to distinct exits."""
    out = []
    labels = [lb for lb in page.labels if lb.role == "exit"]
    points = [c.points[0] for c in page.connectors if c.kind in ("ya", "tidak")]
    owned: dict[tuple[float, float], int] = {}
    for lb in labels:
        r = lb.rect

        def dist(p: tuple[float, float], r=r) -> float:
            return max(r.x - p[0], 0.0, p[0] - r.right) + max(r.y - p[1], 0.0, p[1] - r.bottom)

        ranked = sorted(points, key=dist)
        if len(ranked) > 1 and dist(ranked[0]) >= dist(ranked[1]) - 1e-6:
            out.append(f"page {page.number} label {lb.text.lines!r}: as near another exit as its own")
        if ranked:
            owned[ranked[0]] = owned.get(ranked[0], 0) + 1
    out += [f"page {page.number}: {n} labels nearest one exit {p}" for p, n in owned.items() if n > 1]
    return out


def _joined(lines: tuple[str, ...]) -> str:
    out = ""
    for line in lines:
        if out.endswith("\u2010"):
            out = out[:-1] + line
        elif out:
            out = f"{out} {line}"
        else:
            out = line
    return out


def word_problems(page: Page, sop: Sop) -> list[str]:
    """Lines of step texts and actor headers break only at spaces or after a shown hyphen."""
    table = page.table
    assert table is not None
    out = []
    texts: list[tuple[str, tuple[str, ...]]] = []
    for cell in page.cells:
        if cell.text is None or len(cell.text.lines) < 2 or cell.text.clipped:
            continue
        col = table.columns[cell.col]
        row = table.rows[cell.row]
        if row.parts > 1:  # a step set in several rows: its lines are joined across pages (continued_problems)
            continue
        if row.header and col.kind is ColumnKind.PELAKSANA and cell.row == 1:
            texts.append((col.title, cell.text.lines))
        elif row.step is not None and col.kind is ColumnKind.KEGIATAN:
            texts.append((sop.kegiatan[row.step].uraian, cell.text.lines))
        elif row.step is not None and col.kind is ColumnKind.OUTPUT:
            texts.append((sop.kegiatan[row.step].mutu_baku.output or "", cell.text.lines))
    fonts = font_set("sans")
    for source, lines in texts:
        want = " ".join(fonts.sanitize(source)[0].split())
        if _joined(lines) != want and " ".join(lines) != want:
            out.append(f"page {page.number}: {lines!r} breaks a word of {want!r}")
    return out


def continued_problems(doc: LayoutDocument, sop: Sop) -> list[str]:
    """A step set in several rows (a continuation on the next pages): its rows numbered 0, 1, …
    on consecutive pages, every row after the first marked ``CONTINUED`` atop KEGIATAN, and the
    characters of each text column, read across the rows, those of the step's text in order
    (nothing lost; a hyphen shown where a word was hyphenated apart)."""
    fonts = font_set("sans")
    rows: dict[int, list[tuple[Page, Row]]] = {}
    for page in doc.flow_pages:
        assert page.table is not None
        for row in page.table.step_rows:
            if row.step is not None and row.parts > 1:
                rows.setdefault(row.step, []).append((page, row))
    out = []
    for step, parts in rows.items():
        name = f"step {step}"
        numbers = [p.number for p, _ in parts]
        if [r.part for _, r in parts] != list(range(len(parts))) or numbers != list(range(numbers[0],
                                                                                         numbers[-1] + 1)):
            out.append(f"{name}: continuation rows out of order {numbers}")
        k = sop.kegiatan[step]
        for kind, source in ((ColumnKind.KEGIATAN, k.uraian), (ColumnKind.OUTPUT, k.mutu_baku.output or ""),
                             (ColumnKind.KETERANGAN, k.keterangan or ""),
                             (ColumnKind.KELENGKAPAN, " ".join(k.mutu_baku.kelengkapan))):
            lines: list[str] = []
            for page, row in parts:
                assert page.table is not None
                cell = next(c for c in row.cells if page.table.columns[c.col].kind is kind)
                got = list(cell.text.lines) if cell.text is not None else []
                if kind is ColumnKind.KEGIATAN and row.part > 0:
                    if not got or got[0] != CONTINUED:
                        out.append(f"{name} page {page.number}: continuation row without {CONTINUED!r}")
                    got = got[1:]
                lines += got
            # nothing lost, in order: the characters shown (a shown hyphen apart) are the source's
            want = "".join(fonts.sanitize(source)[0].split())
            if "".join(_joined(tuple(lines)).split()) != want:
                out.append(f"{name}: {kind.value} across its rows differs from the source")
    return out


def header_problems(page: Page, family: str) -> list[str]:
    """Actor headers: horizontal ones at a legible size (at least ``MIN_HEADER``, or the body
    text's size when that is smaller); rotated ones with every line (measured again) within the
    cell's height less its paddings, and the lines' stack within its width."""
    table = page.table
    assert table is not None
    fonts = font_set(family)
    body = min((c.text.font_size for c in page.cells if c.role == "kegiatan" and c.text is not None),
               default=MIN_HEADER)
    out = []
    for cell in table.rows[1].cells:
        block = cell.text
        col = table.columns[cell.col]
        if block is None or not block.lines or col.kind is not ColumnKind.PELAKSANA:
            continue
        name = f"page {page.number} header {col.title!r}"
        if not block.rotated:
            if block.font_size < min(MIN_HEADER, body) - TOL:
                out.append(f"{name}: horizontal at {block.font_size} pt")
            continue
        r = cell.rect
        for line in block.lines:
            w = fonts.width(line, block.font_size, block.bold)
            if w > r.h - cell.pad_left - cell.pad_right + TOL:
                out.append(f"{name}: rotated line {line!r} ({w:.1f} pt) longer than the cell ({r.h:.1f} pt)")
        box = block.bounds
        if not (r.x - TOL <= box.x and box.right <= r.right + TOL and r.y - TOL <= box.y
                and box.bottom <= r.bottom + TOL):
            out.append(f"{name}: rotated text outside its cell")
    return out


def run_count(doc: LayoutDocument) -> int:
    """How many connector runs the flowchart pages hold."""
    return sum(1 for page in doc.flow_pages for _ in _runs(page))


def quality_problems(sop: Sop, doc: LayoutDocument, *, words: bool = True, clearance: bool = True) -> list[str]:
    """Every problem of ``doc`` (the layout of ``sop``); ``clearance=False`` leaves the
    clearance measure to the caller (:func:`clearance_problems`)."""
    crowded = "SOP604" in {d.code for d in doc.warnings}
    out: list[str] = []
    for page in doc.flow_pages:
        if clearance:
            out += clearance_problems(page)
        out += bridge_problems(page)
        out += label_problems(page, crowded)
        if not crowded:
            out += ownership_problems(page)
        if words:
            out += word_problems(page, sop)
        out += header_problems(page, "serif" if "Serif" in doc.font_regular or "Times" in doc.font_regular
                               else "sans")
    if words:
        out += continued_problems(doc, sop)
    flow = doc.flow_pages
    if len(flow) > 1 and len(flow[-1].steps) == 1 and len(flow[-2].steps) > 2:
        # a lone last step is fine only when the step before it could not have come along
        last, prev = flow[-1].table, flow[-2].table
        assert last is not None and prev is not None
        moved = next(r for r in prev.rows if r.step == flow[-2].steps[-1]).height
        if last.rows[-1].bottom + moved <= prev.rows[-1].bottom + 1e-6:
            out.append(f"last page holds a lone step ({flow[-1].steps})")
    return out
