"""Word SOPs and hostile DOCX files built at test time with python-docx, named after the problem."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NSDECL = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
ACTORS = ("Kepala Dinas", "Sekretaris", "Staf")
# (no, uraian, actor index, symbol, kelengkapan, waktu, output)
STEPS = (
    ("1", "Menerima surat masuk", 0, "terminator", "Surat", "10 menit", "Disposisi"),
    ("2", "Mencatat surat dalam agenda", 2, "proses", "Disposisi", "15 menit", "Agenda"),
    ("3", "Memeriksa kelengkapan surat", 1, "keputusan", "Agenda", "1 jam", "Surat diperiksa"),
    ("4", "Mengarsipkan surat", 2, "terminator", "Surat diperiksa", "30 menit", "Arsip"),
)
_PRESET = {"terminator": "flowChartTerminator", "proses": "flowChartProcess", "keputusan": "flowChartDecision"}
_VML = {"terminator": '<v:roundrect style="width:50pt;height:16pt"/>',
        "proses": '<v:rect style="width:50pt;height:18pt"/>',
        "keputusan": '<v:shape type="#_x0000_t110" style="width:50pt;height:28pt"/>'}
_MARKS = {"terminator": "Mulai", "proses": "[]", "keputusan": "Ya"}


def _drawingml(kind: str) -> str:
    return (f'<w:r {_NSDECL}><w:drawing><wp:anchor><wp:positionH relativeFrom="column"><wp:posOffset>12700'
            '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>12700</wp:posOffset>'
            '</wp:positionV><wp:extent cx="635000" cy="228600"/><a:graphic><a:graphicData><wps:wsp><wps:spPr>'
            f'<a:prstGeom prst="{_PRESET[kind]}"/><a:ln w="11430"/></wps:spPr></wps:wsp></a:graphicData></a:graphic>'
            '</wp:anchor></w:drawing></w:r>')


def _vml(kind: str) -> str:
    return f'<w:r {_NSDECL}><w:pict>{_VML[kind]}</w:pict></w:r>'


def _identity(doc) -> None:
    t = doc.add_table(rows=3, cols=2)
    for row, (label, value) in zip(t.rows, (("Nomor SOP", "800/12/2024"), ("Tanggal Pembuatan", "2 Januari 2024"),
                                            ("Nama SOP", "Pengelolaan Surat Masuk")), strict=False):
        row.cells[0].text = label
        row.cells[1].text = value


def _flow(doc, symbol_in_cell) -> None:
    t = doc.add_table(rows=2 + len(STEPS), cols=5 + len(ACTORS) + 1)
    top = ["NO", "KEGIATAN", *(["PELAKSANA"] * len(ACTORS)), "MUTU BAKU", "MUTU BAKU", "MUTU BAKU", "KETERANGAN"]
    sub = ["NO", "KEGIATAN", *ACTORS, "KELENGKAPAN", "WAKTU", "OUTPUT", "KETERANGAN"]
    for cell, text in zip(t.rows[0].cells, top, strict=False):
        cell.text = text
    for cell, text in zip(t.rows[1].cells, sub, strict=False):
        cell.text = text
    for row, (no, uraian, actor, kind, kel, waktu, output) in zip(t.rows[2:], STEPS, strict=False):
        cells = row.cells
        cells[0].text, cells[1].text = no, uraian
        k = 2 + len(ACTORS)
        cells[k].text, cells[k + 1].text, cells[k + 2].text = kel, waktu, output
        symbol_in_cell(cells[2 + actor], kind)


def _word_sop(path: Path, symbol_in_cell) -> Path:
    import docx

    doc = docx.Document()
    doc.add_paragraph("STANDAR OPERASIONAL PROSEDUR")
    _identity(doc)
    _flow(doc, symbol_in_cell)
    doc.save(str(path))
    return path


def docx_bentuk_drawingml(path: Path) -> Path:
    """Actor cells hold DrawingML (wps) flowchart shapes."""
    return _word_sop(path, lambda cell, kind: cell.paragraphs[0]._p.append(etree.fromstring(_drawingml(kind))))


def docx_bentuk_vml(path: Path) -> Path:
    """Actor cells hold legacy VML shapes (v:roundrect, v:rect, v:shape type t110)."""
    return _word_sop(path, lambda cell, kind: cell.paragraphs[0]._p.append(etree.fromstring(_vml(kind))))


def docx_tanda_teks(path: Path) -> Path:
    """Actor cells hold text marks instead of shapes: Mulai, [], Ya."""
    def mark(cell, kind: str) -> None:
        cell.text = _MARKS[kind]
    return _word_sop(path, mark)


def docx_tanpa_tabel(path: Path) -> Path:
    """A Word document with paragraphs only."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("Notulen rapat, bukan SOP.")
    doc.save(str(path))
    return path


def docx_bukan_zip(path: Path) -> Path:
    """A text file renamed to .docx."""
    path.write_text("ini bukan dokumen Word\n", encoding="utf-8")
    return path


def docx_terpotong(path: Path) -> Path:
    """A real DOCX cut in half (a broken download)."""
    full = docx_tanda_teks(path.with_name("utuh.docx")).read_bytes()
    path.write_bytes(full[: len(full) // 2])
    return path


def docx_zip_bomb(path: Path) -> Path:
    """word/document.xml declares ~1 GB of zeros compressed into about a megabyte."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, \
            zf.open("word/document.xml", "w", force_zip64=True) as fh:
        chunk = b"\0" * (1024 * 1024)
        for _ in range(1024):
            fh.write(chunk)
    return path


def docx_dtd_entitas(path: Path) -> Path:
    """document.xml with a DTD declaring an external entity (and a billion-laughs style one)."""
    xml = (b'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
           b'<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
           b'<w:document xmlns:w="' + W.encode() + b'"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>&xxe;&lol2;'
           b'</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", xml)
    return path
