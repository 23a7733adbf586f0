"""The end-to-end journeys again with Django and the store on PostgreSQL (``SOPDOC_TEST_PG``): Django's
database is fixed when its settings load, so this runs the folder in a child pytest whose
``SOPDOC_DB`` is the server's URL (Django then creates its test database there, and each test's
store is a schema of that database, conftest._store_beside_django)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.store_backends import PG_ENV
from tests.web.e2e.browser import missing

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]


def test_the_journeys_on_postgresql() -> None:
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        pytest.skip(f'{PG_ENV} is not set: no PostgreSQL server (eval "$(bash tests/pg_server.sh start)")')
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        pytest.skip("this run is already on PostgreSQL")
    why = missing()
    if why:
        pytest.skip(why)
    env = dict(os.environ, SOPDOC_DB=url)
    r = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider", str(HERE / "test_roles.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert r.returncode == 0 and "3 passed" in r.stdout, r.stdout[-4000:] + r.stderr[-2000:]
