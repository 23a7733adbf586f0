"""Run one function over many inputs on every local core, streaming results in input order.

The one home for batch parallelism (``check``, ``import`` and ``render`` over folders): a process
pool from the standard library (``concurrent.futures``), or an existing Dask cluster
(``dask.distributed``, the optional extra ``sopdoc[dask]``) when a scheduler address is given; never a
scheduler of our own. Results come
back in the order of the inputs as soon as each is ready, and at most ``window`` inputs are in
flight, so memory stays flat however many files a run has. The function and its inputs must be
picklable (a module-level function and plain values).

:func:`collector_paused` is for the other kind of bulk work, many small items in one process.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from sopdoc.errors import UsageError
from sopdoc.model.diagnostic import Teks

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["collector_paused", "default_workers", "run_batch"]

T = TypeVar("T")
R = TypeVar("R")

# Below this many inputs a pool costs more to start than it saves.
MIN_PARALLEL = 4


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for the block: a log of 100,000 entries read, checked or
    imported makes about ten objects per entry, none of them in a cycle, yet the collector's passes over
    them took a quarter to a third of the time. Reference counting frees as before; the collector
    resumes (if it ran before) when the block ends, however it ends."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


BATCH_GC_THRESHOLD = 10_000
"""New objects between the cyclic collector's passes while a batch runs. The ``sopdoc`` process
starts with a much higher threshold (:mod:`sopdoc.process`: start-up makes tens of thousands of
objects that live as long as the process); a long batch makes cyclic garbage (documents being
drawn) that such a pace would hold: 1,000 SOPs rendered peaked at 204 MB with 100,000, 86 MB with
10,000 (74 MB with CPython's 700, and slower)."""


@contextlib.contextmanager
def _batch_pace() -> Iterator[None]:
    """The collector at :data:`BATCH_GC_THRESHOLD` at most for the block (forked workers inherit
    it), the threshold before restored after it."""
    before = gc.get_threshold()
    gc.set_threshold(min(before[0], BATCH_GC_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def default_workers() -> int:
    """Every core this process may use (``SOPDOC_WORKERS`` overrides; 1 runs serially)."""
    env = os.environ.get("SOPDOC_WORKERS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_batch(func: Callable[[T], R], items: Iterable[T], *, workers: int | None = None,
              window: int | None = None, dask: str | None = None,
              min_parallel: int = MIN_PARALLEL) -> Iterator[tuple[T, R]]:
    """Yield ``(item, func(item))`` for every item, in input order, using ``workers`` processes
    (or the workers of the Dask scheduler at address ``dask``).

    An exception raised by ``func`` is re-raised here for its item; ``func`` should therefore turn
    expected failures (bad input) into values and let only real bugs escape. Fewer than
    ``min_parallel`` items run here, one after the other (lower it for items of seconds each, such
    as a scanned page).
    """
    todo = list(items)
    if dask:
        yield from _run_dask(func, todo, dask, window)
        return
    workers = default_workers() if workers is None else max(1, workers)
    if workers == 1 or len(todo) < min_parallel:
        if todo:  # the first item at start-up pace: one SOP's render is still loading its modules
            yield todo[0], func(todo[0])
        with _batch_pace():
            for item in todo[1:]:
                yield item, func(item)
        return
    import multiprocessing  # a pool only when there is work for it: one file starts without it
    from concurrent.futures import ProcessPoolExecutor

    limit = window or workers * 4
    # fork starts workers in milliseconds and shares the imported modules; elsewhere the default.
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    pending: deque[tuple[T, Future[R]]] = deque()
    with _batch_pace(), ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for item in todo:
            pending.append((item, pool.submit(func, item)))
            if len(pending) >= limit:
                done_item, future = pending.popleft()
                yield done_item, future.result()
        while pending:
            done_item, future = pending.popleft()
            yield done_item, future.result()


def _run_dask(func: Callable[[T], R], todo: list[T], address: str, window: int | None) -> Iterator[tuple[T, R]]:
    """The same stream on a Dask cluster: at most ``window`` tasks in flight (default four per worker
    thread), results in input order. A missing ``distributed`` or a scheduler not reached within
    ``SOPDOC_DASK_TIMEOUT`` seconds (default 10) is a usage error (one line, exit 2)."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError(Teks("--dask memerlukan paket dask.distributed: pip install 'sopdoc[dask]'",
                              "--dask needs the dask.distributed package: pip install 'sopdoc[dask]'")) from None
    wait = os.environ.get("SOPDOC_DASK_TIMEOUT", "").strip()
    try:
        client: Any = Client(address, timeout=f"{int(wait) if wait.isdigit() else 10}s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(Teks(f"penjadwal Dask {address} tidak dapat dihubungi: {exc}",
                              f"cannot reach the Dask scheduler {address}: {exc}")) from None
    try:
        limit = window or max(4, 4 * sum(client.nthreads().values()))
        pending: deque[tuple[T, Any]] = deque()
        for item in todo:
            pending.append((item, client.submit(func, item, pure=False)))
            if len(pending) >= limit:
                done_item, future = pending.popleft()
                yield done_item, future.result()
                future.release()
        while pending:
            done_item, future = pending.popleft()
            yield done_item, future.result()
            future.release()
    finally:
        client.close()
