"""Garbled values inside a readable database (JSON, timestamps, numbers edited behind sopdoc's
back) never crash a command: one line and exit 2, or verification's findings and exit 1
(issue #11, point 6: sqlite errors and damaged data on reads translated)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sopdoc.cli import main
from tests.execution.helpers import LOOP_SOP

NAME = "keputusan-loop-2026-TW3"
GARBAGE = ["{rusak", "[1,2", "null", '"x"', "{}", "[{}]",
           '[{"langkah": "a", "mulai": 1, "selesai": 2, "menit_baku": 3}]', "9999-99-99",
           "2026-13-45T99:00:00+08:00", "\x1b[2J", ""]
INSTANCE_COLUMNS = ["plan", "flow", "meta", "start", "deadline", "zona_waktu", "period", "created_at"]
ENTRY_COLUMNS = ["mulai", "selesai", "langkah", "seq", "keputusan", "dicatat_pada", "menggantikan"]
COMMANDS = [["period", "status", NAME], ["period", "list"], ["period", "check", NAME], ["log", "list", NAME],
            ["log", "verify"], ["log", "export", NAME, "--format", "xes"]]


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("store")
    db = folder / "log.db"
    assert main(["period", "open", str(LOOP_SOP), "--period", "2026-TW3", "--db", str(db)]) == 0
    log = folder / "log.csv"
    log.write_text("langkah,oleh,peran,mulai,selesai\n"
                   "1,Pegawai 1,Kepala Dinas,2026-10-01 08:00,2026-10-01 09:00\n"
                   "2,Pegawai 2,Kasubag Perencanaan,2026-10-02 08:00,2026-10-02 09:00\n", encoding="utf-8")
    assert main(["log", "import", NAME, str(log), "--db", str(db)]) == 0
    return db


def _garble(clean: Path, tmp_path: Path, table: str, column: str, value: str) -> Path:
    db = tmp_path / "log.db"
    db.write_bytes(clean.read_bytes())
    Path(f"{db}.key").write_bytes(Path(f"{clean}.key").read_bytes())
    raw = sqlite3.connect(db)
    raw.execute(f"DROP TRIGGER {table}_no_update")
    raw.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = (SELECT max(rowid) FROM {table})", (value,))
    raw.commit()
    raw.close()
    return db


def _run_all(db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    monkeypatch.chdir(db.parent)
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
def test_a_garbled_instance_value_is_one_line(column: str, value: str, clean: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    codes = _run_all(_garble(clean, tmp_path, "instance", column, value), capsys, monkeypatch)
    assert codes["log verify"] == 1  # the instance row is covered by the chain's genesis
    assert codes["period check"] == 1


@pytest.mark.parametrize("value", GARBAGE)
@pytest.mark.parametrize("column", ENTRY_COLUMNS)
def test_a_garbled_entry_value_is_one_line(column: str, value: str, clean: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    codes = _run_all(_garble(clean, tmp_path, "entry", column, value), capsys, monkeypatch)
    assert codes["log verify"] == 1
    assert codes["period check"] == 1


def test_a_damaged_plan_makes_status_fail_in_one_line(clean: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    db = _garble(clean, tmp_path, "instance", "plan", "{rusak")
    assert main(["period", "status", NAME, "--db", str(db)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "rencana tidak terbaca" in err[0] and "log verify" in err[0]
