"""Fixtures of the web tests: a unit with one user per role, a second unit, an SOP from the examples."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("django")

from django.conf import settings
from django.test import Client

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "pengumpulan-data-kinerja.sop.yaml"
PASSWORD = "kata-sandi-uji-123"


@pytest.fixture(autouse=True)
def _fresh_store(tmp_path: Path) -> Iterator[None]:
    """Each test its own log store file (the store is outside Django's test transaction)."""
    saved = settings.SOPDOC_STORE
    settings.SOPDOC_STORE = str(tmp_path / "sopdoc.db")
    yield
    settings.SOPDOC_STORE = saved


@pytest.fixture
def units(db: Any) -> dict[str, Any]:
    from sopdoc.web.akun.models import Unit

    return {"a": Unit.objects.create(kode="ortala", nama="Bagian Organisasi"),
            "b": Unit.objects.create(kode="keuangan", nama="Bagian Keuangan")}


@pytest.fixture
def users(units: dict[str, Any]) -> dict[str, Any]:
    """One user per role in unit a (the clerk holds the job title 'Kepala Dinas'), an author of unit b
    ('penyusun_b') and a second author ('penyusun2')."""
    from sopdoc.web.akun.models import Pengguna

    out = {}
    for role in ("penyusun", "pelaksana", "inspektur", "admin"):
        out[role] = Pengguna.objects.create_user(role, password=PASSWORD, peran=role,
                                                 unit=None if role in ("inspektur", "admin") else units["a"],
                                                 jabatan="Kepala Dinas" if role == "pelaksana" else "")
    out["penyusun2"] = Pengguna.objects.create_user("penyusun2", password=PASSWORD, peran="penyusun", unit=units["a"])
    out["penyusun_b"] = Pengguna.objects.create_user("penyusun_b", password=PASSWORD, peran="penyusun",
                                                     unit=units["b"])
    out["pelaksana_b"] = Pengguna.objects.create_user("pelaksana_b", password=PASSWORD, peran="pelaksana",
                                                      unit=units["b"])
    return out


def client_for(user: Any | None) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


@pytest.fixture
def sop(users: dict[str, Any], units: dict[str, Any]) -> Any:
    """The example SOP as version 1 of a draft of unit a."""
    from sopdoc.web.sop.models import Sop
    from sopdoc.web.sop.views import _save_version

    s = Sop.objects.create(unit=units["a"], judul="Pengumpulan Data Kinerja", dibuat_oleh=users["penyusun"])
    _save_version(s, EXAMPLE.read_text(encoding="utf-8"), users["penyusun"], "contoh")
    return s


@pytest.fixture
def effective_sop(sop: Any, users: dict[str, Any]) -> Any:
    """The example SOP taken through the lifecycle to effective (two different authors)."""
    from sopdoc.web.sop import lifecycle

    lifecycle.apply(sop, lifecycle.MOVES["ajukan"], users["penyusun"], "")
    sop.refresh_from_db()
    lifecycle.apply(sop, lifecycle.MOVES["setujui"], users["penyusun2"], "")
    sop.refresh_from_db()
    lifecycle.apply(sop, lifecycle.MOVES["berlakukan"], users["penyusun2"], "")
    sop.refresh_from_db()
    return sop
