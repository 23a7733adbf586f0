"""Finding and reading the configuration file: ``sopdoc.toml`` (or ``[tool.sopdoc]`` in
pyproject.toml) found by walking up from the input, or the file named by ``--config``.

:mod:`sopdoc.config` composes every section into one :class:`~sopdoc.config.Settings`; it needs
every stage (``[check]`` may name any code), so it loads the whole package. The log commands need
only the calendar, and ``log add`` runs as a whole process per entry (budget 100 ms):
:func:`load_calendar` reads the same file the same way, checks the section names and the
``[kalender]``, ``[profil]`` and ``[period]`` tables, and returns the calendar; the painting
commands take the page profile the same way (:func:`load_profile`). ``[check]`` is checked by
the commands that check.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sopdoc.errors import UsageError
from sopdoc.execution.settings import CalendarSettings, PeriodSettings
from sopdoc.layout.profile import FOREIGN_KEYS, PageProfile
from sopdoc.model.diagnostic import Teks
from sopdoc.safe_path import regular_file

__all__ = ["SECTIONS", "calendar_section", "check_sections", "config_data", "find_config", "load_calendar",
           "load_profile", "read_config"]

SECTIONS = ("check", "profil", "kalender", "period")


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest ``sopdoc.toml`` or pyproject.toml with ``[tool.sopdoc]`` at or above ``start``."""
    here = start.resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / "sopdoc.toml"
        if candidate.is_file():
            return candidate, read_config(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            data = read_config(pyproject)
            tool = data.get("tool", {})
            if isinstance(tool, dict) and "sopdoc" in tool:
                return pyproject, dict(tool["sopdoc"])
    return None


def read_config(path: Path) -> dict[str, Any]:
    """The parsed TOML of ``path``; UsageError when it cannot be read."""
    import tomllib  # only when there is a file: most log commands run without one

    try:
        with regular_file(path) as (fh, _st):  # a device or FIFO is refused, never read
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(Teks(f"konfigurasi {path} tidak dapat dibaca: {exc}",
                              f"configuration {path} cannot be read: {exc}")) from None


def config_data(start: Path | None = None, config: Path | None = None) -> tuple[dict[str, Any], Path | None]:
    """The configuration mapping for inputs at ``start`` (walk up), or from the explicit ``config``
    file, and the file it came from (None: no file, every default)."""
    if config is not None:
        if not config.is_file():
            raise UsageError(Teks(f"berkas konfigurasi {config} tidak ada",
                                  f"configuration file {config} does not exist"))
        data = read_config(config)
        tool = data.get("tool", {})
        if isinstance(tool, dict) and isinstance(tool.get("sopdoc"), dict):
            data = dict(tool["sopdoc"])  # [tool.sopdoc] in pyproject.toml, or in any file named by --config/--profile
        elif config.name == "pyproject.toml":
            data = {}
        return data, config
    found = find_config(start or Path.cwd())
    return ({}, None) if found is None else (found[1], found[0])


def check_sections(data: Mapping[str, Any], source: Path | None) -> None:
    """UsageError on an unknown section or a section that is not a table."""
    where = f" ({source})" if source else ""
    for key, value in data.items():
        if key not in SECTIONS:
            close = difflib.get_close_matches(key, SECTIONS, n=1, cutoff=0.6)
            tip = (f" (maksud Anda [{close[0]}]?)", f" (did you mean [{close[0]}]?)") if close else ("", "")
            raise UsageError(Teks(f"bagian konfigurasi tidak dikenal [{key}]{tip[0]}{where}",
                                  f"unknown configuration section [{key}]{tip[1]}{where}"))
        if not isinstance(value, Mapping):
            raise UsageError(Teks(f"[{key}] harus berupa tabel{where}", f"[{key}] must be a table{where}"))


def calendar_section(data: Mapping[str, Any]) -> dict[str, Any]:
    """The ``[kalender]`` table, with the calendar keys DESIGN.md §10 puts in ``[profil]``."""
    kalender = dict(data.get("kalender", {}))
    profil = data.get("profil", {})
    for key in sorted(FOREIGN_KEYS):  # DESIGN.md §10 puts them in [profil]; the calendar owns them
        if key in profil and key not in kalender:
            kalender[key] = profil[key]
    return kalender


def load_calendar(start: Path | None = None, config: Path | None = None) -> CalendarSettings:
    """The calendar settings of the configuration :func:`config_data` finds (``[check]`` unread)."""
    data, _source = config_data(start, config)
    check_sections(data, _source)
    PageProfile.resolve(dict(data.get("profil", {})))
    calendar = CalendarSettings.resolve(calendar_section(data))
    PeriodSettings.resolve(data.get("period", {}))
    return calendar


def load_profile(start: Path | None = None, config: Path | None = None) -> tuple[PageProfile, Path | None, bool]:
    """The page profile of the configuration :func:`config_data` finds, the file it came from, and
    whether that file has a ``[profil]`` table. Read like :func:`load_calendar` (section names and
    the ``[profil]``, ``[kalender]`` and ``[period]`` tables checked, ``[check]`` left to the
    commands that check), so that rendering loads no stage's code table."""
    data, source = config_data(start, config)
    check_sections(data, source)
    profile = PageProfile.resolve(dict(data.get("profil", {})))
    CalendarSettings.resolve(calendar_section(data))
    PeriodSettings.resolve(data.get("period", {}))
    return profile, source, "profil" in data
