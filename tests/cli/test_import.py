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


BPS = DATA / "corpus" / "bps"
WITH_STEPS = BPS / "bps-226-survei-lptb.pdf"  # 4 steps on the page
NO_STEPS = DATA / "import" / "tanpa-kegiatan.txt"  # identity and boxes, no flowchart table


def test_a_document_without_steps_exits_1_and_writes_only_its_report(tmp_path: Path, capsys) -> None:
    code, out, err = _run(["import", str(NO_STEPS), "-o", str(tmp_path)], capsys)
    assert code == 1
    assert err == f"{NO_STEPS}: IMP020 tabel kegiatan tidak ditemukan\n"
    assert out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tanpa-kegiatan.import.json", "tanpa-kegiatan.import.txt"]
    report = json.loads((tmp_path / "tanpa-kegiatan.import.json").read_text(encoding="utf-8"))
    assert "IMP020 tabel kegiatan tidak ditemukan" in report["summary"]["lost"]


def test_a_folder_is_imported_recursively_mirroring_subfolders(tmp_path: Path, capsys) -> None:
    src = tmp_path / "masuk"
    (src / "a" / "b").mkdir(parents=True)
    (src / "a" / "b" / "lptb.pdf").write_bytes(WITH_STEPS.read_bytes())
    (src / "label.TXT").write_bytes(FIXTURE.read_bytes())
    (src / "a" / "catatan.md").write_text("bukan masukan", encoding="utf-8")
    (src / "a" / "lama.import.txt").write_text("laporan lama", encoding="utf-8")
    out_dir = tmp_path / "keluar"
    code, out, err = _run(["import", str(src), "-o", str(out_dir)], capsys)
    assert code == 0, err
    assert sorted(p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*.sop.yaml")) == [
        "a/b/lptb.sop.yaml", "label.sop.yaml"]
    assert out.splitlines() == [
        # 3 temuan: the two e-signature notes (IMP031) and, by eye, the "Y" under step 3's diamond
        # printed in row 4's cell, read as that decision's connector label (IMP035)
        f"{src / 'a' / 'b' / 'lptb.pdf'} -> {out_dir / 'a' / 'b' / 'lptb.sop.yaml'} (4 kegiatan, 3 temuan)",
        f"{src / 'label.TXT'} -> {out_dir / 'label.sop.yaml'} (5 kegiatan, 4 temuan)",
    ]


def test_folder_runs_on_several_processes_in_input_order(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SOPDOC_WORKERS", "2")
    src = tmp_path / "masuk"
    src.mkdir()
    for i in range(5):
        (src / f"sop{i}.{'txt' if i == 3 else 'pdf'}").write_bytes((NO_STEPS if i == 3 else WITH_STEPS).read_bytes())
    code, out, err = _run(["import", str(src), "-o", str(tmp_path / "keluar")], capsys)
    assert code == 1
    names = [src / f"sop{i}.{'txt' if i == 3 else 'pdf'}" for i in range(5)]
    assert [line.split(" -> ")[0] for line in out.splitlines()] == [str(n) for i, n in enumerate(names) if i != 3]
    assert err == f"{src / 'sop3.txt'}: IMP020 tabel kegiatan tidak ditemukan\n"


def test_same_output_name_in_a_folder_is_refused_before_writing(tmp_path: Path, capsys) -> None:
    src = tmp_path / "masuk"
    src.mkdir()
    (src / "y.txt").write_bytes(FIXTURE.read_bytes())
    (src / "y.pdf").write_bytes(WITH_STEPS.read_bytes())
    code, _, err = _run(["import", str(src), "-o", str(tmp_path / "keluar")], capsys)
    assert code == 2 and "nama keluaran yang sama (y.*)" in err
    assert not list((tmp_path / "keluar").iterdir())


def test_an_empty_folder_is_a_usage_error(tmp_path: Path, capsys) -> None:
    (tmp_path / "kosong").mkdir()
    code, _, err = _run(["import", str(tmp_path / "kosong"), "-o", str(tmp_path / "keluar"), "--lang", "en"], capsys)
    assert code == 2 and "no .txt, .pdf or .docx file to import" in err


def test_the_report_says_what_was_read_guessed_and_lost(tmp_path: Path, capsys) -> None:
    code, _, _ = _run(["import", str(FIXTURE), "-o", str(tmp_path), "--lang", "en"], capsys)
    assert code == 0
    text = (tmp_path / "label-varian-dua-halaman.import.txt").read_text(encoding="utf-8")
    head = text.split("\n\n")[1].splitlines()
    assert head[0] == "Summary:" and head[1].startswith("  read: ") and head[1].endswith(" fields")
    assert any(line.startswith("  guessed: ") for line in head) and any(line == "  lost: 0" for line in head)
    summary = json.loads((tmp_path / "label-varian-dua-halaman.import.json").read_text(encoding="utf-8"))["summary"]
    assert summary["read"] > 10 and summary["lost"] == []
