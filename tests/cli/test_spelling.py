"""One option vocabulary (issue #15 point 6): --format and -o/--out everywhere, old spellings noted."""

from __future__ import annotations

from pathlib import Path

import pytest

from sopdoc.cli import main

ROOT = Path(__file__).resolve().parents[2]
SOP = ROOT / "examples" / "pengumpulan-data-kinerja.sop.yaml"
TEXT = ROOT / "tests" / "data" / "import" / "label-varian-dua-halaman.txt"


def test_render_takes_format_and_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", "--format", "svg", "--out", str(tmp_path / "a"), str(SOP)]) == 0
    assert capsys.readouterr().err == ""
    assert [p.suffix for p in (tmp_path / "a").iterdir()] == [".svg"]


def test_render_old_spellings_are_noted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", "--to", "svg", "--output", str(tmp_path / "b"), str(SOP)]) == 0
    err = capsys.readouterr().err
    assert "catatan: --to adalah ejaan lama; pakai --format\n" in err
    assert "catatan: --output adalah ejaan lama; pakai --out\n" in err
    assert [p.suffix for p in (tmp_path / "b").iterdir()] == [".svg"]


def test_import_takes_out_and_still_needs_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "--out", str(tmp_path / "c"), str(TEXT)]) in (0, 1)  # 1: import findings
    assert main(["import", "--output", str(tmp_path / "d"), str(TEXT)]) in (0, 1)
    assert "catatan: --output adalah ejaan lama; pakai --out" in capsys.readouterr().err
    written = sorted(p.name for p in (tmp_path / "c").iterdir())
    assert "label-varian-dua-halaman.sop.yaml" in written
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == written
    assert main(["import", str(TEXT)]) == 2
    assert "'-o' / '--out'" in capsys.readouterr().err
