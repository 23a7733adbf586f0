"""Closing and voiding an instance: append-only records covered by the keyed chain (issue #15 point 5).

The tamper scenarios follow test_tamper.py: the store is edited with a raw connection as an attacker
with access to the database would, and verification must name the damage (SQLite and PostgreSQL).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from sopdoc.cli import main
from sopdoc.execution import store_sqlite as store_module
from sopdoc.execution.chain import CLOSE, VOID
from sopdoc.execution.store import StoreError, open_store
from sopdoc.execution.store_schema import SCHEMA_VERSION
from tests.execution.test_tamper import A, B, _problems, _row, _sql, db  # noqa: F401  (db is a fixture)
from tests.store_backends import raw

REPORT = b"%PDF-1.4 laporan akhir"


def _close(path: str | Path, instance: str = A) -> None:
    with open_store(path, create=False) as store:
        store.end_instance(instance, CLOSE, "", "uji", [(f"laporan-{instance}.pdf", REPORT)])


def test_a_closed_instance_takes_no_entries_and_verifies(db: str) -> None:  # noqa: F811
    _close(db)
    with open_store(db, create=False) as store:
        [record] = store.lifecycle(A)
        assert (record.kind, record.n, record.oleh) == (CLOSE, 5, "uji")
        assert record.head == store.entries(A)[-1].hash
        assert list(record.files()) == [f"laporan-{A}.pdf"]
        assert record.files()[f"laporan-{A}.pdf"] == hashlib.sha256(REPORT).hexdigest()
        assert store.evidence(record.files()[f"laporan-{A}.pdf"]) == REPORT
        with pytest.raises(StoreError, match=r"was closed .*; no entries can be added") as exc:
            store.append(A, [_row(5)], "uji")
        assert "sudah ditutup" in exc.value.teks.id
        with pytest.raises(StoreError, match="already closed"):
            store.end_instance(A, CLOSE, "", "uji")
        assert len(store.entries(A)) == 5
        store.append(B, [_row(2)], "uji")  # the other instance goes on
        v = store.verification()
        assert v.ok, v.problems()
        kinds = [k for (k,) in store.tables().tuples("SELECT kind FROM heads ORDER BY id")]
        assert kinds[-2] == f"close:{record.hash}"


def test_a_closed_instance_may_be_voided_then_nothing_more(db: str) -> None:  # noqa: F811
    _close(db)
    with open_store(db, create=False) as store:
        record = store.end_instance(A, VOID, "SOP keliru dipatok", "uji")
        assert record.alasan == "SOP keliru dipatok" and record.n == 5
        with pytest.raises(StoreError, match="already voided"):
            store.end_instance(A, VOID, "lagi", "uji")
        with pytest.raises(StoreError, match="was voided"):
            store.append(A, [_row(1)], "uji")
        store.end_instance(B, VOID, "dibuka dua kali", "uji")
        with pytest.raises(StoreError, match="already voided"):
            store.end_instance(B, CLOSE, "", "uji")
        assert [r.kind for r in store.lifecycle(A)] == [CLOSE, VOID]
        assert store.verification().ok


def test_the_database_refuses_to_change_lifecycle_records(db: str) -> None:  # noqa: F811
    _close(db)
    for sql in ("UPDATE lifecycle SET alasan = 'x'", "DELETE FROM lifecycle"):
        with raw(db) as conn, pytest.raises(conn.integrity_error, match="append-only"):
            conn.execute(sql)


def _void_b(path: str | Path) -> None:
    with open_store(path, create=False) as store:
        store.end_instance(B, VOID, "dibuka keliru", "uji")


LIFECYCLE_SCENARIOS: dict[str, tuple[Callable[[Path], None], str]] = {
    "edit-void-reason": (lambda p: _sql(p, "UPDATE lifecycle SET alasan = 'alasan lain' WHERE kind = 'void'",
                                         drop=("lifecycle_no_update",)),
                         f"{B}: catatan siklus hidup #2 (void) diubah setelah dicatat"),
    "delete-void": (lambda p: _sql(p, "DELETE FROM lifecycle WHERE kind = 'void'", drop=("lifecycle_no_delete",)),
                    f"{B}: catatan siklus hidup (void) dihapus"),
    "delete-close": (lambda p: _sql(p, "DELETE FROM lifecycle WHERE kind = 'close'",
                                                 drop=("lifecycle_no_delete",)),
                                 f"{A}: catatan siklus hidup (close) dihapus"),
    "forged-void": (lambda p: _sql(p, f"INSERT INTO lifecycle (instance, kind, alasan, laporan, n, head, oleh, pada, "
                                        f"hash) SELECT '{A}', 'void', 'palsu', '{{}}', n, head, oleh, pada, hash "
                                        f"FROM lifecycle WHERE kind = 'close'"),
                    f"{A}: catatan siklus hidup #3 (void) diubah"),
    "edit-frozen-report": (lambda p: _sql(p, "UPDATE bukti SET data = X'00' WHERE nama LIKE 'laporan-%'",
                                           drop=("bukti_no_update",)),
                           f"{A}: laporan beku laporan-{A}.pdf diubah setelah ditutup"),
    "delete-frozen-report": (lambda p: _sql(p, "DELETE FROM bukti WHERE nama LIKE 'laporan-%'",
                                             drop=("bukti_no_delete",)), f"{A}: laporan beku laporan-{A}.pdf hilang"),
    "drop-lifecycle-trigger": (lambda p: _sql(p, drop=("lifecycle_no_delete",)), "pemicu lifecycle_no_delete dihapus"),
    "delete-void-and-its-head": (lambda p: _sql(p, "DELETE FROM lifecycle WHERE kind = 'void'",
                                                  "DELETE FROM heads WHERE id = (SELECT max(id) FROM heads)",
                                                  drop=("lifecycle_no_delete", "heads_no_delete")),
                                  "catatan kepala terakhir dihapus"),
}


@pytest.mark.parametrize("scenario", sorted(LIFECYCLE_SCENARIOS))
def test_tampering_with_the_lifecycle_is_found(db: str, scenario: str) -> None:  # noqa: F811
    _close(db)
    _void_b(db)
    assert not _problems(db)
    tamper, expected = LIFECYCLE_SCENARIOS[scenario]
    tamper(db)
    problems = _problems(db)
    assert any(p.startswith(expected) or expected in p for p in problems), problems
    assert main(["log", "verify", "--db", str(db)]) == 1


def test_an_entry_slipped_in_after_closing_is_found(db: str) -> None:  # noqa: F811
    """The close record is taken out, an entry appended through sopdoc, the record put back unchanged."""
    _close(db)
    with raw(db) as conn:
        saved = conn.execute("SELECT * FROM lifecycle").fetchall()
    _sql(db, "DELETE FROM lifecycle", drop=("lifecycle_no_delete",))
    with open_store(db, create=False) as store:
        store.append(A, [_row(5)], "uji")
    _sql(db, *(f"INSERT INTO lifecycle VALUES ({', '.join(repr(v) for v in row)})" for row in saved))
    problems = _problems(db)
    assert f"{A}: entri #6: entri dicatat setelah instans ditutup atau dibatalkan" in problems, problems


# --------------------------------------------------------------------------- migration from version 2


def test_a_version_2_database_is_migrated_and_keeps_verifying(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database written by the version-2 store (no lifecycle table) opens, verifies, and can be closed."""
    from sopdoc.cli import main as cli_main
    from tests.execution.helpers import LOOP_SOP, downgrade

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOPDOC_LOG_KEY_FILE", raising=False)
    path = tmp_path / "v2.db"
    # the store as it was at version 2: the same rows, without the lifecycle table and the kasus column
    assert cli_main(["period", "open", str(LOOP_SOP), "--period", "2026-TW3", "--db", str(path)]) == 0
    with open_store(path) as store:
        store.append(A, [_row(1), _row(2)], "uji")
    downgrade(path, 2)
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 2
    assert not raw.execute("SELECT 1 FROM sqlite_master WHERE name = 'lifecycle'").fetchone()
    raw.close()
    key = Path(f"{path}.key").read_bytes()
    with open_store(path, create=False) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
        v = store.verification()
        assert v.ok and v.keyed and v.notes == [], v.problems()
        assert v.heads[A].entries == 2
        store.end_instance(A, VOID, "uji migrasi", "uji")
        assert store.verification().ok
    assert Path(f"{path}.key").read_bytes() == key  # the migration neither needs nor replaces the key


def test_migrating_a_version_2_database_without_its_key_creates_none(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from sopdoc.execution.store_schema import COLUMNS
    from tests.execution.helpers import LOOP_SOP

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOPDOC_LOG_KEY_FILE", raising=False)
    path = tmp_path / "v2.db"
    with monkeypatch.context() as m:
        m.setattr(store_module, "SCHEMA_VERSION", 2)
        m.setattr(store_module, "COLUMNS", {k: v for k, v in COLUMNS.items() if k != "lifecycle"})
        assert main(["period", "open", str(LOOP_SOP), "--period", "2026-TW3", "--db", str(path)]) == 0
    Path(f"{path}.key").unlink()
    with open_store(path, create=False) as store:
        assert any("kunci log tidak ditemukan" in p for p in store.verification().problems())
    assert not Path(f"{path}.key").exists()  # a fresh key would make the old checkpoints look forged
