"""Hostile workbooks: one IMP finding and no SOP, never a traceback."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from sopdoc.importers.xlsx.importer import import_xlsx_file

GOOD = Path(__file__).parents[2] / "data" / "xlsx" / "basarnas-penerimaan-berita-call-115.xlsx"


def _codes(path: Path) -> list[str]:
    result = import_xlsx_file(path)
    assert result.load.sop is None
    return [d.code for d in result.load.diagnostics]


def test_not_a_zip(tmp_path: Path) -> None:
    p = tmp_path / "x.xlsx"
    p.write_bytes(b"not a zip at all")
    assert "IMP040" in _codes(p)


def test_zip_bomb_member_refused(tmp_path: Path) -> None:
    p = tmp_path / "bomb.xlsx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", b"<a/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (40 * 1024 * 1024) + b"</a>")
    p.write_bytes(buf.getvalue())
    assert "IMP040" in _codes(p)


def test_entity_in_a_part_refused(tmp_path: Path) -> None:
    p = tmp_path / "xxe.xlsx"
    out = io.BytesIO()
    with zipfile.ZipFile(GOOD) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/sharedStrings.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1)
            dst.writestr(info.filename, data)
    p.write_bytes(out.getvalue())
    assert "IMP041" in _codes(p)


def test_not_a_workbook(tmp_path: Path) -> None:
    p = tmp_path / "empty.xlsx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", b"hi")
    p.write_bytes(buf.getvalue())
    assert "IMP040" in _codes(p)
