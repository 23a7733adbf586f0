"""Benchmark of ``sopdoc buku`` (issue #18 point 2): generated SOPs bound into one PDF and one DOCX.

    .venv/bin/python bench/buku.py [--count 1000] [--workers 1,2] [--docx] [--formats pdf,docx]

Prints, per worker count and book format, the wall and CPU seconds of ``sopdoc buku DIR -o
buku.pdf|docx`` (rendering on every core, then binding; CPU is user + system of the process and
of the pool workers it waited for, so the figure holds on a shared machine), the peak resident
memory (the largest of the sopdoc process and its workers), and the book's size (and pages for the
PDF). ``--docx`` adds the DOCX book to the PDF one; ``--formats`` names the books to bind. The SOPs
are the examples in turn with numbered names (bench/render_many.py).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render_many import SOPDOC, _env, _generate


def _bind(folder: Path, target: Path, workers: str) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (kB) of one ``sopdoc buku`` process."""
    env = _env(folder.parent / "pycache", SOPDOC_WORKERS=workers, SOPDOC_PROGRESS="0")
    t = time.perf_counter()
    proc = subprocess.Popen([*SOPDOC, "buku", str(folder), "-o", str(target)], stdout=subprocess.DEVNULL, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"sopdoc buku failed ({os.waitstatus_to_exitcode(status)})")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--docx", action="store_true", help="bind the DOCX book as well as the PDF one")
    parser.add_argument("--formats", default=None, help="books to bind, e.g. docx or pdf,docx (default pdf)")
    args = parser.parse_args()
    formats = args.formats.split(",") if args.formats else ["pdf", "docx"] if args.docx else ["pdf"]
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sop"
        folder.mkdir()
        _generate(folder, args.count)
        for workers in args.workers.split(","):
            for fmt in formats:
                target = Path(tmp) / f"buku-{workers}.{fmt}"
                seconds, cpu, rss = _bind(folder, target, workers)
                pages = f"{len(PdfReader(str(target)).pages)} pages, " if fmt == "pdf" else ""
                print(f"{args.count} SOPs → {fmt.upper()}, {workers} worker(s): {seconds:.1f} s wall, {cpu:.1f} s CPU, "
                      f"peak RSS {rss / 1024:.0f} MB, {pages}{target.stat().st_size / 1e6:.1f} MB", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
