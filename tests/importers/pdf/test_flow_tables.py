"""Flowchart tables of every template: header inside a larger grid, procurement, Diseminasi,
headerless continuations, and no table row lost without a finding.

Expected values were read from the page images (pdftoppm -png -r 60), not from importer output.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from sopdoc.importers.pdf.cells import cell_rects, with_cell_rules
from sopdoc.importers.pdf.importer import import_pdf_file
from tests.conftest import CORPUS

BPS = CORPUS / "bps"
# Layouts the importer does not read yet (issue #12 point 1): the test runs on them and must fail until
# they are read, so fixing one turns its strict xfail into a failure that asks to remove it from here.
NOT_YET: dict[str, str] = {}
ALL = [pytest.param(p, marks=pytest.mark.xfail(reason=NOT_YET[p.name], strict=True)) if p.name in NOT_YET else p
       for p in sorted([*CORPUS.glob("*.pdf"), *BPS.glob("*.pdf")])]

# by eye: step count, step numbers, actors (None: not compared here)
SEEN = {
    "bps-077-pengumpulan-data-seruti.pdf": (2, [1, 2], ["Ketua Tim Statistik Sosial", "Anggota Tim Statistik Sosial",
                                                        "Kepala Bagian Umum", "BPS Kabupaten/Kota"]),
    "bps-084-podes.pdf": (4, [1, 2, 3, 4], None),
    "bps-286-seleksi-konsultansi-permintaan-berulang.pdf": (7, list(range(1, 8)), ["Pokja Pemilihan", "Peserta"]),
    "bps-299-penunjukan-langsung-konstruksi.pdf": (12, list(range(1, 13)), None),
    "bps-344-penyiangan-publikasi.pdf": (4, [1, 2, 3, 4], None),
    "bps-009-penjualan-bmn.pdf": (12, list(range(1, 13)), None),
}


def _rows_of(path: Path, page: int, table: int) -> list[list[str | None]]:
    """The table's rows as the table finder sees them (text and thin rules only)."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        p = pdf.pages[page - 1].filter(
            lambda o: o["object_type"] == "char"
            or (o["object_type"] in ("rect", "line") and min(float(o["width"]), float(o["height"])) < 3))
        p = with_cell_rules(p, cell_rects(pdf.pages[page - 1]))  # grids drawn as cell rectangles
        return p.find_tables()[table - 1].extract()


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_flowchart_table_row_is_a_step_or_a_reported_drop(path: Path) -> None:
    result = import_pdf_file(path)
    covered: dict[tuple[int, int], list[int]] = defaultdict(list)
    steps = [f.origin for f in result.report.fields if len(f.path) == 3 and f.path[0] == "kegiatan"
             and f.path[2] == "no"]
    drops = [d.origin for d in result.load.diagnostics if d.code in ("IMP029", "IMP038")]
    for o in [*steps, *drops]:
        assert o is not None and o.page and o.table and o.row
        covered[(o.page, o.table)].append(o.row)
    assert steps, "no steps"
    for (page, table), rows in covered.items():
        assert len(rows) == len(set(rows)), (page, table, sorted(rows))
        all_rows = _rows_of(path, page, table)
        first = min(rows)
        assert sorted(rows) == list(range(first, len(all_rows) + 1)), (page, table, sorted(rows))
        if first > 1:  # the row above the first step or drop is the header
            # pdfminer spaces out the letters of some exports (bps 028): compared without spaces
            above = re.sub(r"\s+", "", " ".join(c or "" for c in all_rows[first - 2]).lower())
            assert re.search(r"waktu|kegiatan|aktivitas|uraian|output", above), above


@pytest.mark.parametrize("name", sorted(SEEN))
def test_template_steps_read_by_eye(name: str) -> None:
    count, numbers, actors = SEEN[name]
    sop = import_pdf_file(BPS / name).load.sop
    assert sop is not None
    assert len(sop.kegiatan) == count
    assert [k.no for k in sop.kegiatan] == numbers
    if actors is not None:
        assert list(sop.pelaksana) == actors


def test_procurement_identity_written_label_colon_value_in_one_cell() -> None:
    result = import_pdf_file(BPS / "bps-286-seleksi-konsultansi-permintaan-berulang.pdf")
    sop = result.load.sop
    assert sop is not None
    assert sop.identitas.nomor == "SOP-286/17000/2025"
    assert sop.identitas.tanggal_efektif is not None and sop.identitas.tanggal_efektif.isoformat() == "2025-01-10"
    assert sop.identitas.disahkan_oleh is not None and sop.identitas.disahkan_oleh.nama == "Win Rizal"
    assert len(sop.peralatan_perlengkapan or ()) == 8
    # the (1)…(8) row is reported, never a step; the page-2 table is a reported continuation
    assert any(d.code == "IMP038" and d.origin and d.origin.page == 1 for d in result.load.diagnostics)
    assert any(d.code == "IMP021" and d.origin and d.origin.page == 2 for d in result.load.diagnostics)


def test_statistik_one_page_actors_under_the_pelaksana_cell() -> None:
    sop = import_pdf_file(BPS / "bps-084-podes.pdf").load.sop
    assert sop is not None
    assert len(sop.pelaksana) == 5
    assert sop.identitas.nomor == "SOP-084/17000/2025"


def test_diseminasi_uraian_prosedur_over_the_number_column() -> None:
    sop = import_pdf_file(BPS / "bps-344-penyiangan-publikasi.pdf").load.sop
    assert sop is not None
    assert sop.kegiatan[0].uraian.startswith("Tim Diseminasi Statistik")
    assert len(sop.pelaksana) == 2


def test_mutu_baku_columns_in_any_order() -> None:
    sop = import_pdf_file(BPS / "bps-009-penjualan-bmn.pdf").load.sop
    assert sop is not None
    mb = sop.kegiatan[0].mutu_baku
    assert mb is not None and mb.output == "SK Tim" and mb.waktu is not None and mb.waktu.teks == "3 hari kerja"


@pytest.mark.parametrize(("name", "step", "actors"), [
    # connector lines drawn as table rules split the Staff cells into narrower sub-cells
    ("bps-338-komponen-ekspor-adhk.pdf", 2, ["Staff"]),
    # the last actor column (PPK) is split by a connector; its box is wider than the sub-cell
    ("bps-290-persiapan-pengadaan-konstruksi.pdf", 2, ["PPK"]),
    # a terminator wider than the narrowest body cell of its column, assigned by its centre
    ("bps-078-diseminasi-seruti.pdf", 1, ["Ketua Tim Statistik Sosial", "Anggota Tim Statistik Sosial"]),
])
def test_actor_columns_span_their_header_cells(name: str, step: int, actors: list[str]) -> None:
    sop = import_pdf_file(BPS / name).load.sop
    assert sop is not None
    assert list(sop.kegiatan[step - 1].pelaksana) == actors


def test_a_group_header_cell_over_several_actors_is_no_actor_span() -> None:
    # bps 210 through OCR: 'Pelaksana' over five actors; under it one group cell over the first four
    # (their names folded up from a third header row) and the BPS RI cell of its own
    from sopdoc.importers.grid.flow_table import _actor_spans

    xs = [(0.0, 10.0), (10.0, 20.0), (20.0, 30.0), (30.0, 40.0), (40.0, 50.0)]
    actors = [(0, "Kepala BPS"), (1, "Ketua Tim"), (2, "Anggota Tim"), (3, "DSPSS"), (4, "BPS RI")]
    top = ["Pelaksana", None, None, None, None]
    top_cells = [(0.0, 0.0, 50.0, 5.0), None, None, None, None]
    sub_cells = [(0.0, 5.0, 40.0, 10.0), None, None, None, (39.0, 5.0, 51.0, 10.0)]
    assert _actor_spans(actors, top, top_cells, sub_cells, xs) == [
        (0.0, 10.0), (10.0, 20.0), (20.0, 30.0), (30.0, 40.0), (39.0, 51.0)]
