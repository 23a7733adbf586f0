"""SARIF 2.1.0 output, as code-scanning tools read it (GitHub, VS Code SARIF viewer)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from sopdoc import __version__
from sopdoc.codes import Code, registered_codes
from sopdoc.model.diagnostic import Diagnostic, Origin, Severity, format_path
from sopdoc.validate.docs import description
from sopdoc.validate.file_report import FileReport

__all__ = ["SARIF_SCHEMA", "format_sarif"]

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


def _uri(file: str) -> str:
    p = Path(file)
    return p.as_posix() if not p.is_absolute() else p.as_uri()


def _location(path: tuple[str | int, ...], origin: Origin | None, file: str) -> dict[str, object]:
    """A SARIF location: the file and line (or page/table/row of a document), and the model path."""
    o = origin
    region: dict[str, object] = {"startLine": (o.line if o and o.line else 1)}
    if o and o.column:
        region["startColumn"] = o.column
    out: dict[str, object] = {
        "physicalLocation": {"artifactLocation": {"uri": _uri(o.file if o and o.file else file)},
                             "region": region},
    }
    if path:
        out["logicalLocations"] = [{"fullyQualifiedName": format_path(path)}]
    return out


def _result(d: Diagnostic, file: str, index: dict[str, int], lang: str) -> dict[str, object]:
    message = d.message.get(lang)
    if d.hint:
        message += f" — hint: {d.hint.get(lang)}"
    out: dict[str, object] = {
        "ruleId": d.code,
        "level": _LEVEL[d.severity],
        "message": {"text": message},
        "locations": [_location(d.path, d.origin, file)],
    }
    if d.related:
        out["relatedLocations"] = [
            {"id": n, **_location(r.path, r.origin, file), "message": {"text": format_path(r.path)}}
            for n, r in enumerate(d.related, start=1)]
    if d.code in index:
        out["ruleIndex"] = index[d.code]
    return out


def format_sarif(reports: Sequence[FileReport], lang: str = "id", codes: Sequence[Code] | None = None) -> str:
    """One SARIF log with one run: every code (``codes``, by default those registered), and a
    result per finding."""
    rules = sorted(codes if codes is not None else registered_codes(), key=lambda c: c.code)
    index = {r.code: i for i, r in enumerate(rules)}
    doc = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "sopdoc", "version": __version__, "informationUri": "https://example.invalid/sopdoc",
                "rules": [_rule_entry(r, lang) for r in rules],
            }},
            "results": [_result(d, r.file, index, lang) for r in reports for d in r.diagnostics],
            "columnKind": "unicodeCodePoints",
        }],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
