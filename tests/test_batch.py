"""run_batch: every item once, in input order, the same results as a serial run, errors re-raised."""

from __future__ import annotations

import gc
import os

import pytest

from sopdoc.batch import BATCH_GC_THRESHOLD, default_workers, run_batch


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


def _threshold(_item: int) -> int:
    return gc.get_threshold()[0]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_batch_runs_the_collector_at_batch_pace_and_restores_it(workers: int) -> None:
    """The sopdoc process starts with a collector threshold of 100,000 (sopdoc.process); a long
    batch must not hold its cyclic garbage that long (1,000 SOPs rendered peaked at 204 MB)."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, *before[1:])
    try:
        seen = [t for _item, t in run_batch(_threshold, range(8), workers=workers)]
        assert gc.get_threshold()[0] == 100_000  # restored after the batch
    finally:
        gc.set_threshold(*before)
    if workers == 1:
        assert seen[0] == 100_000  # the first item still loads modules at start-up pace
        assert set(seen[1:]) == {BATCH_GC_THRESHOLD}
    else:
        assert set(seen) == {BATCH_GC_THRESHOLD}  # forked workers inherit the batch pace
    assert BATCH_GC_THRESHOLD <= 10_000
