"""Authors: create, edit (every save a version), live preview with findings beside the fields,
upload through the importers, downloads, lifecycle with who/when/meaning, the audit trail."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.web.conftest import client_for

DATA = Path(__file__).resolve().parents[1] / "data"


def form_of(html: str) -> dict[str, Any]:
    """The editor form of a page as the browser would submit it."""
    import re
    from html import unescape

    form = html[html.index('id="form-editor"'):]
    data: dict[str, Any] = {}
    for m in re.finditer(r'<input type="(?:text|hidden)" name="([^"]+)"[^>]*?value="([^"]*)"', form):
        data[m.group(1)] = unescape(m.group(2))
    for m in re.finditer(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data[m.group(1)] = unescape(m.group(2))
    for m in re.finditer(r'<select name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        sel = re.search(r'<option value="([^"]*)" selected', m.group(2))
        data[m.group(1)] = unescape(sel.group(1)) if sel else ""
    for m in re.finditer(r'<input type="checkbox" name="([^"]+)" value="([^"]*)" checked', form):
        data.setdefault(m.group(1), []).append(unescape(m.group(2)))
    data.pop("csrfmiddlewaretoken", None)
    return data


def _editor_post(sop: Any, c: Any, **changes: str) -> dict[str, Any]:
    """The editor form as the browser would submit it for the SOP's current version (from the page)."""
    data = form_of(c.get(reverse("sop:ubah", args=[sop.pk])).content.decode())
    data.update(changes)
    return data


def test_create_opens_the_editor_with_version_1(users: dict[str, Any]) -> None:
    from sopdoc.web.sop.models import Sop

    c = client_for(users["penyusun"])
    r = c.post(reverse("sop:baru"), {"judul": "Pelayanan Surat Keterangan"})
    sop = Sop.objects.get(judul="Pelayanan Surat Keterangan")
    assert r["Location"] == reverse("sop:ubah", args=[sop.pk])
    assert sop.unit.kode == "ortala" and sop.status == "draft" and sop.versi.count() == 1


def test_an_unchanged_save_adds_no_version_and_a_change_adds_one(sop: Any, users: dict[str, Any]) -> None:
    c = client_for(users["penyusun"])
    c.post(reverse("sop:ubah", args=[sop.pk]), _editor_post(sop, c, simpan="1"))
    assert sop.versi.count() == 1  # the form round-trips the example exactly
    data = _editor_post(sop, c, simpan="1", catatan="uraian diperjelas")
    data["k-0-uraian"] = "Menyiapkan formulir pengumpulan data kinerja"
    c.post(reverse("sop:ubah", args=[sop.pk]), data)
    assert sop.versi.count() == 2
    latest = sop.latest()
    assert "Menyiapkan formulir pengumpulan data kinerja" in latest.sumber and latest.catatan == "uraian diperjelas"
    diff = c.get(reverse("sop:versi", args=[sop.pk, 2])).content.decode()
    assert "+  uraian: Menyiapkan formulir pengumpulan data kinerja" in diff


def test_a_stale_editor_does_not_overwrite_a_newer_version(sop: Any, users: dict[str, Any]) -> None:
    c = client_for(users["penyusun"])
    stale = _editor_post(sop, c, simpan="1")
    fresh = dict(stale, **{"k-0-uraian": "Versi dua"})
    c.post(reverse("sop:ubah", args=[sop.pk]), fresh)
    stale["k-0-uraian"] = "Versi basi"
    r = c.post(reverse("sop:ubah", args=[sop.pk]), stale, follow=True)
    assert sop.versi.count() == 2 and "Versi basi" not in sop.latest().sumber
    assert "sudah disimpan orang lain" in r.content.decode()


def test_preview_shows_the_flowchart_and_findings_beside_the_field(sop: Any, users: dict[str, Any]) -> None:
    c = client_for(users["penyusun"])
    data = _editor_post(sop, c)
    r = c.post(reverse("sop:pratinjau", args=[sop.pk]), data)
    html = r.content.decode()
    assert r.status_code == 200 and "<svg" in html and "0 galat" in html
    data["k-2-waktu"] = "kira-kira sebentar"  # not in the waktu grammar
    html = c.post(reverse("sop:pratinjau", args=[sop.pk]), data).content.decode()
    slot = html[html.index('id="temuan-k-2"'):]
    slot = slot[:slot.index("</div>")]
    assert "kegiatan[2].mutu_baku.waktu" in slot and "kira-kira sebentar" in slot
    assert sop.versi.count() == 1  # a preview saves nothing


def test_adding_a_decision_step_with_targets(sop: Any, users: dict[str, Any]) -> None:
    c = client_for(users["penyusun"])
    data = _editor_post(sop, c, tambah="1")
    html = c.post(reverse("sop:ubah", args=[sop.pk]), data).content.decode()
    assert 'id="langkah-10"' in html and 'id="langkah-11"' not in html  # an eleventh row, not saved yet
    assert sop.versi.count() == 1
    data = _editor_post(sop, c, simpan="1")
    n = int(data["n_rows"])
    data.update({"n_rows": str(n + 1), f"k-{n}-asal": "-1", f"k-{n}-uraian": "Memeriksa kelengkapan data",
                 f"k-{n}-simbol": "keputusan", f"k-{n}-ya": "3", f"k-{n}-tidak": "1",
                 f"k-{n}-pelaksana": data["pelaksana"].splitlines()[:1], f"k-{n}-waktu": "30 menit"})
    c.post(reverse("sop:ubah", args=[sop.pk]), data)
    from sopdoc.source.reader import load_sop_text

    step = load_sop_text(sop.latest().sumber).sop.kegiatan[-1]
    assert (step.no, step.simbol.value, step.cabang.ya, step.cabang.tidak) == (11, "keputusan", 3, 1)


def test_deleting_a_step_keeps_the_others(sop: Any, users: dict[str, Any]) -> None:
    c = client_for(users["penyusun"])
    data = _editor_post(sop, c, simpan="1")
    data["k-3-hapus"] = "1"
    c.post(reverse("sop:ubah", args=[sop.pk]), data)
    from sopdoc.source.reader import load_sop_text

    before = load_sop_text(sop.versi.get(nomor=1).sumber).sop
    after = load_sop_text(sop.latest().sumber).sop
    assert [k.uraian for k in after.kegiatan] == [k.uraian for i, k in enumerate(before.kegiatan) if i != 3]
    assert [k.no for k in after.kegiatan] == list(range(1, len(before.kegiatan)))


def test_upload_of_a_signed_pdf_lands_in_the_editor_with_the_import_findings(users: dict[str, Any]) -> None:
    from sopdoc.web.sop.models import Sop

    expected = json.loads((DATA / "import-expected" / "bps-022-pembuatan-naskah-dinas.json").read_text())
    pdf = (DATA / "corpus" / "bps" / "bps-022-pembuatan-naskah-dinas.pdf").read_bytes()
    c = client_for(users["penyusun"])
    r = c.post(reverse("sop:unggah"), {"berkas": SimpleUploadedFile("naskah.pdf", pdf, "application/pdf")})
    sop = Sop.objects.get()
    assert r["Location"] == reverse("sop:ubah", args=[sop.pk])
    assert sop.judul == expected["nama"]
    page = c.get(r["Location"]).content.decode()
    assert page.count('<tr id="langkah-') == expected["steps"]
    for actor in expected["actors"]:
        assert f'value="{actor}"' in page


def test_downloads(sop: Any, users: dict[str, Any]) -> None:
    c = client_for(users["inspektur"])
    pdf = c.get(reverse("sop:unduh", args=[sop.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and pdf["Content-Type"] == "application/pdf"
    docx = c.get(reverse("sop:unduh", args=[sop.pk, "docx"]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert c.get(reverse("sop:unduh", args=[sop.pk, "exe"])).status_code == 404


def test_lifecycle_records_who_when_and_meaning(sop: Any, users: dict[str, Any]) -> None:
    author, second = client_for(users["penyusun"]), client_for(users["penyusun2"])
    author.post(reverse("sop:transisi", args=[sop.pk, "ajukan"]), {"catatan": "siap"})
    r = author.post(reverse("sop:transisi", args=[sop.pk, "setujui"]), follow=True)
    assert "empat mata" in r.content.decode()
    second.post(reverse("sop:transisi", args=[sop.pk, "setujui"]))
    second.post(reverse("sop:transisi", args=[sop.pk, "berlakukan"]))
    sop.refresh_from_db()
    assert sop.status == "effective"
    rows = [(t.dari, t.ke, t.makna, t.oleh.username, t.versi.nomor) for t in sop.transisi.all()]
    assert rows == [("draft", "review", "kepengarangan", "penyusun", 1),
                    ("review", "approved", "persetujuan", "penyusun2", 1),
                    ("approved", "effective", "pemberlakuan", "penyusun2", 1)]
    assert author.get(reverse("sop:ubah", args=[sop.pk]))["Location"] == reverse("sop:lihat", args=[sop.pk])


def test_a_draft_with_errors_cannot_be_submitted(users: dict[str, Any]) -> None:
    from sopdoc.web.sop.models import Sop

    c = client_for(users["penyusun"])
    c.post(reverse("sop:baru"), {"judul": "Kosong"})
    sop = Sop.objects.get(judul="Kosong")
    assert sop.galat > 0
    r = c.post(reverse("sop:transisi", args=[sop.pk, "ajukan"]), follow=True)
    sop.refresh_from_db()
    assert sop.status == "draft" and "galat; perbaiki dulu" in r.content.decode()


def test_every_change_is_in_the_audit_trail(sop: Any, users: dict[str, Any]) -> None:
    from sopdoc.web.akun.models import Audit

    c = client_for(users["penyusun"])
    before = Audit.objects.count()
    data = _editor_post(sop, c, simpan="1")
    data["identitas.nomor"] = "800/099/2026"
    c.post(reverse("sop:ubah", args=[sop.pk]), data)
    c.post(reverse("sop:transisi", args=[sop.pk, "ajukan"]))
    admin = client_for(users["admin"])
    admin.post(reverse("akun:pengguna"), {"p-username": "baru", "p-peran": "pelaksana"})
    rows = list(Audit.objects.order_by("id")[before:])
    assert [(a.oleh, a.aksi, a.objek) for a in rows] == [
        ("penyusun", "simpan-versi", "sop"), ("penyusun", "transisi:ajukan", "sop"), ("admin", "buat", "pengguna")]
    assert rows[0].sebelum["versi"] == 1 and rows[0].sesudah["versi"] == 2
    assert rows[1].sebelum["status"] == "draft" and rows[1].sesudah["status"] == "review"
    assert "baru" in client_for(users["inspektur"]).get(reverse("akun:audit")).content.decode()


def test_english_switch(users: dict[str, Any]) -> None:
    c = client_for(users["penyusun"])
    assert "Daftar SOP" in c.get(reverse("sop:daftar")).content.decode()
    c.post(reverse("set_language"), {"language": "en", "next": "/sop/"})
    html = c.get(reverse("sop:daftar")).content.decode()
    assert "SOP list" in html and "Daftar SOP" not in html and '<html lang="en">' in html


def test_indonesian_even_when_the_browser_asks_for_english(users: dict[str, Any]) -> None:
    html = client_for(users["penyusun"]).get(reverse("sop:daftar"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Daftar SOP" in html.content.decode()


def test_structural_diff_between_versions(sop: Any, users: dict[str, Any]) -> None:
    c = client_for(users["penyusun"])
    data = _editor_post(sop, c, simpan="1")
    data["k-0-uraian"] = "Mendisposisikan pengumpulan data"
    data["identitas.alamat"] = ""
    data["k-1-waktu"] = "2 jam"
    c.post(reverse("sop:ubah", args=[sop.pk]), data)
    from sopdoc.web.sop.diff import structural_diff

    changes = structural_diff(sop.versi.get(nomor=1).sumber, sop.latest().sumber)
    assert changes == [
        ("hapus", "identitas.alamat", "Jl. A. Yani Km 4 Paringin Selatan, Kabupaten Balangan, Kalimantan Selatan", ""),
        ("ubah", "kegiatan[0].uraian", "Mendisposisikan pengumpulan data kinerja triwulan kepada Sekretaris",
         "Mendisposisikan pengumpulan data"),
        ("ubah", "kegiatan[1].mutu_baku.waktu", "1 jam", "2 jam"),
    ]
    html = c.get(reverse("sop:versi", args=[sop.pk, 2])).content.decode()
    assert '<tr class="perubahan-ubah"><td>ubah</td><td><code>kegiatan[1].mutu_baku.waktu</code></td>' in html


def test_status_history_shows_labels_not_stored_codes(effective_sop: Any, users: dict[str, Any]) -> None:
    def history(c: Any) -> str:
        html = c.get(reverse("sop:lihat", args=[effective_sop.pk])).content.decode()
        table = html[html.index('id="tabel-transisi"'):]
        return table[:table.index("</table>")]

    c = client_for(users["inspektur"])
    rows = history(c)
    assert "Konsep → Ditinjau" in rows and "Ditinjau → Disetujui" in rows and "Disetujui → Berlaku" in rows
    assert "draft" not in rows and "review" not in rows and "effective" not in rows
    assert "persetujuan" in rows
    c.post(reverse("set_language"), {"language": "en", "next": "/"})
    rows = history(c)
    assert "Draft → In review" in rows and "Approved → Effective" in rows and "approval" in rows
    assert "Konsep" not in rows and "persetujuan" not in rows
