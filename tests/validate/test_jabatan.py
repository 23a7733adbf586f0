"""The unit a jabatan heads and the units a kop names (sopdoc.validate.jabatan, SOP113)."""

from __future__ import annotations

import pytest

from sopdoc.validate.jabatan import Post, heads, kop_units, post_of


@pytest.mark.parametrize(("jabatan", "kind", "rank"), [
    ("Kepala Dinas Pertanian Kabupaten Buleleng", "dinas", 1),
    ("Plt. Kepala Dinas Sosial", "dinas", 1),
    ("Kepala Badan Pusat Statistik Kabupaten Gunungkidul", "badan", 1),
    ("Kepala Pelaksana Badan Penanggulangan Bencana Daerah", "badan", 1),
    ("Sekretaris DPRD Kabupaten Sleman", "sekretariat dprd", 1),
    ("Sekretaris Dewan Perwakilan Rakyat Daerah", "sekretariat dprd", 1),
    ("Sekretaris Daerah Kabupaten Grobogan", "daerah", 0),
    ("Bupati Klaten", "daerah", 0),
    ("Wali Kota Magelang", "daerah", 0),
    ("Inspektur Kabupaten Jember", "inspektorat", 1),
    ("Inspektur Pembantu Wilayah I", "inspektorat pembantu", 2),
    ("Camat Praya Barat", "kecamatan", 1),
    ("Lurah Potrobangsan", "kelurahan", 2),
    ("Direktur RSUD Ir. Soekarno", "rumah sakit", 1),
    ("Sekretaris Dinas Koperasi dan Usaha Mikro", "sekretariat", 2),
    ("Kepala Bidang Pengembangan Karier", "bidang", 2),
    ("Kabid Pelayanan", "bidang", 2),
    ("Kepala Bagian Organisasi", "bagian", 2),
    ("Kepala UPTD Puskesmas Wedi", "upt", 2),
    ("Kepala Sub Bagian Keuangan dan Pelaporan", "subbagian", 3),
    ("Kasubag Program", "subbagian", 3),
    ("Kepala Seksi Pelayanan", "seksi", 3),
    ("Kepala Subbagian Tata Usaha UPTD Puskesmas Ampel", "subbagian", 3),
    ("Kepala Desa Sukamaju", "desa", 1),
])
def test_post_of(jabatan: str, kind: str, rank: int) -> None:
    post = post_of(jabatan)
    assert post is not None and (post.kind, post.rank) == (kind, rank)


def test_non_heads_and_unknown_units() -> None:
    assert post_of("Staf Perencanaan") is None
    assert post_of("Analis Kepegawaian Ahli Muda") is None
    unknown = post_of("Kepala BKPSDM")
    assert unknown is not None and unknown.rank is None


def test_kop_most_specific_organisation_and_unit() -> None:
    org, unit = kop_units(["PEMERINTAH KABUPATEN KLATEN", "DINAS KESEHATAN", "UPTD PUSKESMAS WEDI"], None)
    assert org is not None and (org.kind, org.rank) == ("upt", 2) and unit is None
    org, unit = kop_units(["PEMERINTAH KABUPATEN GARUT", "BADAN KEPEGAWAIAN DAERAH"], "BIDANG MUTASI")
    assert org == Post("badan", 1, "kepegawaian daerah") and unit == Post("bidang", 2, "mutasi")
    assert kop_units(["BADAN PUSAT STATISTIK", "KABUPATEN GUNUNGKIDUL"], None)[0] == Post("badan", 1, "pusat statistik")


def test_heads() -> None:
    dinas, bidang = Post("dinas", 1, "sosial"), Post("bidang", 2, "rehabilitasi sosial")
    assert heads(Post("dinas", 1, "sosial"), dinas, None)
    assert heads(Post("daerah", 0), dinas, None)
    assert not heads(Post("seksi", 3, "pelayanan"), dinas, None)
    assert heads(Post("bidang", 2, "rehabilitasi sosial"), dinas, bidang)
    assert not heads(Post("bidang", 2, "perlindungan"), dinas, bidang)
    # equal rank, different kind: not judged (a Sekretaris DPRD on a Dinas's kop)
    assert heads(Post("sekretariat dprd", 1), dinas, None)
    assert heads(Post("?", None, "bkpsdm"), dinas, None)
