"""Django settings for the test suite: the production settings with a throw-away store and key,
plain-HTTP cookies (the test client speaks HTTP) and a fast password hasher."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

_TMP = tempfile.mkdtemp(prefix="sopdoc-web-test-")
atexit.register(shutil.rmtree, _TMP, True)
os.environ.setdefault("SOPDOC_DB", os.path.join(_TMP, "sopdoc.db"))
os.environ.setdefault("SOPDOC_SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ["SOPDOC_WEB_HTTP"] = "1"
os.environ.setdefault("SOPDOC_WEB_HOSTS", "testserver,127.0.0.1,localhost")

from sopdoc.web.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The live server of the end-to-end tests (tests/web/e2e) serves files under STATIC_URL from
# STATIC_ROOT itself: the same vendored files the application's own /static/ route serves.
STATIC_URL = "/static/"
STATIC_ROOT = WEB_DIR / "static"  # noqa: F405

# The live server's threads must not keep PostgreSQL connections open: the test database is dropped
# at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# Django's SQLite test database is a file, not shared memory: the live server of the end-to-end
# tests then answers each request on its own connection, instead of sharing the test's connection
# across threads (whose late closing, when the browser drops a kept-alive socket, Django refuses).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(_TMP, "django-test.db")}  # noqa: F405
