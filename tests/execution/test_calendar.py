"""The working-time calendar: dated cases across real 2025–2026 holidays (WITA) and properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sopdoc.errors import UsageError
from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.settings import CalendarSettings
from sopdoc.model.waktu import parse_waktu

CAL = WorkingCalendar(CalendarSettings(zona_waktu="WITA"))
BALI = WorkingCalendar(CalendarSettings.resolve({"zona_waktu": "WITA", "libur_lokal": ["2026-06-17", "2026-06-27"]}))


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args)


@pytest.mark.parametrize("day, working", [
    (dt.date(2025, 3, 31), False),   # Idul Fitri 2025
    (dt.date(2025, 4, 7), False),    # cuti bersama Idul Fitri 2025
    (dt.date(2025, 4, 8), True),
    (dt.date(2025, 12, 26), False),  # cuti bersama Natal 2025
    (dt.date(2026, 2, 16), False),   # cuti bersama Imlek 2026
    (dt.date(2026, 3, 18), False),   # cuti bersama Nyepi 2026
    (dt.date(2026, 3, 24), False),   # cuti bersama Idul Fitri 2026
    (dt.date(2026, 3, 25), True),
    (dt.date(2026, 5, 15), False),   # cuti bersama Kenaikan 2026
    (dt.date(2026, 12, 24), False),  # cuti bersama Natal 2026
    (dt.date(2026, 10, 3), False),   # Saturday
    (dt.date(2026, 10, 5), True),
])
def test_national_holidays_and_cuti_bersama(day: dt.date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


def test_local_holidays_only_where_configured() -> None:
    assert CAL.is_working_day(dt.date(2026, 6, 17))
    assert not BALI.is_working_day(dt.date(2026, 6, 17))
    assert BALI.holiday_name(dt.date(2026, 6, 17)) == "Libur lokal"


def test_perpres_hours_are_450_minutes_every_weekday() -> None:
    for day in range(5, 10):  # Mon 5 Oct – Fri 9 Oct 2026
        assert CAL.working_minutes_between(at(2026, 10, day), at(2026, 10, day + 1)) == 450
    assert CAL.working_minutes_between(at(2026, 10, 10), at(2026, 10, 12)) == 0  # weekend
    assert CAL.is_working_moment(at(2026, 10, 9, 16, 15))       # Friday until 16:30
    assert not CAL.is_working_moment(at(2026, 10, 8, 16, 15))   # Thursday until 16:00
    assert not CAL.is_working_moment(at(2026, 10, 9, 12, 0))    # Friday break 11:30–13:00
    assert not CAL.is_working_moment(at(2026, 10, 8, 12, 30))   # Mon–Thu break 12:00–13:00


def test_across_idul_fitri_2026() -> None:
    # Tue 17 Mar 08:00 + 1 hari kerja: 420 min that day, then 18–24 Mar are off → Wed 25 Mar 08:00.
    assert CAL.add_working_time(at(2026, 3, 17, 8, 0), parse_waktu("1 hari kerja")) == at(2026, 3, 25, 8, 0)
    assert CAL.working_minutes_between(at(2026, 3, 18), at(2026, 3, 25)) == 0


def test_aware_timestamps_are_read_in_the_agency_zone() -> None:
    utc = dt.datetime(2026, 10, 5, 0, 0, tzinfo=dt.UTC)  # 08:00 WITA
    assert CAL.to_local(utc) == at(2026, 10, 5, 8, 0)
    wib = WorkingCalendar(CalendarSettings(zona_waktu="WIB"))
    assert wib.to_local(utc) == at(2026, 10, 5, 7, 0)


def test_months_are_calendar_based() -> None:
    assert CAL.add_working_time(at(2026, 1, 30, 8, 0), parse_waktu("1 bulan")) == at(2026, 3, 2, 7, 30)


def test_ramadan_hours_when_enabled() -> None:
    ram = WorkingCalendar(CalendarSettings(jam_ramadan=True))
    assert ram.working_minutes_between(at(2026, 3, 2), at(2026, 3, 3)) == 390
    assert CAL.working_minutes_between(at(2026, 3, 2), at(2026, 3, 3)) == 450


@pytest.mark.parametrize("mapping, word", [
    ({"zona": "WITA"}, "zona_waktu"),
    ({"zona_waktu": "CET"}, "zona_waktu"),
    ({"libur_lokal": ["2026-02-30"]}, "libur_lokal"),
    ({"jam_kerja": {"senin": ["16:00-07:30"]}}, "jam_kerja"),
])
def test_resolve_refuses_unknown_keys_and_bad_values(mapping: dict, word: str) -> None:
    with pytest.raises(UsageError) as err:
        CalendarSettings.resolve(mapping)
    assert word in err.value.get("id")


moments = st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2026, 12, 20)).map(
    lambda d: d.replace(second=0, microsecond=0))
minutes = st.integers(min_value=0, max_value=6000)


@settings(max_examples=50, deadline=None)
@given(moments, minutes)
def test_add_and_between_are_consistent(start: dt.datetime, m: int) -> None:
    end = BALI.add_working_minutes(start, m)
    assert end >= start
    assert BALI.working_minutes_between(start, end) == pytest.approx(m, abs=1e-6)


@settings(max_examples=50, deadline=None)
@given(moments, moments, moments)
def test_between_is_monotone_and_additive(a: dt.datetime, b: dt.datetime, c: dt.datetime) -> None:
    a, b, c = sorted((a, b, c))
    ab, bc, ac = (BALI.working_minutes_between(x, y) for x, y in ((a, b), (b, c), (a, c)))
    assert ab >= 0 and bc >= 0
    assert ac == pytest.approx(ab + bc, abs=1e-6)
    assert ac >= ab


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(sorted(CAL.holidays_of(2025) | CAL.holidays_of(2026))))
def test_zero_across_a_holiday(day: dt.date) -> None:
    start, end = dt.datetime.combine(day, dt.time()), dt.datetime.combine(day, dt.time(23, 59))
    assert CAL.working_minutes_between(start, end) == 0


@pytest.mark.parametrize(("moment", "outside"), [
    (dt.datetime(2026, 10, 5, 7, 29), True),  # Monday before 07:30
    (dt.datetime(2026, 10, 5, 7, 30), False),  # the start, inclusive
    (dt.datetime(2026, 10, 5, 12, 30), True),  # the midday break
    (dt.datetime(2026, 10, 5, 16, 0), False),  # the end, inclusive
    (dt.datetime(2026, 10, 5, 16, 0, 30), True),
    (dt.datetime(2026, 10, 9, 16, 15), False),  # Friday until 16:30
    (dt.datetime(2026, 10, 10, 3, 0), False),  # a Saturday is no working day: CMP302's, not outside hours
    (dt.datetime(2026, 8, 17, 9, 0), False),  # Independence Day likewise
    (dt.datetime(2026, 10, 5, 1, 0, tzinfo=dt.UTC), False),  # 09:00 WITA
])
def test_outside_hours_is_a_working_day_outside_its_hours(moment: dt.datetime, outside: bool) -> None:
    assert CAL.outside_hours(moment) is outside


@given(st.datetimes(min_value=dt.datetime(2026, 1, 1), max_value=dt.datetime(2027, 12, 31)))
@settings(max_examples=300, deadline=None)
def test_outside_hours_agrees_with_working_day_and_moment(moment: dt.datetime) -> None:
    assert CAL.outside_hours(moment) == (CAL.is_working_day(moment.date()) and not CAL.is_working_moment(moment))
