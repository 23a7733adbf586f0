"""Every CMP rule with a passing and a failing case, on the fixture SOP keputusan-loop."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from sopdoc.execution.cmp_rules import RULES
from sopdoc.execution.compliance import check_entries
from sopdoc.execution.settings import PeriodSettings
from tests.execution.helpers import CAL, check, codes, entry, good_log, loop_flow


def replace(log: list, i: int, **kw: object) -> list:
    out = list(log)
    out[i] = dataclasses.replace(out[i], **kw)
    return out


def test_the_clean_log_passes_every_rule() -> None:
    result = check(good_log())
    assert codes(result) == []
    assert result.good
    assert result.total.on_time_share == 1.0
    assert result.finished == dt.datetime(2026, 10, 6, 9, 20)


def test_every_rule_is_documented_and_has_a_case_below() -> None:
    assert sorted(RULES) == sorted(FAILING)
    for r in RULES.values():
        assert r.func.__doc__ and r.hint.id and r.hint.en and r.catalogue.startswith("LG-")


FAILING = {
    "CMP001": lambda: [*good_log(), entry(6, 9, "2026-10-06T10:00", "2026-10-06T10:10")],
    "CMP002": lambda: replace(good_log(), 4, selesai="2026-10-06T08:50:00+08:00"),
    "CMP101": lambda: replace(good_log(), 3, selesai="2026-10-06T10:00:00+08:00", mulai="2026-10-06T08:00:00+08:00"),
    "CMP102": lambda: replace(good_log(), 1, peran="Staf"),
    "CMP103": lambda: replace(good_log(), 1, output=""),
    "CMP104": lambda: replace(good_log(), 1, kelengkapan="Surat permintaan"),
    "CMP201": lambda: [e for e in good_log() if e.langkah != 2],
    "CMP202": lambda: replace(replace(good_log(), 3, mulai="2026-10-05T14:30:00+08:00"),
                                      2, mulai="2026-10-05T14:00:00+08:00"),
    "CMP203": lambda: replace(good_log(), 2, keputusan="tidak"),
    "CMP204": lambda: replace(good_log(), 2, keputusan=""),
    "CMP205": lambda: [*good_log()[:2], entry(9, 2, "2026-10-05T14:00", "2026-10-05T14:10"),
                      *replace(good_log(), 2, mulai="2026-10-05T14:10:00+08:00")[2:]],
    "CMP206": lambda: good_log()[:3],
    "CMP301": lambda: good_log(),
    "CMP302": lambda: replace(good_log(), 4, mulai="2026-10-10T09:00:00+08:00", selesai="2026-10-10T09:20:00+08:00"),
    "CMP303": lambda: replace(good_log(), 4, mulai="2026-10-06T17:00:00+08:00", selesai="2026-10-06T17:20:00+08:00"),
    "CMP304": lambda: good_log()[:2],
    "CMP305": lambda: good_log()[:2],
    "CMP306": lambda: [],
    "CMP307": lambda: replace(good_log(), 0, mulai="2026-09-28T08:00:00+08:00"),
}
# The moment the check is made at, for the rules judged against the clock.
AS_OF = {"CMP304": dt.datetime(2026, 10, 6, 10, 30), "CMP305": dt.datetime(2026, 10, 15, 8, 0),
         "CMP306": dt.datetime(2026, 11, 30, 9, 0)}


@pytest.mark.parametrize("code", sorted(FAILING))
def test_each_rule_fails_on_its_case(code: str) -> None:
    deadline = dt.date(2026, 10, 5) if code == "CMP301" else dt.date(2026, 10, 14)
    found = codes(check(FAILING[code](), deadline=deadline, as_of=AS_OF.get(code)))
    assert code in found, found


def test_wrong_order_is_reported_once_per_entry() -> None:
    log = replace(replace(good_log(), 3, mulai="2026-10-05T14:30:00+08:00"), 2, mulai="2026-10-05T14:00:00+08:00")
    assert "CMP202" in codes(check(log))


def test_a_tidak_loop_allows_repeating_the_looped_steps() -> None:
    log = good_log()
    loop = [entry(1, 1, "2026-10-05T08:00", "2026-10-05T08:20"),
            entry(2, 2, "2026-10-05T08:30", "2026-10-05T10:00"),
            entry(3, 3, "2026-10-05T10:00", "2026-10-05T10:30", keputusan="tidak"),
            entry(4, 2, "2026-10-05T10:30", "2026-10-05T14:00"),
            entry(5, 3, "2026-10-05T14:00", "2026-10-05T15:00", keputusan="ya"),
            *[dataclasses.replace(e, seq=e.seq + 3) for e in log[3:]]]
    assert codes(check(loop)) == []


def test_a_superseding_entry_replaces_the_wrong_one() -> None:
    log = replace(good_log(), 1, peran="Staf")
    fixed = dataclasses.replace(log[1], seq=6, peran="Kasubag Perencanaan", menggantikan=2)
    assert "CMP102" in codes(check(log))
    assert codes(check([*log, fixed])) == []


def test_tolerance_is_configurable() -> None:
    # Step 1 standard 30 min; 32 min is within 10 % but not within 0 %.
    log = replace(good_log(), 0, selesai="2026-10-05T08:32:00+08:00")
    assert "CMP101" not in codes(check(log))
    assert "CMP101" in codes(check(log, time_tolerance=0.0))


def test_result_does_not_depend_on_entry_order() -> None:
    log = FAILING["CMP202"]() + FAILING["CMP001"]()[-1:]
    expected = check(log).diagnostics
    for seed in range(5):
        shuffled = list(log)
        random.Random(seed).shuffle(shuffled)
        assert check(shuffled).diagnostics == expected


def test_working_hour_checks_can_be_switched_off() -> None:
    log = FAILING["CMP303"]()
    on = check_entries("uji", loop_flow(), log, CAL, PeriodSettings(), dt.date(2026, 10, 14))
    off = check_entries("uji", loop_flow(), log, CAL, PeriodSettings(check_working_hours=False), dt.date(2026, 10, 14))
    assert "CMP303" in codes(on) and "CMP303" not in codes(off)


def test_figures_per_step_and_actor() -> None:
    result = check(FAILING["CMP101"]())
    assert result.total.entries == 5 and result.total.on_time == 4 and result.total.measured == 5
    assert result.per_step[4].on_time == 0
    assert result.per_actor["Pegawai 4"].actual == 120.0
    late = next(v for v in result.verdicts if v.entry.langkah == 4)
    assert late.label() == "Terlambat" and late.label("en") == "Late"
