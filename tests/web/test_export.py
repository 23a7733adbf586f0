"""The inspection dashboard's XLSX and SARIF exports beside the CSV: content, formula safety, the
SARIF schema, the links on the page and who may download them."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from tests.web.conftest import client_for

SCHEMA = Path(__file__).parents[1] / "data" / "sarif" / "sarif-schema-2.1.0.json"
ROLES = ("penyusun", "pelaksana", "inspektur", "admin")
INJECTION = '=HYPERLINK("http://evil.invalid","x")'


@pytest.fixture
def with_findings(sop: Any) -> Any:
    from sopdoc.web.sop.models import Versi

    v = Versi.objects.get(sop=sop)
    v.temuan = [
        {"code": "SOP101", "severity": "error", "path": "identitas.nama", "id": INJECTION, "en": INJECTION},
        {"code": "SOP999", "severity": "info", "path": "kegiatan[2].uraian", "id": "pesan uji", "en": "test message"},
        {"code": "SOP999", "severity": "info", "path": "kegiatan[2].uraian", "id": "pesan uji", "en": "test message"},
    ]
    v.save()
    return sop


def _sheet(content: bytes) -> list[tuple[Any, ...]]:
    from openpyxl import load_workbook

    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def test_findings_as_xlsx_cannot_start_a_formula(with_findings: Any, users: dict[str, Any]) -> None:
    r = client_for(users["inspektur"]).get(reverse("inspeksi:ekspor_as", args=["temuan", "xlsx"]))
    assert r.status_code == 200 and r.content.startswith(b"PK")
    assert r["Content-Disposition"] == 'attachment; filename="sopdoc-temuan.xlsx"'
    rows = _sheet(r.content)
    assert rows[0] == ("sop", "unit", "code", "severity", "path", "message")
    first = rows[1]
    assert first[0] == with_findings.pk and first[2:5] == ("SOP101", "error", "identitas.nama")
    assert first[5] == "'" + INJECTION
    assert len(rows) == 4 and rows[2][5] == "pesan uji"
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(r.content)).active
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_findings_in_english(with_findings: Any, users: dict[str, Any]) -> None:
    c = client_for(users["inspektur"])
    c.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert _sheet(c.get(reverse("inspeksi:ekspor_as", args=["temuan", "xlsx"])).content)[2][5] == "test message"
    doc = json.loads(c.get(reverse("inspeksi:ekspor_as", args=["temuan", "sarif"])).content)
    assert doc["runs"][0]["results"][1]["message"]["text"] == "test message"


def test_periods_as_xlsx(effective_sop: Any, users: dict[str, Any]) -> None:
    r = client_for(users["pelaksana"]).post(reverse("periode:buka"), {"sop": effective_sop.pk, "periode": "2026-TW3"})
    assert r.status_code == 302
    rows = _sheet(client_for(users["inspektur"]).get(reverse("inspeksi:ekspor_as", args=["periode", "xlsx"])).content)
    assert rows[0] == ("instance", "period", "deadline", "verdict", "overdue", "closed")
    assert rows[1][:2] == ("pengumpulan-data-kinerja-1-2026-TW3", "2026-TW3") and rows[1][5] is False


def test_findings_as_sarif_are_valid_and_located(with_findings: Any, users: dict[str, Any]) -> None:
    import jsonschema

    r = client_for(users["inspektur"]).get(reverse("inspeksi:ekspor_as", args=["temuan", "sarif"]))
    assert r.status_code == 200 and r["Content-Type"] == "application/sarif+json"
    doc = json.loads(r.content)
    jsonschema.validate(doc, json.loads(SCHEMA.read_text(encoding="utf-8")))
    run = doc["runs"][0]
    results = run["results"]
    assert [x["ruleId"] for x in results] == ["SOP101", "SOP999", "SOP999"]
    assert [x["level"] for x in results] == ["error", "note", "note"]
    first = results[0]
    assert first["message"]["text"] == INJECTION
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        f"http://testserver/sop/{with_findings.pk}/")
    assert first["locations"][0]["logicalLocations"] == [{"fullyQualifiedName": "identitas.nama"}]
    rules = run["tool"]["driver"]["rules"]
    assert rules[first["ruleIndex"]]["id"] == "SOP101"
    assert "ruleIndex" not in results[1]  # SOP999 is no registered code
    prints = [x["partialFingerprints"]["sopdocFinding/v1"] for x in results]
    assert len(set(prints)) == 3  # two equal findings still told apart


def test_unknown_exports_are_not_found(users: dict[str, Any]) -> None:
    c = client_for(users["inspektur"])
    for what, fmt in (("periode", "sarif"), ("temuan", "pdf"), ("lain", "xlsx")):
        assert c.get(reverse("inspeksi:ekspor_as", args=[what, fmt])).status_code == 404, (what, fmt)


def test_the_dashboard_links_every_export(users: dict[str, Any]) -> None:
    html = client_for(users["inspektur"]).get(reverse("inspeksi:dasbor")).content.decode()
    for url in ("/ekspor/temuan.csv", "/ekspor/temuan.xlsx", "/ekspor/temuan.sarif", "/ekspor/periode.csv",
                "/ekspor/periode.xlsx"):
        assert f'{url}"' in html or f"{url}?" in html, url


@pytest.mark.parametrize(("what", "fmt"), [("temuan", "xlsx"), ("temuan", "sarif"), ("periode", "xlsx")])
def test_only_inspectors_and_administrators_may_export(sop: Any, users: dict[str, Any], what: str, fmt: str) -> None:
    url = reverse("inspeksi:ekspor_as", args=[what, fmt])
    for role in ROLES:
        status = client_for(users[role]).get(url).status_code
        assert (status == 200) == (role in {"inspektur", "admin"}) and status in (200, 403), (role, status)
    r = client_for(None).get(url)
    assert r.status_code == 302 and r["Location"].startswith(reverse("akun:masuk"))
