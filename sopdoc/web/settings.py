"""Django settings of the sopdoc web application: production-safe by default (docs/DEPLOY.md).

Environment: ``SOPDOC_DB`` (the store; Django's tables in the same database, see :mod:`sopdoc.web.site`),
``SOPDOC_SECRET_KEY`` (else a generated 0600 file beside the database), ``SOPDOC_WEB_HOSTS``
(comma-separated allowed host names), ``SOPDOC_TINJAU_TAHUN`` (the review period in years, 1-50),
``SOPDOC_WEB_HTTP=1`` (cookies without the Secure flag:
only for ``sopdoc serve`` on loopback, which sets it). DEBUG is never on.
"""

from __future__ import annotations

import os
from pathlib import Path

from sopdoc.katalog.review import DEFAULT_YEARS
from sopdoc.web.site import database_settings, secret_key, store_location

WEB_DIR = Path(__file__).resolve().parent
SOPDOC_STORE = store_location()

SECRET_KEY = secret_key(SOPDOC_STORE)
DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("SOPDOC_WEB_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "sopdoc.web.akun",
    "sopdoc.web.sop",
    "sopdoc.web.periode",
    "sopdoc.web.inspeksi",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sopdoc.web.akun.middleware.Language",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sopdoc.web.akun.middleware.SecurityHeaders",
    "sopdoc.web.akun.middleware.OneTimePassword",
    "sopdoc.web.akun.middleware.EngineErrors",
]

ROOT_URLCONF = "sopdoc.web.urls"
WSGI_APPLICATION = "sopdoc.web.wsgi.application"

TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [WEB_DIR / "templates"],
    "APP_DIRS": False,
    "OPTIONS": {
        "context_processors": [
            "django.template.context_processors.request",
            "django.contrib.auth.context_processors.auth",
            "django.contrib.messages.context_processors.messages",
            "sopdoc.web.akun.context.ui",
        ],
        "builtins": ["sopdoc.web.akun.templatetags.teks"],
    },
}]

DATABASES = {"default": database_settings(SOPDOC_STORE)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "akun.Pengguna"
LOGIN_URL = "akun:masuk"
LOGIN_REDIRECT_URL = "beranda"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Indonesian by default, English by the switch (a cookie; Django's set_language view).
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"

# Cookies and transport: secure unless `sopdoc serve` runs plain HTTP on loopback.
_HTTP = os.environ.get("SOPDOC_WEB_HTTP") == "1"
SESSION_COOKIE_SECURE = not _HTTP
CSRF_COOKIE_SECURE = not _HTTP
LANGUAGE_COOKIE_SECURE = not _HTTP
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # htmx sends the page's token (base.html), never the cookie's
SESSION_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not _HTTP:
    SESSION_COOKIE_NAME = "__Host-sopdoc-sesi"  # the __Host- prefix needs Secure, path / and no domain
    CSRF_COOKIE_NAME = "__Host-sopdoc-csrf"
    SECURE_HSTS_SECONDS = 31536000
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("SOPDOC_WEB_SSL_REDIRECT", "1") == "1"
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("SOPDOC_WEB_ORIGINS", "").split(",") if o.strip()]

# Uploads: an SOP document is at most 10 MiB (the importers have their own limits beneath).
UPLOAD_MAX_BYTES = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 256 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 4000
DATA_UPLOAD_MAX_NUMBER_FILES = 2

# The periodic review of an effective SOP (sopdoc.web.sop.review): due this many years after its
# Tanggal Efektif/Revisi or its last review, as `sopdoc katalog --tinjau-tahun` counts.
_TINJAU = os.environ.get("SOPDOC_TINJAU_TAHUN", "").strip()
SOPDOC_TINJAU_TAHUN = int(_TINJAU) if _TINJAU.isdigit() and 1 <= int(_TINJAU) <= 50 else DEFAULT_YEARS

# Login throttling (sopdoc.web.akun.throttle): this many failures per user name or address in the window.
LOGIN_MAX_FAILURES = 5
LOGIN_WINDOW_SECONDS = 15 * 60

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
