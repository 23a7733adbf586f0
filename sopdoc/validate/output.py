"""Formatting findings for people (compiler-style text) and programs (JSON)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sopdoc.codes import Code
from sopdoc.model.diagnostic import HINT_LABEL, Diagnostic, Severity, format_path
from sopdoc.validate.file_report import FileReport
from sopdoc.validate.sarif import format_sarif as _sarif

__all__ = ["ExitPolicy", "FileReport", "format_json", "format_sarif", "format_text", "summary_counts_line",
           "summary_line"]


@dataclass(frozen=True)
class ExitPolicy:
    """Owns the exit code: 0 clean at the threshold, 1 findings at or above it."""

    fail_on: Severity = Severity.ERROR

    def exit_code(self, reports: Sequence[FileReport]) -> int:
        """0 or 1 for these reports."""
        worst = [d for r in reports for d in r.diagnostics if d.severity.rank >= self.fail_on.rank]
        return 1 if worst else 0


def _one(d: Diagnostic, file: str, lang: str) -> str:
    where = d.origin.format(lang) if d.origin else file
    path = format_path(d.path)
    at = f" ({path})" if path else ""
    line = f"{where}: {d.severity.label(lang)} {d.code} [{d.name}] {d.message.get(lang)}{at}"
    if d.hint:
        line += f"\n  {HINT_LABEL.get(lang)}: {d.hint.get(lang)}"
    return line


def summary_line(reports: Sequence[FileReport], lang: str = "id") -> str:
    """'3 galat, 5 peringatan dalam 2 berkas' / '3 errors, 5 warnings in 2 files'."""
    counts = {s: sum(1 for r in reports for d in r.diagnostics if d.severity is s) for s in Severity}
    return summary_counts_line(counts, len(reports), lang)


def summary_counts_line(counts: Mapping[Severity, int], n: int, lang: str = "id") -> str:
    """The summary line from counts per severity and the number of files."""
    if lang == "en":
        parts = [f"{counts[Severity.ERROR]} error{'s' if counts[Severity.ERROR] != 1 else ''}",
                 f"{counts[Severity.WARNING]} warning{'s' if counts[Severity.WARNING] != 1 else ''}"]
        if counts[Severity.INFO]:
            parts.append(f"{counts[Severity.INFO]} info")
        return f"{', '.join(parts)} in {n} file{'s' if n != 1 else ''}"
    parts = [f"{counts[Severity.ERROR]} galat", f"{counts[Severity.WARNING]} peringatan"]
    if counts[Severity.INFO]:
        parts.append(f"{counts[Severity.INFO]} info")
    return f"{', '.join(parts)} dalam {n} berkas"


def format_text(reports: Sequence[FileReport], lang: str = "id") -> str:
    """Compiler-style lines, a ``saran:``/``hint:`` line per finding, and a closing summary."""
    lines = [_one(d, r.file, lang) for r in reports for d in r.diagnostics]
    lines.append(summary_line(reports, lang))
    return "\n".join(lines) + "\n"


def format_json(reports: Sequence[FileReport], lang: str = "id") -> str:
    """A JSON document: one entry per file with its findings, plus totals."""
    counts = {s.value: sum(1 for r in reports for d in r.diagnostics if d.severity is s) for s in Severity}
    doc = {
        "files": [{"file": r.file, "diagnostics": [d.to_dict(lang) for d in r.diagnostics]} for r in reports],
        "summary": {**counts, "files": len(reports)},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def format_sarif(reports: Sequence[FileReport], lang: str = "id", codes: Sequence[Code] | None = None) -> str:
    """SARIF 2.1.0 (see :mod:`sopdoc.validate.sarif`) listing ``codes`` (default: those registered)."""
    return _sarif(reports, lang, codes)
