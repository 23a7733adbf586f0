"""CSRF on every form, hostile SOP text shown inert, upload limits, login throttling, production settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.web.conftest import PASSWORD, client_for

HOSTILE = ["<script>alert(1)</script>", "{{ 7*7 }}{% include 'x' %}", '</w:t></w:r><w:r><w:t xml:space="preserve">X',
           '"><img src=x onerror=alert(2)>']


def test_csrf_is_enforced_on_every_form(sop: Any, users: dict[str, Any]) -> None:
    posts = [(reverse("akun:masuk"), None), (reverse("sop:baru"), "penyusun"),
             (reverse("sop:ubah", args=[sop.pk]), "penyusun"), (reverse("sop:pratinjau", args=[sop.pk]), "penyusun"),
             (reverse("sop:transisi", args=[sop.pk, "ajukan"]), "penyusun"), (reverse("sop:unggah"), "penyusun"),
             (reverse("akun:pengguna"), "admin"), (reverse("periode:buka"), "pelaksana"),
             (reverse("akun:keluar"), "admin"), (reverse("set_language"), "admin")]
    for url, role in posts:
        c = Client(enforce_csrf_checks=True)
        if role:
            c.force_login(users[role])
        r = c.post(url, {"judul": "x", "simpan": "1", "username": "admin", "password": "x", "language": "en"})
        assert r.status_code == 403, url


def test_a_form_with_its_token_is_accepted(users: dict[str, Any]) -> None:
    c = Client(enforce_csrf_checks=True)
    page = c.get(reverse("akun:masuk"))
    token = page.cookies["csrftoken"].value
    r = c.post(reverse("akun:masuk"), {"username": "penyusun", "password": PASSWORD, "csrfmiddlewaretoken": token})
    assert r.status_code == 302


def _with_hostile_text(sop: Any, user: Any) -> None:
    from sopdoc.source.reader import load_sop_text
    from sopdoc.source.writer import sop_to_dict
    from sopdoc.web.sop.engine import dump
    from sopdoc.web.sop.views import _save_version

    data = sop_to_dict(load_sop_text(sop.latest().sumber).sop)
    data["identitas"]["nama"] = HOSTILE[0]
    data["dasar_hukum"] = HOSTILE
    data["kegiatan"][0]["uraian"] = HOSTILE[0] + HOSTILE[1]
    data["kegiatan"][1]["mutu_baku"]["output"] = HOSTILE[2]
    _save_version(sop, dump(data), user, HOSTILE[3])


def test_markup_in_sop_text_is_shown_inert(sop: Any, users: dict[str, Any]) -> None:
    _with_hostile_text(sop, users["penyusun"])
    c = client_for(users["penyusun"])
    for url in (reverse("sop:lihat", args=[sop.pk]), reverse("sop:ubah", args=[sop.pk]),
                reverse("sop:versi", args=[sop.pk, 2])):
        html = c.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
    editor = c.get(reverse("sop:ubah", args=[sop.pk])).content.decode()
    assert "{{ 7*7 }}" in editor and "49" not in editor.split("{{ 7*7 }}")[0][-5:]  # Jinja text stays text
    assert "&lt;/w:t&gt;&lt;/w:r&gt;" in editor


def test_hostile_text_reaches_the_documents_as_text(sop: Any, users: dict[str, Any]) -> None:
    import io
    import zipfile

    _with_hostile_text(sop, users["penyusun"])
    c = client_for(users["penyusun"])
    r = c.get(reverse("sop:unduh", args=[sop.pk, "docx"]))
    assert r.status_code == 200
    doc = zipfile.ZipFile(io.BytesIO(b"".join(r.streaming_content) if r.streaming else r.content))
    body = doc.read("word/document.xml").decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "{{ 7*7 }}" in body  # not evaluated by the template sandbox
    assert "&lt;/w:t&gt;&lt;/w:r&gt;&lt;w:r&gt;" in body  # OOXML markup stays text, no run injected


def test_upload_type_and_size_limits(users: dict[str, Any], settings: Any) -> None:
    c = client_for(users["penyusun"])
    r = c.post(reverse("sop:unggah"), {"berkas": SimpleUploadedFile("x.exe", b"MZ\x90\x00")}, follow=True)
    assert "jenis berkas tidak diterima: .exe" in r.content.decode()
    settings.UPLOAD_MAX_BYTES = 1000
    r = c.post(reverse("sop:unggah"), {"berkas": SimpleUploadedFile("x.pdf", b"%PDF-1.4" + b"0" * 2000)}, follow=True)
    assert "berkas terlalu besar: 2008 bita (batas 1000)" in r.content.decode()
    r = c.post(reverse("sop:unggah"), {"berkas": SimpleUploadedFile("x.pdf", b"")}, follow=True)
    assert "berkas kosong" in r.content.decode()


def test_a_broken_document_is_one_line_not_a_traceback(users: dict[str, Any]) -> None:
    c = client_for(users["penyusun"])
    r = c.post(reverse("sop:unggah"), {"berkas": SimpleUploadedFile("rusak.docx", b"PK\x03\x04 not a zip")},
               follow=True)
    html = r.content.decode()
    assert r.status_code == 200 and "tidak ada SOP yang dapat dibaca dari berkas ini" in html
    assert "Traceback" not in html


def test_login_is_throttled(users: dict[str, Any]) -> None:
    c = Client()
    for _ in range(5):
        r = c.post(reverse("akun:masuk"), {"username": "penyusun", "password": "salah"})
        assert r.status_code == 200 and "Nama pengguna atau kata sandi salah." in r.content.decode()
    r = c.post(reverse("akun:masuk"), {"username": "penyusun", "password": PASSWORD})
    assert r.status_code == 429 and "Terlalu banyak percobaan gagal" in r.content.decode()


def test_login_does_not_redirect_off_site(users: dict[str, Any]) -> None:
    r = Client().post(reverse("akun:masuk") + "?next=https://evil.example/", {"username": "penyusun",
                                                                             "password": PASSWORD})
    assert r.status_code == 302 and r["Location"] == "/"


def test_production_settings(tmp_path: Any) -> None:
    """Without SOPDOC_WEB_HTTP: no debug, secure cookies, HSTS; the secret key file is created 0600."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOPDOC_", "DJANGO_"))}
    env["SOPDOC_DB"] = str(tmp_path / "x.db")
    code = ("import json; import sopdoc.web.settings as s; print(json.dumps([s.DEBUG, s.SESSION_COOKIE_SECURE, "
            "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT, "
            "s.DATABASES['default']['NAME']]))")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [False, True, True, 31536000, True, True, str(tmp_path / "x.db")]
    key = tmp_path / ".sopdoc-web-secret"
    assert key.stat().st_mode & 0o777 == 0o600
    again = subprocess.run([sys.executable, "-c", "import sopdoc.web.settings as s; print(s.SECRET_KEY)"], env=env,
                           capture_output=True, text=True, check=True)
    assert again.stdout.strip() == key.read_text().strip()


def test_postgres_url_configures_django() -> None:
    from sopdoc.web.site import database_settings

    got = database_settings("postgresql://sop%40doc:p%2Fw@db.local:5433/sopdoc")
    assert (got["ENGINE"], got["NAME"], got["USER"], got["PASSWORD"], got["HOST"], got["PORT"]) == (
        "django.db.backends.postgresql", "sopdoc", "sop@doc", "p/w", "db.local", "5433")


@pytest.mark.parametrize("header", ["Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"])
def test_security_headers(users: dict[str, Any], header: str) -> None:
    r = client_for(users["inspektur"]).get(reverse("inspeksi:dasbor"))
    assert header in r


def test_a_one_time_password_must_be_changed_first(users: dict[str, Any]) -> None:
    import re

    admin = client_for(users["admin"])
    html = admin.post(reverse("akun:pengguna"), {"p-username": "clerk9", "p-peran": "pelaksana"}).content.decode()
    one_time = re.search(r'id="sandi-baru">[^<]*<code>([^<]+)</code>', html).group(1)
    c = Client()
    assert c.post(reverse("akun:masuk"), {"username": "clerk9", "password": one_time})["Location"] == "/"
    assert c.get(reverse("periode:daftar"))["Location"] == reverse("akun:sandi")
    r = c.post(reverse("akun:sandi"), {"old_password": one_time, "new_password1": "pendek",
                                      "new_password2": "pendek"})
    assert r.status_code == 200 and 'id="galat-sandi"' in r.content.decode()
    new = "Kata-sandi-baru-yang-panjang-7"
    r = c.post(reverse("akun:sandi"), {"old_password": one_time, "new_password1": new, "new_password2": new})
    assert r["Location"] == "/" and c.get(reverse("periode:daftar")).status_code == 200
    assert Client().login(username="clerk9", password=new)


def test_an_import_past_its_time_limit_is_refused_in_one_line(monkeypatch: Any) -> None:
    import time

    from sopdoc.web.sop import upload

    def _stall(path: str) -> Any:
        time.sleep(60)

    monkeypatch.setattr(upload, "_read", _stall)
    monkeypatch.setattr(upload, "WALL_SECONDS", 1)
    started = time.monotonic()
    with pytest.raises(upload.UploadRefused) as refused:
        upload.import_upload(b"%PDF-1.4", ".pdf")
    assert time.monotonic() - started < 20
    assert refused.value.teks.id == "berkas tidak dapat dibaca dalam batas waktu dan memori pengimpor"


def test_an_import_past_its_memory_limit_is_refused_in_one_line(monkeypatch: Any) -> None:
    from sopdoc.web.sop import upload

    def _hog(path: str) -> Any:
        return bytearray(upload.MEMORY_BYTES)  # more than the child may have

    monkeypatch.setattr(upload, "_read", _hog)
    with pytest.raises(upload.UploadRefused) as refused:
        upload.import_upload(b"%PDF-1.4", ".pdf")
    assert refused.value.teks.en == "the file cannot be read within the importer's time and memory limits"


def test_hostile_parameters_never_raise_a_server_error(sop: Any, users: dict[str, Any]) -> None:
    huge = "9" * 30
    c = client_for(users["admin"])
    gets = [f"/sop/{sop.pk}/unduh.pdf?versi={huge}", f"/sop/{huge}/", "/sop/?unit=" + huge, "/sop/?status=<x>",
            "/akun/audit/?hal=-1", "/akun/audit/?hal=" + huge, "/periode/%00/", "/periode/..%2F..%2Fetc/",
            "/inspeksi/?unit=" + huge, "/inspeksi/?aturan=" + "A" * 5000, "/static/../settings.py",
            "/periode/x/laporan.exe", f"/sop/{sop.pk}/versi/{huge}/"]
    for url in gets:
        assert c.get(url).status_code < 500, url
    posts = [(f"/sop/{sop.pk}/pratinjau/", {"n_rows": huge, "k-0-asal": huge, "k-0-ya": huge}),
             (f"/sop/{sop.pk}/ubah/", {"versi": "1", "n_rows": "3", "k-1-asal": "999", "simpan": "1"}),
             ("/periode/buka/", {"sop": huge, "periode": "2026-TW3"}),
             ("/akun/pengguna/1/", {"unit": huge, "peran": "raja", "aktif": "1"})]
    for url, data in posts:
        assert c.post(url, data).status_code < 500, url


def test_a_damaged_store_is_one_line_on_a_page(users: dict[str, Any]) -> None:
    from django.conf import settings

    with open(settings.SOPDOC_STORE, "wb") as f:
        f.write(b"this is not a database" * 100)
    r = client_for(users["inspektur"]).get(reverse("periode:daftar"))
    assert r.status_code == 409
    assert f"bukan basis data sopdoc yang utuh: {settings.SOPDOC_STORE}" in r.content.decode()
