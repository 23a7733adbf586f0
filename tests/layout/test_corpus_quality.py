"""The layout-quality checker over every corpus document re-rendered (issue #16, point 9): each
signed original imported, laid out (layout invariants), painted to PDF (one PDF page per laid-out
page) and measured by ``tests/layout/quality.py``; and its density (point 4): no more flowchart
pages than the signed original (steps per page counted by hand, ``corpus-density.tsv``). The
repository's copies always; the documents of ``../shared/corpus`` not copied when it sits beside
the clone (skipped otherwise). The documents that need OCR (raster flowcharts and scans with a row in
``corpus-density.tsv``) are re-rendered too when Tesseract with its ``ind`` data is installed
(skipped otherwise): the repository's copies always, those of ``../shared/corpus`` only with
``SOPDOC_SLOW=1`` (``make test-slow``; 5–9 s a page)."""

from __future__ import annotations

import os

import pytest

from sopdoc.importers.ocr.engine import ocr_available
from tests.layout.corpus_render import SHARED_CORPUS, corpus_documents, original_density, rerender

SPARSER: dict[str, str] = {}
"""Documents still needing more flowchart pages than their signed original, and why (none since the
text columns share KEGIATAN's width, ``layout.columns.balance_columns``: bps-009's KELENGKAPAN
lists of 10-14 lines had a 90 pt column beside a 230 pt KEGIATAN)."""
ORIGINAL = original_density()


def _docs(paths):
    return [pytest.param(p, marks=pytest.mark.xfail(reason=SPARSER[p.name], strict=True)) if p.name in SPARSER
            else p for p in paths]


REPO_DOCS = corpus_documents(shared=False)
SHARED_DOCS = [p for p in corpus_documents() if p not in REPO_DOCS]
_COUNTED = [p for p in corpus_documents(ocr=True) if p.name in ORIGINAL or f"{p.name}#1" in ORIGINAL]
REPO_OCR_DOCS = [p for p in corpus_documents(shared=False, ocr=True) if p not in REPO_DOCS and p in _COUNTED]
SHARED_OCR_DOCS = [p for p in _COUNTED if p not in REPO_DOCS + SHARED_DOCS + REPO_OCR_DOCS]
needs_ocr = pytest.mark.skipif(not ocr_available(), reason="tesseract-ocr / tesseract-ocr-ind not installed")
slow = pytest.mark.skipif(os.environ.get("SOPDOC_SLOW") != "1",
                          reason="OCR of ../shared/corpus (minutes): SOPDOC_SLOW=1 (make test-slow)")


def _check(path) -> None:
    results = rerender(path)
    assert results, f"{path.name}: no SOP with steps imported"
    for r in results:
        assert r.pdf_pages == len(r.layout.pages), r.name
        assert r.problems == (), r.name
        theirs = ORIGINAL[r.name]
        assert len(r.steps_per_page) <= len(theirs), (r.name, r.steps_per_page, theirs)


def test_the_repository_holds_corpus_documents():
    """The repository alone re-renders a good share of the corpus (tests/data/corpus), and a
    person counted the steps per page of every original."""
    assert len(REPO_DOCS) >= 30
    assert all(p.name in ORIGINAL or f"{p.name}#1" in ORIGINAL for p in corpus_documents(ocr=True))


@pytest.mark.parametrize("path", _docs(REPO_DOCS), ids=lambda p: p.name)
def test_repository_corpus_rerendered_passes_the_checker(path):
    _check(path)


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="../shared/corpus is not beside the clone")
@pytest.mark.parametrize("path", _docs(SHARED_DOCS) or [None], ids=lambda p: p.name if p else "none")
def test_shared_corpus_rerendered_passes_the_checker(path):
    if path is None:
        pytest.skip("every document of ../shared/corpus is copied into tests/data")
    _check(path)


@needs_ocr
@pytest.mark.parametrize("path", _docs(REPO_OCR_DOCS), ids=lambda p: p.name)
def test_repository_ocr_corpus_rerendered_passes_the_checker(path):
    _check(path)


@needs_ocr
@slow
@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="../shared/corpus is not beside the clone")
@pytest.mark.parametrize("path", _docs(SHARED_OCR_DOCS) or [None], ids=lambda p: p.name if p else "none")
def test_shared_ocr_corpus_rerendered_passes_the_checker(path):
    if path is None:
        pytest.skip("every OCR document of ../shared/corpus is copied into tests/data")
    _check(path)
