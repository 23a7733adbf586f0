"""Output files: no silent overwrite, all-or-nothing per input, nothing outside the folder."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sopdoc.cli import main
from tests.conftest import DATA, EXAMPLES
from tests.execution.helpers import LOOP_SOP
from tests.xml_check import assert_well_formed

SOURCE = EXAMPLES / "pengumpulan-data-kinerja.sop.yaml"


@pytest.fixture(autouse=True)
def _indonesian(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOPDOC_LANG", raising=False)


def test_same_name_in_two_folders_is_refused_and_nothing_written(tmp_path: Path, capsys) -> None:
    for sub in ("a", "b"):
        (tmp_path / "in" / sub).mkdir(parents=True)
        shutil.copy(SOURCE, tmp_path / "in" / sub / "x.sop.yaml")
    out = tmp_path / "out"
    assert main(["render", str(tmp_path / "in"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(tmp_path / "in" / "a" / "x.sop.yaml") in err
    assert str(tmp_path / "in" / "b" / "x.sop.yaml") in err and "nama keluaran yang sama" in err
    assert list(out.iterdir()) == []


def test_the_same_input_twice_is_not_a_conflict(tmp_path: Path) -> None:
    assert main(["render", str(SOURCE), str(SOURCE), "--to", "svg", "-o", str(tmp_path)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["pengumpulan-data-kinerja.svg"]
    assert_well_formed((tmp_path / "pengumpulan-data-kinerja.svg").read_text(encoding="utf-8"))


def test_import_of_two_formats_with_one_stem_is_refused(tmp_path: Path, capsys) -> None:
    shutil.copy(DATA / "import" / "label-varian-dua-halaman.txt", tmp_path / "y.txt")
    (tmp_path / "y.docx").write_bytes(b"not a docx")
    out = tmp_path / "out"
    assert main(["import", str(tmp_path / "y.txt"), str(tmp_path / "y.docx"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "y.txt" in err and "y.docx" in err and err.count("\n") == 1
    assert list(out.iterdir()) == []


def test_render_is_all_or_nothing_per_input(tmp_path: Path, monkeypatch) -> None:
    import sopdoc.render.svg as svg_mod

    def boom(*_a, **_k):
        raise OSError("disk full")

    monkeypatch.setattr(svg_mod, "render_svg", boom)
    assert main(["render", str(SOURCE), "--to", "pdf,svg", "-o", str(tmp_path)]) == 1
    assert list(tmp_path.iterdir()) == []  # the PDF was rendered but not left alone


@pytest.mark.parametrize("command", [["render", "--format", "pdf,svg,docx"], ["import"]])
def test_disk_full_while_writing_leaves_no_partial_set(tmp_path: Path, monkeypatch, capsys, command) -> None:
    import sopdoc.atomic as atomic

    real = atomic.os.fdopen
    calls = []

    def fdopen(fd, *a, **k):  # the second temporary output file hits a full disk
        if ".sopdoc-tmp-" in os.readlink(f"/proc/self/fd/{fd}"):
            calls.append(fd)
        if len(calls) == 2 and calls[-1] == fd:
            os.close(fd)
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, *a, **k)

    monkeypatch.setattr(atomic.os, "fdopen", fdopen)
    src = SOURCE if command[0] == "render" else DATA / "import" / "label-varian-dua-halaman.txt"
    code = main([command[0], str(src), *command[1:], "-o", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "ruang disk penuh" in err and str(tmp_path) in err
    assert list(tmp_path.iterdir()) == []


def test_stale_temporaries_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    stale = tmp_path / f".sopdoc-tmp-{dead}-0123456789ab.tmp"
    stale.write_bytes(b"half a pdf")
    mine = tmp_path / f".sopdoc-tmp-{os.getpid()}-0123456789ab.tmp"  # a live process: kept
    mine.write_bytes(b"in progress")
    other = tmp_path / ".notes.tmp"
    other.write_bytes(b"not ours")
    assert main(["render", str(SOURCE), "--to", "svg", "-o", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [".notes.tmp", mine.name, "pengumpulan-data-kinerja.svg"])


def test_write_atomic_temporaries_have_the_recognisable_prefix(tmp_path: Path, monkeypatch) -> None:
    from sopdoc.atomic import write_atomic

    seen = []
    real = os.replace
    monkeypatch.setattr("sopdoc.atomic.os.replace", lambda a, b: (seen.append(Path(a).name), real(a, b)))
    write_atomic(tmp_path / "x.pdf", b"abc")
    assert len(seen) == 1 and seen[0].startswith(".sopdoc-tmp-") and seen[0].endswith(".tmp")


@pytest.mark.parametrize("name", ["x/../../../ESCAPED", "../x", "..", ".hidden", "a b", "x\x1b", "a" * 129])
def test_bad_instance_names_are_refused_at_open(tmp_path: Path, monkeypatch, capsys, name: str) -> None:
    monkeypatch.chdir(tmp_path)
    code = main(["period", "open", str(LOOP_SOP), "--period", "2026-TW3", "--name", name, "--db", "uji.db"])
    err = capsys.readouterr().err
    assert code == 2 and "nama instans tidak valid" in err


def test_period_render_rechecks_the_name_and_writes_nothing_outside(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["period", "open", str(LOOP_SOP), "--period", "2026-TW3", "--name", "baik", "--db", "uji.db"]) == 0
    con = sqlite3.connect("uji.db")  # a database written by an older sopdoc or by hand
    cols = [r[1] for r in con.execute("PRAGMA table_info(instance)")]
    picked = ", ".join("? AS name" if c == "name" else c for c in cols)
    con.execute(f"INSERT INTO instance SELECT {picked} FROM instance WHERE name = 'baik'", ("x/../../ESCAPED",))
    con.commit()
    con.close()
    (tmp_path / "out").mkdir()
    capsys.readouterr()
    code = main(["period", "render", "x/../../ESCAPED", "--out", "out", "--db", "uji.db", "--to", "docx"])
    assert code == 2 and "nama instans tidak valid" in capsys.readouterr().err
    assert list((tmp_path / "out").iterdir()) == [] and not list(tmp_path.parent.glob("*ESCAPED*"))


def test_log_list_shows_control_characters_escaped(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["period", "open", str(LOOP_SOP), "--period", "2026-TW3", "--db", "uji.db"]) == 0
    assert main(["log", "add", "keputusan-loop-2026-TW3", "--db", "uji.db", "--langkah", "1",
                 "--oleh", "Budi\x1b[2J", "--peran", "Kepala Dinas", "--mulai", "2026-10-01 08:00",
                 "--selesai", "2026-10-01 09:00", "--output", "Surat\x9b31m", "--dicatat-oleh", "uji"]) == 0
    capsys.readouterr()
    assert main(["log", "list", "keputusan-loop-2026-TW3", "--db", "uji.db"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x9b" not in out and "Budi\\x1b[2J" in out and "Surat\\x9b31m" in out


@pytest.mark.parametrize("stamp", ["0001-01-01 08:00", "9999-12-31 08:00", "2031-10-01 08:00"])
def test_log_add_refuses_times_far_from_the_period(tmp_path: Path, monkeypatch, capsys, stamp: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["period", "open", str(LOOP_SOP), "--period", "2026-TW3", "--db", "uji.db"]) == 0
    capsys.readouterr()
    assert main(["log", "add", "keputusan-loop-2026-TW3", "--db", "uji.db", "--langkah", "1", "--oleh", "Budi",
                 "--peran", "Kepala Dinas", "--mulai", stamp, "--selesai", stamp, "--dicatat-oleh", "uji"]) == 2
    expected = "di luar rentang periode" if stamp.startswith("2031") else "tahun di luar 1900–2999"
    assert expected in capsys.readouterr().err
    assert main(["period", "check", "keputusan-loop-2026-TW3", "--db", "uji.db"]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


def test_csv_export_with_semicolons(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["period", "open", str(LOOP_SOP), "--period", "2026-TW3", "--db", "uji.db"]) == 0
    assert main(["log", "add", "keputusan-loop-2026-TW3", "--db", "uji.db", "--langkah", "1", "--oleh", "Budi",
                 "--peran", "Kepala Dinas", "--mulai", "2026-10-01 08:00", "--selesai", "2026-10-01 09:00",
                 "--output", "x;=1+1", "--dicatat-oleh", "uji"]) == 0
    capsys.readouterr()
    for sep in (",", ";"):
        assert main(["log", "export", "keputusan-loop-2026-TW3", "--db", "uji.db", "--pemisah", sep]) == 0
        assert '"x;=1+1"' in capsys.readouterr().out
