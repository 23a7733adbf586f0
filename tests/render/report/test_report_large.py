"""A period report of many cases (issue #15 point 8): tables shortened to what needs attention, and a
plan/actual chart drawn from each step's merged spans rather than one bar per entry."""

from __future__ import annotations

import dataclasses

import pytest

from sopdoc.render.report import context
from sopdoc.render.report.chart import merged_spans
from sopdoc.render.report.context import cases_context, shown_rows
from tests.execution.helpers import check, good_log


def test_merged_spans_join_what_overlaps_or_touches() -> None:
    spans = [(3.0, 1.0), (0.0, 1.0), (0.5, 1.0), (4.0, 0.5), (6.0, 0.25), (0.2, 0.1)]
    assert merged_spans(spans) == [(0.0, 1.5), (3.0, 1.5), (6.0, 0.25)]
    assert merged_spans([]) == []
    assert merged_spans([(1.0, 2.0)]) == [(1.0, 2.0)]


def test_shown_rows_keep_everything_up_to_the_limit_then_what_needs_attention() -> None:
    assert shown_rows([1, 2, 3], lambda n: n > 2, limit=3) == ([1, 2, 3], 0)
    assert shown_rows([1, 2, 3, 4, 5], lambda n: n % 2 == 1, limit=3) == ([1, 3, 5], 2)
    assert shown_rows(list(range(10)), lambda n: True, limit=3) == ([0, 1, 2], 7)
    assert shown_rows(list(range(10)), lambda n: False, limit=3) == ([], 10)


def _cases(kasus: str, shift: int, drop_last: bool = False) -> list:
    log = [dataclasses.replace(e, kasus=kasus, seq=e.seq + shift) for e in good_log()]
    return log[:-1] if drop_last else log


def test_the_cases_table_of_a_long_period_lists_the_open_cases_and_says_what_it_left_out(
        monkeypatch: pytest.MonkeyPatch) -> None:
    result = check(_cases("AG-1", 0) + _cases("AG-2", 10, drop_last=True) + _cases("AG-3", 20))
    assert len(result.cases) == 3
    assert [r["kasus"] for r in cases_context(result)["kasus"]] == ["AG-1", "AG-2", "AG-3"]  # under the limit
    monkeypatch.setattr(context, "TABLE_ROWS", 2)
    rows = cases_context(result)["kasus"]
    assert [r["kasus"] for r in rows] == ["AG-2", ""]  # the one open case, then the note
    assert rows[1]["keadaan"] == ("2 kasus lain tidak ditampilkan (tabel memuat 1 kasus yang terbuka, terlambat "
                                  "atau melampaui waktu baku); daftar lengkap: sopdoc period check uji --format json")
    assert set(rows[1]) == set(rows[0])
    assert cases_context(result)["jumlah_kasus"] == 3  # the counts stay those of every case
