"""Bundles: one PDF holding several SOPs (an identity page, then flowchart pages, for each).

A page that shows the identity labels (``Nama SOP``/``Judul SOP`` with ``Nomor SOP`` or ``Disahkan
oleh``, in their ``grid/vocab.py`` variants) and box titles
starts an SOP; a worksheet page (``LEMBAR KERJA …``) directly before one belongs to it. With two or
more starts the file is a bundle and each part is imported on its own page range; the file name
in its findings says which pages (``x.pdf#halaman=3-4``). A scan-only file of four pages or more
is first read quickly through OCR (no grid, 120 dpi) for its identity pages.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from sopdoc.importers.codes import imp_diagnostic
from sopdoc.importers.grid.vocab import BOX_LABELS, IDENTITY_LABELS
from sopdoc.importers.ocr.engine import ocr_available
from sopdoc.importers.ocr.importer import quick_texts
from sopdoc.importers.pdf.importer import MAX_PDF_BYTES, import_pdf_parts
from sopdoc.importers.pdf.streams import StreamTooLarge, check_streams
from sopdoc.importers.report import ImportResult
from sopdoc.layout.worksheet import WORKSHEET_TITLE
from sopdoc.model.diagnostic import Diagnostic, Origin, Teks

__all__ = ["MAX_BUNDLE_PAGES", "MIN_SCANNED_BUNDLE", "bundle_parts", "import_bundle", "is_identity_page",
           "sop_file_stem"]

MAX_BUNDLE_PAGES = 300
"""Pages looked at for SOP starts; a longer file is read as one document (and capped there)."""
MIN_SCANNED_BUNDLE = 4
"""A scan-only file of this many pages or more is read quickly through OCR to find SOP starts
(two SOPs need at least an identity and a flowchart page each)."""

_LABEL = dict(IDENTITY_LABELS)
_NAMA = re.compile(_LABEL["nama"], re.IGNORECASE)
_OTHER = re.compile(f"{_LABEL['nomor']}|{_LABEL['disahkan_oleh']}", re.IGNORECASE)
_BOXES = tuple(re.compile(pattern, re.IGNORECASE) for _key, pattern in BOX_LABELS)


def is_identity_page(text: str) -> bool:
    """The page shows an SOP's identity: the Nama SOP label, the Nomor or Disahkan label, and at least
    two of the six box titles (flowchart pages that repeat the identity header have no boxes)."""
    return bool(_NAMA.search(text) and _OTHER.search(text)) and sum(bool(b.search(text)) for b in _BOXES) >= 2


def _page_texts(path: Path) -> list[str] | None:
    """The text of each page (pdfium), or None when the file cannot be read, is too long, or is
    refused by the PDF importer's own checks (size, decompression bombs: it reports those)."""
    import pypdfium2 as pdfium

    try:
        if path.stat().st_size > MAX_PDF_BYTES:
            return None
        check_streams(path.read_bytes())
    except (OSError, StreamTooLarge):
        return None
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception:
        return None
    try:
        if len(pdf) > MAX_BUNDLE_PAGES:
            return None
        texts = []
        for page in pdf:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        if len(texts) >= MIN_SCANNED_BUNDLE and not any(t.strip() for t in texts) and ocr_available():
            texts = quick_texts(str(path), len(texts))  # a scanned bundle: read quickly, pages side by side
        return texts
    except Exception:
        return None
    finally:
        pdf.close()


def bundle_parts(texts: list[str]) -> list[range]:
    """The page ranges (0-based) of the SOPs in a file whose pages hold ``texts``; one range for
    the whole file when it holds fewer than two identity pages."""
    starts: list[int] = []
    for i, text in enumerate(texts):
        if is_identity_page(text):
            first = i - 1 if i > 0 and WORKSHEET_TITLE in texts[i - 1] and (not starts or starts[-1] < i - 1) else i
            starts.append(first)
    if len(starts) < 2:
        return [range(len(texts))]
    starts[0] = 0  # a cover page before the first SOP stays with it
    return [range(a, b) for a, b in zip(starts, [*starts[1:], len(texts)], strict=True)]


def import_bundle(path: Path) -> list[ImportResult] | None:
    """One import per SOP of a bundle PDF; None when ``path`` is not a bundle (one SOP or unreadable)."""
    texts = _page_texts(path)
    if texts is None:
        return None
    parts = bundle_parts(texts)
    if len(parts) < 2:
        return None
    out = []
    for k, part in enumerate(parts, start=1):
        for result in import_pdf_parts(path, pages=part):  # several flowcharts: one SOP each
            note = imp_diagnostic("IMP017", Teks(
                f"bagian {k} dari {len(parts)} SOP dalam satu berkas: halaman {part.start + 1}–{part.stop}",
                f"part {k} of {len(parts)} SOPs in one file: pages {part.start + 1}–{part.stop}"),
                origin=Origin(file=result.load.file))
            out.append(_with(result, note))
    return out


def _with(result: ImportResult, note: Diagnostic) -> ImportResult:
    diags = tuple(sorted((*result.load.diagnostics, note), key=Diagnostic.sort_key))
    return ImportResult(replace(result.load, diagnostics=diags), replace(result.report, diagnostics=diags))


def sop_file_stem(nama: str | None, fallback: str) -> str:
    """A file name stem from a Nama SOP: lower case ASCII words joined by '-', at most 80 characters;
    ``fallback`` when nothing is left."""
    if not nama:
        return fallback
    ascii_ = unicodedata.normalize("NFKD", nama).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_.lower())
    stem = "-".join(words)[:80].strip("-")
    return stem or fallback
