"""The log store in one SQLite file (DESIGN.md §8).

One file, WAL mode, ``busy_timeout`` and ``BEGIN IMMEDIATE`` so that concurrent writers queue
instead of losing entries; every append computes the next ``seq`` and hash link inside its own
write transaction (:class:`sopdoc.execution.store_core.ChainStore`). Every SQLite error, on opening
as on reading, becomes a one-line StoreError. The key sits next to the file (``<file>.key``) unless
``SOPDOC_LOG_KEY_FILE`` says otherwise (:mod:`sopdoc.execution.log_key`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sopdoc.execution.log_key import key_path
from sopdoc.execution.store_core import ChainStore, StoreError, foreign, newer_schema
from sopdoc.execution.store_schema import COLUMNS, MIGRATIONS, SCHEMA_VERSION, is_web_table, trigger_sql
from sopdoc.model.diagnostic import Teks

__all__ = ["SqliteStore", "SqliteTables"]


def _translate(exc: sqlite3.Error, path: str) -> StoreError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreError(Teks(f"basis data terkunci oleh proses lain: {path}; coba lagi nanti",
                               f"database is locked by another process: {path}; try again later"))
    if "readonly" in text or "read-only" in text:
        return StoreError(Teks(f"basis data hanya-baca: {path}; periksa izin berkas",
                               f"database is read-only: {path}; check the file permissions"))
    if "not a database" in text or "malformed" in text or "no such table" in text or "no such column" in text:
        return foreign(path)
    if "unable to open" in text:
        return StoreError(Teks(f"basis data tidak dapat dibuka: {path}", f"cannot open the database: {path}"))
    return StoreError(Teks(f"galat basis data ({path}): {exc}", f"database error ({path}): {exc}"))


class SqliteTables:
    """What verification reads of a SQLite database."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.conn.execute(sql, tuple(params)).fetchall()]

    def each(self, sql: str, params: Sequence[Any] = ()) -> Iterable[Sequence[Any]]:
        return self.conn.execute(sql, tuple(params))

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.conn.execute(sql, tuple(params))
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row, strict=False)) for row in cur.fetchall()]

    def triggers(self) -> dict[str, str]:
        return {name: (sql or "").strip() for name, sql in
                self.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}

    def expected_triggers(self) -> dict[str, tuple[str, str]]:
        return {name: (sql.split(" ON ", 1)[1].split()[0], sql) for name, sql in trigger_sql().items()}

    def heads_written(self) -> int:
        row = self.conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'heads'").fetchone()
        return int(row[0]) if row else 0


class SqliteStore(ChainStore):
    """The log store in one SQLite file (its checkpoint key in ``key_file``, see log_key)."""

    db_errors = (sqlite3.Error,)

    def __init__(self, path: str | Path, *, timeout: float = 30.0, key_file: str | Path | None = None) -> None:
        self.path = str(path)
        self.key_file = Path(key_file) if key_file else key_path(self.path)
        self._key = None
        try:
            self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self._migrate()
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None

    def __enter__(self) -> SqliteStore:
        return self

    def translate(self, exc: Exception) -> StoreError:
        return _translate(exc, self.path) if isinstance(exc, sqlite3.Error) else StoreError(
            Teks(f"galat basis data ({self.path}): {exc}", f"database error ({self.path}): {exc}"))

    def tables(self) -> SqliteTables:
        return SqliteTables(self.conn)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as exc:
            self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise _translate(exc, self.path) from None
            raise

    @staticmethod
    def _state(conn: sqlite3.Connection) -> tuple[int, int]:
        """The number of schema objects that are not the web application's (tables, their indexes
        and triggers; ``sqlite_sequence`` counts with the tables it serves) and the schema version."""
        names = [r[0] for r in conn.execute("SELECT tbl_name FROM sqlite_master WHERE tbl_name != 'sqlite_sequence'")]
        version = conn.execute("SELECT user_version FROM pragma_user_version").fetchone()[0]
        return sum(not is_web_table(n) for n in names), version

    def _migrate(self) -> None:
        tables, version = self._state(self.conn)
        if version > SCHEMA_VERSION:
            raise newer_schema(self.path, version, SCHEMA_VERSION)
        if version == SCHEMA_VERSION:
            self._check_columns()
            return
        if version == 0 and tables:
            raise foreign(self.path)
        if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.conn.execute("PRAGMA journal_mode = WAL")
        with self._write() as conn:
            tables, version = self._state(conn)  # another process may have won
            if version == 0 and tables:
                raise foreign(self.path)
            if version < 2:  # the key comes with anchoring; later migrations only add tables
                self._key = self._create_key()
            while version < SCHEMA_VERSION:
                for statement in MIGRATIONS[version].split(";\n"):
                    if statement.strip():
                        conn.execute(statement if "TRIGGER" not in statement else statement + ";")
                if version == 1:
                    self._adopt(conn)
                version += 1
                conn.execute(f"PRAGMA user_version = {version}")

    def _check_columns(self) -> None:
        """StoreError unless every table but the web application's has exactly its columns (a damaged
        schema, a foreign file)."""
        found: dict[str, list[str]] = {}
        for table, column in self.conn.execute(
                "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p "
                "WHERE m.type = 'table' AND m.name != 'sqlite_sequence' ORDER BY m.name, p.cid"):
            if not is_web_table(table):
                found.setdefault(table, []).append(column)
        if {t: tuple(c) for t, c in found.items()} != COLUMNS:
            raise foreign(self.path)
