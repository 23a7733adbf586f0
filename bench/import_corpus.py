"""Import benchmark over ../shared/corpus (foreign PDFs), tests/data/seeds (text extractions) and
our own PDF/DOCX of the clean example (with and without the embedded source).

The foreign PDFs measure generalisation, so the whole ../shared/corpus is read when it sits beside
the repository; without it the benchmark says so and falls back to the four PDFs copied into
tests/data/corpus.

Usage: .venv/bin/python bench/import_corpus.py [--repeat N]

Per document: steps found, actors found, share of steps with an actor *and* a symbol read from
the document (a symbol assumed by the importer, IMP023, does not count), share of steps whose
waktu parsed, decisions with both targets, and the median import time over N runs (ms, and ms per
page for PDFs). Where a person wrote a summary of the document from its page images
(tests/data/import-expected/, scored by tests/importers/pdf/corpus_score.py): fields equal to it
and steps with the right actors and symbol. Prints a Markdown table and the totals.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sopdoc.importers.dispatch import import_source  # noqa: E402
from tests.importers.pdf.corpus_score import load_expected, score  # noqa: E402

SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
REPO_CORPUS = ROOT / "tests" / "data" / "corpus"
SEEDS = ROOT / "tests" / "data" / "seeds"


def corpus_pdfs() -> list[Path]:
    """The foreign PDFs: ../shared/corpus when present, else the repository's copies (said on stderr)."""
    if SHARED_CORPUS.is_dir():
        return sorted(SHARED_CORPUS.glob("*.pdf")) + sorted(SHARED_CORPUS.glob("bps/*.pdf"))
    print(f"{SHARED_CORPUS} not found: measuring the PDFs of {REPO_CORPUS.relative_to(ROOT)} only",
          file=sys.stderr)
    return sorted(REPO_CORPUS.glob("*.pdf")) + sorted(REPO_CORPUS.glob("bps/*.pdf"))


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


EXPECTED = load_expected()


def measure(path: Path, repeat: int) -> dict[str, Any]:
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
    decisions = [k for k in steps if k.simbol is not None and k.simbol.value == "keputusan"]
    targeted = sum(1 for k in decisions if k.cabang is not None and k.cabang.ya and k.cabang.tidak)
    median_ms = statistics.median(times) * 1000
    pages = _pages(path)
    sc = score(sop, EXPECTED[path.name]) if path.name in EXPECTED else None
    return {
        "doc": path.name, "steps": len(steps), "actors": len(sop.pelaksana) if sop else 0,
        "with_both": with_both, "parsed": parsed, "decisions": len(decisions), "targeted": targeted,
        "score": sc, "ms": median_ms, "pages": pages, "ms_page": median_ms / pages if pages else None,
    }


def _pct(num: int, den: int) -> str:
    return f"{num}/{den} ({num / den:.0%})" if den else "–"


def main(argv: list[str]) -> int:
    """Print the table."""
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 5
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix="sopdoc-bench-"))
    docs = corpus_pdfs() + sorted(SEEDS.glob("*.txt")) + own_documents(tmp)
    print(f"| document | steps | actors | steps with actor + symbol | waktu parsed | decisions with "
          f"targets | fields equal to the summary | steps with right actors + symbol | median ms "
          f"(of {repeat}) | ms/page |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    rows = [measure(doc, repeat) for doc in docs]
    for m in rows:
        per_page = f"{m['ms_page']:.0f}" if m["ms_page"] is not None else "–"
        sc = m["score"]
        print(f"| {m['doc']} | {m['steps']} | {m['actors']} | {_pct(m['with_both'], m['steps'])} "
              f"| {_pct(m['parsed'], m['steps'])} | {_pct(m['targeted'], m['decisions'])} "
              f"| {_pct(sc.equal, sc.total) if sc else '–'} "
              f"| {_pct(sc.steps_right, sc.steps_expected) if sc else '–'} | {m['ms']:.0f} | {per_page} |")
    pdfs = [m for m in rows if m["pages"]]
    scored = [m["score"] for m in rows if m["score"]]
    print()
    print(f"PDFs: {len(pdfs)}, with steps: {sum(1 for m in pdfs if m['steps'])}; "
          f"steps with actor + symbol: {_pct(sum(m['with_both'] for m in pdfs), sum(m['steps'] for m in pdfs))}; "
          f"waktu parsed: {_pct(sum(m['parsed'] for m in pdfs), sum(m['steps'] for m in pdfs))}; "
          f"decisions with targets: {_pct(sum(m['targeted'] for m in pdfs), sum(m['decisions'] for m in pdfs))}")
    print(f"Against {len(scored)} person-made summaries: fields equal "
          f"{_pct(sum(s.equal for s in scored), sum(s.total for s in scored))}; steps with right actors + "
          f"symbol {_pct(sum(s.steps_right for s in scored), sum(s.steps_expected for s in scored))}")
    per_page = [m["ms_page"] for m in pdfs]
    if per_page:
        med = statistics.median(per_page)
        print(f"ms/page in-process: median {med:.0f}, max {max(per_page):.0f} (target <= 150: "
              f"{'within' if med <= 150 else 'ABOVE'}; whole-process and 300-file figures: bench/import_speed.py)")
    if "-v" in argv:
        for m in rows:
            for miss in (m["score"].misses if m["score"] else []):
                print(f"{m['doc']}: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
