"""The PDF importer: the corpus against by-eye summaries, and hostile files."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from sopdoc.importers.dispatch import load_source
from sopdoc.importers.pdf.importer import MAX_PAGES, import_pdf_file
from tests.conftest import DATA
from tests.importers.pdf import fixtures as fx

EXPECTED = json.loads((DATA / "import" / "corpus-expected.json").read_text(encoding="utf-8"))
DOCS = sorted(k for k in EXPECTED if not k.startswith("_"))


def _corpus(name: str) -> Path:
    path = fx.CORPUS / name
    assert path.is_file(), f"{path} is missing: the corpus copies belong to the repository (tests/data/README.md)"
    return path


@pytest.mark.parametrize("name", DOCS)
def test_corpus_pdf_matches_the_summary_read_by_eye(name: str) -> None:
    want = EXPECTED[name]
    sop = import_pdf_file(_corpus(name)).load.sop
    assert sop is not None
    assert len(sop.kegiatan) == want["steps"]
    assert list(sop.pelaksana) == want["actors"]
    assert [k.simbol.value if k.simbol else None for k in sop.kegiatan] == want["simbol"]
    assert [list(k.pelaksana) for k in sop.kegiatan] == want["pelaksana"]


@pytest.mark.parametrize("name", [n for n in DOCS if EXPECTED[n]["cabang"]])
def test_corpus_decision_targets(name: str) -> None:
    want = EXPECTED[name]["cabang"]
    result = import_pdf_file(_corpus(name))
    sop = result.load.sop
    assert sop is not None
    got = {str(k.no): {"ya": k.cabang.ya, "tidak": k.cabang.tidak} for k in sop.kegiatan if k.cabang}
    assert set(got) <= set(want)
    for no, targets in want.items():
        have = got.get(no, {})
        for label, target in targets.items():
            if have.get(label) is None:
                # a target the geometry could not read must be reported, never invented
                assert any(d.code == "IMP024" and d.path[:2] == ("kegiatan", int(no) - 1)
                           for d in result.load.diagnostics), (no, label)
            else:
                assert have[label] == target, (no, label)


def test_decision_targets_fully_read_for_314() -> None:
    sop = import_pdf_file(_corpus("bps-bengkulu-314-laporan-gratifikasi.pdf")).load.sop
    assert sop is not None and sop.kegiatan[3].cabang is not None
    assert (sop.kegiatan[3].cabang.ya, sop.kegiatan[3].cabang.tidak) == (5, 7)


def test_decision_targets_fully_read_for_011_tidak_leaving_the_top_vertex() -> None:
    result = import_pdf_file(_corpus("bps-bengkulu-011-revisi-anggaran.pdf"))
    sop = result.load.sop
    assert [(k.no, k.cabang.ya, k.cabang.tidak) for k in sop.kegiatan if k.cabang] == [(4, 5, 1), (6, 7, 1), (8, 9, 1)]
    assert "IMP024" not in {d.code for d in result.load.diagnostics}


def test_identity_table_and_boxes_from_020() -> None:
    sop = import_pdf_file(_corpus("bps-bengkulu-020-naskah-dinas-sk.pdf")).load.sop
    assert sop is not None
    ident = sop.identitas
    assert ident.nomor == "SOP-020/17000/2025"
    assert ident.tanggal_efektif.isoformat() == "2025-06-02"
    assert ident.disahkan_oleh.jabatan == "Kepala BPS Provinsi Bengkulu"
    assert ident.instansi[0] == "BADAN PUSAT STATISTIK"
    assert sop.dasar_hukum and sop.dasar_hukum[0].startswith("Undang-Undang Nomor 16 Tahun 1997")
    assert sop.kegiatan[2].mutu_baku.waktu.teks == "1 - 5 hari Kerja"
    assert sop.kegiatan[2].mutu_baku.waktu.terbaca


def test_check_reads_pdf_with_page_table_row_origins() -> None:
    result = load_source(_corpus("bps-bengkulu-322-birthday-greeting-card.pdf"))
    bad = [d for d in result.diagnostics if d.code == "SOP012"]  # "Semesteran" is not a duration
    assert bad and bad[0].origin.page == 1 and bad[0].origin.table == 2 and bad[0].origin.row == 8


def test_scanned_page_needs_ocr(tmp_path: Path) -> None:
    result = import_pdf_file(fx.pdf_hasil_pindai(tmp_path / "pindai.pdf"))
    assert result.load.sop is None
    scan = [d for d in result.load.diagnostics if d.code == "IMP005"]
    assert scan and scan[0].message.id == "halaman hasil pindai, perlu OCR" and scan[0].origin.page == 1


def test_encrypted_pdf(tmp_path: Path) -> None:
    result = import_pdf_file(fx.pdf_terenkripsi(tmp_path / "kunci.pdf"))
    assert result.load.sop is None
    assert [d.code for d in result.load.diagnostics] == ["IMP004"]


@pytest.mark.parametrize("make", [fx.pdf_terpotong, fx.bukan_pdf])
def test_damaged_pdf(tmp_path: Path, make) -> None:
    result = import_pdf_file(make(tmp_path / "rusak.pdf"))
    assert result.load.sop is None
    assert result.load.diagnostics and result.load.diagnostics[0].code in ("IMP003", "IMP020", "IMP002")


def test_500_pages_is_capped_and_bounded_in_time(tmp_path: Path) -> None:
    path = fx.pdf_500_halaman(tmp_path / "tebal.pdf")
    start = time.perf_counter()
    result = import_pdf_file(path)
    elapsed = time.perf_counter() - start
    assert any(d.code == "IMP006" and str(MAX_PAGES) in d.message.id for d in result.load.diagnostics)
    assert result.load.sop is None  # no SOP in it, and no hang
    assert elapsed < 30
