"""The agency logo from the profile lands in the kop of the identity page."""

from __future__ import annotations

import io
import struct
import zlib

import pdfplumber

from sopdoc.layout import PageProfile, layout_sop
from sopdoc.render.pdf import render_pdf
from tests.layout.builders import make_sop


def _png(path, w=8, h=8) -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes([200, 30, 30]) * w for _ in range(h))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_logo_is_drawn_in_the_kop(tmp_path):
    logo = tmp_path / "logo.png"
    _png(logo)
    sop = make_sop(3, 2)
    doc = layout_sop(sop, PageProfile(logo=str(logo)))
    kop = next(c for c in doc.pages[0].cells if c.role == "kop")
    (image,) = doc.pages[0].images
    assert kop.rect.contains(image.rect)
    with pdfplumber.open(io.BytesIO(render_pdf(sop, doc))) as pdf:
        (img,) = pdf.pages[0].images
        assert abs(img["x0"] - image.rect.x) < 1 and abs(img["top"] - image.rect.y) < 1


def test_unreadable_logo_does_not_stop_the_document(tmp_path):
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"not a png")
    sop = make_sop(3, 2)
    data = render_pdf(sop, layout_sop(sop, PageProfile(logo=str(bad))))
    assert data.startswith(b"%PDF")
