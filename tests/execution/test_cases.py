"""Cases (``kasus``, issue #15 point 2): one instance holds one or many cases, each checked on its own.

Expected figures are worked out by hand from the fixture SOP keputusan-loop (30 menit, 1 hari kerja,
2 jam, 1 jam, 30 menit on the main path 1-2-3-4-5) and the Perpres 21/2023 working day (Monday
07:30-16:00 with the 12:00-13:00 break: 450 working minutes).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from sopdoc.cli import main
from sopdoc.execution.entries import GENESIS, LogEntry, entry_hash
from sopdoc.execution.state import State
from sopdoc.execution.store import open_store
from sopdoc.execution.store_schema import SCHEMA_VERSION
from tests.execution.helpers import check, codes, downgrade, entry, good_log

INST = "keputusan-loop-2026-TW3"
ADD = ["log", "add", INST, "--oleh", "Budi / 1980", "--dicatat-oleh", "uji"]


def _case(log: list[LogEntry], kasus: str, shift: int = 0) -> list[LogEntry]:
    return [dataclasses.replace(e, kasus=kasus, seq=e.seq + shift) for e in log]


# --------------------------------------------------------------------------- the hash


def test_an_entry_of_the_implicit_case_hashes_as_before_cases_existed() -> None:
    e = entry(1, 1, "2026-10-05T08:00", "2026-10-05T08:20")
    body = {"langkah": 1, "oleh": "Pegawai 1", "peran": "Kepala Dinas", "mulai": "2026-10-05T08:00:00+08:00",
            "selesai": "2026-10-05T08:20:00+08:00", "output": "Surat permintaan", "keputusan": "",
            "kelengkapan": "lengkap", "bukti": "", "bukti_nama": "", "catatan": "", "menggantikan": None,
            "seq": 1, "dicatat_oleh": "", "dicatat_pada": ""}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    version_3 = hashlib.sha256(f"{GENESIS}\nuji\n{text}".encode()).hexdigest()
    assert entry_hash("uji", e, GENESIS) == version_3
    named = dataclasses.replace(e, kasus="AG-001")
    with_case = json.dumps(body | {"kasus": "AG-001"}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert entry_hash("uji", named, GENESIS) == hashlib.sha256(f"{GENESIS}\nuji\n{with_case}".encode()).hexdigest()
    assert entry_hash("uji", named, GENESIS) != version_3


# --------------------------------------------------------------------------- migration 3 → 4




def _add(langkah: int, peran: str, mulai: str, selesai: str, *extra: str) -> int:
    return main([*ADD, "--langkah", str(langkah), "--peran", peran, "--mulai", mulai, "--selesai", selesai,
                 "--output", "x", "--kelengkapan", "lengkap", *extra])


def test_a_version_3_database_is_migrated_its_chains_stay_valid_and_cases_are_hashed(db: Path) -> None:
    assert _add(1, "Kepala Dinas", "2026-10-01 08:00", "2026-10-01 08:20") == 0
    assert _add(2, "Kasubag Perencanaan", "2026-10-01 08:30", "2026-10-01 10:00") == 0
    raw = sqlite3.connect(db)
    old = raw.execute("SELECT seq, hash FROM entry ORDER BY seq").fetchall()
    raw.close()
    downgrade(db, 3)
    assert [c[1] for c in sqlite3.connect(db).execute("PRAGMA table_info(entry)")][-1] == "hash"
    with open_store(db, create=False) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
        assert store.verification().ok
        assert [(e.seq, e.hash) for e in store.entries(INST)] == old
        assert {e.kasus for e in store.entries(INST)} == {""}
    assert _add(1, "Kepala Dinas", "2026-10-02 08:00", "2026-10-02 08:20", "--kasus", "AG-002") == 0
    with open_store(db, create=False) as store:
        assert store.verification().ok
        assert [e.kasus for e in store.entries(INST)] == ["", "", "AG-002"]
    raw = sqlite3.connect(db)
    raw.execute("DROP TRIGGER entry_no_update")
    raw.execute("UPDATE entry SET kasus = 'AG-009' WHERE seq = 3")  # moved to another case behind sopdoc's back
    raw.commit()
    raw.close()
    with open_store(db, create=False) as store:
        assert [b.seq for b in store.verification().broken] == [3]


def test_naming_a_case_on_an_old_entry_breaks_its_chain(db: Path) -> None:
    assert _add(1, "Kepala Dinas", "2026-10-01 08:00", "2026-10-01 08:20") == 0
    raw = sqlite3.connect(db)
    raw.execute("DROP TRIGGER entry_no_update")
    raw.execute("UPDATE entry SET kasus = 'X' WHERE seq = 1")
    raw.commit()
    raw.close()
    with open_store(db, create=False) as store:
        assert [b.seq for b in store.verification().broken] == [1]


# --------------------------------------------------------------------------- compliance per case


def test_two_interleaved_clean_cases_are_each_clean() -> None:
    a, b = _case(good_log(), "A"), _case(good_log(), "B", 10)
    assert codes(check(a + b)) == []  # one case each: no repetition, no wrong order
    assert "CMP205" in codes(check([dataclasses.replace(e, kasus="") for e in a + b]))  # one case: repeats
    result = check(a + b)
    assert [c.kasus for c in result.cases] == ["A", "B"]
    for c in result.cases:
        assert c.state is State.SELESAI and c.entries == 5
        assert c.actual == 530.0  # Mon 08:00-12:00 and 13:00-16:00 (420) + Tue 07:30-09:20 (110)
        assert c.standard == 690.0  # 30 + 450 + 120 + 60 + 30
        assert not c.late and not c.overdue
    assert result.state is State.SELESAI and result.good
    assert result.total.entries == 10 and result.per_step[2].entries == 2
    assert result.finished == dt.datetime(2026, 10, 6, 9, 20)


def test_a_single_run_log_is_one_implicit_case() -> None:
    result = check(good_log())
    assert [(c.kasus, c.entries, c.actual, c.standard) for c in result.cases] == [("", 5, 530.0, 690.0)]


def test_an_open_case_past_the_deadline_is_overdue_and_named_in_its_findings() -> None:
    log = _case(good_log(), "A") + _case(good_log()[:2], "B", 10)
    result = check(log, as_of=dt.datetime(2026, 10, 20, 9, 0))
    assert result.state is State.TERLAMBAT and not result.good
    assert [c.kasus for c in result.open_cases] == ["B"] == [c.kasus for c in result.overdue_cases]
    messages = [d.message.id for d in result.diagnostics if d.code in ("CMP305", "CMP306")]
    assert messages and all(m.startswith("kasus B: ") for m in messages)
    assert "kasus B: langkah 3 tidak dilaksanakan sampai tenggat 2026-10-14" in messages


def test_an_open_case_beyond_the_sop_standard_is_overdue_before_the_deadline() -> None:
    log = _case(good_log()[:2], "B")  # started Mon 5 Oct 08:00; 690 working minutes allowed (+10 %)
    assert not check(log, as_of=dt.datetime(2026, 10, 6, 14, 0)).overdue_cases  # 420 + 270 + 60 = 750 < 759
    late = check(log, as_of=dt.datetime(2026, 10, 6, 15, 0))  # 420 + 270 + 120 = 810 > 759
    assert [c.kasus for c in late.overdue_cases] == ["B"]
    assert late.state is State.BERJALAN  # the period itself runs until its deadline


def test_a_case_finished_beyond_the_standard_is_late() -> None:
    log = good_log()
    log[4] = dataclasses.replace(log[4], mulai="2026-10-07T09:00:00+08:00", selesai="2026-10-07T09:20:00+08:00")
    (case,) = check(log).cases
    assert case.actual == 530.0 + 450 and case.late  # one more working day: 980 > 759


def test_a_correction_may_move_an_entry_to_another_case() -> None:
    a = _case(good_log(), "A")
    wrong = dataclasses.replace(a[4], kasus="B")
    fixed = dataclasses.replace(a[4], seq=6, menggantikan=5)
    result = check([*a[:4], wrong, fixed])
    assert [c.kasus for c in result.cases] == ["A"] and codes(result) == []


def test_an_entry_before_the_period_window_is_cmp307() -> None:
    log = good_log()
    log[0] = dataclasses.replace(log[0], mulai="2026-09-28T08:00:00+08:00", selesai="2026-09-28T08:20:00+08:00")
    found = [d for d in check(log).diagnostics if d.code == "CMP307"]
    assert [d.origin.row for d in found if d.origin] == [1]
    assert "mulai 2026-09-28, sebelum jendela periode (2026-10-01 s.d. 2026-10-14)" in found[0].message.id
    assert "CMP307" not in codes(check(good_log()))


def test_an_entry_after_the_deadline_is_cmp307_unless_cmp301_says_so() -> None:
    found = check(good_log(), deadline=dt.date(2026, 10, 5)).diagnostics
    assert [(d.code, d.origin.row) for d in found if d.code in ("CMP301", "CMP307") and d.origin] == [
        ("CMP307", 4), ("CMP301", 5)]


# --------------------------------------------------------------------------- through the CLI


def test_log_add_and_import_name_the_case_and_check_counts_cases(db: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert _add(1, "Kepala Dinas", "2026-10-01 08:00", "2026-10-01 08:20", "--kasus", "AG-001") == 0
    rows = ["kasus,langkah,oleh,peran,mulai,selesai,output,keputusan,kelengkapan",
            "AG-001,2,Sari,Kasubag Perencanaan,2026-10-01 08:30,2026-10-01 10:00,x,,lengkap",
            "AG-002,1,Budi,Kepala Dinas,2026-10-01 09:00,2026-10-01 09:20,x,,lengkap"]
    (tmp_path / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["log", "import", INST, str(tmp_path / "log.csv"), "--dicatat-oleh", "uji"]) == 0
    capsys.readouterr()
    assert main(["log", "list", INST]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in out] == ["#1 (AG-001)", "#2 (AG-001)", "#3 (AG-002)"]
    assert main(["period", "check", INST, "--per", "2026-10-01"]) == 0
    assert "kasus: 2 (0 selesai, 0 di antaranya melampaui waktu baku SOP; 2 terbuka, 0 terlambat)" in \
        capsys.readouterr().out
    assert main(["--lang", "en", "period", "check", INST, "--per", "2026-10-20", "--format", "json"]) == 1
    figures = json.loads(capsys.readouterr().out)["figures"]
    assert [(c["kasus"], c["entries"], c["overdue"]) for c in figures["cases"]] == [("AG-001", 2, True),
                                                                                   ("AG-002", 1, True)]
    assert figures["open_cases"] == 2 and figures["overdue_cases"] == 2
    assert main(["log", "export", INST]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("seq,kasus,langkah,")


def test_a_single_run_log_shows_no_case(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _add(1, "Kepala Dinas", "2026-10-01 08:00", "2026-10-01 08:20") == 0
    capsys.readouterr()
    assert main(["period", "check", INST, "--per", "2026-10-01"]) == 0
    assert "kasus" not in capsys.readouterr().out
    assert main(["log", "export", INST]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("seq,langkah,")
    assert main(["log", "list", INST]) == 0
    assert capsys.readouterr().out.startswith("#1\t1\t")


@pytest.mark.parametrize("kasus, message", [("A" * 101, "kasus terlalu panjang (101 karakter, maks. 100)"),
                                            ("AG\x1b[2J", "kasus berisi karakter kendali")])
def test_a_bad_case_id_is_refused(db: Path, capsys: pytest.CaptureFixture[str], kasus: str, message: str) -> None:
    assert _add(1, "Kepala Dinas", "2026-10-01 08:00", "2026-10-01 08:20", "--kasus", kasus) == 2
    assert message in capsys.readouterr().err
    assert sqlite3.connect(db).execute("SELECT count(*) FROM entry").fetchone()[0] == 0


def test_an_entry_before_the_window_is_warned_at_entry_and_at_check(db: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert _add(1, "Kepala Dinas", "2026-06-02 08:00", "2026-06-02 08:20") == 0
    assert "di luar jendela periode (2026-07-01 s.d. tenggat 2026-10-14)" in capsys.readouterr().err
    assert main(["period", "check", INST, "--per", "2026-07-01", "--fail-on", "warning"]) == 1
    assert "CMP307 [di-luar-periode] langkah 1 mulai 2026-06-02, sebelum jendela periode" in capsys.readouterr().out


def test_log_templates_hold_the_case_column_and_read_back(db: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    assert main(["log", "template", INST, "--format", "xlsx", "-o", "t.xlsx"]) == 0
    ws = load_workbook(tmp_path / "t.xlsx").worksheets[0]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][:5] == ["kasus", "langkah", "oleh", "peran", "mulai"]
    assert [(r[1], r[3]) for r in rows[1:]] == [("1", "Kepala Dinas"), ("2", "Kasubag Perencanaan"),
                                                ("3", "Kepala Bidang"), ("4", "Kepala Dinas"),
                                                ("5", "Kasubag Perencanaan")]
    for col, value in ((1, "AG-7"), (3, "Budi"), (5, "2026-10-01 08:00"), (6, "2026-10-01 08:20"), (7, "Surat"),
                       (9, "lengkap")):
        ws.cell(row=2, column=col, value=value)
    ws.delete_rows(3, 4)
    ws.parent.save(tmp_path / "isi.xlsx")
    assert main(["log", "import", INST, str(tmp_path / "isi.xlsx"), "--dicatat-oleh", "uji"]) == 0
    with open_store(db, create=False) as store:
        assert [(e.kasus, e.langkah, e.oleh) for e in store.entries(INST)] == [("AG-7", 1, "Budi")]
    assert main(["log", "template", INST, "--format", "csv", "--tanpa-kasus", "-o", "t.csv"]) == 0
    assert (tmp_path / "t.csv").read_text().splitlines()[:2] == [
        "langkah,oleh,peran,mulai,selesai,output,keputusan,kelengkapan,bukti,catatan,menggantikan",
        "1,,Kepala Dinas,,,,,,,,"]


def test_due_lists_the_next_step_of_each_open_case(db: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    rows = ["kasus,langkah,oleh,peran,mulai,selesai,output,keputusan,kelengkapan",
            "AG-1,1,Budi,Kepala Dinas,2026-10-05 08:00,2026-10-05 08:20,x,,lengkap",
            "AG-1,2,Sari,Kasubag Perencanaan,2026-10-05 08:30,2026-10-05 10:00,x,,lengkap",
            "AG-2,1,Budi,Kepala Dinas,2026-10-06 08:00,2026-10-06 08:20,x,,lengkap"]
    (tmp_path / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["log", "import", INST, str(tmp_path / "log.csv"), "--dicatat-oleh", "uji"]) == 0
    capsys.readouterr()
    # Tue 6 Oct 10:00: AG-1 (from Mon 08:00) has used 420 + 150 = 570 of its 759 working minutes, AG-2 120.
    assert main(["period", "due", "--per", "2026-10-06 10:00", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [(d["kasus"], d["langkah"], d["terlambat"]) for d in doc["due"]] == [("AG-1", 3, False), ("AG-2", 2, False)]
    # Wed 7 Oct 10:00: AG-1 has used 420 + 450 + 150 = 1020 minutes, beyond the standard; AG-2 570.
    assert main(["period", "due", "--per", "2026-10-07 10:00"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{INST}/AG-1\tlangkah 3\tTERLAMBAT\tkasus mulai 2026-10-05 08:00\t")
    assert out[1].startswith(f"{INST}/AG-2\tlangkah 2\tjatuh tempo\tkasus mulai 2026-10-06 08:00\t")
    assert main(["period", "due", "--per", "2026-10-07 10:00", "--oleh", "Kepala Bidang", "--format", "json"]) == 1
    assert [d["kasus"] for d in json.loads(capsys.readouterr().out)["due"]] == ["AG-1"]
