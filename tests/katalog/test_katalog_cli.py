"""``sopdoc katalog`` over the small mixed catalogue: every figure below was written from reading
the inputs (tests/data/katalog/*.sop.yaml and their header comments, the DOCX's source
examples/seed-001-dkp-lombok-timur.sop.yaml, the page image of the BPS PDF, the Basarnas XLSX as
summarised in tests/data/README.md), not from the program's output."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from sopdoc.cli import cli

CLEAN_ENV = {"SOPDOC_SELECT": "", "SOPDOC_IGNORE": "", "SOPDOC_FAIL_ON": "", "SOPDOC_MENIT_PER_HARI_KERJA": "",
             "SOPDOC_PROGRESS": "0"}

DPLH = "dplh/pengumpulan-data-kinerja.sop.yaml"
BAPPEDA = "bappeda/rencana-aksi.sop.yaml"
DKP = "dkp/seed-001-dkp-lombok-timur.docx"
BPS = "bps/bps-bengkulu-322-birthday-greeting-card.pdf"
BASARNAS = "basarnas/basarnas-penerimaan-berita-call-115.xlsx"
RUSAK = "rusak.sop.yaml"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=CLEAN_ENV)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def _json(catalogue: Path, out: Path, *extra: str) -> dict:
    code, stdout, stderr = _run("katalog", str(catalogue), "-o", str(out), "--format", "json",
                                "--per", "2026-11-30", *extra)
    assert code == 1, stderr  # the broken file is an error finding
    assert stdout.strip() == str(out / "katalog.json")
    return json.loads((out / "katalog.json").read_text(encoding="utf-8"))


def test_every_sop_with_status_and_dates(catalogue: Path, tmp_path: Path) -> None:
    doc = _json(catalogue, tmp_path / "out")
    rows = {r["file"]: r for r in doc["sop"]}
    assert sorted(rows) == sorted([DPLH, BAPPEDA, DKP, BPS, BASARNAS, RUSAK])
    assert doc["ringkasan"]["berkas"] == 6 and doc["ringkasan"]["sop"] == 6
    status = {f: r["status"] for f, r in rows.items()}
    assert status == {
        DPLH: "perlu_ditinjau",  # revised 2024-01-22 + 2 years = 2026-01-22, before 2026-11-30
        BAPPEDA: "aktif",  # effective 2025-06-02: due 2027-06-02
        BPS: "aktif",  # Tanggal Efektif 02 Januari 2025 on the page: due 2027-01-02
        DKP: "draft",  # seed 001 has no Tanggal Efektif
        BASARNAS: "draft",  # "Novermber 2024" is no date
        RUSAK: "tidak_terbaca",
    }
    assert rows[DPLH]["tinjau"] == "2026-01-22"
    assert rows[BPS]["nomor"] == "SOP-322/17000/2025"
    assert rows[BPS]["tanggal_efektif"] == "2025-01-02" and rows[BPS]["tanggal_revisi"] is None
    assert rows[BPS]["langkah"] == 6
    assert rows[BAPPEDA]["unit"] == "BADAN PERENCANAAN PEMBANGUNAN DAERAH — BIDANG PERENCANAAN"
    assert rows[BASARNAS]["nama"] == "PENERIMAAN BERITA PADA EMERGENCY CALL 115"
    assert rows[DPLH]["galat"] == rows[DPLH]["peringatan"] == 0  # the clean example
    assert rows[RUSAK]["galat"] == 1  # SOP004: not YAML
    assert doc["perlu_ditinjau"] == [{"file": DPLH, "nama": "Pengumpulan Data Kinerja",
                                      "unit": "DINAS PERTANAHAN DAN LINGKUNGAN HIDUP — SEKRETARIAT",
                                      "tinjau": "2026-01-22"}]
    # totals agree with the rows, the rule table and the unit table
    totals = doc["ringkasan"]["temuan"]
    assert totals["error"] == sum(r["galat"] for r in doc["sop"])
    assert sum(r["temuan"] for r in doc["aturan"]) == sum(totals.values())
    assert sum(u["sop"] for u in doc["unit"]) == 6


def test_keterkaitan_resolved_and_dangling(catalogue: Path, tmp_path: Path) -> None:
    doc = _json(catalogue, tmp_path / "out")
    links = [(x["file"], x["teks"], x["tujuan"]) for x in doc["keterkaitan"]]
    # DPLH 3 entries, Bappeda 1 (its "-" is none), seed 001 3, Basarnas 2, BPS 0 (empty box)
    assert len(links) == 9
    assert (DPLH, "SOP Penyusunan Rencana Aksi", BAPPEDA) in links  # by name
    assert (BAPPEDA, "SOP Nomor 800/045/DPLH/2023", DPLH) in links  # by number
    dangling = {(f, t) for f, t, target in links if target is None}
    assert len(dangling) == 7
    assert (DKP, "SOP Surat Keluar") in dangling
    assert (BASARNAS, "SOP Verifikasi Berita Pencarian dan Pertolongan di BCC") in dangling
    assert doc["ringkasan"]["keterkaitan_menggantung"] == 7


def test_near_duplicates_across_units(catalogue: Path, tmp_path: Path) -> None:
    doc = _json(catalogue, tmp_path / "out")
    pairs = doc["sop_mirip"]
    assert len(pairs) == 1  # the Bappeda SOP is the DPLH one with one step changed
    pair = pairs[0]
    assert {pair["file_a"], pair["file_b"]} == {DPLH, BAPPEDA}
    assert pair["lintas_unit"] is True
    assert 0.8 <= pair["kemiripan"] < 1.0
    # steps of at least five words both SOPs share: 1, 2, 3, 5, 6, 7, 9, 10 (4 was changed, 8 has four words)
    steps = doc["langkah_mirip"]
    assert len(steps) == 8
    assert all(s["sop"] == 2 for s in steps)
    assert {s["teks"] for s in steps} >= {"Mengarsipkan laporan kinerja triwulan beserta tanda terima"}


def test_import_losses_need_a_person(catalogue: Path, tmp_path: Path) -> None:
    doc = _json(catalogue, tmp_path / "out")
    losses = doc["kehilangan_impor"]
    by_file = {x["file"] for x in losses}
    assert not by_file & {DPLH, BAPPEDA, DKP, RUSAK}  # YAML and a lossless own DOCX lose nothing
    codes = {(x["file"], x["code"]) for x in losses}
    assert (BASARNAS, "IMP011") in codes  # placeholder Nomor
    assert (BASARNAS, "IMP014") in codes  # "Novermber 2024"
    assert all(x["severity"] in ("warning", "error") for x in losses)
    assert doc["ringkasan"]["kehilangan_impor"] == len(losses)


def test_review_period_is_configurable(catalogue: Path, tmp_path: Path) -> None:
    doc = _json(catalogue, tmp_path / "out", "--tinjau-tahun", "1")
    # one year: DPLH 2025-01-22, BPS 2026-01-02, Bappeda 2026-06-02, all before 2026-11-30
    assert sorted(r["file"] for r in doc["perlu_ditinjau"]) == sorted([DPLH, BPS, BAPPEDA])
    assert doc["periode_tinjau_tahun"] == 1


def test_every_format_written_and_readable(catalogue: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _stdout, stderr = _run("katalog", str(catalogue), "-o", str(out), "--per", "2026-11-30", "--lang", "en")
    assert code == 1, stderr
    assert sorted(p.name for p in out.iterdir()) == ["katalog.docx", "katalog.json", "katalog.pdf", "katalog.xlsx"]
    assert "6 SOPs from 6 files" in stderr
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(out / "katalog.pdf").pages)
    for needle in ("SOP Catalogue Inspection Report", "Every SOP", "Findings by rule", "Dangling",
                   "SOP Pembuatan Birthday Greeting Card", "Review due", "Import losses"):
        assert needle in text, needle
    with zipfile.ZipFile(out / "katalog.docx") as z:
        body = z.read("word/document.xml").decode("utf-8")
        assert "SOP Catalogue Inspection Report" in body and "PENERIMAAN BERITA PADA EMERGENCY CALL 115" in body
        assert sum(1 for n in z.namelist() if n.startswith("word/media/")) >= 3  # the charts
    from openpyxl import load_workbook

    wb = load_workbook(out / "katalog.xlsx", read_only=True)
    assert {"Summary", "SOP", "By rule", "By unit", "Dangling", "References", "Review due",
            "Import losses"} <= set(wb.sheetnames)
    sheet = list(wb["SOP"].iter_rows(values_only=True))
    assert len(sheet) == 7  # header + 6 SOPs
    assert {row[1] for row in sheet[1:]} == {DPLH, BAPPEDA, DKP, BPS, BASARNAS, RUSAK}


def test_indonesian_by_default(catalogue: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _stdout, stderr = _run("katalog", str(catalogue), "-o", str(out), "--format", "xlsx")
    assert code == 1
    assert "6 SOP dari 6 berkas" in stderr
    from openpyxl import load_workbook

    assert "Kehilangan impor" in load_workbook(out / "katalog.xlsx", read_only=True).sheetnames


@pytest.mark.parametrize(("args", "needle"), [
    (["--format", "html"], "format tidak dikenal: html"),
    (["--per", "30-11-2026"], "tanggal --per tidak valid"),
    (["--nama", "../x"], "nama laporan tidak valid"),
])
def test_usage_errors_are_one_line(catalogue: Path, tmp_path: Path, args: list[str], needle: str) -> None:
    code, stdout, stderr = _run("katalog", str(catalogue), "-o", str(tmp_path / "out"), *args)
    assert code == 2
    assert stdout == ""
    assert stderr.startswith("galat: ") and needle in stderr and stderr.count("\n") == 1
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_missing_and_empty_folders(tmp_path: Path) -> None:
    code, _o, stderr = _run("katalog", str(tmp_path / "nothing"), "-o", str(tmp_path / "out"))
    assert code == 2 and "tidak ada" in stderr
    (tmp_path / "empty").mkdir()
    code, _o, stderr = _run("katalog", str(tmp_path / "empty"), "-o", str(tmp_path / "out"))
    assert code == 2 and "tidak ada berkas yang didukung" in stderr


def test_unwritable_output_is_exit_2(catalogue: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _o, stderr = _run("katalog", str(catalogue), "-o", str(blocker / "sub"), "--format", "json")
    assert code == 2 and stderr.startswith("galat: ")


def test_report_inside_the_folder_is_not_read_back(catalogue: Path) -> None:
    """A second run with -o inside DIR does not read the first run's report (PDF, DOCX, XLSX) as
    SOPs, nor an import report (``*.import.txt``)."""
    (catalogue / "lama.import.txt").write_text("Laporan impor: bukan SOP\n", encoding="utf-8")
    out = catalogue / "laporan"
    for _ in range(2):
        code, _stdout, stderr = _run("katalog", str(catalogue), "-o", str(out), "--per", "2026-11-30")
        assert code == 1, stderr
        assert "6 SOP dari 6 berkas" in stderr
