"""Hostile and broken sources: each gives a clear located message, exit 1, no traceback.

Time limits here are generous guards against hangs; the real figures are in bench/bad_input.py.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sopdoc.cli import main
from sopdoc.source.reader import MAX_BYTES, load_sop

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"

# file → (code, line, column or None, words the Indonesian message must contain)
EXPECTED = {
    "empty.sop.yaml": ("SOP009", 1, 1, "tidak berisi data"),
    "binary.sop.yaml": ("SOP003", 1, 1, "biner"),
    "latin1.sop.yaml": ("SOP003", 7, 48, "bukan UTF-8"),
    "invalid-yaml.sop.yaml": ("SOP004", 6, 9, "baris 5"),
    "alias-bomb.sop.yaml": ("SOP008", None, None, "mengembang"),
    "list-instead-of-mapping.sop.yaml": ("SOP007", 3, 3, "harus berupa pemetaan"),
    "tanggal-2023-02-30.sop.yaml": ("SOP011", 4, 22, "2023-02-30"),
    "waktu-lima-menit.sop.yaml": ("SOP012", 12, 14, "lima menit"),
    "kunci-ganda.sop.yaml": ("SOP005", 4, 3, "baris 3"),
    "kunci-salah-ketik.sop.yaml": ("SOP006", 7, 5, "pelaksanaa"),
    "tag-python.sop.yaml": ("SOP004", 3, 9, "tidak diizinkan"),
}


def test_every_bad_file_has_an_expectation() -> None:
    assert sorted(p.name for p in BAD.glob("*.sop.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_gives_located_diagnostic(name: str) -> None:
    code, line, col, words = EXPECTED[name]
    result = load_sop(BAD / name)
    # an unreadable waktu is kept verbatim: the SOP is still usable, the finding is an error
    assert (result.sop is None) == (code != "SOP012")
    first = result.diagnostics[0]
    assert first.code == code, [d.message.id for d in result.diagnostics]
    assert words in first.message.id
    assert first.message.en and first.message.en != first.message.id
    assert first.origin is not None and first.origin.file == str(BAD / name)
    if line is not None:
        assert (first.origin.line, first.origin.column) == (line, col)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_exit_1_one_message_no_traceback(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    start = time.perf_counter()
    code = main(["check", str(BAD / name)])
    elapsed = time.perf_counter() - start
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out + err
    assert f"{BAD / name}:" in out and EXPECTED[name][0] in out
    assert elapsed < 10.0  # hang guard


def test_latin1_names_the_likely_encoding() -> None:
    d = load_sop(BAD / "latin1.sop.yaml").diagnostics[0]
    assert "Latin-1" in d.message.id and "UTF-8" in (d.hint.id if d.hint else "")


def test_fifty_megabytes_refused_without_reading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "besar.sop.yaml"
    with big.open("wb") as fh:
        fh.write(b"sopdoc: 1\nkegiatan:\n")
        fh.truncate(50 * 1024 * 1024)
    start = time.perf_counter()
    code = main(["check", str(big)])
    assert time.perf_counter() - start < 10.0  # hang guard
    out = capsys.readouterr().out
    assert code == 1 and "SOP002" in out and "50.0 MB" in out
    assert big.stat().st_size > MAX_BYTES


def test_ten_thousand_steps(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    steps = "".join(
        f"  - no: {i}\n    uraian: Menyusun laporan {i}\n    pelaksana: Staf\n    simbol: proses\n"
        f"    mutu_baku: {{waktu: 30 menit, output: Laporan}}\n"
        for i in range(1, 10_001)
    )
    src = tmp_path / "panjang.sop.yaml"
    src.write_text(f"sopdoc: 1\npelaksana: [Staf]\nkegiatan:\n{steps}", encoding="utf-8")
    start = time.perf_counter()
    code = main(["check", str(src)])
    elapsed = time.perf_counter() - start
    out = capsys.readouterr().out
    assert code == 1
    assert "SOP013" in out and "10000 kegiatan" in out
    assert f"{src}:3:1:" in out
    assert elapsed < 10.0  # hang guard


def test_missing_file_and_directory_argument(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "tidak-ada.sop.yaml")]) == 1
    assert "SOP001" in capsys.readouterr().out
    assert main(["check", str(tmp_path)]) == 2  # a directory with no sources: usage error
    assert "tidak ada berkas" in capsys.readouterr().err


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "rekursif.sop.yaml"
    src.write_text("sopdoc: 1\nketerkaitan: &a [*a]\n", encoding="utf-8")
    result = load_sop(src)
    assert result.sop is None and result.diagnostics[0].code in {"SOP004", "SOP008"}


@pytest.mark.parametrize("text, key", [("a[:", "a["), ("list[str]: 1\n", "list[str]"), ("x[0]: 1\n", "x[0]")])
def test_a_key_shaped_like_a_type_name_is_an_unknown_key(text: str, key: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    # pydantic's union-branch names ('tuple[str, ...]') are dropped from error paths; a user's key
    # with brackets once went with them and left an empty path: IndexError, exit 3 (found by the fuzz suite)
    path = tmp_path / "x.sop.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr()
    assert f"SOP006 [kunci-tidak-dikenal] kunci {key!r} tidak dikenal" in err.out + err.err
    assert "galat internal" not in err.out + err.err
