"""Whole-process figures of the commands a user starts by hand: ``sopdoc --help`` (budget < 0.3 s),
``sopdoc check`` of one example, ``sopdoc log add`` (budget ≤ 100 ms, issue #15) and ``sopdoc render``
of one 10-step example to PDF (budget ≤ 175 ms, i.e. ≥ 5× LibreOffice converting its DOCX, issue #16).

Each command runs RUNS times; the median wall time and the median CPU time (user + system of the
process) are printed. ``--base PATH`` names another installation's ``sopdoc`` (e.g. the
pre-restructure tree's ``.venv/bin/sopdoc``): its runs alternate with this tree's, so both see the
same machine load, and the ratios are printed. On a loaded machine the CPU times and the ratios
mean more than the wall times.

An installed sopdoc runs from compiled bytecode (pip compiles the wheel at install). When this
environment forbids writing bytecode (``PYTHONDONTWRITEBYTECODE``), every start would compile
sopdoc's sources again and the figure would measure the compiler, so the processes get a private
bytecode cache (``PYTHONPYCACHEPREFIX``) warmed by one untimed start of each command. That start
also fills the start-up cache a ``sopdoc`` process keeps in the user's cache folder (the code of
dataclass methods, ``sopdoc/process.py``), as any second run of a user's would find it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "pengumpulan-data-kinerja.sop.yaml"
INSTANCE = "pengumpulan-data-kinerja-2026-TW3"
RUNS = 15
BUDGETS = {"--help": "< 300 ms", "check": "", "log add": "≤ 100 ms", "render": "≤ 175 ms"}


def _commands(i: int, out: str = "out") -> dict[str, list[str]]:
    return {
        "--help": ["--help"],
        "check": ["check", str(EXAMPLE)],
        "log add": ["log", "add", INSTANCE, "--langkah", "1", "--oleh", f"Pegawai {i} / 1980", "--peran",
                    "Kepala Dinas", "--mulai", "2026-10-01 08:00+08:00", "--selesai", "2026-10-01 08:15+08:00"],
        "render": ["render", str(EXAMPLE), "-o", out],  # PDF, the default (both trees: no option spelling)
    }


def _time(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # check exits 1 on findings
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", help="another sopdoc executable to compare with, run alternately")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    own = shutil.which("sopdoc", path=str(Path(sys.executable).parent)) or shutil.which("sopdoc")
    if own is None:
        raise SystemExit("sopdoc is not installed in this environment")
    exes = {"this tree": own, **({"base": args.base} if args.base else {})}
    with tempfile.TemporaryDirectory() as tmp:
        envs = {}
        for label, exe in exes.items():
            env = {**os.environ, "SOPDOC_DB": str(Path(tmp) / f"{label}.db"), "SOPDOC_USER": "bench"}
            if env.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
                env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / f"pycache-{label}")
            subprocess.run([exe, "period", "open", str(EXAMPLE), "--period", "2026-TW3"], env=env, check=True,
                           capture_output=True)
            for cmd in _commands(0, str(Path(tmp) / label)).values():  # warm bytecode and holiday cache
                _time([exe, *cmd], env)
            envs[label] = env
        figures: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for i in range(1, args.runs + 1):
            for name in _commands(i):
                for label, exe in exes.items():
                    cmd = _commands(i, str(Path(tmp) / label))[name]
                    figures.setdefault((label, name), []).append(_time([exe, *cmd], envs[label]))
    for name in _commands(0):
        wall, cpu = ({label: statistics.median(f[k] for f in figures[(label, name)]) * 1000 for label in exes}
                     for k in (0, 1))
        line = (f"sopdoc {name}: median {wall['this tree']:.0f} ms, CPU {cpu['this tree']:.0f} ms"
                f"{' (budget ' + BUDGETS[name] + ')' if BUDGETS[name] else ''}")
        if "base" in exes:
            line += (f"; base {wall['base']:.0f} ms, CPU {cpu['base']:.0f} ms; "
                     f"ratio {wall['this tree'] / wall['base']:.2f} (CPU {cpu['this tree'] / cpu['base']:.2f})")
        print(line + f"; {args.runs} runs")


if __name__ == "__main__":
    main()
