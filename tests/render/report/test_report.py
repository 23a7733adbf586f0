"""The demo's period reports read back: DOCX (python-docx) and PDF (pdfplumber) say the same verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from sopdoc.cli import main
from tests.conftest import EXAMPLES

LOGS = EXAMPLES / "logs"
CONFIG = LOGS / "sopdoc.toml"
# The deviations planted in each demo log (DESIGN: a late step, a Tidak loop, a missing output).
EXPECTED = {
    "seed-000-distan-buleleng-2026-10": {"late": [6], "codes": ["CMP101", "CMP103"], "entries": 10},
    "pengumpulan-data-kinerja-2026-TW3": {"late": [4], "codes": ["CMP101", "CMP103"], "entries": 12},
}


def _demo_logs() -> list[tuple[Path, Path, str]]:
    out = []
    for log in sorted(LOGS.glob("*.csv")):
        stem, _, period = log.stem.rpartition("-20")
        sop = EXAMPLES / f"{stem}.sop.yaml"
        if sop.is_file():
            out.append((sop, log, "20" + period))
    return out


@pytest.mark.parametrize("sop, log, period", _demo_logs(), ids=lambda v: getattr(v, "name", v))
def test_demo_report_reads_back(sop: Path, log: Path, period: str, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import pdfplumber
    from docx import Document

    monkeypatch.chdir(tmp_path)
    name = f"{sop.name.removesuffix('.sop.yaml')}-{period}"
    common = ["--db", "demo.db"]
    # The seeds are real signed SOPs with document errors (sopdoc check): opened with a reason.
    force = ["--paksa", "SOP bertanda tangan berlaku"] if sop.name.startswith("seed-") else []
    assert main(["period", "open", str(sop), "--period", period, "--config", str(CONFIG), *force, *common]) == 0
    assert main(["log", "import", name, str(log), *common]) == 0
    assert main(["period", "render", name, "--to", "docx,pdf", "--out", "out", "--config", str(CONFIG), *common]) == 0
    capsys.readouterr()
    expected = EXPECTED.get(name)

    doc = Document(str(tmp_path / "out" / f"laporan-{name}.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "LAPORAN PELAKSANAAN SOP PERIODE" in text
    log_table = next(t for t in doc.tables if t.rows[0].cells[0].text == "No" and len(t.columns) == 14)
    header = [c.text for c in log_table.rows[0].cells]  # the case and the decision taken were added (issue #15)
    rows = [[c.text for c in r.cells] for r in log_table.rows[1:]]
    monitoring = next(t for t in doc.tables if t.rows[0].cells[0].text == "No.")
    assessment = monitoring.rows[1].cells[2].text
    assert assessment in ("Berjalan dengan baik", "Tidak berjalan dengan baik")
    assert doc.inline_shapes, "the chart is missing"

    with pdfplumber.open(tmp_path / "out" / f"laporan-{name}.pdf") as pdf:
        pdf_text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert assessment in pdf_text
    assert "Monitoring Pelaksanaan SOP AP (Tabel 7)" in pdf_text

    if expected is None:
        return
    assert len(rows) == expected["entries"]
    late = [int(r[header.index("Langkah")]) for r in rows if r[header.index("Putusan")] == "Terlambat"]
    assert late == expected["late"]
    assert assessment == "Tidak berjalan dengan baik"
    for code in expected["codes"]:
        assert code in monitoring.rows[1].cells[3].text
        assert code in pdf_text
    assert pdf_text.count("Terlambat") == len(expected["late"])


def test_the_template_is_a_real_docxtpl_template() -> None:
    from docxtpl import DocxTemplate

    from sopdoc.resources import template_path

    tpl = DocxTemplate(str(template_path("laporan-periode.docx")))
    names = tpl.get_undeclared_template_variables()
    assert {"log", "monitoring", "penyimpangan", "grafik", "penilaian", "ttd_nama"} <= names


def test_template_text_is_escaped_and_sandboxed(tmp_path: Path) -> None:
    from sopdoc.render.report.docx import report_to_docx

    evil = tmp_path / "evil.docx"
    from docx import Document

    d = Document()
    d.add_paragraph("{{ sop_nama }} {{ ''.__class__.__mro__[1].__subclasses__() }}")
    d.save(str(evil))
    from sopdoc.errors import UsageError

    with pytest.raises(UsageError):
        report_to_docx({"sop_nama": "<b>&</b>"}, b"", evil)
    d = Document()
    d.add_paragraph("{{ sop_nama }}")
    d.save(str(evil))
    import io

    out = Document(io.BytesIO(report_to_docx({"sop_nama": "<w:p>&"}, b"", evil)))
    assert out.paragraphs[0].text == "<w:p>&"


def test_an_empty_overdue_period_reports_not_well_with_its_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import pdfplumber
    from docx import Document

    from tests.execution.helpers import LOOP_SOP

    monkeypatch.chdir(tmp_path)
    name, common = "keputusan-loop-2026-TW3", ["--db", "kosong.db"]
    assert main(["period", "open", str(LOOP_SOP), "--period", "2026-TW3", *common]) == 0
    assert main(["period", "render", name, "--to", "docx,pdf", "--out", "out", "--per", "2026-11-30", *common]) == 0
    capsys.readouterr()
    doc = Document(str(tmp_path / "out" / f"laporan-{name}.docx"))
    monitoring = next(t for t in doc.tables if t.rows[0].cells[0].text == "No.")
    assert monitoring.rows[1].cells[2].text == "Tidak berjalan dengan baik"
    notes, actions = monitoring.rows[1].cells[3].text, monitoring.rows[1].cells[4].text
    assert "CMP305 langkah tidak dilaksanakan: 5 kali" in notes and "CMP306 periode lewat tenggat: 1 kali" in notes
    assert "Pertahankan" not in actions and "sesuai mutu baku dan tepat waktu" not in notes
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "terlambat per 30 November 2026" in cells
    with pdfplumber.open(tmp_path / "out" / f"laporan-{name}.pdf") as pdf:
        pdf_text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "Tidak berjalan dengan baik" in pdf_text and "Berjalan dengan baik" not in pdf_text
    assert "terlambat per 30 November 2026" in pdf_text
