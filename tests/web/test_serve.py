"""``sopdoc serve --buat-admin``: creates the database (store and web tables) and the first administrator."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("django")


def _run(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOPDOC_", "DJANGO_"))}
    return subprocess.run([sys.executable, "-m", "sopdoc", "serve", "--db", str(tmp / "sopdoc.db"), *args],
                          cwd=tmp, env=env, capture_output=True, text=True, timeout=300)


def test_buat_admin_creates_the_store_and_prints_a_one_time_password(tmp_path: Path) -> None:
    first = _run(tmp_path, "--buat-admin", "kepala")
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[0] == "administrator dibuat: kepala"
    assert lines[1].startswith("kata sandi sekali pakai: ") and len(lines[1].split(": ")[1]) >= 16
    assert {p.name for p in tmp_path.iterdir()} >= {"sopdoc.db", "sopdoc.db.key", ".sopdoc-web-secret"}
    assert not (tmp_path / "sopdoc.web.db").exists()  # Django's tables are in sopdoc.db
    from sopdoc.execution.store import open_store

    with open_store(tmp_path / "sopdoc.db", create=False) as store:  # the CLI's store, intact and empty
        assert store.instances() == [] and store.verification().ok
    again = _run(tmp_path, "--buat-admin", "kepala", "--lang", "en")
    assert again.returncode == 2 and again.stderr.strip() == "error: user already exists: kepala"


def test_a_bad_user_name_is_one_line(tmp_path: Path) -> None:
    r = _run(tmp_path, "--buat-admin", "../x")
    assert r.returncode == 2 and r.stderr.strip() == "galat: nama pengguna tidak valid: '../x'"


def test_a_missing_database_folder_names_the_database_folder(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOPDOC_", "DJANGO_"))}
    r = subprocess.run([sys.executable, "-m", "sopdoc", "serve", "--db", str(tmp_path / "nope" / "sopdoc.db")],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 2
    folder = tmp_path / "nope"
    assert r.stderr.strip() == f"galat: folder basis data tidak ada: {folder} (buat dulu, atau pilih --db lain)"
    assert list(tmp_path.iterdir()) == []  # nothing written
