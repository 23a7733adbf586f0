"""Periods opened from the CLI belong to a unit (issue #17 point 5): `sopdoc period open` writes only
the store; the web places the instance by the SOP row of its catalogue (the pinned content hash, else
the SOP's name), else by the SOP's own unit or letterhead matched to a web unit, and shows it to
that unit's clerks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from tests.web.conftest import EXAMPLE, client_for


def _cli_open(path: Path, name: str) -> None:
    from sopdoc.cli import main

    code = main(["period", "open", str(path), "--period", "2026-TW3", "--name", name, "--db", settings.SOPDOC_STORE])
    assert code == 0


def _variant(tmp_path: Path, name: str, **replace: str) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / f"{name}.sop.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _listed(user: Any) -> str:
    return client_for(user).get(reverse("periode:daftar")).content.decode()


@pytest.fixture
def cli_periods(effective_sop: Any, tmp_path: Path) -> dict[str, str]:
    """Four instances opened from the CLI: the web SOP's very version; a later edit of it (same
    name, other content); an SOP the web does not hold whose unit names unit b; one naming no unit."""
    same = tmp_path / "sama.sop.yaml"
    same.write_text(effective_sop.latest().sumber, encoding="utf-8")
    _cli_open(same, "cli-sama")
    _cli_open(_variant(tmp_path, "edit", **{"waktu: 15 menit": "waktu: 20 menit"}), "cli-edit")
    _cli_open(_variant(tmp_path, "keu", **{"unit: SEKRETARIAT": "unit: bagian   KEUANGAN",
                                          "nama: Pengumpulan Data Kinerja": "nama: Verifikasi SPJ"}), "cli-keu")
    _cli_open(_variant(tmp_path, "lain", **{"unit: SEKRETARIAT": "unit: Bagian Umum",
                                           "nama: Pengumpulan Data Kinerja": "nama: Pengadaan ATK"}), "cli-lain")
    return {"a": "cli-sama cli-edit", "b": "cli-keu", "none": "cli-lain"}


def test_the_unit_of_each_cli_period(cli_periods: dict[str, str], units: dict[str, Any]) -> None:
    from sopdoc.execution.store import open_store
    from sopdoc.web.periode.units import owners

    with open_store(settings.SOPDOC_STORE, create=False) as s:
        placed = owners(s.instances())
    got = {name: (o.unit_id, o.how) for name, o in placed.items()}
    assert got == {"cli-sama": (units["a"].pk, "sop"), "cli-edit": (units["a"].pk, "sop"),
                   "cli-keu": (units["b"].pk, "unit"), "cli-lain": (None, "")}


def test_the_units_clerks_see_and_record_in_cli_periods(cli_periods: dict[str, str], users: dict[str, Any]) -> None:
    html = _listed(users["pelaksana"])
    assert 'id="instans-cli-sama"' in html and 'id="instans-cli-edit"' in html
    assert 'id="instans-cli-keu"' not in html and 'id="instans-cli-lain"' not in html
    row = html[html.index('id="instans-cli-sama"'):]
    assert "Bagian Organisasi <small>(CLI)</small>" in row[:row.index("</tr>")]
    clerk = client_for(users["pelaksana"])
    assert clerk.get(reverse("periode:lihat", args=["cli-sama"])).status_code == 200
    r = clerk.post(reverse("periode:catat", args=["cli-sama"]), {
        "langkah": "1", "oleh": "Budi", "peran": "Kepala Dinas", "mulai": "2026-10-01 08:00",
        "selesai": "2026-10-01 08:15", "output": "Disposisi"}, follow=True)
    assert "Dicatat: entri #1 langkah 1" in r.content.decode()
    waiting = clerk.get(reverse("periode:terlambat")).content.decode()
    assert 'id="tunggu-cli-sama-8"' in waiting  # her next step (Kepala Dinas) in the CLI period

    html_b = _listed(users["pelaksana_b"])
    assert 'id="instans-cli-keu"' in html_b and 'id="instans-cli-sama"' not in html_b
    clerk_b = client_for(users["pelaksana_b"])
    assert clerk_b.get(reverse("periode:lihat", args=["cli-sama"])).status_code == 403
    assert clerk_b.get(reverse("periode:lihat", args=["cli-keu"])).status_code == 200
    assert clerk.get(reverse("periode:lihat", args=["cli-keu"])).status_code == 403
    # placed nowhere: read by inspectors only, shown without a unit
    assert clerk.get(reverse("periode:lihat", args=["cli-lain"])).status_code == 403
    html_i = _listed(users["inspektur"])
    row = html_i[html_i.index('id="instans-cli-lain"'):]
    assert "—" in row[:row.index("</tr>")]


def test_a_unit_added_later_places_the_waiting_period(cli_periods: dict[str, str], users: dict[str, Any]) -> None:
    from sopdoc.web.akun.models import Pengguna, Unit

    umum = Unit.objects.create(kode="umum", nama="BAGIAN UMUM")
    clerk = Pengguna.objects.create_user("umum1", password="x-y-z-123456", peran="pelaksana", unit=umum)
    assert 'id="instans-cli-lain"' in _listed(clerk)
