"""Findings written as each file finishes: the text, JSON and SARIF outputs of ``sopdoc check`` in
pieces, byte for byte what :mod:`sopdoc.validate.output` writes for the whole list at once, while
only counters stay in memory (a catalogue of 50,000 SOPs no longer holds 50,000 reports).

The JSON forms are produced by dumping the document around a marker list and cutting it at the
marker, so the indentation and separators are those of ``json.dumps(indent=2)`` and can never drift
from the one-shot formatters; the items in the list are written by :func:`pretty`, which writes what
``json.dumps(indent=2)`` writes without its pure-Python encoder (tests hold the two equal).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence

from sopdoc.codes import Code
from sopdoc.model.diagnostic import Severity
from sopdoc.validate.file_report import FileReport
from sopdoc.validate.output import _one, summary_counts_line
from sopdoc.validate.sarif import sarif_document, sarif_results

__all__ = ["ReportStream", "pretty"]

_MARK = "\x00sopdoc-stream\x00"

_STRING = json.encoder.encode_basestring  # json.dumps's text of a str (ensure_ascii=False)


def pretty(value: object, level: int = 0) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it, its lines after the
    first indented ``level`` steps more. json.dumps with an indent runs its pure-Python encoder; this
    writes the plain values a report holds (dicts with text keys, lists, text, numbers) five times as
    fast, and hands anything else to json.dumps."""
    if type(value) is str:
        return str(_STRING(value))
    if type(value) is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if type(value) is bool:
        return "true" if value else "false"
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value)
    inner = "\n" + "  " * (level + 1)
    if type(value) is dict:
        if not value:
            return "{}"
        if all(type(k) is str for k in value):
            body = ("," + inner).join(f"{_STRING(k)}: {pretty(v, level + 1)}" for k, v in value.items())
            return "{" + inner + body + "\n" + "  " * level + "}"
    elif type(value) is list or type(value) is tuple:
        if not value:
            return "[]"
        body = ("," + inner).join(pretty(v, level + 1) for v in value)
        return "[" + inner + body + "\n" + "  " * level + "]"
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)


def _split(doc: dict[str, object]) -> tuple[str, str, str]:
    """``doc`` (holding the marker as the only item of one list) dumped and cut around that list:
    the text up to its ``[``, the indentation of its items, and the text after its ``]``."""
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    mark = json.dumps(_MARK)
    at = text.index(mark)
    line_start = text.rindex("\n", 0, at) + 1
    indent = text[line_start:at]
    head = text[:line_start].rstrip()  # ends with '['
    close = text.index("]", at + len(mark))
    return head, indent, text[close + 1:]


class ReportStream:
    """One output of ``check`` (``text``, ``json`` or ``sarif``), fed one file at a time."""

    def __init__(self, fmt: str, lang: str = "id", codes: Sequence[Code] | None = None) -> None:
        self.fmt = fmt
        self.lang = lang
        self.files = 0
        self.counts: Counter[Severity] = Counter()
        self._items = 0
        self._index: dict[str, int] = {}
        self._tail = ""
        if fmt == "sarif":
            doc, self._index = sarif_document(lang, codes, [_MARK])  # type: ignore[list-item]
            self._head, self._indent, self._tail = _split(doc)
        elif fmt == "json":
            self._head, self._indent, _ = _split({"files": [_MARK]})

    def begin(self) -> str:
        """What comes before the first file."""
        return self._head if self.fmt in ("json", "sarif") else ""

    def _items_text(self, items: list[dict[str, object]]) -> str:
        out = []
        for item in items:
            body = pretty(item).replace("\n", "\n" + self._indent)
            out.append(("\n" if self._items == 0 else ",\n") + self._indent + body)
            self._items += 1
        return "".join(out)

    def add(self, report: FileReport) -> str:
        """The output for one finished file."""
        self.files += 1
        self.counts.update(d.severity for d in report.diagnostics)
        if self.fmt == "json":
            return self._items_text([{"file": report.file,
                                      "diagnostics": [d.to_dict(self.lang) for d in report.diagnostics]}])
        if self.fmt == "sarif":
            return self._items_text(sarif_results(report, self._index, self.lang))
        return "".join(_one(d, report.file, self.lang) + "\n" for d in report.diagnostics)

    def end(self, extra: Mapping[str, object] | None = None) -> str:
        """What comes after the last file; for JSON, the members of ``extra`` follow the summary
        (``period check``: its figures and the log's verification)."""
        close = ("\n" + self._indent[:-2] + "]") if self._items else "]"
        if self.fmt == "sarif":
            return close + self._tail
        counts = {s: self.counts[s] for s in Severity}
        if self.fmt == "json":
            summary = json.dumps({**{s.value: n for s, n in counts.items()}, "files": self.files},
                                 ensure_ascii=False, indent=2).replace("\n", "\n  ")
            more = "".join(f",\n  {_STRING(k)}: {pretty(v, 1)}" for k, v in (extra or {}).items())
            return close + ',\n  "summary": ' + summary + more + "\n}\n"
        return summary_counts_line(counts, self.files, self.lang) + "\n"

    def exit_code(self, fail_on: Severity) -> int:
        """0 or 1, as :class:`~sopdoc.validate.output.ExitPolicy` decides for the whole list."""
        return 1 if any(n for s, n in self.counts.items() if s.rank >= fail_on.rank) else 0
