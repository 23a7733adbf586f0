"""Clerks and inspectors on the one store: open a period, record steps (warnings at once), late and
overdue steps, the period report, the dashboard and its CSV; the CLI sees the same data."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from tests.web.conftest import client_for

NAME = "pengumpulan-data-kinerja-1-2026-TW3"


@pytest.fixture
def opened(effective_sop: Any, users: dict[str, Any]) -> Any:
    c = client_for(users["pelaksana"])
    r = c.post(reverse("periode:buka"), {"sop": effective_sop.pk, "periode": "2026-TW3"})
    assert r["Location"] == reverse("periode:lihat", args=[NAME])
    return c


def _entry(**kw: str) -> dict[str, str]:
    row = {"langkah": "1", "oleh": "Budi / 198001012005011001", "peran": "Kepala Dinas",
           "mulai": "2026-10-01 08:00", "selesai": "2026-10-01 08:15", "output": "Disposisi"}
    row.update(kw)
    return row


def test_a_draft_sop_cannot_be_opened(sop: Any, users: dict[str, Any]) -> None:
    r = client_for(users["pelaksana"]).post(reverse("periode:buka"), {"sop": sop.pk, "periode": "2026-TW3"})
    assert r.status_code == 403


def test_open_record_and_the_cli_sees_it(opened: Any, users: dict[str, Any]) -> None:
    from sopdoc.cli import main
    from sopdoc.execution.store import open_store

    r = opened.post(reverse("periode:catat", args=[NAME]), _entry(), follow=True)
    assert "Dicatat: entri #1 langkah 1" in r.content.decode()
    with open_store(settings.SOPDOC_STORE, create=False) as store:
        (entry,) = store.entries(NAME)
        # the calendar's default zone is WITA (+08:00)
        assert (entry.langkah, entry.dicatat_oleh, entry.mulai) == (1, "pelaksana", "2026-10-01T08:00:00+08:00")
    code = main(["log", "add", NAME, "--db", settings.SOPDOC_STORE, "--langkah", "2", "--oleh", "Sari",
                 "--peran", "Sekretaris", "--mulai", "2026-10-01 09:00", "--selesai", "2026-10-01 10:00",
                 "--dicatat-oleh", "cli"])
    assert code == 0
    html = opened.get(reverse("periode:lihat", args=[NAME])).content.decode()
    assert "Sari · Sekretaris" in html and 'id="log-utuh"' in html


def test_entry_warnings_are_shown_at_once(opened: Any) -> None:
    r = opened.post(reverse("periode:catat", args=[NAME]), _entry(peran="Staf Umum"), follow=True)
    html = r.content.decode()
    assert "langkah 1 dikerjakan oleh &#x27;Staf Umum&#x27;, bukan Kepala Dinas" in html
    assert "Dicatat: entri #1" in html


def test_a_refused_entry_is_not_recorded(opened: Any) -> None:
    r = opened.post(reverse("periode:catat", args=[NAME]), _entry(langkah="6", peran="Kepala Dinas"))
    assert r.status_code == 400
    assert "langkah 6 adalah keputusan; isi keputusan yang diambil (ya/tidak)" in r.content.decode()
    from sopdoc.execution.store import open_store

    with open_store(settings.SOPDOC_STORE, create=False) as store:
        assert store.entries(NAME) == []


def test_late_steps_and_the_report(opened: Any, users: dict[str, Any]) -> None:
    # The 2026-TW3 run is planned from the first working day of October 2026 with a deadline 10 working
    # days later; today (the test run) is later than that, so step 1 is overdue.
    html = opened.get(reverse("periode:terlambat")).content.decode()
    assert NAME in html and "TERLAMBAT" in html
    docx = opened.get(reverse("periode:laporan", args=[NAME, "docx"]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert docx["Content-Disposition"] == f'attachment; filename="laporan-{NAME}.docx"'


def test_dashboard_and_csv(opened: Any, users: dict[str, Any]) -> None:
    c = client_for(users["inspektur"])
    html = c.get(reverse("inspeksi:dasbor")).content.decode()
    assert NAME in html and "Berlaku" in html
    csv = c.get(reverse("inspeksi:ekspor", args=["periode"])).content.decode("utf-8-sig")
    header, row = csv.splitlines()[:2]
    assert header == "instance,period,deadline,verdict,overdue,closed" and row.startswith(f"{NAME},2026-TW3,")


def test_csv_cells_cannot_start_a_formula(sop: Any, users: dict[str, Any]) -> None:
    from sopdoc.web.sop.models import Versi

    v = Versi.objects.get(sop=sop)
    v.temuan = [{"code": "SOP101", "severity": "error", "path": "identitas.nama", "id": "=HYPERLINK(\"x\")",
                 "en": "=HYPERLINK(\"x\")"}]
    v.save()
    csv = client_for(users["inspektur"]).get(reverse("inspeksi:ekspor", args=["temuan"])).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv and ",=HYPERLINK" not in csv and ',"=HYPERLINK' not in csv


def test_dashboard_lists_reviews_due_and_links_findings_in_context(sop: Any, users: dict[str, Any]) -> None:
    c = client_for(users["inspektur"])
    html = c.get(reverse("inspeksi:dasbor")).content.decode()
    due = html[html.index('id="tinjauan-jatuh-tempo"'):]
    due = due[:due.index("</table>")]
    # the example's tanggal_revisi is 2024-01-22: past, so marked late
    assert '<tr class="terlambat">' in due and "2024-01-22" in due and f'href="/sop/{sop.pk}/"' in due
    from sopdoc.web.sop.models import Versi

    v = Versi.objects.get(sop=sop)
    v.temuan = [{"code": "SOP999", "severity": "warning", "path": "kegiatan[2].uraian", "id": "pesan uji",
                 "en": "test message"}]
    v.save()
    html = c.get(reverse("inspeksi:dasbor"), {"aturan": "SOP999"}).content.decode()
    chosen = html[html.index('id="temuan-terpilih"'):]
    assert f'href="/sop/{sop.pk}/"' in chosen and "kegiatan[2].uraian" in chosen and "pesan uji" in chosen
    # severities read as the CLI's words: "peringatan" in Indonesian, "warning" with the English switch
    by_severity = html[html.index('id="temuan-per-tingkat"'):]
    by_severity = by_severity[:by_severity.index("</table>")]
    assert '<td class="severity-warning">peringatan</td>' in by_severity


def test_migrations_match_the_models(db: Any) -> None:
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
