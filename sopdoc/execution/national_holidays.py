"""Indonesia's national holidays and cuti bersama of one year, from the ``holidays`` package,
optionally cached on disk.

Loading the package and building its first year costs about 70 ms, as much as the rest of a
``log add`` process (budget 100 ms), which needs one or two years to warn about an entry on a
day off. So the years asked for are kept in ``.sopdoc-cache/libur-nasional.json`` in the
database's folder. The cache is tied to the installed package (path, size and modification time
of its ``__init__.py`` and of its Indonesian calendar), so an upgraded package, which may bring
a new year's cuti bersama decree, is asked again. The cache is only an optimisation: a file that
cannot be read, or holds anything unexpected, is ignored and rewritten, and a folder that cannot
be written to leaves the result uncached.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import json
import os
from pathlib import Path

from sopdoc.atomic import write_atomic
from sopdoc.errors import SopdocError
from sopdoc.safe_path import read_regular

__all__ = ["CACHE_FILE", "cache_folder", "national_holidays"]

CACHE_FILE = "libur-nasional.json"
_FORMAT = 1  # bump when the categories, language or layout of the cached table change
_CATEGORIES = ("public", "government")  # libur nasional, cuti bersama
_MAX_CACHE = 1 << 20  # bytes; a year holds about 25 holidays


def cache_folder(db_path: str | Path) -> Path:
    """The cache folder that goes with the database at ``db_path``."""
    return Path(db_path).resolve().parent / ".sopdoc-cache"


def _compute(year: int) -> dict[dt.date, str]:
    import holidays

    found = holidays.country_holidays("ID", years=year, categories=_CATEGORIES, language="id")
    return {d: str(n) for d, n in found.items()}


def _package_stamp() -> str | None:
    """What identifies the installed ``holidays`` package, found without importing it."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.origin or not spec.submodule_search_locations:
        return None
    parts = []
    for path in (spec.origin, os.path.join(spec.submodule_search_locations[0], "countries", "indonesia.py")):
        try:
            st = os.stat(path)
        except OSError:
            return None
        parts.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
    return f"{_FORMAT}|{'|'.join(parts)}"


def _read_cache(path: Path, stamp: str) -> dict[str, dict[dt.date, str]]:
    """The years cached in ``path`` for ``stamp``; empty when absent, stale or malformed."""
    try:
        data = json.loads(read_regular(path, _MAX_CACHE, follow_symlinks=False))
        if not isinstance(data, dict) or data.get("stamp") != stamp or not isinstance(data.get("years"), dict):
            return {}
        return {str(int(year)): {dt.date.fromisoformat(d): str(n) for d, n in days}
                for year, days in data["years"].items()}
    except (OSError, SopdocError, ValueError, TypeError):
        return {}


def _write_cache(path: Path, stamp: str, years: dict[str, dict[dt.date, str]]) -> None:
    table = {y: [[d.isoformat(), n] for d, n in sorted(days.items())] for y, days in sorted(years.items())}
    text = json.dumps({"stamp": stamp, "years": table}, ensure_ascii=False)
    with contextlib.suppress(OSError, SopdocError):
        path.parent.mkdir(exist_ok=True)
        write_atomic(path, text + "\n")


def national_holidays(year: int, cache: Path | None = None) -> dict[dt.date, str]:
    """The national holidays and cuti bersama of ``year`` with their Indonesian names, read from
    and added to the cache folder ``cache`` when one is given."""
    stamp = _package_stamp() if cache is not None else None
    if cache is None or stamp is None:
        return _compute(year)
    path = cache / CACHE_FILE
    years = _read_cache(path, stamp)
    if str(year) not in years:
        years[str(year)] = _compute(year)
        _write_cache(path, stamp, years)
    return years[str(year)]
