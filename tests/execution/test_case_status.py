"""``period status`` per case (issue #15 point 8): one line per case, and ``--kasus K`` for one case's steps.

Figures worked out by hand from the fixture SOP keputusan-loop (main path 1-2-3-4-5: 30 menit, 1 hari
kerja, 2 jam, 1 jam, 30 menit = 690 working minutes) and the Perpres 21/2023 hours of Thursday 1
October 2026 (07:30-16:00, break 12:00-13:00). The period 2026-TW3's deadline is 14 October 2026.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sopdoc.cli import main

INST = "keputusan-loop-2026-TW3"




def _add(langkah: int, peran: str, mulai: str, selesai: str, *extra: str) -> None:
    assert main(["log", "add", INST, "--oleh", "Budi / 1980", "--dicatat-oleh", "uji", "--langkah", str(langkah),
                 "--peran", peran, "--mulai", mulai, "--selesai", selesai, "--output", "x",
                 "--kelengkapan", "lengkap", *extra]) == 0


@pytest.fixture
def two_cases(db: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    _add(1, "Kepala Dinas", "2026-10-01 08:00", "2026-10-01 08:20", "--kasus", "AG-001")
    _add(2, "Kasubag Perencanaan", "2026-10-01 08:30", "2026-10-01 10:00", "--kasus", "AG-001")
    _add(1, "Kepala Dinas", "2026-10-01 09:00", "2026-10-01 09:20", "--kasus", "AG-002")
    capsys.readouterr()
    return db


def test_status_lists_each_case(two_cases: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["period", "status", INST, "--per", "2026-10-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2] == "kasus: 2 (0 selesai, 2 terbuka, 0 terlambat; per 2026-10-01 23:59)"
    assert lines[3] == "kasus\tlangkah\tmulai\tentri terakhir\twaktu kerja (baku)\tkeadaan"
    assert lines[4].split("\t") == ["AG-001", "2/5", "2026-10-01 08:00", "2026-10-01 10:00",
                                    "7 j 0 mnt sejauh ini (11 j 30 mnt)", "berjalan"]
    assert lines[5].split("\t")[:4] == ["AG-002", "1/5", "2026-10-01 09:00", "2026-10-01 09:20"]
    assert lines[6] == f"langkah satu kasus: sopdoc period status {INST} --kasus KASUS"
    assert main(["period", "status", INST, "--per", "2026-10-01", "--format", "json"]) == 0
    cases = json.loads(capsys.readouterr().out)["cases"]
    # 08:00-12:00 and 13:00-16:00; 09:00-12:00 and 13:00-16:00
    assert [(c["kasus"], c["done"], c["total"], c["working_minutes"], c["standard_minutes"], c["state"])
            for c in cases] == [("AG-001", 2, 5, 420.0, 690.0, "berjalan"), ("AG-002", 1, 5, 360.0, 690.0, "berjalan")]
    assert [c["last"] for c in cases] == ["2026-10-01T10:00", "2026-10-01T09:20"]


def test_status_of_one_case_shows_its_steps(two_cases: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "period", "status", INST, "--kasus", "AG-002", "--per", "2026-10-01"]) == 0
    out = capsys.readouterr().out
    assert "case: AG-002\nstatus: in progress (as of 2026-10-01 23:59)\n" in out
    assert "2026-10-01 09:20 (Budi / 1980)" in out and "OVERDUE" not in out
    assert out.endswith("1/5 main-path steps recorded\n")
    assert main(["period", "status", INST, "--kasus", "AG-001", "--per", "2026-10-20", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["kasus"], data["state"], data["recorded"]) == ("AG-001", "terlambat", 2)
    assert [s["terlambat"] for s in data["steps"]] == [False, False, True, True, True]
    assert [c["kasus"] for c in data["cases"]] == ["AG-001"]


def test_an_unknown_case_is_a_usage_error(two_cases: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["period", "status", INST, "--kasus", "AG-01"]) == 2
    assert "kasus tidak dikenal: 'AG-01'; maksud Anda 'AG-001'?" in capsys.readouterr().err


def test_a_single_run_log_has_no_named_case(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _add(1, "Kepala Dinas", "2026-10-01 08:00", "2026-10-01 08:20")
    capsys.readouterr()
    assert main(["period", "status", INST, "--per", "2026-10-01"]) == 0
    assert "kasus" not in capsys.readouterr().out
    assert main(["--lang", "en", "period", "status", INST, "--kasus", "X"]) == 2
    assert "unknown case: 'X'; this instance has no named cases" in capsys.readouterr().err
