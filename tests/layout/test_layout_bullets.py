"""Kelengkapan items bulleted with a hanging indent, multi-line outputs left-aligned, every step
cell top-aligned (issue #16, item 6)."""

from __future__ import annotations

from sopdoc.layout import layout_sop
from sopdoc.layout.geometry import Align, ColumnKind
from sopdoc.model.sop import MutuBaku
from tests.layout.builders import make_sop

ITEMS = ("Surat permintaan data kinerja triwulan dari Kepala Bagian Organisasi", "Format isian", "",
         "Rencana aksi tahunan yang telah ditetapkan")


def _sop():
    sop = make_sop(4, 3)
    steps = list(sop.kegiatan)
    steps[1] = steps[1].model_copy(update={"mutu_baku": MutuBaku(
        kelengkapan=ITEMS, output="Data kinerja triwulan yang telah direkapitulasi per bidang")})
    return sop.model_copy(update={"kegiatan": tuple(steps)})


def _cell(doc, step: int, kind: ColumnKind):
    page = doc.flow_pages[0]
    row = next(r for r in page.table.rows if r.step == step)
    return next(c for c in row.cells if page.table.columns[c.col].kind is kind)


def test_each_kelengkapan_item_gets_a_bullet_and_its_wrapped_lines_hang():
    doc = layout_sop(_sop())
    block = _cell(doc, 1, ColumnKind.KELENGKAPAN).text
    assert len(block.bullets) == 3  # the empty item is left out
    assert block.lines[0].startswith("Surat permintaan")
    ends = (*block.bullets[1:], len(block.lines))
    items = [" ".join(block.lines[a:b]) for a, b in zip(block.bullets, ends, strict=True)]
    assert items == [ITEMS[0], ITEMS[1], ITEMS[3]]
    assert len(block.lines) > 3  # the long items wrap, their lines are not new items
    # every line starts at the same indent, past the bullet drawn at x
    assert len(set(block.indents)) == 1 and block.indents[0] > 2.0
    assert all(block.line_x(i) == block.x + block.indents[0] for i in range(len(block.lines)))


def test_a_single_item_is_bulleted_too():
    doc = layout_sop(make_sop(3, 2))
    block = _cell(doc, 0, ColumnKind.KELENGKAPAN).text
    assert block.lines == ("Dokumen 1",) and block.bullets == (0,)


def test_a_multi_line_output_reads_left_aligned_and_a_short_one_centred():
    doc = layout_sop(_sop())
    long = _cell(doc, 1, ColumnKind.OUTPUT).text
    short = _cell(doc, 0, ColumnKind.OUTPUT).text
    assert len(long.lines) > 1 and long.align is Align.LEFT
    assert short.lines == ("Hasil 1",) and short.align is Align.CENTER


def test_every_step_cell_is_top_aligned():
    doc = layout_sop(_sop())
    for page in doc.flow_pages:
        for row in page.table.step_rows:
            for cell in row.cells:
                if cell.text is not None and cell.text.lines:
                    assert abs(cell.text.top - (cell.rect.y + cell.pad_top)) < 1e-6, cell.role
