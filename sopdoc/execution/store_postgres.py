"""The log store on a PostgreSQL server (DESIGN.md §8), chosen by a ``postgresql://`` URL.

The same tables, columns, triggers and chains as SQLite (:mod:`sopdoc.execution.store_schema`
translates the one schema; :class:`sopdoc.execution.store_core.ChainStore` holds the one logic). The
tables live in the connection's current schema (the first of its ``search_path``, ``public`` unless
the URL says ``?options=-csearch_path%3Dname``), so a database shared with other applications keeps
the log in a schema of its own. Writers are serialised by ``LOCK TABLE heads IN SHARE ROW EXCLUSIVE
MODE`` at the start of every write transaction: every write extends the store-wide heads chain, so a
per-instance lock would not do; readers are not blocked. Verification reads one REPEATABLE READ
snapshot. psycopg (3) is imported only here, when a URL is opened (``pip install 'sopdoc[postgres]'``).

Messages name the server as ``postgresql://user@host:port/dbname``: never the password, never the
URL's query. Every driver error becomes a one-line StoreError.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sopdoc.execution.log_key import url_key_path
from sopdoc.execution.store_core import ChainStore, StoreError, foreign, newer_schema
from sopdoc.execution.store_schema import (
    COLUMNS,
    PG_FUNCTION_SOURCE,
    PG_META,
    SCHEMA_VERSION,
    is_web_table,
    pg_trigger_signatures,
    postgres_migrations,
)
from sopdoc.model.diagnostic import Teks

__all__ = ["PostgresStore", "PostgresTables", "is_url", "redact"]

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
PG_SCHEMES = ("postgresql", "postgres")
CONNECT_TIMEOUT = 30  # seconds, unless the URL says connect_timeout


def is_url(text: str) -> bool:
    """``text`` looks like a URL (``scheme://…``), not a file path."""
    return bool(_URL.match(text))


def redact(url: str) -> str:
    """``url`` as messages show it: scheme, user, host, port and database; no password, no query."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
        user = f"{urllib.parse.unquote(parts.username)}@" if parts.username else ""
    except ValueError:
        return f"{url.split(':', 1)[0]}://…"
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{user}{host}{port}{parts.path}"


def _secrets(url: str) -> list[tuple[str, str]]:
    """What must never appear in a message, with what stands for it: the URL itself, its password."""
    out = [(url, redact(url))]
    for m in re.finditer(r"://[^/@?#]*?:([^@/?#]*)@|[?&]password=([^&#]*)", url):
        word = m.group(1) or m.group(2) or ""
        out += [(word, "***"), (urllib.parse.unquote(word), "***")]
    return [(secret, shown) for secret, shown in sorted(out, key=lambda p: -len(p[0])) if len(secret) >= 3]


def _one_line(text: str, url: str | None) -> str:
    """``text`` on one line, the URL and its password taken out."""
    line = " ".join(str(text).split())
    for secret, shown in _secrets(url) if url else ():
        line = line.replace(secret, shown)
    return line


def _reason(text: str) -> str:
    """The last clause of a libpq message (``…port 1 failed: Connection refused``)."""
    return text.rsplit("failed: ", 1)[-1].strip() or text


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise StoreError(Teks("basis data PostgreSQL memerlukan paket psycopg: pip install 'sopdoc[postgres]'",
                              "a PostgreSQL database needs the psycopg package: pip install 'sopdoc[postgres]'"),
                         ) from None
    return psycopg


def _bad_url(where: str, reason: str) -> StoreError:
    return StoreError(Teks(f"URL basis data tidak valid: {where} ({reason})",
                           f"invalid database URL: {where} ({reason})"))


def _connect_error(exc: Exception, where: str, url: str) -> StoreError:
    """A failed connection as one line: refused login, missing database, bad URL, unreachable server."""
    text = _one_line(str(exc), url)
    low = text.lower()
    if "password" in low or "authentication" in low or ("role" in low and "does not exist" in low):
        return StoreError(Teks(f"server PostgreSQL menolak masuk (pengguna atau kata sandi salah): {where}",
                               f"the PostgreSQL server refused the login (wrong user or password): {where}"))
    if "database" in low and "does not exist" in low:
        return StoreError(Teks(f"basis data tidak ada di server PostgreSQL: {where}",
                               f"no such database on the PostgreSQL server: {where}"))
    if re.search(r"invalid (integer |)(value|uri|connection option|sslmode)|missing \"|unrecognized", low):
        return _bad_url(where, _reason(text))
    return StoreError(Teks(f"server PostgreSQL tidak terjangkau: {where} ({_reason(text)})",
                           f"the PostgreSQL server cannot be reached: {where} ({_reason(text)})"))


class PostgresTables:
    """What verification reads of a PostgreSQL schema."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.conn.execute(sql.replace("?", "%s"), tuple(params) or None).fetchall()]

    def each(self, sql: str, params: Sequence[Any] = ()) -> Iterable[Sequence[Any]]:
        return self.conn.execute(sql.replace("?", "%s"), tuple(params) or None)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.conn.execute(sql.replace("?", "%s"), tuple(params) or None)
        cols = [c.name for c in cur.description]
        return [dict(zip(cols, row, strict=False)) for row in cur.fetchall()]

    def triggers(self) -> dict[str, str]:
        out = {}
        for name, table, tgtype, function, args, enabled, source in self.conn.execute(
                "SELECT t.tgname, c.relname, t.tgtype, p.proname, t.tgargs, t.tgenabled, p.prosrc "
                "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid "
                "WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal").fetchall():
            arguments = ", ".join(a.decode("utf-8", "replace") for a in bytes(args).split(b"\0") if a)
            signature = f"{table} {tgtype} {function}({arguments}) {enabled}"
            if source != PG_FUNCTION_SOURCE:
                signature += " (function altered)"
            out[name] = signature
        return out

    def expected_triggers(self) -> dict[str, tuple[str, str]]:
        return {name: (sig.split()[0], sig) for name, sig in pg_trigger_signatures().items()}

    def heads_written(self) -> int:
        row = self.conn.execute(f"SELECT value FROM {PG_META} WHERE name = 'heads_written'").fetchone()
        return int(row[0]) if row else 0


class PostgresStore(ChainStore):
    """The log store in one schema of a PostgreSQL database."""

    def __init__(self, url: str, *, create: bool = True, timeout: float = 30.0,
                 key_file: str | Path | None = None) -> None:
        psycopg = self._pg = _psycopg()
        self.db_errors = (psycopg.Error,)
        self.path = redact(url)
        self._url = url  # only to take it out of messages
        self._key = None
        try:
            params = psycopg.conninfo.conninfo_to_dict(url)
        except (psycopg.Error, ValueError) as exc:
            raise _bad_url(self.path, _one_line(str(exc), url)) from None
        options: dict[str, Any] = {"autocommit": True, "application_name": "sopdoc"}
        if "connect_timeout" not in params:
            options["connect_timeout"] = CONNECT_TIMEOUT
        try:
            self.conn = psycopg.connect(url, **options)
        except (psycopg.Error, ValueError) as exc:
            raise _connect_error(exc, self.path, url) from None
        try:
            self.conn.execute(f"SET lock_timeout = {int(timeout * 1000)}")  # how long a writer waits for another
            schema = self.conn.execute("SELECT current_schema()").fetchone()[0]
            if schema is None:
                raise StoreError(Teks(f"search_path tidak menunjuk skema yang ada: {self.path}",
                                      f"the search_path names no existing schema: {self.path}"))
            info = self.conn.info
            self.key_file = Path(key_file) if key_file else url_key_path(info.host, info.port, info.dbname, schema)
            self._migrate(create)
        except psycopg.Error as exc:
            self.conn.close()
            raise self.translate(exc) from None
        except BaseException:
            self.conn.close()
            raise

    def __enter__(self) -> PostgresStore:
        return self

    def translate(self, exc: Exception) -> StoreError:
        e = self._pg.errors
        where, said = self.path, _one_line(str(exc), self._url)
        if isinstance(exc, e.LockNotAvailable | e.DeadlockDetected | e.SerializationFailure | e.QueryCanceled):
            return StoreError(Teks(f"basis data terkunci oleh proses lain: {where}; coba lagi nanti",
                                   f"database is locked by another process: {where}; try again later"))
        if isinstance(exc, e.ReadOnlySqlTransaction | e.InsufficientPrivilege):
            return StoreError(Teks(f"basis data hanya-baca atau tanpa hak tulis: {where}; periksa hak pengguna",
                                   f"database is read-only or not writable: {where}; check the user's privileges"))
        if isinstance(exc, e.UndefinedTable | e.UndefinedColumn | e.UndefinedFunction):
            return foreign(where)
        if isinstance(exc, self._pg.OperationalError):
            return StoreError(Teks(f"sambungan ke server PostgreSQL terputus: {where} ({said})",
                                   f"the connection to the PostgreSQL server was lost: {where} ({said})"))
        return StoreError(Teks(f"galat basis data ({where}): {said}", f"database error ({where}): {said}"))

    def tables(self) -> PostgresTables:
        return PostgresTables(self.conn)

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s")

    def _count_head(self, conn: Any, row_id: int) -> None:
        conn.execute(f"UPDATE {PG_META} SET value = %s WHERE name = 'heads_written'", (row_id,))

    @contextmanager
    def _transaction(self, lock: str | None) -> Iterator[Any]:
        try:
            with self.conn.transaction():
                if lock:
                    self.conn.execute(lock)
                yield self.conn
        except self._pg.Error as exc:
            raise self.translate(exc) from None

    def _write(self) -> Any:
        return self._transaction("LOCK TABLE heads IN SHARE ROW EXCLUSIVE MODE")

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        with self._transaction("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"):
            yield

    # ------------------------------------------------------------------ schema

    def _state(self) -> tuple[set[str], int | None]:
        """The tables of the current schema but the web application's and the sopdoc schema version
        (None: no sopdoc_meta)."""
        tables = {r[0] for r in self.conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()").fetchall()
            if not is_web_table(r[0])}
        if PG_META not in tables:
            return tables, None
        row = self.conn.execute(f"SELECT value FROM {PG_META} WHERE name = 'schema_version'").fetchone()
        return tables, (int(row[0]) if row else 0)

    def _migrate(self, create: bool) -> None:
        tables, version = self._state()
        if version is None and not tables and not create:
            raise StoreError(Teks(f"basis data log sopdoc belum ada di {self.path} "
                                  "(buka periode dulu: sopdoc period open)",
                                  f"no sopdoc log in {self.path} (open a period first: sopdoc period open)"))
        if version == SCHEMA_VERSION:
            self._check_columns()
            return
        with self._transaction("SELECT pg_advisory_xact_lock(hashtext('sopdoc-migrate:' || current_schema()))"):
            tables, version = self._state()  # another process may have won
            if (version is None and tables) or version == 0:
                raise foreign(self.path)
            version = version or 0
            if version > SCHEMA_VERSION:
                raise newer_schema(self.path, version, SCHEMA_VERSION)
            if version < SCHEMA_VERSION:
                if version < 2:
                    self._create_url_key()
                migrations = postgres_migrations()
                while version < SCHEMA_VERSION:
                    for statement in migrations[version]:
                        self.conn.execute(statement)
                    if version == 1:
                        self._adopt(self.conn)
                    version += 1
                    self.conn.execute(f"UPDATE {PG_META} SET value = %s WHERE name = 'schema_version'", (version,))
        self._check_columns()

    def _create_url_key(self) -> None:
        try:
            self.key_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(Teks(f"berkas kunci log tidak dapat dibuat: {self.key_file} ({exc.strerror})",
                                  f"cannot create the log key file: {self.key_file} ({exc.strerror})")) from None
        self._key = self._create_key()

    def _check_columns(self) -> None:
        """StoreError unless every table but the web application's has exactly its columns (a damaged
        schema, another application's)."""
        found: dict[str, list[str]] = {}
        for table, column in self.conn.execute(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                f"AND table_name != '{PG_META}' ORDER BY table_name, ordinal_position").fetchall():
            if not is_web_table(table):
                found.setdefault(table, []).append(column)
        if {t: tuple(c) for t, c in found.items()} != COLUMNS:
            raise foreign(self.path)
