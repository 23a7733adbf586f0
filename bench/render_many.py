"""Benchmark of issue #16 point 10 (speed), every ratio measured in one run, CPU and wall.

    .venv/bin/python bench/render_many.py [--runs N] [--count 1000] [--batch 100] [--batch-runs 3]
                                          [--soffice-runs 3]

Prints
1. per document: the PDF painter against a reportlab *floor* that draws the same rectangles, paths
   and strings of the same layout with no logic at all (CPU ratio, target <= 1.5x);
2. one SOP as a whole process: ``sopdoc render x.sop.yaml --to pdf`` against ``soffice --headless
   --convert-to pdf`` of the same SOP's DOCX (target >= 5x);
3. per document in a batch: ``sopdoc render DIR --to pdf`` over ``--batch`` SOPs (100 by default)
   against one ``soffice --convert-to pdf`` call converting their DOCX (target >= 15x). sopdoc runs
   as users run it, with its default workers (every core, ``sopdoc.batch``), and its 1-worker figure
   is printed beside it (medians of ``--batch-runs`` runs on each side); LibreOffice's batch is what
   users have, one single-threaded soffice process converting the files one after the other. The
   ratio is of wall times (what a user waits for; CPU ratios beside them). The batch is large enough
   that both sides' start-up (about 0.2 s for sopdoc, 1 s for soffice) is spread over it: with 20
   SOPs start-up was a third of sopdoc's per-document figure and the ratio measured start-up rather
   than the work per document;
4. ``--count`` generated SOPs (the examples with numbered names and titles) to PDF, DOCX and SVG by
   ``sopdoc render DIR`` with 1 and with 2 workers (target <= 30 s on 2 cores): wall and CPU
   seconds, the peak resident memory for a tenth of them and for all (flat: about equal), whether
   the 2-worker outputs equal the serial ones byte for byte, and the last state of the progress bar.

CPU is user + system time of the process and the children it waited for (pool workers, the
LibreOffice binary), so the ratios hold on a machine shared with other work; wall times are shown
beside them.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import median_ms  # noqa: E402

from sopdoc.layout import layout_sop  # noqa: E402
from sopdoc.render.docx import docx_bytes  # noqa: E402
from sopdoc.render.pdf import render_pdf  # noqa: E402
from sopdoc.source.reader import load_sop  # noqa: E402
from sopdoc.source.writer import sop_to_yaml  # noqa: E402

EXAMPLE = ROOT / "examples" / "pengumpulan-data-kinerja.sop.yaml"
SOPDOC = [str(Path(sys.executable).parent / "sopdoc")] if (Path(sys.executable).parent / "sopdoc").exists() \
    else [sys.executable, "-m", "sopdoc"]


def floor_pdf(layout) -> bytes:
    """The same rectangles, paths and strings as our PDF, drawn by reportlab with nothing else."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canvas = Canvas(buf, invariant=1, pageCompression=1)
    for page in layout.pages:
        h = page.height
        canvas.setPageSize((page.width, h))
        for cell in page.cells:
            r = cell.rect
            if cell.shade or cell.border:
                canvas.rect(r.x, h - r.bottom, r.w, r.h, stroke=1, fill=1 if cell.shade else 0)
        for conn in page.connectors:
            path = canvas.beginPath()
            path.moveTo(conn.points[0][0], h - conn.points[0][1])
            for x, y in conn.points[1:]:
                path.lineTo(x, h - y)
            canvas.drawPath(path, stroke=1, fill=0)
        for sym in page.symbols:
            r = sym.rect
            canvas.rect(r.x, h - r.bottom, r.w, r.h, stroke=1, fill=1)
        text = canvas.beginText()
        text.setFont(layout.font_regular, 8)
        blocks = [c.text for c in page.cells if c.text is not None] + [lb.text for lb in page.labels]
        for block in blocks:
            for i, line in enumerate(block.lines):
                text.setTextOrigin(block.line_x(i), h - block.baseline(i))
                text.textOut(line)
        canvas.drawText(text)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _cpu_ms(fn, runs: int) -> float:
    """Median CPU time of ``fn()`` in this process over ``runs`` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        times.append((time.process_time() - t) * 1000)
    return statistics.median(times)


def _run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds (the process and the children it waited for), peak RSS (kB) and
    the stderr text of one command (through a file: a pipe nobody reads while waiting would fill
    up with progress-bar updates and stop the command)."""
    with tempfile.TemporaryFile() as errors:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        errors.seek(0)
        err = errors.read().decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd[0]} failed ({os.waitstatus_to_exitcode(status)}): {err[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, err


def _process_ms(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Median wall and CPU milliseconds of a whole process."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu, _rss, _err = _run(cmd, env)
        walls.append(wall * 1000)
        cpus.append(cpu * 1000)
    return statistics.median(walls), statistics.median(cpus)


def _generate(folder: Path, count: int) -> None:
    """``count`` SOPs: the examples in turn, each with its own number and title."""
    sops = [r.sop for r in (load_sop(p) for p in sorted((ROOT / "examples").glob("*.sop.yaml"))) if r.sop]
    for k in range(count):
        sop = sops[k % len(sops)]
        ident = sop.identitas.model_copy(update={"nama": f"{sop.identitas.nama} ({k + 1})"})
        text = sop_to_yaml(sop.model_copy(update={"identitas": ident}))
        (folder / f"sop-{k + 1:04d}.sop.yaml").write_text(text, encoding="utf-8")


def _env(cache: Path, **extra: str) -> dict[str, str]:
    """The environment of a timed sopdoc process: compiled bytecode as an installed sopdoc has it
    (a private cache when this environment forbids writing bytecode; see bench/startup.py)."""
    env = dict(os.environ, **extra)
    if env.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
        env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def _render_folder(folder: Path, out: Path, workers: str | None, formats: str = "pdf,docx,svg"
                   ) -> tuple[float, float, int, int, str]:
    """Wall and CPU seconds of ``sopdoc render folder --to formats`` with ``workers`` (None: the
    default, every core), its peak RSS (kB, the largest of the process and its workers), the number
    of files written and the last state of the progress bar."""
    env = _env(folder.parent / "pycache", SOPDOC_PROGRESS="1")
    env.pop("SOPDOC_WORKERS", None)
    if workers is not None:
        env["SOPDOC_WORKERS"] = workers
    wall, cpu, rss, err = _run([*SOPDOC, "render", str(folder), "--format", formats, "-o", str(out)], env)
    bar = err.replace("\r", "\n").strip().splitlines()
    return wall, cpu, rss, len(list(out.iterdir())), bar[-1].strip() if bar else ""


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _soffice_cmd(soffice: str, tmp: Path, out: Path, docs: list[Path]) -> list[str]:
    return [soffice, f"-env:UserInstallation=file://{tmp}/lo-profile", "--headless", "--convert-to", "pdf",
            "--outdir", str(out), *map(str, docs)]


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--batch-runs", type=int, default=3, help="runs of section 3 (medians)")
    parser.add_argument("--soffice-runs", type=int, default=3)
    args = parser.parse_args()
    sop = load_sop(EXAMPLE).sop
    assert sop is not None
    layout = layout_sop(sop)
    render_pdf(sop, layout)
    floor_pdf(layout)
    ours, ours_cpu = (f(lambda: render_pdf(sop, layout, attach=False), args.runs) for f in (median_ms, _cpu_ms))
    floor, floor_cpu = (f(lambda: floor_pdf(layout), args.runs) for f in (median_ms, _cpu_ms))
    print(f"1. PDF painter, {len(sop.kegiatan)} steps, {len(layout.pages)} pages (without the attachment): "
          f"CPU {ours_cpu:.1f} ms vs reportlab floor {floor_cpu:.1f} ms: {ours_cpu / floor_cpu:.2f}x "
          f"(wall {ours:.1f} vs {floor:.1f} ms: {ours / floor:.2f}x; target <= 1.5x)")

    soffice = shutil.which("soffice") if args.soffice_runs > 0 else None
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = _env(tmp / "pycache")
        cmd = [*SOPDOC, "render", str(EXAMPLE), "--format", "pdf", "-o", str(tmp / "one")]
        _run(cmd, env)  # warm the bytecode cache
        one, one_cpu = _process_ms(cmd, 5, env)
        src = tmp / "many"
        src.mkdir()
        _generate(src, max(args.count, args.batch))
        batch = tmp / "batch"
        batch.mkdir()
        for path in sorted(src.iterdir())[: args.batch]:
            shutil.copy(path, batch / path.name)
        # Medians of --batch-runs runs, alternating, each into a fresh folder: a single run measured
        # whichever ran first compiling the pool's modules into the bytecode cache (13.4x to 17.0x).
        ours_runs, serial_runs = [], []
        for k in range(args.batch_runs):
            ours_runs.append(_render_folder(batch, tmp / f"out-batch-{k}", None, "pdf"))  # as users run it
            serial_runs.append(_render_folder(batch, tmp / f"out-batch-1-{k}", "1", "pdf"))
        ours_batch = (statistics.median(r[0] for r in ours_runs), statistics.median(r[1] for r in ours_runs))
        serial_batch = (statistics.median(r[0] for r in serial_runs), statistics.median(r[1] for r in serial_runs))
        n = args.batch
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        ours_line = (f"sopdoc render DIR ({workers} workers, every core) {ours_batch[0] * 1000 / n:.1f} ms "
                     f"(CPU {ours_batch[1] * 1000 / n:.1f} ms; 1 worker {serial_batch[0] * 1000 / n:.1f} ms, "
                     f"CPU {serial_batch[1] * 1000 / n:.1f} ms)")
        if soffice is None:
            print(f"2. one SOP as a whole process: sopdoc render --to pdf {one:.0f} ms (CPU {one_cpu:.0f} ms); "
                  "LibreOffice not run: no ratio")
            print(f"3. {n} SOPs to PDF in a batch, per document: {ours_line}; LibreOffice not run: no ratio")
        else:
            docx = tmp / "sop.docx"
            docx.write_bytes(docx_bytes(sop))
            lo_cmd = _soffice_cmd(soffice, tmp, tmp, [docx])
            subprocess.run(lo_cmd, capture_output=True, timeout=180)  # profile creation
            lo, lo_cpu = _process_ms(lo_cmd, args.soffice_runs)
            print(f"2. one SOP as a whole process: sopdoc render --to pdf {one:.0f} ms (CPU {one_cpu:.0f} ms) vs "
                  f"soffice --convert-to pdf {lo:.0f} ms (CPU {lo_cpu:.0f} ms): sopdoc {lo / one:.1f}x faster "
                  f"(CPU {lo_cpu / one_cpu:.1f}x; target >= 5x)")
            docs = tmp / "docx"
            docs.mkdir()
            for path in sorted(batch.iterdir()):
                one_sop = load_sop(path).sop
                assert one_sop is not None
                (docs / f"{path.name.removesuffix('.sop.yaml')}.docx").write_bytes(docx_bytes(one_sop))
            lo_runs = [_run(_soffice_cmd(soffice, tmp, tmp / f"lo-out-{k}", sorted(docs.iterdir())))
                       for k in range(args.batch_runs)]
            lo_wall = statistics.median(r[0] for r in lo_runs)
            lo_cpu = statistics.median(r[1] for r in lo_runs)
            print(f"3. {n} SOPs to PDF in a batch, per document: {ours_line} vs one soffice call converting "
                  f"their DOCX {lo_wall * 1000 / n:.0f} ms (CPU {lo_cpu * 1000 / n:.0f} ms): sopdoc "
                  f"{lo_wall / ours_batch[0]:.1f}x faster (1 worker {lo_wall / serial_batch[0]:.1f}x; CPU "
                  f"{lo_cpu / ours_batch[1]:.1f}x, 1 worker {lo_cpu / serial_batch[1]:.1f}x; target >= 15x)")

        small = tmp / "few"
        small.mkdir()
        for path in sorted(src.iterdir())[: max(args.count // 10, 1)]:
            shutil.copy(path, small / path.name)
        digests = {}
        for folder, workers in ((small, "2"), (src, "1"), (src, "2")):
            count = len(list(folder.iterdir()))
            out = tmp / f"out-{folder.name}-{workers}"
            wall, cpu, peak, files, bar = _render_folder(folder, out, workers)
            if folder is src:
                digests[workers] = _digests(out)
            print(f"4. {count} SOPs to PDF+DOCX+SVG ({files} files), {workers} worker(s): {wall:.1f} s wall, "
                  f"{cpu:.1f} s CPU ({cpu * 1000 / count:.1f} ms CPU per SOP); peak RSS {peak / 1024:.0f} MB; "
                  f"progress: {bar}")
        same = digests["1"] == digests["2"]
        print(f"4. outputs of 2 workers equal to the serial run byte for byte: {'yes' if same else 'NO'} "
              f"({len(digests['1'])} files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
