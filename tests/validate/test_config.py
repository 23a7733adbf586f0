"""Configuration: sopdoc.toml / [tool.sopdoc], walking up, env and CLI precedence, unknown keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from sopdoc.config import load_settings
from sopdoc.errors import UsageError
from sopdoc.model.diagnostic import Severity
from sopdoc.validate.settings import CheckSettings


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_defaults_without_a_file(tmp_path: Path) -> None:
    s = load_settings(tmp_path, env={})
    assert s.source is None and s.check == CheckSettings()
    assert s.check_options().menit_per_hari_kerja == 450


def test_sopdoc_toml_found_walking_up(tmp_path: Path) -> None:
    _write(tmp_path, "sopdoc.toml", '[check]\nselect = ["SOP1"]\nignore = ["SOP109"]\nfail-on = "warning"\n'
                                    '[check.severity]\nSOP102 = "warning"\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    s = load_settings(deep / "x.sop.yaml", env={})
    assert s.source == tmp_path / "sopdoc.toml"
    assert s.check.select == ("SOP1",) and s.check.fail_on is Severity.WARNING
    assert s.check.severity_of("SOP102", Severity.ERROR) is Severity.WARNING
    assert s.check.enabled("SOP101") and not s.check.enabled("SOP109") and not s.check.enabled("SOP201")


def test_pyproject_tool_section(tmp_path: Path) -> None:
    _write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n[tool.sopdoc.check]\nmenit-per-hari-kerja = 390\n')
    s = load_settings(tmp_path, env={})
    assert s.check_options().menit_per_hari_kerja == 390


def test_pyproject_without_tool_section_is_skipped(tmp_path: Path) -> None:
    _write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    assert load_settings(tmp_path, env={}).source is None


def test_env_overrides_file(tmp_path: Path) -> None:
    _write(tmp_path, "sopdoc.toml", '[check]\nfail-on = "warning"\n')
    s = load_settings(tmp_path, env={"SOPDOC_FAIL_ON": "info", "SOPDOC_IGNORE": "SOP2,SOP3"})
    assert s.check.fail_on is Severity.INFO and s.check.ignore == ("SOP2", "SOP3")


def test_more_specific_prefix_wins() -> None:
    s = CheckSettings(select=("SOP102",), ignore=("SOP1",))
    assert s.enabled("SOP102") and not s.enabled("SOP101")


@pytest.mark.parametrize(("text", "word"), [
    ('[chek]\nselect = ["SOP1"]\n', "[chek]"),
    ('[check]\nfail_onn = "error"\n', "fail_onn"),
    ('[check]\nselect = ["SOP9"]\n', "SOP9"),
    ('[check.severity]\nSOP999 = "info"\n', "SOP999"),
    ('[check]\nfail-on = "fatal"\n', "fatal"),
    ('[check]\nmenit-per-hari-kerja = "banyak"\n', "menit-per-hari-kerja"),
    ("[check\n", "sopdoc.toml"),
])
def test_unknown_or_bad_keys_are_errors_naming_the_key(tmp_path: Path, text: str, word: str) -> None:
    _write(tmp_path, "sopdoc.toml", text)
    with pytest.raises(UsageError) as err:
        load_settings(tmp_path, env={})
    assert word in err.value.get("id") and word in err.value.get("en")


def test_did_you_mean(tmp_path: Path) -> None:
    _write(tmp_path, "sopdoc.toml", '[check]\nfail-onn = "error"\n')
    with pytest.raises(UsageError) as err:
        load_settings(tmp_path, env={})
    assert "maksud Anda 'fail-on'" in err.value.get("id")
    assert "did you mean 'fail-on'" in err.value.get("en")


def test_other_sections_are_resolved_by_their_owner(tmp_path: Path) -> None:
    _write(tmp_path, "sopdoc.toml", '[period]\ndeadline-working-days = 5\n[kalender]\nzona_waktu = "WIB"\n')
    s = load_settings(tmp_path, env={})
    assert getattr(s.period, "deadline_working_days", None) == 5 or s.period == {"deadline-working-days": 5}
    assert s.check_options().tenggat_hari_kerja == 5
