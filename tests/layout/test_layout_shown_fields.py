"""The layout shows judul_flowchart (title above every flowchart table, height reserved),
periode (an identity row after Tanggal Efektif) and lembar_kerja (the worksheet page, first)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sopdoc.layout import PageProfile, layout_sop
from sopdoc.layout.flowchart import TITLE_GAP
from sopdoc.layout.geometry import PageKind
from sopdoc.model.sop import LangkahKerja, LembarKerja, Periode
from tests.layout.builders import make_sop
from tests.strategies import sops

MARGINS = PageProfile().margins_pt()


def _titles(page):
    return [lb for lb in page.labels if lb.role == "judul_flowchart"]


def _ident_line(page):
    (line,) = [lb for lb in page.labels if lb.role == "identitas_flowchart"]
    return line


def test_title_on_every_flow_page_above_the_table() -> None:
    sop = make_sop(24).model_copy(update={"judul_flowchart": "SOP : PENGUMPULAN DATA KINERJA"})
    layout = layout_sop(sop)
    assert len(layout.flow_pages) >= 2
    for page in layout.flow_pages:
        (title,) = _titles(page)
        assert title.text.bold and title.text.lines == ("SOP : PENGUMPULAN DATA KINERJA",)
        ident = _ident_line(page)
        assert ident.rect.y == MARGINS[0]
        assert abs(title.rect.y - (ident.rect.bottom + TITLE_GAP)) < 1e-6
        assert abs(page.table.y - (title.rect.bottom + TITLE_GAP)) < 1e-6
        assert page.table.rows[-1].bottom <= page.height - MARGINS[2] + 1e-6


def test_no_title_keeps_only_the_identity_line_above_the_table() -> None:
    layout = layout_sop(make_sop(5))
    for p in layout.flow_pages:
        ident = _ident_line(p)
        assert not _titles(p) and ident.rect.y == MARGINS[0]
        assert abs(p.table.y - (ident.rect.bottom + TITLE_GAP)) < 1e-6


def test_every_flow_page_names_the_sop_and_its_number() -> None:
    layout = layout_sop(make_sop(30))
    assert len(layout.flow_pages) >= 2
    for page in layout.flow_pages:
        line = _ident_line(page)
        assert line.text.lines == ("Nama SOP: SOP Contoh \u2014 Nomor SOP: 800/1/2026",)
        assert not line.text.bold  # a bold line above the table is the title when read back


def test_empty_identity_fields_show_a_dash_and_long_names_wrap() -> None:
    sop = make_sop(3)
    blank = sop.model_copy(update={"identitas": sop.identitas.model_copy(update={"nama": None, "nomor": None})})
    assert _ident_line(layout_sop(blank).flow_pages[0]).text.lines == ("Nama SOP: - \u2014 Nomor SOP: -",)
    long = sop.model_copy(update={"identitas": sop.identitas.model_copy(update={"nama": "Penyusunan " * 40})})
    page = layout_sop(long).flow_pages[0]
    line = _ident_line(page)
    assert len(line.text.lines) >= 2 and not line.text.clipped
    assert " ".join(line.text.lines).count("Penyusunan") == 40
    assert page.table.y >= line.rect.bottom


def test_empty_kop_is_a_warning() -> None:
    def codes(sop):
        return [d.code for d in layout_sop(sop).warnings]

    sop = make_sop(3)
    assert "SOP608" not in codes(sop)
    empty = sop.model_copy(update={"identitas": sop.identitas.model_copy(update={"instansi": ()})})
    assert "SOP608" in codes(empty)
    assert "SOP608" not in codes(empty.model_copy(update={"identitas": empty.identitas.model_copy(
        update={"unit": "Bagian Umum"})}))


def test_title_costs_rows_not_overflow() -> None:
    plain = layout_sop(make_sop(40))
    titled = layout_sop(make_sop(40).model_copy(update={"judul_flowchart": "Judul " * 60}))
    assert len(titled.flow_pages) >= len(plain.flow_pages)
    for page in titled.flow_pages:
        assert len(_titles(page)[0].text.lines) >= 2
        assert page.table.rows[-1].bottom <= page.height - MARGINS[2] + 1e-6


def test_periode_row_follows_tanggal_efektif_only_when_set() -> None:
    def roles(sop):
        return [c.role for c in layout_sop(sop).pages[0].cells if c.role.endswith(".label")]

    assert "periode.label" not in roles(make_sop(3))
    got = roles(make_sop(3).model_copy(update={"periode": Periode.TRIWULAN}))
    assert got.index("periode.label") == got.index("tanggal_efektif.label") + 1
    cell = next(c for c in layout_sop(make_sop(3).model_copy(update={"periode": Periode.TRIWULAN})).pages[0].cells
                if c.role == "periode.value")
    assert cell.text.lines == ("Triwulan",)


def test_worksheet_is_the_first_page_and_counted() -> None:
    lk = LembarKerja(judul_sop="Pengumpulan Data Kinerja", jenis_kegiatan="Rutin",
                     langkah=(LangkahKerja(no=1, tahap="awal", uraian="Menghimpun data"),
                              LangkahKerja(no=2, tahap="akhir", uraian="Menyusun laporan")))
    layout = layout_sop(make_sop(5).model_copy(update={"lembar_kerja": lk}))
    kinds = [p.kind for p in layout.pages]
    assert kinds[:2] == [PageKind.WORKSHEET, PageKind.IDENTITY]
    assert [p.number for p in layout.pages] == list(range(1, len(layout.pages) + 1))
    footers = [lb.text.lines[0] for p in layout.pages for lb in p.labels if lb.role == "footer"]
    assert footers[0] == f"Halaman 1 dari {len(layout.pages)}"
    texts = [" ".join(c.text.lines) for c in layout.pages[0].cells if c.text is not None]
    assert texts[0] == "LEMBAR KERJA IDENTIFIKASI KEGIATAN"
    assert texts[texts.index("Uraian") + 1: texts.index("Uraian") + 4] == ["1", "Langkah Awal", "Menghimpun data"]
    assert layout_sop(make_sop(5)).pages[0].kind is PageKind.IDENTITY


@settings(max_examples=30, deadline=None, database=None)
@given(sop=sops(max_steps=14, max_actors=4), title=st.one_of(st.none(), st.text(min_size=1, max_size=300)))
def test_property_pages_stay_inside_the_margins(sop, title) -> None:
    layout = layout_sop(sop.model_copy(update={"judul_flowchart": title}))
    mt, _mr, mb, _ml = MARGINS
    for page in layout.pages:
        for cell in page.cells:
            assert cell.rect.bottom <= page.height - mb + 1e-6
        if page.kind is PageKind.FLOWCHART:
            assert page.table.y >= mt + sum(lb.text.height for lb in _titles(page)) - 1e-6
            assert page.table.y >= _ident_line(page).rect.bottom + TITLE_GAP - 1e-6
