"""Benchmark: ``sopdoc period check`` of one instance holding 100,000 entries in 10,000 cases, as a
whole process, in every output format (budget ≤ 3 s and ≤ 200 MiB each).

Builds a store under a temporary folder (not timed): the 10-step bench SOP (bench/compliance.py's flow),
one monthly instance, 10,000 cases of one clean cycle each (steps 1–10, ``ya`` at both decisions), with
late steps, wrong roles and missing outputs sprinkled in; then runs ``sopdoc period check`` (which
verifies the log's chain first) with ``--format text`` and ``--format json``, 3 times each, and prints
the median CPU time (user + system of the child: on a shared machine the fair figure) and wall time and
the peak resident memory (``ru_maxrss`` of the child) per format.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.compliance import FLOW
from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.entries import EntryInput
from sopdoc.execution.plan import plan_schedule, plan_to_json
from sopdoc.execution.store import Instance, SqliteStore

CASES, RUNS = 10_000, 3
NAME = "bench-2026-10"


def _entries() -> list[EntryInput]:
    cal = WorkingCalendar()
    out = []
    for c in range(CASES):
        moment = cal.next_working_moment(dt.datetime(2026, 10, 1, 7, 30) + dt.timedelta(days=(c // 400) % 28))
        for n, step in enumerate(FLOW.steps):
            minutes = 150 if (n + c) % 17 == 0 else 20  # some steps are late (standard 120 + 10 %)
            end = cal.add_working_minutes(moment, minutes)
            out.append(EntryInput(
                langkah=step.no, oleh=f"Pegawai {step.no}", peran="Staf" if (n + c) % 23 == 0 else step.pelaksana[0],
                mulai=moment.isoformat() + "+08:00", selesai=end.isoformat() + "+08:00",
                output="" if (n + c) % 29 == 0 else step.output or "", keputusan="ya" if step.keputusan else "",
                kelengkapan="lengkap", kasus=f"AG-{c:05d}"))
            moment = end
    return out


SOURCE = "sopdoc: 1\n"
SOP_HASH = hashlib.sha256(SOURCE.encode()).hexdigest()  # the pinned version's real hash: the log verifies


def build(path: Path) -> None:
    with SqliteStore(path) as store:
        store.add_sop_version(SOP_HASH, "Bench", None, SOURCE)
        plan = plan_schedule(FLOW, WorkingCalendar(), dt.datetime(2026, 10, 1, 7, 30))
        store.create_instance(Instance(NAME, SOP_HASH, "2026-10", "2026-10-01T07:30+08:00", "2026-11-13", "WITA",
                                       FLOW.to_json(), plan_to_json(plan), '{"nama": "Bench"}', "bench"))
        store.append(NAME, _entries(), "bench")


def run(db: Path, fmt: str) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of one ``sopdoc period check`` process."""
    cmd = [sys.executable, "-m", "sopdoc", "period", "check", NAME, "--db", str(db), "--format", fmt,
           "--per", "2026-11-30"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    assert os.waitstatus_to_exitcode(status) in (0, 1), status
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        build(db)
        for fmt in ("text", "json"):
            results = [run(db, fmt) for _ in range(RUNS)]
            wall = statistics.median(r[0] for r in results)
            cpu = statistics.median(r[1] for r in results)
            rss = max(r[2] for r in results)
            print(f"period check --format {fmt}: {CASES} cases, {CASES * len(FLOW.steps)} entries: median {cpu:.2f} s "
                  f"CPU / {wall:.2f} s wall, peak {rss:.0f} MiB RSS over {RUNS} runs (budget ≤ 3 s, ≤ 200 MiB)")


if __name__ == "__main__":
    main()
