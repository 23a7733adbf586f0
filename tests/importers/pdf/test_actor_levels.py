"""Two-level actor headers on a born-digital PDF (issue #12 point 4): an organisation spanning its
roles (``BPS Provinsi`` over ``Ketua Tim`` / ``Anggota Tim``), under a ``Pelaksana`` cell or
without one. The roles are the actors; shapes are assigned to the role columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from sopdoc.importers.pdf.importer import import_pdf_file
from tests.importers.pdf import fixtures as fx

# what the fixture draws (fixtures.DUA_TINGKAT_STEPS), actor columns left to right
WITH_ORGS = ("BPS Provinsi", ("Ketua Tim", "Anggota Tim")), ("BPS Kab/Kota", ()), ("BPS RI", ())
SAME_ROLES = ("BPS Provinsi", ("Ketua Tim", "Anggota Tim")), ("BPS Kab/Kota", ("Ketua Tim", "Anggota Tim"))


def _sop(tmp_path: Path, groups, pelaksana_cell: bool):  # type: ignore[no-untyped-def]
    result = import_pdf_file(fx.pdf_pelaksana_dua_tingkat(tmp_path / "dua-tingkat.pdf", groups, pelaksana_cell))
    assert result.load.sop is not None
    return result.load.sop


@pytest.mark.parametrize("pelaksana_cell", [True, False], ids=["under-pelaksana", "no-pelaksana-cell"])
def test_roles_under_an_organisation_are_the_actors(tmp_path: Path, pelaksana_cell: bool) -> None:
    sop = _sop(tmp_path, WITH_ORGS, pelaksana_cell)
    assert list(sop.pelaksana) == ["Ketua Tim", "Anggota Tim", "BPS Kab/Kota", "BPS RI"]
    assert [k.uraian for k in sop.kegiatan] == [
        "Menyiapkan bahan pengolahan", "Mengumpulkan data dari lapangan", "Memeriksa kelengkapan data",
        "Mengolah data", "Mengirim hasil olahan", "Menerima hasil"]  # the role row is no step
    assert [list(k.pelaksana) for k in sop.kegiatan] == [
        ["Ketua Tim"], ["Anggota Tim"], ["Ketua Tim"], ["BPS Kab/Kota"], ["Anggota Tim", "BPS RI"], ["BPS RI"]]
    assert [k.simbol.value if k.simbol else None for k in sop.kegiatan] == [
        "terminator", "proses", "keputusan", "proses", "proses", "terminator"]


@pytest.mark.parametrize("pelaksana_cell", [True, False], ids=["under-pelaksana", "no-pelaksana-cell"])
def test_one_role_under_two_organisations_is_qualified_by_each(tmp_path: Path, pelaksana_cell: bool) -> None:
    sop = _sop(tmp_path, SAME_ROLES, pelaksana_cell)
    assert list(sop.pelaksana) == ["Ketua Tim BPS Provinsi", "Anggota Tim BPS Provinsi",
                                   "Ketua Tim BPS Kab/Kota", "Anggota Tim BPS Kab/Kota"]
    assert [list(k.pelaksana) for k in sop.kegiatan] == [
        ["Ketua Tim BPS Provinsi"], ["Anggota Tim BPS Provinsi"], ["Ketua Tim BPS Provinsi"],
        ["Ketua Tim BPS Kab/Kota"], ["Anggota Tim BPS Provinsi", "Anggota Tim BPS Kab/Kota"],
        ["Anggota Tim BPS Kab/Kota"]]
