"""The copied documents in tests/data are complete and byte-for-byte those tests/data/README.md lists."""

from __future__ import annotations

import hashlib
import re

import pytest

from tests.conftest import CORPUS, DATA, SEEDS

ROW = re.compile(r"^\| `(?P<name>[^`]+\.(?:pdf|txt))` \|.*\| `(?P<sha>[0-9a-f]{64})` \|", re.MULTILINE)
BPS = [  # tests/data/corpus/bps: the by-eye summarised documents (import-expected/)
    "bps/bps-009-penjualan-bmn.pdf",
    "bps/bps-022-pembuatan-naskah-dinas.pdf",
    "bps/bps-028-pengajuan-ls-kppn.pdf",
    "bps/bps-031-pengajuan-belanja-pegawai.pdf",
    "bps/bps-038-pengumpulan-data-publikasi.pdf",
    "bps/bps-044-pemeliharaan-sistem-operasi.pdf",
    "bps/bps-048-pengolahan-data-capi.pdf",
    "bps/bps-069-konsumsi-rumahtangga-adhb.pdf",
    "bps/bps-077-pengumpulan-data-seruti.pdf",
    "bps/bps-078-diseminasi-seruti.pdf",
    "bps/bps-081-pengumpulan-data-spak.pdf",
    "bps/bps-084-podes.pdf",
    "bps/bps-122-survei-pergudangan-vpek.pdf",
    "bps/bps-125-survei-tahunan-industri-manufaktur.pdf",
    "bps/bps-159-diseminasi-konstruksi-triwulanan.pdf",
    "bps/bps-173-evaluasi-data-pertambangan.pdf",
    "bps/bps-182-pengumpulan-data-penggalian-tahunan.pdf",
    "bps/bps-191-survei-triwulanan-penggalian.pdf",
    "bps/bps-226-survei-lptb.pdf",
    "bps/bps-227-survei-pemotongan-ternak.pdf",
    "bps/bps-248-pengumpulan-data-pelabuhan-perikanan.pdf",
    "bps/bps-250-diseminasi-pelabuhan-perikanan.pdf",
    "bps/bps-264-dokumen-pemilihan-penunjukan-langsung.pdf",
    "bps/bps-270-pengadaan-langsung-barang-jasa.pdf",
    "bps/bps-280-persiapan-pengadaan-konsultansi-konstruksi.pdf",
    "bps/bps-286-seleksi-konsultansi-permintaan-berulang.pdf",
    "bps/bps-290-persiapan-pengadaan-konstruksi.pdf",
    "bps/bps-299-penunjukan-langsung-konstruksi.pdf",
    "bps/bps-320-monev-desa-cantik.pdf",
    "bps/bps-338-komponen-ekspor-adhk.pdf",
    "bps/bps-344-penyiangan-publikasi.pdf",
    "bps/bps-348-upload-publikasi.pdf",
]
LISTED = {m["name"]: m["sha"] for m in ROW.finditer((DATA / "README.md").read_text(encoding="utf-8"))}


def test_readme_lists_the_four_corpus_pdfs_and_the_five_seeds() -> None:
    assert sorted(LISTED) == [
        "000_ae1c2db3f4ad38c9.txt", "001_d3e07cc3412ab670.txt", "002_22ac13d60a74ac94.txt",
        "003_46b4d4ee7e83561a.txt", "004_09aeb5c58688bbdc.txt",
        "bps-bengkulu-011-revisi-anggaran.pdf", "bps-bengkulu-020-naskah-dinas-sk.pdf",
        "bps-bengkulu-314-laporan-gratifikasi.pdf", "bps-bengkulu-322-birthday-greeting-card.pdf",
        *BPS,
    ]


def test_folders_hold_exactly_the_listed_files() -> None:
    present = {p.name for p in CORPUS.iterdir() if p.is_file()} | {p.name for p in SEEDS.iterdir()}
    present |= {f"bps/{p.name}" for p in (CORPUS / "bps").iterdir()}
    assert present == set(LISTED)


@pytest.mark.parametrize("name", sorted(LISTED))
def test_copy_is_unmodified(name: str) -> None:
    path = (CORPUS if name.endswith(".pdf") else SEEDS) / name
    assert hashlib.sha256(path.read_bytes()).hexdigest() == LISTED[name]
