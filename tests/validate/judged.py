"""The checked-in judgement of the checker's findings on the imported corpus PDFs, and the match
of today's findings against it (used by ``bench/checker_quality.py`` and its test).

``tests/data/judged-findings/<doc>.toml`` holds one ``[[finding]]`` per finding of
``sopdoc check <doc>.pdf`` with a verdict written from the page (README there). A finding of
today is matched to an open judgement of the same code and location; IMP findings (the import's
own report) are not judged. Judgements of findings a fix removed stay in the files as the record
of the run before the fix; they are not counted.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sopdoc.importers.dispatch import load_source
from sopdoc.model.diagnostic import format_path
from sopdoc.validate.engine import check_loaded

ROOT = Path(__file__).resolve().parents[2]
JUDGED = ROOT / "tests" / "data" / "judged-findings"
LOCAL = ROOT / "tests" / "data" / "corpus"
SHARED = ROOT.parent / "shared" / "corpus"
VERDICTS = ("benar", "salah", "impor")


def corpus_pdf(doc: str) -> Path | None:
    """The PDF of ``doc``: the copy in tests/data/corpus/ first, else ../shared/corpus/."""
    for base in (LOCAL, LOCAL / "bps", SHARED, SHARED / "bps"):
        path = base / f"{doc}.pdf"
        if path.is_file():
            return path
    return None


def judgements(doc: str) -> list[dict[str, object]]:
    """The judged findings of one document."""
    data = tomllib.loads((JUDGED / f"{doc}.toml").read_text(encoding="utf-8"))
    return list(data.get("finding", []))


@dataclass
class Judged:
    """Today's findings over the judged corpus, by verdict."""

    documents: int = 0
    skipped: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))
    unjudged: list[tuple[str, str, str]] = field(default_factory=list)
    false: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + len(self.unjudged)

    @property
    def fp_rate(self) -> float:
        return self.counts["salah"] / self.total if self.total else 0.0

    @property
    def impor_rate(self) -> float:
        return self.counts["impor"] / self.total if self.total else 0.0


@cache
def findings(pdf: Path) -> tuple[tuple[str, str], ...]:
    """(code, location) of every finding of ``sopdoc check pdf`` but the IMP ones (once per process)."""
    return tuple((d.code, format_path(d.path)) for d in check_loaded(load_source(pdf)) if not d.code.startswith("IMP"))


def judge_document(doc: str, pdf: Path, out: Judged) -> None:
    """Check one PDF as ``sopdoc check`` does and add its findings to ``out``."""
    open_entries = judgements(doc)
    out.documents += 1
    for code, path in findings(pdf):
        hit = next((e for e in open_entries if e["code"] == code and e["location"] == path), None)
        if hit is None:
            out.unjudged.append((doc, code, path))
            continue
        open_entries.remove(hit)
        verdict = str(hit["verdict"])
        out.counts[verdict] += 1
        if verdict == "salah":
            out.false.append((doc, code, path, str(hit["reason"])))


def judge_corpus() -> Judged:
    """Every judged document that can be found, checked and matched."""
    out = Judged()
    for toml in sorted(JUDGED.glob("*.toml")):
        pdf = corpus_pdf(toml.stem)
        if pdf is None:
            out.skipped.append(toml.stem)
            continue
        judge_document(toml.stem, pdf, out)
    return out
