"""The layout-quality checker over every corpus document re-rendered (issue #16, point 9): each
signed original imported, laid out (layout invariants), painted to PDF (one PDF page per laid-out
page) and measured by ``tests/layout/quality.py``. The repository's copies always; the documents
of ``../shared/corpus`` not copied when it sits beside the clone (skipped otherwise). Documents
that need OCR are measured by ``bench/render_corpus.py`` only (tens of seconds each)."""

from __future__ import annotations

import pytest

from tests.layout.corpus_render import SHARED_CORPUS, corpus_documents, rerender

REPO_DOCS = corpus_documents(shared=False)
SHARED_DOCS = [p for p in corpus_documents() if p not in REPO_DOCS]


def _check(path) -> None:
    results = rerender(path)
    assert results, f"{path.name}: no SOP with steps imported"
    for r in results:
        assert r.pdf_pages == len(r.layout.pages), r.name
        assert r.problems == (), r.name


def test_the_repository_holds_corpus_documents():
    """The repository alone re-renders a good share of the corpus (tests/data/corpus)."""
    assert len(REPO_DOCS) >= 30


@pytest.mark.parametrize("path", REPO_DOCS, ids=lambda p: p.name)
def test_repository_corpus_rerendered_passes_the_checker(path):
    _check(path)


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="../shared/corpus is not beside the clone")
@pytest.mark.parametrize("path", SHARED_DOCS or [None], ids=lambda p: p.name if p else "none")
def test_shared_corpus_rerendered_passes_the_checker(path):
    if path is None:
        pytest.skip("every document of ../shared/corpus is copied into tests/data")
    _check(path)
