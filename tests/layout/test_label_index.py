"""The spatial index of exit-label placement answers exactly as checking every cell, symbol,
connector segment and label would (the straightforward check is written out here)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sopdoc.layout import layout_sop
from sopdoc.layout.exit_labels import _Obstacles
from sopdoc.layout.geometry import Cell, Connector, Label, PageKind, Rect, SymbolBox
from sopdoc.layout.shapes import rect_hits_symbol, segment_rect, segments_of
from sopdoc.source.reader import load_sop
from tests.conftest import EXAMPLES


def _free_by_scanning(r: Rect, connectors: list[Connector], symbols: tuple[SymbolBox, ...], labels: list[Label],
                      cells: list[Cell]) -> bool:
    grown = Rect(r.x - 0.8, r.y - 0.8, r.w + 1.6, r.h + 1.6)
    cx, cy = r.cx, r.cy
    if not any(c.rect.contains(grown) for c in cells
               if c.rect.x <= cx <= c.rect.right and c.rect.y <= cy <= c.rect.bottom):
        return False
    if any(rect_hits_symbol(r, s, -0.5) for s in symbols):
        return False
    if any(segment_rect(a, b, 0.6).intersects(r) for c in connectors for a, b in segments_of(c.points)):
        return False
    return not any(lb.rect.intersects(r) for lb in labels)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.sop.yaml")), ids=lambda p: Path(p).name)
def test_index_agrees_with_scanning_everything(path: Path) -> None:
    sop = load_sop(path).sop
    assert sop is not None
    rng = random.Random(path.name)
    checked = free = 0
    for page in layout_sop(sop).pages:
        if page.kind is not PageKind.FLOWCHART:
            continue
        cells = list(page.cells)
        connectors = list(page.connectors)
        labels = list(page.labels)
        obstacles = _Obstacles(connectors, page.symbols, labels, cells)
        for _ in range(1500):
            w, h = rng.uniform(2, 40), rng.uniform(2, 14)
            r = Rect(rng.uniform(0, page.width - w), rng.uniform(0, page.height - h), w, h)
            expected = _free_by_scanning(r, connectors, page.symbols, labels, cells)
            assert obstacles.free(r) is expected, r
            checked += 1
            free += expected
    assert checked and 0 < free < checked  # both answers were exercised
