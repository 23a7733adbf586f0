"""Benchmark: the period report with its charts (``sopdoc period render``), PDF and DOCX (budget ≤ 2 s each).

Two instances of the 10-step bench SOP (bench/compliance.py's flow) in one store under a temporary
folder (not timed): the 10,000-case month of bench/period_check_cases.py (100,000 entries) and a
typical small period, one run of the ten steps (the implicit case). Each is checked once (the check
has its own budget, bench/period_check_cases.py); then the report is rendered in process, each format
on its own, 3 times: the report's content, both charts and the document. Prints the median CPU and
wall time and the size of each file.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.compliance import FLOW
from bench.period_check_cases import NAME, SOP_HASH, build
from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.compliance import check_instance
from sopdoc.execution.entries import EntryInput
from sopdoc.execution.plan import plan_schedule, plan_to_json
from sopdoc.execution.settings import PeriodSettings
from sopdoc.execution.store import Instance, SqliteStore
from sopdoc.render.report.docx import render_report

RUNS = 3
SMALL = "bench-kecil-2026-10"
AS_OF = dt.datetime(2026, 11, 30, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def add_small(path: Path) -> None:
    """One clean run of the ten steps, the implicit case (a quarterly data collection's shape)."""
    cal = WorkingCalendar()
    moment = cal.next_working_moment(dt.datetime(2026, 10, 5, 7, 30))
    entries = []
    for step in FLOW.steps:
        end = cal.add_working_minutes(moment, 45)
        entries.append(EntryInput(langkah=step.no, oleh=f"Pegawai {step.no}", peran=step.pelaksana[0],
                                  mulai=moment.isoformat() + "+08:00", selesai=end.isoformat() + "+08:00",
                                  output=step.output or "", keputusan="ya" if step.keputusan else "",
                                  kelengkapan="lengkap"))
        moment = end
    with SqliteStore(path) as store:
        plan = plan_schedule(FLOW, WorkingCalendar(), dt.datetime(2026, 10, 5, 7, 30))
        store.create_instance(Instance(SMALL, SOP_HASH, "2026-10", "2026-10-05T07:30+08:00", "2026-11-13", "WITA",
                                       FLOW.to_json(), plan_to_json(plan), '{"nama": "Bench"}', "bench"))
        store.append(SMALL, entries, "bench")


def measure(db: Path, name: str, out: Path) -> None:
    with SqliteStore(db) as store:
        inst = store.instance(name)
        verification, entries = store.verified_entries(name)
    assert inst is not None and entries is not None
    c0 = time.process_time()
    result = check_instance(inst, entries, WorkingCalendar(), PeriodSettings(), AS_OF)
    check_cpu = time.process_time() - c0
    for kind in ("pdf", "docx"):
        walls, cpus = [], []
        for _ in range(RUNS):
            t0, c0 = time.perf_counter(), time.process_time()
            (path,) = render_report(inst, result, out, [kind], verification=verification)
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
        print(f"period report --format {kind}: {len(entries)} entries in {len(result.cases)} case(s): "
              f"median {statistics.median(cpus):.2f} s CPU / {statistics.median(walls):.2f} s wall, "
              f"{path.stat().st_size / 1024:.0f} KiB (budget ≤ 2 s; the check before it: {check_cpu:.2f} s CPU)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        build(db)
        add_small(db)
        for name in (SMALL, NAME):
            measure(db, name, Path(tmp))


if __name__ == "__main__":
    main()
