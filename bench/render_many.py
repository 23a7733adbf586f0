"""Benchmark of issue #16 point 10 (speed), ratios measured in one run.

    .venv/bin/python bench/render_many.py [--runs N] [--count 1000] [--soffice-runs 3]

Prints
1. per document: the PDF painter against a reportlab *floor* that draws the same rectangles, paths
   and strings of the same layout with no logic at all (ratio, target ≤ 1.5×);
2. one SOP as a whole process: ``sopdoc render x.sop.yaml --to pdf`` against ``soffice --headless
   --convert-to pdf`` of the same SOP's DOCX (ratio, target ≥ 5×);
3. ``--count`` generated SOPs (the examples with numbered names and titles) to PDF, DOCX and SVG by
   ``sopdoc render DIR`` with 1 and with 2 workers (target ≤ 30 s on 2 cores), and the peak
   resident memory of the sopdoc process for a tenth of them and for all (flat: about equal).
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


def _process_ms(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600, env=env)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


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


def _render_folder(folder: Path, out: Path, workers: str) -> tuple[float, int, int]:
    """Seconds of ``sopdoc render folder --to pdf,docx,svg``, the peak RSS (kB) of that process (its
    own, so with one worker the rendering itself) and the number of files written."""
    env = _env(folder.parent / "pycache", SOPDOC_WORKERS=workers, SOPDOC_PROGRESS="0")
    t = time.perf_counter()
    proc = subprocess.Popen([*SOPDOC, "render", str(folder), "--to", "pdf,docx,svg", "-o", str(out)],
                            stdout=subprocess.DEVNULL, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"sopdoc render failed ({proc.returncode})")
    return seconds, usage.ru_maxrss, len(list(out.iterdir()))


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--soffice-runs", type=int, default=3)
    args = parser.parse_args()
    sop = load_sop(EXAMPLE).sop
    assert sop is not None
    layout = layout_sop(sop)
    render_pdf(sop, layout)
    floor_pdf(layout)
    ours = median_ms(lambda: render_pdf(sop, layout, attach=False), args.runs)
    floor = median_ms(lambda: floor_pdf(layout), args.runs)
    print(f"1. PDF painter, {len(sop.kegiatan)} steps, {len(layout.pages)} pages: {ours:.1f} ms "
          f"(without the attachment) vs reportlab floor {floor:.1f} ms: ratio {ours / floor:.2f}x (target <= 1.5x)")

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        cmd = [*SOPDOC, "render", str(EXAMPLE), "--to", "pdf", "-o", str(tmp / "one")]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=_env(tmp / "pycache"))  # warm the cache
        one = _process_ms(cmd, 5, _env(tmp / "pycache"))
        soffice = shutil.which("soffice")
        if soffice is None or args.soffice_runs <= 0:
            print(f"2. sopdoc render (one SOP, whole process): {one:.0f} ms; LibreOffice not run: no ratio")
        else:
            docx = tmp / "sop.docx"
            docx.write_bytes(docx_bytes(sop))
            cmd = [soffice, f"-env:UserInstallation=file://{tmp}/lo-profile", "--headless", "--convert-to", "pdf",
                   "--outdir", str(tmp), str(docx)]
            subprocess.run(cmd, capture_output=True, timeout=180)  # profile creation
            lo = _process_ms(cmd, args.soffice_runs)
            print(f"2. one SOP as a whole process: sopdoc render --to pdf {one:.0f} ms vs soffice --convert-to pdf "
                  f"{lo:.0f} ms: sopdoc {lo / one:.1f}x faster (target >= 5x)")

        src = tmp / "many"
        src.mkdir()
        _generate(src, args.count)
        small = tmp / "few"
        small.mkdir()
        for path in sorted(src.iterdir())[: max(args.count // 10, 1)]:
            shutil.copy(path, small / path.name)
        for folder, workers in ((small, "1"), (src, "1"), (src, "2")):
            count = len(list(folder.iterdir()))
            seconds, peak, files = _render_folder(folder, tmp / f"out-{folder.name}-{workers}", workers)
            print(f"3. {count} SOPs to PDF+DOCX+SVG ({files} files), {workers} worker(s): {seconds:.1f} s "
                  f"({seconds * 1000 / count:.1f} ms per SOP; peak RSS of the sopdoc process {peak / 1024:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
