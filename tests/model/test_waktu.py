"""The waktu grammar, table-driven over every form in the seeds and the corpus README/PDFs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sopdoc.model.waktu import Bentuk, Satuan, Waktu, parse_waktu, satuan_from_text

D = Decimal
M, J, H, HK, MG, B = Satuan.MENIT, Satuan.JAM, Satuan.HARI, Satuan.HARI_KERJA, Satuan.MINGGU, Satuan.BULAN
T, R, P = Bentuk.TEPAT, Bentuk.RENTANG, Bentuk.PALING_LAMA

# (text, bentuk, rendah, tinggi, satuan, where it appears)
CASES = [
    ("30 menit", T, D(30), D(30), M, "seed 000, 001"),
    ("330 menit", T, D(330), D(330), M, "seed 000"),
    ("660 menit", T, D(660), D(660), M, "seed 000"),
    ("60 Menit", T, D(60), D(60), M, "seed 001, 002"),
    ("2 Menit", T, D(2), D(2), M, "seed 002"),
    ("15 Menit", T, D(15), D(15), M, "seed 002"),
    ("5 menit", T, D(5), D(5), M, "seed 004"),
    ("3 Hari", T, D(3), D(3), H, "seed 001"),
    ("5 Hari", T, D(5), D(5), H, "seed 001, 004"),
    ("120 Hari", T, D(120), D(120), H, "seed 002"),
    ("1 Hari", T, D(1), D(1), H, "seed 004, corpus 011"),
    ("2 jam", T, D(2), D(2), J, "design"),
    ("1 Jam", T, D(1), D(1), J, "corpus 314"),
    ("24 Jam", T, D(24), D(24), J, "corpus 314"),
    ("1 hari kerja", T, D(1), D(1), HK, "design"),
    ("1 Hari Kerja", T, D(1), D(1), HK, "corpus 314, 322"),
    ("30 hari kerja", T, D(30), D(30), HK, "corpus README 314"),
    ("1 - 5 hari kerja", R, D(1), D(5), HK, "design"),
    ("1 - 5 hari Kerja", R, D(1), D(5), HK, "corpus README 020"),
    ("1 - 5 hari", R, D(1), D(5), H, "corpus 020 text layer"),
    ("1 x 24 jam", T, D(24), D(24), J, "design"),
    ("1 x 24 Jam", T, D(24), D(24), J, "corpus README 314"),
    ("paling lambat 17 hari kerja", P, None, D(17), HK, "design"),
    ("2 minggu", T, D(2), D(2), MG, "design"),
    ("1 Minggu", T, D(1), D(1), MG, "corpus README 322"),
    ("3 bulan", T, D(3), D(3), B, "design"),
    ("1,5 jam", T, D("1.5"), D("1.5"), J, "decimal comma"),
    ("0,5 hari kerja", T, D("0.5"), D("0.5"), HK, "decimal comma"),
    ("20 menit", T, D(20), D(20), M, "corpus 020"),
    ("2 s.d. 3 hari kerja", R, D(2), D(3), HK, "range with s.d."),
]

UNREADABLE = [
    ("Semesteran", "corpus README 322: a periodicity, not a duration"),
    ("lima menit", "number in words"),
    ("15", "bare number without a header unit"),
    ("0 menit", "not a positive duration"),
    ("5 - 1 jam", "inverted range"),
    ("", "empty"),
    ("segera", "no number"),
    ("paling lambat 1 - 2 hari", "bound on a range"),
]

# seed 003: the unit is only in the column header "Waktu (Menit)"
HEADER_CASES = ["15", "60", "25", "30", "120", "240", "10"]


@pytest.mark.parametrize(("text", "bentuk", "rendah", "tinggi", "satuan", "where"), CASES)
def test_readable_forms(text: str, bentuk: Bentuk, rendah: Decimal | None, tinggi: Decimal,
                        satuan: Satuan, where: str) -> None:
    w = parse_waktu(text)
    assert (w.bentuk, w.rendah, w.tinggi, w.satuan) == (bentuk, rendah, tinggi, satuan), where
    assert w.teks == text and str(w) == text
    assert not w.satuan_dari_header


@pytest.mark.parametrize(("text", "why"), UNREADABLE)
def test_unreadable_text_is_kept_verbatim(text: str, why: str) -> None:
    w = parse_waktu(text)
    assert w.bentuk is Bentuk.TIDAK_TERBACA, why
    assert w.teks == text
    assert (w.rendah, w.tinggi, w.satuan) == (None, None, None)
    assert not w.terbaca


@pytest.mark.parametrize("text", HEADER_CASES)
def test_unit_from_column_header(text: str) -> None:
    w = parse_waktu(text, satuan_header=satuan_from_text("(Menit)"))
    assert w.satuan is Satuan.MENIT and w.satuan_dari_header
    assert w.tinggi == Decimal(text)


def test_explicit_unit_wins_over_header() -> None:
    w = parse_waktu("2 jam", satuan_header=Satuan.MENIT)
    assert w.satuan is Satuan.JAM and not w.satuan_dari_header


@pytest.mark.parametrize(("text", "minutes"), [
    ("30 menit", 30), ("2 jam", 120), ("1 hari kerja", 450), ("5 Hari", 2250), ("2 minggu", 4500),
    ("1 - 5 hari kerja", 2250), ("paling lambat 17 hari kerja", 17 * 450), ("1,5 jam", 90),
])
def test_working_minutes_with_the_given_day(text: str, minutes: int) -> None:
    assert parse_waktu(text).to_minutes(menit_per_hari_kerja=450) == minutes


def test_conversion_uses_the_callers_figures() -> None:
    w = parse_waktu("1 hari kerja")
    assert w.to_minutes(menit_per_hari_kerja=390) == 390  # Ramadan day
    assert parse_waktu("1 - 5 hari kerja").to_minutes(menit_per_hari_kerja=450, upper=False) == 450
    assert parse_waktu("3 bulan").to_minutes(menit_per_hari_kerja=450) is None  # calendar-based
    assert parse_waktu("2 Hari").to_minutes(menit_per_hari_kerja=450, hari_is_hari_kerja=False) is None
    assert parse_waktu("Semesteran").to_minutes(menit_per_hari_kerja=450) is None


@given(st.text(max_size=60))
def test_never_raises_and_keeps_text(text: str) -> None:
    w = parse_waktu(text)
    assert isinstance(w, Waktu) and w.teks == text
    assert w.terbaca == (w.satuan is not None)
    if w.terbaca:
        assert w.tinggi is not None and w.tinggi > 0
        assert w.rendah is None or w.rendah <= w.tinggi
