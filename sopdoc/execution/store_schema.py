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

PostgreSQL (:mod:`sopdoc.execution.store_postgres`) gets the same tables, columns and trigger names
from the same scripts, translated by :func:`postgres_migrations`: ``INTEGER`` becomes ``BIGINT``,
``BLOB`` ``BYTEA``, an ``AUTOINCREMENT`` key an identity column, and each trigger a row trigger
calling the one PL/pgSQL function ``sopdoc_append_only`` that raises with the same message; every
table that refuses DELETE also refuses TRUNCATE (``<table>_no_truncate``, a statement trigger),
which PostgreSQL would otherwise let through. What SQLite keeps in ``PRAGMA user_version`` and
``sqlite_sequence`` (the schema version, the number of heads rows ever written) PostgreSQL keeps in
the small table ``sopdoc_meta``.
Version 4 adds cases (``kasus``): an instance (a period of an SOP) holds one or many cases — one per
letter, request or dossier — each with its own entries and decisions. The migration adds the column
``entry.kasus`` (``''``, the one implicit case of a single-run SOP, for every existing row) and an index
by case. Nothing is rewritten and no key is needed: :func:`sopdoc.execution.entries.entry_hash` puts the
case into the hashed JSON only when it is not empty, so every old entry keeps its hash and every old
chain stays valid, while a named case of a new entry is covered by its hash.
"""

from __future__ import annotations

import re

__all__ = ["COLUMNS", "MIGRATIONS", "PG_META", "SCHEMA_VERSION", "TRIGGERS", "WEB_TABLES", "is_web_table",
           "pg_trigger_signatures", "postgres_migrations", "trigger_sql"]

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

# The tables of the web application (``sopdoc serve``), which shares the store's database: one
# SQLite file, one PostgreSQL schema. Django's contrib apps (auth, contenttypes, sessions and its
# migration record) and sopdoc.web's apps (akun, sop, periode); exactly these names, so a table of
# any other application still makes the database foreign. The store never reads or writes them and
# checks neither their columns nor their triggers; a new Django model must be added here
# (tests/web/test_one_database.py compares this set with Django's own list).
WEB_TABLES = frozenset({
    "django_migrations", "django_content_type", "django_session",
    "auth_permission", "auth_group", "auth_group_permissions",
    "akun_unit", "akun_pengguna", "akun_pengguna_groups", "akun_pengguna_user_permissions", "akun_audit",
    "akun_logingagal",
    "sop_sop", "sop_versi", "sop_transisi",
    "periode_instans",
})

# Django's SQLite schema editor rebuilds a table under this prefix while a migration alters it.
_REBUILD_PREFIX = "new__"


def is_web_table(name: str) -> bool:
    """Whether ``name`` is one of the web application's tables (:data:`WEB_TABLES`), or a copy that
    Django's SQLite migrations make of one while they rebuild it."""
    return name in WEB_TABLES or (name.startswith(_REBUILD_PREFIX) and name[len(_REBUILD_PREFIX):] in WEB_TABLES)


# --------------------------------------------------------------------------- PostgreSQL

# The version and the heads counter (what SQLite keeps in user_version and sqlite_sequence).
PG_META = "sopdoc_meta"

_PG_FUNCTION = """CREATE FUNCTION sopdoc_append_only() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
END
$body$"""

# The function body as PostgreSQL keeps it (pg_proc.prosrc): verify compares it.
PG_FUNCTION_SOURCE = _PG_FUNCTION.split("$body$")[1]

_PG_META_TABLE = (f"CREATE TABLE {PG_META} (name TEXT PRIMARY KEY, value BIGINT NOT NULL);\n"
                  f"INSERT INTO {PG_META} VALUES ('schema_version', 0), ('heads_written', 0)")

_TRIGGER = re.compile(r"CREATE TRIGGER (\w+) BEFORE (UPDATE|DELETE) ON (\w+)\s+"
                      r"BEGIN SELECT RAISE\(ABORT, '([^']*)'\); END$")

# pg_trigger.tgtype bits: ROW 1, BEFORE 2, DELETE 8, UPDATE 16, TRUNCATE 32.
_TGTYPE = {"UPDATE": 1 | 2 | 16, "DELETE": 1 | 2 | 8, "TRUNCATE": 2 | 32}


def _pg_triggers() -> list[tuple[str, str, str, str]]:
    """(name, event, table, message) of every PostgreSQL trigger, the TRUNCATE ones included."""
    out: list[tuple[str, str, str, str]] = []
    for sql in trigger_sql().values():
        m = _TRIGGER.match(sql)
        if m is None:  # pragma: no cover - the scripts above are all of this form
            raise ValueError(f"unexpected trigger: {sql}")
        name, event, table, message = m.groups()
        out.append((name, event, table, message))
        if event == "DELETE":
            out.append((f"{m.group(3)}_no_truncate", "TRUNCATE", m.group(3), m.group(4)))
    return out


def _pg_statement(statement: str) -> list[str]:
    m = _TRIGGER.match(statement)
    if m is None:
        statement = statement.replace("INTEGER PRIMARY KEY AUTOINCREMENT", "BIGINT GENERATED BY DEFAULT AS IDENTITY "
                                      "PRIMARY KEY")
        return [re.sub(r"\bBLOB\b", "BYTEA", re.sub(r"\bINTEGER\b", "BIGINT", statement))]
    name, event, table, message = m.groups()
    out = [f"CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW EXECUTE FUNCTION "
           f"sopdoc_append_only('{message}')"]
    if event == "DELETE":
        out.append(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT "
                   f"EXECUTE FUNCTION sopdoc_append_only('{message}')")
    return out


def postgres_migrations() -> dict[int, list[str]]:
    """MIGRATIONS translated for PostgreSQL, one statement per item; version 0 → 1 also creates the
    trigger function and ``sopdoc_meta``."""
    out: dict[int, list[str]] = {}
    for version, script in MIGRATIONS.items():
        statements = [s for statement in _statements(script) for s in _pg_statement(statement)]
        if version == 0:
            statements = [_PG_FUNCTION, *_statements(_PG_META_TABLE + ";\n"), *statements]
        out[version] = statements
    return out


def pg_trigger_signatures() -> dict[str, str]:
    """Every PostgreSQL trigger by name, as ``table tgtype function(arguments) enabled`` (what verify
    reads back from pg_trigger)."""
    return {name: f"{table} {_TGTYPE[event]} sopdoc_append_only({message}) O"
            for name, event, table, message in _pg_triggers()}
