"""schemas/config.schema.json: current, and its keys are exactly what each section's resolver accepts."""

from __future__ import annotations

import tomllib
from dataclasses import fields

import jsonschema
import pytest

from sopdoc.config import SECTIONS, load_settings
from sopdoc.config_schema import SECTION_KEYS, config_json_schema, config_schema_text
from sopdoc.errors import UsageError
from sopdoc.execution.settings import CalendarSettings, PeriodSettings
from sopdoc.layout.profile import FOREIGN_KEYS, PageProfile
from sopdoc.validate.settings import KEYS as CHECK_KEYS
from tests.conftest import EXAMPLES, ROOT


def test_committed_config_schema_is_current() -> None:
    committed = (ROOT / "schemas" / "config.schema.json").read_text(encoding="utf-8")
    assert committed == config_schema_text(), "run `make schema` and commit schemas/config.schema.json"


def test_schema_keys_match_the_resolvers() -> None:
    assert set(SECTION_KEYS) == set(SECTIONS)
    assert set(SECTION_KEYS["check"]) == set(CHECK_KEYS)
    assert set(SECTION_KEYS["profil"]) == {f.name for f in fields(PageProfile)} | FOREIGN_KEYS
    assert set(SECTION_KEYS["kalender"]) == {f.name for f in fields(CalendarSettings)}
    assert {k.replace("-", "_") for k in SECTION_KEYS["period"]} == {f.name for f in fields(PeriodSettings)}


def test_each_section_refuses_a_key_outside_the_schema(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cfg = tmp_path / "sopdoc.toml"
    for section in SECTION_KEYS:
        cfg.write_text(f"[{section}]\nbukan_kunci = 1\n", encoding="utf-8")
        with pytest.raises(UsageError):
            load_settings(config=cfg)
        assert list(jsonschema.Draft202012Validator(config_json_schema()).iter_errors({section: {"bukan_kunci": 1}}))


def test_the_demo_configuration_validates() -> None:
    data = tomllib.loads((EXAMPLES / "logs" / "sopdoc.toml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(config_json_schema()).validate(data)
    assert list(jsonschema.Draft202012Validator(config_json_schema()).iter_errors({"profil": {"kertass": "a4"}}))


def test_calendar_keys_under_profil_reach_the_calendar(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cfg = tmp_path / "sopdoc.toml"
    cfg.write_text('[profil]\nzona_waktu = "WIT"\njam_ramadan = true\nkertas = "a4"\n', encoding="utf-8")
    settings = load_settings(config=cfg)
    assert settings.kalender.zona_waktu == "WIT" and settings.kalender.jam_ramadan is True
    assert settings.profil.kertas == "a4"
