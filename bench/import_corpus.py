"""Import benchmark over ../shared/corpus (foreign PDFs) and ../shared/seeds (text extractions).

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

from sopdoc.io.sources import import_source  # noqa: E402

SHARED = ROOT.parent / "shared"


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
    docs = sorted((SHARED / "corpus").glob("*.pdf")) + sorted((SHARED / "seeds").glob("*.txt"))
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
