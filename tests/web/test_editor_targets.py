"""Decision targets by step picker (issue #17 point 4): a decision's Ya/Tidak are chosen from the
SOP's steps, follow their steps when rows are deleted, inserted or moved, and a target naming no
step is kept and shown with the checker's finding beside the pickers."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from django.urls import reverse

from tests.web.conftest import client_for
from tests.web.test_authoring import _editor_post, form_of

# examples/pengumpulan-data-kinerja.sop.yaml: step 6 (row 5) decides; ya → 7, tidak → 5
PARAF = "Memaraf draf laporan kinerja triwulan"
SUSUN = "Menyusun draf laporan kinerja triwulan"


def _chosen(html: str, name: str) -> str:
    """The label of the option chosen in the select ``name``."""
    select = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None, name
    option = re.search(r'<option value="[^"]*" selected>([^<]*)</option>', select.group(1))
    return unescape(option.group(1)) if option else ""


def _saved(sop: Any) -> Any:
    from sopdoc.source.reader import load_sop_text

    return load_sop_text(sop.latest().sumber).sop


def test_the_pickers_list_the_steps_and_show_the_targets(sop: Any, users: dict[str, Any]) -> None:
    html = client_for(users["penyusun"]).get(reverse("sop:ubah", args=[sop.pk])).content.decode()
    assert _chosen(html, "k-5-ya") == f"7 — {PARAF}"
    assert _chosen(html, "k-5-tidak") == f"5 — {SUSUN}"
    options = re.search(r'<select name="k-0-ya"[^>]*>(.*?)</select>', html, re.S).group(1)  # type: ignore[union-attr]
    assert options.count("<option") == 11
    assert "10 — Mengarsipkan laporan kinerja triwulan beserta t…</option>" in options


def test_deleting_a_step_renumbers_the_targets(sop: Any, users: dict[str, Any]) -> None:
    c = client_for(users["penyusun"])
    data = _editor_post(sop, c, simpan="1")
    data["k-3-hapus"] = "1"  # step 4 goes: the decision becomes step 5, its targets 6 and 4
    c.post(reverse("sop:ubah", args=[sop.pk]), data)
    decision = _saved(sop).kegiatan[4]
    assert (decision.no, decision.cabang.ya, decision.cabang.tidak) == (5, 6, 4)
    steps = {k.no: k.uraian for k in _saved(sop).kegiatan}
    assert (steps[6], steps[4]) == (PARAF, SUSUN)


def test_deleting_a_target_leaves_the_decision_without_it_and_says_so(sop: Any, users: dict[str, Any]) -> None:
    c = client_for(users["penyusun"])
    data = _editor_post(sop, c)
    data["k-6-hapus"] = "1"  # step 7, the Ya target, goes
    html = c.post(reverse("sop:ubah", args=[sop.pk]), data).content.decode()
    assert _chosen(html, "k-5-ya") == "—" and _chosen(html, "k-5-tidak") == f"5 — {SUSUN}"  # none chosen
    slot = html[html.index('id="temuan-k-5-cabang"'):]
    slot = slot[:slot.index("</div>")]
    assert "SOP3" in slot and "keputusan tanpa cabang ya dan tidak" in slot
    assert sop.versi.count() == 1  # shown, not saved


def test_inserting_a_step_keeps_the_targets(sop: Any, users: dict[str, Any]) -> None:
    c = client_for(users["penyusun"])
    data = _editor_post(sop, c)
    data["k-0-sisip"] = "1"  # a new step 2: the decision is now row 6 (step 7), its targets 8 and 6
    html = c.post(reverse("sop:ubah", args=[sop.pk]), data).content.decode()
    assert 'id="langkah-10"' in html and 'id="langkah-11"' not in html.replace('id="langkah-10"', "")
    assert _chosen(html, "k-6-ya") == f"8 — {PARAF}" and _chosen(html, "k-6-tidak") == f"6 — {SUSUN}"
    assert re.search(r'<textarea name="k-1-uraian"[^>]*></textarea>', html)  # the inserted, empty row
    assert sop.versi.count() == 1  # a row button re-draws the form; it does not save


def test_moving_a_step_keeps_the_targets(sop: Any, users: dict[str, Any]) -> None:
    c = client_for(users["penyusun"])
    data = _editor_post(sop, c)
    data["k-6-naik"] = "1"  # step 7 (Memaraf) moves above the decision: it is step 6, the decision step 7
    html = c.post(reverse("sop:ubah", args=[sop.pk]), data).content.decode()
    assert _chosen(html, "k-6-ya") == f"6 — {PARAF}" and _chosen(html, "k-6-tidak") == f"5 — {SUSUN}"
    data = _editor_post(sop, c)
    data["k-5-turun"] = "1"  # the same move from the other row
    html2 = c.post(reverse("sop:ubah", args=[sop.pk]), data).content.decode()
    assert _chosen(html2, "k-6-ya") == f"6 — {PARAF}" and _chosen(html2, "k-6-tidak") == f"5 — {SUSUN}"
    # saving the moved form keeps the decision pointing at the same steps
    moved = {**form_of(html), "simpan": "1"}
    c.post(reverse("sop:ubah", args=[sop.pk]), moved)
    decision = _saved(sop).kegiatan[6]
    assert (decision.no, decision.cabang.ya, decision.cabang.tidak) == (7, 6, 5)
    assert _saved(sop).kegiatan[5].uraian == PARAF


def test_a_target_naming_no_step_is_kept_and_its_finding_shown_beside_it(sop: Any, users: dict[str, Any]) -> None:
    from sopdoc.web.sop.views import _save_version

    source = sop.latest().sumber.replace("    ya: 7\n    tidak: 5\n", "    ya: 99\n    tidak: 5\n")
    assert "ya: 99" in source
    _save_version(sop, source, users["penyusun"], "sasaran salah")
    c = client_for(users["penyusun"])
    html = c.get(reverse("sop:ubah", args=[sop.pk])).content.decode()
    assert _chosen(html, "k-5-ya") == "99 (tidak ada)"
    slot = html[html.index('id="temuan-k-5-cabang"'):]
    slot = slot[:slot.index("</div>")]
    assert "cabang menuju kegiatan 99 yang tidak ada" in slot
    data = _editor_post(sop, c)
    assert data["k-5-ya"] == "?99"
    preview = c.post(reverse("sop:pratinjau", args=[sop.pk]), data).content.decode()
    slot = preview[preview.index('id="temuan-k-5-cabang"'):]
    assert "cabang menuju kegiatan 99 yang tidak ada" in slot[:slot.index("</div>")]
    data["k-5-ya"] = "7"  # picked: fixed
    preview = c.post(reverse("sop:pratinjau", args=[sop.pk]), data).content.decode()
    slot = preview[preview.index('id="temuan-k-5-cabang"'):]
    assert "<li" not in slot[:slot.index("</div>")]
