"""Superseded entries (an entry corrected by a later one) and the duration text of reports."""

from __future__ import annotations

import pytest

from sopdoc.execution.cmp_context import effective_entries
from sopdoc.execution.entries import LogEntry, current_entries, superseded_seqs
from sopdoc.model.waktu import format_minutes


def _entry(seq: int, mulai: str, menggantikan: int | None = None) -> LogEntry:
    return LogEntry(langkah=1, oleh="A", peran="Staf", mulai=f"2026-10-05T{mulai}:00+08:00",
                    selesai=f"2026-10-05T{mulai}:30+08:00", menggantikan=menggantikan, seq=seq)


def test_superseded_and_current_entries() -> None:
    entries = [_entry(1, "09:00"), _entry(2, "08:00"), _entry(3, "10:00", menggantikan=1), _entry(4, "07:00")]
    assert superseded_seqs(entries) == {1}
    assert [e.seq for e in current_entries(entries)] == [2, 3, 4]  # recorded order
    assert [e.seq for e in effective_entries(entries)] == [4, 2, 3]  # by start time


def test_a_correction_of_a_correction() -> None:
    entries = [_entry(1, "09:00"), _entry(2, "09:00", menggantikan=1), _entry(3, "09:00", menggantikan=2)]
    assert superseded_seqs(entries) == {1, 2}
    assert [e.seq for e in current_entries(entries)] == [3]


def test_nothing_superseded() -> None:
    entries = [_entry(1, "09:00"), _entry(2, "10:00")]
    assert superseded_seqs(entries) == frozenset() and current_entries(entries) == entries
    assert current_entries([]) == []


@pytest.mark.parametrize(("minutes", "text"), [
    (None, "-"), (0, "0 mnt"), (40, "40 mnt"), (59.6, "1 j 0 mnt"), (60, "1 j 0 mnt"),
    (495, "8 j 15 mnt"), (450.4, "7 j 30 mnt"), (1500, "25 j 0 mnt"),
])
def test_format_minutes(minutes: float | None, text: str) -> None:
    assert format_minutes(minutes) == text
