"""One frozen settings object, read once: ``sopdoc.toml`` (or ``[tool.sopdoc]`` in pyproject.toml)
found by walking up from the input, then ``SOPDOC_*`` environment variables, then CLI options.

Sections and their owners: ``[check]`` (validate, :class:`sopdoc.validate.settings.CheckSettings`),
``[profil]`` (render, ``sopdoc.layout.profile.PageProfile``), ``[kalender]`` and ``[period]``
(execution, ``sopdoc.execution.settings``). Unknown sections and keys raise UsageError.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sopdoc.errors import UsageError
from sopdoc.model.diagnostic import Teks
from sopdoc.safe_path import regular_file
from sopdoc.validate.settings import DEFAULT_MENIT_PER_HARI_KERJA, CheckSettings

__all__ = ["Settings", "find_config", "load_settings", "SECTIONS", "ENV_KEYS"]

SECTIONS = ("check", "profil", "kalender", "period")
_CALENDAR_KEYS_IN_PROFIL = ("zona_waktu", "libur_lokal", "jam_kerja", "jam_ramadan", "ramadan")  # = layout FOREIGN_KEYS
# SOPDOC_* variables read into [check] (comma-separated lists for select/ignore)
ENV_KEYS = {"SOPDOC_SELECT": "select", "SOPDOC_IGNORE": "ignore", "SOPDOC_FAIL_ON": "fail-on",
            "SOPDOC_MENIT_PER_HARI_KERJA": "menit-per-hari-kerja"}


@dataclass(frozen=True)
class Settings:
    """All configuration of one run. ``profil``/``kalender``/``period`` are the owning stage's
    resolved objects, or the raw mapping when that stage's resolver is not available."""

    check: CheckSettings = field(default_factory=CheckSettings)
    profil: Any = None
    kalender: Any = None
    period: Any = None
    source: Path | None = None  # the file the settings came from, if any

    def check_options(self) -> Any:
        """The figures the rules use, taking the calendar's working day and the period deadline."""
        menit = getattr(self.kalender, "menit_per_hari_kerja", DEFAULT_MENIT_PER_HARI_KERJA)
        hari = getattr(self.kalender, "hari_is_hari_kerja", True)
        tenggat = getattr(self.period, "deadline_working_days", 10)
        return self.check.options(int(menit), bool(hari), int(tenggat))


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest ``sopdoc.toml`` or pyproject.toml with ``[tool.sopdoc]`` at or above ``start``."""
    here = start.resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / "sopdoc.toml"
        if candidate.is_file():
            return candidate, _read(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            data = _read(pyproject)
            tool = data.get("tool", {})
            if isinstance(tool, dict) and "sopdoc" in tool:
                return pyproject, dict(tool["sopdoc"])
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        with regular_file(path) as (fh, _st):  # a device or FIFO is refused, never read
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(Teks(f"konfigurasi {path} tidak dapat dibaca: {exc}",
                              f"configuration {path} cannot be read: {exc}")) from None


def _resolve_section(name: str, mapping: Mapping[str, Any]) -> Any:
    """The owning stage's resolved object, or the raw mapping if its resolver does not exist yet."""
    try:
        if name == "profil":
            from sopdoc.layout.profile import PageProfile

            return PageProfile.resolve(dict(mapping))
        from sopdoc.execution import settings as ex

        cls = ex.CalendarSettings if name == "kalender" else ex.PeriodSettings
        return cls.resolve(dict(mapping))
    except (ImportError, AttributeError):
        return dict(mapping) or None


def settings_from_mapping(data: Mapping[str, Any], source: Path | None = None,
                          env: Mapping[str, str] | None = None) -> Settings:
    """Settings from a parsed configuration mapping plus environment overrides."""
    where = f" ({source})" if source else ""
    for key, value in data.items():
        if key not in SECTIONS:
            close = difflib.get_close_matches(key, SECTIONS, n=1, cutoff=0.6)
            tip = (f" (maksud Anda [{close[0]}]?)", f" (did you mean [{close[0]}]?)") if close else ("", "")
            raise UsageError(Teks(f"bagian konfigurasi tidak dikenal [{key}]{tip[0]}{where}",
                                  f"unknown configuration section [{key}]{tip[1]}{where}"))
        if not isinstance(value, Mapping):
            raise UsageError(Teks(f"[{key}] harus berupa tabel{where}", f"[{key}] must be a table{where}"))
    check = dict(data.get("check", {}))
    for var, key in ENV_KEYS.items():
        value = (env if env is not None else os.environ).get(var)
        if value:
            check[key] = int(value) if key == "menit-per-hari-kerja" and value.isdigit() else value
    try:
        check_settings = CheckSettings.resolve(check)
    except UsageError as exc:
        raise UsageError(Teks(exc.teks.id + where, exc.teks.en + where)) from None
    kalender = dict(data.get("kalender", {}))
    profil = data.get("profil", {})
    for key in _CALENDAR_KEYS_IN_PROFIL:  # DESIGN.md §10 puts them in [profil]; the calendar owns them
        if key in profil and key not in kalender:
            kalender[key] = profil[key]
    return Settings(
        check=check_settings,
        profil=_resolve_section("profil", profil),
        kalender=_resolve_section("kalender", kalender),
        period=_resolve_section("period", data.get("period", {})),
        source=source,
    )


def load_settings(start: Path | None = None, config: Path | None = None,
                  env: Mapping[str, str] | None = None) -> Settings:
    """Settings for inputs at ``start`` (walk up), or from the explicit ``config`` file."""
    if config is not None:
        if not config.is_file():
            raise UsageError(Teks(f"berkas konfigurasi {config} tidak ada", f"configuration file {config} does not exist"))
        data = _read(config)
        if config.name == "pyproject.toml":
            data = dict(data.get("tool", {}).get("sopdoc", {}))
        return settings_from_mapping(data, config, env)
    found = find_config(start or Path.cwd())
    if found is None:
        return settings_from_mapping({}, None, env)
    return settings_from_mapping(found[1], found[0], env)
