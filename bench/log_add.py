"""Benchmark: ``sopdoc log add`` as a whole process (budget ≤ 150 ms).

Opens a period of the clean example in a temporary database, then runs ``sopdoc log add`` 21
times as a subprocess (start-up, import, validation, one SQLite write transaction with its hash
link) and prints the median wall time.
"""

from __future__ import annotations

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
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "SOPDOC_DB": str(Path(tmp) / "bench.db"), "SOPDOC_USER": "bench"}
        name = SOP.name.removesuffix(".sop.yaml") + "-2026-TW3"
        subprocess.run([SOPDOC, "period", "open", str(SOP), "--period", "2026-TW3"], env=env, check=True,
                       capture_output=True)
        times = []
        for i in range(RUNS):
            args = [SOPDOC, "log", "add", name, "--langkah", "1", "--oleh", f"Pegawai {i} / 1980",
                    "--peran", "Kepala Dinas", "--mulai", "2026-10-01 08:00+08:00",
                    "--selesai", "2026-10-01 08:15+08:00", "--output", "Disposisi", "--kelengkapan", "lengkap"]
            t0 = time.perf_counter()
            subprocess.run(args, env=env, check=True, capture_output=True)
            times.append(time.perf_counter() - t0)
    print(f"log add: median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms "
          f"over {RUNS} whole-process runs (budget 150 ms)")


if __name__ == "__main__":
    main()
