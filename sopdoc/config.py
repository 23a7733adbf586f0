"""One frozen settings object, read once: ``sopdoc.toml`` (or ``[tool.sopdoc]`` in pyproject.toml)
found by walking up from the input, then ``SOPDOC_*`` environment variables, then CLI options.

Sections and their owners: ``[check]`` (validate, :class:`sopdoc.validate.settings.CheckSettings`),
``[profil]`` (layout, :class:`sopdoc.layout.profile.PageProfile`), ``[kalender]`` and ``[period]``
(execution, :mod:`sopdoc.execution.settings`). Each owner resolves its own section; this module,
just under the CLI, only finds the file and composes them. Unknown sections and keys raise UsageError.

:func:`load_settings` is the one way to read configuration (check, period and render commands alike).
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sopdoc import all_codes as _all_codes  # noqa: F401 - every stage registers its codes, which [check] may name
from sopdoc.errors import UsageError
from sopdoc.execution.settings import CalendarSettings, PeriodSettings
from sopdoc.layout.profile import FOREIGN_KEYS, PageProfile
from sopdoc.model.diagnostic import Teks
from sopdoc.safe_path import regular_file
from sopdoc.validate.context import CheckOptions
from sopdoc.validate.settings import CheckSettings

__all__ = ["ENV_KEYS", "SECTIONS", "Settings", "find_config", "load_settings", "settings_from_mapping"]

SECTIONS = ("check", "profil", "kalender", "period")
# SOPDOC_* variables read into [check] (comma-separated lists for select/ignore)
ENV_KEYS = {"SOPDOC_SELECT": "select", "SOPDOC_IGNORE": "ignore", "SOPDOC_FAIL_ON": "fail-on",
            "SOPDOC_MENIT_PER_HARI_KERJA": "menit-per-hari-kerja"}


@dataclass(frozen=True)
class Settings:
    """All configuration of one run, each section resolved by the stage that owns it."""

    check: CheckSettings = field(default_factory=CheckSettings)
    profil: PageProfile = field(default_factory=PageProfile)
    kalender: CalendarSettings = field(default_factory=CalendarSettings)
    period: PeriodSettings = field(default_factory=PeriodSettings)
    source: Path | None = None  # the file the settings came from, if any
    sections: frozenset[str] = frozenset()  # the sections that file set (e.g. to require [profil])

    def check_options(self) -> CheckOptions:
        """The figures the rules use, taking the calendar's working day and the period deadline."""
        return self.check.options(self.kalender.menit_per_hari_kerja, self.kalender.hari_is_hari_kerja,
                                  self.period.deadline_working_days)


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
    for key in sorted(FOREIGN_KEYS):  # DESIGN.md §10 puts them in [profil]; the calendar owns them
        if key in profil and key not in kalender:
            kalender[key] = profil[key]
    return Settings(
        check=check_settings,
        profil=PageProfile.resolve(dict(profil)),
        kalender=CalendarSettings.resolve(kalender),
        period=PeriodSettings.resolve(data.get("period", {})),
        source=source,
        sections=frozenset(data),
    )


def load_settings(start: Path | None = None, config: Path | None = None,
                  env: Mapping[str, str] | None = None) -> Settings:
    """Settings for inputs at ``start`` (walk up), or from the explicit ``config`` file."""
    if config is not None:
        if not config.is_file():
            raise UsageError(Teks(f"berkas konfigurasi {config} tidak ada",
                                  f"configuration file {config} does not exist"))
        data = _read(config)
        tool = data.get("tool", {})
        if isinstance(tool, dict) and isinstance(tool.get("sopdoc"), dict):
            data = dict(tool["sopdoc"])  # [tool.sopdoc] in pyproject.toml, or in any file named by --config/--profile
        elif config.name == "pyproject.toml":
            data = {}
        return settings_from_mapping(data, config, env)
    found = find_config(start or Path.cwd())
    if found is None:
        return settings_from_mapping({}, None, env)
    return settings_from_mapping(found[1], found[0], env)
