"""Opening a period on the web keeps the Django row (the period's unit) and the store consistent
(issue #17 point 5): the row is written first and removed again when the store's write fails, so
a period never exists in the store without its unit, nor a row without its period."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from sopdoc.errors import SopdocError
from sopdoc.model.diagnostic import Teks
from tests.web.conftest import client_for

NAME = "pengumpulan-data-kinerja-1-2026-TW3"


def _store_instances() -> list[str]:
    from pathlib import Path

    from sopdoc.execution.store import open_store

    if not Path(settings.SOPDOC_STORE).exists():
        return []
    with open_store(settings.SOPDOC_STORE, create=False) as s:
        return [i.name for i in s.instances()]


def _open(c: Client, sop: Any) -> Any:
    return c.post(reverse("periode:buka"), {"sop": sop.pk, "periode": "2026-TW3"}, follow=True)


def test_a_failed_store_write_leaves_no_row(effective_sop: Any, users: dict[str, Any],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from sopdoc.web.akun.models import Audit
    from sopdoc.web.periode import views
    from sopdoc.web.periode.models import Instans

    seen: list[bool] = []

    def failing(store: Any, prepared: Any) -> Any:
        seen.append(Instans.objects.filter(nama=prepared.instance.name).exists())  # the row is written first
        raise SopdocError(Teks("penyimpanan log gagal: disk penuh", "the log store failed: disk full"))

    monkeypatch.setattr(views, "store_period", failing)
    r = _open(client_for(users["pelaksana"]), effective_sop)
    assert seen == [True]
    assert "penyimpanan log gagal: disk penuh" in r.content.decode()
    assert not Instans.objects.exists() and NAME not in _store_instances()
    assert not Audit.objects.filter(aksi="buka-periode").exists()
    monkeypatch.undo()  # the store is back: the same period opens, with its unit
    r = _open(client_for(users["pelaksana"]), effective_sop)
    assert r.redirect_chain[-1][0] == reverse("periode:lihat", args=[NAME])
    assert Instans.objects.get().unit_id == effective_sop.unit_id and _store_instances() == [NAME]


def test_an_unexpected_failure_also_removes_the_row(effective_sop: Any, users: dict[str, Any],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from sopdoc.web.periode import views
    from sopdoc.web.periode.models import Instans

    def broken(store: Any, prepared: Any) -> Any:
        raise RuntimeError("connection lost")

    monkeypatch.setattr(views, "store_period", broken)
    c = Client(raise_request_exception=False)
    c.force_login(users["pelaksana"])
    r = c.post(reverse("periode:buka"), {"sop": effective_sop.pk, "periode": "2026-TW3"})
    assert r.status_code == 500
    assert not Instans.objects.exists() and NAME not in _store_instances()


def test_opening_twice_is_refused_and_keeps_the_first(effective_sop: Any, users: dict[str, Any]) -> None:
    from sopdoc.web.periode.models import Instans

    c = client_for(users["pelaksana"])
    _open(c, effective_sop)
    r = _open(c, effective_sop)
    assert f"periode ini sudah dibuka: {NAME}" in r.content.decode()
    assert Instans.objects.count() == 1 and _store_instances() == [NAME]


def test_a_row_left_by_a_dead_attempt_is_replaced(effective_sop: Any, users: dict[str, Any]) -> None:
    from django.utils import timezone

    from sopdoc.web.akun.models import Audit
    from sopdoc.web.periode.models import Instans

    left = Instans.objects.create(nama=NAME, unit=effective_sop.unit, sop=effective_sop, versi=1,
                                  dibuka_oleh=users["admin"])
    c = client_for(users["pelaksana"])
    r = _open(c, effective_sop)  # a fresh row: maybe another request opening it right now
    assert f"periode ini sudah dibuka: {NAME}" in r.content.decode() and _store_instances() == []
    Instans.objects.filter(pk=left.pk).update(pada=timezone.now() - dt.timedelta(hours=1))
    r = _open(c, effective_sop)
    assert r.redirect_chain[-1][0] == reverse("periode:lihat", args=[NAME])
    row = Instans.objects.get()
    assert row.pk != left.pk and row.dibuka_oleh == users["pelaksana"] and _store_instances() == [NAME]
    assert Audit.objects.filter(aksi="hapus-sisa", objek_id=NAME).exists()
