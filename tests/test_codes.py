"""Every finding code of every stage is registered once, with a unique slug and both languages."""

from __future__ import annotations

import re

from sopdoc.execution.cmp_rules import RULES as CMP_RULES
from sopdoc.importers.codes import IMP_CODES
from sopdoc.source.codes import READING_CODES
from sopdoc.layout.notes import NOTES
from sopdoc.validate.registry import CONFLICTS, all_rules


def test_all_stage_codes_are_in_the_registry_without_clashes() -> None:
    rules = {r.code: r for r in all_rules()}
    assert CONFLICTS == []
    for code in [*READING_CODES, *IMP_CODES, *NOTES, *CMP_RULES]:
        assert code in rules, code
    assert all(re.fullmatch(r"(SOP|CMP|IMP)\d{3}", c) for c in rules)
    slugs = [r.name for r in rules.values()]
    assert len(slugs) == len(set(slugs))
    for r in rules.values():
        assert r.summary.id and r.summary.en, r.code
