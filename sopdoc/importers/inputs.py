"""Which files are SOP sources and which are documents to import, found on disk by name alone.

Apart from :mod:`sopdoc.importers.dispatch`, which loads every importer, so that ``sopdoc check``
of ``*.sop.yaml`` files loads none of them (whole-process start-up of ``check``).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["IMPORT_SUFFIXES", "REPORT_SUFFIX", "SOURCE_SUFFIXES", "expand_inputs", "import_stem", "needs_import"]

SOURCE_SUFFIXES = (".sop.yaml", ".sop.yml")
IMPORT_SUFFIXES = (".txt", ".pdf", ".docx", ".xlsx")


def expand_inputs(paths: list[str]) -> list[Path]:
    """Files named on the command line, with directories expanded to their ``*.sop.yaml``, sorted."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = [f for f in p.rglob("*") if f.is_file() and f.name.lower().endswith(SOURCE_SUFFIXES)]
            out.extend(sorted(found))
        else:
            out.append(p)
    return out


# Reports `sopdoc import` writes next to its YAML: never read back as a text extraction.
REPORT_SUFFIX = ".import.txt"


def import_stem(name: str) -> str:
    """``name`` without its import suffix (``a.pdf`` → ``a``); other names lose their last suffix."""
    for suffix in IMPORT_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return Path(name).stem


def needs_import(path: str | Path) -> bool:
    """True when ``path`` is a document to import (``.txt``, ``.pdf``, ``.docx``, ``.xlsx``), not a source."""
    return Path(path).suffix.lower() in IMPORT_SUFFIXES
