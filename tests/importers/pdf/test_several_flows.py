"""Several flowchart tables in one SOP, each numbering its steps from 1 (issue #12 point 6): kept
apart as one SOP per table with the document's identity, never merged or renumbered."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from sopdoc.cli import cli
from sopdoc.importers.dispatch import import_sources
from sopdoc.importers.pdf.importer import import_pdf_file
from tests.conftest import CORPUS
from tests.importers.pdf.fixtures import pdf_dua_tabel_kegiatan


def test_each_table_is_an_sop_of_its_own(tmp_path: Path) -> None:
    parts = import_sources(pdf_dua_tabel_kegiatan(tmp_path / "dua.pdf"))
    sops = [p.load.sop for p in parts]
    assert all(s is not None for s in sops)
    assert [s.identitas.nama for s in sops if s] == ["Pembayaran Belanja (Akun 521211 Belanja Bahan)",
                                                     "Pembayaran Belanja (Akun 524111 Belanja Perjalanan)"]
    assert [[k.no for k in s.kegiatan] for s in sops if s] == [[1, 2], [1, 2, 3]]
    assert [s.kegiatan[1].uraian for s in sops if s] == ["Menyetujui SPP", "Membayar SPD"]
    assert all(s.identitas.nomor == "SOP-7/17000/2025" for s in sops if s)
    for p in parts:
        assert [d.code for d in p.load.diagnostics].count("IMP028") == 1


def test_the_single_result_api_says_there_are_more(tmp_path: Path) -> None:
    result = import_pdf_file(pdf_dua_tabel_kegiatan(tmp_path / "dua.pdf"))
    assert result.load.sop is not None and len(result.load.sop.kegiatan) == 2
    assert any(d.code == "IMP028" and "1 of 2" in d.message.en for d in result.load.diagnostics)


def test_cli_writes_one_file_per_table(tmp_path: Path) -> None:
    src = pdf_dua_tabel_kegiatan(tmp_path / "dua.pdf")
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["--lang", "en", "import", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.glob("*.sop.yaml")) == [
        "pembayaran-belanja-akun-521211-belanja-bahan.sop.yaml",
        "pembayaran-belanja-akun-524111-belanja-perjalanan.sop.yaml"]


def test_a_table_continued_with_its_numbering_stays_one_flow() -> None:
    """bps 299: 12 steps over 3 pages (headerless continuations) stay one SOP numbered 1–12."""
    parts = import_sources(CORPUS / "bps" / "bps-299-penunjukan-langsung-konstruksi.pdf")
    assert len(parts) == 1
    sop = parts[0].load.sop
    assert sop is not None and [k.no for k in sop.kegiatan] == list(range(1, 13))


def _check_json(*args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    import json

    res = CliRunner().invoke(cli, ["--lang", "en", "check", "--format", "json", *args])
    return res.exit_code, json.loads(res.output)


def test_check_checks_every_table_as_an_sop_of_its_own(tmp_path: Path) -> None:
    src = pdf_dua_tabel_kegiatan(tmp_path / "dua.pdf")
    code, out = _check_json(str(src))
    assert code == 1
    assert [f["file"] for f in out["files"]] == [f"{src}#tabel=1", f"{src}#tabel=2"]
    for k, f in enumerate(out["files"], start=1):
        # every finding is located in its own part, the steps' with the table they are in
        assert {d["origin"]["file"] for d in f["diagnostics"] if d.get("origin")} == {f"{src}#tabel={k}"}
        imp028 = [d for d in f["diagnostics"] if d["code"] == "IMP028"]
        assert len(imp028) == 1 and f"step table {k} of 2" in imp028[0]["message"]
    # the second table's steps are checked too: its last step (row 4 of table 2 on page 2) ends without
    # a terminator, like the first table's last step (row 3 of table 1)
    ends = [(d["origin"]["table"], d["origin"]["row"]) for f in out["files"] for d in f["diagnostics"]
            if d["code"] == "SOP309" and "end" in d["message"]]
    assert ends == [(1, 3), (2, 4)]


def test_check_of_a_folder_checks_every_table(tmp_path: Path) -> None:
    pdf_dua_tabel_kegiatan((tmp_path / "sub").mkdir() or tmp_path / "sub" / "dua.pdf")
    _code, out = _check_json(str(tmp_path))
    assert [Path(f["file"]).name for f in out["files"]] == ["dua.pdf#tabel=1", "dua.pdf#tabel=2"]


def test_katalog_has_one_record_per_table(tmp_path: Path) -> None:
    import json

    pdf_dua_tabel_kegiatan((tmp_path / "in").mkdir() or tmp_path / "in" / "dua.pdf")
    res = CliRunner().invoke(cli, ["--lang", "en", "katalog", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                                   "--format", "json"])
    assert res.exit_code in (0, 1), res.output
    sops = json.loads((tmp_path / "out" / "katalog.json").read_text(encoding="utf-8"))["sop"]
    assert [(s["nama"], s["langkah"]) for s in sops] == [
        ("Pembayaran Belanja (Akun 521211 Belanja Bahan)", 2),
        ("Pembayaran Belanja (Akun 524111 Belanja Perjalanan)", 3)]
