"""The log store on SQLite and PostgreSQL: append-only by the database itself, hash chains, versions,
concurrency (the ``backend`` fixture, tests/store_backends.py)."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from sopdoc.execution.entries import EntryInput
from sopdoc.execution.store import ChainStore, Instance, PostgresStore, SqliteStore, StoreError, open_store
from sopdoc.execution.store_schema import SCHEMA_VERSION
from tests.store_backends import Backend

SOURCE = "sopdoc: 1\n"
SOP_HASH = hashlib.sha256(SOURCE.encode()).hexdigest()  # a pinned version is stored under its content hash


def _instance(name: str = "uji-2026-10") -> Instance:
    return Instance(name, SOP_HASH, "2026-10", "2026-11-02T07:30+08:00", "2026-11-16",
                    "WITA", "[]", "[]", "{}", "tester")


def _row(i: int) -> EntryInput:
    return EntryInput(langkah=1 + i % 5, oleh=f"Pegawai {i}", peran="Kepala Dinas",
                      mulai="2026-11-02T08:00:00+08:00", selesai="2026-11-02T08:30:00+08:00", output=f"o{i}")


@pytest.fixture
def target(backend: Backend, tmp_path: Path) -> str:
    """A new store's path or URL."""
    return backend.target(tmp_path)


@pytest.fixture
def store(target: str) -> Iterator[ChainStore]:
    with open_store(target) as s:
        s.add_sop_version(SOP_HASH, "Uji", None, SOURCE)
        s.create_instance(_instance())
        yield s


def test_schema_version_wal_and_chain(store: ChainStore) -> None:
    if isinstance(store, SqliteStore):
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    else:
        version = store.conn.execute("SELECT value FROM sopdoc_meta WHERE name = 'schema_version'").fetchone()[0]
        assert version == SCHEMA_VERSION
    stored = store.append("uji-2026-10", [_row(1), _row(2)], "tester")
    assert [e.seq for e in stored] == [1, 2]
    assert stored[1].prev_hash == stored[0].hash
    assert stored[0].dicatat_oleh == "tester" and stored[0].dicatat_pada
    assert store.verify() == []


@pytest.mark.parametrize("sql", ["UPDATE entry SET oleh = 'x'", "DELETE FROM entry",
                                 "UPDATE instance SET deadline = '2030-01-01'", "DELETE FROM instance"])
def test_raw_updates_and_deletes_are_refused(backend: Backend, target: str, store: ChainStore, sql: str) -> None:
    store.append("uji-2026-10", [_row(1)], "tester")
    with backend.raw(target) as raw, pytest.raises(raw.integrity_error, match="append-only"):
        raw.execute(sql)


def test_postgresql_refuses_truncate_too(backend: Backend, target: str, store: ChainStore) -> None:
    if backend.name != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    for table in ("entry", "instance", "heads", "bukti", "sop_version", "lifecycle"):
        with backend.raw(target) as raw, pytest.raises(raw.integrity_error, match="append-only"):
            raw.execute(f"TRUNCATE {table} CASCADE")


def test_an_edited_file_is_detected_at_the_first_broken_link(backend: Backend, target: str,
                                                             store: ChainStore) -> None:
    store.append("uji-2026-10", [_row(i) for i in range(5)], "tester")
    with backend.raw(target) as raw:
        raw.drop("entry_no_update")
        raw.execute("UPDATE entry SET selesai = '2026-11-02T08:05:00+08:00' WHERE seq = 3")
        raw.commit()
    broken = store.verify()
    assert [(b.instance, b.seq) for b in broken] == [("uji-2026-10", 3)]
    assert "diubah" in broken[0].reason.id


def test_a_deleted_entry_is_detected(backend: Backend, target: str, store: ChainStore) -> None:
    store.append("uji-2026-10", [_row(i) for i in range(4)], "tester")
    with backend.raw(target) as raw:
        raw.drop("entry_no_delete")
        raw.execute("DELETE FROM entry WHERE seq = 2")
        raw.commit()
    assert [b.seq for b in store.verify()] == [2]


def test_a_newer_schema_is_refused(backend: Backend, tmp_path: Path) -> None:
    path = backend.target(tmp_path, "new.db")
    if backend.name == "sqlite":
        raw = sqlite3.connect(path)
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        raw.close()
    else:
        open_store(path).close()
        with backend.raw(path) as pg:
            pg.execute(f"UPDATE sopdoc_meta SET value = {SCHEMA_VERSION + 1} WHERE name = 'schema_version'")
            pg.commit()
    with pytest.raises(StoreError) as err:
        open_store(path)
    assert "lebih baru" in err.value.get("id") and "newer" in err.value.get("en")


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        open_store(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_database_is_refused_cleanly(tmp_path: Path) -> None:
    store = open_store(tmp_path / "log.db")
    store.add_sop_version(SOP_HASH, "Uji", None, SOURCE)
    store.create_instance(_instance())
    store.close()
    for p in tmp_path.iterdir():
        p.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(StoreError):
            s = open_store(tmp_path / "log.db")
            s.append("uji-2026-10", [_row(1)], "tester")
    finally:
        tmp_path.chmod(0o755)


def test_a_locked_database_is_reported(backend: Backend, target: str, store: ChainStore) -> None:
    if backend.name == "sqlite":
        blocker = sqlite3.connect(store.path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
    else:
        blocker = backend.raw(target).conn  # a transaction holding the writers' lock
        blocker.execute("LOCK TABLE heads IN SHARE ROW EXCLUSIVE MODE")
    try:
        quick = SqliteStore(store.path, timeout=0.1) if backend.name == "sqlite" else PostgresStore(target, timeout=0.1)
        with pytest.raises(StoreError) as err:
            quick.append("uji-2026-10", [_row(1)], "tester")
        assert "terkunci" in err.value.get("id")
        quick.close()
    finally:
        blocker.rollback() if backend.name == "postgresql" else blocker.execute("ROLLBACK")
        blocker.close()
    assert store.entries("uji-2026-10") == []


def test_a_failing_batch_writes_nothing(store: ChainStore) -> None:
    bad = EntryInput(langkah=1, oleh=None, peran="x", mulai="a", selesai="b")  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        store.append("uji-2026-10", [_row(1), bad], "tester")
    assert store.entries("uji-2026-10") == []


def test_evidence_is_stored_by_content_hash(store: ChainStore) -> None:
    digest = store.put_evidence(b"isi bukti", "bukti.pdf")
    assert len(digest) == 64 and store.evidence(digest) == b"isi bukti"
    assert store.put_evidence(b"isi bukti", "salinan.pdf") == digest


def _writer(path: str, worker: int, n: int) -> None:
    s = open_store(path)
    for i in range(n):
        s.append("uji-2026-10", [_row(worker * 1000 + i)], f"proses-{worker}")
    s.close()


def test_eight_processes_writing_500_entries_each_lose_nothing(target: str, store: ChainStore) -> None:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(target, w, 500)) for w in range(8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=300)
    assert [p.exitcode for p in procs] == [0] * 8
    entries = store.entries("uji-2026-10")
    assert len(entries) == 4000
    assert [e.seq for e in entries] == list(range(1, 4001))
    assert {e.oleh for e in entries} == {f"Pegawai {w * 1000 + i}" for w in range(8) for i in range(500)}
    assert store.verify() == []


def test_a_read_only_connection_is_reported(store: ChainStore) -> None:
    if isinstance(store, SqliteStore):
        store.conn.execute("PRAGMA query_only = ON")  # what a read-only file gives a non-root user
    else:
        store.conn.execute("SET default_transaction_read_only = on")  # a read-only replica or role
    with pytest.raises(StoreError) as err:
        store.append("uji-2026-10", [_row(1)], "tester")
    assert "hanya-baca" in err.value.get("id")
