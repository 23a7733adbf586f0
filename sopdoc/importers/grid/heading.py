"""The kop, the signing official and the title lines of a text extraction.

Pure helpers over cleaned lines: which lines form the kop (instansi, unit, address), how a
signature block splits into jabatan / nama / pangkat / NIP, and which lines are titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sopdoc.importers.grid.clean import Line

__all__ = [
    "Kop",
    "Signer",
    "find_kop",
    "find_signature_block",
    "is_title",
    "nama_from_heading",
    "parse_signer_block",
    "parse_signer_inline",
]

_KOP = re.compile(r"^(?:PEMERINTAH|DINAS|BADAN|SEKRETARIAT|KANTOR|INSPEKTORAT|KABUPATEN|KOTA|PROVINSI|"
                  r"KECAMATAN|KELURAHAN|RUMAH SAKIT|RSUD|SATUAN|KEMENTERIAN|LEMBAGA)\b")
_UNIT = re.compile(r"^(?:SUBSTANSI|BAGIAN|BIDANG|SUB ?BAGIAN|SEKSI|KEPALA SUB|UPT|UPTD|SUBBID)\b")
_ADDRESS = re.compile(r"^(?:Jl|Jln|Jalan)\b\.?", re.IGNORECASE)
_TITLE = re.compile(r"^(?:[IVX]+\.\s|LEMBAR KERJA FLOWCHART|SOP\b|STANDAR OP)")
_HEADING = re.compile(r"standar\s+op\w*\s+prosedur\s*\(sop\)\s*(.*)$", re.IGNORECASE)
_NIP = re.compile(r"\bNIP\.?\s*:?\s*([\d][\d .]{7,}\d)", re.IGNORECASE)
_PANGKAT = re.compile(r"\((?:I{1,3}|IV)\s*/\s*[a-e]\)", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^[\w .]+,\s*(?:\d{1,2}\s+)?[A-Za-z]+\s+\d{4}$")


@dataclass
class Kop:
    """The letterhead: instansi lines, unit, address, and the line numbers used."""

    instansi: list[tuple[int, str]]
    unit: tuple[int, str] | None
    alamat: tuple[int, str] | None


@dataclass
class Signer:
    """The signing official as read; any part may be missing."""

    jabatan: str | None = None
    nama: str | None = None
    nip: str | None = None
    pangkat: str | None = None
    line: int | None = None


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.9


def is_title(text: str) -> bool:
    """A heading line (``SOP …`` in capitals, ``II. DOKUMEN DASAR SOP``, ``Standar … (SOP)``)."""
    t = text.strip()
    return bool((_TITLE.match(t) and _upper(t)) or re.match(r"^[IVX]+\.\s", t) or _HEADING.search(t))


def find_kop(lines: list[Line]) -> Kop:
    """The kop: the first group of capitalised agency lines, the unit line and the address."""
    kop = Kop([], None, None)
    started = ended = False
    for line in lines:
        t = line.text
        if line.blank or line.tabbed:
            continue
        if _ADDRESS.match(t) and kop.alamat is None:
            kop.alamat = (line.no, t)
            if started:
                ended = True
            continue
        if _upper(t) and _UNIT.match(t):
            kop.unit = kop.unit or (line.no, t)
            started = True
            continue
        if _upper(t) and _KOP.match(t):
            if not ended:
                kop.instansi.append((line.no, t))
            started = True
            continue
        if started:
            ended = True
    return kop


def nama_from_heading(lines: list[Line]) -> tuple[int, str] | None:
    """The SOP name from a heading ``Standar Op… Prosedur (SOP) <nama>`` (rest of line or next line)."""
    for i, line in enumerate(lines):
        m = _HEADING.search(line.text)
        if not m or line.tabbed:
            continue
        if m.group(1).strip():
            return line.no, m.group(1).strip()
        for nxt in lines[i + 1:i + 3]:
            if not nxt.blank:
                return nxt.no, nxt.text
    return None


def parse_signer_inline(text: str) -> Signer:
    """``Kepala Dinas X, Ir. Nama NIP. 1965…`` → jabatan, nama, NIP."""
    signer = Signer()
    m = _NIP.search(text)
    if m:
        signer.nip = m.group(1).strip()
        text = text[:m.start()].strip()
    if "," in text:
        jab, nama = text.split(",", 1)
        signer.jabatan, signer.nama = jab.strip() or None, nama.strip() or None
    else:
        signer.jabatan = text.strip() or None
    return signer


def find_signature_block(lines: list[Line]) -> list[Line] | None:
    """The lines of a signature block ending in a NIP line (up to one blank gap above it)."""
    for i, line in enumerate(lines):
        if not _NIP.search(line.text) or line.tabbed:
            continue
        block = [line]
        gaps = 0
        for prev in reversed(lines[:i]):
            if prev.blank:
                gaps += 1
                if gaps > 1:
                    break
                continue
            if prev.tabbed or prev.text.startswith(":") or len(block) >= 6:
                break
            block.insert(0, prev)
        return block
    return None


def parse_signer_block(block: list[Line]) -> Signer:
    """Jabatan lines, name, pangkat and NIP from a signature block."""
    signer = Signer(line=block[0].no)
    texts = [ln.text for ln in block]
    m = _NIP.search(texts[-1])
    signer.nip = m.group(1).strip() if m else None
    rest = [t for t in texts[:-1] if not _PLACE_DATE.match(t)]
    if rest and _PANGKAT.search(rest[-1]):
        signer.pangkat = rest.pop()
    if rest:
        signer.nama = rest.pop()
    if rest:
        signer.jabatan = " ".join(rest)
    return signer
