"""Our own DOCX/PDF: the visible content against the embedded source; the visible content wins.

A document sopdoc wrote carries its canonical YAML (DOCX customXml, PDF attachment), but a user
may have edited the visible pages afterwards (Word, LibreOffice) without touching that hidden
copy. So the visible content is always read, and compared field by field with the source in what
the document shows (``shown.py``):

- everything agrees: the embedded source is the result, losslessly (IMP007);
- otherwise each field whose projection agrees takes the source's value (it carries what the
  page cannot: ``tanda``, joint actors, ``simbol: null``, exact white space …); each field that
  differs takes the visible value and is one IMP015 finding; steps are aligned on their text, so
  an inserted or deleted row is one finding, not a cascade;
- the visible content cannot be read at all: the source is used, with IMP016 (edits may be lost).
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from sopdoc.importers.codes import imp_diagnostic
from sopdoc.importers.own.shown import DOC_FIELDS, STEP_FIELDS, doc_field, step_field, text
from sopdoc.importers.report import FieldSource, ImportBuilder, ImportReport, ImportResult, source_to_result
from sopdoc.model.diagnostic import Diagnostic, Origin, Teks, format_path
from sopdoc.model.sop import Kegiatan, Sop
from sopdoc.source.reader import LoadResult, load_sop_text

__all__ = ["reconcile"]

_MAX_SHOWN = 60


def reconcile(b: ImportBuilder, read: bool, source: str, where: str, before: int) -> ImportResult:
    """The import of one of our documents whose visible content was read into ``b`` (``read``
    False when it could not be) and whose embedded YAML is ``source`` (carried in ``where``);
    ``before`` is the number of findings ``b`` held before the visible content was read."""
    embedded = load_sop_text(source, b.file)
    if not read:
        early = ImportBuilder(b.file, b.format)
        early.diagnostics = list(b.diagnostics[:before])
        early.add(imp_diagnostic("IMP016", Teks(
            f"isi yang tampak tidak dapat dibaca; SOP diambil dari {where}, suntingan di dokumen bisa hilang",
            f"the visible content cannot be read; the SOP is taken from {where}, edits to the document may be lost"),
            origin=Origin(file=b.file)))
        return source_to_result(source, early, where)
    visible = b.finish()
    if embedded.sop is None or visible.load.sop is None:
        if embedded.sop is None:
            b.add(imp_diagnostic("IMP015", Teks(f"{where} tidak sah; hanya isi yang tampak yang dibaca",
                                                f"{where} is not valid; only the visible content was read"),
                                 origin=Origin(file=b.file)))
        return b.finish()
    merged, found = _merge(embedded.sop, visible.load.sop, visible)
    if not found:
        same = ImportBuilder(b.file, b.format)
        same.diagnostics = list(b.diagnostics[:before])
        return source_to_result(source, same, f"{where}; isi yang tampak sama")
    diags = tuple(sorted((*visible.load.diagnostics, *found), key=Diagnostic.sort_key))
    load = LoadResult(b.file, merged, diags, visible.load.source_map)
    fields = (*visible.report.fields, FieldSource((), Origin(file=b.file), 0.9,
                                                  f"{where}: isian yang tidak tampak dan sama"))
    return ImportResult(load, ImportReport(b.file, b.format, fields, diags))


def _merge(emb: Sop, vis: Sop, visible: ImportResult) -> tuple[Sop, list[Diagnostic]]:
    found: list[Diagnostic] = []
    pmap = visible.load.source_map

    def origin(path: tuple[Any, ...]) -> Origin | None:
        return pmap.origin(path) if pmap is not None else Origin(file=visible.load.file)

    update: dict[str, Any] = {}
    ident: dict[str, Any] = {}
    for path in DOC_FIELDS:
        old, new = doc_field(emb, path), doc_field(vis, path)
        if old == new:
            continue
        value = getattr(vis.identitas, path[1]) if path[0] == "identitas" else getattr(vis, path[0])
        (ident if path[0] == "identitas" else update)[path[-1]] = value
        found.append(_changed(format_path(path), old, new, path, origin(path)))
    if ident:
        update["identitas"] = emb.identitas.model_copy(update=ident)
    steps: list[Kegiatan] = []
    pairs = _align(emb, vis)
    for e, v in pairs:
        if v is None:
            assert e is not None
            step = emb.kegiatan[e]
            found.append(imp_diagnostic("IMP015", Teks(
                f"langkah {_no(step)} {_quote(step.uraian)} dihapus: ada di sumber tertanam, tidak tampak di dokumen",
                f"step {_no(step)} {_quote(step.uraian)} deleted: in the embedded source, not shown in the document"),
                origin=Origin(file=visible.load.file)))
            continue
        i = len(steps)
        shown = vis.kegiatan[v]
        if e is None:
            steps.append(shown)
            found.append(imp_diagnostic("IMP015", Teks(
                f"baris baru: langkah {_no(shown)} {_quote(shown.uraian)} tidak ada di sumber tertanam",
                f"new row: step {_no(shown)} {_quote(shown.uraian)} is not in the embedded source"),
                path=("kegiatan", i), origin=origin(("kegiatan", v))))
            continue
        steps.append(_merge_step(emb, emb.kegiatan[e], vis, shown, i, v, found, origin))
    if steps != list(emb.kegiatan):
        update["kegiatan"] = tuple(steps)
    return emb.model_copy(update=update), found


def _merge_step(emb: Sop, old: Kegiatan, vis: Sop, new: Kegiatan, i: int, v: int, found: list[Diagnostic],
                origin: Any) -> Kegiatan:
    update: dict[str, Any] = {}
    mutu: dict[str, Any] = {}
    for path in STEP_FIELDS:
        before, after = step_field(emb, old, path), step_field(vis, new, path)
        if before == after:
            continue
        if path[0] == "mutu_baku":
            mutu[path[1]] = getattr(new.mutu_baku, path[1])
        else:
            update[path[0]] = getattr(new, path[0])
        label = f"langkah {_no(new)}: {format_path(path)}"
        found.append(_changed(label, before, after, ("kegiatan", i, *path), origin(("kegiatan", v, *path)),
                              f"step {_no(new)}: {format_path(path)}"))
    if mutu:
        update["mutu_baku"] = old.mutu_baku.model_copy(update=mutu)
    return old.model_copy(update=update) if update else old


def _align(emb: Sop, vis: Sop) -> list[tuple[int | None, int | None]]:
    """Pairs (embedded index, visible index) in visible order; None on one side for a deleted or
    inserted row. Steps are matched on their text; a changed text in place pairs by position."""
    a = [text(k.uraian) or "" for k in emb.kegiatan]
    b = [text(k.uraian) or "" for k in vis.kegiatan]
    out: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        n = min(i2 - i1, j2 - j1) if tag == "replace" else (i2 - i1 if tag == "equal" else 0)
        out.extend((i1 + k, j1 + k) for k in range(n))
        out.extend((i, None) for i in range(i1 + n, i2))
        out.extend((None, j) for j in range(j1 + n, j2))
    return out


def _no(step: Kegiatan) -> str:
    return str(step.no) if step.no is not None else "?"


def _quote(value: str) -> str:
    shown = text(value) or ""
    return f"'{shown[:_MAX_SHOWN]}…'" if len(shown) > _MAX_SHOWN else f"'{shown}'"


def _show(value: Any, en: bool) -> str:
    if value is None or value == () or value == "":
        return "(empty)" if en else "(kosong)"
    if isinstance(value, tuple):
        value = "; ".join("-" if v is None else str(v) for v in value)
    return _quote(str(value))


def _changed(label: str, old: Any, new: Any, path: tuple[Any, ...], where: Origin | None,
             label_en: str | None = None) -> Diagnostic:
    return imp_diagnostic("IMP015", Teks(
        f"{label} berubah: sumber tertanam {_show(old, False)}, dokumen {_show(new, False)}; isi dokumen dipakai",
        f"{label_en or label} changed: embedded source {_show(old, True)}, document {_show(new, True)}; "
        "the document's content is used"), path=path, origin=where)
