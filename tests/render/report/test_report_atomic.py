"""The period report pair is all-or-nothing: a failure writing either file leaves neither (issue #11, point 5)."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

import sopdoc.atomic
from sopdoc.cli import main
from tests.conftest import EXAMPLES

LOGS = EXAMPLES / "logs"
SOP = EXAMPLES / "pengumpulan-data-kinerja.sop.yaml"
LOG = LOGS / "pengumpulan-data-kinerja-2026-TW3.csv"
NAME = "pengumpulan-data-kinerja-2026-TW3"


def _open_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOPDOC_LOG_KEY_FILE", raising=False)
    common = ["--db", "demo.db"]
    config = ["--config", str(LOGS / "sopdoc.toml")]
    assert main(["period", "open", str(SOP), "--period", "2026-TW3", *config, *common]) == 0
    assert main(["log", "import", NAME, str(LOG), *common]) == 0
    return [*config, *common]


@pytest.mark.parametrize("to", ["docx,pdf", "pdf,docx"])
def test_a_full_disk_on_the_second_file_leaves_no_report(to: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    args = _open_demo(tmp_path, monkeypatch)
    capsys.readouterr()
    real_fdopen = os.fdopen
    calls = {"n": 0}

    def full_disk_on_second(fd: int, *a: Any, **kw: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            os.close(fd)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_fdopen(fd, *a, **kw)

    class OsWithFullDisk:  # os as sopdoc.atomic sees it; the rest of the process keeps the real os.fdopen
        fdopen = staticmethod(full_disk_on_second)

        def __getattr__(self, name: str) -> Any:
            return getattr(os, name)

    monkeypatch.setattr(sopdoc.atomic, "os", OsWithFullDisk())
    out = tmp_path / "out"
    out.mkdir()
    code = main(["period", "render", NAME, "--to", to, "--out", str(out), *args])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert "laporan-" in err.splitlines()[-1]  # one line naming the file (after the verification line)
    assert calls["n"] == 2  # the first file was staged before the second failed
    assert sorted(p.name for p in out.iterdir()) == []  # neither file of the pair, no temporaries


def test_a_template_failure_after_the_pdf_leaves_no_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from docx import Document

    args = _open_demo(tmp_path, monkeypatch)
    bad = tmp_path / "bad.docx"
    doc = Document()
    doc.add_paragraph("{{ 1/0 }}")  # renders the PDF first, then fails in the DOCX template
    doc.save(str(bad))
    capsys.readouterr()
    out = tmp_path / "out"
    out.mkdir()
    code = main(["period", "render", NAME, "--to", "pdf,docx", "--template", str(bad), "--out", str(out), *args])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert list(out.iterdir()) == []
