"""Median wall time of `sopdoc --help` as a whole process (budget: < 0.3 s)."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 15


def main() -> None:
    """Print the median and the fastest of RUNS process starts."""
    exe = shutil.which("sopdoc", path=str(Path(sys.executable).parent)) or shutil.which("sopdoc")
    cmd = [exe, "--help"] if exe else [sys.executable, "-m", "sopdoc", "--help"]
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    print(f"sopdoc --help: median {statistics.median(times) * 1000:.0f} ms, "
          f"min {min(times) * 1000:.0f} ms over {RUNS} runs (budget 300 ms)")


if __name__ == "__main__":
    main()
