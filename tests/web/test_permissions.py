"""Every role against every page: allowed (not 403) or 403; anonymous users go to the login page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.web.conftest import client_for

ROLES = ("penyusun", "pelaksana", "inspektur", "admin")
READ_SOP = {"penyusun", "pelaksana", "inspektur", "admin"}
AUTHORS = {"penyusun", "admin"}
CLERK_READ = {"pelaksana", "inspektur", "admin"}
CLERKS = {"pelaksana", "admin"}
INSPECT = {"inspektur", "admin"}


@pytest.fixture
def instance(effective_sop: Any, users: dict[str, Any]) -> str:
    c = client_for(users["pelaksana"])
    r = c.post(reverse("periode:buka"), {"sop": effective_sop.pk, "periode": "2026-TW3"})
    assert r.status_code == 302, r.content
    return str(r["Location"].rstrip("/").rsplit("/", 1)[-1])


def _pages(sop: Any, instance: str, other: Any) -> list[tuple[str, str, str, dict[str, Any], set[str]]]:
    """(label, method, url, data, roles allowed)."""
    return [
        ("beranda", "get", reverse("beranda"), {}, set(ROLES)),
        ("pengguna", "get", reverse("akun:pengguna"), {}, {"admin"}),
        ("audit", "get", reverse("akun:audit"), {}, INSPECT),
        ("sop-daftar", "get", reverse("sop:daftar"), {}, {"penyusun", "inspektur", "admin"}),
        ("sop-baru", "get", reverse("sop:baru"), {}, AUTHORS),
        ("sop-lihat", "get", reverse("sop:lihat", args=[sop.pk]), {}, READ_SOP),
        ("sop-versi", "get", reverse("sop:versi", args=[sop.pk, 1]), {}, READ_SOP),
        ("sop-unduh", "get", reverse("sop:unduh", args=[sop.pk, "yaml"]), {}, READ_SOP),
        ("sop-ubah", "get", reverse("sop:ubah", args=[sop.pk]), {}, AUTHORS),
        ("sop-pratinjau", "post", reverse("sop:pratinjau", args=[sop.pk]), {"n_rows": "0"}, AUTHORS),
        ("sop-transisi", "post", reverse("sop:transisi", args=[sop.pk, "revisi"]), {}, AUTHORS),
        ("sop-unggah", "post", reverse("sop:unggah"), {}, AUTHORS),
        ("pengguna-ubah", "post", reverse("akun:pengguna_ubah", args=[other.pk]), {"aksi": "sandi"}, {"admin"}),
        ("periode-daftar", "get", reverse("periode:daftar"), {}, CLERK_READ),
        ("periode-terlambat", "get", reverse("periode:terlambat"), {}, CLERK_READ),
        ("periode-lihat", "get", reverse("periode:lihat", args=[instance]), {}, CLERK_READ),
        ("periode-laporan", "get", reverse("periode:laporan", args=[instance, "docx"]), {}, CLERK_READ),
        ("periode-buka", "post", reverse("periode:buka"), {"sop": sop.pk, "periode": "bad"}, CLERKS),
        ("periode-catat", "post", reverse("periode:catat", args=[instance]), {"langkah": "x"}, CLERKS),
        ("dasbor", "get", reverse("inspeksi:dasbor"), {}, INSPECT),
        ("ekspor", "get", reverse("inspeksi:ekspor", args=["temuan"]), {}, INSPECT),
        ("ekspor-xlsx", "get", reverse("inspeksi:ekspor_as", args=["periode", "xlsx"]), {}, INSPECT),
        ("ekspor-sarif", "get", reverse("inspeksi:ekspor_as", args=["temuan", "sarif"]), {}, INSPECT),
    ]


def test_every_role_against_every_page(effective_sop: Any, instance: str, users: dict[str, Any]) -> None:
    wrong = []
    for label, method, url, data, allowed in _pages(effective_sop, instance, users["pelaksana_b"]):
        for role in ROLES:
            c = client_for(users[role])
            r = getattr(c, method)(url, data)
            if (r.status_code == 403) == (role in allowed) or r.status_code >= 500:
                wrong.append((label, role, r.status_code))
    assert wrong == []


def test_anonymous_users_are_sent_to_the_login_page(effective_sop: Any, instance: str, users: dict[str, Any]) -> None:
    for label, method, url, data, _allowed in _pages(effective_sop, instance, users["pelaksana_b"]):
        r = getattr(client_for(None), method)(url, data)
        assert r.status_code == 302 and r["Location"].startswith(reverse("akun:masuk")), label


def test_other_units_are_refused(effective_sop: Any, instance: str, users: dict[str, Any]) -> None:
    author_b, clerk_b = client_for(users["penyusun_b"]), client_for(users["pelaksana_b"])
    assert author_b.get(reverse("sop:lihat", args=[effective_sop.pk])).status_code == 403
    assert author_b.get(reverse("sop:ubah", args=[effective_sop.pk])).status_code == 403
    assert author_b.post(reverse("sop:transisi", args=[effective_sop.pk, "revisi"])).status_code == 403
    assert clerk_b.get(reverse("periode:lihat", args=[instance])).status_code == 403
    assert clerk_b.post(reverse("periode:catat", args=[instance]), {"langkah": "1"}).status_code == 403
    assert clerk_b.post(reverse("periode:buka"), {"sop": effective_sop.pk, "periode": "2026-TW4"}).status_code == 403
    assert instance not in clerk_b.get(reverse("periode:daftar")).content.decode()
    assert "Pengumpulan Data Kinerja" not in author_b.get(reverse("sop:daftar")).content.decode()


def test_inspectors_never_write(effective_sop: Any, instance: str, users: dict[str, Any]) -> None:
    c = client_for(users["inspektur"])
    assert c.post(reverse("sop:baru"), {"judul": "X"}).status_code == 403
    assert c.post(reverse("sop:ubah", args=[effective_sop.pk]), {"simpan": "1"}).status_code == 403
    assert c.post(reverse("periode:catat", args=[instance]), {"langkah": "1"}).status_code == 403
    assert c.post(reverse("akun:pengguna"), {"p-username": "x", "p-peran": "admin"}).status_code == 403
