"""``sopdoc check`` / ``rules`` / ``info`` through CliRunner: exact output, exit codes, SARIF, docs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sopdoc.all_codes import all_codes
from sopdoc.cli import cli
from sopdoc.validate.docs import rules_markdown
from tests.validate.cases import BASE

ROOT = Path(__file__).resolve().parents[2]
CLEAN_ENV = {"SOPDOC_SELECT": "", "SOPDOC_IGNORE": "", "SOPDOC_FAIL_ON": "", "SOPDOC_MENIT_PER_HARI_KERJA": ""}


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=CLEAN_ENV)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with one SOP holding an error (no nomor), a warning (joint step) and an info (Draft)."""
    text = BASE.read_text(encoding="utf-8").replace("nomor: 800/001/DC/2023", "nomor: null")
    text = text.replace("    pelaksana: Staf\n    simbol: proses",
                        "    pelaksana: [Staf, Kasubag Program]\n    simbol: proses")
    text = text.replace("Draf Laporan Kinerja}", "Draft Laporan Kinerja}", 1)
    text = text.replace("kelengkapan: [Draf Laporan Kinerja]", "kelengkapan: [Draft Laporan Kinerja]")
    (tmp_path / "sop").mkdir()
    (tmp_path / "sop" / "contoh.sop.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


EXPECTED_ID = (
    "sop/contoh.sop.yaml:5:10: galat SOP102 [nomor-sop-kosong] Nomor SOP kosong (identitas.nomor)\n"
    "  saran: isi `identitas.nomor` sesuai tata naskah dinas, mis. '800/045/DPLH/2023'\n"
    "sop/contoh.sop.yaml:33:16: peringatan SOP307 [kegiatan-bersama] kegiatan bersama oleh Staf, Kasubag Program "
    "(kegiatan[1].pelaksana)\n"
    "  saran: satu simbol di satu kolom; pecah kegiatan bersama per pelaksana\n"
    "sop/contoh.sop.yaml:35:72: info SOP409 [ejaan-artefak-tidak-konsisten] 'Draft': ejaan baku 'Draf' "
    "(kegiatan[1].mutu_baku.output)\n"
    "  saran: pakai satu ejaan baku, mis. 'Draf', 'LKjIP'\n"
    "1 galat, 1 peringatan, 1 info dalam 1 berkas\n"
)


def test_exact_text_output(sample: Path) -> None:
    code, out, _ = _run("check", "sop")
    assert (code, out) == (1, EXPECTED_ID)


def test_exact_text_output_english(sample: Path) -> None:
    code, out, _ = _run("check", "sop/contoh.sop.yaml", "--lang", "en", "--select", "SOP102")
    assert code == 1
    assert out == ("sop/contoh.sop.yaml:5:10: error SOP102 [nomor-sop-kosong] Nomor SOP is empty (identitas.nomor)\n"
                   "  hint: fill in `identitas.nomor` per the tata naskah dinas, e.g. '800/045/DPLH/2023'\n"
                   "1 error, 0 warnings in 1 file\n")


@pytest.mark.parametrize(("args", "expected"), [
    ((), 1),                                   # an error at the default threshold
    (("--fail-on", "error"), 1),
    (("--ignore", "SOP102"), 0),               # only a warning and an info left
    (("--ignore", "SOP102", "--fail-on", "warning"), 1),
    (("--ignore", "SOP102,SOP307", "--fail-on", "warning"), 0),
    (("--ignore", "SOP102,SOP307", "--fail-on", "info"), 1),
    (("--select", "SOP5"), 0),
])
def test_exit_codes_per_fail_on(sample: Path, args: tuple[str, ...], expected: int) -> None:
    assert _run("check", "sop", *args)[0] == expected


def test_config_file_and_cli_precedence(sample: Path) -> None:
    (sample / "sopdoc.toml").write_text('[check]\nfail-on = "info"\n[check.severity]\nSOP102 = "warning"\n',
                                        encoding="utf-8")
    code, out, _ = _run("check", "sop", "--ignore", "SOP307,SOP409")
    assert code == 1 and "peringatan SOP102" in out
    assert _run("check", "sop", "--ignore", "SOP307,SOP409", "--fail-on", "error")[0] == 0


@pytest.mark.parametrize(("args", "fragment"), [
    (("--select", "SOP9"), "kode tidak dikenal di select: 'SOP9'"),
    (("--ignore", "XYZ"), "kode tidak dikenal di ignore"),
])
def test_unknown_codes_exit_2(sample: Path, args: tuple[str, ...], fragment: str) -> None:
    code, out, err = _run("check", "sop", *args)
    assert code == 2 and out == "" and fragment in err and "Traceback" not in err


def test_bad_config_exit_2(sample: Path) -> None:
    (sample / "sopdoc.toml").write_text('[check]\nselekt = ["SOP1"]\n', encoding="utf-8")
    code, _, err = _run("check", "sop")
    assert code == 2
    assert err.strip().splitlines()[-1].startswith(
        "galat: kunci tidak dikenal [check] 'selekt' (maksud Anda 'select'?)")


def test_directory_with_unreadable_file_goes_on(sample: Path) -> None:
    (sample / "sop" / "rusak.sop.yaml").write_bytes(b"identitas: [\n\xff\n")
    code, out, _ = _run("check", "sop", "--format", "json")
    doc = json.loads(out)
    assert code == 1 and [Path(f["file"]).name for f in doc["files"]] == ["contoh.sop.yaml", "rusak.sop.yaml"]
    assert doc["files"][1]["diagnostics"][0]["code"] == "SOP003"
    assert doc["summary"] == {"error": 2, "warning": 1, "info": 1, "files": 2}


def test_json_output_fields(sample: Path) -> None:
    _, out, _ = _run("check", "sop", "--format", "json", "--select", "SOP307")
    d = json.loads(out)["files"][0]["diagnostics"][0]
    assert d == {"code": "SOP307", "name": "kegiatan-bersama", "severity": "warning", "path": "kegiatan[1].pelaksana",
                 "message": "kegiatan bersama oleh Staf, Kasubag Program",
                 "hint": "satu simbol di satu kolom; pecah kegiatan bersama per pelaksana",
                 "origin": {"file": "sop/contoh.sop.yaml", "line": 33, "column": 16}}


def test_sarif_on_a_real_run(sample: Path) -> None:
    code, out, _ = _run("check", "sop", "--format", "sarif")
    log = json.loads(out)
    assert code == 1 and log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    driver = log["runs"][0]["tool"]["driver"]
    ids = [r["id"] for r in driver["rules"]]
    assert "SOP102" in ids and "SOP012" in ids
    assert all(r["help"]["text"] and r["shortDescription"]["text"] for r in driver["rules"])
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["SOP102", "SOP307", "SOP409"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    first = results[0]
    assert first["message"]["text"].startswith("Nomor SOP kosong")
    assert driver["rules"][first["ruleIndex"]]["id"] == "SOP102"
    loc = first["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "sop/contoh.sop.yaml"
    assert loc["region"] == {"startLine": 5, "startColumn": 10}


def test_sarif_validates_against_minimal_schema(sample: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = {"type": "object", "required": ["version", "runs"], "properties": {
        "runs": {"type": "array", "items": {"type": "object", "required": ["tool", "results"], "properties": {
            "results": {"type": "array", "items": {"type": "object",
                                                   "required": ["ruleId", "level", "message", "locations"],
                                                   "properties": {"level": {
                                                       "enum": ["error", "warning", "note", "none"]}}}}}}}}}
    jsonschema.validate(json.loads(_run("check", "sop", "--format", "sarif")[1]), schema)


def test_rules_lists_every_rule() -> None:
    code, out, _ = _run("rules")
    lines = out.splitlines()
    assert code == 0 and any(line.startswith("SOP402  waktu-tidak-wajar") and "peringatan" in line for line in lines)
    assert any(line.startswith("SOP012  waktu-tidak-terbaca") for line in lines)
    en = _run("rules", "--lang", "en")[1]
    assert "Implausible standard time" in en


def test_docs_rules_md_is_current() -> None:
    path = ROOT / "docs" / "rules.md"
    assert path.read_text(encoding="utf-8") == rules_markdown(all_codes()), \
        "docs/rules.md is stale: run `sopdoc rules --format markdown > docs/rules.md`"


def test_info_text_and_json(sample: Path) -> None:
    code, out, _ = _run("info", "sop/contoh.sop.yaml")
    assert code == 0
    assert "  kegiatan 4, pelaksana 3, keputusan 1\n" in out
    assert "  waktu baku: 2 hari kerja 1 jam 45 menit (16,8 jam; 2,23 hari kerja)\n" in out
    assert "  kegiatan terlama: 2 (2 hari kerja) = 2 hari kerja" in out
    code, out, _ = _run("info", "sop/contoh.sop.yaml", "--format", "json")
    doc = json.loads(out)["files"][0]
    assert doc["total"] == {"menit": 1005.0, "jam": 16.75, "hari_kerja": 2.23}
    assert doc["per_pelaksana"]["Kepala Dinas"]["menit"] == 45.0
    assert doc["per_pelaksana"]["Staf"]["menit"] == 900.0 and doc["per_pelaksana"]["Kasubag Program"]["menit"] == 960.0
    assert doc["jalur_utama"] == [1, 2, 3, 4] and doc["jumlah_keputusan"] == 1


def test_info_uses_configured_working_day(sample: Path) -> None:
    (sample / "sopdoc.toml").write_text("[check]\nmenit-per-hari-kerja = 390\n", encoding="utf-8")
    doc = json.loads(_run("info", "sop/contoh.sop.yaml", "--format", "json")[1])["files"][0]
    assert doc["menit_per_hari_kerja"] == 390 and doc["total"]["menit"] == 15 + 780 + 60 + 30


def test_make_demo_command_still_works() -> None:
    import os

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        code, out, _ = _run("check", "examples/")
    finally:
        os.chdir(here)
    assert code in (0, 1) and out.rstrip().splitlines()[-1].endswith("berkas")


# --------------------------------------------------------------------------- check DIR, SARIF (issue #14 point 7)

SARIF_SUBSET = ROOT / "tests" / "data" / "sarif" / "sarif-2.1.0-subset.schema.json"


@pytest.fixture
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a YAML source, a seed text extraction and a foreign PDF, plus a hidden folder."""
    folder = tmp_path / "mixed"
    (folder / "sub").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / "a.sop.yaml").write_text(BASE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "sub" / "seed003.txt").write_bytes((ROOT / "tests/data/seeds/003_46b4d4ee7e83561a.txt").read_bytes())
    (folder / "sub" / "revisi.pdf").write_bytes(
        (ROOT / "tests/data/corpus/bps-bengkulu-011-revisi-anggaran.pdf").read_bytes())
    (folder / ".git" / "x.sop.yaml").write_text("rusak: [", encoding="utf-8")
    (folder / "catatan.md").write_text("bukan SOP", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def test_check_dir_reads_every_supported_file(mixed: Path) -> None:
    code, out, _err = _run("check", "mixed", "--format", "json")
    files = [f["file"] for f in json.loads(out)["files"]]
    assert files == ["mixed/a.sop.yaml", "mixed/sub/revisi.pdf", "mixed/sub/seed003.txt"]
    assert code == 1


def test_check_dir_without_supported_files(tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text("x", encoding="utf-8")
    code, _out, err = _run("check", str(tmp_path))
    assert code == 2 and "tidak ada berkas yang didukung" in err


def test_check_dir_in_parallel_gives_the_same_output(mixed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sopdoc.batch.MIN_PARALLEL", 1)
    monkeypatch.setenv("SOPDOC_WORKERS", "2")
    parallel = _run("check", "mixed")
    monkeypatch.setenv("SOPDOC_WORKERS", "1")
    assert _run("check", "mixed") == parallel


def test_sarif_validates_and_locates_documents(mixed: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    _code, out, _err = _run("check", "mixed", "--format", "sarif")
    doc = json.loads(out)
    schema = json.loads(SARIF_SUBSET.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(doc)
    run = doc["runs"][0]
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == mixed.parent.as_uri() + "/"
    results = run["results"]
    by_uri: dict[str, list[dict]] = {}
    for r in results:
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "SRCROOT"
        by_uri.setdefault(loc["artifactLocation"]["uri"], []).append(loc)
        assert len(r["partialFingerprints"]["sopdocFinding/v1"]) == 32
    pdf = by_uri["mixed/sub/revisi.pdf"]
    assert any(loc.get("properties", {}).get("table") and loc["properties"].get("row") for loc in pdf)
    assert "mixed/a.sop.yaml" not in by_uri  # the clean base SOP
    assert by_uri["mixed/sub/seed003.txt"] and all("region" in loc for loc in by_uri["mixed/sub/seed003.txt"])
    fingerprints = [r["partialFingerprints"]["sopdocFinding/v1"] for r in results]
    assert len(set(fingerprints)) == len(fingerprints)


def test_sarif_fingerprint_survives_a_line_shift(sample: Path) -> None:
    def prints() -> list[str]:
        out = _run("check", "sop", "--format", "sarif")[1]
        return [r["partialFingerprints"]["sopdocFinding/v1"] for r in json.loads(out)["runs"][0]["results"]]

    before = prints()
    path = sample / "sop" / "contoh.sop.yaml"
    path.write_text("# komentar baru\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert prints() == before
