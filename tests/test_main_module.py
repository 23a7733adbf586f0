"""``python -m sopdoc`` and ``python -m sopdoc.cli`` run the CLI (in-process, so coverage sees them)."""

from __future__ import annotations

import runpy
import sys

import pytest

from sopdoc import __version__


@pytest.mark.parametrize("module", ["sopdoc", "sopdoc.cli"])
def test_module_prints_the_version_and_exits_0(module: str, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", [module, "--version"])
    with pytest.raises(SystemExit) as exit_info:
        runpy.run_module(module, run_name="__main__", alter_sys=False)
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"sopdoc {__version__}"


@pytest.mark.parametrize("module", ["sopdoc", "sopdoc.cli"])
def test_module_exits_2_on_an_unknown_command(module: str, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", [module, "tidak-ada"])
    with pytest.raises(SystemExit) as exit_info:
        runpy.run_module(module, run_name="__main__", alter_sys=False)
    assert exit_info.value.code == 2
    assert "tidak-ada" in capsys.readouterr().err
