"""Shared timing helper of the bench scripts."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def median_ms(fn: Callable[[], Any], runs: int, clock: Callable[[], float] = time.perf_counter) -> float:
    """Median time of ``fn()`` over ``runs`` calls, in milliseconds: wall time, or the process's
    CPU time with ``clock=time.process_time``."""
    times = []
    for _ in range(runs):
        start = clock()
        fn()
        times.append((clock() - start) * 1000)
    return statistics.median(times)
