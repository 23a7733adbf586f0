"""The checker on real signed documents: every finding on the imported corpus PDFs has a
judgement written from the page (tests/data/judged-findings/), and false positives stay at or
below 5 % (bench/checker_quality.py prints the figures).

Documents copied into tests/data/corpus/ are always checked; the six read from ../shared/corpus/
only are skipped cleanly when it is absent.
"""

from __future__ import annotations

import tomllib

import pytest

from tests.validate.judged import JUDGED, VERDICTS, Judged, corpus_pdf, judge_corpus, judge_document

FP_CEILING = 0.05

DOCS = sorted(p.stem for p in JUDGED.glob("*.toml"))


def test_judgement_files_are_well_formed() -> None:
    assert len(DOCS) == 41
    for doc in DOCS:
        data = tomllib.loads((JUDGED / f"{doc}.toml").read_text(encoding="utf-8"))
        assert data["document"] == doc
        for entry in data.get("finding", []):
            assert set(entry) == {"code", "location", "page", "verdict", "reason"}, (doc, entry)
            assert entry["verdict"] in VERDICTS, (doc, entry)
            assert str(entry["reason"]).strip(), (doc, entry)


@pytest.mark.parametrize("doc", DOCS)
def test_every_finding_is_judged(doc: str) -> None:
    pdf = corpus_pdf(doc)
    if pdf is None:
        pytest.skip(f"{doc}.pdf is neither in tests/data/corpus/ nor in ../shared/corpus/")
    out = Judged()
    judge_document(doc, pdf, out)
    assert not out.unjudged, f"findings without a judgement in tests/data/judged-findings/{doc}.toml: {out.unjudged}"


def test_false_positive_rate() -> None:
    out = judge_corpus()
    assert out.total > 300  # the 35 copied documents alone give well over 300 findings
    assert out.fp_rate <= FP_CEILING, out.false
