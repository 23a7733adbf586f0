"""The log store: its interface and :func:`open_store`, which picks the database (DESIGN.md §8).

``open_store(target)`` opens a SQLite file (:mod:`sopdoc.execution.store_sqlite`) for a path and a
PostgreSQL schema (:mod:`sopdoc.execution.store_postgres`) for a ``postgresql://`` URL; both are a
:class:`sopdoc.execution.store_core.ChainStore`, the one implementation of numbering, chaining and
anchoring. The CLI (``--db``, ``SOPDOC_DB``) and the web application open the store through it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from sopdoc.execution.entries import EntryInput, LogEntry
from sopdoc.execution.lifecycle import LifecycleRecord
from sopdoc.execution.store_core import ChainStore, Instance, StoreError
from sopdoc.execution.store_postgres import PG_SCHEMES, PostgresStore, is_url, redact
from sopdoc.execution.store_sqlite import SqliteStore
from sopdoc.execution.verify import BrokenLink, Verification
from sopdoc.model.diagnostic import Teks

__all__ = ["BrokenLink", "ChainStore", "Instance", "LogStore", "PostgresStore", "SqliteStore", "StoreError",
           "Verification", "open_store"]


class LogStore(Protocol):
    """What the execution stage needs from a database (SQLite or PostgreSQL)."""

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
    def verified_entries(self, instance: str) -> tuple[Verification, list[LogEntry] | None]: ...


def open_store(path: str | Path, *, create: bool = True) -> ChainStore:
    """Open (and create or migrate) the store at ``path`` — a file path or a ``postgresql://`` URL;
    StoreError when that is impossible."""
    text = str(path)
    if is_url(text):
        scheme = text.split(":", 1)[0].lower()
        if scheme not in PG_SCHEMES:
            raise StoreError(Teks(f"jenis basis data tidak didukung: {redact(text)} "
                                  "(berkas SQLite atau URL postgresql://)",
                                  f"unsupported database: {redact(text)} (a SQLite file or a postgresql:// URL)"))
        return PostgresStore(text, create=create)
    p = Path(path)
    if not create and not p.exists():
        raise StoreError(Teks(f"basis data tidak ada: {p} (buka periode dulu: sopdoc period open)",
                              f"database not found: {p} (open a period first: sopdoc period open)"))
    if p.is_dir():
        raise StoreError(Teks(f"{p} adalah direktori, bukan basis data", f"{p} is a directory, not a database"))
    return SqliteStore(p)
