"""Median wall time of `sopdoc --help` as a whole process (budget: < 0.3 s), and its CPU time.

An installed sopdoc runs from compiled bytecode (pip compiles the wheel at install). When this
environment forbids writing bytecode (``PYTHONDONTWRITEBYTECODE``), every start would compile
sopdoc's sources again and the figure would measure the compiler, so the processes get a private
bytecode cache (``PYTHONPYCACHEPREFIX``) warmed by one untimed start. The CPU time (user + system
of the process) moves much less than the wall time on a loaded machine.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 15


def main() -> None:
    """Print the median and the fastest of RUNS process starts."""
    exe = shutil.which("sopdoc", path=str(Path(sys.executable).parent)) or shutil.which("sopdoc")
    cmd = [exe, "--help"] if exe else [sys.executable, "-m", "sopdoc", "--help"]
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ)
        if env.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
            env["PYTHONPYCACHEPREFIX"] = cache
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)  # warm the bytecode cache
        times, cpu = [], []
        for _ in range(RUNS):
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env=env)
            _pid, status, usage = os.wait4(proc.pid, 0)
            times.append(time.perf_counter() - start)
            cpu.append(usage.ru_utime + usage.ru_stime)
            if os.waitstatus_to_exitcode(status) != 0:
                raise SystemExit("sopdoc --help failed")
    print(f"sopdoc --help: median {statistics.median(times) * 1000:.0f} ms, "
          f"min {min(times) * 1000:.0f} ms over {RUNS} runs (budget 300 ms); "
          f"CPU median {statistics.median(cpu) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
