"""Benchmark: render the clean 10-step example to PDF in-process, and every example.

    .venv/bin/python bench/render_pdf.py [--runs N]

Prints medians over repeated runs (budget: ≤ 50 ms for the 10-step SOP, layout included), the
split between layout and painting, and — where LibreOffice is installed — the time of
``soffice --headless --convert-to pdf`` on the DOCX of the same SOP and the ratio.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import median_ms  # noqa: E402

from sopdoc.layout import layout_sop  # noqa: E402
from sopdoc.render.pdf import render_pdf  # noqa: E402
from sopdoc.render.svg import render_svg  # noqa: E402
from sopdoc.source.reader import load_sop  # noqa: E402

EXAMPLE = ROOT / "examples" / "pengumpulan-data-kinerja.sop.yaml"


def _soffice_ms(sop, runs: int) -> float | None:
    soffice = shutil.which("soffice")
    if soffice is None or runs <= 0:
        return None
    try:
        from sopdoc.render.docx import docx_bytes
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / "sop.docx"
        docx.write_bytes(docx_bytes(sop))
        profile = f"-env:UserInstallation=file://{tmp}/lo-profile"
        cmd = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx)]
        subprocess.run(cmd, capture_output=True, timeout=180)  # warm-up (profile creation)
        return median_ms(lambda: subprocess.run(cmd, capture_output=True, timeout=180), runs)


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--soffice-runs", type=int, default=3)
    args = parser.parse_args()
    sop = load_sop(EXAMPLE).sop
    assert sop is not None
    render_pdf(sop, layout_sop(sop))  # warm-up: imports, font registration, metric caches
    layout = layout_sop(sop)
    total = median_ms(lambda: render_pdf(sop, layout_sop(sop)), args.runs)
    layout_ms = median_ms(lambda: layout_sop(sop), args.runs)
    paint_ms = median_ms(lambda: render_pdf(sop, layout), args.runs)
    plain_ms = median_ms(lambda: render_pdf(sop, layout, attach=False), args.runs)
    svg_ms = median_ms(lambda: render_svg(layout), args.runs)
    print(f"pdf (layout + paint + attachment), {len(sop.kegiatan)} steps, {len(layout.pages)} pages: "
          f"median {total:.1f} ms over {args.runs} runs (budget 50 ms)")
    print(f"  layout {layout_ms:.1f} ms; PDF painter {paint_ms:.1f} ms ({plain_ms:.1f} ms without the "
          f"attachment); SVG painter {svg_ms:.1f} ms")
    sops = [r.sop for r in (load_sop(p) for p in sorted((ROOT / "examples").glob("*.sop.yaml"))) if r.sop]
    all_ms = median_ms(lambda: [render_pdf(s, layout_sop(s)) for s in sops], max(args.runs // 4, 3))
    print(f"all {len(sops)} examples to PDF: median {all_ms:.1f} ms ({all_ms / max(len(sops), 1):.1f} ms per SOP)")
    lo = _soffice_ms(sop, args.soffice_runs)
    if lo is None:
        print("LibreOffice (or the DOCX painter) not available, or --soffice-runs 0: no ratio")
    else:
        print(f"soffice --headless --convert-to pdf of the same SOP's DOCX: median {lo:.0f} ms "
              f"-> sopdoc PDF is {lo / total:.0f}x faster")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
