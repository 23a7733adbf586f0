"""Packaging: the wheel ships templates/ and schemas/, the package list is complete, the
committed schema equals the generated one, and an installed wheel runs."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import jsonschema
import pytest

from sopdoc.source.reader import load_sop
from sopdoc.source.schema import sop_json_schema, sop_schema_text
from sopdoc.source.writer import sop_to_dict
from tests.conftest import EXAMPLES, ROOT


def test_committed_schema_is_current() -> None:
    committed = (ROOT / "schemas" / "sop.schema.json").read_text(encoding="utf-8")
    assert committed == sop_schema_text(), "run `make schema` and commit schemas/sop.schema.json"


def test_schema_accepts_every_example_and_rejects_unknown_keys() -> None:
    schema = sop_json_schema()
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted(EXAMPLES.glob("*.sop.yaml")):
        sop = load_sop(path).sop
        assert sop is not None
        data = json.loads(json.dumps(sop_to_dict(sop), default=str))
        assert list(validator.iter_errors(data)) == [], path
    assert list(validator.iter_errors({"sopdoc": 1, "identitass": {}}))


def test_every_subpackage_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "sopdoc").rglob("__init__.py")
    }
    assert found <= listed, found - listed


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    if proc.returncode != 0:
        pytest.fail(proc.stderr[-2000:])
    return next(out.glob("sopdoc-*.whl"))


def test_wheel_ships_schemas_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "sopdoc/schemas/sop.schema.json" in names
    for template in (ROOT / "templates").glob("*.docx"):
        assert f"sopdoc/templates/{template.name}" in names
    assert "sopdoc/cli/__init__.py" in names


def test_installed_wheel_runs_outside_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import sopdoc, sopdoc.resources as r;"
        "assert sopdoc.__file__.startswith(sys.argv[1]), sopdoc.__file__;"
        "p = r.schema_path(); assert p.is_file() and str(p).startswith(sys.argv[1]), p;"
        "from sopdoc.cli import main; sys.exit(main(['schema']))"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(target)], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"].startswith("sopdoc")
