"""Where the web application keeps its data: the one database, the secret key.

``SOPDOC_DB`` (or ``sopdoc serve --db``) names the log store exactly as for the CLI (default
``./sopdoc.db``), and Django's tables (users, units, SOP versions, audit) go into that same
database: the same SQLite file, or the same schema of the PostgreSQL database of a
``SOPDOC_DB=postgresql://…`` URL. The store accepts exactly the web application's tables beside
its own (:data:`sopdoc.execution.store_schema.WEB_TABLES`) and still refuses any other, so a
period opened or an entry recorded on either side is seen on the other.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

DEFAULT_DB = "sopdoc.db"


def store_location() -> str:
    """The log store as the CLI's ``--db`` sees it (``SOPDOC_DB``, default ``./sopdoc.db``)."""
    return os.environ.get("SOPDOC_DB", "").strip() or DEFAULT_DB


def is_postgres(location: str) -> bool:
    """True for a ``postgres://`` or ``postgresql://`` URL."""
    return location.split(":", 1)[0].lower() in ("postgres", "postgresql")


def database_settings(location: str) -> dict[str, Any]:
    """Django's DATABASES['default'] for ``location`` (a file path or a PostgreSQL URL)."""
    if is_postgres(location):
        url = urlsplit(location)
        # libpq parameters of the URL's query (sslmode, options=-csearch_path=…, connect_timeout)
        # reach psycopg as they reach the store's own connection.
        options = {k: v for k, v in parse_qsl(url.query, keep_blank_values=True)}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(url.path.lstrip("/")),
            "USER": unquote(url.username or ""),
            "PASSWORD": unquote(url.password or ""),
            "HOST": url.hostname or "",
            "PORT": str(url.port or ""),
            "CONN_MAX_AGE": 60,
            "OPTIONS": options,
        }
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(Path(location)),
            "OPTIONS": {"timeout": 30, "transaction_mode": "IMMEDIATE"}}


def secret_key(location: str) -> str:
    """``SOPDOC_SECRET_KEY``, or the key kept in a 0600 file beside the database (created once)."""
    env = os.environ.get("SOPDOC_SECRET_KEY", "").strip()
    if env:
        return env
    base = Path.cwd() if is_postgres(location) else Path(location).resolve().parent
    path = base / ".sopdoc-web-secret"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
        if len(key) >= 40:
            return key
        raise RuntimeError(f"the web secret key file is damaged: {path}") from None
    with os.fdopen(fd, "w", encoding="ascii") as f:
        key = secrets.token_urlsafe(50)
        f.write(key + "\n")
    return key
