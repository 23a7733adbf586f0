"""Every finding code of every stage is registered once, with a unique slug and both languages;
the one ``@rule`` decorator refuses malformed and clashing entries when they are registered."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from sopdoc.all_codes import all_codes
from sopdoc.codes import Code, Finding, Registry, code_of
from sopdoc.execution.cmp_rules import RULES as CMP_RULES
from sopdoc.importers.codes import IMP_CODES
from sopdoc.layout.notes import NOTES
from sopdoc.model.diagnostic import Severity, Teks
from sopdoc.source.codes import READING_CODES
from sopdoc.validate.rules import document_rules

ROOT = Path(__file__).resolve().parent.parent
X = Teks("x", "x")


def test_all_stage_codes_are_in_the_registry_without_clashes() -> None:
    rules = {r.code: r for r in all_codes()}
    for code in [*READING_CODES, *IMP_CODES, *NOTES, *CMP_RULES]:
        assert code in rules, code
    assert all(re.fullmatch(r"(SOP|CMP|IMP)\d{3}", c) for c in rules)
    slugs = [r.slug for r in rules.values()]
    assert len(slugs) == len(set(slugs))
    for r in rules.values():
        assert r.summary.id and r.summary.en, r.code


@pytest.mark.parametrize(("stage", "table", "first", "count"), [
    ("source", READING_CODES, "SOP001", 14),
    ("importers", IMP_CODES, "IMP001", 41),  # + IMP009/032/033/042 (bounded decoders), IMP038, IMP050/051 (OCR),
    # IMP015-017 (edited own documents, bundles), IMP035 (a decision's connector label in the next row),
    # IMP037 (text a reader does not see), IMP039 (a terminator beside a decision in one row), IMP043 (a branch
    # written in Keterangan)
    ("layout", NOTES, "SOP601", 10),  # SOP607: too large; SOP608: empty kop; SOP609: exit falls through;
    # SOP610: a step continued on the next page
    ("execution", CMP_RULES, "CMP001", 19),  # CMP304–306: overdue steps and periods; CMP307: outside the period
])
def test_each_stage_registers_its_own_table(stage: str, table: dict[str, Code], first: str, count: int) -> None:
    assert len(table) == count and first in table
    for code, entry in table.items():
        assert code_of(code) is entry and entry.stage == stage, code
    assert {c.code for c in all_codes() if c.stage == stage} == set(table)


def test_document_rules_are_the_validate_stage_and_run_by_the_engine() -> None:
    rules = document_rules()
    codes = {r.code for r in rules}
    assert {"SOP090", "SOP101", "SOP312", "SOP502"} <= codes  # SOP090 is a document rule in the SOP0 range
    assert all(r.stage == "validate" and r.func is not None for r in rules)
    assert not codes & {*READING_CODES, *IMP_CODES, *NOTES, *CMP_RULES}
    assert all(r.func is not None for r in CMP_RULES.values())
    assert all(c.func is None for c in [*READING_CODES.values(), *IMP_CODES.values(), *NOTES.values()])


def test_every_code_of_the_complete_list_has_a_stage() -> None:
    assert {c.stage for c in all_codes()} == {"source", "importers", "layout", "validate", "execution"}
    assert len(all_codes()) == len(READING_CODES) + len(IMP_CODES) + len(NOTES) + len(CMP_RULES) + len(document_rules())


# --------------------------------------------------------------------------- the decorator


def _decorate(reg: Registry, doc: str | None = "AB-01: the rule.", **kw: object):  # type: ignore[no-untyped-def]
    args = {"code": "SOP901", "slug": "aturan-uji", "severity": Severity.WARNING, "summary": X,
            "catalogue": "AB-01", **kw}

    def f(sop, ctx):  # type: ignore[no-untyped-def]
        yield Finding((), X)

    f.__doc__ = doc
    return reg.rule(**args)(f)  # type: ignore[arg-type]


def test_rule_registers_code_doc_and_function() -> None:
    reg = Registry()
    f = _decorate(reg, hint=Teks("h", "h"))
    entry = reg.get("SOP901")
    assert entry.func is f and entry.slug == "aturan-uji" and entry.severity is Severity.WARNING
    assert entry.doc == "AB-01: the rule." and entry.catalogue == "AB-01" and entry.hint == Teks("h", "h")
    assert entry.stage == __name__  # outside sopdoc: the module; inside: the sopdoc.<stage> package
    d = entry.report(next(iter(f(None, None))), Severity.ERROR)
    assert (d.code, d.name, d.severity, d.hint) == ("SOP901", "aturan-uji", Severity.ERROR, Teks("h", "h"))


@pytest.mark.parametrize("code", ["SOP1", "XYZ001", "sop101", "SOP1010", 101])
def test_rule_refuses_a_bad_code_form(code: object) -> None:
    reg = Registry()
    with pytest.raises(ValueError, match="must match"):
        _decorate(reg, code=code)
    assert reg.codes() == []


@pytest.mark.parametrize("slug", ["Bad Slug", "aturan_uji", "-aturan", ""])
def test_rule_refuses_a_bad_slug(slug: str) -> None:
    with pytest.raises(ValueError, match="slug"):
        _decorate(Registry(), slug=slug)


def test_rule_refuses_a_duplicate_code() -> None:
    reg = Registry()
    _decorate(reg)
    with pytest.raises(ValueError, match=r"SOP901.*registered twice"):
        _decorate(reg, slug="aturan-lain")
    assert [c.slug for c in reg.codes()] == ["aturan-uji"]


def test_rule_refuses_a_duplicate_slug() -> None:
    reg = Registry()
    _decorate(reg)
    with pytest.raises(ValueError, match="'aturan-uji' of SOP902 is registered twice: already SOP901"):
        _decorate(reg, code="SOP902")
    assert [c.code for c in reg.codes()] == ["SOP901"]


def test_rule_docstring_must_name_its_catalogue_id() -> None:
    reg = Registry()
    with pytest.raises(ValueError, match="catalogue ID AB-01"):
        _decorate(reg, doc="The rule, without its ID.")
    with pytest.raises(ValueError, match="needs a docstring"):
        _decorate(reg, doc=None)
    with pytest.raises(ValueError, match="catalogue ID"):
        _decorate(reg, catalogue="")
    assert reg.codes() == []


def test_rule_refuses_wrong_types_and_positional_arguments() -> None:
    reg = Registry()
    with pytest.raises(TypeError, match="severity"):
        _decorate(reg, severity="warning")
    with pytest.raises(TypeError, match="summary"):
        _decorate(reg, summary="x")
    with pytest.raises(TypeError, match="hint"):
        _decorate(reg, hint="x")
    with pytest.raises(TypeError):
        reg.rule("SOP901", "aturan-uji", Severity.WARNING, summary=X, catalogue="AB-01")  # type: ignore[misc]
    assert reg.codes() == []


def test_a_table_clash_with_a_registered_rule_fails() -> None:
    reg = Registry()
    _decorate(reg)
    with pytest.raises(ValueError, match="registered twice"):
        reg.table("layout", [Code("SOP602", "aturan-uji", Severity.INFO, X)])
    with pytest.raises(ValueError, match="unknown stage"):
        reg.table("render", [Code("SOP603", "catatan-lain", Severity.INFO, X)])


def test_a_clash_between_stages_fails_at_import() -> None:
    """A stage module that reuses another stage's code cannot be imported (no silent skipping)."""
    script = ("from sopdoc.codes import Code, register_table\n"
              "import sopdoc.source.codes\n"
              "from sopdoc.model.diagnostic import Severity, Teks\n"
              "register_table('importers', [Code('SOP004', 'salinan', Severity.INFO, Teks('x', 'x'))])\n")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode != 0
    assert "ValueError: code SOP004 ('salinan') is registered twice: already 'yaml-tidak-valid'" in out.stderr


def test_the_low_layer_imports_only_the_model() -> None:
    source = (ROOT / "sopdoc" / "codes.py").read_text(encoding="utf-8")
    imported = set(re.findall(r"^\s*(?:from|import) (sopdoc[\w.]*)", source, flags=re.M))
    assert imported == {"sopdoc.model.diagnostic"}


@pytest.mark.parametrize(("package", "above"), [
    ("source", ("layout", "importers", "validate", "execution", "render", "config", "cli", "all_codes")),
    ("validate", ("execution", "render", "config", "cli", "all_codes")),
])
def test_stages_with_codes_do_not_import_upwards(package: str, above: tuple[str, ...]) -> None:
    """The complete list is assembled at the top (sopdoc.all_codes), never by a stage importing later ones."""
    pattern = re.compile(rf"^\s*(?:from|import) sopdoc\.({'|'.join(above)})\b", flags=re.M)
    found = [f"{path.relative_to(ROOT)}: {m.group(0).strip()}"
             for path in sorted((ROOT / "sopdoc" / package).rglob("*.py"))
             for m in pattern.finditer(path.read_text(encoding="utf-8"))]
    assert found == []
