"""``sopdoc render --to docx``: the DOCX next to the PDF, user templates, and bad templates
(exit 2, one line naming the template, no output written)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document

from sopdoc.cli import main
from tests.conftest import EXAMPLES

CLEAN = EXAMPLES / "pengumpulan-data-kinerja.sop.yaml"
TEMPLATE = EXAMPLES.parent / "templates" / "sop.docx"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    target = tmp_path / "src" / CLEAN.name
    target.parent.mkdir()
    shutil.copy(CLEAN, target)
    return target


def test_pdf_docx_svg_together(source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["render", str(source), "--to", "pdf,docx,svg", "-o", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["pengumpulan-data-kinerja.docx", "pengumpulan-data-kinerja.pdf", "pengumpulan-data-kinerja.svg"]
    doc = Document(str(out / "pengumpulan-data-kinerja.docx"))
    text = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "Memeriksa draf laporan kinerja triwulan" in text and "800/045/DPLH/2023" in text
    assert capsys.readouterr().out.count("pengumpulan-data-kinerja.") == 3


def test_user_template_copy_is_used(source: Path, tmp_path: Path) -> None:
    mine = tmp_path / "kop-dinas.docx"
    shutil.copy(TEMPLATE, mine)
    out = tmp_path / "out"
    assert main(["render", str(source), "--to", "docx", "--template", str(mine), "-o", str(out)]) == 0
    assert zipfile.is_zipfile(out / "pengumpulan-data-kinerja.docx")


def _jinja_error_template(tmp_path: Path) -> Path:
    doc = Document(str(TEMPLATE))
    doc.add_paragraph("{{ nama ")  # unterminated expression
    bad = tmp_path / "rusak.docx"
    doc.save(str(bad))
    return bad


def _internals_template(tmp_path: Path) -> Path:
    doc = Document(str(TEMPLATE))
    doc.add_paragraph("{{ nama.__class__.__mro__ }}")
    bad = tmp_path / "jahat.docx"
    doc.save(str(bad))
    return bad


@pytest.mark.parametrize(("make", "words"), [
    (lambda tmp: (tmp / "bukan.docx").write_text("bukan docx") and tmp / "bukan.docx", "bukan.docx"),
    (_jinja_error_template, "rusak.docx"),
    (_internals_template, "jahat.docx"),
])
def test_bad_template_exit_2_and_no_output(make, words: str, source: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                           capsys: pytest.CaptureFixture[str]) -> None:
    template = make(tmp_path)
    out = tmp_path / "out"
    code = main(["render", str(source), "--format", "pdf,docx", "--template", str(template), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("galat: ") and words in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())
