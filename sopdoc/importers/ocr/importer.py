"""Scanned pages (and pictures of flowcharts) of a PDF read through OCR into an import.

Called by the PDF importer for the pages it cannot read as text. Each page is rendered with
pypdfium2, read by :func:`sopdoc.importers.ocr.page.read_page_image`, and every field that came
from OCR gets the OCR confidence of its cell (text) or of its row's symbols (actor, symbol).
Fields below :data:`UNSURE` are flagged IMP030 with their page and box, never silently trusted.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sopdoc.batch import default_workers, run_batch
from sopdoc.importers.codes import imp_diagnostic
from sopdoc.importers.grid.flow_table import PdfFlowTable
from sopdoc.importers.grid.geometry import BBox
from sopdoc.importers.ocr.engine import LANG, tesseract
from sopdoc.importers.ocr.image import render_page
from sopdoc.importers.ocr.page import PageRead, read_page_image
from sopdoc.importers.ocr.pictures import text_layer_words
from sopdoc.importers.ocr.plausible import unknown_words
from sopdoc.importers.report import FieldSource, ImportBuilder
from sopdoc.model.diagnostic import Origin, Teks

__all__ = ["IMPLAUSIBLE", "OCR_TIME_BUDGET", "QUICK_DPI", "UNSURE", "ImagePart", "flag_unsure", "quick_page_text",
           "quick_texts", "read_image_pages"]

UNSURE = 0.6
"""OCR confidence (0–1) below which a field is flagged for manual review (IMP030)."""
IMPLAUSIBLE = 0.5
"""The confidence of an OCR field holding a word a person would not have written, whatever
Tesseract's own confidence (below :data:`UNSURE`: flagged)."""
QUICK_DPI = 120
"""Resolution of the quick reading that finds the identity pages of a scanned bundle."""
OCR_TIME_BUDGET = 90.0
"""Seconds of OCR per file, checked between pages (a scanned page takes 1–5 s)."""


@dataclass(frozen=True)
class ImagePart:
    """What to read through the image pipeline: a page (1-based), or only the box of it a picture
    covers (page points) at ``scale``; its tables numbered from ``first_table``; with ``chars`` the
    grid and symbols come from the image and the text from the text layer."""

    page: int
    box: BBox | None = None
    scale: float | None = None
    first_table: int = 1
    chars: tuple[dict[str, Any], ...] | None = None
    """The page's text-layer characters: their words are the text, OCR does not run."""


def read_image_pages(file: str, pages: Sequence[int | ImagePart], b: ImportBuilder,
                     flows: list[PdfFlowTable], identity_done: bool, *, source: str | None = None,
                     first: int = 0) -> tuple[bool, list[PageRead]]:
    """OCR ``pages`` (1-based, or parts of pages) of ``file``: identity into ``b``, flowchart tables
    appended to ``flows`` (kept in page order). Returns whether the identity is read, and what each
    page gave. ``source`` is the file to open when ``file`` names a part of it (a bundle's SOP,
    ``x.pdf#halaman=3-4``), whose page 1 is page ``first + 1`` of ``source``.

    Pages are read side by side on every core (``sopdoc.batch.run_batch``) unless this process is
    itself a worker (a folder imported on every core already); each page reads its identity into a
    builder of its own, and the first page in page order that has one gives it, as when they are
    read one after the other."""
    import pypdfium2 as pdfium

    reads: list[PageRead] = []
    started = time.monotonic()
    path = source or file
    try:
        pdfium.PdfDocument(path).close()
    except Exception as exc:  # the PDF importer opened it already; pdfium may still refuse it
        b.add(imp_diagnostic("IMP003", Teks(f"halaman pindai tidak dapat digambar ({type(exc).__name__})",
                                            f"the scanned pages cannot be rendered ({type(exc).__name__})"),
                             origin=Origin(file=file)))
        return identity_done, reads
    parts = [p if isinstance(p, ImagePart) else ImagePart(p) for p in pages]
    jobs = [_Job(path, first + part.page - 1, part, file, b.format) for part in parts]
    workers = 1 if multiprocessing.parent_process() is not None else min(default_workers(), len(jobs))
    results = run_batch(_read_one, jobs, workers=workers, min_parallel=2)
    try:
        for k, (job, (got, page_b, error)) in enumerate(results):
            part, pno = job.part, job.part.page
            if time.monotonic() - started > OCR_TIME_BUDGET:
                b.add(imp_diagnostic("IMP032", Teks(
                    f"waktu OCR habis ({OCR_TIME_BUDGET:.0f} detik); {len(pages) - k} halaman pindai tidak dibaca",
                    f"OCR time is up ({OCR_TIME_BUDGET:.0f} seconds); {len(pages) - k} scanned pages were not read"),
                    origin=Origin(file=file, page=pno)))
                break
            if got is None or page_b is None:  # Tesseract timeout or a bitmap OpenCV cannot take: say so
                b.add(imp_diagnostic("IMP029", Teks(f"halaman pindai tidak terbaca oleh OCR ({error})",
                                                    f"the scanned page cannot be read by OCR ({error})"),
                                     origin=Origin(file=file, page=pno)))
                continue
            if not identity_done:  # what reading this page for the identity gave, as read in order
                _take(b, page_b)
            identity_done = identity_done or got.identity
            flows.extend(got.flows)
            reads.append(got)
            if part.chars is None:
                said = Teks("halaman dibaca dengan OCR", "page read with OCR") if part.box is None else Teks(
                    "gambar bagan alir dibaca dengan OCR", "flowchart picture read with OCR")
                b.add(imp_diagnostic("IMP051", said, origin=Origin(file=file, page=pno)))
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()
    flows.sort(key=lambda f: (f.page, f.index))
    return identity_done, reads


@dataclass(frozen=True)
class _Job:
    """One page (or picture) to read: the file to open, its 0-based page there, the part, the
    name findings give the file, the builder's format."""

    path: str
    index: int
    part: ImagePart
    file: str
    fmt: str


def _read_one(job: _Job) -> tuple[PageRead | None, ImportBuilder | None, str | None]:
    """Read one page through the image pipeline (in a worker process, or here): what it gave and
    the builder its identity went into; or the name of the error that lost it."""
    import cv2
    import pypdfium2 as pdfium

    cv2.setNumThreads(1)  # pages run side by side; and OpenCV's thread pool does not survive a fork
    part = job.part
    b = ImportBuilder(job.file, job.fmt)
    try:
        pdf = pdfium.PdfDocument(job.path)
        try:
            img = render_page(pdf, job.index, part.box, part.scale)
        finally:
            pdf.close()
        words = None if part.chars is None else text_layer_words(list(part.chars), img.scale)
        got = read_page_image(img, part.page, b, want_identity=True, first_table=part.first_table, words=words)
    except Exception as exc:
        return None, None, type(exc).__name__
    return got, b, None


def _take(b: ImportBuilder, page_b: ImportBuilder) -> None:
    """Everything a page's own builder holds (its identity, boxes, findings) into ``b``."""
    for key, value in page_b.data.items():
        if key != "sopdoc":
            b.data[key] = value
    b.sources.update(page_b.sources)
    b.places.update(page_b.places)
    b.diagnostics.extend(page_b.diagnostics)


def quick_page_text(pdf: Any, index: int) -> str:
    """The text of page ``index`` of an open pypdfium2 document read quickly (at :data:`QUICK_DPI`,
    no grid): enough to find the labels of an identity page in a scanned bundle."""
    pytesseract = tesseract()
    img = render_page(pdf, index, scale=QUICK_DPI / 72)
    return str(pytesseract.image_to_string(img.grey, lang=LANG, config="--psm 3", timeout=30))


def quick_texts(path: str, pages: int) -> list[str]:
    """:func:`quick_page_text` of the first ``pages`` pages of the PDF at ``path``, side by side on
    every core (unless this process is itself a worker); "" for a page that cannot be read."""
    workers = 1 if multiprocessing.parent_process() is not None else min(default_workers(), pages)
    return [text for _job, text in run_batch(_quick_one, [(path, i) for i in range(pages)], workers=workers,
                                             min_parallel=2)]


def _quick_one(job: tuple[str, int]) -> str:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(job[0])
        try:
            return quick_page_text(pdf, job[1])
        finally:
            pdf.close()
    except Exception:  # a page Tesseract or pdfium cannot take: no identity labels found on it
        return ""


def flag_unsure(b: ImportBuilder, reads: list[PageRead]) -> None:
    """Give every OCR field its OCR confidence and flag the unsure ones (IMP030, page and box):
    below :data:`UNSURE`, or holding a word a person would not have written
    (:func:`sopdoc.importers.ocr.plausible.unknown_words`; for step text the document's actor
    names count as known words, an actor name itself must be known on its own)."""
    cells = {k: v for r in reads for k, v in r.cell_conf.items()}
    rows = {k: v for r in reads for k, v in r.row_conf.items()}
    boxes = {k: v for r in reads for k, v in r.boxes.items()}
    ocr_cells = {k for r in reads if r.ocr_text for k in r.cell_conf}
    ocr_rows = {k for r in reads if r.ocr_text for k in r.row_conf}
    actors = [str(a) for a in b.data.get("pelaksana") or ()]
    for path, src in list(b.sources.items()):
        o = src.origin
        if o.page is None or o.table is None or o.row is None:
            continue
        odd: list[str] = []
        if o.cell is not None:
            key = (o.page, o.table, o.row, o.cell)
            if key not in cells:
                continue
            conf = cells[key]
            what = Teks("teks hasil OCR kurang yakin", "OCR text is uncertain")
            if key in ocr_cells:
                odd = unknown_words(_text(_value(b.data, path)), actors)
        elif len(path) > 2 and path[-1] in ("pelaksana", "simbol") and (o.page, o.table, o.row) in rows:
            conf = rows[(o.page, o.table, o.row)]
            what = Teks("simbol/pelaksana hasil OCR kurang yakin", "OCR symbol/actor is uncertain")
            if path[-1] == "pelaksana" and (o.page, o.table, o.row) in ocr_rows:
                odd = _odd_actor(_value(b.data, path), actors)
        else:
            continue
        conf = min(conf, src.confidence)
        if odd:
            conf = min(conf, IMPLAUSIBLE)
        b.sources[path] = FieldSource(src.path, o, round(conf, 2), "ocr")
        if conf < UNSURE:
            box = boxes.get((o.page, o.table, o.row, o.cell or 0))
            where = f" (kotak {box[0]:.0f},{box[1]:.0f}–{box[2]:.0f},{box[3]:.0f} pt)" if box else ""
            where_en = f" (box {box[0]:.0f},{box[1]:.0f}–{box[2]:.0f},{box[3]:.0f} pt)" if box else ""
            if odd:
                shown = ", ".join(f"'{w}'" for w in odd[:3]) + (" …" if len(odd) > 3 else "")
                what = Teks(f"hasil OCR memuat kata yang tidak dikenal ({shown})",
                            f"the OCR result holds words that are not known ({shown})")
            b.add(imp_diagnostic("IMP030", Teks(f"{what.id}, keyakinan {conf:.2f}{where}",
                                                f"{what.en}, confidence {conf:.2f}{where_en}"),
                                 path=path, origin=o))


def _value(data: Any, path: tuple[Any, ...]) -> Any:
    """The value at ``path`` of the builder's data (None when absent)."""
    node = data
    for part in path:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return None
    return node


def _text(value: Any) -> str:
    """A field's value as text (a list's items joined)."""
    if isinstance(value, (list, tuple)):
        return " ".join(_text(v) for v in value)
    return "" if value is None or isinstance(value, (dict, bool)) else str(value)


def _odd_actor(value: Any, actors: list[str]) -> list[str]:
    """What is wrong with an actor read by OCR: a name that is no header column's, or a header
    holding words a person would not have written (a misread header makes every step under it
    confidently wrong)."""
    names = [value] if isinstance(value, str) else [str(v) for v in value or ()]
    odd = [n for n in names if n not in actors]
    return odd + [w for n in names if n in actors for w in unknown_words(n, name=True)]
