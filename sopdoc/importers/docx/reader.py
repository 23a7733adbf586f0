"""The DOCX reader's XML layer (the twin of ``render/_ooxml.py``): safe unzip, safe parse, and
tables with their cells, paragraphs and shapes as plain values. No XPath leaves this module.

Hostile files: the zip is checked before anything is inflated (member count, declared sizes,
compression ratio) and members are read with a hard cap; XML with a DTD or entity declaration is
refused, and the parser never resolves entities, loads a DTD or touches the network.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sopdoc.importers.grid.doc_table import DocCell, DocShape, DocTable
from sopdoc.model.diagnostic import Teks
from sopdoc.ooxml.ns import qn
from sopdoc.ooxml.package import DEFAULT_LIMITS, PackageError, open_package

__all__ = ["MAX_DOCX_BYTES", "DocCell", "DocShape", "DocTable", "DocxError", "read_docx_tables"]

MAX_DOCX_BYTES = DEFAULT_LIMITS.file_bytes

EMU_PER_PT = 12700
_PRESETS = {
    "flowChartTerminator": "terminator", "roundRect": "terminator", "ellipse": "terminator",
    "flowChartProcess": "proses", "flowChartAlternateProcess": "proses",
    "flowChartDecision": "keputusan", "diamond": "keputusan",
    "flowChartOffpageConnector": "offpage", "flowChartConnector": "offpage",
    "straightConnector1": "connector", "line": "connector", "bentConnector2": "connector",
    "bentConnector3": "connector", "arc": "bridge",
}
_VML_TYPES = {"t116": "terminator", "t176": "proses", "t109": "proses", "t110": "keputusan", "t4": "keputusan",
              "t177": "offpage", "t120": "offpage", "t32": "connector", "t33": "connector", "t34": "connector"}


class DocxError(Exception):
    """A DOCX that cannot be read safely; ``code`` is the IMP code and ``reason`` says why."""

    def __init__(self, code: str, reason: Teks) -> None:
        super().__init__(reason.en)
        self.code = code
        self.reason = reason


_q = qn


def _failure(exc: PackageError) -> DocxError:
    return DocxError("IMP041" if exc.kind == "dtd" else "IMP040", exc.reason)


def read_docx_tables(path: str | Path) -> tuple[list[DocTable], bool]:
    """The body tables of ``path`` in document order (tables nested in tables are skipped), and
    whether the document says it was made by sopdoc (``docProps/core.xml`` description)."""
    try:
        with open_package(path) as pkg:
            if not pkg.has("word/document.xml"):
                raise DocxError(
                    "IMP040", Teks("word/document.xml tidak ada (bukan DOCX)", "no word/document.xml (not a DOCX)")
                )
            root = pkg.xml("word/document.xml")
            ours = pkg.has("docProps/core.xml") and _made_by_sopdoc(pkg.xml("docProps/core.xml"))
    except PackageError as exc:
        raise _failure(exc) from None
    body = root.find(_q("w:body"))
    if body is None:
        return [], ours
    tables = []
    for tbl in body.iter(_q("w:tbl")):
        if any(anc.tag == _q("w:tbl") for anc in tbl.iterancestors()):
            continue
        tables.append(_table(tbl, _caption(tbl)))
    return tables, ours


def _caption(tbl: Any) -> str:
    """The bold body paragraphs directly before ``tbl`` (blank ones skipped), joined by spaces."""
    parts: list[str] = []
    node = tbl.getprevious()
    while node is not None and node.tag == _q("w:p") and node.find(f"{_q('w:pPr')}/{_q('w:sectPr')}") is None:
        text, bold, _size = _paragraphs_of([node])[0]
        if text.strip():
            if not bold:
                break
            parts.append(text.strip())
        node = node.getprevious()
    return " ".join(reversed(parts))


def _made_by_sopdoc(core: Any) -> bool:
    desc = core.find("{http://purl.org/dc/elements/1.1/}description")
    return desc is not None and "sopdoc" in (desc.text or "")


MAX_GRID_COLUMNS = 64
"""Grid columns of one table: Word allows 63; an SOP flowchart table has about 6 + actors (≤ 20).
Spans and gridBefore are clamped to the table width (or this cap without a tblGrid), so a
``gridSpan`` of 1e8 cannot make a row of 1e8 cells."""
MAX_TWIPS = 31_680 * 20
"""A length in twips: 22 inches (the largest Word page) × 20; larger or non-numeric values are replaced."""


def _int(el: Any, attr: str, default: int, low: int, high: int, what: str, fixes: list[Teks]) -> int:
    """An integer attribute of ``el`` within [low, high]; NaN, inf, text or out of range → ``default``
    or the nearest bound, noted in ``fixes`` (never an exception)."""
    if el is None:
        return default
    raw = el.get(attr)
    if raw is None:
        return default
    text = raw.strip()
    value: int | None = None
    if text.lstrip("+-").isdigit() and len(text) <= 12 and text.isascii():
        value = int(text)
    if value is None:
        fixes.append(
            Teks(
                f"{what} '{raw[:20]}' bukan bilangan bulat; dipakai {default}",
                f"{what} '{raw[:20]}' is not an integer; {default} used",
            )
        )
        return default
    if not low <= value <= high:
        clamped = min(max(value, low), high)
        fixes.append(
            Teks(
                f"{what} {value} di luar batas {low}–{high}; dipakai {clamped}",
                f"{what} {value} out of range {low}–{high}; {clamped} used",
            )
        )
        return clamped
    return value


def _table(tbl: Any, caption: str = "") -> DocTable:
    fixes: list[Teks] = []
    grid = tbl.findall(f"{_q('w:tblGrid')}/{_q('w:gridCol')}")[:MAX_GRID_COLUMNS]
    widths = tuple(_int(g, _q("w:w"), 0, 0, MAX_TWIPS, "lebar kolom (gridCol w:w)", fixes) / 20 for g in grid)
    width = len(widths) or MAX_GRID_COLUMNS
    rows, heights = [], []
    for tr in tbl.findall(_q("w:tr")):
        h = tr.find(f"{_q('w:trPr')}/{_q('w:trHeight')}")
        heights.append(_int(h, _q("w:val"), 0, 0, MAX_TWIPS, "tinggi baris (trHeight)", fixes) / 20)
        before = tr.find(f"{_q('w:trPr')}/{_q('w:gridBefore')}")
        col = _int(before, _q("w:val"), 0, 0, width - 1, "gridBefore", fixes)
        cells = []
        for tc in tr.findall(_q("w:tc")):
            if col >= width:
                fixes.append(
                    Teks(
                        f"baris dengan sel melewati {width} kolom; sisanya diabaikan",
                        f"a row with cells past {width} columns; the rest is ignored",
                    )
                )
                break
            pr = tc.find(_q("w:tcPr"))
            span, merge = 1, None
            if pr is not None:
                span = _int(pr.find(_q("w:gridSpan")), _q("w:val"), 1, 1, width - col, "gridSpan", fixes)
                vm = pr.find(_q("w:vMerge"))
                if vm is not None:
                    merge = vm.get(_q("w:val")) or "continue"
            cells.append(DocCell(col, span, merge, _paragraphs(tc), _shapes(tc)))
            col += span
        rows.append(tuple(cells))
    return DocTable(widths, tuple(heights), tuple(rows), caption, tuple(dict.fromkeys(fixes)))


def _paragraphs(tc: Any) -> tuple[tuple[str, bool, float], ...]:
    return _paragraphs_of(tc.findall(_q("w:p")))


def _paragraphs_of(paras: Any) -> tuple[tuple[str, bool, float], ...]:
    """(text, bold, size) of each paragraph."""
    out = []
    for p in paras:
        parts, bold, size = [], False, 0.0
        for el in p.iter(_q("w:t"), _q("w:tab"), _q("w:br"), _q("w:noBreakHyphen")):
            if any(a.tag in (_q("w:txbxContent"), _q("mc:Fallback"), _q("w:pict")) for a in el.iterancestors()):
                continue
            if el.tag == _q("w:t"):
                parts.append(el.text or "")
                rpr = el.getparent().find(_q("w:rPr"))
                if rpr is not None:
                    b = rpr.find(_q("w:b"))
                    bold = bold or (b is not None and b.get(_q("w:val"), "1") not in ("0", "false"))
                    sz = rpr.find(_q("w:sz"))
                    if sz is not None:
                        size = max(size, _int(sz, _q("w:val"), 0, 0, 3276, "w:sz", []) / 2)
            else:
                parts.append({_q("w:tab"): "\t", _q("w:br"): "\n"}.get(el.tag, "-"))
        out.append(("".join(parts), bold, size))
    return tuple(out)


def _shape_text(el: Any) -> str:
    return " ".join("".join(t.text or "" for t in p.iter(_q("w:t"))) for p in el.iter(_q("w:p"))).strip()


def _shapes(tc: Any) -> tuple[DocShape, ...]:
    out: list[DocShape] = []
    for anchor in tc.iter(_q("wp:anchor"), _q("wp:inline")):
        if any(a.tag == _q("mc:Fallback") for a in anchor.iterancestors()):
            continue
        out.append(_wps(anchor))
    for el in tc.iter(_q("v:rect"), _q("v:roundrect"), _q("v:oval"), _q("v:shape"), _q("v:line")):
        if any(a.tag == _q("mc:Fallback") for a in el.iterancestors()):
            continue
        out.append(_vml(el))
    return tuple(s for s in out if s is not None)


MAX_EMU = 27_273_042_316_900  # ECMA-376's limit for a coordinate (ST_CoordinateUnqualified)


def _emu(el: Any, default: float = 0.0) -> float:
    text = (el.text or "").strip() if el is not None else ""
    if not (text.lstrip("-").isdigit() and text.isascii() and len(text) <= 15):
        return default
    return max(-MAX_EMU, min(MAX_EMU, int(text))) / EMU_PER_PT


def _wps(anchor: Any) -> DocShape:
    ext = anchor.find(_q("wp:extent"))
    w = _int(ext, "cx", 0, 0, MAX_EMU, "cx", []) / EMU_PER_PT
    h = _int(ext, "cy", 0, 0, MAX_EMU, "cy", []) / EMU_PER_PT
    x = _emu(anchor.find(f"{_q('wp:positionH')}/{_q('wp:posOffset')}"))
    y = _emu(anchor.find(f"{_q('wp:positionV')}/{_q('wp:posOffset')}"))
    prst = anchor.find(f".//{_q('a:prstGeom')}")
    kind = _PRESETS.get(prst.get("prst", ""), "rect") if prst is not None else "rect"
    xfrm = anchor.find(f".//{_q('a:xfrm')}")
    flip_h = xfrm is not None and xfrm.get("flipH") in ("1", "true")
    flip_v = xfrm is not None and xfrm.get("flipV") in ("1", "true")
    ln = anchor.find(f".//{_q('wps:spPr')}/{_q('a:ln')}")
    tail = ln.find(_q("a:tailEnd")) if ln is not None else None
    arrow = tail is not None and tail.get("type", "none") != "none"
    text = _shape_text(anchor)
    no_line = ln is not None and ln.find(_q("a:noFill")) is not None
    if kind == "rect" and (no_line or anchor.find(f".//{_q('wps:cNvSpPr')}[@txBox='1']") is not None) and text:
        kind = "label"
    elif kind == "rect" and not no_line:
        kind = "proses"
    return DocShape(kind, x, y, w, h, text, flip_h, flip_v, arrow)


_STYLE = re.compile(
    r"(margin-left|margin-top|left|top|width|height)\s*:\s*(-?(?:\d{1,9}(?:\.\d{0,9})?|\.\d{1,9}))(pt|in|px)?"
)


def _vml(el: Any) -> DocShape:
    local = el.tag.split("}")[1]
    if local == "shape":
        ref = (el.get("type") or "").lstrip("#").replace("_x0000_", "")
        kind = _VML_TYPES.get(ref, "label" if el.find(f".//{_q('v:textbox')}") is not None else "rect")
    else:
        kind = {"rect": "proses", "roundrect": "terminator", "oval": "terminator", "line": "connector"}[local]
    if local == "rect" and el.find(f".//{_q('v:textbox')}") is not None and el.get("stroked") in ("f", "false"):
        kind = "label"
    style = {
        k: float(v) * (72 if u == "in" else 0.75 if u == "px" else 1)
        for k, v, u in _STYLE.findall(el.get("style") or "")
    }
    x = style.get("margin-left", style.get("left", 0.0))
    y = style.get("margin-top", style.get("top", 0.0))
    return DocShape(kind, x, y, style.get("width", 0.0), style.get("height", 0.0), _shape_text(el))
