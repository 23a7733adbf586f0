"""Long text is never truncated (issue #16, item 6): rows grow with their content, and a step
taller than a page goes on in continuation rows on the next pages — the symbol in the first,
"(lanjutan)" atop KEGIATAN in the others, the flow leaving through an off-page connector pair."""

from __future__ import annotations

import pytest

from sopdoc.layout import PageProfile, layout_sop
from sopdoc.layout.geometry import ColumnKind, SymbolKind
from sopdoc.model.labels import CONTINUED
from sopdoc.model.sop import MutuBaku, Sop
from tests.layout.builders import make_sop
from tests.layout.invariants import check_layout
from tests.layout.quality import quality_problems

WORDS = ["Memeriksa", "kelengkapan", "berkas", "permohonan", "izin", "usaha", "beserta", "lampiran", "dokumen",
         "pendukung", "dari", "pemohon", "sesuai", "ketentuan", "yang", "berlaku"]


def text_of(n: int) -> str:
    """About ``n`` characters of Indonesian words, numbered so that no two lines look alike."""
    out, k = [], 0
    while len(" ".join(out)) < n:
        out.append(f"{WORDS[k % len(WORDS)]}{k}" if k % 5 == 0 else WORDS[k % len(WORDS)])
        k += 1
    return " ".join(out)[:n].rstrip()


def long_sop() -> Sop:
    """Step 3: a 3,000-character uraian; step 4: 300 characters, 30 kelengkapan items and a long
    output; step 5: a 300-character uraian."""
    sop = make_sop(7, 3)
    steps = list(sop.kegiatan)
    steps[2] = steps[2].model_copy(update={"uraian": text_of(3000)})
    steps[3] = steps[3].model_copy(update={"uraian": text_of(300), "mutu_baku": MutuBaku(
        kelengkapan=tuple(f"Dokumen pendukung nomor {i} dari unit kerja pengusul" for i in range(1, 31)),
        output=text_of(600))})
    steps[4] = steps[4].model_copy(update={"uraian": text_of(300)})
    return sop.model_copy(update={"kegiatan": tuple(steps)})


PROFILES = {"f4": {}, "a4-potret": {"kertas": "a4", "orientasi_alur": "potret"}}


def _rows(doc, step: int):
    return [(p, r) for p in doc.flow_pages for r in p.table.step_rows if r.step == step]


def _lines(page, row, kind: ColumnKind) -> tuple[str, ...]:
    cell = next(c for c in row.cells if page.table.columns[c.col].kind is kind)
    return cell.text.lines if cell.text is not None else ()


@pytest.mark.parametrize("profile", list(PROFILES))
def test_long_steps_continue_on_the_next_pages_and_pass_the_checks(profile):
    sop = long_sop()
    doc = layout_sop(sop, PageProfile.resolve(PROFILES[profile]))
    check_layout(sop, doc)
    assert quality_problems(sop, doc) == []
    codes = {(d.code, d.path) for d in doc.warnings}
    assert not any(code == "SOP601" for code, _ in codes)  # nothing clipped
    rows = _rows(doc, 3)  # 30 items do not fit one page
    assert len(rows) >= 2 and ("SOP610", ("kegiatan", 3)) in codes
    assert [r.part for _, r in rows] == list(range(len(rows))) and {r.parts for _, r in rows} == {len(rows)}
    pages = [p.number for p, _ in rows]
    assert pages == list(range(pages[0], pages[0] + len(rows)))  # one part per page, in order
    for p, r in rows:
        syms = [s for s in p.symbols if s.row == r.index and s.kind is not SymbolKind.OFFPAGE]
        keg = _lines(p, r, ColumnKind.KEGIATAN)
        if r.part == 0:
            assert len(syms) == 1 and keg[0] != CONTINUED
        else:
            assert syms == [] and keg[0] == CONTINUED
    # the first part's page closes with an off-page connector, the flow reaches step 5 through its twin
    first = rows[0][0]
    assert any(s.kind is SymbolKind.OFFPAGE and s.outgoing for s in first.symbols)


@pytest.mark.parametrize("profile", list(PROFILES))
def test_every_line_of_every_column_is_set_once_in_order(profile):
    sop = long_sop()
    doc = layout_sop(sop, PageProfile.resolve(PROFILES[profile]))
    for i, step in enumerate(sop.kegiatan):
        rows = _rows(doc, i)
        keg = [ln for p, r in rows for ln in _lines(p, r, ColumnKind.KEGIATAN) if ln != CONTINUED]
        assert _words(keg) == step.uraian.split()
        kel = [ln for p, r in rows for ln in _lines(p, r, ColumnKind.KELENGKAPAN)]
        assert _words(kel) == " ".join(step.mutu_baku.kelengkapan).split()
        out = [ln for p, r in rows for ln in _lines(p, r, ColumnKind.OUTPUT)]
        assert _words(out) == (step.mutu_baku.output or "").split()


def _words(lines: list[str]) -> list[str]:
    """The words of wrapped lines, a word hyphenated at a line's end (U+2010) joined again (the
    source texts hold no hyphens)."""
    return " ".join(lines).replace("\u2010 ", "").split()


def test_a_row_grows_with_its_text_below_a_page():
    """A 300-character uraian takes as many lines as it needs in one row (no continuation)."""
    sop = long_sop()
    doc = layout_sop(sop)
    (page, row), = _rows(doc, 4)
    lines = _lines(page, row, ColumnKind.KEGIATAN)
    assert len(lines) >= 2 and row.parts == 1
    assert row.height >= len(lines) * 8 * 1.2 + 6 - 0.01
