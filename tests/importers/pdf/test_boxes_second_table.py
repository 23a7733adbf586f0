"""The six boxes drawn as a second table under the identity table (bps-028 and bps-031, by eye:
page 1 holds the identity table, then a table DASAR HUKUM | KUALIFIKASI PELAKSANA,
KETERKAITAN | PERALATAN/PERLENGKAPAN, PERINGATAN | PENCATATAN DAN PENDATAAN) are read, and the
flowchart column "Persyaratan/ Perlengkapan" is the Kelengkapan. Before, all six boxes were
reported missing (SOP201) and every step's Kelengkapan empty (SOP404): import artefacts
(tests/data/judged-findings/)."""

from __future__ import annotations

from pathlib import Path

from sopdoc.importers.pdf.importer import import_pdf_file

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus" / "bps"


def test_boxes_of_the_second_table_and_the_perlengkapan_column() -> None:
    sop = import_pdf_file(CORPUS / "bps-031-pengajuan-belanja-pegawai.pdf").load.sop
    assert sop is not None
    assert sop.dasar_hukum and sop.dasar_hukum[0].startswith("PMK No. 210/PMK.05/2022")
    assert sop.keterkaitan == ()
    assert sop.peralatan_perlengkapan == ("Komputer", "Printer", "Internet", "Aplikasi SAKTI", "Aplikasi Gaji Web")
    assert sop.peringatan == ("Jika SOP tidak dilaksanakan, maka seluruh gaji pegawai tidak terbayarkan",)
    assert sop.pencatatan_pendataan == ()
    assert sop.kegiatan[6].mutu_baku.kelengkapan == ("SP2D",)  # step 7, by eye: "SP2D"
