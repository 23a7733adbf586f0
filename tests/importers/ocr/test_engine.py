"""A scan-only document when OCR is missing: an OCR-specific code and a hint naming the packages."""

from __future__ import annotations

from pathlib import Path

import pytest

from sopdoc.importers.ocr import engine
from sopdoc.importers.pdf.importer import import_pdf_file
from sopdoc.model.diagnostic import Teks
from tests.importers.pdf import fixtures as fx


def test_scan_without_ocr_says_ocr_is_missing_and_names_the_packages(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "missing_ocr", lambda: Teks("program tesseract", "the tesseract program"))
    result = import_pdf_file(fx.pdf_hasil_pindai(tmp_path / "pindai.pdf"))
    assert result.load.sop is None
    codes = [d.code for d in result.load.diagnostics]
    assert "IMP050" in codes and "IMP002" not in codes
    d = next(d for d in result.load.diagnostics if d.code == "IMP050")
    assert d.name == "ocr-tidak-tersedia"
    assert "program tesseract tidak ada" in d.message.id and "the tesseract program is missing" in d.message.en
    assert d.hint is not None and "tesseract-ocr-ind" in d.hint.id and "tesseract-ocr-ind" in d.hint.en


def test_missing_ocr_is_none_when_tesseract_and_ind_are_installed() -> None:
    import shutil

    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed")
    engine.missing_ocr.cache_clear()
    missing = engine.missing_ocr()
    assert missing is None or "'ind'" in missing.id  # only the Indonesian model may be absent
