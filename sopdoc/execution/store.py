"""The log store: a small storage interface and its SQLite implementation (DESIGN.md §8).

One file, WAL mode, ``busy_timeout`` and ``BEGIN IMMEDIATE`` so that concurrent writers queue
instead of losing entries; every append computes the next ``seq`` and hash link inside its own
write transaction. Several entries appended together are all-or-nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Protocol

from sopdoc.errors import SopdocError
from sopdoc.model.diagnostic import Teks
from sopdoc.execution.entries import GENESIS, EntryInput, LogEntry, entry_hash
from sopdoc.execution.store_schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["Instance", "LogStore", "SqliteStore", "StoreError", "BrokenLink", "open_store"]


_ENTRY_COLUMNS = ", ".join(f.name for f in fields(LogEntry))


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
        """The cover data."""
        return dict(json.loads(self.meta))


@dataclass(frozen=True)
class BrokenLink:
    """The first entry of an instance whose hash does not match its content or predecessor."""

    instance: str
    seq: int
    reason: Teks


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
    if "not a database" in text or "malformed" in text:
        return StoreError(Teks(f"bukan basis data sopdoc yang utuh: {path}",
                               f"not an intact sopdoc database: {path}"))
    if "unable to open" in text:
        return StoreError(Teks(f"basis data tidak dapat dibuka: {path}", f"cannot open the database: {path}"))
    return StoreError(Teks(f"galat basis data ({path}): {exc}", f"database error ({path}): {exc}"))


class SqliteStore:
    """The log store in one SQLite file."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = str(path)
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
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(Teks(
                f"basis data {self.path} berskema versi {version}, lebih baru dari sopdoc ini "
                f"(versi {SCHEMA_VERSION}); perbarui sopdoc",
                f"database {self.path} has schema version {version}, newer than this sopdoc "
                f"(version {SCHEMA_VERSION}); upgrade sopdoc"))
        if version == SCHEMA_VERSION:
            return
        if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.conn.execute("PRAGMA journal_mode = WAL")
        with self._write() as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have won
            while version < SCHEMA_VERSION:
                for statement in MIGRATIONS[version].split(";\n"):
                    if statement.strip():
                        conn.execute(statement if "TRIGGER" not in statement else statement + ";")
                version += 1
                conn.execute(f"PRAGMA user_version = {version}")

    # ------------------------------------------------------------------ SOPs and instances

    def add_sop_version(self, sop_hash: str, nama: str, nomor: str | None, source: str) -> None:
        """Record an SOP version (nothing happens when it is already known)."""
        with self._write() as conn:
            conn.execute("INSERT OR IGNORE INTO sop_version VALUES (?, ?, ?, ?, ?)",
                         (sop_hash, nama, nomor, source, _now()))

    def create_instance(self, instance: Instance) -> None:
        """Record a new period instance; StoreError when the name is taken."""
        fields = asdict(instance) | {"created_at": instance.created_at or _now()}
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM instance WHERE name = ?", (instance.name,)).fetchone():
                raise StoreError(Teks(f"instans '{instance.name}' sudah ada",
                                      f"instance '{instance.name}' already exists"))
            conn.execute(f"INSERT INTO instance ({', '.join(fields)}) VALUES ({', '.join('?' * len(fields))})",
                         tuple(fields.values()))

    def instance(self, name: str) -> Instance | None:
        """The instance called ``name``."""
        cur = self.conn.execute("SELECT * FROM instance WHERE name = ?", (name,))
        row = cur.fetchone()
        return None if row is None else Instance(**dict(zip([c[0] for c in cur.description], row)))

    def instances(self) -> list[Instance]:
        """All instances, by name."""
        cur = self.conn.execute("SELECT * FROM instance ORDER BY name")
        cols = [c[0] for c in cur.description]
        return [Instance(**dict(zip(cols, row))) for row in cur.fetchall()]

    # ------------------------------------------------------------------ entries

    def append(self, instance: str, entries: Sequence[EntryInput], recorded_by: str,
               evidence: Sequence[tuple[bytes, str]] = ()) -> list[LogEntry]:
        """Number, stamp and chain ``entries`` and store them with their evidence files, all or none."""
        out: list[LogEntry] = []
        with self._write() as conn:
            for data, name in evidence:
                conn.execute("INSERT OR IGNORE INTO bukti VALUES (?, ?, ?)",
                             (hashlib.sha256(data).hexdigest(), name, data))
            row = conn.execute("SELECT seq, hash FROM entry WHERE instance = ? ORDER BY seq DESC LIMIT 1",
                               (instance,)).fetchone()
            seq, prev = (row[0], row[1]) if row else (0, GENESIS)
            stamp = _now()
            for e in entries:
                seq += 1
                base = LogEntry(**asdict(e), seq=seq, dicatat_oleh=recorded_by, dicatat_pada=stamp, prev_hash=prev)
                entry = LogEntry(**{**asdict(base), "hash": entry_hash(instance, base, prev)})
                data = asdict(entry)
                conn.execute(f"INSERT INTO entry (instance, {', '.join(data)}) "
                             f"VALUES (?, {', '.join('?' * len(data))})", (instance, *data.values()))
                prev = entry.hash
                out.append(entry)
        return out

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

    def evidence(self, digest: str) -> bytes | None:
        """An evidence file's content."""
        row = self.conn.execute("SELECT data FROM bukti WHERE hash = ?", (digest,)).fetchone()
        return None if row is None else bytes(row[0])

    def verify(self, instance: str | None = None) -> list[BrokenLink]:
        """The first broken link of each instance (empty when every chain is intact)."""
        names = [instance] if instance else [i.name for i in self.instances()]
        broken: list[BrokenLink] = []
        for name in names:
            prev, expected_seq = GENESIS, 1
            for e in self.entries(name):
                reason = None
                if e.seq != expected_seq:
                    reason = Teks(f"entri #{expected_seq} hilang", f"entry #{expected_seq} is missing")
                elif e.prev_hash != prev:
                    reason = Teks("tautan ke entri sebelumnya tidak cocok", "link to the previous entry does not match")
                elif entry_hash(name, e, prev) != e.hash:
                    reason = Teks("isi entri diubah setelah dicatat", "entry content changed after it was recorded")
                if reason:
                    broken.append(BrokenLink(name, e.seq if e.seq == expected_seq else expected_seq, reason))
                    break
                prev, expected_seq = e.hash, expected_seq + 1
        return broken


def open_store(path: str | Path, *, create: bool = True) -> SqliteStore:
    """Open (and create or migrate) the store at ``path``; StoreError when that is impossible."""
    p = Path(path)
    if not create and not p.exists():
        raise StoreError(Teks(f"basis data tidak ada: {p} (buka periode dulu: sopdoc period open)",
                              f"database not found: {p} (open a period first: sopdoc period open)"))
    if p.is_dir():
        raise StoreError(Teks(f"{p} adalah direktori, bukan basis data", f"{p} is a directory, not a database"))
    return SqliteStore(p)
