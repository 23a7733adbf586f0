"""parse_citation: kind, number, year and title of a Dasar Hukum item (docs/DOMAIN.md §7.3)."""

from __future__ import annotations

from sopdoc.validate.citations import RANKS, parse_citation


def test_canonical_citation() -> None:
    c = parse_citation(
        "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah"
    )
    assert (c.family, c.nomor, c.tahun) == ("perpres", "29", 2014)
    assert c.judul == "Sistem Akuntabilitas Kinerja Instansi Pemerintah"


def test_abbreviated_kind_and_no_title() -> None:
    c = parse_citation("UU No 23 Tahun 2014")
    assert (c.family, c.nomor, c.tahun, c.judul) == ("uu", "23", 2014, None)


def test_ministerial_variant_spelling_with_capital_tentang() -> None:
    c = parse_citation(
        "Peraturan MENPAN Dan RB Nomor 35 Tahun 2012 Tentang Pedoman Penyusunan Standar "
        "Operasional Prosedur Administrasi Pemerintahan"
    )
    assert (c.family, c.nomor, c.tahun) == ("permen", "35", 2012)
    assert c.judul is not None and c.judul.startswith("Pedoman Penyusunan")


def test_unrecognised_text_gives_nones() -> None:
    c = parse_citation("Renstra Dinas 2021-2026")
    assert (c.family, c.nomor, c.tahun, c.judul, c.rank) == (None, None, None, None, None)


def test_hierarchy_of_uu_12_2011() -> None:
    order = ["uud", "uu", "pp", "perpres", "perda-prov", "perda"]
    assert [RANKS[f] for f in order] == sorted(RANKS[f] for f in order)
    assert RANKS["uu"] < RANKS["perpres"] < RANKS["permen"]
