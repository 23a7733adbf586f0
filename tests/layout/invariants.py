"""Checks every layout must pass (issue #4): used by the example and Hypothesis tests."""

from __future__ import annotations

import itertools

from sopdoc.layout.geometry import LayoutDocument, PageKind, SymbolKind
from sopdoc.layout.metrics import font_set
from sopdoc.layout.shapes import point_on_outline, rect_hits_symbol, segment_hits_symbol, segment_rect, segments_of
from sopdoc.model.labels import CONTINUED
from sopdoc.model.sop import Sop

TOL = 0.05


def check_layout(sop: Sop, doc: LayoutDocument) -> None:
    """Assert the geometric invariants of ``doc`` (the layout of ``sop``)."""
    fonts = font_set("sans" if "Sans" in doc.font_regular or "Helvetica" in doc.font_regular else "serif")
    flow = doc.flow_pages
    assert flow, "at least one flowchart page"
    seen = [s for p in flow for s in p.steps]
    assert seen == list(range(len(sop.kegiatan))), "every step on exactly one page, in order"
    assert [p.number for p in doc.pages] == list(range(1, len(doc.pages) + 1))
    for page in doc.pages:
        footer = [lb for lb in page.labels if lb.role == "footer"]
        assert footer and footer[0].text.lines == (f"Halaman {page.number} dari {len(doc.pages)}",)
        for cell in page.cells:
            r = cell.rect
            assert r.x >= -TOL and r.y >= -TOL and r.right <= page.width + TOL and r.bottom <= page.height + TOL, \
                f"cell {cell.role} leaves the page"
            if cell.text is None:
                continue
            indents = cell.text.indents or (0.0,) * len(cell.text.lines)
            for line, w, ind in zip(cell.text.lines, cell.text.line_widths, indents, strict=False):
                assert ind + w <= cell.text.width + TOL, f"line wider than its cell: {line!r}"
                assert abs(fonts.width(line, cell.text.font_size, cell.text.bold) - w) < 0.01
            if cell.text.lines:  # on the page (a rotated block's frame turned back)
                box = cell.text.bounds
                assert box.x >= cell.rect.x - TOL
                assert box.right <= cell.rect.right + TOL
                assert box.y >= cell.rect.y - TOL and box.bottom <= cell.rect.bottom + 0.5, cell.role
        if page.kind is not PageKind.FLOWCHART:
            continue
        table = page.table
        assert table is not None
        assert table.rows[0].header and table.rows[1].header
        # rows stack without gaps and stay on the page; page breaks only between rows
        for a, b in zip(table.rows[1:], table.rows[2:], strict=False):
            assert abs(a.bottom - b.y) < TOL
        assert table.rows[-1].bottom <= page.height + TOL
        step_rows = {r.step: r for r in table.step_rows if r.step is not None and r.part == 0}
        assert list(step_rows) == list(page.steps)
        for r in table.step_rows:  # step text is never clipped; a continuation row is marked
            assert not any(c.text is not None and c.text.clipped for c in r.cells), f"step {r.step} clipped"
            if r.part > 0:
                keg = next(c for c in r.cells if c.role == "kegiatan")
                assert keg.text is not None and keg.text.lines[0] == CONTINUED
                assert not any(s.row == r.index for s in page.symbols if s.kind is not SymbolKind.OFFPAGE)
        cols = table.columns
        for a, b in itertools.pairwise(cols):
            assert abs(a.right - b.x) < TOL and a.width > 0
        syms = page.symbols
        for i, s in enumerate(syms):
            row = table.rows[s.row]
            col = cols[s.col]
            assert row.y - TOL <= s.rect.y and s.rect.bottom <= row.bottom + TOL, "symbol inside its row"
            assert col.x - TOL <= s.rect.x and s.rect.right <= col.right + TOL, "symbol inside its column"
            if s.kind is not SymbolKind.OFFPAGE:
                assert row.step == s.step
                step = sop.kegiatan[s.step]
                assert col.actor in step.pelaksana
            for t in syms[i + 1:]:
                assert not s.rect.intersects(t.rect, TOL), "symbols overlap"
        # a joint step: one symbol in every actor column involved, each joined to its neighbour
        for r in table.step_rows:
            if r.step is None or r.part > 0:
                continue
            own = sorted((k for k, s in enumerate(syms) if s.row == r.index and s.kind is not SymbolKind.OFFPAGE),
                         key=lambda k: syms[k].rect.x)
            actors = {c.actor for c in cols if c.actor is not None}
            assert {cols[syms[k].col].actor for k in own} == actors & set(sop.kegiatan[r.step].pelaksana)
            links = {(c.source, c.target) for c in page.connectors if c.kind == "joint"}
            assert set(itertools.pairwise(own)) <= links, "joint symbols linked"
        # off-page connectors come in pairs with the same label
        outs = sorted(s.label for p in flow for s in p.symbols if s.kind is SymbolKind.OFFPAGE and s.outgoing)
        ins = sorted(s.label for p in flow for s in p.symbols if s.kind is SymbolKind.OFFPAGE and not s.outgoing)
        assert outs == ins
        for c in page.connectors:
            src, dst = syms[c.source], syms[c.target]
            assert point_on_outline(c.points[0], src), "connector starts on its source's edge"
            assert point_on_outline(c.points[-1], dst), "connector ends on its target's edge"
            if c.kind == "joint":  # a straight line without arrowheads between two symbols of a row
                assert src.row == dst.row and src.step == dst.step and len(c.points) == 2
                assert not c.arrow_end and abs(c.points[0][1] - c.points[1][1]) < 1e-6
            else:
                assert abs(c.points[-1][1] - dst.rect.y) < TOL, "connectors enter from the top"
            for a, b in segments_of(c.points):
                assert abs(a[0] - b[0]) < 1e-6 or abs(a[1] - b[1]) < 1e-6, "orthogonal"
                for k, s in enumerate(syms):
                    if k in (c.source, c.target):
                        continue
                    assert not segment_hits_symbol(a, b, s), f"connector crosses symbol {k}"
        crowded = "SOP604" in {d.code for d in doc.warnings}
        actor_cells = [c for r in table.rows if not r.header for c in r.cells if c.role in ("pelaksana", "offpage")]
        for lb in page.labels:
            if lb.role != "exit":
                continue
            for s in syms:
                assert not rect_hits_symbol(lb.rect, s), "label on a symbol"
            if crowded:
                continue
            assert any(c.rect.contains(lb.rect) for c in actor_cells), "label inside one cell"
            for c in page.connectors:
                for a, b in segments_of(c.points):
                    assert not segment_rect(a, b).intersects(lb.rect), "label on a line"
