"""The evaluation form (``sopdoc evaluasi``): each criterion's pre-fill rule on hand-made periods
and findings (the expected answers follow the rules of sopdoc/execution/evaluasi.py's docstring,
worked out by hand), the recommendation, and the command end to end on the example period log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sopdoc.cli import main
from sopdoc.execution.evaluasi import PeriodeHasil, evaluate
from sopdoc.model.diagnostic import Diagnostic, Severity, Teks
from sopdoc.source.reader import load_sop

ROOT = Path(__file__).resolve().parents[2]
SOP = ROOT / "tests" / "data" / "revisi" / "baru.sop.yaml"
GOOD, BAD = Teks("Berjalan dengan baik", "Went well"), Teks("Tidak berjalan dengan baik", "Did not go well")


def _sop():
    result = load_sop(SOP)
    assert result.sop is not None
    return result.sop


def _finding(code: str, severity: Severity = Severity.WARNING) -> Diagnostic:
    return Diagnostic(code, code.lower(), severity, Teks(code, code))


def _period(code: str, share: float | None, codes: tuple[str, ...] = (), good: bool = True,
            finished: bool = True, valid: bool = True) -> PeriodeHasil:
    return PeriodeHasil(f"x-{code}", code, GOOD if good else BAD, share, 10, codes, finished, good, valid)


def _answers(ev) -> list[bool | None]:
    return [j.ya for j in ev.kriteria]


def test_no_period_and_clean_document():
    ev = evaluate(_sop(), [], [])
    # kinerja ?, dipahami Ya, dilaksanakan ?, peran ?, masalah ?, kebutuhan ?, sinergi Ya (Keterkaitan filled)
    assert _answers(ev) == [None, True, None, None, None, None, True]
    assert ev.rekomendasi == "tetap"
    assert ev.kriteria[0].bukti == (Teks("belum ada periode yang tercatat", "no period logged yet"),)


def test_good_periods_rising():
    ev = evaluate(_sop(), [], [_period("2026-TW1", 0.7), _period("2026-TW2", 0.9)])
    assert _answers(ev) == [True, True, True, True, None, None, True]
    assert ev.kriteria[0].bukti[0].id == "tepat waktu per periode: 2026-TW1 70% → 2026-TW2 90%"
    assert ev.kriteria[2].bukti[0].id == "2 periode berjalan dengan baik"
    assert ev.rekomendasi == "tetap"


def test_falling_share_skipped_steps_wrong_role_give_revisi():
    periods = [_period("2026-TW1", 0.9), _period("2026-TW2", 0.6, ("CMP102", "CMP201"), good=False)]
    ev = evaluate(_sop(), [], periods)
    assert _answers(ev)[:4] == [False, True, False, False]
    assert ev.kriteria[2].bukti[0].id == "penyimpangan pelaksanaan: 2026-TW2: CMP201"
    assert ev.kriteria[3].bukti[0].id == "langkah dikerjakan peran lain (CMP102): 2026-TW2"
    assert ev.rekomendasi == "revisi"
    assert ev.alasan.id.startswith("kriteria tidak terpenuhi: Mampu mendorong peningkatan kinerja, Mudah dilaksanakan")


def test_invalid_log_counts_for_nothing():
    ev = evaluate(_sop(), [], [_period("2026-TW1", 0.2, ("CMP102",), good=False, valid=False)])
    assert _answers(ev)[0] is None and _answers(ev)[3] is None
    assert len(ev.periods) == 1


def test_document_findings():
    findings = [_finding("SOP301", Severity.ERROR), _finding("SOP312", Severity.ERROR), _finding("SOP212"),
                _finding("SOP407")]
    ev = evaluate(_sop(), findings, [])
    # dipahami Tidak (SOP3xx error), masalah Tidak (SOP312), kebutuhan Tidak (SOP212), sinergi ? (SOP407)
    assert _answers(ev) == [None, False, None, None, False, False, None]
    assert ev.rekomendasi == "hapus"  # legal basis repealed and never run
    assert evaluate(_sop(), findings, [_period("2026-TW1", 0.9)]).rekomendasi == "revisi"


@pytest.mark.parametrize(("cited", "recommendation"), [
    ("Peraturan Pemerintah Nomor 53 Tahun 2010 tentang Disiplin Pegawai Negeri Sipil", "revisi"),  # partly only
    ("Undang-Undang Nomor 28 Tahun 2009 tentang Pajak Daerah dan Retribusi Daerah", "revisi"),  # unverified entry
    ("Peraturan Pemerintah Nomor 41 Tahun 2007 tentang Organisasi Perangkat Daerah", "hapus"),  # PP 18/2016 Pasal 125
    ("Undang-Undang Nomor 43 Tahun 1999 tentang Perubahan atas Undang-Undang Nomor 8 Tahun 1974", "hapus"),
])
def test_only_a_verified_whole_repeal_recommends_hapus(cited: str, recommendation: str):
    sop = _sop().model_copy(update={"dasar_hukum": (cited,)})
    repealed = Diagnostic("SOP212", "sop212", Severity.WARNING, Teks("x", "x"), path=("dasar_hukum", 0))
    assert evaluate(sop, [repealed], []).rekomendasi == recommendation


def test_no_keterkaitan_is_no_synergy():
    sop = _sop().model_copy(update={"keterkaitan": None})
    assert evaluate(sop, [], []).kriteria[6].ya is False


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example SOP's 2026-TW3 period with its example log (examples/logs)."""
    db = tmp_path_factory.mktemp("evaluasi") / "log.db"
    cfg = ROOT / "examples" / "logs" / "sopdoc.toml"
    sop = ROOT / "examples" / "pengumpulan-data-kinerja.sop.yaml"
    assert main(["period", "open", str(sop), "--period", "2026-TW3", "--db", str(db), "--config", str(cfg)]) == 0
    log = ROOT / "examples" / "logs" / "pengumpulan-data-kinerja-2026-TW3.csv"
    assert main(["log", "import", "pengumpulan-data-kinerja-2026-TW3", str(log), "--db", str(db)]) == 0
    return db


def test_command_json_text_pdf_docx(store, tmp_path, capsys):
    from pypdf import PdfReader

    sop = str(ROOT / "examples" / "pengumpulan-data-kinerja.sop.yaml")
    cfg = str(ROOT / "examples" / "logs" / "sopdoc.toml")
    capsys.readouterr()
    assert main(["evaluasi", sop, "--db", str(store), "--config", cfg, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["periode"] for p in data["periode"]] == ["2026-TW3"]
    period = data["periode"][0]
    assert period["log_valid"] is True and data["dikonfirmasi"] is False
    assert [k["kunci"] for k in data["kriteria"]] == ["kinerja", "mudah_dipahami", "mudah_dilaksanakan", "peran",
                                                      "atasi_masalah", "kebutuhan", "sinergi"]
    assert data["kriteria"][3]["ya"] is ("CMP102" not in period["penyimpangan"])
    assert data["rekomendasi"] in ("tetap", "revisi")
    pdf, docx_path = tmp_path / "ev.pdf", tmp_path / "ev.docx"
    assert main(["evaluasi", sop, "--db", str(store), "--config", cfg, "-o", str(pdf)]) == 0
    assert main(["evaluasi", sop, "--db", str(store), "--config", cfg, "-o", str(docx_path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Keputusan penilai:" in out and "Evaluator's decision:" in out
    text = PdfReader(str(pdf)).pages[0].extract_text()
    assert "FORMULIR EVALUASI" in text and "2026-TW3" in text and "Usulan sopdoc:" in text
    import docx

    document = docx.Document(str(docx_path))
    assert [c.text for c in document.tables[1].rows[0].cells] == ["No", "Criterion", "Yes", "No", "Evidence"]
    assert len(document.tables[1].rows) == 8


def test_command_bad_input(store, tmp_path, capsys):
    sop = str(ROOT / "examples" / "pengumpulan-data-kinerja.sop.yaml")
    assert main(["evaluasi", str(tmp_path / "x.sop.yaml"), "--db", str(store)]) == 2
    assert main(["evaluasi", sop, "--db", str(tmp_path / "none.db")]) == 2
    assert main(["evaluasi", sop, "--db", str(store), "-o", str(tmp_path / "x.txt")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("galat: ") for line in err)
