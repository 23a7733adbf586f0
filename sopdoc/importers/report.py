"""What an import found: the SOP data, where each field came from, and every guess and loss.

Importers fill an :class:`ImportBuilder` field by field (``put``), then ``finish`` validates the
data into the model and returns an :class:`ImportResult`: a normal ``LoadResult`` (so ``check``
treats an imported document like a YAML source) plus the :class:`ImportReport` that
``sopdoc import`` writes next to the YAML as text and JSON.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from typing import Any

from sopdoc.importers.codes import imp_diagnostic
from sopdoc.model.diagnostic import Diagnostic, Origin, Path, Teks, format_path
from sopdoc.model.tanggal import tanggal_to_iso
from sopdoc.source.reader import LoadResult, SourceMap, data_to_result, load_sop_text

__all__ = ["FieldSource", "ImportBuilder", "ImportReport", "ImportResult", "ProvenanceMap", "Summary",
           "report_to_json", "report_to_text", "scrub", "source_to_result", "summarise"]

# Findings that say a value was guessed, and findings that say something of the document was lost.
GUESS_CODES = frozenset({"IMP022", "IMP023", "IMP024", "IMP025", "IMP030"})
LOSS_CODES = frozenset({"IMP005", "IMP006", "IMP011", "IMP012", "IMP014", "IMP020", "IMP027", "IMP029",
                        "IMP032", "IMP033", "IMP042"})
# Control characters some PDF text layers carry: U+0002 where a hyphen is printed at a line end
# ("Undang-/Undang"), the soft hyphen U+00AD where a word is broken over two lines, and stray C0
# controls. No output may contain them.
_HYPHEN_MARK = re.compile(r"\x02[ \t]*(\n[ \t]*)?")
_SOFT_HYPHEN = re.compile(r"\xad[ \t]*(\n[ \t]*)?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def scrub(value: Any) -> Any:
    """``value`` with the line-end hyphen marker turned into the printed hyphen (joining the two
    halves: ``Undang\x02 Undang`` → ``Undang-Undang``), a soft hyphen at a line end joined
    (``peng\xad\nolahan`` → ``pengolahan``) and any other control character removed; lists, tuples
    and dicts are scrubbed item by item."""
    if isinstance(value, str):
        if not _CONTROL.search(value) and "\xad" not in value:
            return value
        return _CONTROL.sub("", _SOFT_HYPHEN.sub("", _HYPHEN_MARK.sub("-", value)))
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(scrub(v) for v in value)
    return value


# A field read at this confidence or above counts as read; below it, as guessed.
SURE = 0.9


@dataclass(frozen=True)
class FieldSource:
    """Where one field's value came from and how sure the reader is (0–1)."""

    path: Path
    origin: Origin
    confidence: float
    note: str = ""


@dataclass
class ProvenanceMap(SourceMap):
    """A source map for imported documents: any origin (line, or page/table/row/cell) per path."""

    origins: dict[Path, Origin] = field(default_factory=dict)

    def origin(self, path: Path, *, key: bool = False) -> Origin:
        """Where ``path`` came from, or its nearest ancestor that has a recorded origin."""
        p = tuple(path)
        while True:
            if p in self.origins:
                return self.origins[p]
            if not p:
                return Origin(file=self.file)
            p = p[:-1]


@dataclass(frozen=True)
class ImportReport:
    """The import report of one file: format, field sources and findings."""

    file: str
    format: str
    fields: tuple[FieldSource, ...]
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class ImportResult:
    """An imported document: the load result (model + all findings) and its report."""

    load: LoadResult
    report: ImportReport


class ImportBuilder:
    """Collects the data, provenance and IMP findings of one import."""

    def __init__(self, file: str, fmt: str) -> None:
        self.file = file
        self.format = fmt
        self.data: dict[str, Any] = {"sopdoc": 1}
        self.sources: dict[Path, FieldSource] = {}
        self.diagnostics: list[Diagnostic] = []
        self.places: dict[Path, Origin] = {}

    def locate(self, path: Path, origin: Origin) -> None:
        """Record where ``path`` is in the document without setting a value (e.g. an empty cell)."""
        self.places[tuple(path)] = origin

    def put(self, path: Path, value: Any, origin: Origin, confidence: float = 1.0, note: str = "") -> None:
        """Set the field at ``path`` (creating parents) and record where it came from; text is
        scrubbed of control characters (:func:`scrub`) whatever the importer."""
        value = scrub(value)
        node: Any = self.data
        for i, part in enumerate(path[:-1]):
            nxt = path[i + 1]
            if isinstance(node, list):
                while len(node) <= int(part):
                    node.append({})
                node = node[int(part)]
                continue
            node = node.setdefault(part, [] if isinstance(nxt, int) else {})
        last = path[-1]
        if isinstance(node, list):
            while len(node) <= int(last):
                node.append({})
            node[int(last)] = value
        else:
            node[last] = value
        self.sources[tuple(path)] = FieldSource(tuple(path), origin, round(confidence, 2), note)

    def put_tanggal(self, path: Path, text: str, origin: Origin, confidence: float = 0.95) -> bool:
        """Set the date at ``path`` from its printed ``text`` (a full date or a month and year);
        text that is neither empty nor a dash and reads as no date is IMP014, never dropped
        silently. True when a date was set."""
        iso = tanggal_to_iso(text)
        if iso:
            self.put(path, iso, origin, confidence)
            return True
        shown = scrub(text).strip()
        if shown not in ("", "-", "–", "—"):
            message = Teks(f"tanggal {shown!r} tidak terbaca", f"date {shown!r} cannot be read")
            self.add(imp_diagnostic("IMP014", message, path=tuple(path), origin=origin))
        return False

    def add(self, diagnostic: Diagnostic) -> None:
        """Record an IMP (or SOP0xx) finding."""
        self.diagnostics.append(diagnostic)

    def rename(self, file: str) -> None:
        """Name the result ``file`` (one SOP of several in a document, ``doc.pdf#tabel=2``): every
        origin recorded so far under the old name moves with it, so findings say which part."""
        old = self.file

        def moved(o: Origin) -> Origin:
            return replace(o, file=file) if o.file == old else o

        self.file = file
        self.sources = {p: replace(s, origin=moved(s.origin)) for p, s in self.sources.items()}
        self.places = {p: moved(o) for p, o in self.places.items()}
        self.diagnostics = [d if d.origin is None else d.with_origin(moved(d.origin)) for d in self.diagnostics]

    def finish(self) -> ImportResult:
        """Validate the collected data into the model; findings are sorted, never raised."""
        origins = {**self.places, **{p: s.origin for p, s in self.sources.items()}}
        pmap = ProvenanceMap(file=self.file, origins=origins)
        result = data_to_result(self.data, pmap)
        diags = tuple(sorted((*self.diagnostics, *result.diagnostics), key=Diagnostic.sort_key))
        load = LoadResult(self.file, result.sop, diags, pmap)
        fields = tuple(self.sources[p] for p in sorted(self.sources, key=_path_key))
        return ImportResult(load, ImportReport(self.file, self.format, fields, diags))

    def fail(self) -> ImportResult:
        """The result of a file that could not be imported: its findings, no SOP."""
        result = self.finish()
        load = LoadResult(result.load.file, None, result.load.diagnostics, result.load.source_map)
        return ImportResult(load, result.report)


def source_to_result(text: str, b: ImportBuilder, where: str) -> ImportResult:
    """An import whose document carries its canonical YAML (our PDF/DOCX): load it as is, lossless.

    ``where`` names the carrier (``"lampiran sop.sop.yaml"`` / ``"customXml"``) for the report."""
    loaded = load_sop_text(text, b.file)
    note = imp_diagnostic("IMP007", Teks(f"SOP dibaca tanpa kehilangan dari {where}",
                                         f"SOP read losslessly from {where}"), origin=Origin(file=b.file))
    diags = tuple(sorted((*b.diagnostics, note, *loaded.diagnostics), key=Diagnostic.sort_key))
    load = LoadResult(loaded.file, loaded.sop, diags, loaded.source_map)
    fields = (FieldSource((), Origin(file=b.file), 1.0, where),)
    return ImportResult(load, ImportReport(b.file, b.format, fields, diags))


@dataclass(frozen=True)
class Summary:
    """What one import read for sure, guessed and lost (paths and findings), for the report head."""

    read: tuple[str, ...]
    guessed: tuple[str, ...]
    lost: tuple[Diagnostic, ...]
    guess_findings: tuple[Diagnostic, ...]


def summarise(report: ImportReport) -> Summary:
    """Fields read (confidence at least ``SURE``), fields guessed (below it), and the findings that
    report a guess or a loss."""
    return Summary(
        read=tuple(format_path(f.path) for f in report.fields if f.confidence >= SURE),
        guessed=tuple(format_path(f.path) for f in report.fields if f.confidence < SURE),
        lost=tuple(d for d in report.diagnostics if d.code in LOSS_CODES),
        guess_findings=tuple(d for d in report.diagnostics if d.code in GUESS_CODES),
    )


def _path_key(path: Path) -> tuple[tuple[int, str], ...]:
    return tuple((0, f"{p:08d}") if isinstance(p, int) else (1, p) for p in path)


def report_to_text(report: ImportReport, lang: str = "id") -> str:
    """The report as readable text: one line per field, then the findings."""
    en = lang == "en"
    head = "Import report" if en else "Laporan impor"
    lines = [f"{head}: {report.file} ({report.format})", ""]
    sm = summarise(report)
    lines.append("Summary:" if en else "Ringkasan:")
    lines.append(f"  {'read' if en else 'dibaca'}: {len(sm.read)} {'fields' if en else 'isian'}")
    guessed = len(sm.guessed) + len(sm.guess_findings)
    lines.append(f"  {'guessed' if en else 'ditebak'}: {guessed}")
    lines.extend(f"    {p}" for p in sm.guessed)
    lines.extend(f"    {d.code} {d.message.get(lang)}" for d in sm.guess_findings)
    lines.append(f"  {'lost' if en else 'hilang'}: {len(sm.lost)}")
    lines.extend(f"    {d.code} {d.message.get(lang)}" for d in sm.lost)
    lines.append("")
    lines.append("Fields (path  origin  confidence):" if en else "Isian (jalur  asal  keyakinan):")
    for fs in report.fields:
        note = f"  [{fs.note}]" if fs.note else ""
        lines.append(f"  {format_path(fs.path)}  {fs.origin.format(lang)}  {fs.confidence:.2f}{note}")
    lines.append("")
    lines.append("Findings:" if en else "Temuan:")
    for d in report.diagnostics:
        where = d.origin.format(lang) if d.origin else report.file
        path = f" [{format_path(d.path)}]" if d.path else ""
        lines.append(f"  {where}: {d.code} {d.severity.label(lang)}: {d.message.get(lang)}{path}")
    if not report.diagnostics:
        lines.append("  -")
    return "\n".join(lines) + "\n"


def report_to_json(report: ImportReport, lang: str = "id") -> str:
    """The report as JSON (stable key order)."""
    sm = summarise(report)
    data = {
        "file": report.file,
        "format": report.format,
        "summary": {
            "read": len(sm.read),
            "guessed": [*sm.guessed, *(f"{d.code} {d.message.get(lang)}" for d in sm.guess_findings)],
            "lost": [f"{d.code} {d.message.get(lang)}" for d in sm.lost],
        },
        "fields": [
            {"path": format_path(fs.path),
             "origin": {k: v for k, v in vars(fs.origin).items() if v is not None},
             "confidence": fs.confidence, "note": fs.note or None}
            for fs in report.fields
        ],
        "diagnostics": [d.to_dict(lang) for d in report.diagnostics],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
