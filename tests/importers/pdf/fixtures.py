"""Hostile and odd PDFs built at test time (small, deterministic), named after the problem."""

from __future__ import annotations

from itertools import pairwise
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


# the steps of pdf_pelaksana_dua_tingkat: activity, then (actor column, symbol) per shape
DUA_TINGKAT_STEPS = (
    ("Menyiapkan bahan pengolahan", ((0, "terminator"),)),
    ("Mengumpulkan data dari lapangan", ((1, "proses"),)),
    ("Memeriksa kelengkapan data", ((0, "keputusan"),)),
    ("Mengolah data", ((2, "proses"),)),
    ("Mengirim hasil olahan", ((1, "proses"), (3, "proses"))),
    ("Menerima hasil", ((3, "terminator"),)),
)


def pdf_pelaksana_dua_tingkat(path: Path, groups: tuple[tuple[str, tuple[str, ...]], ...],
                              pelaksana_cell: bool = True) -> Path:
    """A born-digital SOP drawn as a Word export would draw it: an identity table on page 1; on
    page 2 a flowchart table whose actor header has two levels, an organisation spanning its roles
    (``groups``: organisation, its role columns; no roles: the organisation is one column spanning
    both header rows), under a ``Pelaksana`` cell spanning every actor (or without it, the
    organisations then in the top header row). Grid rules as lines, text in cells, symbols as
    stroked paths (process box, rounded terminator, diamond), connectors with filled arrow tips."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    page_w, page_h = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(page_w, page_h))

    def y(v: float) -> float:
        return page_h - v

    def cell(x0: float, top: float, x1: float, bottom: float, text: str = "") -> None:
        c.setLineWidth(0.5)
        c.line(x0, y(top), x1, y(top))
        c.line(x0, y(bottom), x1, y(bottom))
        c.line(x0, y(top), x0, y(bottom))
        c.line(x1, y(top), x1, y(bottom))
        if text:
            c.drawCentredString((x0 + x1) / 2, y((top + bottom) / 2 + 3), text)

    c.setFont("Helvetica", 8)
    for k, (label, value) in enumerate((("Nomor SOP", "SOP-401/17000/2025"), ("Tanggal Pembuatan", "2 Januari 2025"),
                                        ("Nama SOP", "Pengolahan Data Survei"))):
        cell(40, 60 + 22 * k, 200, 82 + 22 * k, label)
        cell(200, 60 + 22 * k, 600, 82 + 22 * k, value)
    c.showPage()

    c.setFont("Helvetica", 7)
    roles = [(org, role) for org, rs in groups for role in (rs or ("",))]
    col_w = 70.0
    x_no, x_keg, x_act = 40.0, 62.0, 200.0
    x_mutu = x_act + col_w * len(roles)
    mutu = (("Kelengkapan", 70.0), ("Waktu", 45.0), ("Output", 70.0))
    x_ket = x_mutu + sum(w for _, w in mutu)
    x_end = x_ket + 60
    top = 40.0
    levels = 3 if pelaksana_cell else 2
    row_h, head_h = 36.0, 16.0
    bottom = top + head_h * levels
    cell(x_no, top, x_keg, bottom, "No")
    cell(x_keg, top, x_act, bottom, "Kegiatan")
    cell(x_ket, top, x_end, bottom, "Keterangan")
    org_top = top
    if pelaksana_cell:
        cell(x_act, top, x_mutu, top + head_h, "Pelaksana")
        org_top = top + head_h
    cell(x_mutu, top, x_ket, top + head_h, "Mutu Baku")
    x = x_mutu
    for name, w in mutu:
        cell(x, top + head_h, x + w, bottom, name)
        x += w
    x = x_act
    for org, rs in groups:
        if not rs:
            cell(x, org_top, x + col_w, bottom, org)
            x += col_w
            continue
        cell(x, org_top, x + col_w * len(rs), org_top + head_h, org)
        for role in rs:
            cell(x, org_top + head_h, x + col_w, bottom, role)
            x += col_w
    centres: list[tuple[float, float]] = []
    for k, (text, shapes) in enumerate(DUA_TINGKAT_STEPS):
        r0 = bottom + row_h * k
        cell(x_no, r0, x_keg, r0 + row_h, f"{k + 1}.")
        cell(x_keg, r0, x_act, r0 + row_h)
        c.drawString(x_keg + 3, y(r0 + row_h / 2 + 3), text)
        for j in range(len(roles)):
            cell(x_act + col_w * j, r0, x_act + col_w * (j + 1), r0 + row_h)
        x = x_mutu
        for (_, w), value in zip(mutu, ("Data", "1 hari", f"Dokumen {k + 1}"), strict=True):
            cell(x, r0, x + w, r0 + row_h, value)
            x += w
        cell(x_ket, r0, x_end, r0 + row_h)
        c.setLineWidth(1)
        for j, kind in shapes:
            cx, cy = x_act + col_w * (j + 0.5), r0 + row_h / 2
            if kind == "proses":
                c.rect(cx - 20, y(cy + 8), 40, 16)
            elif kind == "terminator":
                c.roundRect(cx - 22, y(cy + 8), 44, 16, 8)
            else:
                p = c.beginPath()
                p.moveTo(cx - 22, y(cy))
                p.lineTo(cx, y(cy - 11))
                p.lineTo(cx + 22, y(cy))
                p.lineTo(cx, y(cy + 11))
                p.close()
                c.drawPath(p)
            if len(centres) == k:
                centres.append((cx, cy))
    c.setLineWidth(0.75)
    for (ax, ay), (bx, by) in pairwise(centres):  # elbow connectors, tip at the next shape
        c.line(ax, y(ay + 11), ax, y(by))
        end = bx - 22 if bx > ax else bx + 22
        if bx != ax:
            c.line(ax, y(by), end, y(by))
            d = -5 if bx > ax else 5
            p = c.beginPath()
            p.moveTo(end, y(by))
            p.lineTo(end + d, y(by - 3))
            p.lineTo(end + d, y(by + 3))
            p.close()
            c.drawPath(p, fill=1, stroke=0)
    c.showPage()
    c.save()
    return path
