"""Text a reader does not see is not read, and is said (IMP037): a value whited out and typed over
(bps 006's Nomor: 'SOP-003/08/2022' under a white box, 'SOP-006/17000/2025' on top), or a string
printed over another one."""

from __future__ import annotations

from pathlib import Path

from sopdoc.importers.pdf.importer import import_pdf_file
from sopdoc.importers.pdf.pdfium import open_pdfium_pages


def _pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(400, 200))
    c.setFont("Helvetica", 8)
    c.drawString(50, 150, "SOP-003/08/2022")  # the old number ...
    c.setFillColorRGB(1, 1, 1)
    c.rect(49, 147, 70, 11, stroke=0, fill=1)  # ... whited out ...
    c.setFillColorRGB(0, 0, 0)
    c.drawString(50, 150, "SOP-006/17000/2025")  # ... and typed over
    c.drawString(50, 100, "Lama sekali")
    c.drawString(50, 100, "Baru sekali")  # printed over another string, no box between
    c.drawString(50, 60, "Tebal")
    c.drawString(50.2, 60, "Tebal")  # a bold simulated by printing twice: one string, no finding
    c.drawString(200, 60, "Biasa")
    c.save()
    return path


def _line(page, top: float) -> str:
    return "".join(ch["text"] for ch in sorted(page.chars, key=lambda ch: ch["x0"]) if abs(ch["top"] - top) < 4)


def test_pdfium_pages_leave_out_covered_and_overprinted_text(tmp_path: Path) -> None:
    _, (page,) = open_pdfium_pages(str(_pdf(tmp_path / "t.pdf")), 5)
    text = "".join(ch["text"] for ch in page.chars)
    assert "SOP-006/17000/2025" in text and "003" not in text
    assert "Baru sekali" in text and "Lama" not in text
    assert text.count("Tebal") == 1 and "Biasa" in text
    kinds = {(h.kind, h.text, h.shown) for h in page.hidden}
    assert kinds == {("covered", "SOP-003/08/2022", None), ("overprinted", "Lama sekali", "Baru sekali")}


def test_the_import_says_what_it_did_not_read(tmp_path: Path) -> None:
    result = import_pdf_file(_pdf(tmp_path / "t.pdf"))
    said = [d for d in result.load.diagnostics if d.code == "IMP037"]
    assert len(said) == 2 and all(d.origin is not None and d.origin.page == 1 for d in said)
    assert any("'SOP-003/08/2022' tertutup isian" in d.message.id for d in said)
    assert any("'Lama sekali' is overprinted by 'Baru sekali'" in d.message.en for d in said)
