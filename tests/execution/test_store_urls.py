"""Hostile database URLs and servers (issue #17 point 3): a bad URL, an unreachable server, a wrong
password, a missing database, another application's database — each one line on stderr, exit 2, no
traceback, and never the password."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from sopdoc.cli import main
from sopdoc.execution.store import StoreError, open_store
from sopdoc.execution.store_postgres import redact
from tests.store_backends import postgres_admin

SECRET = "rahasia-Sandi"
COMMANDS = [["period", "list"], ["log", "verify"], ["log", "list", "x-2026-TW3"], ["period", "status", "x-2026-TW3"]]


def _run(capsys: pytest.CaptureFixture[str], url: str, command: list[str] | None = None,
         lang: str = "id") -> str:
    """The one error line of ``command`` on ``url`` (asserting exit 2, nothing else printed)."""
    capsys.readouterr()
    assert main(["--lang", lang, *(command or COMMANDS[0]), "--db", url]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith("galat: " if lang == "id" else "error: "), err
    assert SECRET not in err and "Sandi" not in err, err
    return err


@pytest.mark.parametrize(("url", "expected"), [
    (f"postgresql://budi:{SECRET}@127.0.0.1:notaport/sop", "URL basis data tidak valid: postgresql://"),
    (f"postgresql://budi:{SECRET}@[::1/sop", "URL basis data tidak valid: postgresql://…"),
    (f"postgresql://budi:{SECRET}@127.0.0.1/sop?foo=bar", "URL basis data tidak valid: postgresql://budi@127.0.0.1/sop"),
    (f"postgresql://budi:{SECRET}@127.0.0.1:1/sop?sslmode=tebak", "URL basis data tidak valid"),
    (f"postgresql://budi:{SECRET}@127.0.0.1:1/sop",
     "server PostgreSQL tidak terjangkau: postgresql://budi@127.0.0.1:1/sop (Connection refused"),
    (f"postgresql://budi@127.0.0.1:1/sop?password={SECRET}",
     "server PostgreSQL tidak terjangkau: postgresql://budi@127.0.0.1:1/sop ("),
    (f"postgres://budi:{SECRET.replace('-', '%2D')}@127.0.0.1:1/sop", "server PostgreSQL tidak terjangkau"),
    (f"mysql://budi:{SECRET}@127.0.0.1/sop", "jenis basis data tidak didukung: mysql://budi@127.0.0.1/sop"),
])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_bad_url_or_an_unreachable_server_is_one_line(url: str, expected: str, command: list[str],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert expected in _run(capsys, url, command)


def test_messages_speak_english_too(capsys: pytest.CaptureFixture[str]) -> None:
    err = _run(capsys, f"postgresql://budi:{SECRET}@127.0.0.1:1/sop", lang="en")
    assert err.startswith("error: the PostgreSQL server cannot be reached: postgresql://budi@127.0.0.1:1/sop (")


def test_the_url_is_shown_without_password_or_query() -> None:
    assert redact(f"postgresql://budi:{SECRET}@db.example:5433/sop?options=-csearch_path%3Dlog") \
        == "postgresql://budi@db.example:5433/sop"
    assert redact("postgresql:///sop") == "postgresql:///sop"
    assert redact(f"postgresql://budi:{SECRET}@[::1/sop") == "postgresql://…"


def test_without_psycopg_a_url_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg → ImportError
    err = _run(capsys, f"postgresql://budi:{SECRET}@127.0.0.1:1/sop")
    assert "pip install 'sopdoc[postgres]'" in err


# --------------------------------------------------------------------------- against a real server


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, object]:
    url, admin = postgres_admin()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return url, admin


def _with_password(url: str, password: str) -> str:
    return re.sub(r"(://[^:/@]+):[^@]*@", rf"\1:{password}@", url) if "@" in url else url


def test_a_wrong_password_is_one_line(server: tuple[str, object], capsys: pytest.CaptureFixture[str]) -> None:
    url, _ = server
    if "@" not in url or ":" not in url.split("://", 1)[1].split("@", 1)[0]:
        pytest.skip("the test server's URL carries no password")
    err = _run(capsys, _with_password(url, SECRET))
    assert "server PostgreSQL menolak masuk (pengguna atau kata sandi salah)" in err


def test_a_missing_database_is_one_line(server: tuple[str, object], capsys: pytest.CaptureFixture[str]) -> None:
    url, _ = server
    base = url.split("?", 1)[0].rsplit("/", 1)[0]
    assert "basis data tidak ada di server PostgreSQL" in _run(capsys, f"{base}/tidak_ada_sama_sekali")


def test_another_applications_database_is_refused_untouched(server: tuple[str, object], tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    url, admin = server
    schema = f"lain_{tmp_path.name[-8:].lower().replace('-', '_')}_{id(admin) % 10_000}"
    admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")  # type: ignore[attr-defined]
    admin.execute(f"CREATE SCHEMA {schema}")  # type: ignore[attr-defined]
    admin.execute(f"CREATE TABLE {schema}.pelanggan (nama TEXT)")  # type: ignore[attr-defined]
    try:
        target = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
        assert _run(capsys, target) == f"galat: bukan basis data sopdoc yang utuh: {redact(target)}\n"
        with pytest.raises(StoreError, match="not an intact sopdoc database"):
            open_store(target)  # create=True, as period open does: still refused
        tables = admin.execute(  # type: ignore[attr-defined]
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (schema,)).fetchall()
        assert tables == [("pelanggan",)]
        assert not (tmp_path / "config").exists()  # no key made for it
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")  # type: ignore[attr-defined]


def test_an_empty_database_is_not_a_log_until_a_period_is_opened(server: tuple[str, object], tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    url, admin = server
    schema = f"kosong_{tmp_path.name[-8:].lower().replace('-', '_')}"
    admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")  # type: ignore[attr-defined]
    admin.execute(f"CREATE SCHEMA {schema}")  # type: ignore[attr-defined]
    try:
        target = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
        assert "belum ada" in _run(capsys, target, ["log", "verify"])
        assert admin.execute(  # type: ignore[attr-defined]
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = %s", (schema,)).fetchone() == (0,)
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")  # type: ignore[attr-defined]


def test_a_search_path_without_schema_is_one_line(server: tuple[str, object],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    url, _ = server
    target = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3Dtidak_ada_skema"
    assert "search_path tidak menunjuk skema yang ada" in _run(capsys, target)
