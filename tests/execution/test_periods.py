"""Period codes, names, spans and deadlines; the period settings."""

from __future__ import annotations

import datetime as dt

import pytest

from sopdoc.errors import UsageError
from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.entries import TimestampError, parse_timestamp
from sopdoc.execution.periods import parse_period
from sopdoc.execution.settings import PeriodSettings

CAL = WorkingCalendar()


@pytest.mark.parametrize("code, name, start, end", [
    ("2026-10", "Oktober 2026", dt.date(2026, 10, 1), dt.date(2026, 10, 31)),
    ("2026-TW3", "Triwulan III 2026", dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
    ("2026-tw1", "Triwulan I 2026", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    ("2026-S1", "Semester I 2026", dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
    ("2026", "Tahun 2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    ("2028-02", "Februari 2028", dt.date(2028, 2, 1), dt.date(2028, 2, 29)),
])
def test_codes_names_and_spans(code: str, name: str, start: dt.date, end: dt.date) -> None:
    p = parse_period(code)
    assert (p.name(), p.start, p.end) == (name, start, end)
    assert parse_period(p.code) == p


@pytest.mark.parametrize("code", ["2026-13", "2026-TW5", "2026-S3", "26-10", "Oktober", ""])
def test_bad_codes(code: str) -> None:
    with pytest.raises(UsageError, match="period code"):
        parse_period(code)


def test_deadlines() -> None:
    # December 2026: 1 Jan (Tahun Baru) and 5 Jan 2027 (Isra Mikraj) are off → 18 Jan 2027.
    assert parse_period("2026-12").deadline(CAL) == dt.date(2027, 1, 18)
    assert parse_period("2026-02").deadline(CAL) == dt.date(2026, 3, 13)
    # With 15 working days, Nyepi and Idul Fitri 2026 (18–24 Mar off) push it to 27 Mar.
    assert parse_period("2026-02").deadline(CAL, PeriodSettings(deadline_working_days=15)) == dt.date(2026, 3, 27)
    assert parse_period("2026").deadline(CAL) == dt.date(2027, 2, 28)
    assert parse_period("2026").deadline(CAL, PeriodSettings(annual_deadline="pemda")) == dt.date(2027, 3, 31)
    assert parse_period("2026-TW3").deadline(CAL, PeriodSettings(deadline_working_days=0)) == dt.date(2026, 9, 30)


@pytest.mark.parametrize("mapping", [{"deadline-working-days": -1}, {"time-tolerance": "10%"},
                                     {"annual-deadline": "maret"}, {"tolerance": 0.1}])
def test_period_settings_refuse_bad_input(mapping: dict) -> None:
    with pytest.raises(UsageError):
        PeriodSettings.resolve(mapping)


def test_period_settings_resolve() -> None:
    s = PeriodSettings.resolve({"deadline-working-days": 5, "time_tolerance": 0.2})
    assert (s.deadline_working_days, s.time_tolerance) == (5, 0.2)
    with pytest.raises(UsageError, match="did you mean 'time-tolerance'"):
        PeriodSettings.resolve({"time-tolerence": 0.1})


def test_timestamps() -> None:
    moment, assumed = parse_timestamp("2026-10-05 08:00", CAL.zone)
    assert assumed and moment.utcoffset() == dt.timedelta(hours=8)
    moment, assumed = parse_timestamp("2026-10-05T08:00:00+07:00", CAL.zone)
    assert not assumed and moment.utcoffset() == dt.timedelta(hours=7)
    assert parse_timestamp("2026-10-05 08:00 WIT", CAL.zone)[0].utcoffset() == dt.timedelta(hours=9)
    for bad in ("2026-02-29 08:00", "2026-10-05 25:00", "05/10/2026 08:00", "2026-10-05 08:00+15:00"):
        with pytest.raises(TimestampError):
            parse_timestamp(bad, CAL.zone)
