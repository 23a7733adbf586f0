"""The log store's logic, once for every database (DESIGN.md §8): numbering, chaining, anchoring.

:class:`ChainStore` holds everything the log store does — SOP versions, instances, appends with
their hash chain and heads row, lifecycle rows, evidence, verification — written once in SQL that
SQLite and PostgreSQL both accept (``?`` placeholders, ``ON CONFLICT DO NOTHING``, ``RETURNING``).
A backend (:mod:`sopdoc.execution.store_sqlite`, :mod:`sopdoc.execution.store_postgres`) gives the
connection, the write transaction that serialises every writer (so two writers never fork a chain),
the translation of its errors into one-line StoreErrors, and what verification reads of its
catalogue. Every write adds its heads row (the instance's entry count and last hash, in the
store-level chain, with the keyed MAC; :mod:`sopdoc.execution.chain`) in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import operator
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

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
from sopdoc.execution.entries import GENESIS, STORED_FIELDS, EntryInput, LogEntry, chain_entries, entries_from_rows
from sopdoc.execution.lifecycle import LifecycleRecord, end_refusal
from sopdoc.execution.log_key import BadKeyFile, create_key, read_key
from sopdoc.execution.plan import PlannedStep, plan_from_json
from sopdoc.execution.verify import BrokenLink, Tables, Verification, verify_connection
from sopdoc.model.diagnostic import Teks

__all__ = ["ChainStore", "Instance", "StoreError", "foreign", "sql_errors"]

_ENTRY_COLUMNS = ", ".join(STORED_FIELDS)
_stored_row = operator.attrgetter(*STORED_FIELDS)  # an entry's column values, in C
_INSERT_ENTRY = f"INSERT INTO entry (instance, {_ENTRY_COLUMNS}) VALUES (?, {', '.join('?' * len(STORED_FIELDS))})"


class StoreError(SopdocError):
    """The database cannot be used: locked, read-only, newer schema, not a database, unreachable."""


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


_F = TypeVar("_F", bound=Callable[..., Any])


def sql_errors(method: _F) -> _F:
    """Any database error of ``method`` (a damaged or foreign database, a lost connection) → StoreError."""
    @functools.wraps(method)
    def run(self: ChainStore, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except self.db_errors as exc:
            raise self.translate(exc) from None
    return run  # type: ignore[return-value]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def foreign(path: str) -> StoreError:
    """The error for a database that is not (or no longer) a sopdoc log store."""
    return StoreError(Teks(f"bukan basis data sopdoc yang utuh: {path}", f"not an intact sopdoc database: {path}"))


def newer_schema(path: str, version: int, supported: int) -> StoreError:
    """The database was written by a newer sopdoc (either backend)."""
    return StoreError(Teks(
        f"basis data {path} berskema versi {version}, lebih baru dari sopdoc ini "
        f"(versi {supported}); perbarui sopdoc",
        f"database {path} has schema version {version}, newer than this sopdoc "
        f"(version {supported}); upgrade sopdoc"))


def _bad_key(path: Path) -> StoreError:
    return StoreError(Teks(f"berkas kunci log rusak (bukan kunci sopdoc): {path}",
                           f"the log key file is damaged (not a sopdoc key): {path}"))


class ChainStore:
    """The log store on one database connection; a backend subclass gives the hooks below."""

    path: str  # the database as messages name it (a URL without its password)
    key_file: Path
    conn: Any
    db_errors: tuple[type[Exception], ...] = ()
    _key: bytes | None = None

    # ------------------------------------------------------------------ the backend's hooks

    def translate(self, exc: Exception) -> StoreError:
        """A database error as one line."""
        raise NotImplementedError

    def _write(self) -> AbstractContextManager[Any]:
        """One write transaction that no other writer of this store runs beside; yields the connection."""
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        """``sql`` in the driver's placeholder style (written with ``?``)."""
        return sql

    def _count_head(self, conn: Any, row_id: int) -> None:
        """Record that heads row ``row_id`` was written (SQLite's sqlite_sequence does it itself)."""

    def tables(self) -> Tables:
        """What verification reads of this database."""
        raise NotImplementedError

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """Reads that see one state of the database (verification)."""
        yield

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> ChainStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _x(self, conn: Any, sql: str, params: Sequence[Any] = ()) -> Any:
        """Execute ``sql`` (``?`` placeholders) on ``conn``; the cursor."""
        return conn.execute(self._sql(sql), tuple(params)) if params else conn.execute(self._sql(sql))

    def _last_head(self, conn: Any, instance: str, columns: str) -> tuple[Any, ...]:
        """``columns`` of the newest heads row of ``instance``; StoreError when it has none (unknown, or
        not anchored)."""
        row = self._x(conn, f"SELECT {columns} FROM heads WHERE instance = ? ORDER BY id DESC LIMIT 1",
                      (instance,)).fetchone()
        if row is None:
            raise StoreError(Teks(f"instans '{instance}' tidak ada atau tidak terjangkar; jalankan sopdoc log verify",
                                  f"instance '{instance}' does not exist or is not anchored; run sopdoc log verify"))
        return tuple(row)

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

    def _add_head(self, conn: Any, instance: str, kind: str, n: int, head: str, digest: str) -> None:
        """Append one row to the store-level chain of heads (inside the caller's write transaction)."""
        last = self._x(conn, "SELECT id, link FROM heads ORDER BY id DESC LIMIT 1").fetchone()
        row_id, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
        link = heads_link(prev, row_id, instance, kind, n, head, digest)
        self._x(conn, "INSERT INTO heads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (row_id, instance, kind, n, head, digest, prev, link, heads_mac(self._require_key(), link)))
        self._count_head(conn, row_id)

    def _digest(self, conn: Any, row: dict[str, Any]) -> str:
        sop = self._x(conn, "SELECT nama, nomor FROM sop_version WHERE hash = ?", (row["sop_hash"],)).fetchone()
        return instance_digest(row, *(sop or (None, None)))

    def _adopt(self, conn: Any) -> None:
        """Record a head for every instance of a version-1 database (migration to version 2)."""
        cur = self._x(conn, f"SELECT {', '.join(INSTANCE_FIELDS)} FROM instance ORDER BY created_at, name")
        for values in cur.fetchall():
            row = dict(zip(INSTANCE_FIELDS, values, strict=False))
            digest = self._digest(conn, row)
            n, last = self._x(conn, "SELECT count(*), (SELECT hash FROM entry WHERE instance = ? ORDER BY seq DESC "
                              "LIMIT 1) FROM entry WHERE instance = ?", (row["name"], row["name"])).fetchone()
            if n:
                self._add_head(conn, row["name"], ADOPT, n, last, digest)
            else:  # nothing recorded yet: anchored from its first entry on
                self._add_head(conn, row["name"], OPEN, 0, instance_genesis(digest), digest)

    def _put_bukti(self, conn: Any, data: bytes, name: str) -> str:
        digest = hashlib.sha256(data).hexdigest()
        self._x(conn, "INSERT INTO bukti VALUES (?, ?, ?) ON CONFLICT DO NOTHING", (digest, name, data))
        return digest

    # ------------------------------------------------------------------ SOPs and instances

    def add_sop_version(self, sop_hash: str, nama: str, nomor: str | None, source: str) -> None:
        """Record an SOP version (nothing happens when it is already known)."""
        with self._write() as conn:
            self._x(conn, "INSERT INTO sop_version VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (sop_hash, nama, nomor, source, _now()))

    def create_instance(self, instance: Instance) -> None:
        """Record a new period instance and its genesis head; StoreError when the name is taken."""
        fields = asdict(instance) | {"created_at": instance.created_at or _now()}
        self._require_key()
        with self._write() as conn:
            if self._x(conn, "SELECT 1 FROM instance WHERE name = ?", (instance.name,)).fetchone():
                raise StoreError(Teks(f"instans '{instance.name}' sudah ada",
                                      f"instance '{instance.name}' already exists"))
            self._x(conn, f"INSERT INTO instance ({', '.join(fields)}) VALUES ({', '.join('?' * len(fields))})",
                    tuple(fields.values()))
            digest = self._digest(conn, fields)
            self._add_head(conn, instance.name, OPEN, 0, instance_genesis(digest), digest)

    def _instance(self, cur: Any, row: Sequence[Any]) -> Instance:
        try:
            return Instance(**dict(zip([c[0] for c in cur.description], row, strict=False)))
        except TypeError:
            raise foreign(self.path) from None

    @sql_errors
    def instance(self, name: str) -> Instance | None:
        """The instance called ``name``."""
        cur = self._x(self.conn, "SELECT * FROM instance WHERE name = ?", (name,))
        row = cur.fetchone()
        return None if row is None else self._instance(cur, row)

    @sql_errors
    def instances(self) -> list[Instance]:
        """All instances, by name."""
        cur = self._x(self.conn, "SELECT * FROM instance ORDER BY name")
        return [self._instance(cur, row) for row in cur.fetchall()]

    # ------------------------------------------------------------------ entries

    def append(self, instance: str, entries: Sequence[EntryInput], recorded_by: str,
               evidence: Sequence[tuple[bytes, str]] = ()) -> list[LogEntry]:
        """Number, stamp and chain ``entries`` and store them with their evidence files and the new
        head, all or none."""
        out: list[LogEntry] = []
        self._require_key()
        with self._write() as conn:
            for data, name in evidence:
                self._put_bukti(conn, data, name)
            anchor = self._last_head(conn, instance, "digest")
            refused = end_refusal(instance, self._lifecycle(conn, instance), None)
            if refused is not None:
                raise StoreError(refused)
            row = self._x(conn, "SELECT seq, hash FROM entry WHERE instance = ? ORDER BY seq DESC LIMIT 1",
                          (instance,)).fetchone()
            if row:
                seq, prev = row[0], row[1]
            else:
                kind, genesis = self._x(conn, "SELECT kind, head FROM heads WHERE instance = ? ORDER BY id LIMIT 1",
                                        (instance,)).fetchone()
                seq, prev = 0, GENESIS if kind == ADOPT else genesis
            out = chain_entries(instance, entries, seq, prev, recorded_by, _now())
            if out:
                # one executemany, each row's values by one C attrgetter: log import's hot path
                conn.cursor().executemany(self._sql(_INSERT_ENTRY), [(instance, *_stored_row(e)) for e in out])
                self._add_head(conn, instance, APPEND, out[-1].seq, out[-1].hash, anchor[0])
        return out

    # ------------------------------------------------------------------ lifecycle

    def _lifecycle(self, conn: Any, instance: str) -> list[LifecycleRecord]:
        cur = self._x(conn, "SELECT * FROM lifecycle WHERE instance = ? ORDER BY id", (instance,))
        return [LifecycleRecord(*row) for row in cur.fetchall()]

    @sql_errors
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
            anchor = self._last_head(conn, instance, "digest, n, head")
            refused = end_refusal(instance, self._lifecycle(conn, instance), kind)
            if refused is not None:
                raise StoreError(refused)
            if expected_n is not None and anchor[1] != expected_n:
                raise StoreError(Teks(f"entri baru dicatat pada '{instance}' saat laporan dibuat; ulangi",
                                      f"new entries were recorded in '{instance}' while the report was made; "
                                      "try again"))
            laporan = {name: self._put_bukti(conn, data, name) for name, data in files}
            digest, n, head = anchor
            row: dict[str, Any] = {"instance": instance, "kind": kind, "alasan": alasan,
                                   "laporan": json.dumps(laporan, ensure_ascii=False, sort_keys=True),
                                   "n": n, "head": head, "oleh": recorded_by, "pada": _now()}
            row["hash"] = lifecycle_hash(row)
            new_id = self._x(conn, f"INSERT INTO lifecycle ({', '.join(row)}) VALUES ({', '.join('?' * len(row))}) "
                             "RETURNING id", tuple(row.values())).fetchall()[0][0]
            self._add_head(conn, instance, lifecycle_kind(kind, row["hash"]), n, head, digest)
        return LifecycleRecord(id=int(new_id or 0), **row)

    @sql_errors
    def entries(self, instance: str) -> list[LogEntry]:
        """The entries of ``instance`` in recording order."""
        cur = self._x(self.conn, f"SELECT {_ENTRY_COLUMNS} FROM entry WHERE instance = ? ORDER BY seq", (instance,))
        return entries_from_rows(cur)  # row by row: only the compact entries are held

    def put_evidence(self, data: bytes, name: str) -> str:
        """Store an evidence file by its sha256; returns the hash."""
        with self._write() as conn:
            return self._put_bukti(conn, data, name)

    @sql_errors
    def evidence(self, digest: str) -> bytes | None:
        """An evidence file's content."""
        row = self._x(self.conn, "SELECT data FROM bukti WHERE hash = ?", (digest,)).fetchone()
        return None if row is None else bytes(row[0])

    @sql_errors
    def verification(self, instance: str | None = None) -> Verification:
        """Everything :mod:`sopdoc.execution.verify` checks, for the store or one instance's data."""
        key, problem = self._load_key()
        with self._snapshot():
            return verify_connection(self.tables(), key, self.key_file, problem, instance)

    @sql_errors
    def verified_entries(self, instance: str) -> tuple[Verification, list[LogEntry] | None]:
        """:meth:`verification` of ``instance`` and its entries as read for it, in one pass over one
        snapshot (None when the instance was not verified: missing from the table or from the heads)."""
        key, problem = self._load_key()
        keep: dict[str, list[LogEntry]] = {}
        with self._snapshot():
            verification = verify_connection(self.tables(), key, self.key_file, problem, instance, keep)
        return verification, keep.get(instance)

    def verify(self, instance: str | None = None) -> list[BrokenLink]:
        """The problems of each instance (empty when every chain and its anchors are intact); the store's
        own problems (dropped triggers, a broken heads chain, a missing key) are in verification()."""
        return self.verification(instance).broken
