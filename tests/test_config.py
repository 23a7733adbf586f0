"""The one configuration loader: one signature, typed sections, precedence CLI > env > file."""

from __future__ import annotations

import datetime as dt
import inspect
from pathlib import Path

import pytest

from sopdoc.config import Settings, load_settings
from sopdoc.errors import UsageError
from sopdoc.execution.settings import CalendarSettings, PeriodSettings
from sopdoc.layout.geometry import Orientation
from sopdoc.layout.profile import PageProfile
from sopdoc.model.diagnostic import Severity
from sopdoc.validate.settings import CheckSettings

ALL_SECTIONS = """\
[check]
fail-on = "warning"
max-pelaksana = 6

[profil]
kertas = "a4"
orientasi_alur = "potret"
instansi = ["PEMERINTAH KABUPATEN CONTOH"]

[kalender]
zona_waktu = "WIT"
libur_lokal = ["2026-06-17"]

[period]
deadline-working-days = 7
time-tolerance = 0.25
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_one_signature() -> None:
    assert list(inspect.signature(load_settings).parameters) == ["start", "config", "env"]


def test_defaults_are_typed_sections(tmp_path: Path) -> None:
    s = load_settings(tmp_path, env={})
    assert isinstance(s, Settings) and s.source is None and s.sections == frozenset()
    assert s.profil == PageProfile() and s.kalender == CalendarSettings() and s.period == PeriodSettings()
    assert s.profil.kertas == "f4" and s.kalender.zona_waktu == "WITA" and s.period.deadline_working_days == 10


def test_each_section_of_a_file_is_resolved_by_its_owner(tmp_path: Path) -> None:
    cfg = _write(tmp_path, "sopdoc.toml", ALL_SECTIONS)
    s = load_settings(config=cfg, env={})
    assert s.source == cfg and s.sections == {"check", "profil", "kalender", "period"}
    assert isinstance(s.check, CheckSettings) and s.check.fail_on is Severity.WARNING and s.check.max_pelaksana == 6
    assert isinstance(s.profil, PageProfile)
    assert (s.profil.kertas, s.profil.orientasi_alur) == ("a4", Orientation.PORTRAIT)
    assert s.profil.instansi == ("PEMERINTAH KABUPATEN CONTOH",)
    assert isinstance(s.kalender, CalendarSettings)
    assert s.kalender.zona_waktu == "WIT" and s.kalender.libur_lokal == (dt.date(2026, 6, 17),)
    assert isinstance(s.period, PeriodSettings)
    assert s.period.deadline_working_days == 7 and s.period.time_tolerance == 0.25
    assert s.check_options().tenggat_hari_kerja == 7 and s.check_options().max_pelaksana == 6


def test_walking_up_finds_the_same_file(tmp_path: Path) -> None:
    cfg = _write(tmp_path, "sopdoc.toml", ALL_SECTIONS)
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert load_settings(deep / "x.sop.yaml", env={}) == load_settings(config=cfg, env={})


def test_explicit_file_wins_over_the_file_found_upwards(tmp_path: Path) -> None:
    _write(tmp_path, "sopdoc.toml", '[period]\ndeadline-working-days = 3\n')
    other = _write(tmp_path / "other", "agency.toml", '[period]\ndeadline-working-days = 12\n')
    assert load_settings(tmp_path, env={}).period.deadline_working_days == 3
    assert load_settings(tmp_path, other, env={}).period.deadline_working_days == 12


def test_tool_sopdoc_table_in_an_explicit_file(tmp_path: Path) -> None:
    cfg = _write(tmp_path, "profile.toml", '[tool.sopdoc.profil]\nkertas = "a4"\n')
    s = load_settings(config=cfg, env={})
    assert s.profil.kertas == "a4" and s.sections == {"profil"}


def test_missing_explicit_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as err:
        load_settings(config=tmp_path / "nope.toml", env={})
    assert "nope.toml" in err.value.get("en")


def test_bad_value_in_a_stage_section_is_a_usage_error(tmp_path: Path) -> None:
    _write(tmp_path, "sopdoc.toml", '[period]\ntime-tolerance = "banyak"\n')
    with pytest.raises(UsageError) as err:
        load_settings(tmp_path, env={})
    assert "time-tolerance" in err.value.get("en")


def test_precedence_cli_over_env_over_file(tmp_path: Path) -> None:
    _write(tmp_path, "sopdoc.toml", '[check]\nfail-on = "warning"\nmenit-per-hari-kerja = 400\n')
    from_file = load_settings(tmp_path, env={})
    assert from_file.check.fail_on is Severity.WARNING and from_file.check_options().menit_per_hari_kerja == 400
    from_env = load_settings(tmp_path, env={"SOPDOC_FAIL_ON": "info", "SOPDOC_MENIT_PER_HARI_KERJA": "390"})
    assert from_env.check.fail_on is Severity.INFO and from_env.check_options().menit_per_hari_kerja == 390
    from_cli = from_env.check.override(fail_on=Severity.ERROR, menit_per_hari_kerja=None)  # what the CLI does
    assert from_cli.fail_on is Severity.ERROR and from_cli.menit_per_hari_kerja == 390
