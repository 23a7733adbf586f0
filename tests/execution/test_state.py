"""Honest verdicts as of a moment: not started, in progress, overdue, done (issue #15, point 1).

The fixture SOP planned from Mon 5 Oct 2026 07:30 (working day 07:30–16:00, break 12:00–13:00):
step 1 (30 menit) ends 08:00; step 2 (1 hari kerja = 450 min) has 240 + 180 min on Monday and
30 on Tuesday, ending Tue 6 Oct 08:00; step 3 (2 jam) 10:00; step 4 (1 jam) 11:00; step 5
(30 menit) 11:30. The deadline is Wed 14 Oct 2026.
"""

from __future__ import annotations

import datetime as dt

from sopdoc.execution.state import BAIK, BELUM_DINILAI, TIDAK_BAIK, State
from sopdoc.render.report.context import monitoring_notes
from tests.execution.helpers import check, codes, good_log, loop_plan


def test_the_plan_is_the_one_the_docstring_derives() -> None:
    ends = [p.selesai for p in loop_plan()]
    assert ends == ["2026-10-05T08:00+08:00", "2026-10-06T08:00+08:00", "2026-10-06T10:00+08:00",
                    "2026-10-06T11:00+08:00", "2026-10-06T11:30+08:00"]


def test_an_empty_overdue_period_is_never_judged_well() -> None:
    result = check([], as_of=dt.datetime(2026, 11, 30, 9, 0))
    assert result.state is State.TERLAMBAT
    assert not result.good and result.assessment == TIDAK_BAIK
    assert codes(result) == ["CMP305"] * 5 + ["CMP306"]  # no "record before the deadline" info any more
    notes, actions = monitoring_notes(result)
    assert "CMP305 langkah tidak dilaksanakan: 5 kali" in notes and "CMP306 periode lewat tenggat" in notes
    assert "Pertahankan" not in actions
    message = next(d.message for d in result.diagnostics if d.code == "CMP306")
    assert message.id == ("per 2026-11-30 siklus belum selesai, tenggat 2026-10-14 terlewati "
                          "(0 dari 5 langkah jalur utama dicatat)")


def test_an_empty_period_before_its_plan_is_not_started_and_not_yet_assessed() -> None:
    result = check([], as_of=dt.datetime(2026, 10, 1, 9, 0))
    assert result.state is State.BELUM_DIMULAI
    assert codes(result) == ["CMP206"]
    assert not result.good and result.assessment == BELUM_DINILAI
    notes, actions = monitoring_notes(result)
    assert notes.startswith("Periode belum dimulai per 1 Oktober 2026;") and "Pertahankan" not in actions


def test_without_a_moment_nothing_is_overdue_but_an_empty_log_is_not_good() -> None:
    result = check([])
    assert result.state is State.BELUM_DIMULAI and codes(result) == ["CMP206"] and not result.good


def test_a_step_past_its_planned_end_is_a_warning_while_the_deadline_holds() -> None:
    result = check(good_log()[:2], as_of=dt.datetime(2026, 10, 6, 10, 30))  # step 3 planned to end 10:00
    assert result.state is State.BERJALAN
    assert codes(result) == ["CMP206", "CMP304"]
    (late,) = [d for d in result.diagnostics if d.code == "CMP304"]
    assert late.path == ("kegiatan", 2)
    assert late.message.id == "per 2026-10-06 10:30 langkah 3 belum dicatat, rencana selesai 2026-10-06 10:00"
    assert result.assessment == TIDAK_BAIK
    # At 09:59 nothing is late yet: in progress, no deviation, not yet to be assessed.
    early = check(good_log()[:2], as_of=dt.datetime(2026, 10, 6, 9, 59))
    assert codes(early) == ["CMP206"] and early.assessment == BELUM_DINILAI


def test_after_the_deadline_each_step_never_done_is_an_error() -> None:
    result = check(good_log()[:2], as_of=dt.datetime(2026, 10, 15, 0, 0))
    assert result.state is State.TERLAMBAT
    assert codes(result) == ["CMP305", "CMP305", "CMP305", "CMP306"]
    assert sorted(d.path[1] for d in result.diagnostics if d.code == "CMP305") == [2, 3, 4]
    # On the deadline day itself the period is not overdue yet.
    assert check(good_log()[:2], as_of=dt.datetime(2026, 10, 14, 23, 59)).state is State.BERJALAN


def test_a_finished_clean_cycle_is_done_and_good_whatever_the_moment() -> None:
    for moment in (None, dt.datetime(2026, 10, 6, 12, 0), dt.datetime(2027, 1, 1)):
        result = check(good_log(), as_of=moment)
        assert result.state is State.SELESAI and codes(result) == [] and result.assessment == BAIK
