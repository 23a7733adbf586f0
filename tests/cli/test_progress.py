"""The progress bar: tqdm's line form, count/elapsed/ETA/rate right, redrawn at most ten times a
second and at the end, cut to the terminal's width, and shown only when wanted."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from sopdoc.cli import progress as progress_module
from sopdoc.cli.progress import _Bar, progress


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> _Clock:
    c = _Clock()
    monkeypatch.setattr(progress_module.time, "monotonic", c)
    return c


def _last(stream: io.StringIO) -> str:
    return stream.getvalue().split("\r")[-1].rstrip("\n").rstrip()


def test_the_line_counts_and_estimates(clock: _Clock) -> None:
    out = io.StringIO()
    bar = _Bar(100, "Mencetak", "berkas", out)
    assert _last(out) == "Mencetak: 0/100 [00:00<?, ?berkas/s]"
    clock.now += 4.0
    bar.update(40)  # 10 files a second: 60 left take 6 s
    assert _last(out) == "Mencetak: 40/100 [00:04<00:06, 10.00berkas/s]"
    clock.now += 3725.0
    bar.update(1)
    assert _last(out).startswith("Mencetak: 41/100 [1:02:09<")


def test_redrawn_at_most_ten_times_a_second_and_at_the_end(clock: _Clock) -> None:
    out = io.StringIO()
    bar = _Bar(50, "Memeriksa", "berkas", out)
    for _ in range(49):
        clock.now += 0.001
        bar.update(1)
    assert out.getvalue().count("\r") == 1  # only the first drawing: 49 ms passed
    clock.now += 0.001
    bar.update(1)
    assert out.getvalue().count("\r") == 2 and _last(out).startswith("Memeriksa: 50/50 [")
    bar.close()
    assert out.getvalue().endswith("\n") and out.getvalue().count("\r") == 2  # not drawn again


def test_cut_to_the_terminal_width(clock: _Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setattr(progress_module.shutil, "get_terminal_size", lambda fallback: os.terminal_size((30, 24)))
    out = io.StringIO()
    _Bar(1000, "Mencetak SOP yang sangat panjang", "berkas", out)
    assert len(_last(out)) == 29


def test_shown_only_when_wanted(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SOPDOC_PROGRESS", "0")
    with progress(100, "Mencetak") as p:
        p.advance()
    assert capsys.readouterr().err == ""
    monkeypatch.setenv("SOPDOC_PROGRESS", "1")
    with progress(3, "Mencetak") as p:
        for _ in range(3):
            p.advance()
    err = capsys.readouterr().err
    assert err.rstrip().split("\r")[-1].startswith("Mencetak: 3/3 [") and err.endswith("\n")


def test_no_tqdm_loaded() -> None:
    code = ("import os, sys; os.environ['SOPDOC_PROGRESS'] = '1'\n"
            "from sopdoc.cli.progress import progress\n"
            "with progress(10, 'x') as p: p.advance(10)\n"
            "print('tqdm' in sys.modules, 'importlib.metadata' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
