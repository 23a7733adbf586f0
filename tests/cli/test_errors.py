"""The CLI's one exception boundary: one line on stderr, a documented exit code, never a hang."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from sopdoc.cli import main
from tests.conftest import EXAMPLES

SOURCE = EXAMPLES / "pengumpulan-data-kinerja.sop.yaml"


def _boom(exc: BaseException):
    def raiser(*_a, **_k):
        raise exc
    return raiser


@pytest.fixture(autouse=True)
def _indonesian(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOPDOC_LANG", raising=False)
    monkeypatch.delenv("SOPDOC_DEBUG", raising=False)


def test_unexpected_exception_is_one_line_and_exit_3(monkeypatch, capsys) -> None:
    monkeypatch.setattr("sopdoc.importers.inputs.expand_inputs", _boom(RuntimeError("rusak di dalam")))
    assert main(["check", str(SOURCE)]) == 3
    err = capsys.readouterr().err
    assert err == "galat internal: RuntimeError: rusak di dalam; jalankan ulang dengan --debug\n"
    assert main(["--lang", "en", "check", str(SOURCE)]) == 3
    assert capsys.readouterr().err == "internal error: RuntimeError: rusak di dalam; run again with --debug\n"


def test_debug_shows_the_traceback(monkeypatch, capsys) -> None:
    monkeypatch.setattr("sopdoc.importers.inputs.expand_inputs", _boom(RuntimeError("rusak")))
    assert main(["--debug", "check", str(SOURCE)]) == 3
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and err.endswith("jalankan ulang dengan --debug\n")


def test_memory_error_is_one_line(monkeypatch, capsys) -> None:
    monkeypatch.setattr("sopdoc.importers.inputs.expand_inputs", _boom(MemoryError()))
    assert main(["check", str(SOURCE)]) == 3
    assert capsys.readouterr().err == "galat: memori tidak cukup; masukan terlalu besar\n"


@pytest.mark.parametrize("code, reason", [(errno.ENOSPC, "ruang disk penuh"), (errno.EPERM, "operasi tidak diizinkan"),
                                          (errno.ENAMETOOLONG, "nama berkas terlalu panjang"),
                                          (errno.EROFS, "sistem berkas hanya-baca")])
def test_os_errors_are_one_line_exit_2(monkeypatch, capsys, code: int, reason: str) -> None:
    monkeypatch.setattr("sopdoc.importers.inputs.expand_inputs",
                        _boom(OSError(code, os.strerror(code), "/tmp/x.pdf")))
    assert main(["check", str(SOURCE)]) == 2
    assert capsys.readouterr().err == f"galat: /tmp/x.pdf: {reason}\n"


def test_keyboard_interrupt_is_one_line_exit_130(monkeypatch, capsys) -> None:
    monkeypatch.setattr("sopdoc.importers.inputs.expand_inputs", _boom(KeyboardInterrupt()))
    assert main(["check", str(SOURCE)]) == 130
    assert capsys.readouterr().err == "dibatalkan\n"


def test_broken_database_is_one_line(tmp_path: Path, capsys) -> None:
    db = tmp_path / "rusak.db"
    db.write_bytes(b"bukan basis data sqlite " * 100)
    code = main(["period", "list", "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and err.startswith("galat") and "Traceback" not in err


def test_sqlite_error_reaches_the_boundary(monkeypatch, capsys) -> None:
    monkeypatch.setattr("sopdoc.importers.inputs.expand_inputs",
                        _boom(sqlite3.OperationalError("database is locked")))
    assert main(["check", str(SOURCE)]) == 2
    assert capsys.readouterr().err == "galat: basis data log tidak dapat dipakai: database is locked\n"


def test_exit_codes_are_documented(capsys) -> None:
    assert main(["--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "3 galat internal (jejak lengkap dengan --debug)" in out and "--debug" in out
    assert main(["--lang", "en", "--help"]) == 0
    assert "3 internal error (full traceback with --debug)" in " ".join(capsys.readouterr().out.split())


def test_readme_documents_exit_codes() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "| 3 |" in readme and "--debug" in readme


@pytest.mark.parametrize("command", [["check"], ["info"], ["render", "-o", "OUT"], ["import", "-o", "OUT"]])
def test_devices_and_fifos_are_refused_without_hanging(tmp_path: Path, capsys, command: list[str]) -> None:
    fifo = tmp_path / ("pipa.sop.yaml" if command[0] != "import" else "pipa.txt")
    os.mkfifo(fifo)
    args = [a.replace("OUT", str(tmp_path / "o")) for a in command]
    for target in (fifo, Path("/dev/zero")):
        code = main([args[0], str(target), *args[1:]])
        captured = capsys.readouterr()
        assert code == 1
        assert "bukan berkas biasa" in captured.out + captured.err and "Traceback" not in captured.err


def test_yaml_with_bad_tags_and_unicode_digits_gives_findings(tmp_path: Path, capsys) -> None:
    src = SOURCE.read_text(encoding="utf-8")
    cases = {"float": src.replace("  - no: 2\n", "  - no: !!float abc\n", 1),
             "int": src.replace("  - no: 1\n", "  - no: !!int ²\n", 1),
             "digit": src.replace("  - no: 1\n", "  - no: ①\n", 1)}
    for name, text in cases.items():
        assert text != src
        path = tmp_path / f"{name}.sop.yaml"
        path.write_text(text, encoding="utf-8")
        assert main(["check", str(path)]) == 1
        out = capsys.readouterr().out
        assert "SOP007" in out and "harus berupa bilangan bulat" in out


def test_check_text_output_escapes_terminal_controls(tmp_path: Path, capsys) -> None:
    path = tmp_path / "esc.sop.yaml"
    path.write_text(SOURCE.read_text(encoding="utf-8").replace("  - no: 1\n", '  - no: "1\\x1b[2J"\n', 1),
                    encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[2J" in out


def test_log_import_refuses_a_fifo(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    from tests.execution.helpers import LOOP_SOP

    assert main(["period", "open", str(LOOP_SOP), "--period", "2026-TW3", "--db", "uji.db"]) == 0
    os.mkfifo(tmp_path / "log.csv")
    capsys.readouterr()
    assert main(["log", "import", "keputusan-loop-2026-TW3", "log.csv", "--db", "uji.db"]) == 2
    assert capsys.readouterr().err == "galat: log.csv: pipa bernama (FIFO), bukan berkas biasa; tidak dibaca\n"


def test_damaged_stored_text_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """Text that is not UTF-8 reaching the top (a byte-flipped log database) is the input's fault: exit 2."""
    from sopdoc.cli import _boundary

    exc = UnicodeDecodeError("utf-8", b"\xa0", 0, 1, "invalid start byte")
    assert _boundary(exc, "id", False) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["galat: data rusak, bukan teks UTF-8 (invalid start byte, posisi 0)"]
