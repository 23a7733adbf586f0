"""Import Excel SOP workbooks (.xlsx): identity from a cover sheet, steps from flowchart sheets.

Each flowchart sheet is its own table (several sheets are kept apart, never merged into one
list: different actors are an IMP028 note, the same actors a continued table); its symbols are
the DrawingML shapes anchored over the actor cells. Bad files (not a zip, zip bomb, DTD or
entities, damaged parts) are one IMP finding and no SOP.
"""

from __future__ import annotations

from pathlib import Path

from sopdoc.importers.codes import imp_diagnostic
from sopdoc.importers.grid.flow_merge import merge_flows
from sopdoc.importers.grid.flow_table import PdfFlowTable
from sopdoc.importers.report import ImportBuilder, ImportResult
from sopdoc.importers.xlsx.cover import is_cover, read_cover
from sopdoc.importers.xlsx.flow import find_header, read_flow_sheet
from sopdoc.importers.xlsx.workbook import read_workbook
from sopdoc.model.diagnostic import Origin, Teks
from sopdoc.ooxml.package import PackageError

__all__ = ["import_xlsx_file"]


def import_xlsx_file(path: str | Path) -> ImportResult:
    """Import one workbook; every problem is an IMP finding, nothing raises on bad content."""
    name = str(path)
    b = ImportBuilder(name, "xlsx")
    where = Origin(file=name)
    try:
        sheets = read_workbook(path)
    except PackageError as exc:
        code = "IMP041" if exc.kind == "dtd" else "IMP040"
        b.add(imp_diagnostic(code, Teks(f"XLSX tidak dapat dibaca: {exc.reason.id}",
                                        f"the XLSX cannot be read: {exc.reason.en}"), origin=where))
        return b.fail()
    flows: list[PdfFlowTable] = []
    cover = False
    for k, sheet in enumerate(sheets, start=1):
        header = find_header(sheet)
        if header is not None:
            flows.append(read_flow_sheet(sheet, header, b, k))
        elif not cover and is_cover(sheet):
            read_cover(sheet, b, k)
            cover = True
    if not cover:
        b.add(imp_diagnostic("IMP011", Teks("lembar sampul (identitas SOP) tidak ditemukan",
                                            "no cover sheet (SOP identity) found"), origin=where))
    flows = [f for f in flows if f.steps]
    if not flows:
        b.add(imp_diagnostic("IMP020", Teks("tidak ada lembar dengan tabel kegiatan",
                                            "no sheet holds a step table"), origin=where))
        return b.finish() if cover else b.fail()
    merge_flows(b, flows)
    return b.finish()
