"""The SQLite schema of the log store, by version, and the migrations between versions.

``PRAGMA user_version`` holds the version. Entries and instances are append-only: triggers make
the database itself refuse UPDATE and DELETE, so only a deliberate edit behind sopdoc's back
(dropping the triggers) can change them, and the hash chain shows that.

Version 2 anchors the chains (:mod:`sopdoc.execution.chain`): the append-only ``heads`` table
holds one row per write (instance opened, entries appended) linked into a store-level chain with
a keyed MAC, and every table refuses UPDATE and DELETE. Instances of a version-1 database are
*adopted* by the migration (one ``adopt`` heads row each, written by the store in Python).

Version 3 adds the instance lifecycle: the append-only ``lifecycle`` table holds one row per
closing or voiding of an instance (who, when, why, the entry count and head at that moment, the
frozen report files' hashes; the files themselves in ``bukti``), each sealed by its own hash; the
same write adds a heads row whose kind carries that hash (``close:<hash>``, ``void:<hash>``), so the
keyed store-level chain covers it. The migration only adds the table and its triggers: nothing is
rewritten and no key is needed.

Version 4 adds cases (``kasus``): an instance (a period of an SOP) holds one or many cases — one per
letter, request or dossier — each with its own entries and decisions. The migration adds the column
``entry.kasus`` (``''``, the one implicit case of a single-run SOP, for every existing row) and an index
by case. Nothing is rewritten and no key is needed: :func:`sopdoc.execution.entries.entry_hash` puts the
case into the hashed JSON only when it is not empty, so every old entry keeps its hash and every old
chain stays valid, while a named case of a new entry is covered by its hash.
"""

from __future__ import annotations

__all__ = ["COLUMNS", "MIGRATIONS", "SCHEMA_VERSION", "TRIGGERS", "trigger_sql"]

SCHEMA_VERSION = 4

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

_V2 = """
CREATE TABLE heads (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,  -- place in the store-level chain: 1, 2, 3 …
    instance  TEXT NOT NULL,
    kind      TEXT NOT NULL,          -- open | append | adopt (instance from before anchoring)
    n         INTEGER NOT NULL,       -- the instance's entry count after this write
    head      TEXT NOT NULL,          -- its last entry hash (the genesis when n = 0)
    digest    TEXT NOT NULL,          -- instance_digest of the instance row and its SOP version
    prev      TEXT NOT NULL,          -- link of the previous heads row (zeros for the first)
    link      TEXT NOT NULL,          -- heads_link over all of the above
    mac       TEXT NOT NULL           -- HMAC-SHA256 of link with the key outside the database
);
CREATE INDEX heads_instance ON heads (instance, id);
CREATE TRIGGER heads_no_update BEFORE UPDATE ON heads
BEGIN SELECT RAISE(ABORT, 'sopdoc: log heads are append-only'); END;
CREATE TRIGGER heads_no_delete BEFORE DELETE ON heads
BEGIN SELECT RAISE(ABORT, 'sopdoc: log heads are append-only'); END;
CREATE TRIGGER sop_version_no_delete BEFORE DELETE ON sop_version
BEGIN SELECT RAISE(ABORT, 'sopdoc: SOP versions are append-only'); END;
CREATE TRIGGER bukti_no_update BEFORE UPDATE ON bukti
BEGIN SELECT RAISE(ABORT, 'sopdoc: evidence files are append-only'); END;
CREATE TRIGGER bukti_no_delete BEFORE DELETE ON bukti
BEGIN SELECT RAISE(ABORT, 'sopdoc: evidence files are append-only'); END;
"""

_V3 = """
CREATE TABLE lifecycle (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    instance TEXT NOT NULL REFERENCES instance(name),
    kind     TEXT NOT NULL,           -- close | void
    alasan   TEXT NOT NULL,           -- the reason (void), a note (close)
    laporan  TEXT NOT NULL,           -- frozen report files: JSON {file name: sha256}, contents in bukti
    n        INTEGER NOT NULL,        -- the instance's entry count at that moment
    head     TEXT NOT NULL,           -- its last entry hash (the genesis when n = 0)
    oleh     TEXT NOT NULL,
    pada     TEXT NOT NULL,
    hash     TEXT NOT NULL            -- lifecycle_hash over all of the above
);
CREATE TRIGGER lifecycle_no_update BEFORE UPDATE ON lifecycle
BEGIN SELECT RAISE(ABORT, 'sopdoc: lifecycle records are append-only'); END;
CREATE TRIGGER lifecycle_no_delete BEFORE DELETE ON lifecycle
BEGIN SELECT RAISE(ABORT, 'sopdoc: lifecycle records are append-only'); END;
"""

_V4 = """
ALTER TABLE entry ADD COLUMN kasus TEXT NOT NULL DEFAULT ''
"""

# MIGRATIONS[n] brings a database from version n to n + 1.
MIGRATIONS: dict[int, str] = {0: _V1, 1: _V2, 2: _V3, 3: _V4}


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";\n") if s.strip()]


def trigger_sql() -> dict[str, str]:
    """Every append-only trigger by name, with the SQL text SQLite keeps for it."""
    out = {}
    for script in MIGRATIONS.values():
        for statement in _statements(script):
            if statement.startswith("CREATE TRIGGER"):
                out[statement.split()[2]] = statement.removesuffix(";")
    return out


# The tables and the triggers that make each refuse UPDATE and DELETE.
TRIGGERS = tuple(sorted(trigger_sql()))

# The columns of every table at SCHEMA_VERSION, in order: a file whose schema differs is not (or no
# longer) a sopdoc database.
COLUMNS: dict[str, tuple[str, ...]] = {
    "sop_version": ("hash", "nama", "nomor", "source", "created_at"),
    "instance": ("name", "sop_hash", "period", "start", "deadline", "zona_waktu", "flow", "plan", "meta",
                 "created_by", "created_at"),
    "entry": ("id", "instance", "seq", "langkah", "oleh", "peran", "mulai", "selesai", "output", "keputusan",
              "kelengkapan", "bukti", "bukti_nama", "catatan", "menggantikan", "dicatat_oleh", "dicatat_pada",
              "prev_hash", "hash", "kasus"),
    "bukti": ("hash", "nama", "data"),
    "heads": ("id", "instance", "kind", "n", "head", "digest", "prev", "link", "mac"),
    "lifecycle": ("id", "instance", "kind", "alasan", "laporan", "n", "head", "oleh", "pada", "hash"),
}
