"""Golden geometry of our own fixtures (not the examples, which other people edit): column widths,
row heights, symbols, connectors.

Regenerate after an intended layout change with ``SOPDOC_REGEN_GOLDEN=1 pytest tests/layout``
and review the diff of ``tests/data/layout/golden/*.json``.
"""

from __future__ import annotations

import json
import os

import pytest

from sopdoc.layout import layout_sop
from sopdoc.layout.metrics import font_set
from sopdoc.source.reader import load_sop
from tests.conftest import DATA

GOLDEN = DATA / "layout" / "golden"
CASES = ["tiga-puluh-langkah-delapan-pelaksana", "keputusan-menunjuk-diri-sendiri"]


def _summary(doc) -> dict:
    def r(v: float) -> float:
        return round(v, 1)

    pages = []
    for p in doc.pages:
        page = {"kind": p.kind.value, "size": [r(p.width), r(p.height)], "steps": list(p.steps),
                "cells": len(p.cells)}
        if p.table is not None:
            page["columns"] = [[c.kind.value, r(c.width)] for c in p.table.columns]
            page["rows"] = [[r(row.y), r(row.height), row.step] for row in p.table.rows]
            page["symbols"] = [[s.kind.value, s.row, s.col, s.label] for s in p.symbols]
            page["connectors"] = [[c.kind, [[r(x), r(y)] for x, y in c.points]] for c in p.connectors]
            page["labels"] = [[lb.role, list(lb.text.lines)] for lb in p.labels]
        pages.append(page)
    return {"pages": pages, "warnings": sorted(d.code for d in doc.warnings)}


@pytest.mark.parametrize("name", CASES)
def test_layout_matches_golden(name):
    source = DATA / "layout" / f"{name}.sop.yaml"
    if not font_set("sans").embedded:
        pytest.skip("Liberation fonts missing: other metrics, other golden")
    got = _summary(layout_sop(load_sop(source).sop))
    path = GOLDEN / f"{name}.json"
    if os.environ.get("SOPDOC_REGEN_GOLDEN"):
        path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))
