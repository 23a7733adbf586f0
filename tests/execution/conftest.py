"""Fixtures shared by the execution tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from sopdoc.cli import main
from tests.execution.helpers import LOOP_SOP


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """A log database (``SOPDOC_DB``, in a temporary working folder) holding the 2026-TW3 period of
    the decision-loop SOP, opened through the CLI."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOPDOC_DB", str(tmp_path / "uji.db"))
    monkeypatch.delenv("SOPDOC_LANG", raising=False)
    monkeypatch.delenv("SOPDOC_LOG_KEY_FILE", raising=False)
    assert main(["period", "open", str(LOOP_SOP), "--period", "2026-TW3"]) == 0
    capsys.readouterr()
    return tmp_path / "uji.db"
