"""The one store (:func:`sopdoc.execution.store.open_store`) as the web uses it: one connection per
request, closed at once; the location is the CLI's ``--db`` (settings.SOPDOC_STORE)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings

from sopdoc.config import Settings, load_settings
from sopdoc.execution.settings import ZONES
from sopdoc.execution.store import ChainStore, open_store
from sopdoc.web.site import is_postgres


@contextmanager
def store(create: bool = False) -> Iterator[ChainStore]:
    with open_store(settings.SOPDOC_STORE, create=create) as s:
        yield s


def store_exists() -> bool:
    """Whether the store is there to read (a PostgreSQL store always is)."""
    return is_postgres(settings.SOPDOC_STORE) or Path(settings.SOPDOC_STORE).exists()


def engine_settings() -> Settings:
    """The [kalender] and [period] settings (SOPDOC_* environment, as for the CLI)."""
    return load_settings(None, None)


def now_in(zona_waktu: str) -> dt.datetime:
    return dt.datetime.now(ZoneInfo(ZONES.get(zona_waktu, "Asia/Jakarta")))
