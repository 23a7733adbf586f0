"""Verbs, their roots and objects, and artefact abbreviations (sopdoc.validate.step_text)."""

from __future__ import annotations

import pytest

from sopdoc.validate.step_text import expand, verb_roots, verbs


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
