"""Benchmark: check 1,000 period instances holding 100,000 log entries in total (budget ≤ 5 s).

Builds a store under a temporary folder (not timed): a 10-step SOP (the clean example's shape:
a decision at step 6 looping back to 5, and a closing decision at step 10 whose Tidak exit starts
the cycle again), 1,000 instances with 100 entries each (ten legal cycles, with late steps, wrong
roles and missing outputs sprinkled in). Then times loading every
instance's entries from SQLite and running every CMP rule plus the figures; prints the median
of 3 runs.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.compliance import check_instance
from sopdoc.execution.entries import EntryInput
from sopdoc.execution.pinned import Step, StepTable
from sopdoc.execution.settings import PeriodSettings
from sopdoc.execution.store import Instance, SqliteStore

INSTANCES, PER_INSTANCE, RUNS = 1000, 100, 3
ROLES = ["Kepala Dinas", "Sekretaris", "Kepala Bidang", "Kasubag Program", "Staf"]
FLOW = StepTable(tuple(
    Step(no=i, uraian=f"Langkah {i}", pelaksana=(ROLES[i % 5],), keputusan=i in (6, 10), ya=7 if i == 6 else None,
         tidak={6: 5, 10: 1}.get(i), kelengkapan=("Dokumen",), waktu="2 jam", output=f"Output {i}")
    for i in range(1, 11)))


def _entries(k: int) -> list[EntryInput]:
    out, moment = [], dt.datetime(2026, 10, 5, 7, 30)
    cal = WorkingCalendar()
    for n in range(PER_INSTANCE):
        step = FLOW.steps[n % 10]
        minutes = 150 if (n + k) % 17 == 0 else 100  # some steps are late (standard 120 + 10 %)
        end = cal.add_working_minutes(moment, minutes)
        out.append(EntryInput(
            langkah=step.no, oleh=f"Pegawai {step.no}", peran="Staf" if (n + k) % 23 == 0 else step.pelaksana[0],
            mulai=moment.isoformat() + "+08:00", selesai=end.isoformat() + "+08:00",
            output="" if (n + k) % 29 == 0 else step.output or "",
            keputusan="" if not step.keputusan else ("tidak" if step.no == 10 and n < PER_INSTANCE - 1 else "ya"),
            kelengkapan="lengkap"))
        moment = cal.next_working_moment(end)
    return out


def build(path: Path) -> SqliteStore:
    store = SqliteStore(path)
    store.add_sop_version("b" * 64, "Bench", None, "sopdoc: 1\n")
    for k in range(INSTANCES):
        name = f"bench-{k:04d}"
        store.create_instance(Instance(name, "b" * 64, "2026-TW3", "2026-10-05T07:30+08:00", "2026-12-31", "WITA",
                                       FLOW.to_json(), "[]", "{}", "bench"))
        store.append(name, _entries(k), "bench")
    return store


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = build(Path(tmp) / "bench.db")
        names = [i.name for i in store.instances()]
        times, cpu, findings, total = [], [], 0, 0
        for _ in range(RUNS):
            t0, c0 = time.perf_counter(), time.process_time()
            findings = total = 0
            calendar, settings = WorkingCalendar(), PeriodSettings()
            for inst in store.instances():
                entries = store.entries(inst.name)
                total += len(entries)
                findings += len(check_instance(inst, entries, calendar, settings).diagnostics)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        store.close()
    print(f"compliance: {len(names)} instances, {total} entries, {findings} findings: "
          f"median {statistics.median(times):.2f} s wall, {statistics.median(cpu):.2f} s CPU over {RUNS} runs "
          f"(budget 5 s; wall time includes other load on the machine)")


if __name__ == "__main__":
    main()
