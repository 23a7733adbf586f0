"""Benchmark: ``sopdoc log import`` of 100,000 rows against a plain-Python floor (budget ≤ 2× the floor).

Writes a CSV of 100,000 rows in 10,000 cases of the 10-step bench SOP (bench/compliance.py's flow)
into a temporary folder, opens an instance, and times, median of 3 runs, each into a fresh copy of the
empty database:

- sopdoc: reading the file, checking every row (timestamps, steps, roles, warnings at entry),
  numbering, stamping and hash-chaining, and the one insert transaction, in process
  (``read_log_file`` + ``record_rows``, what the command runs);
- the floor: the same work done as plainly as Python allows — ``csv.reader``, ``fromisoformat`` for both
  times, the same canonical JSON and SHA-256 chain, one ``executemany`` into a table of the same columns.

Prints both (wall and CPU time: on a shared machine the CPU ratio is the fair one), their ratio and the
peak memory of the sopdoc run.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.compliance import FLOW
from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.log_files import read_log_file
from sopdoc.execution.recording import record_rows
from sopdoc.execution.settings import CalendarSettings
from sopdoc.execution.store import Instance, SqliteStore

ROWS, CASES, RUNS = 100_000, 10_000, 3
NAME = "bench-2026-10"
HEADER = ["kasus", "langkah", "oleh", "peran", "mulai", "selesai", "output", "keputusan", "kelengkapan"]


def write_csv(path: Path) -> None:
    cal = WorkingCalendar()
    per_case = ROWS // CASES
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        moment = dt.datetime(2026, 10, 1, 7, 30)
        for c in range(CASES):
            if c % 40 == 0:
                moment = dt.datetime(2026, 10, 1, 7, 30) + dt.timedelta(days=(c // 40) % 25)
                moment = cal.next_working_moment(moment)
            t = moment
            for n in range(per_case):
                step = FLOW.steps[n % 10]
                end = t + dt.timedelta(minutes=20)
                keputusan = "ya" if step.keputusan else ""
                w.writerow([f"AG-{c:05d}", step.no, f"Pegawai {step.no} / 1980010{step.no}", step.pelaksana[0],
                            t.strftime("%Y-%m-%d %H:%M"), end.strftime("%Y-%m-%d %H:%M"), step.output or "",
                            keputusan, "lengkap"])
                t = end


def empty_store(path: Path) -> None:
    store = SqliteStore(path)
    store.add_sop_version("b" * 64, "Bench", None, "sopdoc: 1\n")
    store.create_instance(Instance(NAME, "b" * 64, "2026-10", "2026-10-01T07:30+08:00", "2026-11-13", "WITA",
                                   FLOW.to_json(), "[]", "{}", "bench"))
    store.close()


def sopdoc_import(db: Path, log: Path) -> int:
    with SqliteStore(db) as store:
        inst = store.instance(NAME)
        assert inst is not None
        rows = read_log_file(log)
        _results, stored = record_rows(store, inst, rows, user="bench", base_dir=log.parent,
                                       calendar=CalendarSettings())
        return len(stored)


_FIELDS = ("kasus", "langkah", "oleh", "peran", "mulai", "selesai", "output", "keputusan", "kelengkapan", "bukti",
           "bukti_nama", "catatan", "menggantikan", "seq", "dicatat_oleh", "dicatat_pada", "prev_hash", "hash")


def floor_import(db: Path, log: Path) -> int:
    """The same parsing, hashing and inserts, as plainly as Python does them."""
    offset = dt.timezone(dt.timedelta(hours=8))
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
    with log.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    stamp = dt.datetime.now(dt.UTC).isoformat()
    prev, out = "0" * 64, []
    for seq, (kasus, langkah, oleh, peran, mulai, selesai, output, keputusan, kelengkapan) in enumerate(rows, 1):
        start = dt.datetime.fromisoformat(mulai).replace(tzinfo=offset).isoformat()
        end = dt.datetime.fromisoformat(selesai).replace(tzinfo=offset).isoformat()
        body = {"langkah": int(langkah), "oleh": oleh, "peran": peran, "mulai": start, "selesai": end,
                "output": output, "keputusan": keputusan, "kelengkapan": kelengkapan, "bukti": "", "bukti_nama": "",
                "catatan": "", "menggantikan": None, "seq": seq, "dicatat_oleh": "bench", "dicatat_pada": stamp,
                "kasus": kasus}
        digest = hashlib.sha256(f"{prev}\n{NAME}\n{encode(body)}".encode()).hexdigest()
        out.append((NAME, kasus, int(langkah), oleh, peran, start, end, output, keputusan, kelengkapan, "", "", "",
                    None, seq, "bench", stamp, prev, digest))
        prev = digest
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(f"INSERT INTO entry (instance, {', '.join(_FIELDS)}) VALUES ({', '.join('?' * 19)})", out)
    conn.execute("COMMIT")
    conn.close()
    return len(out)


def _timed(fn, template: Path, log: Path, folder: Path) -> tuple[float, float, int]:
    """Median wall and CPU seconds of ``fn`` over RUNS fresh copies of the empty database."""
    times, cpu, n = [], [], 0
    for i in range(RUNS):
        db = folder / f"run-{fn.__name__}-{i}.db"
        shutil.copy(template, db)
        shutil.copy(f"{template}.key", f"{db}.key")
        t0, c0 = time.perf_counter(), time.process_time()
        n = fn(db, log)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(times), statistics.median(cpu), n


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        log, template = folder / "log.csv", folder / "empty.db"
        write_csv(log)
        empty_store(template)
        floor, floor_cpu, n_floor = _timed(floor_import, template, log, folder)
        ours, ours_cpu, n = _timed(sopdoc_import, template, log, folder)
        assert n == n_floor == ROWS
        shutil.copy(template, folder / "mem.db")
        shutil.copy(f"{template}.key", folder / "mem.db.key")
        tracemalloc.start()
        sopdoc_import(folder / "mem.db", log)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    print(f"log import: {ROWS} rows in {CASES} cases: sopdoc {ours:.2f} s wall / {ours_cpu:.2f} s CPU, "
          f"plain-Python floor {floor:.2f} s wall / {floor_cpu:.2f} s CPU, ratio {ours / floor:.2f}× wall, "
          f"{ours_cpu / floor_cpu:.2f}× CPU (budget ≤ 2×); peak Python memory {peak:.0f} MiB; median of {RUNS} runs")


if __name__ == "__main__":
    main()
