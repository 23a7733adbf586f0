"""What ``sopdoc serve`` does: configure Django for a database, migrate, create the first
administrator, run the development server (production: gunicorn, docs/DEPLOY.md)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from sopdoc.errors import UsageError
from sopdoc.model.diagnostic import Teks
from sopdoc.safe_path import check_instance_name


def setup(db: str | None, *, http: bool = False, hosts: str | None = None) -> None:
    """Point Django at ``db`` (the CLI's --db), then load it; ``http`` drops the Secure cookie flag."""
    if db:
        if "://" not in db and not Path(db).resolve().parent.is_dir():
            # Name the database the user gave, not the secret-key file Django would fail on first.
            folder = Path(db).resolve().parent
            raise UsageError(Teks(
                f"folder basis data tidak ada: {folder} (buat dulu, atau pilih --db lain)",
                f"the database's folder does not exist: {folder} (create it, or choose another --db)"))
        os.environ["SOPDOC_DB"] = db
    if http:
        os.environ["SOPDOC_WEB_HTTP"] = "1"
    if hosts:
        os.environ["SOPDOC_WEB_HOSTS"] = hosts
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sopdoc.web.settings")
    import django

    django.setup()


def migrate() -> None:
    """Create or upgrade the store and Django's tables, in the one database of ``SOPDOC_DB``."""
    from django.conf import settings
    from django.core.management import call_command

    from sopdoc.execution.store import open_store
    from sopdoc.web.site import is_postgres

    open_store(settings.SOPDOC_STORE, create=True).close()  # refuses a foreign database before Django writes
    call_command("migrate", interactive=False, verbosity=0)
    if not is_postgres(settings.SOPDOC_STORE):
        Path(settings.SOPDOC_STORE).chmod(0o600)  # password hashes and the audit trail: the owner only


def create_admin(username: str) -> str:
    """Create administrator ``username`` with a random one-time password and return it."""
    from django.db import transaction

    from sopdoc.web.akun import audit
    from sopdoc.web.akun.models import Pengguna, Peran

    bad = check_instance_name(username) if username else Teks("nama kosong", "empty name")
    if bad is not None or len(username) > 150:
        raise UsageError(Teks(f"nama pengguna tidak valid: {username!r}", f"invalid user name: {username!r}"))
    if Pengguna.objects.filter(username__iexact=username).exists():
        raise UsageError(Teks(f"pengguna sudah ada: {username}", f"user already exists: {username}"))
    password = secrets.token_urlsafe(12)
    with transaction.atomic():
        user = Pengguna.objects.create_user(username, password=password, peran=Peran.ADMIN, ganti_sandi=True)
        audit.record("sopdoc serve --buat-admin", "buat", "pengguna", user.username, None, user.audit_dict())
    return password


def run(host: str, port: int) -> None:
    """Django's development server (threaded, auto-reload off), static files included."""
    from django.core.management import call_command

    options: dict[str, Any] = {"use_reloader": False, "use_threading": True}
    call_command("runserver", f"{host}:{port}", **options)
