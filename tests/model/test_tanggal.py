"""Indonesian dates: month names, formatting, and date text read to a date."""

from __future__ import annotations

import datetime as dt

import pytest

from sopdoc.model.tanggal import (
    BULAN,
    BULAN_SINGKAT,
    MONTHS_EN,
    BulanTahun,
    bulan_ke,
    find_tanggal,
    format_tanggal,
    parse_tanggal,
    tanggal_to_iso,
)


def test_month_tables() -> None:
    assert len(BULAN) == len(BULAN_SINGKAT) == len(MONTHS_EN) == 12
    assert (BULAN[0], BULAN[7], BULAN[11]) == ("Januari", "Agustus", "Desember")
    assert (BULAN_SINGKAT[4], BULAN_SINGKAT[7], BULAN_SINGKAT[9]) == ("Mei", "Agu", "Okt")


@pytest.mark.parametrize(("word", "month"), [
    ("Januari", 1), ("januari", 1), ("JAN", 1), ("Jan.", 1), ("Pebruari", 2), ("Mei", 5),
    ("Agu", 8), ("Agustus", 8), ("Okt", 10), ("Nopember", 11), ("Desember", 12),
    ("Janu", None), ("May", None), ("", None), ("2023", None),
])
def test_bulan_ke(word: str, month: int | None) -> None:
    assert bulan_ke(word) == month


@pytest.mark.parametrize(("text", "expected"), [
    ("2023-01-23", dt.date(2023, 1, 23)),
    ("23 Januari 2023", dt.date(2023, 1, 23)),
    ("  02 Januari 2025 ", dt.date(2025, 1, 2)),
    ("2 Jan 2023", dt.date(2023, 1, 2)),
    ("2 Jan. 2023", dt.date(2023, 1, 2)),
    ("17 Agu 2026", dt.date(2026, 8, 17)),
    ("3 Pebruari 2022", dt.date(2022, 2, 3)),
    ("30 Nopember 2021", dt.date(2021, 11, 30)),
    ("31 DESEMBER 2024", dt.date(2024, 12, 31)),
    ("Januari 2014", BulanTahun(2014, 1)),  # month and year only: kept, no day invented (issue #12)
    ("31 Februari 2025", None),  # no such day
    ("2023-02-30", None),
    ("23 Janury 2023", None),
    ("Singaraja, 3 Januari 2022", None),  # not the whole text
    ("", None),
    ("kemarin", None),
])
def test_parse_tanggal(text: str, expected: dt.date | None) -> None:
    assert parse_tanggal(text) == expected


@pytest.mark.parametrize(("text", "iso"), [
    ("Singaraja, 3 Januari 2022", "2022-01-03"),
    ("02 Januari 2025", "2025-01-02"),
    ("Tanggal: 9 Nopember 2020", "2020-11-09"),
    ("ditetapkan 2 Jan 2023", "2023-01-02"),
    ("31 Februari 2025", None),
    ("12 orang 2020", None),
    ("tanpa tanggal", None),
])
def test_tanggal_inside_text(text: str, iso: str | None) -> None:
    assert tanggal_to_iso(text) == iso
    assert find_tanggal(text) == (dt.date.fromisoformat(iso) if iso else None)


@pytest.mark.parametrize(("value", "text"), [
    (dt.date(2023, 1, 23), "23 Januari 2023"),
    (dt.date(2026, 10, 5), "5 Oktober 2026"),
    (dt.date(2024, 5, 1), "1 Mei 2024"),
    (None, "-"),
])
def test_format_tanggal(value: dt.date | None, text: str) -> None:
    assert format_tanggal(value) == text


def test_formatted_dates_read_back() -> None:
    day = dt.date(2025, 8, 17)
    assert parse_tanggal(format_tanggal(day)) == day


def test_month_year_inside_text() -> None:
    assert tanggal_to_iso("Januari 2014") == "2014-01"  # month and year only (issue #12 point 3)
    found = find_tanggal("Bengkulu, Januari 2014")
    assert isinstance(found, BulanTahun) and found == dt.date(2014, 1, 1) and str(found) == "Januari 2014"
