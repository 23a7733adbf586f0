"""Lifecycle "review due" (issue #17 point 4): an effective SOP whose periodic review date has passed
(the catalogue's due date: Tanggal Efektif/Revisi + the configured years) shows as "perlu ditinjau"
on the lists and the dashboard with who/when of the last review; a review transition records
who, when and its meaning and restarts the count."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from tests.web.conftest import client_for

# examples/pengumpulan-data-kinerja.sop.yaml: tanggal_efektif 2023-01-23, tanggal_revisi 2024-01-22,
# so the review is due 2024-01-22 + 2 years = 2026-01-22 (katalog's rule: the latest date + the period)
DUE = dt.date(2026, 1, 22)


def test_due_dates_follow_the_catalogue_rule(effective_sop: Any, sop: Any, settings: Any) -> None:
    from sopdoc.web.sop.review import reviews

    assert effective_sop.tanggal_efektif == dt.date(2023, 1, 23)
    before, after = reviews([effective_sop], DUE - dt.timedelta(days=1)), reviews([effective_sop], DUE)
    assert (before[effective_sop.pk].jatuh_tempo, before[effective_sop.pk].perlu_ditinjau) == (DUE, False)
    assert (after[effective_sop.pk].jatuh_tempo, after[effective_sop.pk].perlu_ditinjau) == (DUE, True)
    settings.SOPDOC_TINJAU_TAHUN = 5
    assert reviews([effective_sop], DUE)[effective_sop.pk].jatuh_tempo == dt.date(2029, 1, 22)


def test_only_an_effective_sop_is_due(sop: Any) -> None:
    from sopdoc.web.sop.review import reviews

    state = reviews([sop], DUE)[sop.pk]  # the same dates, but a draft: not in force, nothing to review
    assert state.jatuh_tempo == DUE and not state.perlu_ditinjau


def test_without_tanggal_efektif_the_count_starts_when_it_was_put_in_force(sop: Any, users: dict[str, Any]) -> None:
    from sopdoc.web.sop import lifecycle
    from sopdoc.web.sop.review import reviews
    from sopdoc.web.sop.views import _save_version

    source = sop.latest().sumber
    source = "\n".join(line for line in source.splitlines()
                       if not line.strip().startswith(("tanggal_efektif:", "tanggal_revisi:")))
    _save_version(sop, source + "\n", users["penyusun"], "tanpa tanggal")
    sop.refresh_from_db()
    assert (sop.tanggal_efektif, sop.tanggal_revisi) == (None, None)
    assert reviews([sop])[sop.pk].jatuh_tempo is None
    for name, who in (("ajukan", "penyusun"), ("setujui", "penyusun2"), ("berlakukan", "penyusun2")):
        lifecycle.apply(sop, lifecycle.MOVES[name], users[who], "")
        sop.refresh_from_db()
    today = timezone.localdate()
    state = reviews([sop], today)[sop.pk]
    assert state.jatuh_tempo == today.replace(year=today.year + 2) and not state.perlu_ditinjau


def test_lists_show_review_due_and_a_review_records_who_when_and_meaning(effective_sop: Any,
                                                                          users: dict[str, Any]) -> None:
    from sopdoc.web.akun.models import Audit
    from sopdoc.web.sop.models import Status, Transisi

    author = client_for(users["penyusun2"])
    row = _row(author.get(reverse("sop:daftar")).content.decode(), effective_sop.pk)
    assert "perlu ditinjau" in row and f"jatuh tempo {DUE.isoformat()}" in row
    page = author.get(reverse("sop:lihat", args=[effective_sop.pk])).content.decode()
    assert 'id="perlu-ditinjau"' in page and 'id="transisi-tinjau"' in page
    inspector = client_for(users["inspektur"])
    dashboard = inspector.get(reverse("inspeksi:dasbor")).content.decode()
    table = dashboard[dashboard.index('id="tinjauan-jatuh-tempo"'):]
    table = table[:table.index("</table>")]
    assert "perlu ditinjau" in table and DUE.isoformat() in table and "Berlaku" in table
    assert 'id="jumlah-perlu-ditinjau"' in dashboard and "<strong>1</strong>" in dashboard

    r = author.post(reverse("sop:transisi", args=[effective_sop.pk, "tinjau"]), {"catatan": "masih sesuai"})
    assert r.status_code == 302
    effective_sop.refresh_from_db()
    assert effective_sop.status == Status.EFFECTIVE  # reviewed: stays in force
    tr = Transisi.objects.filter(sop=effective_sop).latest("pada", "id")
    assert (tr.dari, tr.ke, tr.makna, tr.nama_oleh, tr.catatan) == (
        "effective", "effective", "tinjauan-berkala", "penyusun2", "masih sesuai")
    assert timezone.now() - tr.pada < dt.timedelta(minutes=5)
    audit = Audit.objects.filter(aksi="transisi:tinjau").get()
    assert audit.oleh == "penyusun2" and audit.sesudah["makna"] == "tinjauan-berkala"

    today = timezone.localdate()
    row = _row(author.get(reverse("sop:daftar")).content.decode(), effective_sop.pk)
    assert "perlu ditinjau" not in row
    assert f"jatuh tempo {today.replace(year=today.year + 2).isoformat()}" in row
    assert f"terakhir: penyusun2, {timezone.localtime(tr.pada):%Y-%m-%d %H:%M}" in row
    page = author.get(reverse("sop:lihat", args=[effective_sop.pk])).content.decode()
    assert "tinjauan berkala" in page and 'id="perlu-ditinjau"' not in page  # the history names the meaning
    dashboard = inspector.get(reverse("inspeksi:dasbor")).content.decode()
    assert "<strong>0</strong>" in dashboard[dashboard.index('id="jumlah-perlu-ditinjau"'):]


def test_a_clerk_cannot_review(effective_sop: Any, users: dict[str, Any]) -> None:
    r = client_for(users["pelaksana"]).post(reverse("sop:transisi", args=[effective_sop.pk, "tinjau"]))
    assert r.status_code == 403


def _row(html: str, pk: int) -> str:
    row = html[html.index(f'<tr id="sop-{pk}">'):]
    return row[:row.index("</tr>")]
