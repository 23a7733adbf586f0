"""Golden review set: render every example to PDF and PNG pages for a person to look at.

    .venv/bin/python tools/review.py [--out out/review] [--dpi 80] [--readme]

Writes ``out/review/<name>.pdf`` and ``out/review/<name>-<page>.png`` (pdftoppm) plus an
``index.html`` that shows every page. ``--readme`` also refreshes the two README pictures in
``docs/img/`` (identity page and first flowchart page of the clean example).
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sopdoc.layout import layout_sop  # noqa: E402
from sopdoc.render.files import output_stem, write_atomic  # noqa: E402
from sopdoc.render.pdf import render_pdf  # noqa: E402
from sopdoc.source.reader import load_sop  # noqa: E402

CLEAN = "pengumpulan-data-kinerja"


def main() -> int:
    """Render the review set; returns the exit code."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "out" / "review"))
    parser.add_argument("--dpi", type=int, default=80)
    parser.add_argument("--readme", action="store_true", help="refresh docs/img/ pictures")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("pdftoppm not found (apt install poppler-utils); PDFs only", file=sys.stderr)
    items = []
    for path in sorted((ROOT / "examples").glob("*.sop.yaml")):
        result = load_sop(path)
        if result.sop is None:
            print(f"{path.name}: not rendered (unreadable)", file=sys.stderr)
            continue
        stem = output_stem(path)
        layout = layout_sop(result.sop)
        pdf = out / f"{stem}.pdf"
        write_atomic(pdf, render_pdf(result.sop, layout))
        for old in out.glob(f"{stem}-*.png"):
            old.unlink()
        if pdftoppm:
            subprocess.run([pdftoppm, "-png", "-r", str(args.dpi), str(pdf), str(out / stem)], check=True)
        pngs = sorted(out.glob(f"{stem}-*.png"))
        notes = [f"{d.code} {d.message.get('id')}" for d in layout.warnings]
        items.append((stem, pngs, notes))
        print(f"{stem}: {len(layout.pages)} pages, {len(notes)} notes")
    body = []
    for stem, pngs, notes in items:
        note_items = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
        body.append(f"<h2>{html.escape(stem)}</h2><ul>{note_items}</ul>")
        body += [f'<img src="{p.name}" style="max-width:100%;border:1px solid #999;margin:4px">' for p in pngs]
    (out / "index.html").write_text("<!doctype html><meta charset=utf-8><title>sopdoc review</title>"
                                    + "\n".join(body), encoding="utf-8")
    print(f"review: {out / 'index.html'}")
    if args.readme and pdftoppm:
        img = ROOT / "docs" / "img"
        img.mkdir(parents=True, exist_ok=True)
        pdf = out / f"{CLEAN}.pdf"
        for page, name in ((1, "sop-identitas.png"), (2, "sop-bagan-alir.png")):
            prefix = img / name[:-4]
            subprocess.run([pdftoppm, "-png", "-r", "60", "-singlefile", "-f", str(page), "-l", str(page),
                            str(pdf), str(prefix)], check=True)
        print(f"README pictures refreshed in {img}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
