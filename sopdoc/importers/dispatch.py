"""Find SOP sources on disk and read each with the reader its format needs."""

from __future__ import annotations

import os
from pathlib import Path

from sopdoc.importers.bundle import import_bundle
from sopdoc.importers.codes import imp_diagnostic
from sopdoc.importers.docx.importer import import_docx_file
from sopdoc.importers.inputs import (
    IMPORT_SUFFIXES,
    REPORT_SUFFIX,
    SOURCE_SUFFIXES,
    expand_inputs,
    import_stem,
    needs_import,
)
from sopdoc.importers.pdf.importer import import_pdf_file, import_pdf_parts
from sopdoc.importers.report import ImportBuilder, ImportResult
from sopdoc.importers.text.importer import import_text_file
from sopdoc.importers.xlsx.importer import import_xlsx_file
from sopdoc.model.diagnostic import Origin, Teks
from sopdoc.safe_path import UnsafeInputError, check_regular
from sopdoc.source.codes import reading_diagnostic
from sopdoc.source.reader import LoadResult, load_sop

__all__ = ["IMPORT_SUFFIXES", "SOURCE_SUFFIXES", "expand_imports", "expand_inputs", "import_source",
           "import_sources", "import_stem", "load_source"]

def expand_imports(paths: list[str]) -> list[tuple[str, str]]:
    """``(input, output stem)`` for every file to import: files as named (stem = file name without
    suffix), directories walked recursively (symlinked folders not followed) for importable files,
    sorted, each with its path relative to the directory as stem (``sub/a.pdf`` → ``sub/a``) so the
    outputs mirror the folder tree. Import reports (``*.import.txt``) are skipped."""
    out: list[tuple[str, str]] = []
    for raw in paths:
        root = Path(raw)
        if not root.is_dir():
            out.append((raw, import_stem(root.name)))
            continue
        found: list[tuple[str, str]] = []
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            for name in files:
                low = name.lower()
                if low.endswith(IMPORT_SUFFIXES) and not low.endswith(REPORT_SUFFIX):
                    path = Path(folder) / name
                    rel = path.relative_to(root)
                    found.append((str(path), (rel.parent / import_stem(name)).as_posix()))
        out.extend(sorted(found, key=lambda pair: pair[1]))
    return out


def load_source(path: Path) -> LoadResult:
    """Read one source; the format follows from the file name.

    ``*.txt``, ``*.pdf`` and ``*.docx`` are imported in memory (their diagnostics include the IMP findings
    and point at lines or page/table/row); everything else is read as ``*.sop.yaml``.
    """
    if needs_import(path):
        return import_source(path).load
    return load_sop(path)


def import_source(path: Path) -> ImportResult:
    """Import one document (``.txt``, ``.pdf``, ``.docx``) in memory."""
    suffix = Path(path).suffix.lower()
    refused = _refused(path, suffix)
    if refused is not None:
        return refused
    if suffix == ".docx":
        return import_docx_file(path)
    if suffix == ".pdf":
        return import_pdf_file(path)
    if suffix == ".txt":
        return import_text_file(path)
    if suffix == ".xlsx":
        return import_xlsx_file(path)
    builder = ImportBuilder(str(path), suffix.lstrip(".") or "?")
    builder.add(imp_diagnostic("IMP001", Teks(
        f"format {suffix or '(tanpa akhiran)'} belum dapat diimpor",
        f"format {suffix or '(no suffix)'} cannot be imported yet"), origin=Origin(file=str(path))))
    done = builder.finish()
    return ImportResult(LoadResult(done.load.file, None, done.load.diagnostics, done.load.source_map), done.report)


def import_sources(path: Path) -> list[ImportResult]:
    """Import one document that may hold several SOPs (a bundle PDF, or a PDF with several
    flowchart tables each numbered on its own): one result per SOP."""
    if Path(path).suffix.lower() == ".pdf" and _refused(path, ".pdf") is None:
        parts = import_bundle(Path(path))
        if parts is not None:
            return parts
        return import_pdf_parts(path)  # one SOP per flowchart table that numbers on its own
    return [import_source(path)]


def _refused(path: Path, suffix: str) -> ImportResult | None:
    """A failed import when ``path`` is a device, FIFO or socket (checked on the opened descriptor,
    never blocking); missing or unreadable files are left to each importer's own messages."""
    try:
        check_regular(path)
    except UnsafeInputError as exc:
        builder = ImportBuilder(str(path), suffix.lstrip(".") or "?")
        builder.add(
            reading_diagnostic(
                "SOP001",
                Teks(f"tidak dapat membaca berkas: {exc.reason.id}", f"cannot read the file: {exc.reason.en}"),
                origin=Origin(file=str(path)),
            )
        )
        done = builder.finish()
        return ImportResult(LoadResult(done.load.file, None, done.load.diagnostics, done.load.source_map), done.report)
    except OSError:
        return None
    return None
