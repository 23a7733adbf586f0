"""The execution stage's view of the one configuration (``sopdoc.config``): calendar and period.

``[kalender]`` and ``[period]`` are read by the project-wide loader; ``zona_waktu`` and
``libur_lokal`` may also sit in ``[profil]`` (DESIGN.md §10), the loader moves them over.
"""

from __future__ import annotations

from pathlib import Path

from sopdoc.config import load_settings as _load_all
from sopdoc.execution.settings import CalendarSettings, PeriodSettings

__all__ = ["load_settings"]


def load_settings(path: str | Path | None, start: str | Path | None = None) -> tuple[CalendarSettings, PeriodSettings]:
    """Calendar and period settings from ``path``, or from the ``sopdoc.toml`` found upwards from
    ``start`` (default: the working directory), else the defaults."""
    settings = _load_all(Path(start) if start else None, Path(path) if path else None)
    kalender = settings.kalender if isinstance(settings.kalender, CalendarSettings) else CalendarSettings()
    period = settings.period if isinstance(settings.period, PeriodSettings) else PeriodSettings()
    return kalender, period
