"""The two databases of the log store, for tests that run against both (issue #17 point 3).

The ``backend`` fixture (tests/conftest.py) is parametrised over SQLite and PostgreSQL. The
PostgreSQL case needs a server named by ``SOPDOC_TEST_PG`` (a ``postgresql://`` URL of a user who may
create schemas; ``eval "$(bash tests/pg_server.sh start)"`` starts a throw-away one) and skips with
the reason otherwise. Each PostgreSQL store of a test is a fresh schema of that database (the URL
carries ``options=-csearch_path=<schema>``), dropped after the test; its key file goes to the test's
own ``XDG_CONFIG_HOME``.

``raw(target)`` is what an attacker with access to the database has: a connection that runs SQL
written for SQLite (``?`` placeholders, ``X'00'`` blobs) and can drop and restore the append-only
triggers. On PostgreSQL, dropping triggers also switches off the foreign keys for that session
(``session_replication_role = replica``, a superuser's right), which SQLite does not enforce anyway.
"""

from __future__ import annotations

import os
import re
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest

from sopdoc.execution.store import open_store
from sopdoc.execution.store_schema import pg_trigger_signatures, postgres_migrations, trigger_sql

PG_ENV = "SOPDOC_TEST_PG"
NAMES = ("sqlite", "postgresql")


class Raw:
    """A raw connection to a store's database, outside sopdoc."""

    integrity_error: type[Exception]

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        raise NotImplementedError

    def drop(self, *triggers: str, if_exists: bool = False) -> None:
        raise NotImplementedError

    def restore_triggers(self) -> None:
        """A careful attacker puts the dropped triggers back."""
        raise NotImplementedError

    def commit(self) -> None:
        self.conn.commit()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Raw:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    conn: Any


class SqliteRaw(Raw):
    integrity_error = sqlite3.IntegrityError

    def __init__(self, target: str) -> None:
        self.conn = sqlite3.connect(target)

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        return self.conn.execute(sql, params)

    def drop(self, *triggers: str, if_exists: bool = False) -> None:
        for trigger in triggers:
            self.conn.execute(f"DROP TRIGGER {'IF EXISTS ' if if_exists else ''}{trigger}")

    def restore_triggers(self) -> None:
        present = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        for name, sql in trigger_sql().items():
            if name not in present:
                self.conn.execute(sql + ";")


class PostgresRaw(Raw):
    def __init__(self, target: str) -> None:
        import psycopg

        self.integrity_error = psycopg.errors.IntegrityConstraintViolation
        self.conn = psycopg.connect(target)

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        sql = re.sub(r"X'([0-9A-Fa-f]*)'", r"'\\x\1'::bytea", sql.replace("?", "%s"))
        return self.conn.execute(sql, params or None)

    def drop(self, *triggers: str, if_exists: bool = False) -> None:
        for trigger in triggers:
            self.conn.execute(f"DROP TRIGGER {'IF EXISTS ' if if_exists else ''}{trigger} "
                              f"ON {trigger.rsplit('_no_', 1)[0]}")
        if triggers:
            self.conn.execute("SET session_replication_role = replica")

    def restore_triggers(self) -> None:
        present = {r[0] for r in self.conn.execute(
            "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal")}
        for statements in postgres_migrations().values():
            for sql in statements:
                if sql.startswith("CREATE TRIGGER") and sql.split()[2] not in present:
                    self.conn.execute(sql)


def is_url(target: str | Path) -> bool:
    return str(target).startswith("postgresql://")


def raw(target: str | Path) -> Raw:
    """A raw connection to the database of the store at ``target``."""
    return PostgresRaw(str(target)) if is_url(target) else SqliteRaw(str(target))


def key_file(target: str | Path) -> Path:
    """Where the key of the store at ``target`` is."""
    if not is_url(target):
        return Path(f"{target}.key")
    with open_store(target, create=False) as store:
        return store.key_file


class Backend:
    """One database kind: fresh store targets (a path or a URL) and raw access to them."""

    name: str

    def target(self, tmp_path: Path, name: str = "log.db") -> str:
        raise NotImplementedError

    def raw(self, target: str | Path) -> Raw:
        return raw(target)

    def key_file(self, target: str | Path) -> Path:
        return key_file(target)

    def triggers(self) -> set[str]:
        """The names of the append-only triggers this database has."""
        raise NotImplementedError


class SqliteBackend(Backend):
    name = "sqlite"

    def target(self, tmp_path: Path, name: str = "log.db") -> str:
        return str(tmp_path / name)

    def triggers(self) -> set[str]:
        return set(trigger_sql())


class PostgresBackend(Backend):
    name = "postgresql"

    def __init__(self, url: str, admin: Any) -> None:
        self.url, self.admin = url, admin
        self.schemas: list[str] = []

    def target(self, tmp_path: Path, name: str = "log.db") -> str:
        schema = f"t_{uuid.uuid4().hex[:16]}"
        self.admin.execute(f"CREATE SCHEMA {schema}")
        self.schemas.append(schema)
        return f"{self.url}{'&' if '?' in self.url else '?'}options=-csearch_path%3D{schema}"

    def triggers(self) -> set[str]:
        return set(pg_trigger_signatures())

    def cleanup(self) -> None:
        for schema in self.schemas:
            self.admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        self.schemas.clear()


_ADMIN: dict[str, Any] = {}


def postgres_admin() -> tuple[str, Any]:
    """The test server's URL and one autocommit connection to it; pytest.skip when there is none."""
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL server for the tests "
                    "(eval \"$(bash tests/pg_server.sh start)\" starts one)")
    try:
        import psycopg
    except ImportError:
        pytest.skip("psycopg is not installed (pip install -e '.[dev]')")
    if url not in _ADMIN:
        try:
            _ADMIN[url] = psycopg.connect(url, autocommit=True, connect_timeout=5)
        except psycopg.Error as exc:
            pytest.skip(f"the PostgreSQL server of {PG_ENV} cannot be reached: {' '.join(str(exc).split())[:200]}")
    return url, _ADMIN[url]
