"""The log store: a small storage interface and its SQLite implementation (DESIGN.md §8).

One file, WAL mode, ``busy_timeout`` and ``BEGIN IMMEDIATE`` so that concurrent writers queue
instead of losing entries; every append computes the next ``seq`` and hash link inside its own
write transaction. Several entries appended together are all-or-nothing. Every write also adds
its heads row (the instance's entry count and last hash, in the store-level chain, with the keyed
MAC; :mod:`sopdoc.execution.chain`) in the same transaction. Every SQLite error, on opening as on
reading, becomes a one-line StoreError.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import operator
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from sopdoc.errors import SopdocError
from sopdoc.execution.chain import (
    ADOPT,
    APPEND,
    INSTANCE_FIELDS,
    OPEN,
    heads_link,
    heads_mac,
    instance_digest,
    instance_genesis,
    lifecycle_hash,
    lifecycle_kind,
)
from sopdoc.execution.entries import GENESIS, STORED_FIELDS, EntryInput, LogEntry, chain_entries
from sopdoc.execution.lifecycle import LifecycleRecord, end_refusal
from sopdoc.execution.log_key import BadKeyFile, create_key, key_path, read_key
from sopdoc.execution.plan import PlannedStep, plan_from_json
from sopdoc.execution.store_schema import COLUMNS, MIGRATIONS, SCHEMA_VERSION
from sopdoc.execution.verify import BrokenLink, Verification, verify_connection
from sopdoc.model.diagnostic import Teks

__all__ = ["BrokenLink", "Instance", "LogStore", "SqliteStore", "StoreError", "Verification", "open_store"]


_ENTRY_COLUMNS = ", ".join(STORED_FIELDS)
_stored_row = operator.attrgetter(*STORED_FIELDS)  # an entry's column values, in C
_INSERT_ENTRY = f"INSERT INTO entry (instance, {_ENTRY_COLUMNS}) VALUES (?, {', '.join('?' * len(STORED_FIELDS))})"


class StoreError(SopdocError):
    """The database cannot be used: locked, read-only, newer schema, not a database."""


@dataclass(frozen=True)
class Instance:
    """One run of an SOP for one period."""

    name: str
    sop_hash: str
    period: str
    start: str
    deadline: str
    zona_waktu: str
    flow: str
    plan: str
    meta: str
    created_by: str = ""
    created_at: str = ""

    def meta_dict(self) -> dict[str, Any]:
        """The cover data; StoreError when the stored text is not a JSON object (a damaged file)."""
        try:
            data = json.loads(self.meta)
        except (ValueError, TypeError):
            data = None
        if not isinstance(data, dict):
            raise StoreError(Teks(f"data instans '{self.name}' rusak (meta bukan objek JSON); "
                                  "jalankan sopdoc log verify",
                                  f"instance '{self.name}' data is damaged (meta is not a JSON object); "
                                  "run sopdoc log verify"))
        return data


    def plan_steps(self) -> tuple[PlannedStep, ...]:
        """The planned steps; StoreError when the stored plan is not one (a damaged file)."""
        try:
            return plan_from_json(self.plan)
        except (ValueError, TypeError, RecursionError):
            raise StoreError(Teks(f"data instans '{self.name}' rusak (rencana tidak terbaca); "
                                  "jalankan sopdoc log verify",
                                  f"instance '{self.name}' data is damaged (the plan cannot be read); "
                                  "run sopdoc log verify")) from None


class LogStore(Protocol):
    """What the execution stage needs from a database (SQLite now, PostgreSQL later)."""

    def add_sop_version(self, sop_hash: str, nama: str, nomor: str | None, source: str) -> None: ...
    def create_instance(self, instance: Instance) -> None: ...
    def instance(self, name: str) -> Instance | None: ...
    def instances(self) -> list[Instance]: ...
    def append(self, instance: str, entries: Sequence[EntryInput], recorded_by: str,
               evidence: Sequence[tuple[bytes, str]] = ()) -> list[LogEntry]: ...
    def entries(self, instance: str) -> list[LogEntry]: ...
    def put_evidence(self, data: bytes, name: str) -> str: ...
    def verify(self, instance: str | None = None) -> list[BrokenLink]: ...
    def lifecycle(self, instance: str) -> list[LifecycleRecord]: ...
    def end_instance(self, instance: str, kind: str, alasan: str, recorded_by: str,
                     files: Sequence[tuple[str, bytes]] = (), expected_n: int | None = None) -> LifecycleRecord: ...
    def verification(self, instance: str | None = None) -> Verification: ...


_F = TypeVar("_F", bound=Callable[..., Any])


def _sql_errors(method: _F) -> _F:
    """Any SQLite error of ``method`` (a damaged or foreign file) → StoreError."""
    @functools.wraps(method)
    def run(self: SqliteStore, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None
    return run  # type: ignore[return-value]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _translate(exc: sqlite3.Error, path: str) -> StoreError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreError(Teks(f"basis data terkunci oleh proses lain: {path}; coba lagi nanti",
                               f"database is locked by another process: {path}; try again later"))
    if "readonly" in text or "read-only" in text:
        return StoreError(Teks(f"basis data hanya-baca: {path}; periksa izin berkas",
                               f"database is read-only: {path}; check the file permissions"))
    if "not a database" in text or "malformed" in text or "no such table" in text or "no such column" in text:
        return StoreError(Teks(f"bukan basis data sopdoc yang utuh: {path}",
                               f"not an intact sopdoc database: {path}"))
    if "unable to open" in text:
        return StoreError(Teks(f"basis data tidak dapat dibuka: {path}", f"cannot open the database: {path}"))
    return StoreError(Teks(f"galat basis data ({path}): {exc}", f"database error ({path}): {exc}"))



def _last_head(conn: sqlite3.Connection, instance: str, columns: str) -> tuple[Any, ...]:
    """``columns`` of the newest heads row of ``instance``; StoreError when it has none (unknown, or
    not anchored)."""
    row = conn.execute(f"SELECT {columns} FROM heads WHERE instance = ? ORDER BY id DESC LIMIT 1",
                       (instance,)).fetchone()
    if row is None:
        raise StoreError(Teks(f"instans '{instance}' tidak ada atau tidak terjangkar; jalankan sopdoc log verify",
                              f"instance '{instance}' does not exist or is not anchored; run sopdoc log verify"))
    return tuple(row)

class SqliteStore:
    """The log store in one SQLite file (its checkpoint key in ``key_file``, see log_key)."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0, key_file: str | Path | None = None) -> None:
        self.path = str(path)
        self.key_file = Path(key_file) if key_file else key_path(self.path)
        self._key: bytes | None = None
        try:
            self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self._migrate()
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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

    def _migrate(self) -> None:
        tables, version = self.conn.execute(
            "SELECT (SELECT count(*) FROM sqlite_master), (SELECT user_version FROM pragma_user_version)").fetchone()
        if version > SCHEMA_VERSION:
            raise StoreError(Teks(
                f"basis data {self.path} berskema versi {version}, lebih baru dari sopdoc ini "
                f"(versi {SCHEMA_VERSION}); perbarui sopdoc",
                f"database {self.path} has schema version {version}, newer than this sopdoc "
                f"(version {SCHEMA_VERSION}); upgrade sopdoc"))
        if version == SCHEMA_VERSION:
            self._check_columns()
            return
        if version == 0 and tables:
            raise _foreign(self.path)
        if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.conn.execute("PRAGMA journal_mode = WAL")
        with self._write() as conn:
            tables, version = conn.execute(  # another process may have won
                "SELECT (SELECT count(*) FROM sqlite_master), (SELECT user_version FROM pragma_user_version)"
            ).fetchone()
            if version == 0 and tables:
                raise _foreign(self.path)
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
        """StoreError unless every table has exactly its columns (a damaged schema, a foreign file)."""
        found: dict[str, list[str]] = {}
        for table, column in self.conn.execute(
                "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p "
                "WHERE m.type = 'table' AND m.name != 'sqlite_sequence' ORDER BY m.name, p.cid"):
            found.setdefault(table, []).append(column)
        if {t: tuple(c) for t, c in found.items()} != COLUMNS:
            raise _foreign(self.path)

    # ------------------------------------------------------------------ the checkpoint key and the heads

    def _create_key(self) -> bytes:
        try:
            return create_key(self.key_file)
        except BadKeyFile:
            raise _bad_key(self.key_file) from None
        except OSError as exc:
            raise StoreError(Teks(f"berkas kunci log tidak dapat dibuat: {self.key_file} ({exc.strerror})",
                                  f"cannot create the log key file: {self.key_file} ({exc.strerror})")) from None

    def _load_key(self) -> tuple[bytes | None, Teks | None]:
        """The key, or None and why it is missing."""
        if self._key is None:
            try:
                self._key = read_key(self.key_file)
            except BadKeyFile:
                return None, _bad_key(self.key_file).teks
            except OSError as exc:
                return None, Teks(f"berkas kunci log tidak dapat dibaca: {self.key_file} ({exc.strerror})",
                                  f"cannot read the log key file: {self.key_file} ({exc.strerror})")
        return self._key, None

    def _require_key(self) -> bytes:
        key, problem = self._load_key()
        if key is None:
            raise StoreError(problem or Teks(
                f"kunci log tidak ditemukan: {self.key_file}; tanpa kunci itu tidak ada yang dicatat "
                f"(kembalikan berkasnya atau tunjuk dengan SOPDOC_LOG_KEY_FILE)",
                f"log key not found: {self.key_file}; nothing is recorded without it "
                f"(restore the file or point SOPDOC_LOG_KEY_FILE at it)"))
        return key

    def _add_head(self, conn: sqlite3.Connection, instance: str, kind: str, n: int, head: str, digest: str) -> None:
        """Append one row to the store-level chain of heads (inside the caller's write transaction)."""
        last = conn.execute("SELECT id, link FROM heads ORDER BY id DESC LIMIT 1").fetchone()
        row_id, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
        link = heads_link(prev, row_id, instance, kind, n, head, digest)
        conn.execute("INSERT INTO heads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (row_id, instance, kind, n, head, digest, prev, link, heads_mac(self._require_key(), link)))

    @staticmethod
    def _digest(conn: sqlite3.Connection, row: dict[str, Any]) -> str:
        sop = conn.execute("SELECT nama, nomor FROM sop_version WHERE hash = ?", (row["sop_hash"],)).fetchone()
        return instance_digest(row, *(sop or (None, None)))

    def _adopt(self, conn: sqlite3.Connection) -> None:
        """Record a head for every instance of a version-1 database (migration to version 2)."""
        cur = conn.execute(f"SELECT {', '.join(INSTANCE_FIELDS)} FROM instance ORDER BY created_at, name")
        for values in cur.fetchall():
            row = dict(zip(INSTANCE_FIELDS, values, strict=False))
            digest = self._digest(conn, row)
            n, last = conn.execute("SELECT count(*), (SELECT hash FROM entry WHERE instance = ?1 ORDER BY seq DESC "
                                   "LIMIT 1) FROM entry WHERE instance = ?1", (row["name"],)).fetchone()
            if n:
                self._add_head(conn, row["name"], ADOPT, n, last, digest)
            else:  # nothing recorded yet: anchored from its first entry on
                self._add_head(conn, row["name"], OPEN, 0, instance_genesis(digest), digest)

    # ------------------------------------------------------------------ SOPs and instances

    def add_sop_version(self, sop_hash: str, nama: str, nomor: str | None, source: str) -> None:
        """Record an SOP version (nothing happens when it is already known)."""
        with self._write() as conn:
            conn.execute("INSERT OR IGNORE INTO sop_version VALUES (?, ?, ?, ?, ?)",
                         (sop_hash, nama, nomor, source, _now()))

    def create_instance(self, instance: Instance) -> None:
        """Record a new period instance and its genesis head; StoreError when the name is taken."""
        fields = asdict(instance) | {"created_at": instance.created_at or _now()}
        self._require_key()
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM instance WHERE name = ?", (instance.name,)).fetchone():
                raise StoreError(Teks(f"instans '{instance.name}' sudah ada",
                                      f"instance '{instance.name}' already exists"))
            conn.execute(f"INSERT INTO instance ({', '.join(fields)}) VALUES ({', '.join('?' * len(fields))})",
                         tuple(fields.values()))
            digest = self._digest(conn, fields)
            self._add_head(conn, instance.name, OPEN, 0, instance_genesis(digest), digest)

    @_sql_errors
    def instance(self, name: str) -> Instance | None:
        """The instance called ``name``."""
        cur = self.conn.execute("SELECT * FROM instance WHERE name = ?", (name,))
        row = cur.fetchone()
        return None if row is None else _instance(cur, row, self.path)

    @_sql_errors
    def instances(self) -> list[Instance]:
        """All instances, by name."""
        cur = self.conn.execute("SELECT * FROM instance ORDER BY name")
        return [_instance(cur, row, self.path) for row in cur.fetchall()]

    # ------------------------------------------------------------------ entries

    def append(self, instance: str, entries: Sequence[EntryInput], recorded_by: str,
               evidence: Sequence[tuple[bytes, str]] = ()) -> list[LogEntry]:
        """Number, stamp and chain ``entries`` and store them with their evidence files and the new
        head, all or none."""
        out: list[LogEntry] = []
        self._require_key()
        with self._write() as conn:
            for data, name in evidence:
                conn.execute("INSERT OR IGNORE INTO bukti VALUES (?, ?, ?)",
                             (hashlib.sha256(data).hexdigest(), name, data))
            anchor = _last_head(conn, instance, "digest")
            refused = end_refusal(instance, self._lifecycle(conn, instance), None)
            if refused is not None:
                raise StoreError(refused)
            row = conn.execute("SELECT seq, hash FROM entry WHERE instance = ? ORDER BY seq DESC LIMIT 1",
                               (instance,)).fetchone()
            if row:
                seq, prev = row[0], row[1]
            else:
                kind, genesis = conn.execute("SELECT kind, head FROM heads WHERE instance = ? ORDER BY id LIMIT 1",
                                             (instance,)).fetchone()
                seq, prev = 0, GENESIS if kind == ADOPT else genesis
            out = chain_entries(instance, entries, seq, prev, recorded_by, _now())
            conn.executemany(_INSERT_ENTRY, [(instance, *_stored_row(e)) for e in out])
            if out:
                self._add_head(conn, instance, APPEND, out[-1].seq, out[-1].hash, anchor[0])
        return out

    # ------------------------------------------------------------------ lifecycle

    @staticmethod
    def _lifecycle(conn: sqlite3.Connection, instance: str) -> list[LifecycleRecord]:
        cur = conn.execute("SELECT * FROM lifecycle WHERE instance = ? ORDER BY id", (instance,))
        return [LifecycleRecord(*row) for row in cur.fetchall()]

    @_sql_errors
    def lifecycle(self, instance: str) -> list[LifecycleRecord]:
        """The closings and voidings of ``instance``, oldest first."""
        return self._lifecycle(self.conn, instance)

    def end_instance(self, instance: str, kind: str, alasan: str, recorded_by: str,
                     files: Sequence[tuple[str, bytes]] = (), expected_n: int | None = None) -> LifecycleRecord:
        """Close (``files``: the frozen report, stored with their hashes) or void ``instance``: one
        lifecycle row and its heads row, in one transaction; StoreError when the instance is unknown or
        already ended, or when its entry count is no longer ``expected_n`` (what the frozen report shows)."""
        self._require_key()
        with self._write() as conn:
            anchor = _last_head(conn, instance, "digest, n, head")
            refused = end_refusal(instance, self._lifecycle(conn, instance), kind)
            if refused is not None:
                raise StoreError(refused)
            if expected_n is not None and anchor[1] != expected_n:
                raise StoreError(Teks(f"entri baru dicatat pada '{instance}' saat laporan dibuat; ulangi",
                                      f"new entries were recorded in '{instance}' while the report was made; "
                                      "try again"))
            laporan = {}
            for name, data in files:
                digest = hashlib.sha256(data).hexdigest()
                conn.execute("INSERT OR IGNORE INTO bukti VALUES (?, ?, ?)", (digest, name, data))
                laporan[name] = digest
            digest, n, head = anchor
            row: dict[str, Any] = {"instance": instance, "kind": kind, "alasan": alasan,
                                   "laporan": json.dumps(laporan, ensure_ascii=False, sort_keys=True),
                                   "n": n, "head": head, "oleh": recorded_by, "pada": _now()}
            row["hash"] = lifecycle_hash(row)
            cur = conn.execute(f"INSERT INTO lifecycle ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                               tuple(row.values()))
            self._add_head(conn, instance, lifecycle_kind(kind, row["hash"]), n, head, digest)
        return LifecycleRecord(id=int(cur.lastrowid or 0), **row)

    @_sql_errors
    def entries(self, instance: str) -> list[LogEntry]:
        """The entries of ``instance`` in recording order."""
        cur = self.conn.execute(f"SELECT {_ENTRY_COLUMNS} FROM entry WHERE instance = ? ORDER BY seq", (instance,))
        return [LogEntry(*row) for row in cur.fetchall()]

    def put_evidence(self, data: bytes, name: str) -> str:
        """Store an evidence file by its sha256; returns the hash."""
        digest = hashlib.sha256(data).hexdigest()
        with self._write() as conn:
            conn.execute("INSERT OR IGNORE INTO bukti VALUES (?, ?, ?)", (digest, name, data))
        return digest

    @_sql_errors
    def evidence(self, digest: str) -> bytes | None:
        """An evidence file's content."""
        row = self.conn.execute("SELECT data FROM bukti WHERE hash = ?", (digest,)).fetchone()
        return None if row is None else bytes(row[0])

    @_sql_errors
    def verification(self, instance: str | None = None) -> Verification:
        """Everything :mod:`sopdoc.execution.verify` checks, for the store or one instance's data."""
        key, problem = self._load_key()
        return verify_connection(self.conn, key, self.key_file, problem, instance)

    def verify(self, instance: str | None = None) -> list[BrokenLink]:
        """The problems of each instance (empty when every chain and its anchors are intact); the store's
        own problems (dropped triggers, a broken heads chain, a missing key) are in verification()."""
        return self.verification(instance).broken


def _instance(cur: sqlite3.Cursor, row: tuple[Any, ...], path: str) -> Instance:
    try:
        return Instance(**dict(zip([c[0] for c in cur.description], row, strict=False)))
    except TypeError:
        raise _foreign(path) from None


def _foreign(path: str) -> StoreError:
    return StoreError(Teks(f"bukan basis data sopdoc yang utuh: {path}", f"not an intact sopdoc database: {path}"))


def _bad_key(path: Path) -> StoreError:
    return StoreError(Teks(f"berkas kunci log rusak (bukan kunci sopdoc): {path}",
                           f"the log key file is damaged (not a sopdoc key): {path}"))


def open_store(path: str | Path, *, create: bool = True) -> SqliteStore:
    """Open (and create or migrate) the store at ``path``; StoreError when that is impossible."""
    p = Path(path)
    if not create and not p.exists():
        raise StoreError(Teks(f"basis data tidak ada: {p} (buka periode dulu: sopdoc period open)",
                              f"database not found: {p} (open a period first: sopdoc period open)"))
    if p.is_dir():
        raise StoreError(Teks(f"{p} adalah direktori, bukan basis data", f"{p} is a directory, not a database"))
    return SqliteStore(p)
