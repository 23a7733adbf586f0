"""Bench: layout + PDF + DOCX of seed 000 (worksheet, periode, title) and the import back without
the embedded source. Prints medians over repeated runs (seconds).

    .venv/bin/python bench/shown_fields.py [RUNS]
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sopdoc.importers.docx.importer import import_docx_file  # noqa: E402
from sopdoc.importers.pdf.importer import import_pdf_file  # noqa: E402
from sopdoc.layout import layout_sop  # noqa: E402
from sopdoc.render.docx import docx_bytes  # noqa: E402
from sopdoc.render.pdf import render_pdf  # noqa: E402
from sopdoc.source.reader import load_sop  # noqa: E402


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(runs: int) -> None:
    """Time each stage ``runs`` times and print the medians."""
    sop = load_sop(ROOT / "examples" / "seed-000-distan-buleleng.sop.yaml").sop
    work = Path(tempfile.mkdtemp())
    layout = layout_sop(sop)
    pdf = work / "x.pdf"
    pdf.write_bytes(render_pdf(sop, layout, attach=False))
    raw = docx_bytes(sop, layout=layout)
    docx = work / "x.docx"
    with zipfile.ZipFile(io.BytesIO(raw)) as zin, zipfile.ZipFile(docx, "w") as zout:
        for info in zin.infolist():
            if not info.filename.startswith("customXml/"):
                zout.writestr(info, zin.read(info))
    rows = [
        ("layout (4 pages)", lambda: layout_sop(sop)),
        ("render PDF", lambda: render_pdf(sop, layout, attach=False)),
        ("render DOCX", lambda: docx_bytes(sop, layout=layout)),
        ("import PDF without source", lambda: import_pdf_file(pdf)),
        ("import DOCX without source", lambda: import_docx_file(docx)),
    ]
    for name, fn in rows:
        print(f"{name:30s} median {_median(fn, runs) * 1000:8.1f} ms over {runs} runs")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
