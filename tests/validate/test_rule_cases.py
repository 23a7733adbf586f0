"""One case file per rule: each case fires its rule (or not) on a patched clean SOP."""

from __future__ import annotations

import pytest
import yaml

from sopdoc.codes import code_of
from sopdoc.validate.engine import check
from sopdoc.validate.rules import document_rules
from sopdoc.validate.settings import CheckSettings
from tests.validate.cases import BASE, build_sop, case_files

CASES = [(path.stem, case) for path in case_files()
         for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]


@pytest.mark.parametrize(("code", "case"), CASES, ids=[f"{c}-{case['name']}" for c, case in CASES])
def test_case(code: str, case: dict) -> None:
    sop = build_sop(case)
    found = [d for d in check(sop, CheckSettings(select=(code,))) if d.code == code]
    if case["fires"]:
        assert found, f"{code} should fire on {case['name']}"
        if "count" in case:
            assert len(found) == case["count"], [d.message.en for d in found]
        assert all(d.name == code_of(code).slug and d.message.id and d.message.en for d in found)
    else:
        assert not found, [d.message.en for d in found]


def test_every_rule_has_passing_and_failing_cases() -> None:
    by_code = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in case_files()}
    for rule in document_rules():
        assert rule.code in by_code, f"no case file tests/data/rules/{rule.code}.yaml"
        fires = {c["fires"] for c in by_code[rule.code]["cases"]}
        assert fires == {True, False}, f"{rule.code} needs a passing and a failing case"


def test_case_files_name_known_codes() -> None:
    codes = {r.code for r in document_rules()}
    for path in case_files():
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert doc["code"] == path.stem, path
        assert path.stem in codes, f"{path.name} names an unknown or non-executable code"


def test_base_is_clean() -> None:
    sop = build_sop({})
    assert check(sop) == [], BASE
