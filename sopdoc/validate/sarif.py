"""SARIF 2.1.0 output, as code-scanning tools read it (GitHub, VS Code SARIF viewer)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from sopdoc import __version__
from sopdoc.codes import Code, registered_codes
from sopdoc.model.diagnostic import HINT_LABEL, Diagnostic, Origin, Severity, format_path
from sopdoc.validate.docs import description
from sopdoc.validate.file_report import FileReport

__all__ = ["SARIF_SCHEMA", "format_sarif", "sarif_document", "sarif_results"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule_entry(rule: Code, lang: str) -> dict[str, object]:
    help_text = rule.summary.get(lang)
    if rule.hint:
        help_text += "\n" + rule.hint.get(lang)
    if rule.catalogue:
        help_text += f"\n(DOMAIN.md §9 {rule.catalogue})"
    return {
        "id": rule.code,
        "name": rule.slug,
        "shortDescription": {"text": rule.summary.get(lang)},
        "fullDescription": {"text": description(rule)},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"catalogue": rule.catalogue} if rule.catalogue else {},
    }


_BASE = "SRCROOT"


def _artifact(file: str) -> dict[str, object]:
    """A relative file against the SRCROOT base (the working directory), an absolute one as a file URI."""
    p = Path(file)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": quote(p.as_posix()), "uriBaseId": _BASE}


def _location(path: tuple[str | int, ...], origin: Origin | None, file: str) -> dict[str, object]:
    """A SARIF location: the file and line/column of a text source, or the page/table/row/column of
    an imported document (in the physical location's properties, which SARIF regions cannot hold),
    and the model path as the logical location."""
    o = origin
    physical: dict[str, object] = {"artifactLocation": _artifact(o.file if o and o.file else file)}
    if o and o.line:
        region: dict[str, object] = {"startLine": o.line}
        if o.column:
            region["startColumn"] = o.column
        physical["region"] = region
    elif o and any(v is not None for v in (o.page, o.table, o.row, o.cell)):
        physical["properties"] = {k: v for k, v in (("page", o.page), ("table", o.table), ("row", o.row),
                                                     ("column", o.cell)) if v is not None}
    else:
        physical["region"] = {"startLine": 1}
    out: dict[str, object] = {"physicalLocation": physical}
    if path:
        out["logicalLocations"] = [{"fullyQualifiedName": format_path(path)}]
    return out


def _fingerprint(d: Diagnostic, file: str, seen: dict[str, int]) -> str:
    """Stable across edits that only move the finding: code, file, model path, English message,
    and which occurrence of that same finding it is (two equal findings at different places)."""
    key = "\x1f".join((d.code, Path(d.origin.file if d.origin and d.origin.file else file).as_posix(),
                       format_path(d.path), d.message.en))
    seen[key] = seen.get(key, 0) + 1
    return hashlib.sha256(f"{key}\x1f{seen[key]}".encode()).hexdigest()[:32]


def _result(d: Diagnostic, file: str, index: dict[str, int], lang: str, seen: dict[str, int]) -> dict[str, object]:
    message = d.message.get(lang)
    if d.hint:
        message += f" — {HINT_LABEL.get(lang)}: {d.hint.get(lang)}"
    out: dict[str, object] = {
        "ruleId": d.code,
        "level": _LEVEL[d.severity],
        "message": {"text": message},
        "locations": [_location(d.path, d.origin, file)],
        "partialFingerprints": {"sopdocFinding/v1": _fingerprint(d, file, seen)},
    }
    if d.related:
        out["relatedLocations"] = [
            {"id": n, **_location(r.path, r.origin, file), "message": {"text": format_path(r.path)}}
            for n, r in enumerate(d.related, start=1)]
    if d.code in index:
        out["ruleIndex"] = index[d.code]
    return out


def sarif_document(lang: str = "id", codes: Sequence[Code] | None = None,
                   results: list[dict[str, object]] | None = None) -> tuple[dict[str, object], dict[str, int]]:
    """The SARIF log around ``results``, and the rule index results refer to."""
    rules = sorted(codes if codes is not None else registered_codes(), key=lambda c: c.code)
    index = {r.code: i for i, r in enumerate(rules)}
    doc: dict[str, object] = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "sopdoc", "version": __version__, "informationUri": "https://example.invalid/sopdoc",
                "rules": [_rule_entry(r, lang) for r in rules],
            }},
            "results": results if results is not None else [],
            "originalUriBaseIds": {_BASE: {"uri": Path.cwd().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
        }],
    }
    return doc, index


def sarif_results(report: FileReport, index: dict[str, int], lang: str,
                  seen: dict[str, int] | None = None) -> list[dict[str, object]]:
    """The SARIF results of one file's findings (``seen`` counts equal findings for fingerprints)."""
    seen = {} if seen is None else seen
    return [_result(d, report.file, index, lang, seen) for d in report.diagnostics]


def format_sarif(reports: Sequence[FileReport], lang: str = "id", codes: Sequence[Code] | None = None) -> str:
    """One SARIF log with one run: every code (``codes``, by default those registered), and a
    result per finding."""
    doc, index = sarif_document(lang, codes)
    seen: dict[str, int] = {}
    doc["runs"][0]["results"] = [res for r in reports for res in sarif_results(r, index, lang, seen)]  # type: ignore[index]
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
