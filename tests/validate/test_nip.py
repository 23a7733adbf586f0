"""parse_nip: the NIP layout of Perka BKN 22/2007 (docs/DOMAIN.md §7.1), with the seeds' NIPs."""

from __future__ import annotations

import datetime as dt

import pytest

from sopdoc.validate.nip import parse_nip


@pytest.mark.parametrize("text", ["19650215 199703 1 003", "19650215.199703.1.003", "196502151997031003"])
def test_seed_nip_in_every_written_form(text: str) -> None:
    nip = parse_nip(text)
    assert nip.digits == "196502151997031003"
    assert nip.lahir == dt.date(1965, 2, 15)
    assert nip.tmt == dt.date(1997, 3, 1)
    assert not nip.pppk
    assert nip.problems == ()


def test_ni_pppk_has_no_month_and_is_not_rejected() -> None:
    nip = parse_nip("199009132025242014")  # 2-digit code 24 where a PNS NIP has the month
    assert nip.pppk and nip.tmt is None
    assert nip.lahir == dt.date(1990, 9, 13)
    assert nip.problems == ()


@pytest.mark.parametrize("text,problem", [
    ("19650215 199703 1 00", "bukan 18 angka"),
    ("1965021519970310O3", "bukan 18 angka"),
    ("19650231 199703 1 003", "tanggal lahir 19650231 tidak valid"),
    ("19650215 199703 3 003", "kode jenis kelamin 3 bukan 1 atau 2"),
    ("19650215 199703 1 000", "nomor urut 000 tidak dipakai"),
    ("19650215 190003 1 003", "tahun TMT 1900 tidak valid"),
])
def test_structural_problems_are_named(text: str, problem: str) -> None:
    problems = parse_nip(text).problems
    assert len(problems) == 1 and problem in problems[0][0]
