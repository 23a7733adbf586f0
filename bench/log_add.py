"""Benchmark: ``sopdoc log add`` as a whole process (budget ≤ 100 ms, issue #15).

Opens a period of the clean example in a temporary database, then runs ``sopdoc log add`` 21
times as a subprocess (start-up, import, validation, one SQLite write transaction with its hash
link) and prints the median wall time and the median CPU time (user + system) of the process.

Like ``bench/startup.py``, the processes run from compiled bytecode (a private
``PYTHONPYCACHEPREFIX`` when the environment forbids writing bytecode, warmed by the untimed
``period open`` and first entry), as an installed sopdoc does. ``python bench/log_add.py --sopdoc
PATH`` times another installation (e.g. the pre-restructure tree's ``.venv/bin/sopdoc``) with
this tree's example, for same-run comparisons.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOPDOC = str(Path(sys.executable).parent / "sopdoc")
SOP = next(p for p in (ROOT / "examples" / "pengumpulan-data-kinerja.sop.yaml",
                        ROOT / "tests" / "data" / "execution" / "keputusan-loop.sop.yaml") if p.is_file())
RUNS = 21


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sopdoc", default=SOPDOC, help="the sopdoc executable to time")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "SOPDOC_DB": str(Path(tmp) / "bench.db"), "SOPDOC_USER": "bench"}
        if env.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
            env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        name = SOP.name.removesuffix(".sop.yaml") + "-2026-TW3"
        subprocess.run([args.sopdoc, "period", "open", str(SOP), "--period", "2026-TW3"], env=env, check=True,
                       capture_output=True)
        times, cpu = [], []
        for i in range(args.runs + 1):
            cmd = [args.sopdoc, "log", "add", name, "--langkah", "1", "--oleh", f"Pegawai {i} / 1980",
                   "--peran", "Kepala Dinas", "--mulai", "2026-10-01 08:00+08:00",
                   "--selesai", "2026-10-01 08:15+08:00", "--output", "Disposisi", "--kelengkapan", "lengkap"]
            t0 = time.perf_counter()
            proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _pid, status, usage = os.wait4(proc.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                raise SystemExit("sopdoc log add failed")
            if i:  # the first entry warms the bytecode (and the holiday cache)
                times.append(time.perf_counter() - t0)
                cpu.append(usage.ru_utime + usage.ru_stime)
    print(f"log add: median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms "
          f"over {args.runs} whole-process runs (budget 100 ms); CPU median {statistics.median(cpu) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
