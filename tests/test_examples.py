"""The example sources load cleanly and keep the facts of the seeds they transcribe."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sopdoc.model.sop import Simbol, Sop
from sopdoc.model.waktu import Satuan
from sopdoc.source.reader import load_sop

EXAMPLES = Path(__file__).parents[1] / "examples"

FILES = [
    "seed-000-distan-buleleng.sop.yaml",
    "seed-001-dkp-lombok-timur.sop.yaml",
    "seed-002-dplh-balangan.sop.yaml",
    "seed-003-bakesbangpol.sop.yaml",
    "seed-004-setda-buleleng.sop.yaml",
    "pengumpulan-data-kinerja.sop.yaml",
]


def _load(name: str) -> Sop:
    result = load_sop(EXAMPLES / name)
    assert result.diagnostics == (), [d.message.en for d in result.diagnostics]
    assert result.sop is not None
    return result.sop


@pytest.mark.parametrize("name", FILES)
def test_example_loads_without_diagnostics(name: str) -> None:
    _load(name)


@pytest.mark.parametrize("name", FILES)
def test_example_has_schema_header(name: str) -> None:
    first = (EXAMPLES / name).read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/sop.schema.json"


def test_seed_000_worksheet_and_flowchart() -> None:
    sop = _load("seed-000-distan-buleleng.sop.yaml")
    assert sop.identitas.nomor == "01.6/SKRT/DISTAN/2022"
    assert sop.identitas.tanggal_revisi is None
    assert sop.identitas.disahkan_oleh.nip == "19650215 199703 1 003"
    assert sop.periode is not None and sop.periode.value == "bulanan"
    assert sop.lembar_kerja is not None
    assert len(sop.lembar_kerja.langkah) == 5
    assert [lk.tahap for lk in sop.lembar_kerja.langkah] == ["awal", "utama", "utama", "utama", "akhir"]
    assert sop.lembar_kerja.penanggung_jawab.kegiatan == "Substansi Perencanaan"
    assert len(sop.kegiatan) == 10
    # the hidden decision stays hidden; no marks survived in the actor cells
    assert all(k.simbol is Simbol.PROSES for k in sop.kegiatan)
    assert all(k.tanda is None for k in sop.kegiatan)
    assert sop.kegiatan[5].uraian.startswith("Melaksanakan Revisi jika")
    assert sop.kegiatan[1].mutu_baku.kelengkapan == ("Laporan/Data", "ATK", "Computer", "Flasdisk")
    assert [str(k.mutu_baku.waktu) for k in sop.kegiatan].count("330 menit") == 6
    assert str(sop.kegiatan[5].mutu_baku.waktu) == "660 menit"
    assert sop.dasar_hukum == (
        "Peraturan Presiden No. 29 Tahun 2014",
        "Permen PAN & RB No. 53 Tahun 2014",
        "Peraturan Bupati Buleleng No. 22 Tahun 2019",
    )
    assert "Alat Tulis Kantor , Flasdisk, CD , dll" in sop.peralatan_perlengkapan


def test_seed_001_marks_and_missing_dates() -> None:
    sop = _load("seed-001-dkp-lombok-timur.sop.yaml")
    ident = sop.identitas
    assert ident.nomor == "523/22.a/Kelkan/2024"
    assert ident.tanggal_pembuatan == dt.date(2024, 1, 24)
    assert ident.tanggal_revisi is None and ident.tanggal_efektif is None
    assert ident.disahkan_oleh.pangkat == "Rembina TK.I (IV/b)"
    assert len(sop.pelaksana) == 5
    assert len(sop.kegiatan) == 9
    first = sop.find_kegiatan(1)
    assert first.simbol is Simbol.TERMINATOR
    assert dict(first.tanda) == {"Sekretaris Dinas": "Mulai"}
    assert dict(sop.find_kegiatan(2).tanda) == {"Kasubag Keuangan dan Pelaporan": "[]"}
    step5 = sop.find_kegiatan(5)
    assert step5.pelaksana == ("Kasubag Keuangan dan Pelaporan", "Staf Penyusun Evaluasi Kinerja")
    # no Selesai anywhere
    assert sop.find_kegiatan(9).simbol is Simbol.PROSES
    assert not any(k.simbol is Simbol.TERMINATOR for k in sop.kegiatan[1:])
    assert all(k.tanda is None for k in sop.kegiatan[5:])
    assert str(sop.find_kegiatan(6).mutu_baku.waktu) == "3 Hari"
    assert sop.find_kegiatan(6).uraian == "Merekap 3 (tiga) laporan tahunan"
    assert "System Akuntabilitas" in sop.dasar_hukum[0]


def test_seed_002_defects_kept() -> None:
    sop = _load("seed-002-dplh-balangan.sop.yaml")
    ident = sop.identitas
    assert ident.nomor is None
    assert ident.tanggal_revisi is None
    assert ident.tanggal_efektif == dt.date(2023, 1, 23)
    assert ident.disahkan_oleh.nip == "19670817 198509 1 001"
    assert sop.dasar_hukum[0].startswith("Peraturan Presiden")  # out of hierarchy, kept
    assert sop.dasar_hukum[5].endswith("Serta Tata Cara Perubahan Rencana Pembangunan")  # truncated
    step7 = sop.find_kegiatan(7)
    assert str(step7.mutu_baku.waktu) == "120 Hari"
    assert dict(step7.tanda) == {"Kepala Bidang": "Ya", "Kepala Seksi": "Tidak"}
    assert step7.simbol is Simbol.PROSES and step7.cabang is None
    assert str(sop.find_kegiatan(3).mutu_baku.waktu) == "2 Menit"
    assert sop.find_kegiatan(3).mutu_baku.output == "Draft Laporan Kinerja"
    assert sop.find_kegiatan(2).keterangan == "-"
    assert not any(k.simbol is Simbol.KEPUTUSAN for k in sop.kegiatan)
    last = sop.kegiatan[-1]
    assert last.no is None and last.uraian == ""
    assert last.simbol is Simbol.TERMINATOR
    assert last.pelaksana == ("Kasubag Program",)
    assert dict(last.tanda) == {"Kasubag Program": "SELESAI"}
    assert len(sop.kegiatan) == 10


def test_seed_003_ocr() -> None:
    sop = _load("seed-003-bakesbangpol.sop.yaml")
    ident = sop.identitas
    assert ident.nama == "Mekanisme Pengumpulan Data Kinerja"
    assert ident.nomor is None and ident.instansi == () and ident.disahkan_oleh is None
    assert sop.satuan_waktu is Satuan.MENIT
    assert [k.no for k in sop.kegiatan] == list(range(1, 16))
    waktu = sop.find_kegiatan(1).mutu_baku.waktu
    assert waktu.teks == "15" and waktu.satuan is Satuan.MENIT and waktu.satuan_dari_header
    for no in (8, 9):
        mb = sop.find_kegiatan(no).mutu_baku
        assert mb.waktu is None and mb.output is None and mb.kelengkapan == ()
    total = sum(k.mutu_baku.waktu.tinggi for k in sop.kegiatan if k.mutu_baku.waktu is not None)
    assert total == 755
    assert sop.find_kegiatan(10).simbol is Simbol.PROSES  # implied correction loop, not invented
    assert "Pemerintah Daerah" in sop.dasar_hukum[1]
    assert sop.periode is None


def test_seed_004_title_mismatch_and_dates() -> None:
    sop = _load("seed-004-setda-buleleng.sop.yaml")
    ident = sop.identitas
    assert ident.nomor == "061/ ~~2696~~ /Org/2021"
    assert ident.nama != sop.judul_flowchart
    assert ident.nama == "PENGUMPULAN PERJANJIAN KINERJA KABUPATEN BULELENG"
    assert sop.judul_flowchart == "SOP PENGUMPULAN DATA KINERJA KABUPATEN BULELENG"
    assert ident.tanggal_pembuatan is None
    assert ident.tanggal_revisi == dt.date(2021, 1, 4)
    assert ident.tanggal_efektif == dt.date(2021, 1, 5)
    assert ident.disahkan_oleh is None
    assert sop.peringatan[0].startswith("Apabila SOP sudah dilaksanakan")
    assert "Peraturan atas" in sop.dasar_hukum[2]
    assert sop.pelaksana == ("Kabag. Org", "Kasubbag.", "Pengelola Data")
    assert len(sop.kegiatan) == 4
    assert not any(k.simbol is Simbol.TERMINATOR for k in sop.kegiatan)


def test_clean_example() -> None:
    sop = _load("pengumpulan-data-kinerja.sop.yaml")
    ident = sop.identitas
    assert ident.nomor and ident.nomor.endswith("/2023")
    assert ident.tanggal_pembuatan <= ident.tanggal_efektif
    pengesahan = ident.disahkan_oleh
    assert pengesahan.jabatan and pengesahan.nama and pengesahan.pangkat
    nip = pengesahan.nip.replace(" ", "")
    assert len(nip) == 18 and nip.isdigit()
    born = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    tmt = dt.date(int(nip[8:12]), int(nip[12:14]), 1)
    assert tmt >= born.replace(year=born.year + 18)
    assert nip[14] in "12" and nip[15:] != "000"
    assert pengesahan.pangkat == "Pembina Utama Muda (IV/c)"
    for box in ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan",
                "peralatan_perlengkapan", "peringatan", "pencatatan_pendataan"):
        assert getattr(sop, box), box
    assert sop.dasar_hukum[0].startswith("Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah")
    assert all(" Nomor " in d and " Tahun " in d and " tentang " in d for d in sop.dasar_hukum)
    assert "tidak dilaksanakan" in sop.peringatan[0]
    assert sop.periode is not None and sop.periode.value == "triwulan"

    steps = sop.kegiatan
    assert steps[0].simbol is Simbol.TERMINATOR and steps[0].pelaksana == (sop.pelaksana[0],)
    assert steps[-1].simbol is Simbol.TERMINATOR
    assert [k.no for k in steps] == list(range(1, len(steps) + 1))
    for k in steps:
        assert len(k.pelaksana) == 1 and k.pelaksana[0] in sop.pelaksana
        assert k.mutu_baku.kelengkapan and k.mutu_baku.output and k.mutu_baku.waktu.terbaca
        assert not (k.mutu_baku.waktu.satuan is Satuan.MENIT and k.mutu_baku.waktu.tinggi >= 450)
    decisions = [k for k in steps if k.simbol is Simbol.KEPUTUSAN]
    assert len(decisions) == 1
    decision = decisions[0]
    assert decision.cabang.ya == decision.no + 1
    assert decision.cabang.tidak < decision.no
    outputs = [k.mutu_baku.output for k in steps]
    for i, k in enumerate(steps[1:], start=1):
        assert any(o in k.mutu_baku.kelengkapan for o in outputs[:i]), k.no
    for i, out in enumerate(outputs[:-1]):
        assert any(out in later.mutu_baku.kelengkapan for later in steps[i + 1:]), out
    assert outputs[-1] == "Laporan Kinerja Triwulan"
    all_text = " ".join(k.uraian + " " + " ".join(k.mutu_baku.kelengkapan) + " " + k.mutu_baku.output
                        for k in steps)
    assert "Draft" not in all_text
    for k in steps:
        assert not any(w in item for item in k.mutu_baku.kelengkapan for w in ("ATK", "Komputer", "Computer"))
