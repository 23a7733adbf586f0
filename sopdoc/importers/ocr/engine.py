"""Whether OCR can run here, and the one finding for a scan-only document when it cannot.

OCR needs the Tesseract program with its Indonesian model (Debian packages ``tesseract-ocr`` and
``tesseract-ocr-ind``) and the Python packages ``pytesseract`` and ``opencv-python-headless``
(dependencies of sopdoc). The check runs once per process.
"""

from __future__ import annotations

import functools
import os
import shutil
from typing import Any

from sopdoc.importers.codes import imp_diagnostic
from sopdoc.model.diagnostic import Diagnostic, Origin, Teks

__all__ = ["LANG", "THREADS", "missing_ocr", "ocr_available", "picture_needs_ocr", "scan_only_finding", "tesseract"]

LANG = "ind"
"""The Tesseract model used: Indonesian (its Latin alphabet also reads English words)."""
THREADS = "1"
"""OpenMP threads of one Tesseract run (``OMP_THREAD_LIMIT``, unless the environment sets it): its
threads spin while they wait, so on a busy machine one thread does the same page for a quarter of
the CPU time (measured: 1.0 s instead of 4.7 s for a scanned A4 page); pages run side by side
instead (``sopdoc.importers.ocr.importer``)."""


def tesseract() -> Any:
    """The ``pytesseract`` module, with Tesseract's runs limited to :data:`THREADS` threads."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", THREADS)
    return pytesseract


@functools.lru_cache(maxsize=1)
def missing_ocr() -> Teks | None:
    """What is missing for OCR (None when everything is there)."""
    try:
        import cv2  # noqa: F401
        import pytesseract
    except ImportError as exc:  # pragma: no cover - both are dependencies of sopdoc
        return Teks(f"paket Python {exc.name}", f"the Python package {exc.name}")
    program = Teks("program tesseract", "the tesseract program")
    if shutil.which("tesseract") is None:
        return program
    try:
        langs = pytesseract.get_languages(config="")
    except Exception:
        return program
    if LANG not in langs:
        return Teks(f"model bahasa '{LANG}' tesseract", f"the tesseract language model '{LANG}'")
    return None


def ocr_available() -> bool:
    """True when Tesseract, its Indonesian model and the Python bindings are all present."""
    return missing_ocr() is None


def scan_only_finding(file: str) -> Diagnostic:
    """The finding for a document whose every page is a scan: OCR is missing (IMP050), or OCR
    ran and found no SOP (IMP002)."""
    missing = missing_ocr()
    if missing is not None:
        return imp_diagnostic("IMP050", Teks(
            f"semua halaman hasil pindai dan perlu OCR, tetapi OCR tidak tersedia ({missing.id} tidak ada)",
            f"every page is scanned and needs OCR, but OCR is not available ({missing.en} is missing)"),
            origin=Origin(file=file))
    return imp_diagnostic("IMP002", Teks(
        "semua halaman hasil pindai; OCR tidak menemukan identitas SOP maupun tabel kegiatan",
        "every page is scanned; OCR found neither an SOP identity nor a step table"),
        origin=Origin(file=file))


def picture_needs_ocr(file: str, page: int) -> Diagnostic:
    """The finding for a flowchart picture in a born-digital page that cannot be read because OCR
    is missing (IMP050): its steps are lost, and said so."""
    missing = missing_ocr() or Teks("OCR", "OCR")
    return imp_diagnostic("IMP050", Teks(
        f"bagan alir berupa gambar perlu OCR, tetapi OCR tidak tersedia ({missing.id} tidak ada); "
        "kegiatannya tidak dibaca",
        f"the flowchart is a picture and needs OCR, but OCR is not available ({missing.en} is missing); "
        "its steps were not read"), origin=Origin(file=file, page=page))
