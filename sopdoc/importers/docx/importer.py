"""Import Word SOPs (.docx): ours losslessly from the customXml source, else from the tables.

Order of trust: (1) the canonical YAML sopdoc embeds as a customXml item; (2) sopdoc's own
tables and anchored shapes (identity table, one flowchart table per page); (3) foreign Word SOPs:
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
from sopdoc.importers.report import ImportBuilder, ImportResult, source_to_result
from sopdoc.model.diagnostic import Origin, Teks

__all__ = ["import_docx_file"]


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
    if source is not None:
        return source_to_result(source, b, "customXml (sumber sopdoc)")
    if not tables:
        b.add(imp_diagnostic("IMP020", Teks("dokumen tidak memuat tabel; tabel kegiatan tidak ditemukan",
                                            "the document has no tables; no step table found"), origin=where))
        return b.fail()
    if ours and any(is_own_flow_table(t) for t in tables):
        return _own(tables, b)
    return _foreign(tables, b)


def _own(tables: list[DocTable], b: ImportBuilder) -> ImportResult:
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
    b.add(imp_diagnostic("IMP008", Teks("DOCX sopdoc tanpa sumber customXml; dibaca dari tabel dan bentuknya",
                                        "sopdoc DOCX without its customXml source; read from its tables and shapes"),
                         origin=Origin(file=b.file)))
    return b.finish()


def _foreign(tables: list[DocTable], b: ImportBuilder) -> ImportResult:
    if not read_foreign_tables(tables, b):
        return b.fail()
    return b.finish()
