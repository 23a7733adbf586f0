"""The SQLite schema of the log store, by version, and the migrations between versions.

``PRAGMA user_version`` holds the version. Entries and instances are append-only: triggers make
the database itself refuse UPDATE and DELETE, so only a deliberate edit behind sopdoc's back
(dropping the triggers) can change them, and the hash chain shows that.
"""

from __future__ import annotations

__all__ = ["SCHEMA_VERSION", "MIGRATIONS"]

SCHEMA_VERSION = 1

_V1 = """
CREATE TABLE sop_version (
    hash        TEXT PRIMARY KEY,         -- sha256 of the canonical YAML source
    nama        TEXT NOT NULL,
    nomor       TEXT,
    source      TEXT NOT NULL,            -- the canonical YAML (sop_to_yaml)
    created_at  TEXT NOT NULL
);
CREATE TABLE instance (
    name        TEXT PRIMARY KEY,         -- e.g. pengumpulan-data-kinerja-2026-TW3
    sop_hash    TEXT NOT NULL REFERENCES sop_version(hash),
    period      TEXT NOT NULL,            -- period code
    start       TEXT NOT NULL,            -- planned start, ISO 8601 local with offset
    deadline    TEXT NOT NULL,            -- ISO date
    zona_waktu  TEXT NOT NULL,
    flow        TEXT NOT NULL,            -- StepTable.to_json()
    plan        TEXT NOT NULL,            -- planned schedule, JSON
    meta        TEXT NOT NULL,            -- cover data (instansi, nama, nomor, file), JSON
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE TABLE entry (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    instance      TEXT NOT NULL REFERENCES instance(name),
    seq           INTEGER NOT NULL,
    langkah       INTEGER NOT NULL,
    oleh          TEXT NOT NULL,
    peran         TEXT NOT NULL,
    mulai         TEXT NOT NULL,
    selesai       TEXT NOT NULL,
    output        TEXT NOT NULL DEFAULT '',
    keputusan     TEXT NOT NULL DEFAULT '',
    kelengkapan   TEXT NOT NULL DEFAULT '',
    bukti         TEXT NOT NULL DEFAULT '',
    bukti_nama    TEXT NOT NULL DEFAULT '',
    catatan       TEXT NOT NULL DEFAULT '',
    menggantikan  INTEGER,
    dicatat_oleh  TEXT NOT NULL,
    dicatat_pada  TEXT NOT NULL,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL,
    UNIQUE (instance, seq)
);
CREATE TABLE bukti (
    hash  TEXT PRIMARY KEY,               -- sha256 of the content
    nama  TEXT NOT NULL,
    data  BLOB NOT NULL
);
CREATE TRIGGER entry_no_update BEFORE UPDATE ON entry
BEGIN SELECT RAISE(ABORT, 'sopdoc: log entries are append-only'); END;
CREATE TRIGGER entry_no_delete BEFORE DELETE ON entry
BEGIN SELECT RAISE(ABORT, 'sopdoc: log entries are append-only'); END;
CREATE TRIGGER instance_no_update BEFORE UPDATE ON instance
BEGIN SELECT RAISE(ABORT, 'sopdoc: period instances are append-only'); END;
CREATE TRIGGER instance_no_delete BEFORE DELETE ON instance
BEGIN SELECT RAISE(ABORT, 'sopdoc: period instances are append-only'); END;
CREATE TRIGGER sop_version_no_update BEFORE UPDATE ON sop_version
BEGIN SELECT RAISE(ABORT, 'sopdoc: SOP versions are append-only'); END;
"""

# MIGRATIONS[n] brings a database from version n to n + 1.
MIGRATIONS: dict[int, str] = {0: _V1}
