"""Read our PDFs back with pdfplumber: text per row, one symbol per step in its actor column,
page count, metadata, attachment, watermark."""

from __future__ import annotations

import io
import unicodedata

import pdfplumber
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from pypdf import PdfReader

from sopdoc.layout import layout_sop
from sopdoc.layout.geometry import BULLET, LINE_WIDTHS, LineClass, SymbolKind
from sopdoc.layout.metrics import font_set
from sopdoc.model.sop import Cabang
from sopdoc.render.pdf import ATTACHMENT_NAME, render_pdf
from sopdoc.source.reader import load_sop
from sopdoc.source.writer import sop_to_yaml
from tests.conftest import DATA, EXAMPLES
from tests.layout.builders import make_sop
from tests.strategies import long_text, sops

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.sop.yaml")) + sorted((DATA / "layout").glob("*.sop.yaml"))
SYMBOL_W = LINE_WIDTHS[LineClass.SYMBOL]


def _symbols(page) -> list[tuple[str, float, float]]:
    """(kind, centre x, centre y) of the stroked symbol shapes, told apart by line width."""
    out = []
    for r in page.rects:
        if r["stroke"] and abs(r["linewidth"] - SYMBOL_W) < 0.01:
            out.append(("proses", (r["x0"] + r["x1"]) / 2, (r["top"] + r["bottom"]) / 2))
    for c in page.curves:
        if c["stroke"] and abs(c["linewidth"] - SYMBOL_W) < 0.01:
            n = len(c["pts"])
            kind = "keputusan" if n == 5 else ("offpage" if n == 6 else "terminator")
            out.append((kind, (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2))
    return out


def _words_in(words, x0, x1, y0, y1) -> str:
    inside = [w for w in words if x0 - 0.5 <= w["x0"] and w["x1"] <= x1 + 0.5 and y0 - 0.5 <= w["top"]
              and w["bottom"] <= y1 + 0.5]
    inside.sort(key=lambda w: (round(w["top"]), w["x0"]))
    return " ".join(w["text"] for w in inside)


def _norm(text: str) -> str:
    """Compare text without spaces; pdfplumber expands ligatures (ﬁ → fi)."""
    return unicodedata.normalize("NFKC", text).replace(" ", "")


def _check_readback(sop, data: bytes) -> None:
    doc = layout_sop(sop)
    fonts = font_set("sans")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == len(doc.pages)
        for lp, pp in zip(doc.pages, pdf.pages, strict=False):
            if lp.table is None:
                continue
            words = [w for w in pp.extract_words(extra_attrs=["size"]) if w["size"] < 20]  # not the watermark
            found = _symbols(pp)
            expected_kinds = sorted(s.kind.value for s in lp.symbols)
            assert sorted(k for k, _, _ in found) == expected_kinds
            cols = lp.table.columns
            for row in lp.table.step_rows:
                if row.step is None:  # a connector row
                    continue
                step = sop.kegiatan[row.step]
                for kind, text in (("kegiatan", step.uraian), ("output", step.mutu_baku.output or ""),
                                   ("waktu", step.mutu_baku.waktu.teks if step.mutu_baku.waktu else ""),
                                   ("kelengkapan", " ".join(BULLET + k for k in step.mutu_baku.kelengkapan
                                                            if fonts.sanitize(k)[0].split()))):
                    col = next(c for c in cols if c.kind.value == kind)
                    got = _words_in(words, col.x, col.right, row.y, row.bottom)
                    want = fonts.sanitize(text)[0]
                    assert _norm(got) == _norm(want), (kind, got, text)
                in_row = [(k, x) for k, x, y in found if row.y < y < row.bottom]
                if lp.symbols and any(s.step == row.step for s in lp.symbols):
                    # one symbol per actor of the step that has a column (a joint step: several)
                    drawn = {c.actor for c in cols if c.actor in step.pelaksana}
                    assert len(in_row) == len(drawn), f"one symbol per actor in the row of step {step.no}"
                    want = step.simbol.value if step.simbol else "proses"
                    got_actors = set()
                    for kind, x in in_row:
                        actor_col = next(c for c in cols if c.x < x < c.right)
                        got_actors.add(actor_col.actor)
                        assert kind == want
                    assert got_actors == drawn


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_examples_read_back(path):
    sop = load_sop(path).sop
    _check_readback(sop, render_pdf(sop, layout_sop(sop)))


def test_thirty_step_sop_reads_back_with_offpage_pairs():
    sop = make_sop(30, 8, {12: Cabang(ya=13, tidak=3)})
    doc = layout_sop(sop)
    data = render_pdf(sop, doc)
    _check_readback(sop, data)
    n_off = sum(1 for p in doc.pages for s in p.symbols if s.kind is SymbolKind.OFFPAGE)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert sum(1 for p in pdf.pages for k, _, _ in _symbols(p) if k == "offpage") == n_off


def test_metadata_attachment_and_fonts():
    sop = load_sop(EXAMPLES / "pengumpulan-data-kinerja.sop.yaml").sop if (
        EXAMPLES / "pengumpulan-data-kinerja.sop.yaml").exists() else make_sop()
    data = render_pdf(sop, layout_sop(sop))
    reader = PdfReader(io.BytesIO(data))
    meta = reader.metadata
    assert meta.title == sop.identitas.nama
    assert meta.subject == sop.identitas.nomor
    assert meta["/Creator"].startswith("sopdoc ")
    assert reader.attachments[ATTACHMENT_NAME][0].decode("utf-8") == sop_to_yaml(sop)
    if font_set("sans").embedded:
        fonts = {str(f) for p in reader.pages for f in p["/Resources"]["/Font"].values()
                 for f in [f.get_object()["/BaseFont"]]}
        assert all("Liberation" in f for f in fonts), fonts


def test_output_is_deterministic():
    sop = make_sop(6, 3)
    assert render_pdf(sop, layout_sop(sop)) == render_pdf(sop, layout_sop(sop))


def test_draft_watermark_only_without_tanggal_efektif():
    def has_draft(sop) -> bool:
        data = render_pdf(sop, layout_sop(sop), attach=False)
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "".join(c["text"] for c in pdf.pages[0].chars if c["size"] > 20) == "DRAFT"

    assert has_draft(make_sop(4, 2, efektif=False))
    assert not has_draft(make_sop(4, 2, efektif=True))


def test_qr_code_is_drawn_when_asked():
    sop = make_sop(4, 2)
    plain = render_pdf(sop, layout_sop(sop), qr=False, attach=False)
    with_qr = render_pdf(sop, layout_sop(sop), qr=True, attach=False)
    with pdfplumber.open(io.BytesIO(plain)) as a, pdfplumber.open(io.BytesIO(with_qr)) as b:
        assert len(b.pages[0].rects) > len(a.pages[0].rects) + 20


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(sops(max_steps=40, max_actors=8, texts=long_text))
def test_generated_sops_read_back(sop):
    _check_readback(sop, render_pdf(sop, layout_sop(sop), attach=False))
