"""The engine behind the editor: source text → model and findings, the SVG preview, PDF and DOCX.

Every path goes through the same functions as the CLI (source reader, checker, layout, painters),
so the web shows exactly what ``sopdoc check`` and ``sopdoc render`` would.

Reading, checking and the preview's SVG are pure functions of the source text, so each is kept for
the last :data:`CACHE_SIZE` sources per process (content-addressed: never stale): a saved version is
read, checked and drawn once, not on every GET of its editor or page, and a preview of a form that
did not change (htmx sends one on ``input`` and again on ``change``) costs nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from sopdoc.errors import SopdocError
from sopdoc.layout.document import layout_sop
from sopdoc.model.diagnostic import Diagnostic, Severity, Teks, format_path
from sopdoc.model.sop import Sop
from sopdoc.render.docx import docx_bytes
from sopdoc.render.pdf import render_pdf
from sopdoc.render.svg import render_svg
from sopdoc.source.reader import LoadResult, load_sop_text
from sopdoc.source.writer import sop_to_yaml
from sopdoc.validate.engine import check_loaded


@dataclass(frozen=True)
class Checked:
    """One source text read and checked: the model (None when unreadable) and every finding."""

    source: str
    sop: Sop | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)


CACHE_SIZE = 32  # sources whose reading, findings and preview are kept (a 40-step SOP: ~0.3 MB each)


@lru_cache(maxsize=CACHE_SIZE)
def read(source: str) -> LoadResult:
    """Read ``source`` (canonical YAML) with the source reader, without checking it (shared: never
    change the result)."""
    return load_sop_text(source, "sop.yaml")


def check_read(source: str, result: LoadResult) -> Checked:
    """The checker's findings for ``source`` already read into ``result``."""
    if result is read(source):
        return check_source(source)
    return Checked(source, result.sop, check_loaded(result))


@lru_cache(maxsize=CACHE_SIZE)
def check_source(source: str) -> Checked:
    """Read and check ``source`` exactly as ``sopdoc check`` does."""
    result = read(source)
    return Checked(source, result.sop, check_loaded(result))


@lru_cache(maxsize=CACHE_SIZE)
def canonical(source: str) -> str:
    """The canonical YAML of ``source`` when it can be read (as ``sopdoc import`` writes it), else ``source``."""
    sop = read(source).sop
    return sop_to_yaml(sop) if sop is not None else source


_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when PyYAML has it: the same text, faster


def dump(data: dict[str, Any]) -> str:
    """The editor's data as YAML text (key order kept, Unicode as is)."""
    return str(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000))


def digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def finding_rows(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> list[dict[str, Any]]:
    """Findings as plain JSON rows (stored with a version, shown beside the fields)."""
    return [{"code": d.code, "severity": d.severity.value, "path": format_path(d.path),
             "path_parts": list(d.path), "id": d.message.id, "en": d.message.en} for d in diagnostics]


def preview_svg(sop: Sop) -> str:
    """The flowchart pages as inline SVG (the SVG painter escapes every text)."""
    return render_svg(layout_sop(sop))


def preview_of(checked: Checked) -> tuple[str, Teks | None]:
    """:func:`preview_or_reason` of a checked source, kept per source text."""
    return _preview(checked.source) if checked.sop is read(checked.source).sop else preview_or_reason(checked.sop)


@lru_cache(maxsize=CACHE_SIZE)
def _preview(source: str) -> tuple[str, Teks | None]:
    return preview_or_reason(read(source).sop)


def preview_or_reason(sop: Sop | None) -> tuple[str, Teks | None]:
    """The SVG, or why there is none (an unreadable source, a flowchart over the layout limit)."""
    if sop is None:
        return "", Teks("Pratinjau tidak tersedia: sumber belum dapat dibaca (lihat temuan).",
                        "No preview: the source cannot be read yet (see the findings).")
    if not sop.kegiatan:
        return "", Teks("Belum ada langkah kegiatan.", "No steps yet.")
    try:
        return preview_svg(sop), None
    except SopdocError as exc:
        return "", exc.teks


def pdf_of(sop: Sop) -> bytes:
    return render_pdf(sop, layout_sop(sop), canonical=sop_to_yaml(sop))


def docx_of(sop: Sop) -> bytes:
    return docx_bytes(sop)
