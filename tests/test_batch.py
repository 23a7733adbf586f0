"""run_batch: every item once, in input order, the same results as a serial run, errors re-raised."""

from __future__ import annotations

import os

import pytest

from sopdoc.batch import default_workers, run_batch


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def _fail_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("three")
    return n


def test_results_in_input_order_equal_to_a_serial_run() -> None:
    items = list(range(40))
    parallel = [(i, r[0]) for i, r in run_batch(_square_and_pid, items, workers=2, window=3)]
    serial = [(i, r[0]) for i, r in run_batch(_square_and_pid, items, workers=1)]
    assert parallel == serial == [(i, i * i) for i in items]


def test_uses_other_processes_when_asked() -> None:
    pids = {r[1] for _, r in run_batch(_square_and_pid, range(20), workers=2)}
    assert os.getpid() not in pids and len(pids) >= 1


def test_small_runs_stay_in_process() -> None:
    pids = {r[1] for _, r in run_batch(_square_and_pid, range(3), workers=2)}
    assert pids == {os.getpid()}


def test_an_error_is_raised_for_its_item() -> None:
    results = run_batch(_fail_on_three, range(10), workers=2)
    assert [next(results)[1] for _ in range(3)] == [0, 1, 2]
    with pytest.raises(ValueError, match="three"):
        next(results)


def test_workers_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOPDOC_WORKERS", "3")
    assert default_workers() == 3
    monkeypatch.setenv("SOPDOC_WORKERS", "nonsense")
    assert default_workers() >= 1
