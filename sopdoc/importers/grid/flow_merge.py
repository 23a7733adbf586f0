"""Join the flowchart tables of one document (repeated across pages, or several) into ``kegiatan``.

A table that repeats the header on the next page and goes on numbering is the same flow. A table
whose numbering starts again (at 1, or below the last number so far) is another flow: one SOP of
an agency holds one flowchart per budget account. Those are never merged nor renumbered;
:func:`split_flows` groups the tables into flows and the importer writes one SOP per flow, each
with the document's identity (README, "Beberapa tabel kegiatan").
"""

from __future__ import annotations

from sopdoc.importers.codes import imp_diagnostic
from sopdoc.importers.grid.flow_table import PdfFlowTable
from sopdoc.importers.grid.steps import RawStep, steps_to_kegiatan
from sopdoc.importers.report import ImportBuilder
from sopdoc.model.diagnostic import Origin, Teks

__all__ = ["merge_flows", "split_flows"]


def _first_last(flow: PdfFlowTable) -> tuple[int | None, int | None]:
    nums = [int(t) for t in (raw.no_text.strip().rstrip(".") for raw in flow.steps) if t.isdigit()]
    return (nums[0], nums[-1]) if nums else (None, None)


def split_flows(flows: list[PdfFlowTable]) -> list[list[PdfFlowTable]]:
    """The tables grouped into flows: a table with a header whose numbering starts again begins one."""
    groups: list[list[PdfFlowTable]] = []
    last: int | None = None
    for flow in flows:
        first, end = _first_last(flow)
        if not groups or (not flow.continuation and first is not None and last is not None
                          and (first == 1 or first < last)):
            groups.append([flow])
        else:
            groups[-1].append(flow)
        last = end if end is not None else last
    return groups


def merge_flows(b: ImportBuilder, flows: list[PdfFlowTable]) -> None:
    """Join flowchart tables (repeated headers merged, other tables kept apart) into ``kegiatan``."""
    actors: list[str] = []
    steps: list[RawStep] = []
    first = flows[0]
    for i, flow in enumerate(flows):
        for origin, code, why in flow.dropped:
            b.add(imp_diagnostic(code, Teks(f"halaman {origin.page} baris {origin.row}: {why.id}",
                                            f"page {origin.page} row {origin.row}: {why.en}"), origin=origin))
        if flow.continuation:
            b.add(
                imp_diagnostic(
                    "IMP021",
                    Teks(
                        "tabel tanpa judul di halaman berikutnya dibaca sebagai lanjutan (kolom sejajar)",
                        "a table without a header on the next page read as a continuation (columns line up)",
                    ),
                    origin=Origin(file=b.file, page=flow.page, table=flow.index, row=1),
                )
            )
        elif i and flow.actors == flows[i - 1].actors:
            b.add(
                imp_diagnostic(
                    "IMP021",
                    Teks(
                        "tabel kegiatan berlanjut di halaman berikutnya; judul berulang digabung",
                        "step table continues on the next page; repeated header merged",
                    ),
                    origin=Origin(file=b.file, page=flow.page, table=flow.index, row=1),
                )
            )
        elif i:
            b.add(
                imp_diagnostic(
                    "IMP028",
                    Teks("tabel kegiatan lain dengan pelaksana berbeda", "another step table with different actors"),
                    origin=Origin(file=b.file, page=flow.page, table=flow.index, row=1),
                )
            )
        remap = {}
        for k, name in enumerate(flow.actors):
            if name not in actors:
                actors.append(name)
            remap[k] = actors.index(name)
        base = len(steps)
        for raw in flow.steps:
            raw.marks = {remap[k]: v for k, v in raw.marks.items()}
            raw.shapes = {remap[k]: v for k, v in raw.shapes.items()}
            raw.cabang = {key: base + (-1 - v) for key, v in raw.cabang.items()}
            steps.append(raw)
    numbers = []
    for k, raw in enumerate(steps):
        t = raw.no_text.strip().rstrip(".")
        numbers.append(int(t) if t.isdigit() else k + 1)
    for raw in steps:
        raw.cabang = {key: numbers[idx] for key, idx in raw.cabang.items() if 0 <= idx < len(numbers)}
    if first.satuan:
        b.put(("satuan_waktu",), first.satuan, steps[0].origin, 0.8)
    steps_to_kegiatan(b, actors, steps)
