"""The dashboard's exports beside the CSV: an XLSX workbook (openpyxl, every text cell neutralised
against spreadsheet formulas like the CSV's) and a SARIF 2.1.0 log of the findings (the document
builder of ``sopdoc.validate.sarif``, each result located at its SOP's page and model path)."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

from sopdoc.execution.log_files import escape_cell
from sopdoc.validate.sarif import sarif_document

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SARIF_TYPE = "application/sarif+json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _cell(value: Any) -> Any:
    """Numbers and booleans as they are; everything else as text that cannot start a formula."""
    if isinstance(value, bool | int | float):
        return value
    return escape_cell("" if value is None else str(value))


def xlsx_bytes(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """One sheet: a bold header row, frozen, then the rows (text cells formula-escaped and typed as text)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title[:31]
    ws.append(list(header))
    for c in ws[1]:
        c.font = Font(bold=True)
    for row in rows:
        ws.append([_cell(v) for v in row])
        for c in ws[ws.max_row]:
            if isinstance(c.value, str):
                c.data_type = "s"  # never "f", whatever the text
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def sarif_bytes(findings: Sequence[dict[str, Any]], lang: str, sop_url: Callable[[int], str]) -> bytes:
    """A SARIF log with one result per stored finding; ``sop_url`` gives the absolute address of an SOP's page."""
    doc, index = sarif_document(lang)
    seen: dict[str, int] = {}
    results = []
    for f in findings:
        code, path = str(f.get("code", "")), str(f.get("path", ""))
        text = str(f.get("en" if lang == "en" else "id", "") or f.get("id", "") or code)
        key = "\x1f".join((code, str(f["sop"]), path, str(f.get("en", ""))))
        seen[key] = seen.get(key, 0) + 1
        location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": sop_url(int(f["sop"]))}}}
        if path:
            location["logicalLocations"] = [{"fullyQualifiedName": path}]
        result: dict[str, Any] = {
            "ruleId": code,
            "level": _LEVEL.get(str(f.get("severity", "")), "warning"),
            "message": {"text": text},
            "locations": [location],
            "partialFingerprints": {
                "sopdocFinding/v1": hashlib.sha256(f"{key}\x1f{seen[key]}".encode()).hexdigest()[:32]},
            "properties": {"unit": str(f.get("unit", ""))},
        }
        if code in index:
            result["ruleIndex"] = index[code]
        results.append(result)
    run = doc["runs"][0]  # type: ignore[index]
    run["results"] = results
    run.pop("originalUriBaseIds", None)  # locations are absolute web addresses, not files under a base
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
