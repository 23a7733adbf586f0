"""Column balance (issue #16, item 4): width moves between KEGIATAN, KELENGKAPAN, OUTPUT and
KETERANGAN when that lowers the rows; each keeps its longest word and title, KEGIATAN its
minimum, the actor columns and WAKTU their widths."""

from __future__ import annotations

from sopdoc.layout import PageProfile, layout_sop
from sopdoc.layout.columns import layout_columns
from sopdoc.layout.geometry import ColumnKind
from sopdoc.layout.metrics import font_set
from sopdoc.model.sop import MutuBaku
from tests.layout.builders import make_sop

ITEMS = tuple(f"Salinan surat keputusan nomor {i}" for i in range(1, 11))
"""Ten kelengkapan items of five short words each: about 120 pt at 8 pt, three lines each in the
90 pt column a KELENGKAPAN gets by preference."""


def _sop(uraian: str = "Memeriksa berkas", items: tuple[str, ...] = ITEMS):
    sop = make_sop(6, 3, uraian=uraian)
    steps = [s.model_copy(update={"mutu_baku": MutuBaku(kelengkapan=items, output="Berkas")}) for s in sop.kegiatan]
    return sop.model_copy(update={"kegiatan": tuple(steps)})


def _widths(doc) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for c in doc.flow_pages[0].table.columns:
        out.setdefault(c.kind.value, []).append(round(c.width, 3))
    return out


def _unbalanced(sop) -> dict[str, list[float]]:
    profile = PageProfile()
    width, _h = profile.page_size(profile.orientasi_alur)
    _mt, mr, _mb, ml = profile.margins_pt()
    out: dict[str, list[float]] = {}
    for c in layout_columns(sop, font_set(profile.font), profile.ukuran_font, ml, width - ml - mr):
        out.setdefault(c.kind.value, []).append(round(c.width, 3))
    return out


def test_long_kelengkapan_lists_take_the_width_kegiatan_does_not_use():
    sop = _sop()
    doc = layout_sop(sop)
    before, after = _unbalanced(sop), _widths(doc)
    assert before["kelengkapan"][0] <= 100  # the preferred width: items wrap
    assert after["kelengkapan"][0] > before["kelengkapan"][0] + 20
    assert after["kegiatan"][0] < before["kegiatan"][0]
    assert after["kegiatan"][0] >= 100  # KEGIATAN's minimum
    for kind in ("no", "pelaksana", "waktu"):
        assert after[kind] == before[kind], kind
    assert abs(sum(sum(v) for v in after.values()) - sum(sum(v) for v in before.values())) < 1e-6
    page = doc.flow_pages[0]
    kel = next(c.index for c in page.table.columns if c.kind is ColumnKind.KELENGKAPAN)
    for row in page.table.rows:
        if row.step is None:
            continue
        block = next(c for c in row.cells if c.col == kel).text
        assert len(block.lines) == len(ITEMS), block.lines  # one line per item now


def test_a_long_step_text_takes_width_from_a_column_holding_short_words():
    long = ("Menyusun rancangan laporan kinerja triwulan berdasarkan data yang dikumpulkan dari setiap "
            "bidang dan menyampaikannya kepada pimpinan untuk diperiksa dan ditandatangani ") * 3
    sop = _sop(uraian=long, items=("Data kinerja",))
    doc = layout_sop(sop)
    before, after = _unbalanced(sop), _widths(doc)
    assert after["kegiatan"][0] > before["kegiatan"][0]
    assert after["kelengkapan"][0] < before["kelengkapan"][0]
    fonts = font_set(PageProfile().font)
    assert after["kelengkapan"][0] >= fonts.width("KELENGKAPAN", PageProfile().ukuran_font, bold=True) + 6
    for kind in ("no", "pelaksana", "waktu", "keterangan"):  # KETERANGAN holds nothing: never grows
        assert after[kind] == before[kind], kind


def test_columns_stay_when_no_move_lowers_the_rows():
    sop = _sop(uraian="Memeriksa berkas", items=("Data",))
    assert _widths(layout_sop(sop)) == _unbalanced(sop)


def test_kegiatan_never_narrower_than_its_longest_word():
    word = "Penatausahaanpertanggungjawabankeuangandaerahterintegrasi"
    sop = _sop(uraian=f"Memeriksa {word}")
    doc = layout_sop(sop)
    keg = next(c for c in doc.flow_pages[0].table.columns if c.kind is ColumnKind.KEGIATAN)
    fonts = font_set(PageProfile().font)
    assert keg.width >= fonts.width(word, PageProfile().ukuran_font) + 6
    for row in doc.flow_pages[0].table.rows:
        if row.step is not None:
            cell = next(c for c in row.cells if c.col == keg.index)
            assert any(word in line for line in cell.text.lines)  # not hyphenated
