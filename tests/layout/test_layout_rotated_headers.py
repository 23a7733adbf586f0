"""Crowded actor headers are rotated (issue #16, item 3): when a name cannot be set horizontally
at a legible size without breaking a word, every actor header reads bottom-to-top at the full
header size, never broken inside a word, the header row as high as the longest name needs."""

from __future__ import annotations

from sopdoc.layout import PageProfile, layout_sop
from sopdoc.layout.geometry import ColumnKind
from sopdoc.layout.metrics import font_set
from sopdoc.source.reader import load_sop
from tests.conftest import DATA
from tests.layout.builders import make_sop
from tests.layout.quality import header_problems, quality_problems

EIGHT_LONG = DATA / "layout" / "delapan-pelaksana-nama-panjang.sop.yaml"
NAMES = ("Bupati", "Sekretaris Daerah", "Asisten Pemerintahan dan Kesejahteraan Rakyat", "Kepala Bagian Hukum",
         "Pengadministrasi Umum", "Kepala Dinas", "Kepala Subbagian Umum dan Kepegawaian", "Pengelola Keuangan")


def _actor_headers(page):
    table = page.table
    return [(table.columns[c.col], c) for c in table.rows[1].cells
            if table.columns[c.col].kind is ColumnKind.PELAKSANA]


def test_eight_long_names_on_f4_are_rotated_whole_at_the_header_size():
    sop = load_sop(EIGHT_LONG).sop
    assert sop is not None
    doc = layout_sop(sop)
    fonts = font_set("sans")
    for page in doc.flow_pages:
        headers = _actor_headers(page)
        assert [col.title for col, _ in headers] == list(NAMES)
        for col, cell in headers:
            block = cell.text
            assert block is not None and block.rotated and block.bold
            assert block.font_size == 8.0  # the profile's size: rotated instead of shrunk
            assert " ".join(block.lines) == col.title  # lines break only between words
            assert cell.rect.contains(block.bounds)
        # the row as high as the longest line needs (its paddings, a 2 pt search step)
        row = page.table.rows[1]
        longest = max(fonts.width(line, 8.0, True) for _, c in headers for line in c.text.lines)
        assert longest + 6.0 <= row.height + 0.01 <= longest + 6.0 + 2.0 + 0.01
        # the mutu baku sub-headers stay horizontal
        assert not any(c.text.rotated for c in row.cells if page.table.columns[c.col].kind is not ColumnKind.PELAKSANA)
    assert quality_problems(sop, doc) == []


def test_long_name_wraps_at_spaces_into_at_most_three_lines():
    """The longest name (45 characters) wraps between words into at most three lines of the
    rotated cell, which stays within 100 pt, at the full size."""
    doc = layout_sop(load_sop(EIGHT_LONG).sop)
    cells = {col.title: cell for col, cell in _actor_headers(doc.flow_pages[0])}
    lines = cells["Asisten Pemerintahan dan Kesejahteraan Rakyat"].text.lines
    assert 2 <= len(lines) <= 3 and " ".join(lines) == "Asisten Pemerintahan dan Kesejahteraan Rakyat"
    assert cells["Bupati"].text.lines == ("Bupati",)
    assert doc.flow_pages[0].table.rows[1].height <= 100.0


def test_few_actors_keep_horizontal_headers():
    doc = layout_sop(make_sop(10, 5))
    for page in doc.flow_pages:
        assert not any(cell.text.rotated for _, cell in _actor_headers(page))
        assert header_problems(page, "sans") == []


def test_twelve_actors_on_a4_portrait_are_rotated():
    sop = make_sop(14, 12)
    doc = layout_sop(sop, PageProfile.resolve({"kertas": "a4", "orientasi_alur": "potret"}))
    for page in doc.flow_pages:
        headers = _actor_headers(page)
        assert len(headers) == 12 and all(cell.text.rotated for _, cell in headers)
        assert all(cell.text.lines == (col.title,) for col, cell in headers)  # "Pelaksana 12": one line
    assert quality_problems(sop, doc) == []


def test_twelve_short_names_on_f4_stay_horizontal_at_a_legible_size():
    """"Pelaksana 12" fits a 41 pt column at 7 pt on two lines: not crowded."""
    doc = layout_sop(make_sop(14, 12))
    for page in doc.flow_pages:
        assert not any(cell.text.rotated for _, cell in _actor_headers(page))
        assert all(cell.text.font_size >= 6.5 for _, cell in _actor_headers(page))


def test_twelve_long_names_on_f4_are_rotated():
    names = (*NAMES, "Camat", "Lurah Kelurahan Contoh", "Kepala Seksi Pemerintahan", "Operator Aplikasi SRIKANDI")
    base = make_sop(14, 12)
    steps = tuple(k.model_copy(update={"pelaksana": (names[i % 12],)}) for i, k in enumerate(base.kegiatan))
    sop = base.model_copy(update={"pelaksana": names, "kegiatan": steps})
    doc = layout_sop(sop)
    for page in doc.flow_pages:
        assert all(cell.text.rotated for _, cell in _actor_headers(page))
    assert quality_problems(sop, doc) == []


def test_checker_finds_a_horizontal_header_below_the_legible_size():
    """The checker itself: a page whose actor header is set horizontally at 5.5 pt is refused."""
    from dataclasses import replace

    doc = layout_sop(make_sop(10, 5))
    page = doc.flow_pages[0]
    table = page.table
    row = table.rows[1]
    small = tuple(replace(c, text=replace(c.text, font_size=5.5)) if table.columns[c.col].kind is ColumnKind.PELAKSANA
                  else c for c in row.cells)
    page = replace(page, table=replace(table, rows=(table.rows[0], replace(row, cells=small), *table.rows[2:])))
    assert any("horizontal at 5.5 pt" in p for p in header_problems(page, "sans"))
