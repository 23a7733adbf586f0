"""``sopdoc render DIR`` over many SOPs on several cores: the same files, bytes, messages and exit
code as a serial run, in input order; a progress bar on stderr when asked for."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sopdoc.cli import main
from tests.conftest import EXAMPLES


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Every example, a copy of the clean one under another name, and one file that is not an SOP."""
    src = tmp_path / "src"
    src.mkdir()
    for path in sorted(EXAMPLES.glob("*.sop.yaml")):
        shutil.copy(path, src / path.name)
    shutil.copy(EXAMPLES / "pengumpulan-data-kinerja.sop.yaml", src / "salinan.sop.yaml")
    (src / "rusak.sop.yaml").write_text("identitas: [tidak: {lengkap\n", encoding="utf-8")
    return src


def _run(folder: Path, out: Path, workers: str, capsys: pytest.CaptureFixture[str],
         monkeypatch: pytest.MonkeyPatch, progress: str = "0") -> tuple[int, str, str, dict[str, bytes]]:
    monkeypatch.setenv("SOPDOC_WORKERS", workers)
    monkeypatch.setenv("SOPDOC_PROGRESS", progress)
    code = main(["render", str(folder), "--to", "pdf,docx,svg", "-o", str(out)])
    captured = capsys.readouterr()
    files = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    return code, captured.out.replace(str(out), "OUT"), captured.err, files


def test_parallel_run_equals_serial_run(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _run(folder, tmp_path / "serial", "1", capsys, monkeypatch)
    parallel = _run(folder, tmp_path / "parallel", "2", capsys, monkeypatch)
    assert serial[0] == 1  # the broken file
    n_good = len(list(EXAMPLES.glob("*.sop.yaml"))) + 1
    assert len(serial[3]) == 3 * n_good
    assert "rusak.sop.yaml" in serial[2]
    assert parallel == serial


def test_progress_bar_counts_the_files(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    total = len(list(folder.glob("*.sop.yaml")))
    code, out, err, _files = _run(folder, tmp_path / "out", "2", capsys, monkeypatch, progress="1")
    assert code == 1
    assert f"Mencetak: {total}/{total}" in err
    assert "Mencetak" not in out
