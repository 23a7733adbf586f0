"""PDF import speed against the targets of issue #12 point 9.

1. median ms per page, in-process, over the foreign PDFs (target <= 150 ms/page);
2. one whole `sopdoc import` process of one 2-page PDF, start-up included (target <= 0.6 s);
3. 300 PDFs in one `sopdoc import DIR` call on 2 cores (the corpus repeated to 300; target <= 60 s).

Each figure is printed as wall time and CPU time (user + system, of this process for 1, of the
child processes for 2 and 3): on a shared machine the wall time measures the load, the CPU time
and ratios within one run measure sopdoc.

Usage: .venv/bin/python bench/import_speed.py [--runs N] [--files 300] [--workers 2]

The PDFs are ../shared/corpus when it sits beside the repository, else tests/data/corpus.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.import_corpus import corpus_pdfs  # noqa: E402
from sopdoc.importers.dispatch import import_source  # noqa: E402

TWO_PAGE = ROOT / "tests" / "data" / "corpus" / "bps" / "bps-226-survei-lptb.pdf"
TARGET_MS_PAGE, TARGET_ONE_S, TARGET_MANY_S = 150, 0.6, 60


def _arg(argv: list[str], name: str, default: int) -> int:
    return int(argv[argv.index(name) + 1]) if name in argv else default


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def _sopdoc() -> list[str]:
    exe = shutil.which("sopdoc", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "sopdoc"]


def per_page(pdfs: list[Path], runs: int) -> tuple[list[float], list[float]]:
    """Median in-process import time per page of each PDF, in ms: wall and CPU (this process's
    user + system time; OCR's Tesseract runs in child processes, counted in neither but the wall)."""
    import_source(pdfs[0])  # lazy imports once, as a long-running process has them
    wall, cpu = [], []
    for pdf in pdfs:
        times, cpus = [], []
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            import_source(pdf)
            times.append(time.perf_counter() - start)
            cpus.append(time.process_time() - start_cpu)
        pages = max(1, _pages(pdf))
        wall.append(statistics.median(times) * 1000 / pages)
        cpu.append(statistics.median(cpus) * 1000 / pages)
    return wall, cpu


def _child_cpu() -> float:
    """CPU seconds (user + system) of every finished child process so far, pool workers included."""
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def one_process(pdf: Path, runs: int, tmp: Path) -> tuple[list[float], list[float]]:
    """Wall times and CPU times (s) of `sopdoc import PDF -o DIR` as a whole process."""
    times, cpu = [], []
    for i in range(runs):
        start, start_cpu = time.perf_counter(), _child_cpu()
        subprocess.run([*_sopdoc(), "import", str(pdf), "-o", str(tmp / f"satu-{i}")],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
        cpu.append(_child_cpu() - start_cpu)
    return times, cpu


def many(pdfs: list[Path], files: int, workers: int, tmp: Path) -> tuple[float, float, int]:
    """Wall time, CPU time (s) and exit code of one `sopdoc import DIR` over ``files`` PDFs on
    ``workers`` cores."""
    src = tmp / "masuk"
    src.mkdir()
    for i in range(files):
        pdf = pdfs[i % len(pdfs)]
        target = src / f"{i:04d}-{pdf.name}"
        if _same_device(pdf, src):
            os.link(pdf, target)
        else:
            shutil.copyfile(pdf, target)
    env = {**os.environ, "SOPDOC_WORKERS": str(workers), "SOPDOC_PROGRESS": "0"}
    start, start_cpu = time.perf_counter(), _child_cpu()
    proc = subprocess.run([*_sopdoc(), "import", str(src), "-o", str(tmp / "keluar")], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start, _child_cpu() - start_cpu, proc.returncode


def _same_device(a: Path, b: Path) -> bool:
    return os.stat(a).st_dev == os.stat(b).st_dev


def _verdict(ok: bool) -> str:
    return "within target" if ok else "ABOVE target"


def main(argv: list[str]) -> int:
    runs = _arg(argv, "--runs", 3)
    files = _arg(argv, "--files", 300)
    workers = _arg(argv, "--workers", 2)
    pdfs = corpus_pdfs()
    tmp = Path(tempfile.mkdtemp(prefix="sopdoc-speed-"))
    try:
        ms, cpu_ms = per_page(pdfs, runs)
        med = statistics.median(ms)
        print(f"1. in-process: median {med:.0f} ms/page wall, {statistics.median(cpu_ms):.0f} ms/page CPU over "
              f"{len(pdfs)} PDFs (max {max(ms):.0f} wall, {max(cpu_ms):.0f} CPU); "
              f"target <= {TARGET_MS_PAGE}: {_verdict(med <= TARGET_MS_PAGE)}")
        one, cpu = one_process(TWO_PAGE, max(runs, 5), tmp)
        print(f"2. whole `sopdoc import` of one 2-page PDF ({TWO_PAGE.name}): median "
              f"{statistics.median(one):.2f} s, min {min(one):.2f} s (CPU median {statistics.median(cpu):.2f} s); "
              f"target <= {TARGET_ONE_S} s: {_verdict(statistics.median(one) <= TARGET_ONE_S)}")
        seconds, cpu_s, code = many(pdfs, files, workers, tmp)
        print(f"3. `sopdoc import DIR` of {files} PDFs ({len(pdfs)} repeated) on {workers} cores: "
              f"{seconds:.1f} s wall, {cpu_s:.1f} s CPU (exit {code}); target <= {TARGET_MANY_S} s: "
              f"{_verdict(seconds <= TARGET_MANY_S)}")
        print(f"   load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall figures "
              "assume an idle machine)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
