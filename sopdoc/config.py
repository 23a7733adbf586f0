"""One frozen settings object, read once: ``sopdoc.toml`` (or ``[tool.sopdoc]`` in pyproject.toml)
found by walking up from the input, then ``SOPDOC_*`` environment variables, then CLI options.

Sections and their owners: ``[check]`` (validate, :class:`sopdoc.validate.settings.CheckSettings`),
``[profil]`` (layout, :class:`sopdoc.layout.profile.PageProfile`), ``[kalender]`` and ``[period]``
(execution, :mod:`sopdoc.execution.settings`). Each owner resolves its own section; this module,
just under the CLI, only finds the file and composes them. Unknown sections and keys raise UsageError.

:func:`load_settings` is the one way to read configuration (check, period and render commands alike);
the file is found and read by :mod:`sopdoc.config_file`, which also gives the log commands their
calendar without loading every stage.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sopdoc import all_codes as _all_codes  # noqa: F401 - every stage registers its codes, which [check] may name
from sopdoc.config_file import SECTIONS, calendar_section, check_sections, config_data, find_config
from sopdoc.errors import UsageError
from sopdoc.execution.settings import CalendarSettings, PeriodSettings
from sopdoc.layout.profile import PageProfile
from sopdoc.model.diagnostic import Teks
from sopdoc.validate.context import CheckOptions
from sopdoc.validate.settings import CheckSettings

__all__ = ["ENV_KEYS", "SECTIONS", "Settings", "find_config", "load_settings", "settings_from_mapping"]

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


def settings_from_mapping(data: Mapping[str, Any], source: Path | None = None,
                          env: Mapping[str, str] | None = None) -> Settings:
    """Settings from a parsed configuration mapping plus environment overrides."""
    where = f" ({source})" if source else ""
    check_sections(data, source)
    check = dict(data.get("check", {}))
    for var, key in ENV_KEYS.items():
        value = (env if env is not None else os.environ).get(var)
        if value:
            check[key] = int(value) if key == "menit-per-hari-kerja" and value.isdigit() else value
    try:
        check_settings = CheckSettings.resolve(check)
    except UsageError as exc:
        raise UsageError(Teks(exc.teks.id + where, exc.teks.en + where)) from None
    return Settings(
        check=check_settings,
        profil=PageProfile.resolve(dict(data.get("profil", {}))),
        kalender=CalendarSettings.resolve(calendar_section(data)),
        period=PeriodSettings.resolve(data.get("period", {})),
        source=source,
        sections=frozenset(data),
    )


def load_settings(start: Path | None = None, config: Path | None = None,
                  env: Mapping[str, str] | None = None) -> Settings:
    """Settings for inputs at ``start`` (walk up), or from the explicit ``config`` file."""
    data, source = config_data(start, config)
    return settings_from_mapping(data, source, env)
