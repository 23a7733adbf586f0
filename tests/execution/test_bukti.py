"""Evidence paths of an imported log stay in the log's folder; hostile row values are refused."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import sopdoc.execution.log_rows as log_rows
from sopdoc.execution.entries import LogEntry
from sopdoc.execution.log_files import entries_to_csv, entries_to_xes
from sopdoc.execution.log_rows import check_row
from tests.execution.helpers import loop_flow
from tests.xml_check import assert_well_formed

ZONE = ZoneInfo("Asia/Makassar")
ROW = {"langkah": "1", "oleh": "Budi", "peran": "Kepala Dinas",
       "mulai": "2026-10-01 08:00", "selesai": "2026-10-01 09:00"}


def _problems(base: Path | None, **values: str) -> list[str]:
    res = check_row(2, {**ROW, **values}, loop_flow(), ZONE, base_dir=base)
    return [p.id for p in res.problems]


def test_relative_evidence_under_the_log_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "bukti").mkdir()
    (tmp_path / "bukti" / "surat.pdf").write_bytes(b"%PDF-1.4 isi")
    res = check_row(2, {**ROW, "bukti": "bukti/surat.pdf"}, loop_flow(), ZONE, base_dir=tmp_path)
    assert res.problems == [] and res.evidence == (b"%PDF-1.4 isi", "surat.pdf")


@pytest.mark.parametrize("raw, word", [
    ("../../../../etc/passwd", "'..'"),
    ("bukti/../../rahasia.txt", "'..'"),
    ("/etc/passwd", "relatif"),
    ("/dev/zero", "relatif"),
])
def test_paths_leaving_the_folder_are_refused(tmp_path: Path, raw: str, word: str) -> None:
    problems = _problems(tmp_path, bukti=raw)
    assert len(problems) == 1 and word in problems[0] and "bukti" in problems[0]


def test_symbolic_links_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "luar.txt"
    secret.write_text("rahasia", encoding="utf-8")
    log_dir = tmp_path / "log"
    log_dir.mkdir()
    (log_dir / "tautan.txt").symlink_to(secret)
    (log_dir / "folder").symlink_to(tmp_path)
    assert "tautan simbolik" in _problems(log_dir, bukti="tautan.txt")[0]
    assert "tautan simbolik" in _problems(log_dir, bukti="folder/luar.txt")[0]


def test_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipa")
    problems = _problems(tmp_path, bukti="pipa")
    assert problems == ["berkas bukti ditolak: pipa: pipa bernama (FIFO), bukan berkas biasa; tidak dibaca"]


def test_device_is_refused_on_log_add(tmp_path: Path) -> None:
    problems = _problems(None, bukti="/dev/zero")
    assert problems == ["berkas bukti ditolak: /dev/zero: berkas perangkat, bukan berkas biasa; tidak dibaca"]


def test_oversized_evidence_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(log_rows, "MAX_EVIDENCE_BYTES", 10)
    (tmp_path / "besar.pdf").write_bytes(b"x" * 11)
    assert "terlalu besar (11 bita, maks. 10)" in _problems(tmp_path, bukti="besar.pdf")[0]


@pytest.mark.parametrize("langkah", ["²", "₂", "①", "١"])
def test_unicode_digits_are_not_step_numbers(langkah: str) -> None:
    assert _problems(None, langkah=langkah) == [f"langkah harus nomor langkah, bukan '{langkah}'"]
    assert _problems(None, menggantikan=langkah) == ["menggantikan harus nomor entri"]


@pytest.mark.parametrize("stamp", ["0001-01-01 08:00", "9999-12-31 23:59+14:00", "2026-1²-01 08:00"])
def test_absurd_years_are_refused(stamp: str) -> None:
    problems = _problems(None, mulai=stamp)
    assert len(problems) == 1 and ("tahun di luar" in problems[0] or "tidak terbaca" in problems[0])


def test_timestamps_outside_the_period_window_are_refused() -> None:
    window = (dt.datetime(2025, 7, 1, tzinfo=ZONE), dt.datetime(2027, 12, 31, tzinfo=ZONE))
    res = check_row(2, {**ROW, "mulai": "2031-10-01 08:00", "selesai": "2031-10-01 09:00"}, loop_flow(), ZONE,
                    window=window)
    assert [p.id for p in res.problems] == [
        "'mulai' (2031-10-01 08:00) di luar rentang periode (2025-07-01 s.d. 2027-12-31)",
        "'selesai' (2031-10-01 09:00) di luar rentang periode (2025-07-01 s.d. 2027-12-31)"]
    assert check_row(2, ROW, loop_flow(), ZONE, window=window).problems == []


def _entry(**kw: object) -> LogEntry:
    fields = dict(langkah=1, oleh="Budi", peran="Kepala Dinas", mulai="2026-10-01T08:00:00+08:00",
                  selesai="2026-10-01T09:00:00+08:00", seq=1)
    fields.update(kw)
    return LogEntry(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("sep", [",", ";"])
def test_csv_cells_are_quoted_for_either_separator(sep: str) -> None:
    text = entries_to_csv([_entry(output="x;=1+1", catatan="a,=2+2", oleh="@SUM(A1)", peran='Kepala "Dinas"')], sep)
    row = text.splitlines()[1].split(sep)
    assert '"x;=1+1"' in text and '"a,=2+2"' in text and "'@SUM(A1)" in text and '"Kepala ""Dinas"""' in text
    # no cell, split on either separator, starts a formula
    for other in (",", ";"):
        cells = [c for line in text.splitlines()[1:] for c in _naive_split(line, other)]
        assert not any(c.startswith(("=", "+", "@")) for c in cells), cells
    assert row[0] == "1"


def _naive_split(line: str, sep: str) -> list[str]:
    """Split as a spreadsheet does: separators inside double quotes do not split."""
    cells, cur, quoted = [], "", False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        if ch == sep and not quoted:
            cells.append(cur)
            cur = ""
        else:
            cur += ch
    return [*cells, cur]


def test_xes_with_control_characters_is_well_formed() -> None:
    entries = [_entry(oleh="Budi\x01\x1b[31m", peran="Kepala\x0b", keputusan="")]
    text = entries_to_xes("inst\x02", "SOP\x00 nama", entries, {1: "Uraian\x0c langkah"})
    root = assert_well_formed(text)
    assert "\x01" not in text and "\x00" not in text
    values = [el.get("value") for el in root.iter() if el.get("key") == "org:resource"]
    assert values == ["Budi\ufffd\ufffd[31m", "Budi\ufffd\ufffd[31m"]
