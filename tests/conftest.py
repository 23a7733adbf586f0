"""Shared fixtures: paths of the repository's examples and data."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.store_backends import NAMES, Backend, PostgresBackend, SqliteBackend, postgres_admin

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "corpus"  # the four BPS Bengkulu PDFs (tests/data/README.md)
SEEDS = DATA / "seeds"  # the five seed text extractions (tests/data/README.md)

if "SOPDOC_CACHE_DIR" not in os.environ:  # the start-up cache of the sopdoc processes tests start
    os.environ["SOPDOC_CACHE_DIR"] = tempfile.mkdtemp(prefix="sopdoc-test-cache-")  # (sopdoc.user_cache)
    atexit.register(shutil.rmtree, os.environ["SOPDOC_CACHE_DIR"], True)  # never the user's own


@pytest.fixture
def examples_dir() -> Path:
    """The bundled example SOPs."""
    return EXAMPLES


@pytest.fixture(params=NAMES)
def backend(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Backend]:
    """The log store's database, SQLite and PostgreSQL (skipped without a server; tests/store_backends.py)."""
    if request.param == "sqlite":
        yield SqliteBackend()
        return
    url, admin = postgres_admin()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # where a URL store's key goes
    pg = PostgresBackend(url, admin)
    try:
        yield pg
    finally:
        pg.cleanup()
