"""One file, one database (issue #17 point 3): ``sopdoc serve`` puts Django's tables into the CLI's
store (the same SQLite file, the same PostgreSQL schema), and the CLI keeps working on it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("django")

from sopdoc.execution.store import open_store
from sopdoc.execution.store_schema import COLUMNS, WEB_TABLES
from tests.store_backends import Backend

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "pengumpulan-data-kinerja.sop.yaml"


def test_web_tables_is_exactly_what_django_creates() -> None:
    """store_schema.WEB_TABLES must follow the web's models (a new model: add its table there)."""
    from django.db import connection

    tables = set(connection.introspection.django_table_names(include_views=False)) | {"django_migrations"}
    assert tables == WEB_TABLES
    assert not tables & set(COLUMNS)


def _sopdoc(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOPDOC_", "DJANGO_"))}
    return subprocess.run([sys.executable, "-m", "sopdoc", *args], cwd=tmp, env=env, capture_output=True,
                          text=True, timeout=300)


def _tables(backend: Backend, target: str) -> set[str]:
    with backend.raw(target) as raw:
        if backend.name == "sqlite":
            return {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {r[0] for r in raw.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}


@pytest.mark.parametrize("cli_first", [False, True], ids=["web-first", "cli-first"])
def test_serve_and_the_cli_share_one_database(backend: Backend, tmp_path: Path, cli_first: bool) -> None:
    target = backend.target(tmp_path, "sopdoc.db")
    opened = ["period", "open", str(EXAMPLE), "--period", "2026-TW3", "--db", target]
    if cli_first:
        r = _sopdoc(tmp_path, *opened)
        assert r.returncode in (0, 1), r.stderr
    r = _sopdoc(tmp_path, "serve", "--db", target, "--buat-admin", "kepala")
    assert r.returncode == 0, r.stderr
    if not cli_first:
        r = _sopdoc(tmp_path, *opened)
        assert r.returncode in (0, 1), r.stderr
    tables = _tables(backend, target)
    assert tables >= WEB_TABLES | set(COLUMNS)
    assert not (tmp_path / "sopdoc.web.db").exists()
    if backend.name == "sqlite":
        assert Path(target).stat().st_mode & 0o777 == 0o600  # password hashes: the owner only
    r = _sopdoc(tmp_path, "log", "verify", "--db", target)
    assert r.returncode == 0 and r.stdout.startswith("rantai utuh"), (r.stdout, r.stderr)
    with open_store(target, create=False) as store:
        [instance] = store.instances()
        assert instance.name.endswith("2026-TW3")
    with backend.raw(target) as raw:  # the administrator is in the same database
        assert list(raw.execute("SELECT username FROM akun_pengguna")) == [("kepala",)]


def test_the_web_writes_to_the_store_in_djangos_own_file(transactional_db: Any, effective_sop: Any,
                                                         users: dict[str, Any]) -> None:
    """Django's test database file is the store too (as with `sopdoc serve`): opening a period and
    recording a step must not lock each other out (a Django transaction around a store write did)."""
    from django.conf import settings
    from django.db import connection
    from django.urls import reverse

    from tests.web.conftest import client_for

    if connection.vendor != "sqlite":
        pytest.skip("the SQLite case: one file for both")
    settings.SOPDOC_STORE = connection.settings_dict["NAME"]  # _fresh_store restores it
    name = f"pengumpulan-data-kinerja-{effective_sop.pk}-2026-TW3"
    c = client_for(users["pelaksana"])
    r = c.post(reverse("periode:buka"), {"sop": effective_sop.pk, "periode": "2026-TW3"})
    assert r.status_code == 302 and r["Location"] == reverse("periode:lihat", args=[name])
    r = c.post(reverse("periode:catat", args=[name]), {
        "langkah": "1", "oleh": "Budi", "peran": "Kepala Dinas", "mulai": "2026-10-01 08:00",
        "selesai": "2026-10-01 08:15", "output": "Disposisi"}, follow=True)
    assert "Dicatat: entri #1 langkah 1" in r.content.decode()
    with open_store(settings.SOPDOC_STORE, create=False) as store:
        assert [e.langkah for e in store.entries(name)] == [1] and store.verification().ok
