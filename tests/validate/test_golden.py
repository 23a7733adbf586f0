"""Golden text/JSON output of ``sopdoc check`` for each example, and the seeds' real defects in it.

Regenerate with ``python -m tests.validate.regen_golden`` and read the diff by eye.
"""

from __future__ import annotations

import json

import pytest

from tests.validate.golden import examples, golden_path, run_check

EXAMPLES = examples()

# DOMAIN.md §8 defects each seed's golden must show: (code, fragment of path or message)
DEFECTS = {
    "seed-000-distan-buleleng": [
        ("SOP502", "lembar_kerja.langkah"),
        ("SOP313", "kegiatan[5].uraian"),
        ("SOP211", "Flasdisk"),
        ("SOP314", "Tersusunnya"),
        ("SOP203", "tentang"),
        ("SOP210", "LAKIP"),
        ("SOP402", "660 menit"),
    ],
    "seed-001-dkp-lombok-timur": [
        ("SOP307", "kegiatan[4].pelaksana"),
        ("SOP309", "Selesai"),
        ("SOP105", "tanggal_efektif"),
        ("SOP112", "Rembina"),
        ("SOP205", "System"),
        ("SOP406", "kegiatan[5].mutu_baku.kelengkapan"),
    ],
    "seed-002-dplh-balangan": [
        ("SOP102", "identitas.nomor"),
        ("SOP402", "2 Menit"),
        ("SOP402", "120 Hari"),
        ("SOP311", "kegiatan[6].tanda"),
        ("SOP311", "kegiatan[7].tanda"),
        ("SOP311", "kegiatan[8].tanda"),
        ("SOP204", "dasar_hukum[1]"),
        ("SOP207", "dasar_hukum[5]"),
        ("SOP109", "S.Sos"),
        ("SOP403", "triwulan"),
    ],
    "seed-003-bakesbangpol": [
        ("SOP313", "kegiatan[9].uraian"),
        ("SOP314", "Perencana"),
        ("SOP401", "kegiatan[7]"),
        ("SOP405", "kegiatan[8]"),
        ("SOP205", "Pemerintahan Daerah"),
        ("SOP210", "Tapkin"),
    ],
    "seed-004-setda-buleleng": [
        ("SOP114", "judul_flowchart"),
        ("SOP208", "peringatan[0]"),
        ("SOP104", "tanggal_pembuatan"),
        ("SOP108", "disahkan_oleh"),
        ("SOP205", "Perubahan atas"),
        ("SOP409", "LKjip"),
        ("SOP103", "~~"),
    ],
}


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_golden(example, fmt: str) -> None:
    path = golden_path(example, fmt)
    assert path.is_file(), f"missing {path}; run python -m tests.validate.regen_golden"
    _code, out = run_check(example, fmt)
    assert out == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("stem", sorted(DEFECTS))
def test_golden_holds_the_seed_defects(stem: str) -> None:
    example = next((e for e in EXAMPLES if e.name.startswith(stem)), None)
    if example is None:
        pytest.skip(f"examples/{stem}.sop.yaml not present")
    doc = json.loads(golden_path(example, "json").read_text(encoding="utf-8"))
    found = [(d["code"], f"{d['path']} {d['message']}") for f in doc["files"] for d in f["diagnostics"]]
    for code, fragment in DEFECTS[stem]:
        assert any(c == code and fragment in text for c, text in found), (code, fragment)


def test_clean_example_has_zero_findings() -> None:
    clean = [e for e in EXAMPLES if e.name == "pengumpulan-data-kinerja.sop.yaml"]
    if not clean:
        pytest.skip("clean example not present")
    code, out = run_check(clean[0], "json")
    doc = json.loads(out)
    assert code == 0 and doc["files"][0]["diagnostics"] == []
    code, out = run_check(clean[0], "text")
    assert out == "0 galat, 0 peringatan dalam 1 berkas\n"
