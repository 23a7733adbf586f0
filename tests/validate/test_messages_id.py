"""Every message in Bahasa Indonesia by default, English with --lang en (issue #14 point 6):
YAML parser messages and click's own help texts included."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sopdoc.cli import main
from sopdoc.source.reader import load_sop_text

BROKEN_YAML = [
    "a: b\n...\nc: d\n", "kegiatan: [1, 2\n", "a: b: c\n", "a: 'abc\n", "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
    "a: *x\n", 'a: "\\q"\n', "- a\nb: c\n", "a: b\n- c\n", "a: |\n  x\n\tb: 1\n", "a: {b: 1\n", "a: @b\n",
    "? a\n? b\n: c\n:d\n", "a: &x b\nc: &x d\n", "--- |\n  a\n--- |\n  b\n", "a:\n  - b\n c: d\n",
]
ENGLISH = re.compile(r"\b(did|not|find|expected|while|found|but|scanning|parsing|occurrence|stream|"
                     r"another|document|character|allowed|or)\b")


@pytest.mark.parametrize("text", BROKEN_YAML)
def test_yaml_parser_messages_are_indonesian(text: str) -> None:
    (d,) = load_sop_text(text, "x.sop.yaml").diagnostics
    assert d.code == "SOP004"
    assert not ENGLISH.search(d.message.id), d.message.id
    assert d.message.en.startswith("invalid YAML syntax: ")


def test_document_start_message() -> None:
    (d,) = load_sop_text("a: b\n...\nc: d\n", "x.sop.yaml").diagnostics
    assert "awal dokumen" in d.message.id and "<document start>" in d.message.en


def test_enum_choices_are_indonesian() -> None:
    base = (Path(__file__).resolve().parents[1] / "data" / "rules" / "_base.sop.yaml").read_text(encoding="utf-8")
    (d,) = load_sop_text(base.replace("simbol: proses", "simbol: prosess", 1), "x").diagnostics
    assert "'proses' atau 'keputusan'" in d.message.id and " or " in d.message.en


@pytest.mark.parametrize("args", [["check", "--help"], ["--help"], ["period", "--help"]])
def test_click_help_texts(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 0
    out = capsys.readouterr().out
    for english in ("Usage:", "Options:", "Show this message and exit.", "Show the version and exit."):
        assert english not in out
    assert "Penggunaan:" in out and "Tampilkan pesan ini lalu keluar." in out
    assert main(["--lang", "en", *args]) == 0
    out = capsys.readouterr().out
    assert "Usage:" in out and "Options:" in out and "Show this message and exit." in out
    assert "Penggunaan:" not in out


def test_unknown_option_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--bogus", "x"]) == 2
    err = capsys.readouterr().err
    assert "No such option" not in err and "Error" not in err and "opsi tidak dikenal" in err
    assert main(["--lang", "en", "check", "--bogus", "x"]) == 2
    assert "No such option" in capsys.readouterr().err
