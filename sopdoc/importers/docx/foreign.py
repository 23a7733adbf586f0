"""Foreign Word SOPs: identity table and boxes by label variants; flowchart tables whose actor
cells hold shapes (DrawingML or VML) or text marks (Mulai, [], Ya/Tidak) instead of shapes.

Tables are reduced to the same rows of texts the PDF importer reads, so label variants, header
columns, repeated headers and several flowchart tables are handled by the shared code.
"""

from __future__ import annotations

from sopdoc.importers.codes import imp_diagnostic
from sopdoc.importers.grid.clean import Line, clean_cell
from sopdoc.importers.grid.doc_table import DocTable
from sopdoc.importers.grid.flow_merge import merge_flows
from sopdoc.importers.grid.flow_table import PdfFlowTable, is_flow_table
from sopdoc.importers.grid.header import header_columns
from sopdoc.importers.grid.identity import read_identity_table
from sopdoc.importers.grid.steps import RawStep
from sopdoc.importers.grid.vocab import waktu_unit_in_header
from sopdoc.importers.report import ImportBuilder
from sopdoc.model.diagnostic import Origin, Teks
from sopdoc.model.labels import SIMBOL_NAMES, simbol_rank

__all__ = ["read_foreign_tables"]



def _text(cell: str | None) -> str:
    return clean_cell((cell or "").replace("\n", " "))


def _line(cells: list[str | None]) -> Line:
    texts = tuple(_text(c) for c in cells)
    return Line(0, " ".join(texts), texts)


def read_foreign_tables(tables: list[DocTable], b: ImportBuilder) -> bool:
    """Identity, boxes and steps of a foreign Word SOP into ``b``; False when nothing usable."""
    flows: list[PdfFlowTable] = []
    identity = False
    for k, table in enumerate(tables, start=1):
        rows = table.grid_rows()
        if is_flow_table(rows):
            flows.append(_flow(table, rows, k, b.file))
        elif not identity and read_identity_table(rows, b, 1, k):
            identity = True
    if not flows:
        b.add(imp_diagnostic("IMP020", Teks("tabel kegiatan tidak ditemukan", "no step table found"),
                             origin=Origin(file=b.file)))
        return identity
    merge_flows(b, flows)
    return True


def _flow(table: DocTable, rows: list[list[str | None]], index: int, file: str) -> PdfFlowTable:
    top = rows[0]
    sub = rows[1] if len(rows) > 1 else None
    sub_is_header = sub is not None and (not _text(sub[0]) or _text(sub[0]) == _text(top[0])) and not any(
        _text(c).isdigit() for c in sub[:1])
    cols, actor_cols, texts = header_columns(_line(top), _line(sub) if sub is not None and sub_is_header else None)
    flow = PdfFlowTable(1, index, [a for _, a in actor_cols], [], waktu_unit_in_header(texts.get("waktu", "")))
    for r, row in enumerate(rows):
        if r == 0 or (r == 1 and sub_is_header):
            continue
        cells = {c.col: c for c in table.rows[r]}

        def cell(kind: str, row: list[str | None] = row) -> str:
            j = cols.get(kind)
            return (row[j] or "") if j is not None and j < len(row) else ""

        origin = Origin(file=file, table=index, row=r + 1)
        step = RawStep(no_text=_text(cell("no")), uraian=_text(cell("uraian")), origin=origin,
                       kelengkapan=cell("kelengkapan").strip(), waktu=_text(cell("waktu")),
                       output=_text(cell("output")), keterangan=_text(cell("keterangan")))
        step.cell_origin = {k: Origin(file=file, table=index, row=r + 1, cell=j + 1) for k, j in cols.items()}
        for k, (j, _name) in enumerate(actor_cols):
            c = cells.get(j)
            if c is None or c.merge == "continue":
                continue
            mark = _text(c.text)
            if mark:
                step.marks[k] = mark
            for s in c.shapes:
                if s.kind in SIMBOL_NAMES and (
                    k not in step.shapes or simbol_rank(s.kind) < simbol_rank(step.shapes[k])
                ):
                    step.shapes[k] = s.kind
                elif s.kind == "label" and s.text and k not in step.marks:
                    step.marks[k] = s.text
        if not any(_text(c) for c in row) and not step.shapes and not step.marks:
            continue
        if all(_text(c) == _text(t) for c, t in zip(row, top, strict=False)):
            continue  # a header row repeated inside the table
        flow.steps.append(step)
        flow.shapes.append([])
    return flow
