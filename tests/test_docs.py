"""The documentation stands alone: every catalogue ID the code cites is explained in docs/DOMAIN.md,
and every relative link of README.md and docs/*.md points at a file of the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

CATALOGUE_ID = re.compile(r"\b(?:ID|SEC|FC|MB|WS|PR|LG)-\d{2}\b")
MD_LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)]*)?\)")
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "tests" / "data" / "README.md"]


def _cited_ids() -> set[str]:
    return {m for path in (ROOT / "sopdoc").rglob("*.py")
            for m in CATALOGUE_ID.findall(path.read_text(encoding="utf-8"))}


def _catalogue_rows() -> set[str]:
    text = (ROOT / "docs" / "DOMAIN.md").read_text(encoding="utf-8")
    section = text.split("## 9. Validation rule catalogue", 1)[1]
    return set(re.findall(r"^\| ((?:ID|SEC|FC|MB|WS|PR|LG)-\d{2}) \|", section, re.MULTILINE))


def test_the_code_cites_catalogue_ids() -> None:
    assert {"ID-01", "SEC-01", "FC-07", "MB-03", "WS-01", "PR-02", "LG-03"} <= _cited_ids()


def test_every_cited_catalogue_id_has_a_row_in_domain_md() -> None:
    assert sorted(_cited_ids() - _catalogue_rows()) == []


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(doc: Path) -> None:
    links = [t for t in MD_LINK.findall(doc.read_text(encoding="utf-8")) if "://" not in t]
    assert [t for t in links if not (doc.parent / t).exists()] == []


def test_no_reference_outside_the_repository() -> None:
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        assert "../shared/seeds" not in text and "/work/" not in text, doc
