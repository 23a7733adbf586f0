"""The corpus re-rendered (issue #16, point 9): every signed original of the corpus imported, laid
out, painted to PDF and measured by the layout-quality checker, with its density against the
original's.

The documents are the repository's copies (``tests/data/corpus``: text-layer PDFs and the
workbook; with ``ocr=True`` also the raster and scanned ones) and, when ``../shared/corpus`` sits
beside the clone, every document there not copied. The original's steps per flowchart page were
counted by a person from its page images (``tests/data/layout/corpus-density.tsv``), never from the
importer. Used by ``tests/layout/test_corpus_quality.py`` and ``bench/render_corpus.py``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from sopdoc.importers.dispatch import import_sources
from sopdoc.layout import PageProfile, layout_sop
from sopdoc.layout.geometry import LayoutDocument
from sopdoc.model.sop import Sop
from sopdoc.render.pdf import render_pdf
from tests.conftest import DATA, ROOT
from tests.layout.invariants import check_layout
from tests.layout.quality import quality_problems

REPO_CORPUS = DATA / "corpus"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
DENSITY = DATA / "layout" / "corpus-density.tsv"
TEXT_FOLDERS = (".", "bps", "xlsx")
OCR_FOLDERS = ("raster", "scanned")
SUFFIXES = (".pdf", ".xlsx")

PROBLEM_KINDS = (
    ("outside the actor columns", "connector outside the actor columns"),
    ("from a grid line", "connector near a grid line"),
    ("parallel runs", "connectors too close"),
    ("without a bridge", "crossing without a bridge"),
    (" pt", "label too small"),
    ("on a symbol", "label on a symbol"),
    ("on a connector", "label on a connector"),
    ("on another label", "label on a label"),
    ("as near another exit", "label nearer another exit"),
    ("labels nearest one exit", "label nearer another exit"),
    ("breaks a word", "word broken"),
    ("lone step", "lone last step"),
)


def problem_kind(problem: str) -> str:
    """The kind of one line of :func:`quality_problems` (for counting violations by kind)."""
    return next((kind for key, kind in PROBLEM_KINDS if key in problem), "other")


def corpus_documents(*, shared: bool = True, ocr: bool = False) -> list[Path]:
    """The corpus documents available: the repository's copies, then (``shared``) those of
    ``../shared/corpus`` not copied; text-layer PDFs and workbooks, and with ``ocr`` also the
    raster-flowchart and scanned PDFs. Sorted by name within each source."""
    folders = TEXT_FOLDERS + (OCR_FOLDERS if ocr else ())
    out: dict[str, Path] = {}
    for root in (REPO_CORPUS, SHARED_CORPUS) if shared else (REPO_CORPUS,):
        found: list[Path] = []
        for folder in folders:
            base = root / folder
            if not base.is_dir():
                continue
            found += [p for p in base.iterdir() if p.suffix.lower() in SUFFIXES]
        if root == SHARED_CORPUS and not ocr:  # raster flowcharts in bps/ need OCR too
            found = [p for p in found if p.name not in RASTER_NAMES]
        for p in sorted(found, key=lambda p: p.name):
            out.setdefault(p.name, p)
    return list(out.values())


RASTER_NAMES = frozenset({
    "bps-006-perolehan-bmn-pembelian.pdf", "bps-208-kompilasi-sp-palawija.pdf",
    "bps-210-publikasi-brs-tanaman-pangan.pdf", "bps-223-survei-perkebunan.pdf",
    "bps-225-persiapan-survei-perkebunan.pdf",
})
"""Documents of ``../shared/corpus/bps`` whose flowchart is a picture (read by OCR, slow)."""


def original_density() -> dict[str, tuple[int, ...]]:
    """Steps on each flowchart page of every original, by document name (``name#k`` for the
    k-th SOP of a bundle)."""
    out: dict[str, tuple[int, ...]] = {}
    for line in DENSITY.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith(("#", "file\t")):
            continue
        name, _paper, steps = line.split("\t")
        out[name] = tuple(int(n) for n in steps.split("+"))
    return out


@dataclass(frozen=True)
class Rerendered:
    """One SOP of a corpus document, imported and re-rendered."""

    name: str
    sop: Sop
    layout: LayoutDocument
    pdf_pages: int
    problems: tuple[str, ...]

    @property
    def steps_per_page(self) -> tuple[int, ...]:
        """Steps on each of our flowchart pages."""
        return tuple(len(p.steps) for p in self.layout.flow_pages)


def rerender(path: Path, profile: PageProfile | None = None) -> list[Rerendered]:
    """Every SOP of ``path`` that yields steps, imported, laid out (checked against the layout
    invariants), painted to PDF and measured by the quality checker."""
    from pypdf import PdfReader

    results = import_sources(path)
    out = []
    for k, result in enumerate(results, 1):
        sop = result.load.sop
        if sop is None or not sop.kegiatan:
            continue
        doc = layout_sop(sop, profile or PageProfile())
        check_layout(sop, doc)
        pdf = render_pdf(sop, doc)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        name = path.name if len(results) == 1 else f"{path.name}#{k}"
        out.append(Rerendered(name, sop, doc, pages, tuple(quality_problems(sop, doc))))
    return out


def density_line(r: Rerendered, original: tuple[int, ...] | None) -> str:
    """One Markdown row: name, steps, original's steps per page, ours, verdict."""
    ours = "+".join(map(str, r.steps_per_page))
    if original is None:
        return f"| {r.name} | {len(r.sop.kegiatan)} | ? | {ours} | |"
    n = len(r.sop.kegiatan)
    theirs = "+".join(map(str, original))
    verdict = "ok" if len(r.steps_per_page) <= len(original) else "FEWER"
    if sum(original) != n:
        verdict += f" (imported {n} steps, original {sum(original)})"
    return f"| {r.name} | {n} | {theirs} | {ours} | {verdict} |"

