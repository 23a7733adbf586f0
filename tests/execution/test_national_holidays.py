"""National holidays from the ``holidays`` package, cached in the database's folder between runs.

The expected days are the Indonesian national holidays and cuti bersama of 2026 as decreed (SKB
3 Menteri 2025), written down here, not taken from the package.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from sopdoc.execution import national_holidays as nh
from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.national_holidays import CACHE_FILE, cache_folder, national_holidays
from sopdoc.execution.settings import CalendarSettings

DECREED_2026 = {
    dt.date(2026, 1, 1): "Tahun Baru Masehi",
    dt.date(2026, 8, 17): "Hari Kemerdekaan Republik Indonesia",
    dt.date(2026, 12, 25): "Hari Raya Natal",
    dt.date(2026, 12, 24): "Cuti Bersama Hari Raya Natal",
}


def _no_compute(year: int) -> dict[dt.date, str]:
    raise AssertionError(f"the holidays package was asked for {year} although the cache holds it")


def test_without_a_cache_the_package_gives_the_decreed_days(tmp_path: Path) -> None:
    days = national_holidays(2026)
    assert {d: days[d] for d in DECREED_2026} == DECREED_2026
    assert dt.date(2026, 10, 5) not in days  # an ordinary Monday
    assert list(tmp_path.iterdir()) == []


def test_the_second_run_reads_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = national_holidays(2026, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [CACHE_FILE]
    monkeypatch.setattr(nh, "_compute", _no_compute)
    assert national_holidays(2026, tmp_path) == first
    assert {d: first[d] for d in DECREED_2026} == DECREED_2026


def test_each_year_is_added_to_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    national_holidays(2026, tmp_path)
    national_holidays(2027, tmp_path)
    assert sorted(json.loads((tmp_path / CACHE_FILE).read_text())["years"]) == ["2026", "2027"]
    monkeypatch.setattr(nh, "_compute", _no_compute)
    assert national_holidays(2027, tmp_path)[dt.date(2027, 8, 17)] == "Hari Kemerdekaan Republik Indonesia"


@pytest.mark.parametrize("content", [
    b"", b"not json", b"[]", b'{"stamp": 1, "years": {}}', b'{"years": {"2026": [["2026-13-01", "x"]]}}',
    b"\xff\xfe\x00", b'{"stamp": "S", "years": {"2026": [["kemarin", "x"]]}}',
])
def test_a_damaged_cache_is_ignored_and_rewritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  content: bytes) -> None:
    monkeypatch.setattr(nh, "_package_stamp", lambda: "S")
    (tmp_path / CACHE_FILE).write_bytes(content)
    days = national_holidays(2026, tmp_path)
    assert {d: days[d] for d in DECREED_2026} == DECREED_2026
    assert json.loads((tmp_path / CACHE_FILE).read_text())["stamp"] == "S"


def test_another_package_version_is_asked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nh, "_package_stamp", lambda: "old")
    (tmp_path / CACHE_FILE).write_text(json.dumps({"stamp": "old", "years": {"2026": [["2026-10-05", "Palsu"]]}}))
    assert national_holidays(2026, tmp_path) == {dt.date(2026, 10, 5): "Palsu"}  # the cache is what it holds
    monkeypatch.setattr(nh, "_package_stamp", lambda: "new")
    days = national_holidays(2026, tmp_path)
    assert dt.date(2026, 10, 5) not in days and days[dt.date(2026, 8, 17)] == DECREED_2026[dt.date(2026, 8, 17)]


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root ignores file permissions")
def test_a_folder_that_cannot_be_written_leaves_the_result_uncached(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        days = national_holidays(2026, tmp_path / ".sopdoc-cache")
    finally:
        tmp_path.chmod(0o700)
    assert days[dt.date(2026, 1, 1)] == "Tahun Baru Masehi"
    assert list(tmp_path.iterdir()) == []


def test_a_cache_path_that_is_a_file_is_no_error(tmp_path: Path) -> None:
    (tmp_path / ".sopdoc-cache").write_text("not a folder")
    days = national_holidays(2026, tmp_path / ".sopdoc-cache")
    assert days[dt.date(2026, 1, 1)] == "Tahun Baru Masehi"


def test_the_calendar_with_a_cache_judges_days_alike(tmp_path: Path) -> None:
    settings = CalendarSettings.resolve({"zona_waktu": "WITA", "libur_lokal": ["2026-06-17"]})
    cached, plain = WorkingCalendar(settings, tmp_path), WorkingCalendar(settings)
    for day in (dt.date(2026, 6, 17), dt.date(2026, 8, 17), dt.date(2026, 12, 24), dt.date(2026, 10, 5)):
        assert cached.holiday_name(day) == plain.holiday_name(day)
    assert WorkingCalendar(settings, tmp_path).holiday_name(dt.date(2026, 6, 17)) == "Libur lokal"  # not cached
    assert "Libur lokal" not in (tmp_path / CACHE_FILE).read_text()


def test_the_cache_goes_with_the_database(tmp_path: Path) -> None:
    assert cache_folder(tmp_path / "sub" / "uji.db") == (tmp_path / "sub" / ".sopdoc-cache").resolve()
