"""Flowchart pages: paginate step rows, place symbols and off-page connectors, route connectors.

A step's row never splits, unless the step is taller than a page: it then goes on in continuation
rows on the next pages (``rows.split_step``: the symbol in the first, "(lanjutan)" atop KEGIATAN in
the others, nothing clipped; note SOP610). A page holds the two header rows, then (when a flow
arrives from another page) a connector row with the incoming off-page connectors, the step rows,
and (when a flow leaves the page) a connector row with the outgoing ones. Each crossing flow gets a
label (A, B, …) shared by the pentagon that closes one page and its twin that opens the other.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from sopdoc.layout.columns import actors_of, balance_columns, layout_columns, yield_actor_width
from sopdoc.layout.geometry import (
    Align,
    Column,
    ColumnKind,
    Connector,
    ConnectorPiece,
    FlowTable,
    Label,
    Page,
    PageKind,
    Rect,
    Row,
    SymbolBox,
    SymbolKind,
)
from sopdoc.layout.lanes import LANE_CLEAR, with_bridges
from sopdoc.layout.metrics import FontSet
from sopdoc.layout.notes import note
from sopdoc.layout.profile import PageProfile
from sopdoc.layout.routing import Edge, route_page
from sopdoc.layout.rows import (
    LANE_TOP,
    OFFPAGE_H,
    StepPart,
    connector_row,
    crowded_headers,
    header_rows,
    kind_of,
    measure_step,
    split_step,
    step_row,
    symbol_height,
    symbol_size,
)
from sopdoc.layout.shapes import segment_rect
from sopdoc.layout.text import text_block
from sopdoc.model.diagnostic import Diagnostic
from sopdoc.model.flow import Flow, flow_of
from sopdoc.model.labels import IDENTITY_FIELD_LABELS
from sopdoc.model.sop import Kegiatan, Sop

__all__ = ["HEADING_ROLES", "TITLE_GAP", "fallen_exits", "flow_edges", "flow_heading", "flow_title",
           "layout_flow_pages", "offpage_label"]

CONNECTOR_ROW_H = OFFPAGE_H + 20.0
TITLE_GAP = 4.0
"""Points between the flowchart title (``judul_flowchart``) and the table."""
HEADING_ROLES = ("identitas_flowchart", "judul_flowchart")
"""Roles of the labels above every flowchart table (see :func:`flow_heading`)."""
PAGE_END_RESERVE = 2.0
"""Points kept free above the bottom margin: Word and LibreOffice end each section with a 1 pt
paragraph after the table, and a table filled to the margin would push it onto a blank page."""


@dataclass(frozen=True)
class FlowEdge:
    """A flow between two steps (indexes in ``Sop.kegiatan``)."""

    source: int
    target: int
    kind: str
    label: str


def offpage_label(i: int) -> str:
    """0 → A, 25 → Z, 26 → AA, …"""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def flow_edges(sop: Sop, has_symbol: list[bool]) -> list[FlowEdge]:
    """The flows between steps that have symbols, as :mod:`sopdoc.model.flow` defines them: a
    decision's exits to existing steps (labelled), and the fall-through to the next step. A
    decision exit without a target (or with a dangling one) is the fall-through, drawn and labelled
    as that exit (:func:`fallen_exits` names them for the SOP609 note). A step drawn without a
    symbol is passed over: a fall-through goes on to the next step that has one, and a decision
    exit to it is not drawn."""
    steps = sop.kegiatan
    flow = flow_of(steps)
    edges: list[FlowEdge] = []

    def drawn_from(j: int) -> int | None:
        return next((k for k in range(j, len(steps)) if has_symbol[k]), None)

    def label_of(s: Kegiatan, kind: str) -> str:
        if kind == "ya":
            return (s.cabang.label_ya if s.cabang else None) or "Ya"
        return (s.cabang.label_tidak if s.cabang else None) or "Tidak"

    for i, s in enumerate(steps):
        if not has_symbol[i]:
            continue
        fallen = fallen_exits(flow, i)
        for e in flow.edges(i):
            if e.kind == "next":
                j = drawn_from(e.target)
                if j is None:
                    continue
                if fallen:
                    edges.append(FlowEdge(i, j, fallen[0], label_of(s, fallen[0])))
                else:
                    edges.append(FlowEdge(i, j, "next", ""))
            elif has_symbol[e.target]:
                edges.append(FlowEdge(i, e.target, e.kind, label_of(s, e.kind)))
    return edges


def fallen_exits(flow: Flow, i: int) -> tuple[str, ...]:
    """The exits ("ya", "tidak") of decision row ``i`` that have no target of their own and so
    continue with the next row (rule 5 of :mod:`sopdoc.model.flow`); () for any other row."""
    node = flow.nodes[i]
    if node.no is None or not node.keputusan or node.terminator:
        return ()
    return tuple(k for k, t in (("ya", node.ya), ("tidak", node.tidak)) if flow.index_of(t) is None)


def _paginate(heights: list[float], avail: float, reserve_all: bool) -> list[list[int]]:
    """Greedy page filling. Every page but the first reserves an incoming connector row; a page
    reserves an outgoing one unless the rest of the steps fits on it (``reserve_all``: always).
    A last page left with one step takes the step before it too (widow control)."""
    pages: list[list[int]] = [[]]
    used = CONNECTOR_ROW_H if reserve_all else 0.0
    for i, h in enumerate(heights):
        rest = sum(heights[i:])
        limit = avail - (CONNECTOR_ROW_H if reserve_all or used + rest > avail + 1e-6 else 0.0)
        if pages[-1] and used + h > limit + 1e-6:
            pages.append([])
            used = CONNECTOR_ROW_H
        pages[-1].append(i)
        used += h
    # widow control: the last page never holds a lone step when its predecessor can spare one
    if len(pages) > 1 and len(pages[-1]) == 1 and len(pages[-2]) > 2:
        moved = [pages[-2][-1], *pages[-1]]
        if CONNECTOR_ROW_H + sum(heights[i] for i in moved) <= avail + 1e-6:
            pages[-2].pop()
            pages[-1] = moved
    return pages


def _fits(groups: list[list[int]], heights: list[float], crossing: list[FlowEdge],
          page_of: dict[int, int], avail: float) -> bool:
    """True when every page holds its rows plus the connector rows its crossing flows need."""
    for p, group in enumerate(groups):
        extra = CONNECTOR_ROW_H * (any(page_of[e.target] == p for e in crossing)
                                   + any(page_of[e.source] == p for e in crossing))
        if sum(heights[i] for i in group) + extra > avail + 1e-6:
            return False
    return True


def flow_title(title: str | None, fonts: FontSet, size: float, rect: Rect) -> tuple[Label | None, float]:
    """The bold centred title above the flowchart table (``rect``: its width and top) and the height
    it takes including the gap to the table; (None, 0) when there is no title."""
    if not title or not title.strip():
        return None, 0.0
    block, _ = text_block(title, fonts, size + 2, rect, bold=True, align=Align.CENTER, pad_x=0.0, pad_top=0.0)
    if not block.lines:
        return None, 0.0
    label = Label(rect=Rect(rect.x, rect.y, rect.w, block.height), text=block, role="judul_flowchart")
    return label, block.height + TITLE_GAP


def flow_heading(sop: Sop, fonts: FontSet, size: float, rect: Rect) -> tuple[tuple[Label, ...], float]:
    """What every flowchart page shows above its table (``rect``: its width and top): the line
    "Nama SOP: … — Nomor SOP: …" (regular, so readers never take it for the title; "-" for an
    empty field), then the bold ``judul_flowchart`` when there is one; and the height both take
    including the gap to the table."""
    ident = sop.identitas
    text = (f"{IDENTITY_FIELD_LABELS['nama']}: {(ident.nama or '').strip() or '-'} \u2014 "
            f"{IDENTITY_FIELD_LABELS['nomor']}: {(ident.nomor or '').strip() or '-'}")
    block, _ = text_block(text, fonts, size, rect, align=Align.LEFT, pad_x=0.0, pad_top=0.0)
    line = Label(rect=Rect(rect.x, rect.y, rect.w, block.height), text=block, role="identitas_flowchart")
    top = rect.y + block.height + TITLE_GAP
    title, title_h = flow_title(sop.judul_flowchart, fonts, size, Rect(rect.x, top, rect.w, 0.0))
    if title is None:
        return (line,), top - rect.y
    return (line, title), top - rect.y + title_h


def layout_flow_pages(sop: Sop, profile: PageProfile, fonts: FontSet, first_number: int
                      ) -> tuple[list[Page], list[Diagnostic]]:
    """The flowchart pages, numbered from ``first_number``, and the layout notes."""
    size = profile.ukuran_font
    notes: list[Diagnostic] = []
    width, height = profile.page_size(profile.orientasi_alur)
    mt, mr, mb, ml = profile.margins_pt()
    cols = layout_columns(sop, fonts, size, ml, width - ml - mr)
    if crowded_headers([c for c in cols if c.kind is ColumnKind.PELAKSANA], fonts, size):
        cols = yield_actor_width(cols)  # rotated actor headers need no width: KEGIATAN takes it
    # the text columns share KEGIATAN's width where that lowers the rows (a symbol's room does
    # not depend on the text columns)
    cols = balance_columns(sop, cols, fonts, size, [symbol_height(s, cols, fonts) for s in sop.kegiatan])
    actor_cols = {c.actor: c for c in cols if c.kind is ColumnKind.PELAKSANA}
    if len(actors_of(sop)) > profile.maks_pelaksana:
        notes.append(note("SOP603", ("pelaksana",)))
    heading, title_h = flow_heading(sop, fonts, size, Rect(cols[0].x, mt, cols[-1].right - cols[0].x, 0.0))
    table_top = mt + title_h
    hdr = header_rows(cols, table_top, fonts, size, sop.satuan_waktu.value if sop.satuan_waktu else None)
    body_top = table_top + hdr[0].height + hdr[1].height
    avail = height - mb - body_top - PAGE_END_RESERVE
    measures = [measure_step(s, cols, fonts, size) for s in sop.kegiatan]
    heights = []
    row_avail = avail - 2 * CONNECTOR_ROW_H
    for i, m in enumerate(measures):
        if m.replaced:
            notes.append(note("SOP602", ("kegiatan", i)))
        heights.append(m.height)
    step_col: list[Column | None] = []
    joint_cols: list[tuple[Column, ...]] = []
    for i, s in enumerate(sop.kegiatan):
        involved = tuple(dict.fromkeys(actor_cols[a] for a in s.pelaksana if a in actor_cols))
        step_col.append(involved[0] if involved else None)
        joint_cols.append(tuple(sorted(involved, key=lambda c: c.index)))
        if not involved:
            notes.append(note("SOP605", ("kegiatan", i, "pelaksana")))
    edges = flow_edges(sop, [c is not None for c in step_col])
    # a row entered by lanes gets the levels they need above its symbols: the first LANE_TOP
    # from the symbol, each further one LANE_CLEAR above it (the elbow from the row above runs
    # in that row's SYM_BOTTOM)
    extra_top = [0.0] * len(sop.kegiatan)
    for i in range(len(sop.kegiatan)):
        lanes_in = sum(1 for e in edges if e.target == i and e.source != i - 1)
        if lanes_in:
            extra_top[i] = max(LANE_TOP - measures[i].sym_top, 0.0) + LANE_CLEAR * (lanes_in - 1)
        heights[i] = max(heights[i], measures[i].symbol_height + extra_top[i])
    # a step taller than a page goes on in continuation rows on the next pages (never clipped)
    units: list[tuple[int, StepPart | None]] = []
    unit_h: list[float] = []
    for i, h in enumerate(heights):
        if h <= row_avail + 1e-6:
            units.append((i, None))
            unit_h.append(h)
            continue
        notes.append(note("SOP610", ("kegiatan", i)))
        for piece in split_step(measures[i], cols, size, row_avail):
            units.append((i, piece))
            unit_h.append(piece.height)
    opens = [part is None or part.index == 0 for _i, part in units]  # the unit that shows a step's symbol
    flow = flow_of(sop.kegiatan)
    for i in range(len(sop.kegiatan)):
        if fallen_exits(flow, i):
            notes.append(note("SOP609", ("kegiatan", i, "cabang")))

    def col_of_step(i: int) -> Column:
        col = step_col[i]
        assert col is not None  # flow_edges joins only steps drawn with a symbol, so in a column
        return col

    for reserve_all in (False, True):
        groups = _paginate(unit_h, avail, reserve_all)
        page_of = {units[u][0]: p for p, group in reversed(list(enumerate(groups))) for u in reversed(group)}
        crossing = [e for e in edges if page_of[e.source] != page_of[e.target]]
        if _fits(groups, unit_h, crossing, page_of, avail):
            break
    label_of = {id(e): offpage_label(k) for k, e in enumerate(crossing)}
    pages: list[Page] = []
    for p, group in enumerate(groups):
        incoming = [e for e in crossing if page_of[e.target] == p]
        outgoing = [e for e in crossing if page_of[e.source] == p]
        rows: list[Row] = list(hdr)
        y = body_top
        top_row = bottom_row = None
        if incoming:
            top_row = connector_row(len(rows), cols, y, CONNECTOR_ROW_H)
            rows.append(top_row)
            y += CONNECTOR_ROW_H
        symbols: list[SymbolBox] = []
        sym_of_step: dict[int, int] = {}
        for u in group:
            i, part = units[u]
            row = step_row(len(rows), i, measures[i], cols, y, unit_h[u], fonts, size, part)
            rows.append(row)
            if row.part > 0:  # a continuation row: no symbol, connectors only pass through
                y += unit_h[u]
                continue
            kind = kind_of(sop.kegiatan[i])
            for col in joint_cols[i]:  # a joint step: one symbol per actor, linked (see _joint_links)
                sz = symbol_size(kind, col.width)
                # at the top of a row taller than the symbol needs, level with the top-aligned text
                m = measures[i]
                extra = min(extra_top[i], max(unit_h[u] - sz.h - m.sym_top - m.sym_bottom, 0.0))
                free = unit_h[u] - extra - sz.h
                top = y + extra + (m.sym_top if free >= m.sym_top + m.sym_bottom - 1e-6 else free / 2)
                rect = Rect(col.x + (col.width - sz.w) / 2, top, sz.w, sz.h)
                if col is step_col[i]:
                    sym_of_step[i] = len(symbols)
                symbols.append(SymbolBox(kind=kind, rect=rect, row=row.index, col=col.index, step=i,
                                         font_size=size))
            y += unit_h[u]
        if outgoing:
            bottom_row = connector_row(len(rows), cols, y, CONNECTOR_ROW_H)
            rows.append(bottom_row)
        page_edges: list[Edge] = []
        for e in edges:
            if page_of[e.source] == p and page_of[e.target] == p:
                page_edges.append(Edge(sym_of_step[e.source], sym_of_step[e.target], e.kind, e.label))
        pent_in = _pentagons(incoming, top_row, lambda e: col_of_step(e.target), label_of, False, symbols, fonts)
        for e, k in pent_in:
            page_edges.append(Edge(k, sym_of_step[e.target], "next", ""))
        pent_out = _pentagons(outgoing, bottom_row, lambda e: col_of_step(e.source), label_of, True, symbols, fonts)
        for e, k in pent_out:
            page_edges.append(Edge(sym_of_step[e.source], k, e.kind, e.label))
        connectors, labels, failures = route_page(tuple(rows), cols, tuple(symbols), page_edges, fonts)
        links = _joint_links(symbols, cols)
        connectors = with_bridges((*connectors, *links), tuple(rows), cols)
        failures += sum(1 for lb in labels for c in links
                        if segment_rect(c.points[0], c.points[-1], 0.6).intersects(lb.rect))
        if failures:
            notes.append(note("SOP604", ("kegiatan",)))
        pages.append(Page(
            number=first_number + p, width=width, height=height, orientation=profile.orientasi_alur,
            kind=PageKind.FLOWCHART, cells=tuple(c for r in rows for c in r.cells),
            table=_table(cols, rows), symbols=tuple(symbols), connectors=connectors,
            labels=(*labels, *heading), steps=tuple(units[u][0] for u in group if opens[u]),
        ))
    return pages, notes


def _pentagons(edges: list[FlowEdge], row: Row | None, col_of: Callable[[FlowEdge], Column],
               label_of: dict[int, str], outgoing: bool,
               symbols: list[SymbolBox], fonts: FontSet) -> list[tuple[FlowEdge, int]]:
    """Place one off-page connector per crossing edge in ``row``, spread when sharing a column."""
    if row is None:
        return []
    out: list[tuple[FlowEdge, int]] = []
    by_col: dict[int, list[FlowEdge]] = {}
    for e in edges:
        by_col.setdefault(col_of(e).index, []).append(e)
    for ci, group in sorted(by_col.items()):
        col = col_of(group[0])
        sz = symbol_size(SymbolKind.OFFPAGE, col.width)
        n = len(group)
        inner = col.width - 2 * max((col.width - 50) / 2, 8.0)
        spacing = min(sz.w + 4, inner / max(n, 1))
        w = min(sz.w, spacing - 2)
        for k, e in enumerate(group):
            cx = col.x + col.width / 2 + (k - (n - 1) / 2) * spacing
            rect = Rect(cx - w / 2, row.y + (row.height - sz.h) / 2, w, sz.h)
            out.append((e, len(symbols)))
            symbols.append(SymbolBox(kind=SymbolKind.OFFPAGE, rect=rect, row=row.index, col=ci,
                                     step=e.target, label=label_of[id(e)],
                                     font_size=_letter_size(label_of[id(e)], w, fonts), outgoing=outgoing))
    return out


OFFPAGE_LETTER = 6.5
"""Size of an off-page connector's letter, made smaller only to fit its pentagon."""


def _letter_size(letter: str, w: float, fonts: FontSet) -> float:
    """The size at which ``letter`` fits the body of a pentagon ``w`` wide (1 pt each side)."""
    need = fonts.width(letter, OFFPAGE_LETTER, bold=True)
    return OFFPAGE_LETTER if need <= w - 2.0 else max(OFFPAGE_LETTER * (w - 2.0) / max(need, 1e-6), 1.0)


def _joint_links(symbols: list[SymbolBox], cols: tuple[Column, ...]) -> tuple[Connector, ...]:
    """The lines that join the symbols of a joint step (one symbol per actor, as signed BPS
    documents draw them): a straight horizontal line without arrowheads at mid-height between
    neighbouring symbols of the row, ``kind="joint"``. The flow enters and leaves through the
    symbol of the step's first actor; the others are linked to it."""
    by_row: dict[int, list[int]] = {}
    for k, sym in enumerate(symbols):
        if sym.kind is not SymbolKind.OFFPAGE:
            by_row.setdefault(sym.row, []).append(k)
    out: list[Connector] = []
    for row, ks in sorted(by_row.items()):
        ks.sort(key=lambda k: symbols[k].rect.x)
        for a, b in itertools.pairwise(ks):
            sa, sb = symbols[a], symbols[b]
            y = sa.rect.cy
            start, end = (sa.rect.right, y), (sb.rect.x, y)
            pieces = []
            for c in cols:
                x0, x1 = max(start[0], c.x), min(end[0], c.right)
                if x1 > x0 + 1e-6:
                    pieces.append(ConnectorPiece(start=(x0, y), end=(x1, y), row=row, col=c.index))
            out.append(Connector(points=(start, end), source=a, target=b, arrow_end=False, kind="joint",
                                 pieces=tuple(pieces)))
    return tuple(out)


def _table(cols: tuple[Column, ...], rows: list[Row]) -> FlowTable:
    return FlowTable(x=cols[0].x, y=rows[0].y, columns=cols, rows=tuple(rows))

