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


def pdf_dua_tabel_kegiatan(path: Path) -> Path:
    """One SOP whose page 2 holds two flowchart tables, one per budget account, each titled above
    and each numbering its steps from 1 (issue #12 point 6)."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    height = landscape(A4)[1]

    def grid(top: float, xs: list[float], rows: list[list[str]], row_h: float = 28) -> None:
        c.setLineWidth(0.5)
        for r in range(len(rows) + 1):
            c.line(xs[0], height - top - r * row_h, xs[-1], height - top - r * row_h)
        for x in xs:
            c.line(x, height - top, x, height - top - len(rows) * row_h)
        for r, row in enumerate(rows):
            for j, text in enumerate(row):
                c.drawString(xs[j] + 3, height - top - r * row_h - 17, text)

    c.setFont("Helvetica", 9)
    grid(60, [40, 200, 600], [["Nomor SOP", "SOP-7/17000/2025"], ["Tanggal Pembuatan", "2 Januari 2025"],
                              ["Nama SOP", "Pembayaran Belanja"]])
    c.showPage()
    c.setFont("Helvetica", 9)
    xs = [40, 70, 260, 340, 420, 500, 640]
    for top, title, steps in ((60, "Akun 521211 Belanja Bahan", ["Menyusun SPP", "Menyetujui SPP"]),
                              (260, "Akun 524111 Belanja Perjalanan", ["Menyusun SPD", "Membayar SPD", "Melapor"])):
        c.drawString(40, height - top + 8, title)
        rows = [["No", "Kegiatan", "Operator", "PPK", "Waktu", "Output"]]
        rows += [[str(k + 1), text, "", "", "1 hari", f"Dokumen {k + 1}"] for k, text in enumerate(steps)]
        grid(top, xs, rows)
        for k in range(len(steps)):
            x = xs[2] if k % 2 == 0 else xs[3]
            c.rect(x + 20, height - top - (k + 1) * 28 - 21, 40, 14)
    c.showPage()
    c.save()
    return path
