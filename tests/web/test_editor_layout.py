"""The editor page's layout (the step table across the page, growing text fields): what the server
side of it must keep. Its look in a real browser is tested in e2e/test_editor_layout.py."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.web.conftest import client_for
from tests.web.test_authoring import _editor_post


def test_output_and_remarks_are_growing_fields_saved_on_one_line(sop: Any, users: dict[str, Any]) -> None:
    from sopdoc.source.reader import load_sop_text

    c = client_for(users["penyusun"])
    page = c.get(reverse("sop:ubah", args=[sop.pk])).content.decode()
    assert '<textarea name="k-0-output" class="satu-baris" rows="1">' in page
    assert '<textarea name="k-0-keterangan" class="satu-baris" rows="1" placeholder="keterangan">' in page
    data = _editor_post(sop, c, simpan="1")
    data["k-0-output"] = "Disposisi\r\n  Pengumpulan Data Kinerja \r\n"  # Enter pressed in the field
    data["k-0-keterangan"] = "Bila perlu,\nlewat surel"
    c.post(reverse("sop:ubah", args=[sop.pk]), data)
    saved = load_sop_text(sop.latest().sumber).sop
    assert saved is not None
    step = saved.kegiatan[0]
    assert step.mutu_baku.output == "Disposisi Pengumpulan Data Kinerja"
    assert step.keterangan == "Bila perlu, lewat surel"


def test_the_keyboard_order_stays_identity_boxes_steps_save_then_preview(sop: Any, users: dict[str, Any]) -> None:
    """The grid places the preview beside the fields; the document order (the Tab order) is unchanged."""
    page = client_for(users["penyusun"]).get(reverse("sop:ubah", args=[sop.pk])).content.decode()
    marks = ['class="editor-atas"', 'id="bagian-identitas"', 'id="bagian-kotak"', 'class="editor-langkah"',
             'id="f-pelaksana"', 'id="tabel-langkah"', 'id="tombol-simpan"', 'id="pratinjau"']
    where = [page.index(m) for m in marks]
    assert where == sorted(where)


def test_enter_in_a_field_neither_saves_nor_moves_a_step(sop: Any, users: dict[str, Any]) -> None:
    """Browsers submit with the form's first submit button on Enter: it must be the harmless
    refresh, not a row's ↑/↓/+/✕ or the save button."""
    import re

    c = client_for(users["penyusun"])
    page = c.get(reverse("sop:ubah", args=[sop.pk])).content.decode()
    form = page[page.index('id="form-editor"'):]
    first = re.search(r'<button type="submit"[^>]*>', form)
    assert first is not None and 'name="perbarui"' in first.group(0), first
    versions = sop.versi.count()
    data = _editor_post(sop, c, simpan="1")
    del data["simpan"]
    data["perbarui"] = "1"
    data["k-0-output"] = "Disposisi baru"
    response = c.post(reverse("sop:ubah", args=[sop.pk]), data)
    assert response.status_code == 200 and "Disposisi baru" in response.content.decode()
    assert sop.versi.count() == versions
