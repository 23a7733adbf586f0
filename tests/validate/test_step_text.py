"""Verbs, their roots and objects, and artefact abbreviations (sopdoc.validate.step_text)."""

from __future__ import annotations

import pytest

from sopdoc.validate.step_text import expand, names_document, verb_roots, verbs


@pytest.mark.parametrize(("word", "root"), [
    ("menelaah", "telaah"), ("meneliti", "teliti"), ("menilai", "nilai"), ("menyusun", "susun"),
    ("memeriksa", "periksa"), ("membuat", "buat"), ("mengolah", "olah"), ("menghitung", "hitung"),
    ("mengkaji", "kaji"), ("merekapitulasi", "rekapitulasi"), ("memverifikasi", "verifikasi"),
    ("menolak", "tolak"), ("menunda", "tunda"), ("menerima", "terima"), ("menyetujui", "setuju"),
    ("mengembalikan", "kembali"), ("membatalkan", "batal"), ("menyiapkan", "siap"),
    ("memperbaiki", "baik"), ("berkoordinasi", "koordinasi"),
])
def test_verb_roots(word: str, root: str) -> None:
    assert root in verb_roots(word)


def test_no_prefix_no_root() -> None:
    assert verb_roots("laporan") == frozenset()
    assert verb_roots("dan") == frozenset()


def test_verbs_with_objects_and_prepositions_left_out() -> None:
    found = verbs("Menerima pengaduan secara langsung atau melalui aplikasi")
    assert [v.word for v in found] == ["menerima"]
    assert found[0].obj == ("pengaduan", "secara", "langsung", "atau", "melalui", "aplikasi")
    found = verbs("Meneliti berkas dan menerima atau menolak pendaftaran")
    assert [(v.word, v.before) for v in found] == [("meneliti", ""), ("menerima", "dan"), ("menolak", "atau")]


def test_expand_abbreviations() -> None:
    assert expand("Renja Perangkat Daerah") == "rencana kerja perangkat daerah"
    assert expand("SKTM") == "surat keterangan tidak mampu"
    assert expand("Laporan Kinerja") == "laporan kinerja"


# Outputs as printed in the signed BPS Bengkulu SOPs of the judged corpus (tests/data/judged-findings/)
@pytest.mark.parametrize("output", [
    "Draf surat pada portal", "Data pembelian yang terinput pada Aplikasi SAKTI", "Raw Data yang Berkualitas",
    "Berita Acara Hasil Inspeksi Pabrikasi.", "Surat sudah di tandatangan elektronik atau manual",
    "SPP untuk diajukan ke PPSPM", "BA Penelitian dengan melampirkan Taksiran Nilai Limit",
    "Penetapan Spesifikasi Teknis/KAK.", "Disposisi Kepala BPS Provinsi", "Usulan revisi terinput pada BOS",
    "Laporan supervisi/pengawasan", "IHK", "Angka Inisial PKRT",
])
def test_outputs_that_name_a_document(output: str) -> None:
    assert names_document(output)


@pytest.mark.parametrize("output", [
    "Masalah Diperbaiki", "Performa PC Meningkat", "Sudah dibersihkan dari virus", "Terbitnya SP2D",
    "Terkoreksinya belanja pegawai", "Kendala Pendataan terselesaikan", "Progres entri sudah 100 persen",
    "Status Sampel telah Approved By Admin Kab/Kota", "Pembuatan Titik Restore Berhasil",
    "Petugas Lapangan yang sudah mengikuti Pelatihan", "Peserta yang mendaftar.", "Pelatihan",
    "Penyimpanan Data", "1 Hari Kerja", "30 Menit",
])
def test_outputs_that_state_a_result_a_person_or_a_time(output: str) -> None:
    assert not names_document(output)
