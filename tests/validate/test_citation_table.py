"""parse_citation over real citation strings (tests/data/citations/citations.tsv, written by hand
from the regulations' official titles and numbers and from the seeds/corpus; issue #14 point 1).

Columns: text, family, nomor, tahun, the title's first words, binding (1/0), issuer. "-" means
"none" for family, nomor, tahun and title, and "not checked" for the issuer.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sopdoc.validate.citations import RANKS, parse_citation

TABLE = Path(__file__).resolve().parents[1] / "data" / "citations" / "citations.tsv"
ROWS = [line.split("\t") for line in TABLE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")]


def test_table_has_at_least_80_citations() -> None:
    assert len(ROWS) >= 80
    assert all(len(r) == 7 for r in ROWS), [r[0] for r in ROWS if len(r) != 7]


@pytest.mark.parametrize("row", ROWS, ids=[r[0][:60] for r in ROWS])
def test_citation(row: list[str]) -> None:
    text, family, nomor, tahun, judul, binding, penerbit = row
    c = parse_citation(text)
    none = lambda v: None if v == "-" else v  # noqa: E731
    assert c.family == none(family)
    assert c.nomor == none(nomor)
    assert c.tahun == (None if tahun == "-" else int(tahun))
    if judul == "-":
        assert c.judul is None
    else:
        assert c.judul is not None and c.judul.startswith(judul), c.judul
        assert "sebagaimana" not in c.judul and "diubah" not in c.judul
    assert c.mengikat is (binding == "1")
    assert (c.rank is None) is (not c.mengikat or c.family is None)
    if penerbit != "-":
        assert c.penerbit == penerbit


def test_amendment_clause_is_kept_apart() -> None:
    c = parse_citation("Undang-undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa "
                       "kali diubah terakhir dengan Undang-Undang Nomor 6 Tahun 2023")
    assert c.judul == "Pemerintahan Daerah"
    assert c.perubahan == ("sebagaimana telah beberapa kali diubah terakhir dengan Undang-Undang Nomor 6 "
                           "Tahun 2023")
    c = parse_citation("Peraturan Bupati Balangan Nomor 5 Tahun 2019 tentang Tata Naskah Dinas dan perubahannya")
    assert (c.judul, c.perubahan) == ("Tata Naskah Dinas", "dan perubahannya")


def test_enactment_date_written_or_known() -> None:
    c = parse_citation("Peraturan Menteri PANRB Nomor 1 Tahun 2023 tentang Jabatan Fungsional, tanggal 3 Januari 2023")
    assert c.tanggal == dt.date(2023, 1, 3) and c.judul == "Jabatan Fungsional"
    assert parse_citation("Undang-Undang Nomor 20 Tahun 2023 tentang ASN").tanggal == dt.date(2023, 10, 31)
    assert parse_citation("Undang-Undang Nomor 99 Tahun 2023 tentang X").tanggal is None


def test_hierarchy_of_uu_12_2011_pasal_7_and_8() -> None:
    pasal_7 = ["uud", "tap-mpr", "uu", "pp", "perpres", "perda-prov", "perda"]
    assert [RANKS[f] for f in pasal_7] == sorted(RANKS[f] for f in pasal_7)
    assert RANKS["perpres"] < RANKS["permen"] < RANKS["perda-prov"] < RANKS["pergub"] < RANKS["perda"]
    assert RANKS["perda"] < RANKS["perbup"] < RANKS["perdes"] < RANKS["perkades"]
    assert not {"se", "inpres", "instruksi"} & set(RANKS)
