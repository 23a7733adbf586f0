"""The corpus re-rendered (issue #16, points 4 and 9).

    .venv/bin/python bench/render_corpus.py [--no-ocr] [--kertas f4|a4]

Every corpus document (the repository's copies, and ``../shared/corpus`` when it sits beside the
clone; with OCR also the raster-flowchart and scanned ones) is imported, laid out, painted to PDF
and measured by the layout-quality checker (``tests/layout/quality.py``). Prints the documents
checked, the checker's violations by kind, and per SOP the steps on each flowchart page of the
signed original (counted by a person from its page images, ``tests/data/layout/corpus-density.tsv``)
against ours: "ok" when ours needs no more flowchart pages than the original.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sopdoc.layout import PageProfile  # noqa: E402
from tests.layout.corpus_render import (  # noqa: E402
    SHARED_CORPUS,
    corpus_documents,
    density_line,
    original_density,
    problem_kind,
    rerender,
)


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-ocr", action="store_true", help="leave out the documents that need OCR")
    parser.add_argument("--kertas", default="f4", choices=("f4", "a4"))
    args = parser.parse_args()
    if not SHARED_CORPUS.is_dir():
        print(f"{SHARED_CORPUS} not found: the repository's copies only", file=sys.stderr)
    profile = PageProfile.resolve({"kertas": args.kertas})
    original = original_density()
    kinds: Counter[str] = Counter()
    rows = []
    documents = sops = fewer = ours_pages = their_pages = 0
    empty: list[str] = []
    t = time.perf_counter()
    for path in corpus_documents(ocr=not args.no_ocr):
        documents += 1
        try:
            results = rerender(path, profile)
        except AssertionError as exc:  # a layout invariant broken
            kinds["layout invariant"] += 1
            print(f"{path.name}: {exc}", file=sys.stderr)
            continue
        if not results:
            empty.append(path.name)
        for r in results:
            sops += 1
            kinds.update(problem_kind(p) for p in r.problems)
            rows.append(density_line(r, original.get(r.name)))
            theirs = original.get(r.name)
            fewer += theirs is not None and len(r.steps_per_page) > len(theirs)
            if theirs is not None:
                ours_pages += len(r.steps_per_page)
                their_pages += len(theirs)
    seconds = time.perf_counter() - t
    print(f"{documents} documents, {sops} SOPs with steps re-rendered ({args.kertas.upper()}, {seconds:.0f} s)")
    print(f"checker violations: {sum(kinds.values())}" + "".join(f"; {k}: {n}" for k, n in kinds.most_common()))
    print(f"SOPs needing more flowchart pages than the signed original: {fewer}; flowchart pages in all: "
          f"ours {ours_pages}, the originals {their_pages}")
    if empty:
        print(f"documents the importer read no step from (not re-rendered): {', '.join(empty)}")
    print()
    print("| SOP | steps | original: steps per page | ours | |")
    print("|---|---|---|---|---|")
    for line in rows:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
