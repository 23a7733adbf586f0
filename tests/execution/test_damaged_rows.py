"""Garbled values inside a readable database (JSON, timestamps, numbers edited behind sopdoc's
back) never crash a command: one line and exit 2, or verification's findings and exit 1
(issue #11, point 6: sqlite errors and damaged data on reads translated). On SQLite and PostgreSQL
(tests/store_backends.py); PostgreSQL's typed columns refuse some of the garbage outright."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from sopdoc.cli import main
from tests.execution.helpers import LOOP_SOP
from tests.store_backends import NAMES, is_url, postgres_admin, raw

NAME = "keputusan-loop-2026-TW3"
GARBAGE = ["{rusak", "[1,2", "null", '"x"', "{}", "[{}]",
           '[{"langkah": "a", "mulai": 1, "selesai": 2, "menit_baku": 3}]', "9999-99-99",
           "2026-13-45T99:00:00+08:00", "\x1b[2J", ""]
INSTANCE_COLUMNS = ["plan", "flow", "meta", "start", "deadline", "zona_waktu", "period", "created_at"]
ENTRY_COLUMNS = ["mulai", "selesai", "langkah", "seq", "keputusan", "dicatat_pada", "menggantikan"]
COMMANDS = [["period", "status", NAME], ["period", "list"], ["period", "check", NAME], ["log", "list", NAME],
            ["log", "verify"], ["log", "export", NAME, "--format", "xes"]]


@pytest.fixture(scope="module", params=NAMES)
def clean(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A store with one instance and two entries: a SQLite file (copied per test) or a PostgreSQL
    schema (garbled and restored per test)."""
    folder = tmp_path_factory.mktemp("store")
    with pytest.MonkeyPatch.context() as mp:
        if request.param == "sqlite":
            db = str(folder / "log.db")
            schema = None
        else:
            url, admin = postgres_admin()
            schema = f"t_{uuid.uuid4().hex[:16]}"
            admin.execute(f"CREATE SCHEMA {schema}")
            mp.setenv("XDG_CONFIG_HOME", str(folder / "config"))
            db = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
        try:
            yield _fill(folder, db)
        finally:
            if schema:
                admin.execute(f"DROP SCHEMA {schema} CASCADE")


def _fill(folder: Path, db: str) -> str:
    assert main(["period", "open", str(LOOP_SOP), "--period", "2026-TW3", "--db", str(db)]) == 0
    log = folder / "log.csv"
    log.write_text("langkah,oleh,peran,mulai,selesai\n"
                   "1,Pegawai 1,Kepala Dinas,2026-10-01 08:00,2026-10-01 09:00\n"
                   "2,Pegawai 2,Kasubag Perencanaan,2026-10-02 08:00,2026-10-02 09:00\n", encoding="utf-8")
    assert main(["log", "import", NAME, str(log), "--db", str(db)]) == 0
    return db


@contextlib.contextmanager
def _garble(clean: str, tmp_path: Path, table: str, column: str, value: str) -> Iterator[str]:
    """The store with ``value`` in ``column`` of the last row of ``table``."""
    if not is_url(clean):
        db = tmp_path / "log.db"
        db.write_bytes(Path(clean).read_bytes())
        Path(f"{db}.key").write_bytes(Path(f"{clean}.key").read_bytes())
        conn = sqlite3.connect(db)
        conn.execute(f"DROP TRIGGER {table}_no_update")
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = (SELECT max(rowid) FROM {table})", (value,))
        conn.commit()
        conn.close()
        yield str(db)
        return
    last = {"instance": "name = (SELECT max(name) FROM instance)", "entry": "id = (SELECT max(id) FROM entry)"}[table]
    with raw(clean) as conn:
        before = conn.execute(f"SELECT {column} FROM {table} WHERE {last}").fetchone()[0]
        conn.drop(f"{table}_no_update")
        try:
            conn.execute(f"UPDATE {table} SET {column} = ? WHERE {last}", (value,))
        except Exception as exc:  # a typed column: the garbage cannot be stored at all
            pytest.skip(f"PostgreSQL refuses {value!r} in {table}.{column}: {type(exc).__name__}")
        conn.commit()
    try:
        yield clean
    finally:
        with raw(clean) as conn:
            conn.drop(f"{table}_no_update", if_exists=True)
            conn.execute(f"UPDATE {table} SET {column} = ? WHERE {last}", (before,))
            conn.restore_triggers()
            conn.commit()


def _run_all(db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    monkeypatch.chdir(Path(db).parent if not is_url(db) else os.getcwd())
    codes = {}
    for cmd in COMMANDS:
        code = main([*cmd, "--db", str(db)])
        out = capsys.readouterr()
        name = " ".join(cmd[:2])
        assert code in (0, 1, 2), f"{name}: exit {code}: {out.err[-500:]}"
        assert "Traceback" not in out.err + out.out and "galat internal" not in out.err, f"{name}: {out.err[-500:]}"
        assert "\x1b" not in out.out + out.err, name
        codes[name] = code
    return codes


@pytest.mark.parametrize("value", GARBAGE)
@pytest.mark.parametrize("column", INSTANCE_COLUMNS)
def test_a_garbled_instance_value_is_one_line(column: str, value: str, clean: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    with _garble(clean, tmp_path, "instance", column, value) as db:
        codes = _run_all(db, capsys, monkeypatch)
    assert codes["log verify"] == 1  # the instance row is covered by the chain's genesis
    assert codes["period check"] == 1


@pytest.mark.parametrize("value", GARBAGE)
@pytest.mark.parametrize("column", ENTRY_COLUMNS)
def test_a_garbled_entry_value_is_one_line(column: str, value: str, clean: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    with _garble(clean, tmp_path, "entry", column, value) as db:
        codes = _run_all(db, capsys, monkeypatch)
    assert codes["log verify"] == 1
    assert codes["period check"] == 1


def test_a_damaged_plan_makes_status_fail_in_one_line(clean: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    with _garble(clean, tmp_path, "instance", "plan", "{rusak") as db:
        assert main(["period", "status", NAME, "--db", str(db)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "rencana tidak terbaca" in err[0] and "log verify" in err[0]
