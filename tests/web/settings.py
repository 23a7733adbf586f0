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
