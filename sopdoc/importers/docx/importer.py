"""Import Word SOPs (.docx): always from the visible tables; ours checked against their customXml source.

Readers: (1) sopdoc's own tables and anchored shapes (identity table, one flowchart table per
page); the canonical YAML sopdoc embeds as a customXml item supplies what the tables cannot show,
only where both agree (``own/reconcile.py``: an unedited document is read losslessly, an edited
one keeps its edits and lists each difference); (2) foreign Word SOPs:
the identity table and boxes by their label variants, flowchart tables whose actor cells hold
shapes (DrawingML or legacy VML) or text marks (Mulai, [], Ya/Tidak). Every problem with the
file itself is an IMP finding; nothing here raises on bad content.
"""

from __future__ import annotations

from pathlib import Path

from sopdoc.importers.codes import imp_diagnostic
from sopdoc.importers.docx.foreign import read_foreign_tables
from sopdoc.importers.docx.reader import DocTable, DocxError, read_docx_tables
from sopdoc.importers.own.docx_flow import (
    is_own_flow_table,
    read_own_flow_table,
    read_own_identity_table,
    read_own_worksheet_table,
)
from sopdoc.importers.own.docx_source import sop_yaml_from_docx
from sopdoc.importers.own.flow_model import FlowPage
from sopdoc.importers.own.pdf import flows_to_builder
from sopdoc.importers.own.reconcile import reconcile
from sopdoc.importers.report import ImportBuilder, ImportResult
from sopdoc.model.diagnostic import Origin, Teks

__all__ = ["import_docx_file"]

_WHERE = "customXml (sumber sopdoc)"


def import_docx_file(path: str | Path) -> ImportResult:
    """Import one DOCX; bad files (not a zip, zip bomb, DTD/entities, no tables) are findings."""
    name = str(path)
    b = ImportBuilder(name, "docx")
    where = Origin(file=name)
    try:
        tables, ours = read_docx_tables(path)
    except DocxError as exc:
        b.add(imp_diagnostic(exc.code, Teks(f"DOCX tidak dapat dibaca: {exc.reason.id}",
                                            f"the DOCX cannot be read: {exc.reason.en}"), origin=where))
        return b.fail()
    for k, table in enumerate(tables, start=1):
        for fix in table.fixes:
            b.add(imp_diagnostic("IMP042", Teks(f"tabel {k}: {fix.id}", f"table {k}: {fix.en}"),
                                 origin=Origin(file=name, table=k)))
    source = sop_yaml_from_docx(path)
    before = len(b.diagnostics)
    if not tables:
        if source is not None:
            return reconcile(b, False, source, _WHERE, before)
        b.add(imp_diagnostic("IMP020", Teks("dokumen tidak memuat tabel; tabel kegiatan tidak ditemukan",
                                            "the document has no tables; no step table found"), origin=where))
        return b.fail()
    own = ours and any(is_own_flow_table(t) for t in tables)
    read = _own(tables, b) if own else read_foreign_tables(tables, b)
    if source is not None:  # the visible content wins over the hidden source (issue #13 point 5)
        return reconcile(b, read, source, _WHERE, before)
    if own:
        b.add(imp_diagnostic("IMP008", Teks(
            "DOCX sopdoc tanpa sumber customXml; dibaca dari tabel dan bentuknya",
            "sopdoc DOCX without its customXml source; read from its tables and shapes"), origin=Origin(file=b.file)))
    return b.finish() if read else b.fail()


def _own(tables: list[DocTable], b: ImportBuilder) -> bool:
    flows: list[FlowPage] = []
    identity = sheet = False
    for k, t in enumerate(tables, start=1):
        if not sheet and not identity and not flows and read_own_worksheet_table(t, b, k):
            sheet = True
        elif is_own_flow_table(t):
            flows.append(read_own_flow_table(t, k, b.file))
        elif not identity:
            identity = read_own_identity_table(t, b, k)
    flows_to_builder(flows, b)
    return True


