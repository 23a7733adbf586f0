"""The CLI shell: help, version, schema, languages, usage errors (exact output, exit codes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sopdoc import __version__
from sopdoc.cli import cli, main
from tests.conftest import EXAMPLES


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"sopdoc {__version__}\n"


def test_help_is_indonesian_by_default_and_english_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "SOP Administrasi Pemerintahan" in out and "check" in out and "schema" in out
    assert main(["--lang", "en", "check", "--help"]) == 0
    out = capsys.readouterr().out
    assert "Exit codes: 0 clean, 1 findings at the --fail-on threshold, 2 usage error." in out
    assert "Output format." in out
    assert main(["check", "--help"]) == 0
    assert "Kode keluar: 0 bersih, 1 ada temuan pada ambang --fail-on" in capsys.readouterr().out


def test_unknown_command_is_a_usage_error_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["chek"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("galat: perintah tidak dikenal: 'chek'. (Maksud Anda")
    assert "'check'" in err and err.endswith("\nCoba 'sopdoc --help'.\n")
    assert main(["--lang", "en", "chek"]) == 2
    assert capsys.readouterr().err.startswith("error: No such command 'chek'.")


def test_unknown_option_and_missing_argument(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--formt", "json", "x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("galat: opsi tidak dikenal: --formt") and "Coba 'sopdoc check --help'." in err
    assert main(["check"]) == 2
    assert "argumen wajib tidak ada: 'FILES...'" in capsys.readouterr().err


def test_schema_command_prints_the_committed_schema() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    committed = (EXAMPLES.parent / "schemas" / "sop.schema.json").read_text(encoding="utf-8")
    assert result.output == committed


def test_check_json_and_english_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "a.sop.yaml"
    bad.write_text("sopdoc: 1\nidentitas:\n  tanggal_efektif: 2023-02-30\n", encoding="utf-8")
    assert main(["check", "--format", "json", "--lang", "en", str(bad)]) == 1
    doc = json.loads(capsys.readouterr().out)
    (entry,) = doc["files"]
    (diag,) = entry["diagnostics"]
    assert diag["code"] == "SOP011" and diag["severity"] == "error"
    assert diag["path"] == "identitas.tanggal_efektif"
    assert diag["origin"] == {"file": str(bad), "line": 3, "column": 20}
    assert "does not exist" in diag["message"]
    assert doc["summary"] == {"error": 1, "warning": 0, "info": 0, "files": 1}


def test_check_text_summary_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "b.sop.yaml"
    good.write_text("sopdoc: 1\nidentitas: {nama: X}\n", encoding="utf-8")
    code = main(["--lang", "en", "check", "--select", "SOP0", str(good), str(tmp_path / "missing.sop.yaml")])
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines()[-1] == "1 error, 0 warnings in 2 files"
    assert "cannot read the file" in out


def test_console_script_module_runs() -> None:
    proc = subprocess.run([sys.executable, "-m", "sopdoc.cli", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip() == f"sopdoc {__version__}"
