"""Import benchmark over ../shared/corpus (foreign PDFs), tests/data/seeds (text extractions) and
our own PDF/DOCX of the clean example (with and without the embedded source).

The foreign PDFs measure generalisation, so the whole ../shared/corpus is read when it sits beside
the repository; without it the benchmark says so and falls back to the four PDFs copied into
tests/data/corpus.

Usage: .venv/bin/python bench/import_corpus.py [--repeat N]

Per document: steps found, actors found, share of steps with an actor *and* a symbol read from
the document (a symbol assumed by the importer, IMP023, does not count), share of steps whose
waktu parsed, and the median import time over N runs (ms, and ms per page for PDFs).
Prints a Markdown table.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sopdoc.importers.dispatch import import_source  # noqa: E402

SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
REPO_CORPUS = ROOT / "tests" / "data" / "corpus"
SEEDS = ROOT / "tests" / "data" / "seeds"


def corpus_pdfs() -> list[Path]:
    """The foreign PDFs: ../shared/corpus when present, else the repository's copies (said on stderr)."""
    if SHARED_CORPUS.is_dir():
        return sorted(SHARED_CORPUS.glob("*.pdf"))
    print(f"{SHARED_CORPUS} not found: measuring the {len(list(REPO_CORPUS.glob('*.pdf')))} PDFs "
          f"of {REPO_CORPUS.relative_to(ROOT)} only", file=sys.stderr)
    return sorted(REPO_CORPUS.glob("*.pdf"))


def own_documents(out: Path) -> list[Path]:
    """The clean example rendered as PDF and DOCX, each with and without its embedded source."""
    import io
    import zipfile

    from sopdoc.layout import layout_sop
    from sopdoc.render.docx import docx_bytes
    from sopdoc.render.pdf import render_pdf
    from sopdoc.source.reader import load_sop

    sop = load_sop(ROOT / "examples" / "pengumpulan-data-kinerja.sop.yaml").sop
    stem = "pengumpulan-data-kinerja"
    layout = layout_sop(sop)
    (out / f"{stem}.pdf").write_bytes(render_pdf(sop, layout))
    (out / f"{stem}.tanpa-lampiran.pdf").write_bytes(render_pdf(sop, layout, attach=False))
    raw = docx_bytes(sop)
    (out / f"{stem}.docx").write_bytes(raw)
    with zipfile.ZipFile(io.BytesIO(raw)) as zin, \
            zipfile.ZipFile(out / f"{stem}.tanpa-customxml.docx", "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if not info.filename.startswith("customXml/"):
                zout.writestr(info, zin.read(info))
    return [out / f"{stem}.pdf", out / f"{stem}.tanpa-lampiran.pdf", out / f"{stem}.docx",
            out / f"{stem}.tanpa-customxml.docx"]


def _pages(path: Path) -> int:
    if path.suffix.lower() != ".pdf":
        return 0
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def measure(path: Path, repeat: int) -> dict[str, object]:
    """Figures for one document."""
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = import_source(path)
        times.append(time.perf_counter() - start)
    assert result is not None
    sop = result.load.sop
    steps = list(sop.kegiatan) if sop else []
    assumed = {d.path[1] for d in result.load.diagnostics if d.code == "IMP023" and len(d.path) > 1}
    with_both = sum(1 for i, k in enumerate(steps) if k.pelaksana and k.simbol and i not in assumed)
    parsed = sum(1 for k in steps if k.mutu_baku.waktu is not None and k.mutu_baku.waktu.terbaca)
    median_ms = statistics.median(times) * 1000
    pages = _pages(path)
    return {
        "doc": path.name, "steps": len(steps), "actors": len(sop.pelaksana) if sop else 0,
        "actor_symbol": with_both / len(steps) if steps else 0.0,
        "waktu": parsed / len(steps) if steps else 0.0,
        "ms": median_ms, "ms_page": median_ms / pages if pages else None,
    }


def main(argv: list[str]) -> int:
    """Print the table."""
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 5
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix="sopdoc-bench-"))
    docs = corpus_pdfs() + sorted(SEEDS.glob("*.txt")) + own_documents(tmp)
    print(f"| document | steps | actors | steps with actor + symbol | waktu parsed | median ms "
          f"(of {repeat}) | ms/page |")
    print("|---|---|---|---|---|---|---|")
    for doc in docs:
        m = measure(doc, repeat)
        per_page = f"{m['ms_page']:.0f}" if m["ms_page"] is not None else "–"
        print(f"| {m['doc']} | {m['steps']} | {m['actors']} | {m['actor_symbol']:.0%} | {m['waktu']:.0%} "
              f"| {m['ms']:.0f} | {per_page} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
