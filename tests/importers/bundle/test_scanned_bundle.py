"""A scan-only bundle: its identity pages are found by a quick OCR reading (issue #13 point 4)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sopdoc.importers import bundle

IDENTITY = "Nomor SOP 1\nNama SOP Pengagendaan Surat\nDasar Hukum\nKeterkaitan\nPeringatan"


def _image_only_pdf(path: Path, pages: int) -> None:
    """A PDF whose every page is a picture (no text layer)."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    Image.new("L", (60, 80), 200).save(buf, format="PNG")
    c = canvas.Canvas(str(path), pagesize=(300, 400))
    for _ in range(pages):
        c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, 300, 400)
        c.showPage()
    c.save()


@pytest.mark.parametrize(("pages", "read"), [(4, True), (3, False)])
def test_a_scan_only_file_of_four_pages_or_more_is_read_quickly(tmp_path: Path, monkeypatch,
                                                                  pages: int, read: bool) -> None:
    pdf = tmp_path / "bundel.pdf"
    _image_only_pdf(pdf, pages)
    seen: list[int] = []

    def fake(_path: str, count: int) -> list[str]:  # quick_texts: every page read quickly
        seen.extend(range(count))
        return [IDENTITY if index % 2 == 0 else "Kegiatan Pelaksana Mutu Baku" for index in range(count)]

    monkeypatch.setattr(bundle, "quick_texts", fake)
    monkeypatch.setattr(bundle, "ocr_available", lambda: True)
    texts = bundle._page_texts(pdf)
    assert texts is not None
    if read:
        assert seen == [0, 1, 2, 3]
        assert bundle.bundle_parts(texts) == [range(0, 2), range(2, 4)]
    else:
        assert seen == [] and texts == ["", "", ""]


def test_without_ocr_a_scanned_bundle_is_one_document(tmp_path: Path, monkeypatch) -> None:
    pdf = tmp_path / "bundel.pdf"
    _image_only_pdf(pdf, 4)
    monkeypatch.setattr(bundle, "ocr_available", lambda: False)
    assert bundle.bundle_parts(bundle._page_texts(pdf) or []) == [range(0, 4)]
