"""``sopdoc import``: files written atomically, exact messages, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from sopdoc.cli import main
from sopdoc.source.reader import load_sop
from tests.conftest import DATA

FIXTURE = DATA / "import" / "label-varian-dua-halaman.txt"


def _run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_import_writes_yaml_and_both_reports(tmp_path: Path, capsys) -> None:
    code, out, err = _run(["import", str(FIXTURE), "-o", str(tmp_path)], capsys)
    assert code == 0, err
    stem = "label-varian-dua-halaman"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"{stem}.import.json", f"{stem}.import.txt", f"{stem}.sop.yaml"]
    assert out == f"{FIXTURE} -> {tmp_path / (stem + '.sop.yaml')} (5 kegiatan, 4 temuan)\n"
    loaded = load_sop(tmp_path / f"{stem}.sop.yaml")
    assert loaded.sop is not None and len(loaded.sop.kegiatan) == 5
    report = json.loads((tmp_path / f"{stem}.import.json").read_text(encoding="utf-8"))
    assert report["format"] == "text"
    nomor = next(f for f in report["fields"] if f["path"] == "identitas.nomor")
    assert nomor["origin"]["line"] == 4 and nomor["confidence"] == 0.95
    assert "IMP021" in {d["code"] for d in report["diagnostics"]}
    assert "Laporan impor" in (tmp_path / f"{stem}.import.txt").read_text(encoding="utf-8")


def test_import_english(tmp_path: Path, capsys) -> None:
    code, out, _ = _run(["import", str(FIXTURE), "-o", str(tmp_path), "--lang", "en"], capsys)
    assert code == 0 and out.endswith("(5 steps, 4 findings)\n")


def test_not_an_sop_gives_one_line_and_no_yaml(tmp_path: Path, capsys) -> None:
    bad = DATA / "import" / "bukan-sop.txt"
    code, out, err = _run(["import", str(bad), "-o", str(tmp_path)], capsys)
    assert code == 1
    assert out == ""
    assert err == f"{bad}: IMP002 tidak ada identitas SOP maupun tabel kegiatan\n"
    assert not list(tmp_path.glob("*.sop.yaml"))
    assert not list(tmp_path.glob("*.tmp"))


def test_unsupported_format(tmp_path: Path, capsys) -> None:
    odd = tmp_path / "sop.odt"
    odd.write_text("x", encoding="utf-8")
    code, _, err = _run(["import", str(odd), "-o", str(tmp_path / "keluar")], capsys)
    assert code == 1 and "IMP001" in err and err.count("\n") == 1


def test_missing_output_option_is_usage_error(capsys) -> None:
    code, _, err = _run(["import", str(FIXTURE)], capsys)
    assert code == 2 and "galat: opsi wajib tidak ada: '-o' / '--out'" in err


def test_check_accepts_text_extractions_directly(capsys) -> None:
    code, out, _ = _run(["check", str(FIXTURE)], capsys)
    assert code == 1
    assert "IMP021" in out and "label-varian-dua-halaman.txt:45" in out


def test_cli_runner_help_lists_import() -> None:
    from sopdoc.cli import cli

    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0 and "import" in result.output
