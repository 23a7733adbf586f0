"""Hostile and odd PDFs built at test time (small, deterministic), named after the problem."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CORPUS


def pdf_500_halaman(path: Path) -> Path:
    """500 pages with one line of text each."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for i in range(500):
        c.drawString(72, 720, f"Halaman {i + 1}")
        c.showPage()
    c.save()
    return path


def pdf_hasil_pindai(path: Path) -> Path:
    """One page holding only an image (a scan without a text layer)."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("RGB", (200, 280), "white")
    for x in range(20, 180):
        img.putpixel((x, 40), (0, 0, 0))
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(img), 50, 300, width=400, height=500)
    c.showPage()
    c.save()
    return path


def pdf_terenkripsi(path: Path) -> Path:
    """A corpus PDF encrypted with a user password."""
    from pypdf import PdfReader, PdfWriter

    src = sorted(CORPUS.glob("*.pdf"))[0]
    writer = PdfWriter()
    for page in PdfReader(src).pages:
        writer.add_page(page)
    writer.encrypt(user_password="rahasia", owner_password="pemilik")
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def pdf_terpotong(path: Path) -> Path:
    """The first third of a PDF's bytes."""
    data = sorted(CORPUS.glob("*.pdf"))[0].read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def bukan_pdf(path: Path) -> Path:
    """A text file with a .pdf name."""
    path.write_text("ini bukan PDF\n", encoding="utf-8")
    return path
