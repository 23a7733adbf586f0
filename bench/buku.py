"""Benchmark of ``sopdoc buku`` (issue #18 point 2): generated SOPs bound into one PDF and one DOCX.

    .venv/bin/python bench/buku.py [--count 1000] [--workers 1,2] [--docx]

Prints, per worker count, the seconds of ``sopdoc buku DIR -o buku.pdf`` (rendering on every
core, then binding), the peak resident memory of the sopdoc process (its own; the workers'
rendering is not in it with 2 workers), the book's pages and size; with ``--docx`` the same for
the DOCX book. The SOPs are the examples in turn with numbered names (bench/render_many.py).
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


def _bind(folder: Path, target: Path, workers: str) -> tuple[float, int]:
    """Seconds and peak RSS (kB) of one ``sopdoc buku`` process."""
    env = _env(folder.parent / "pycache", SOPDOC_WORKERS=workers, SOPDOC_PROGRESS="0")
    t = time.perf_counter()
    proc = subprocess.Popen([*SOPDOC, "buku", str(folder), "-o", str(target)], stdout=subprocess.DEVNULL, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"sopdoc buku failed ({os.waitstatus_to_exitcode(status)})")
    return seconds, usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--docx", action="store_true")
    args = parser.parse_args()
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sop"
        folder.mkdir()
        _generate(folder, args.count)
        for workers in args.workers.split(","):
            target = Path(tmp) / f"buku-{workers}.pdf"
            seconds, rss = _bind(folder, target, workers)
            pages = len(PdfReader(str(target)).pages)
            print(f"{args.count} SOPs → PDF, {workers} worker(s): {seconds:.1f} s, peak RSS {rss / 1024:.0f} MB, "
                  f"{pages} pages, {target.stat().st_size / 1e6:.1f} MB")
            if args.docx:
                target = Path(tmp) / f"buku-{workers}.docx"
                seconds, rss = _bind(folder, target, workers)
                print(f"{args.count} SOPs → DOCX, {workers} worker(s): {seconds:.1f} s, peak RSS {rss / 1024:.0f} MB, "
                      f"{target.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
