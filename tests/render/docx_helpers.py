"""Helpers for the DOCX tests: loading example SOPs, a long SOP, and reading our DOCX back."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from sopdoc.model.sop import Sop
from sopdoc.source.reader import load_sop
from tests.conftest import DATA, EXAMPLES

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
FIXTURES = DATA / "docx"


def example_paths() -> list[Path]:
    """Every example and every DOCX fixture SOP (the glob picks up examples as they appear)."""
    return sorted(EXAMPLES.glob("*.sop.yaml")) + sorted(FIXTURES.glob("*.sop.yaml"))


def load(path: Path) -> Sop:
    """The SOP of ``path`` (the test fails when it cannot be read)."""
    result = load_sop(path)
    assert result.sop is not None, [d.code for d in result.diagnostics]
    return result.sop


def long_sop(n: int = 26) -> Sop:
    """A linear SOP of ``n`` steps over three actors with a loop-back: several flowchart pages."""
    actors = ["Kepala Dinas", "Sekretaris", "Staf Pengelola Data dan Informasi"]
    steps = []
    for i in range(1, n + 1):
        step = {"no": i, "uraian": f"Melaksanakan langkah ke-{i} dengan teliti sesuai ketentuan yang berlaku",
                "pelaksana": [actors[i % 3]], "simbol": "proses",
                "mutu_baku": {"kelengkapan": ["Berkas", "Formulir isian"], "waktu": "30 menit", "output": f"Hasil {i}"}}
        if i in (1, n):
            step["simbol"] = "terminator"
        if i == 12:
            step.update(simbol="keputusan", cabang={"ya": 13, "tidak": 9})
        steps.append(step)
    return Sop.model_validate({"identitas": {"nama": "SOP Panjang", "instansi": ["PEMERINTAH KOTA UJI"]},
                               "pelaksana": actors, "kegiatan": steps})


def open_docx(data: bytes):
    """A python-docx Document of ``data``."""
    return Document(io.BytesIO(data))


def shapes_in(tc) -> list[tuple[str, object]]:
    """(preset geometry, wsp element) of every shape anchored in a table cell element."""
    out = []
    for wsp in tc.iter(f"{{{WPS}}}wsp"):
        geom = wsp.find(f".//{{{A}}}prstGeom")
        out.append((geom.get("prst") if geom is not None else "", wsp))
    return out


def cell_text(tc) -> str:
    """The visible text of a cell, excluding text inside shapes, whitespace-normalised."""
    parts = []
    for p in tc.findall(qn("w:p")):
        parts.append("".join((t.text or "") if t.tag == qn("w:t") else "-" for r in p.findall(qn("w:r"))
                             for t in r if t.tag in (qn("w:t"), qn("w:noBreakHyphen"))))
    return " ".join(" ".join(parts).split())


def all_text(el) -> str:
    """The text of every paragraph below ``el`` (tables included), whitespace-normalised; a
    non-breaking hyphen reads as ``-`` (what Word shows)."""
    parts = ["".join((t.text or "") if t.tag == qn("w:t") else "-" for t in p.iter(qn("w:t"), qn("w:noBreakHyphen")))
             for p in el.iter(qn("w:p"))]
    return " ".join(" ".join(parts).split())


def grid_cells(tr) -> list[tuple[int, object]]:
    """(first grid column, tc) of each cell of a row, following gridSpan."""
    out = []
    col = 0
    for tc in tr.findall(qn("w:tc")):
        out.append((col, tc))
        span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        col += int(span.get(qn("w:val"))) if span is not None else 1
    return out


def exact_fill_case(n: int = 30):
    """(sop, profile) whose first flowchart page would end exactly on the bottom margin if the
    layout kept no room for the 1 pt paragraph Word and LibreOffice put after each table."""
    from sopdoc.layout import PageProfile, layout_sop
    from sopdoc.layout.profile import MM

    sop = long_sop(n)
    first = layout_sop(sop).flow_pages[0]
    bottom = first.table.rows[-1].bottom
    t, r, _b, l_ = PageProfile().margin_mm
    return sop, PageProfile(margin_mm=(t, r, (first.height - bottom) / MM, l_))
