"""The targeted hostile inputs of the independent run, each through the CLI in a child process
limited to 1 GiB and 30 s: a clean exit in {0, 1, 2}, no traceback, the coded finding that names
the refusal, and no partial output."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz.corpus import ATTACKS, TIME_LIMIT, run_case

EXPECTED = {  # attack -> (a text every run of it prints, the exit codes allowed)
    "pdf-lampiran-bom": ("IMP009", {1}),
    "pdf-isi-bom": ("IMP009", {1}),
    "pdf-kisi-padat": ("IMP033", {1}),
    "docx-gridspan-1e8": ("IMP042", {1}),
    "docx-nan": ("IMP042", {1}),
    "xlsx-bom": ("zip bomb", {2}),
    "xlsx-xxe": ("DTD/entitas", {2}),
    "txt-sel-panjang": ("", {0, 1}),
    "yaml-999x200": ("SOP607", {1}),
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_attack_is_refused_cleanly(name: str, tmp_path: Path) -> None:
    suffix, make = ATTACKS[name]
    text, codes = EXPECTED[name]
    for args, out in run_case(name, suffix, make(), tmp_path):
        assert out.code is not None, f"{name} {args[0]}: hang (> {TIME_LIMIT} s)"
        assert not out.traceback, f"{name} {args[0]}: {out.out[-2000:]}"
        assert out.seconds < TIME_LIMIT
        assert out.leftovers == (), f"{name} {args[0]} left {out.leftovers}"
        if args[0] in ("import", "render", "log"):
            assert out.code in codes, f"{name} {args[0]}: exit {out.code}: {out.out[-1000:]}"
            reports = "".join(f.read_text(encoding="utf-8") for f in tmp_path.glob("*-out*/*.import.txt"))
            assert text in out.out + reports, f"{name} {args[0]}: {out.out[-1000:]}"


def test_huge_layout_writes_nothing(tmp_path: Path) -> None:
    suffix, make = ATTACKS["yaml-999x200"]
    [_check, (args, out)] = run_case("besar", suffix, make(), tmp_path)
    assert args[0] == "render" and out.code == 1
    assert "SOP607" in out.out and "999 kegiatan × 200 pelaksana" in out.out
    assert list((tmp_path / "besar-out1").iterdir()) == []
    assert out.seconds < 10
