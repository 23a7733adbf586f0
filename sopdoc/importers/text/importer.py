"""Import seed-style text extractions of SOP documents (DESIGN.md §7, DOMAIN.md §8).

The text is cleaned line by line, the flowchart table is found by its header row, and the
part before it is scanned for the kop, identity labels and the six boxes. Every field keeps
its line number; every guess and loss is an IMPxxx finding. Content problems never raise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from sopdoc.importers.codes import imp_diagnostic
from sopdoc.importers.grid.boxes import box_texts
from sopdoc.importers.grid.clean import Line, text_to_lines
from sopdoc.importers.grid.heading import (
    Signer,
    find_kop,
    find_signature_block,
    is_title,
    nama_from_heading,
    parse_signer_block,
    parse_signer_inline,
)
from sopdoc.importers.grid.steps import steps_to_kegiatan
from sopdoc.importers.report import ImportBuilder, ImportResult
from sopdoc.importers.text.ocr_table import OcrTable, read_ocr_table
from sopdoc.importers.text.sections import Sections, scan_sections
from sopdoc.importers.text.table import find_header, read_table
from sopdoc.importers.text.worksheet import find_worksheet, read_worksheet
from sopdoc.model.diagnostic import Origin, Teks
from sopdoc.model.labels import BOX_KEYS
from sopdoc.source.codes import reading_diagnostic

__all__ = ["MAX_TEXT_BYTES", "import_text", "import_text_file"]

MAX_TEXT_BYTES = 2 * 1024 * 1024


def import_text_file(path: str | Path) -> ImportResult:
    """Read and import one text file; unreadable or oversized files give SOP001/SOP002."""
    name = str(path)
    builder = ImportBuilder(name, "text")
    try:
        size = Path(path).stat().st_size
        if size > MAX_TEXT_BYTES:
            builder.add(reading_diagnostic("SOP002", Teks(
                f"ukuran {size} bita melebihi batas {MAX_TEXT_BYTES}",
                f"size {size} bytes exceeds the limit of {MAX_TEXT_BYTES}"), origin=Origin(file=name)))
            return _failed(builder)
        data = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        builder.add(reading_diagnostic("SOP001", Teks(f"tidak dapat membaca berkas: {reason}",
                                                      f"cannot read the file: {reason}"), origin=Origin(file=name)))
        return _failed(builder)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        builder.add(imp_diagnostic("IMP013", Teks("berkas bukan UTF-8; dibaca sebagai Windows-1252",
                                                  "the file is not UTF-8; read as Windows-1252"),
                                   origin=Origin(file=name, line=1)))
    return import_text(text, name, builder)


def _failed(builder: ImportBuilder) -> ImportResult:
    result = builder.finish()
    load = result.load.__class__(result.load.file, None, result.load.diagnostics, result.load.source_map)
    return ImportResult(load, result.report)


def import_text(text: str, file: str = "<teks>", builder: ImportBuilder | None = None) -> ImportResult:
    """Import the text of a seed-style extraction."""
    b = builder or ImportBuilder(file, "text")
    lines = text_to_lines(text)
    at = lambda no: Origin(file=file, line=no, column=1)  # noqa: E731
    header = find_header(lines)
    ocr = read_ocr_table(lines, file) if header is None else None
    front_end = header if header is not None else (ocr.start if ocr else len(lines))
    ws = find_worksheet(lines[:front_end])
    front = lines[:front_end]
    if ws:
        data, where = read_worksheet(front[ws[0]:ws[1]])
        for key, value in data.items():
            line = where.get(key) or where.get("langkah.0") or front[ws[0]].no
            b.put(("lembar_kerja", key), value, at(line), 0.9)
        front = front[:ws[0]] + front[ws[1]:]
    title_idx = _title_paragraph(front)
    judul = None
    if title_idx is not None:
        para = [ln for ln in front[title_idx:] if not ln.blank]
        kept = [ln for ln in para if not re.match(r"^(?:[IVX]+\.\s|LEMBAR KERJA FLOWCHART$)", ln.text)]
        judul = kept[-1] if kept else None
        front = front[:title_idx]
    sections = scan_sections(front)
    if header is None and ocr is None and not sections.identity and not sections.boxes:
        b.add(imp_diagnostic("IMP002", Teks("tidak ada identitas SOP maupun tabel kegiatan",
                                            "neither an SOP identity nor a step table was found"),
                             origin=at(1)))
        return _failed(b)
    _identity(b, front, lines, sections, at)
    _boxes(b, sections, at)
    if judul is not None:
        b.put(("judul_flowchart",), judul.text, at(judul.no), 0.8)
    if header is not None:
        _table(b, lines, header, file)
    else:
        _ocr(b, ocr, at)
    if any(ln.had_markup for ln in lines):
        first = next(ln for ln in lines if ln.had_markup)
        b.add(imp_diagnostic("IMP013", Teks("tag HTML / tanda markdown dibuang", "HTML tags / markdown marks removed"),
                             origin=at(first.no)))
    for no, variant in sections.variants:
        b.add(
            imp_diagnostic(
                "IMP010",
                Teks(f"label varian {variant!r} dikenali", f"label variant {variant!r} recognised"),
                origin=at(no),
            )
        )
    return b.finish()


def _title_paragraph(front: list[Line]) -> int | None:
    """Index where the title paragraph just above the table starts, if it holds a title line."""
    i = len(front) - 1
    while i >= 0 and front[i].blank:
        i -= 1
    end = i
    while i >= 0 and not front[i].blank:
        i -= 1
    para = front[i + 1 : end + 1]
    if para and any(is_title(ln.text) or ln.text.isupper() for ln in para) and not any(ln.tabbed for ln in para):
        return i + 1
    return None


def _identity(
    b: ImportBuilder, front: list[Line], lines: list[Line], sections: Sections, at: Callable[[int], Origin]
) -> None:
    kop = find_kop(front)
    if kop.instansi:
        b.put(("identitas", "instansi"), [t for _, t in kop.instansi], at(kop.instansi[0][0]), 0.8)
    if kop.unit:
        b.put(("identitas", "unit"), kop.unit[1], at(kop.unit[0]), 0.7)
    if kop.alamat:
        b.put(("identitas", "alamat"), kop.alamat[1], at(kop.alamat[0]), 0.8)
    ident = sections.identity
    for name in ("nomor", "nama"):
        if name in ident and ident[name][1] not in ("-", ""):
            b.put(("identitas", name), ident[name][1], at(ident[name][0]), 0.95)
    if "nama" not in ident:
        heading = nama_from_heading(front)
        if heading:
            b.put(("identitas", "nama"), heading[1], at(heading[0]), 0.6, "judul dokumen")
    for name in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"):
        if name in ident:
            b.put_tanggal(("identitas", name), ident[name][1], at(ident[name][0]))
    signer = parse_signer_inline(ident["disahkan_oleh"][1]) if "disahkan_oleh" in ident else Signer()
    line = ident["disahkan_oleh"][0] if "disahkan_oleh" in ident else None
    if not signer.nip:
        block = find_signature_block(lines)
        if block:
            found = parse_signer_block(block)
            signer = Signer(signer.jabatan or found.jabatan, found.nama, found.nip, found.pangkat)
            line = line or found.line
    parts = {k: v for k, v in vars(signer).items() if k != "line" and v}
    if parts and line:
        b.put(("identitas", "disahkan_oleh"), parts, at(line), 0.8)
    for no, name in sections.missing_values:
        if name not in ident and not (name == "disahkan_oleh" and parts):
            b.add(
                imp_diagnostic(
                    "IMP011",
                    Teks(f"label {name} tanpa nilai", f"label {name} has no value"),
                    path=("identitas", name),
                    origin=at(no),
                )
            )


def _boxes(b: ImportBuilder, sections: Sections, at: Callable[[int], Origin]) -> None:
    for name in BOX_KEYS:
        items = sections.boxes.get(name)
        if items:
            b.put((name,), box_texts(items), at(items[0][0]), 0.85)
        elif items is not None:  # the heading is there, the box is empty: [] (null is a missing box)
            b.put((name,), [], Origin(file=b.file), 0.85)
        else:
            b.add(
                imp_diagnostic(
                    "IMP012",
                    Teks(f"kotak {name} tidak ditemukan", f"box {name} not found"),
                    path=(name,),
                    origin=Origin(file=b.file),
                )
            )


def _table(b: ImportBuilder, lines: list[Line], header: int, file: str) -> None:
    table = read_table(lines, header, file)
    steps, actors = list(table.steps), list(table.actors)
    nxt = find_header(lines, table.end)
    while nxt is not None:
        more = read_table(lines, nxt, file)
        b.add(
            imp_diagnostic(
                "IMP028",
                Teks("tabel kegiatan kedua digabung", "a second step table was merged"),
                origin=Origin(file=file, line=lines[nxt].no, column=1),
            )
        )
        steps.extend(more.steps)
        nxt = find_header(lines, more.end)
    for no in table.repeated_headers:
        b.add(
            imp_diagnostic(
                "IMP021",
                Teks("baris judul tabel berulang digabung", "repeated table header merged"),
                origin=Origin(file=file, line=no, column=1),
            )
        )
    if table.satuan:
        b.put(("satuan_waktu",), table.satuan, Origin(file=file, line=lines[header].no), 0.9)
    steps_to_kegiatan(b, actors, steps)
    _periode(b, [s.uraian for s in steps], Origin(file=file, line=lines[header].no))


def _periode(b: ImportBuilder, texts: list[str], origin: Origin) -> None:
    words = {"bulanan": "bulanan", "triwulan": "triwulan", "semester": "semester", "tahunan": "tahunan"}
    for text in texts:
        m = re.search(r"\b(bulanan|triwulan|semester|tahunan)\b", text, re.IGNORECASE)
        if m:
            b.put(("periode",), words[m.group(1).lower()], origin, 0.5, "ditebak dari uraian kegiatan")
            return


def _ocr(b: ImportBuilder, ocr: OcrTable | None, at: Callable[[int], Origin]) -> None:
    if ocr is None:
        b.add(imp_diagnostic("IMP020", Teks("tabel kegiatan tidak ditemukan", "no step table found"), origin=at(1)))
        return
    if ocr.satuan:
        b.put(("satuan_waktu",), ocr.satuan, at(ocr.line), 0.8)
    steps_to_kegiatan(b, list(ocr.actors), ocr.steps, confidence=0.4)
    b.add(
        imp_diagnostic(
            "IMP030",
            Teks(
                "tabel kegiatan dari teks OCR tanpa kolom; pelaksana dan simbol tidak terbaca"
                " — perlu pemeriksaan manual",
                "step table from OCR text without columns; actors and symbols unreadable — needs manual review",
            ),
            origin=at(ocr.line),
        )
    )
