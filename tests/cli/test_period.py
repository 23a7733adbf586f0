"""``sopdoc period`` / ``sopdoc log`` end to end through main(): output, exit codes, bad input."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sopdoc.cli import main
from sopdoc.execution.store_schema import SCHEMA_VERSION
from tests.execution.helpers import LOOP_SOP
from tests.store_backends import Backend, raw
from tests.xml_check import assert_well_formed

INST = "keputusan-loop-2026-TW3"
ADD = ["log", "add", INST, "--oleh", "Budi / 1980", "--dicatat-oleh", "uji"]


@pytest.fixture
def db(backend: Backend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    """An opened period in the store SOPDOC_DB names (a SQLite file or a PostgreSQL URL); its path or URL."""
    monkeypatch.chdir(tmp_path)
    target = backend.target(tmp_path, "uji.db")
    monkeypatch.setenv("SOPDOC_DB", target)
    monkeypatch.delenv("SOPDOC_LANG", raising=False)
    assert main(["period", "open", str(LOOP_SOP), "--period", "2026-TW3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"dibuka: {INST}  (Triwulan III 2026, tenggat 2026-10-14)\n")
    assert "    1  2026-10-01 07:30 → 2026-10-01 08:00\n" in out
    return target


def _count(db: str) -> int:
    with raw(db) as conn:
        return int(conn.execute("SELECT count(*) FROM entry").fetchone()[0])


def test_add_check_list_export_verify(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*ADD, "--langkah", "1", "--peran", "Kepala Dinas", "--mulai", "2026-10-01 08:00+08:00",
                 "--selesai", "2026-10-01 08:20+08:00", "--output", "Surat", "--kelengkapan", "lengkap"]) == 0
    assert capsys.readouterr().out.startswith("dicatat: entri #1 langkah 1 (")
    assert main([*ADD, "--langkah", "2", "--peran", "Staf", "--mulai", "2026-10-01 08:30",
                 "--selesai", "2026-10-01 09:00", "--output", "=HYPERLINK(\"http://x\")"]) == 0
    captured = capsys.readouterr()
    assert "catatan: 'mulai' tanpa zona waktu; dibaca sebagai waktu setempat (Asia/Makassar)" in captured.err
    assert main(["period", "check", INST]) == 1
    out = capsys.readouterr().out
    assert (f"{INST}:baris 2: galat CMP102 [peran-tidak-sesuai] "
            "langkah 2 dikerjakan oleh 'Staf', bukan Kasubag Perencanaan") in out
    assert "tepat waktu: 100% (2/2)" in out
    assert main(["--lang", "en", "period", "check", INST, "--format", "json"]) == 1
    assert '"code": "CMP102"' in capsys.readouterr().out
    assert main(["log", "export", INST, "--to", "csv"]) == 0
    csv_text = capsys.readouterr().out
    assert "'=HYPERLINK(\"\"http://x\"\")" in csv_text  # escaped: a spreadsheet shows text, runs nothing
    assert main(["log", "export", INST, "--to", "xes", "-o", "log.xes"]) == 0
    assert Path("log.xes").read_text(encoding="utf-8").count("<event>") == 4
    assert_well_formed(Path("log.xes").read_text(encoding="utf-8"))
    assert main(["log", "verify"]) == 0
    assert capsys.readouterr().out == "rantai utuh: 2 entri\n"
    assert main(["period", "list"]) == 0
    assert capsys.readouterr().out.startswith(
        f"{INST}\t2026-TW3\tPenyusunan Laporan Triwulan\ttenggat 2026-10-14\t2 entri")


@pytest.mark.parametrize("args, message", [
    (["--langkah", "9"], "langkah 9 tidak ada di SOP (langkah: 1, 2, 3, 4, 5)"),
    (["--langkah", "1", "--selesai", "2026-10-01 07:00"],
     "selesai (2026-10-01 07:00) sebelum mulai (2026-10-01 08:00)"),
    (["--langkah", "1", "--mulai", "2026-02-30 08:00"], "tanggal/jam tidak ada: '2026-02-30 08:00'"),
    (["--langkah", "1", "--mulai", "kemarin"], "waktu tidak terbaca: 'kemarin'"),
    (["--langkah", "1", "--keputusan", "ya"], "langkah 1 bukan keputusan"),
])
def test_bad_entries_are_refused_and_nothing_is_written(db: str, capsys: pytest.CaptureFixture[str],
                                                          args: list[str], message: str) -> None:
    base = {"--peran": "Kepala Dinas", "--mulai": "2026-10-01 08:00", "--selesai": "2026-10-01 09:00"}
    for i in range(0, len(args), 2):
        base[args[i]] = args[i + 1]
    flat = [x for kv in base.items() for x in kv]
    assert main([*ADD, *flat]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert _count(db) == 0


def test_unknown_instance_suggests_the_right_one(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["period", "status", "keputusan-loop-2026-TW2"]) == 2
    assert capsys.readouterr().err == (f"galat: instans tidak dikenal: 'keputusan-loop-2026-TW2'; "
                                       f"maksud Anda '{INST}'? "
                                       "(lihat: sopdoc period list)\n")


def test_import_is_all_or_nothing_with_row_numbers(db: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "log.csv"
    bad.write_text("langkah;oleh;peran;mulai;selesai;output\n"
                   "1;A;Kepala Dinas;2026-10-01 08:00;2026-10-01 08:20;Surat\n"
                   "7;B;Kepala Dinas;2026-10-01 08:30;2026-10-01 08:40;x\n"
                   "2;C;Kasubag Perencanaan;2026-10-01 09:00;2026-10-01 08:00;x\n", encoding="utf-8")
    assert main(["log", "import", INST, str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:baris 3: langkah 7 tidak ada di SOP" in err
    assert f"{bad}:baris 4: selesai (2026-10-01 08:00) sebelum mulai" in err
    assert err.endswith("galat: 2 baris bermasalah; tidak ada yang dicatat\n")
    assert _count(db) == 0


def test_import_wrong_encoding_is_a_clear_error(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("langkah,oleh,peran,mulai,selesai\n"
                      "1,Sörensen,Kepala Dinas,2026-10-01 08:00,2026-10-01 08:20\n".encode("latin-1"))
    assert main(["log", "import", INST, str(latin)]) == 2
    assert "bukan teks UTF-8" in capsys.readouterr().err
    assert _count(db) == 0


def test_import_xlsx_keeps_formulas_as_text(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Langkah", "Oleh", "Peran", "Mulai", "Selesai", "Output", "Kelengkapan"])
    ws.append([1, "A / 1", "Kepala Dinas", "2026-10-01 08:00", "2026-10-01 08:20",
               '=HYPERLINK("http://x","y")', "lengkap"])
    path = tmp_path / "log.xlsx"
    wb.save(path)
    assert main(["log", "import", INST, str(path)]) == 0
    assert "diimpor: 1 entri" in capsys.readouterr().out
    assert main(["log", "list", INST]) == 0
    assert '=HYPERLINK("http://x","y")' in capsys.readouterr().out


def test_newer_schema_and_bad_period_are_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    new = tmp_path / "new.db"
    raw = sqlite3.connect(new)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.close()
    assert main(["period", "list", "--db", str(new)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "lebih baru dari sopdoc ini" in err
    assert main(["period", "open", str(LOOP_SOP), "--period", "2026-TW5", "--db", "x.db"]) == 2
    assert "kode periode tidak dikenal: '2026-TW5'" in capsys.readouterr().err
    assert main(["period", "list", "--db", "tidak-ada.db"]) == 2
    assert "basis data tidak ada" in capsys.readouterr().err
    assert not Path("tidak-ada.db").exists()


def test_evidence_file_is_stored_by_hash(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proof = tmp_path / "notulen.pdf"
    proof.write_bytes(b"%PDF-1.4 notulen")
    assert main([*ADD, "--langkah", "1", "--peran", "Kepala Dinas", "--mulai", "2026-10-01 08:00",
                 "--selesai", "2026-10-01 08:20", "--bukti", str(proof)]) == 0
    with raw(db) as conn:
        row = conn.execute("SELECT e.bukti_nama, b.data FROM entry e JOIN bukti b ON b.hash = e.bukti").fetchone()
    assert row == ("notulen.pdf", b"%PDF-1.4 notulen")


def test_csv_formula_cells_are_kept_as_text_and_escaped_on_export(db: str, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "rumus.csv"
    f.write_text("langkah,oleh,peran,mulai,selesai,output\n"
                 '1,"=HYPERLINK(""http://evil"",""klik"")",Kepala Dinas,2026-10-01 08:00,2026-10-01 08:20,@SUM(A1)\n',
                 encoding="utf-8")
    assert main(["log", "import", INST, str(f)]) == 0
    capsys.readouterr()
    assert main(["log", "export", INST, "--to", "csv"]) == 0
    out = capsys.readouterr().out
    assert "\"'=HYPERLINK(\"\"http://evil\"\",\"\"klik\"\")\"" in out and ",'@SUM(A1)," in out


def test_period_open_with_an_explicit_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["period", "open", str(LOOP_SOP), "--period", "2026-TW1", "--start", "2026-03-17 13:00",
                 "--db", "s.db", "--name", "tw1"]) == 0
    out = capsys.readouterr().out
    # Step 2 (1 hari kerja) from 13:30 on Tue 17 Mar: 150 min that day, then Nyepi and Idul Fitri
    # (18–24 Mar) are off; 270 min before the 12:00 break and 30 after it: Wed 25 Mar 13:30.
    assert "    2  2026-03-17 13:30 → 2026-03-25 13:30\n" in out


def test_an_empty_overdue_period_is_judged_honestly(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    # The fixture's plan for 2026-TW3: step 1 ends Thu 1 Oct 08:00, step 2 Fri 2 Oct 08:00, step 3
    # 10:00, step 4 11:00, step 5 11:30 (see the fixture); the deadline is Wed 14 Oct 2026.
    assert main(["period", "status", INST, "--per", "2026-10-02 09:00"]) == 0
    out = capsys.readouterr().out
    assert "status: belum dimulai (per 2026-10-02 09:00)\n" in out
    assert "    2  rencana 2026-10-02 08:00  |  belum dicatat  TERLAMBAT\n" in out
    assert "    3  rencana 2026-10-02 10:00  |  belum dicatat\n" in out
    assert main(["period", "check", INST, "--per", "2026-10-20"]) == 1
    out = capsys.readouterr().out
    assert out.count("galat CMP305 [langkah-tidak-dilaksanakan]") == 5 and "CMP206" not in out
    assert ("galat CMP306 [periode-lewat-tenggat] per 2026-10-20 siklus belum selesai, tenggat 2026-10-14 "
            "terlewati (0 dari 5 langkah jalur utama dicatat)") in out
    assert out.endswith("status: terlambat (per 2026-10-20 23:59); penilaian: Tidak berjalan dengan baik\n")
    assert main(["--lang", "en", "period", "check", INST, "--per", "2026-09-30", "--format", "json"]) == 0
    assert '"assessment": "Belum dapat dinilai (periode belum selesai)"' in capsys.readouterr().out
    assert main(["period", "check", INST, "--per", "kemarin"]) == 2
    assert "waktu tidak terbaca: 'kemarin'" in capsys.readouterr().err


SEED_002 = Path(__file__).resolve().parents[2] / "examples" / "seed-002-dplh-balangan.sop.yaml"


def test_open_refuses_a_failing_sop_without_creating_a_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["period", "open", str(SEED_002), "--period", "2026-TW3", "--db", "s.db"]) == 1
    err = capsys.readouterr().err
    # seed 002 has four errors (sopdoc check): SOP102 and three SOP311
    assert err.count(" galat SOP") == 4 and "galat SOP102 [nomor-sop-kosong]" in err
    assert err.endswith("memiliki 4 galat; perbaiki dulu (sopdoc check) atau buka dengan --paksa \"ALASAN\"\n")
    assert not Path("s.db").exists() and not Path("s.db.key").exists()
    assert main(["period", "open", str(LOOP_SOP), "--period", "2026-TW9", "--db", "s.db"]) == 2
    assert not Path("s.db").exists()
    assert main(["period", "open", str(SEED_002), "--period", "2026-TW3", "--db", "s.db", "--paksa", " "]) == 2
    assert "--paksa memerlukan alasan" in capsys.readouterr().err and not Path("s.db").exists()


def test_open_with_paksa_records_the_reason_in_the_verified_instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    import json

    monkeypatch.chdir(tmp_path)
    assert main(["period", "open", str(SEED_002), "--period", "2026-TW3", "--db", "s.db",
                 "--paksa", "SOP berlaku sampai revisi"]) == 0
    err = capsys.readouterr().err
    assert "peringatan: dibuka walau ada 4 galat; alasan dicatat: SOP berlaku sampai revisi" in err
    meta = json.loads(sqlite3.connect("s.db").execute("SELECT meta FROM instance").fetchone()[0])
    assert meta["dibuka_paksa"] == {"alasan": "SOP berlaku sampai revisi", "galat": ["SOP102", "SOP311"]}
    assert main(["log", "verify", "--db", "s.db"]) == 0


def test_open_warns_when_the_sop_periode_differs_from_the_period(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    # The fixture SOP says "periode: triwulan"; 2026-10 is a month.
    assert main(["period", "open", str(LOOP_SOP), "--period", "2026-10", "--db", "s.db"]) == 0
    assert ("peringatan: periode SOP 'triwulan' tidak sama dengan jenis periode 2026-10 (bulanan)\n"
            in capsys.readouterr().err)
    assert main(["--lang", "en", "period", "open", str(LOOP_SOP), "--period", "2026-TW4", "--db", "s.db"]) == 0
    assert "warning" not in capsys.readouterr().err


def test_due_lists_what_is_due_and_overdue_and_exits_1_when_overdue(db: str,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    import json

    # Plan (see the fixture): step 1 07:30–08:00 Thu 1 Oct, step 2 to Fri 2 Oct 08:00, step 3 08:00–10:00.
    assert main(["period", "due", "--per", "2026-10-01 07:00"]) == 0
    assert capsys.readouterr().out == "tidak ada yang jatuh tempo\n"
    assert main(["period", "due", "--per", "2026-10-02 09:00"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[1:3] for line in lines] == [["langkah 1", "TERLAMBAT"], ["langkah 2", "TERLAMBAT"],
                                                         ["langkah 3", "jatuh tempo"]]
    assert main([*ADD, "--langkah", "1", "--peran", "Kepala Dinas", "--mulai", "2026-10-01 08:00",
                 "--selesai", "2026-10-01 08:20"]) == 0
    capsys.readouterr()
    assert main(["period", "due", "--per", "2026-10-02 09:00", "--oleh", "kepala bidang", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["overdue"] == 0 and [(d["langkah"], d["terlambat"]) for d in doc["due"]] == [(3, False)]
    # After the deadline every step still to do is overdue.
    assert main(["period", "due", "--per", "2026-10-15", "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert [(d["langkah"], d["terlambat"]) for d in doc["due"]] == [(2, True), (3, True), (4, True), (5, True)]


# --------------------------------------------------------------------------- close / void (issue #15 point 5)


def test_close_freezes_the_report_and_render_gives_it_back(db: str, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    import hashlib

    assert main([*ADD, "--langkah", "1", "--peran", "Kepala Dinas", "--mulai", "2026-10-01 08:00",
                 "--selesai", "2026-10-01 08:20"]) == 0
    capsys.readouterr()
    assert main(["period", "close", INST, "--format", "pdf", "-o", "akhir", "--dicatat-oleh", "uji"]) == 0
    out = capsys.readouterr().out
    frozen = (tmp_path / "akhir" / f"laporan-{INST}.pdf").read_bytes()
    assert out.startswith(f"ditutup: {INST} (")
    assert f"akhir/laporan-{INST}.pdf\tsha256 {hashlib.sha256(frozen).hexdigest()}\n" in out
    assert [p.name for p in (tmp_path / "akhir").iterdir()] == [f"laporan-{INST}.pdf"]  # no temporaries left
    assert main([*ADD, "--langkah", "2", "--peran", "Kasubag Perencanaan", "--mulai", "2026-10-01 08:30",
                 "--selesai", "2026-10-01 09:00"]) == 2
    assert f"instans '{INST}' sudah ditutup" in capsys.readouterr().err
    assert _count(db) == 1
    assert main(["period", "render", INST, "--to", "pdf", "--out", "lagi"]) == 0
    captured = capsys.readouterr()
    assert "laporan yang dibekukan saat itu ditulis" in captured.err
    assert (tmp_path / "lagi" / f"laporan-{INST}.pdf").read_bytes() == frozen
    assert main(["period", "close", INST]) == 2
    assert "sudah ditutup" in capsys.readouterr().err
    assert main(["period", "list"]) == 0
    assert capsys.readouterr().out.rstrip("\n").endswith("1 entri\tditutup")
    assert main(["log", "verify"]) == 0


def test_void_records_a_reason_and_keeps_everything(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*ADD, "--langkah", "1", "--peran", "Kepala Dinas", "--mulai", "2026-10-01 08:00",
                 "--selesai", "2026-10-01 08:20"]) == 0
    capsys.readouterr()
    assert main(["period", "void", INST]) == 2  # the reason is required
    assert main(["period", "void", INST, "--alasan", "  "]) == 2
    capsys.readouterr()
    assert main(["--lang", "en", "period", "void", INST, "--alasan", "opened for the wrong SOP"]) == 0
    assert capsys.readouterr().out.startswith(f"voided: {INST} (")
    assert _count(db) == 1  # nothing deleted
    assert main(["period", "due", "--per", "2027-01-01"]) == 0  # a voided instance is not due
    assert "tidak ada yang jatuh tempo" in capsys.readouterr().out
    assert main(["period", "list"]) == 0
    assert capsys.readouterr().out.rstrip("\n").endswith("\tdibatalkan")
    assert main(["period", "close", INST]) == 2
    assert "sudah dibatalkan" in capsys.readouterr().err
    assert main(["period", "void", "tidak-ada", "--alasan", "x"]) == 2
    with raw(db) as conn:
        assert conn.execute("SELECT kind, alasan FROM lifecycle").fetchall() == [("void", "opened for the wrong SOP")]
    assert main(["log", "verify"]) == 0


# --------------------------------------------------------------------------- one option vocabulary (point 6)


def test_list_status_and_log_list_speak_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main([*ADD, "--langkah", "1", "--peran", "Kepala Dinas", "--mulai", "2026-10-01 08:00",
                 "--selesai", "2026-10-01 08:20"]) == 0
    capsys.readouterr()
    assert main(["period", "list", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"instances": [
        {"name": INST, "period": "2026-TW3", "nama": "Penyusunan Laporan Triwulan", "deadline": "2026-10-14",
         "entries": 1, "ended": None, "ended_at": None}]}
    assert main(["period", "status", INST, "--per", "2026-10-20", "--format", "json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert (status["state"], status["recorded"], status["main_path"]) == ("terlambat", 1, 5)
    assert status["as_of"] == "2026-10-20T23:59+08:00"
    assert [s["terlambat"] for s in status["steps"]] == [False, True, True, True, True]
    assert status["steps"][0]["oleh"] == "Budi / 1980"
    assert main(["log", "list", INST, "--format", "json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)["entries"]
    assert (entry["seq"], entry["langkah"], entry["peran"], entry["digantikan"]) == (1, 1, "Kepala Dinas", False)


def test_old_spellings_still_work_with_a_note(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*ADD, "--langkah", "1", "--peran", "Kepala Dinas", "--mulai", "2026-10-01 08:00",
                 "--selesai", "2026-10-01 08:20"]) == 0
    capsys.readouterr()
    assert main(["log", "export", INST, "--format", "xes", "-o", "a.xes"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["log", "export", INST, "--to", "xes", "-o", "b.xes"]) == 0
    assert capsys.readouterr().err == "catatan: --to adalah ejaan lama; pakai --format\n"
    assert Path("a.xes").read_text(encoding="utf-8").count("<event>") == 2
    assert Path("b.xes").read_text(encoding="utf-8").count("<event>") == 2
    assert main(["log", "export", INST, "--to", "pdf"]) == 2  # the old spelling is checked as strictly
    capsys.readouterr()
    assert main(["period", "render", INST, "--format", "pdf", "-o", "baru"]) == 0
    assert (tmp_path / "baru" / f"laporan-{INST}.pdf").is_file()
    assert main(["--lang", "en", "period", "render", INST, "--to", "docx", "--out", "lama"]) == 0
    assert "note: --to is an old spelling; use --format" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "lama").iterdir()] == [f"laporan-{INST}.docx"]


# --------------------------------------------------------------------------- warnings at entry (point 4)


def test_log_add_warns_at_once_and_records(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    # 2026-10-03 is a Saturday; the step-1 actor is Kepala Dinas
    assert main([*ADD, "--langkah", "1", "--peran", "Staf", "--mulai", "2026-10-03 08:00",
                 "--selesai", "2026-10-03 08:20"]) == 0
    err = capsys.readouterr().err
    assert "peringatan: langkah 1 dicatat pada 2026-10-03 (akhir pekan); tetap dicatat\n" in err
    assert "peringatan: langkah 1 dikerjakan oleh 'Staf', bukan Kepala Dinas (CMP102 pada period check)" in err
    # 17 August is Independence Day; June 2026 lies before Triwulan III
    assert main(["--lang", "en", *ADD, "--langkah", "2", "--peran", "Kasubag Perencanaan",
                 "--mulai", "2026-08-17 08:00", "--selesai", "2026-08-17 09:00"]) == 0
    err = capsys.readouterr().err
    assert "warning: step 2 recorded on 2026-08-17 (" in err and "recorded anyway" in err
    assert main([*ADD, "--langkah", "1", "--peran", "Kepala Dinas", "--mulai", "2026-06-02 08:00",
                 "--selesai", "2026-06-02 08:20"]) == 0
    assert ("peringatan: langkah 1 (2026-06-02) di luar jendela periode (2026-07-01 s.d. tenggat 2026-10-14); "
            "instansnya benar?\n") in capsys.readouterr().err
    assert main([*ADD, "--langkah", "1", "--peran", "Kepala Dinas", "--mulai", "2026-10-01 08:00",
                 "--selesai", "2026-10-01 08:20"]) == 0
    assert "peringatan" not in capsys.readouterr().err  # a working day, the right role, inside the window
    assert _count(db) == 4


def test_a_decision_step_without_the_decision_is_refused(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*ADD, "--langkah", "3", "--peran", "Kepala Bidang", "--mulai", "2026-10-02 08:00",
                 "--selesai", "2026-10-02 09:00"]) == 2
    assert "galat: langkah 3 adalah keputusan; isi keputusan yang diambil (ya/tidak)" in capsys.readouterr().err
    assert _count(db) == 0
    assert main([*ADD, "--langkah", "3", "--peran", "Kepala Bidang", "--mulai", "2026-10-02 08:00",
                 "--selesai", "2026-10-02 09:00", "--keputusan", "ya"]) == 0
    assert _count(db) == 1


def test_log_import_names_the_row_of_each_warning(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "log.csv").write_text(
        "langkah,oleh,peran,mulai,selesai,keputusan\n"
        "1,Budi,Kepala Dinas,2026-10-01 08:00,2026-10-01 08:20,\n"
        "2,Ani,Kasubag Perencanaan,2026-10-04 08:00,2026-10-04 09:00,\n", encoding="utf-8")
    assert main(["log", "import", INST, "log.csv", "--dicatat-oleh", "uji"]) == 0
    err = capsys.readouterr().err
    assert "peringatan: log.csv:baris 3: langkah 2 dicatat pada 2026-10-04 (akhir pekan); tetap dicatat\n" in err
    assert "baris 2" not in err
    (tmp_path / "log2.csv").write_text(
        "langkah,oleh,peran,mulai,selesai,keputusan\n3,Citra,Kepala Bidang,2026-10-05 08:00,2026-10-05 09:00,\n",
        encoding="utf-8")
    assert main(["log", "import", INST, "log2.csv"]) == 2
    assert "log2.csv:baris 2: langkah 3 adalah keputusan" in capsys.readouterr().err
    assert _count(db) == 2
