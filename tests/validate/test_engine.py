"""The engine: never raises, collects everything, deterministic, registry well-formed."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings

from sopdoc.all_codes import all_codes
from sopdoc.codes import CODE_RE, REGISTRY, Code, Finding, code_of, register, rule
from sopdoc.model.diagnostic import Severity, Teks
from sopdoc.validate.engine import check, check_loaded
from sopdoc.validate.rules import document_rules
from tests.strategies import sops
from tests.validate.cases import build_sop


@settings(max_examples=50, deadline=None)
@given(sops(max_steps=12, absurd=True))
def test_never_raises_on_absurd_sops(sop) -> None:
    found = check(sop)
    assert all(CODE_RE.match(d.code) for d in found)
    assert found == check(sop)


@settings(max_examples=30, deadline=None)
@given(sops(max_steps=12))
def test_order_does_not_depend_on_rule_order(sop) -> None:
    rules = document_rules()
    shuffled = rules[:]
    random.Random(7).shuffle(shuffled)
    assert check(sop, rules=rules) == check(sop, rules=shuffled)


def test_collects_every_finding_not_just_the_first() -> None:
    sop = build_sop({"patch": {"identitas": {"nama": None, "nomor": None, "tanggal_pembuatan": None}}})
    codes = {d.code for d in check(sop)}
    assert {"SOP101", "SOP102", "SOP104"} <= codes


def test_registry_codes_and_slugs_unique_and_documented() -> None:
    rules = all_codes()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.slug for r in rules}) == len(rules)
    for r in rules:
        assert CODE_RE.match(r.code)
        if r.func is not None:
            assert r.catalogue and r.catalogue in r.doc, r.code


@pytest.mark.parametrize(("code", "slug"), [("SOP1", "x-y"), ("XYZ001", "x-y"), ("SOP101", "dup-slug"),
                                            ("SOP999", "nama-sop-kosong"), ("SOP998", "Bad Slug")])
def test_registry_refuses_bad_or_duplicate_entries(code: str, slug: str) -> None:
    all_codes()
    with pytest.raises(ValueError):
        register(Code(code, slug, Severity.INFO, Teks("x", "x"), stage="validate"))
    assert code not in REGISTRY or code_of(code).slug != slug


def test_rule_docstring_must_name_catalogue_id() -> None:
    with pytest.raises(ValueError, match="catalogue"):
        @rule(code="SOP997", slug="tanpa-katalog", severity=Severity.INFO, summary=Teks("x", "x"), catalogue="ZZ-99")
        def _f(sop, ctx):  # type: ignore[no-untyped-def]
            """No ID here."""
            yield Finding((), Teks("x", "x"))
    assert "SOP997" not in REGISTRY


def test_reading_codes_are_registered_and_filterable(tmp_path) -> None:
    from sopdoc.source.reader import load_sop
    from sopdoc.validate.settings import CheckSettings

    assert code_of("SOP012").func is None
    bad = tmp_path / "rusak.sop.yaml"
    bad.write_text("sopdoc: 1\nidentitas: [\n", encoding="utf-8")
    result = load_sop(bad)
    assert [d.code for d in check_loaded(result)] == ["SOP004"]
    assert check_loaded(result, CheckSettings(ignore=("SOP0",))) == ()
    demoted = check_loaded(result, CheckSettings(severity=(("SOP004", Severity.WARNING),)))
    assert demoted[0].severity is Severity.WARNING


def test_located_findings_carry_file_line_col(tmp_path) -> None:
    from sopdoc.source.reader import load_sop

    text = (build_sop.__globals__["BASE"]).read_text(encoding="utf-8").replace("nomor: 800/001/DC/2023", "nomor: null")
    f = tmp_path / "x.sop.yaml"
    f.write_text(text, encoding="utf-8")
    found = [d for d in check_loaded(load_sop(f)) if d.code == "SOP102"]
    assert found and found[0].origin is not None
    line = text.splitlines().index("  nomor: null") + 1
    assert (found[0].origin.file, found[0].origin.line, found[0].origin.column) == (str(f), line, 10)
