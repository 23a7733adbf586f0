"""'My steps waiting' per role (issue #17 point 5): an administrator gives a clerk her job titles
(jabatan); the clerk's waiting list holds exactly the due steps whose pelaksana is one of them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from tests.web.conftest import client_for

NAME = "pengumpulan-data-kinerja-1-2026-TW3"
# examples/pengumpulan-data-kinerja.sop.yaml, read by a person: the actor of each step 1-10
KEPALA_DINAS = {1, 8}
SEKRETARIS = {2, 7}
KASUBAG_PROGRAM = {6, 9}


@pytest.fixture
def opened(effective_sop: Any, users: dict[str, Any]) -> Any:
    r = client_for(users["pelaksana"]).post(reverse("periode:buka"), {"sop": effective_sop.pk, "periode": "2026-TW3"})
    assert r["Location"] == reverse("periode:lihat", args=[NAME])
    return r


def _waiting(user: Any, **query: str) -> tuple[set[int], str]:
    html = client_for(user).get(reverse("periode:terlambat"), query).content.decode()
    return {int(n) for n in re.findall(rf'id="tunggu-{re.escape(NAME)}-(\d+)"', html)}, html


def test_a_clerk_sees_exactly_her_steps(opened: Any, users: dict[str, Any]) -> None:
    # the period started in October 2026, so every step of the main path is due by now
    steps, html = _waiting(users["pelaksana"])  # job title: Kepala Dinas
    assert steps == KEPALA_DINAS
    assert "Langkah saya yang menunggu" in html and 'id="jabatan-saya"' in html and "Kepala Dinas" in html
    assert 'name="peran"' not in html  # no free-text filter any more
    everything, _html = _waiting(users["pelaksana"], lingkup="unit")
    assert everything == set(range(1, 11))


def test_the_administrator_sets_job_titles_and_the_list_follows(opened: Any, users: dict[str, Any],
                                                                 units: dict[str, Any]) -> None:
    from sopdoc.web.akun.models import Audit, Pengguna

    clerk = Pengguna.objects.create_user("sari", password="x-y-z-123456", peran="pelaksana", unit=units["a"])
    steps, html = _waiting(clerk)
    assert steps == set() and 'id="tanpa-jabatan"' in html
    admin = client_for(users["admin"])
    r = admin.post(reverse("akun:pengguna_ubah", args=[clerk.pk]),
                   {"unit": str(units["a"].pk), "peran": "pelaksana", "aktif": "1",
                    "jabatan": "  kasubag   program\r\nSekretaris\n\nSekretaris\n"})
    assert r.status_code == 302
    clerk.refresh_from_db()
    assert clerk.jabatan_list == ["kasubag program", "Sekretaris"]
    row = Audit.objects.filter(aksi="ubah", objek="pengguna", objek_id="sari").get()
    assert (row.sebelum["jabatan"], row.sesudah["jabatan"]) == ([], ["kasubag program", "Sekretaris"])
    steps, _html = _waiting(clerk)
    assert steps == SEKRETARIS | KASUBAG_PROGRAM  # matched case- and space-insensitively
    # a change of role or unit that does not send the job titles keeps them
    admin.post(reverse("akun:pengguna_ubah", args=[clerk.pk]), {"unit": str(units["a"].pk), "peran": "pelaksana",
                                                              "aktif": "1"})
    clerk.refresh_from_db()
    assert clerk.jabatan_list == ["kasubag program", "Sekretaris"]


def test_a_new_user_gets_job_titles_from_the_start(users: dict[str, Any], units: dict[str, Any]) -> None:
    from sopdoc.web.akun.models import Pengguna

    r = client_for(users["admin"]).post(reverse("akun:pengguna"), {
        "p-username": "budi", "p-peran": "pelaksana", "p-unit": str(units["a"].pk), "p-jabatan": "Kepala Bidang\n"})
    assert r.status_code == 200 and 'id="sandi-baru"' in r.content.decode()
    assert Pengguna.objects.get(username="budi").jabatan_list == ["Kepala Bidang"]


def test_other_units_and_readers(opened: Any, users: dict[str, Any]) -> None:
    from sopdoc.web.akun.models import Pengguna

    other = Pengguna.objects.get(username="pelaksana_b")
    other.jabatan = "Kepala Dinas"
    other.save()
    assert _waiting(other)[0] == set()  # the same job title in another unit: not her period
    assert _waiting(other, lingkup="unit")[0] == set()
    steps, html = _waiting(users["inspektur"])  # inspectors read every step, no "mine"
    assert steps == set(range(1, 11)) and 'id="lingkup"' not in html
    assert _waiting(users["admin"])[0] == set(range(1, 11))


def test_english(opened: Any, users: dict[str, Any]) -> None:
    c = client_for(users["pelaksana"])
    c.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = c.get(reverse("periode:terlambat")).content.decode()
    assert "My steps waiting" in html and "Your job titles:" in html
