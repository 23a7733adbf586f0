"""The OCR plausibility check: words a person would not have written, whatever Tesseract's confidence."""

from __future__ import annotations

import gzip

import pytest

from sopdoc.importers.ocr.page import join_broken_words
from sopdoc.importers.ocr.plausible import VOCABULARY_FILE, known_word, unknown_words, vocabulary


def test_the_shipped_vocabulary_names_its_sources_and_holds_sop_words() -> None:
    head = gzip.decompress(VOCABULARY_FILE.read_bytes()).decode("utf-8").split("\n")[:3]
    assert head[0].startswith("# OCR vocabulary, made by tools/make_ocr_vocab.py")
    assert "ind.traineddata" in head[1]
    words = vocabulary()
    assert len(words) > 30000
    assert {"kegiatan", "pelaksana", "memerintahkan", "kepegawaian", "disposisi"} <= words
    assert not any(w.startswith("#") or w != w.casefold() for w in words)


@pytest.mark.parametrize("word", [
    "Penyuntingan",  # peny-unting-an: 'penyunting' is in the list, the noun in -an is not
    "Mengklasifikasikan", "didistribusikan", "Terpublikasi", "kebenarannya", "masing-masing", "Menginput",
    "teregistrasi",  # ter- before r written te-: ter + registrasi (the keberatan scan's Output)
])
def test_affixed_forms_of_known_words_are_known(word: str) -> None:
    assert unknown_words(word) == []


@pytest.mark.parametrize("misread", [
    "Penvuntingan",  # y read v (bps 225)
    "Memenintahkan",  # r read n (the keberatan scan)
    "informasi:dan",  # two words glued by a speck
    "PPlD",  # l for I inside an abbreviation
    "Kepegawalan",  # i read l
])
def test_misreads_are_unknown(misread: str) -> None:
    assert unknown_words(f"Melakukan {misread} data") == [misread]


@pytest.mark.parametrize("text", ["SOP-003/08/2022", "5 Menit", "Aplikasi SIP PPID", "BKD", "2 x 24 jam", "UU No. 14"])
def test_numbers_codes_and_abbreviations_are_not_checked(text: str) -> None:
    assert unknown_words(text) == []


def test_the_documents_own_headers_are_known_words() -> None:
    assert unknown_words("diserahkan kepada Kasubbag Umpar") == ["Umpar"]
    assert unknown_words("diserahkan kepada Kasubbag Umpar", ["Kasubbag Umpar"]) == []
    assert known_word("umpar", frozenset({"umpar"}))


@pytest.mark.parametrize(("actor", "odd"), [
    ("Pengguna Layanan v", ["v"]),  # a tick read as a letter (the keberatan scan)
    ("— Kasat", ["—"]),  # a connector's end read as a dash (the Satpol PP bundle)
    ("Pengelola 2 Kepegawaian", ["2"]),
    ("Pengadminis trasi Umum", ["Pengadminis", "trasi"]),  # a word broken by a narrow column
    ("PPID Utama/ PPID Pembantu", []),
    ("Tim Laporan BMN (Operator)", []),
    ("TU Kepala Satuan", []),
])
def test_actor_names_are_checked_strictly(actor: str, odd: list[str]) -> None:
    assert unknown_words(actor, name=True) == odd


def test_a_header_word_broken_by_a_narrow_column_is_joined() -> None:
    assert join_broken_words("Pengadminis\ntrasi Umum") == "Pengadministrasi\nUmum"
    assert join_broken_words("Pengadminist\nrasian umum") == "Pengadministrasian\numum"
    assert join_broken_words("Kepala\nSatuan") == "Kepala\nSatuan"  # two words stay two


@pytest.mark.parametrize("text", [
    "Ketua Tim Stat Produksi",  # bps 208/210 headers: Stat = Statistik
    "Kasubid", "Kasubbid Umpeg", "Tentatif",  # pengumuman step 2's uraian; the pengumpulan scan's waktu
])
def test_words_a_person_added_to_the_vocabulary_are_known(text: str) -> None:
    # tools/kata-ocr-tambahan.txt: KBBI words and abbreviations of position names the model's list lacks
    assert unknown_words(text, name=True) == []


@pytest.mark.parametrize(("text", "odd"), [
    ("Konsep pengumuman 'Informasi publik", ["'Informasi"]),  # the pengumuman scan, step 2's Output
    ("10 Menit'", ["Menit'"]),  # the Satpol PP bundle, SOP 13 step 10's waktu
    ("Menyusun 'konsep' pengumuman", []),  # a quoted word keeps its pair
    ("Dokumen “Laporan Akhir” dikirim", []),
])
def test_a_quote_mark_without_its_pair_is_residue(text: str, odd: list[str]) -> None:
    assert unknown_words(text) == odd
