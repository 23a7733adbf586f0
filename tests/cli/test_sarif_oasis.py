"""`sopdoc check --format sarif` validates against the real OASIS SARIF 2.1.0 JSON schema (issue #14
point 7), for text sources, imported documents (page/table/row) and findings with related places."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sopdoc.cli import cli
from tests.cli.test_check import CLEAN_ENV

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
REALISTIC = ROOT / "tests" / "data" / "realistic"


def _sarif(*args: str) -> dict:
    result = CliRunner().invoke(cli, ["check", *args, "--format", "sarif"], env=CLEAN_ENV)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def test_the_schema_is_the_unmodified_oasis_file() -> None:
    assert hashlib.sha256(SCHEMA.read_bytes()).hexdigest() == SCHEMA_SHA256


def test_the_schema_rejects_what_it_should() -> None:
    validator = _validator()
    assert not validator.is_valid({"version": "2.1.0"})  # no runs
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                          "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}
    assert not validator.is_valid(bad)


def test_sarif_of_sources_imports_and_related_places_validates(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "campur"
    folder.mkdir()
    for name in ("d01-kelurahan-sktm.sop.yaml", "d04-setwan-paripurna.sop.yaml", "d09-dishub-uji-kir.sop.yaml"):
        (folder / name).write_bytes((REALISTIC / name).read_bytes())
    (folder / "revisi.pdf").write_bytes((ROOT / "tests/data/corpus/bps-bengkulu-011-revisi-anggaran.pdf").read_bytes())
    (folder / "seed003.txt").write_bytes((ROOT / "tests/data/seeds/003_46b4d4ee7e83561a.txt").read_bytes())
    monkeypatch.chdir(tmp_path)
    validator = _validator()
    for lang in ("id", "en"):
        doc = _sarif("campur", "--lang", lang) if lang == "en" else _sarif("campur")
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
        results = doc["runs"][0]["results"]
        label = " — saran: " if lang == "id" else " — hint: "
        assert all(label in r["message"]["text"] for r in results if " — " in r["message"]["text"])
        assert any(label in r["message"]["text"] for r in results)
        assert any("relatedLocations" in r for r in results)  # one root cause, its affected steps
        pdf = [r["locations"][0]["physicalLocation"] for r in results
               if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("revisi.pdf")]
        assert any({"page", "table", "row"} <= set(loc.get("properties", {})) for loc in pdf)
