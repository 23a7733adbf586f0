"""One database for the CLI and the web (issue #17 point 3): the store accepts exactly the web
application's tables beside its own (store_schema.WEB_TABLES), on SQLite and PostgreSQL alike, in
either order of creation, and keeps refusing any other table and guarding its own."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from sopdoc.execution.store import ChainStore, StoreError, open_store
from sopdoc.execution.store_schema import WEB_TABLES, is_web_table
from tests.store_backends import Backend

# What Django's migrations create, in the SQL both databases accept (the columns do not matter to the store).
_WEB_SQL = ["CREATE TABLE akun_unit (id INTEGER PRIMARY KEY, kode TEXT)",
            "CREATE INDEX akun_unit_kode ON akun_unit (kode)",
            "CREATE TABLE django_migrations (id INTEGER PRIMARY KEY, app TEXT, name TEXT)",
            "CREATE TABLE sop_versi (id INTEGER PRIMARY KEY, yaml TEXT)"]


def _add_sop(store: ChainStore, source: str) -> None:
    store.add_sop_version(hashlib.sha256(source.encode()).hexdigest(), "SOP uji", None, source)


def _web_tables(backend: Backend, target: str) -> None:
    with backend.raw(target) as raw:
        for sql in _WEB_SQL:
            raw.execute(sql)
        raw.commit()


def test_the_web_tables_are_a_fixed_list() -> None:
    assert "akun_pengguna" in WEB_TABLES and "django_migrations" in WEB_TABLES
    assert is_web_table("new__sop_versi")  # Django's SQLite table rebuild during a migration
    for name in ("akun_pengguna_lain", "sop_version", "entry", "new__entry", "pelanggan", "auth_", "django"):
        assert not is_web_table(name), name


def test_the_store_opens_beside_the_web_tables_made_first(backend: Backend, tmp_path: Path) -> None:
    target = backend.target(tmp_path, "sopdoc.db")
    _web_tables(backend, target)
    with open_store(target) as store:
        _add_sop(store, "nama: uji a\n")
        assert store.instances() == []
        v = store.verification()
        assert v.ok, v
    with backend.raw(target) as raw:  # the web's rows are untouched and still writable by the web
        raw.execute("INSERT INTO akun_unit (id, kode) VALUES (1, 'ortala')")
        raw.execute("UPDATE akun_unit SET kode = 'keu' WHERE id = 1")
        raw.commit()
        assert list(raw.execute("SELECT kode FROM akun_unit")) == [("keu",)]
    with open_store(target, create=False) as store:
        assert store.verification().ok


def test_the_web_tables_added_later_keep_the_store_and_its_guarantees(backend: Backend, tmp_path: Path) -> None:
    target = backend.target(tmp_path, "sopdoc.db")
    with open_store(target) as store:
        _add_sop(store, "nama: uji b\n")
    _web_tables(backend, target)
    with open_store(target, create=False) as store:
        assert store.verification().ok
    with backend.raw(target) as raw:  # the store's own tables are still append-only
        with pytest.raises(raw.integrity_error):
            raw.execute("UPDATE sop_version SET nama = 'x'")
        raw.conn.rollback()


@pytest.mark.parametrize("sql", ["CREATE TABLE pelanggan (nama TEXT)",
                                 "CREATE TABLE akun_pengguna_lain (nama TEXT)"])
def test_any_other_table_beside_the_web_tables_is_still_refused(backend: Backend, tmp_path: Path, sql: str) -> None:
    fresh = backend.target(tmp_path, "baru.db")
    _web_tables(backend, fresh)
    with backend.raw(fresh) as raw:
        raw.execute(sql)
        raw.commit()
    with pytest.raises(StoreError, match="not an intact sopdoc database"):
        open_store(fresh)
    existing = backend.target(tmp_path, "lama.db")
    with open_store(existing) as store:
        _add_sop(store, "nama: uji c\n")
    _web_tables(backend, existing)
    with backend.raw(existing) as raw:
        raw.execute(sql)
        raw.commit()
    with pytest.raises(StoreError, match="not an intact sopdoc database"):
        open_store(existing, create=False)


def test_a_store_table_changed_beside_the_web_tables_is_refused(backend: Backend, tmp_path: Path) -> None:
    target = backend.target(tmp_path, "sopdoc.db")
    _web_tables(backend, target)
    with open_store(target):
        pass
    with backend.raw(target) as raw:
        raw.execute("ALTER TABLE bukti ADD COLUMN tambahan TEXT")
        raw.commit()
    with pytest.raises(StoreError, match="not an intact sopdoc database"):
        open_store(target, create=False)
