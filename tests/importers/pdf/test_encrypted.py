"""Encrypted PDFs: their streams are measured decrypted under the same caps (issue #11, point 3).

A decompression bomb inside an encrypted PDF is ciphertext as stored, so only a measure of the
decrypted stream catches it; an ordinary encrypted SOP still imports as its plain copy does.
"""

from __future__ import annotations

import io
import json
import time
import zlib
from pathlib import Path

import pytest

from sopdoc.importers.pdf.importer import import_pdf_file
from sopdoc.importers.pdf.streams import MAX_STREAM_BYTES, StreamTooLarge, check_streams
from tests.conftest import DATA
from tests.importers.pdf import fixtures as fx

ALGORITHMS = ["RC4-40", "RC4-128", "AES-128", "AES-256"]
EXPECTED = json.loads((DATA / "import" / "corpus-expected.json").read_text(encoding="utf-8"))
PLAIN = "bps-bengkulu-314-laporan-gratifikasi.pdf"


def _encrypt(writer: object, algorithm: str, user: str = "") -> bytes:
    from pypdf import PdfWriter

    assert isinstance(writer, PdfWriter)
    writer.encrypt(user, "pemilik", algorithm=algorithm)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _bomb(algorithm: str, inflated: int = MAX_STREAM_BYTES + (8 << 20), user: str = "") -> bytes:
    """One page whose content stream is Flate twice over ``inflated`` spaces, then encrypted."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, NameObject, StreamObject

    w = PdfWriter()
    page = w.add_blank_page(200, 200)
    s = StreamObject()
    s.set_data(zlib.compress(zlib.compress(b" " * inflated, 9), 9))
    s[NameObject("/Filter")] = ArrayObject([NameObject("/FlateDecode"), NameObject("/FlateDecode")])
    page[NameObject("/Contents")] = w._add_object(s)
    return _encrypt(w, algorithm, user)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_bomb_inside_an_encrypted_pdf_is_refused(algorithm: str, tmp_path: Path) -> None:
    data = _bomb(algorithm)
    assert len(data) < 4096 and b"/Encrypt" in data
    with pytest.raises(StreamTooLarge, match="objek"):
        check_streams(data)
    path = tmp_path / "bom.pdf"
    path.write_bytes(data)
    start = time.monotonic()
    result = import_pdf_file(path)
    assert time.monotonic() - start < 10
    assert result.load.sop is None
    assert [d.code for d in result.load.diagnostics if d.code == "IMP009"] == ["IMP009"]


def test_a_small_encrypted_stream_passes() -> None:
    check_streams(_bomb("AES-128", inflated=1 << 20))  # 1 MB of text: an ordinary page


def test_a_password_protected_pdf_is_measured_as_stored_and_fails_cleanly(tmp_path: Path) -> None:
    data = _bomb("AES-256", user="rahasia")
    check_streams(data)  # nobody can decrypt it without the password, so nothing inflates
    path = tmp_path / "sandi.pdf"
    path.write_bytes(data)
    result = import_pdf_file(path)
    assert result.load.sop is None
    assert result.load.diagnostics and all(d.code.startswith("IMP") for d in result.load.diagnostics)


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_an_encrypted_copy_of_a_signed_sop_still_imports(algorithm: str, tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(fx.CORPUS / PLAIN))
    path = tmp_path / "terkunci.pdf"
    path.write_bytes(_encrypt(w, algorithm))
    check_streams(path.read_bytes())
    sop = import_pdf_file(path).load.sop
    assert sop is not None
    want = EXPECTED[PLAIN]
    assert len(sop.kegiatan) == want["steps"]
    assert list(sop.pelaksana) == want["actors"]
