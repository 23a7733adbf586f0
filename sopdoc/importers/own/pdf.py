"""PDFs written by sopdoc: always read from their pages, checked against the attached ``sop.sop.yaml``.

``render_pdf`` attaches the canonical YAML; it fills in what the pages cannot show where both agree
(``reconcile.py``). The pages are read back
(the worksheet page when there is one, the identity page, then the flowchart pages whose repeated
headers are merged; the title above the first flowchart table is ``judul_flowchart``) and off-page
connectors with the same label are joined so decision targets across pages survive.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sopdoc.importers.codes import imp_diagnostic
from sopdoc.importers.own.flow_model import FlowPage, OwnStep, Symbol
from sopdoc.importers.own.pdf_flow import read_flow_page
from sopdoc.importers.own.pdf_identity import read_identity_page
from sopdoc.importers.own.pdf_worksheet import read_worksheet_page
from sopdoc.importers.own.reconcile import reconcile
from sopdoc.importers.report import ImportBuilder, ImportResult
from sopdoc.model.diagnostic import Origin, Teks
from sopdoc.model.labels import CONTINUED

__all__ = ["MAX_ATTACHMENT_BYTES", "attached_sop_yaml", "flows_to_builder", "import_own_pdf", "is_sopdoc_pdf",
           "read_own_pages"]

ATTACHMENT = "sop.sop.yaml"
MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024


def is_sopdoc_pdf(pdf: Any) -> bool:
    """True when the PDF says it was made by sopdoc (its Creator)."""
    creator = (pdf.metadata or {}).get("Creator", "")
    if isinstance(creator, bytes):
        creator = creator.decode("latin-1", "replace")
    return str(creator).startswith("sopdoc")


def attached_sop_yaml(pdf: Any) -> str | None:
    """The text of the ``sop.sop.yaml`` attachment, or None (missing, too large, not UTF-8)."""
    from pdfminer.pdftypes import resolve1

    try:
        names = resolve1(resolve1(resolve1(pdf.doc.catalog.get("Names")).get("EmbeddedFiles")).get("Names"))
        for i in range(0, len(names) - 1, 2):
            name = resolve1(names[i])
            if (name.decode("latin-1") if isinstance(name, bytes) else str(name)) != ATTACHMENT:
                continue
            stream = resolve1(resolve1(resolve1(names[i + 1]).get("EF")).get("F"))
            size = resolve1(resolve1(stream.attrs.get("Params") or {}).get("Size") or 0)
            if (
                int(size or 0) > MAX_ATTACHMENT_BYTES
                or int(resolve1(stream.attrs.get("Length", 0))) > MAX_ATTACHMENT_BYTES
            ):
                return None
            data = _bounded_data(stream)
            return None if data is None else data.decode("utf-8")
    except Exception:
        return None
    return None


def _bounded_data(stream: Any) -> bytes | None:
    """The stream's bytes, inflating at most ``MAX_ATTACHMENT_BYTES`` (a flate bomb stops there)."""
    import zlib

    from pdfminer.pdftypes import resolve1

    filters = resolve1(stream.attrs.get("Filter"))
    names = [getattr(resolve1(f), "name", f) for f in (filters if isinstance(filters, list) else [filters])]
    raw = stream.rawdata if stream.rawdata is not None else None
    if names == ["FlateDecode"] and raw is not None:
        inflater = zlib.decompressobj()
        data = inflater.decompress(raw, MAX_ATTACHMENT_BYTES + 1)
        return None if len(data) > MAX_ATTACHMENT_BYTES else data
    if names in ([], [None]) and raw is not None:
        return raw if len(raw) <= MAX_ATTACHMENT_BYTES else None
    data = stream.get_data()
    return data if len(data) <= MAX_ATTACHMENT_BYTES else None


def import_own_pdf(pdf: Any, pages: list[Any], b: ImportBuilder, max_pages: int) -> ImportResult | None:
    """A sopdoc PDF read from its pages, checked against its attachment when it has one
    (``reconcile``: the visible content wins); None when neither gives an SOP (read it as foreign)."""
    text = attached_sop_yaml(pdf)
    before = len(b.diagnostics)
    read = len(pages) <= max_pages and read_own_pages(pages, b)
    if text is not None:
        return reconcile(b, read, text, "lampiran sop.sop.yaml", before)
    if not read:
        return None
    b.add(imp_diagnostic("IMP008", Teks("PDF sopdoc tanpa lampiran sop.sop.yaml; dibaca dari tata letaknya",
                                        "sopdoc PDF without its sop.sop.yaml attachment; read from its layout"),
                         origin=Origin(file=b.file)))
    return b.finish()


def read_own_pages(pages: list[Any], b: ImportBuilder) -> bool:
    """Read a sopdoc PDF's pages into ``b``; False when no flowchart table was found."""
    flows: list[FlowPage] = []
    identity = sheet = False
    for pno, page in enumerate(pages, start=1):
        if pno == 1 and read_worksheet_page(page, b, pno):
            sheet = True
            continue
        if not identity and pno == 1 + sheet and read_identity_page(page, b, pno):
            identity = True
            continue
        flow = read_flow_page(page, pno, b.file)
        if flow is not None:
            flows.append(flow)
    if not flows:
        return False
    flows_to_builder(flows, b)
    return True


def flows_to_builder(flows: list[FlowPage], b: ImportBuilder) -> None:
    """Put the steps of all flowchart pages (or tables) into ``b``: actors from the first header,
    step numbers from the NO column, decision targets followed across off-page connectors."""
    if not flows:
        return
    first = flows[0]
    actors = [c.actor or "" for c in first.columns if c.kind == "pelaksana"]
    for flow in flows[1:]:
        if [c.actor or "" for c in flow.columns if c.kind == "pelaksana"] != actors:
            b.add(
                imp_diagnostic(
                    "IMP028",
                    Teks("tabel kegiatan lain dengan pelaksana berbeda", "another step table with different actors"),
                    origin=Origin(file=b.file, page=flow.steps[0].origin.page if flow.steps else None),
                )
            )
    where = Origin(file=b.file, page=flows[0].symbols[0].page if flows[0].symbols else None, table=1, row=2)
    if any(actors):
        b.put(("pelaksana",), [a for a in actors if a], where, 0.98)
    if first.satuan:
        b.put(("satuan_waktu",), first.satuan, where, 0.95)
    if first.title:
        b.put(("judul_flowchart",), first.title, replace(where, row=None), 0.95)
    cols_of = {id(s): f.columns for f in flows for s in f.steps}
    steps = _merge_continued([s for f in flows for s in f.steps])
    number: dict[int, int | None] = {}
    for s in steps:
        if s.symbol is not None:
            no = s.texts.get("no", "")
            number[id(s.symbol)] = int(no) if no.isdigit() else None
    for i, s in enumerate(steps):
        _put_step(b, i, s, cols_of[id(s)])
        if s.exits:
            cabang: dict[str, Any] = {}
            for key, (target, label) in s.exits.items():
                final = _follow(target, flows)
                if final is not None and number.get(id(final)) is not None:
                    cabang[key] = number[id(final)]
                if label != ("Ya" if key == "ya" else "Tidak"):
                    cabang[f"label_{key}"] = label
            if cabang:
                b.put(("kegiatan", i, "cabang"), cabang, s.origin, 0.9)


def _joined(head: str, tail: str) -> str:
    """Two pieces of one text across a row break: a word hyphenated at the break (U+2010, which
    sopdoc's layout shows) joined again, else one space between."""
    head, tail = head.rstrip(), tail.strip()
    if head.endswith("\u2010"):
        return head[:-1] + tail
    return f"{head} {tail}" if head and tail else head or tail


def _unlined(text: str) -> str:
    """A text read as one paragraph per layout line (a step set in several rows): lines joined
    again, a word hyphenated at a line's end included."""
    out = ""
    for line in text.split("\n"):
        out = _joined(out, line)
    return out


def _merge_continued(steps: list[OwnStep]) -> list[OwnStep]:
    """Rows of one step set across pages (sopdoc's continuation rows: no symbol, KEGIATAN starting
    with "(lanjutan)") folded back into the step they continue; a kelengkapan line read with a
    leading tab continues the previous row's last item."""
    out: list[OwnStep] = []
    for s in steps:
        keg = s.texts.get("kegiatan", "")
        if out and s.symbol is None and keg.startswith(CONTINUED):
            prev = out[-1]
            prev.texts = {kind: _unlined(text) if kind != "no" else text for kind, text in prev.texts.items()}
            rest = {**s.texts, "kegiatan": keg[len(CONTINUED):]}
            for kind, text in rest.items():
                if kind != "no" and text.strip():
                    prev.texts[kind] = _joined(prev.texts.get(kind, ""), _unlined(text))
            kel = list(s.kelengkapan)
            if kel and kel[0].startswith("\t") and prev.kelengkapan:
                prev.kelengkapan[-1] = _joined(prev.kelengkapan[-1], kel.pop(0))
            prev.kelengkapan.extend(k.lstrip("\t") for k in kel)
            continue
        s.kelengkapan = [k.lstrip("\t") for k in s.kelengkapan]
        out.append(s)
    return out


def _follow(target: Symbol, flows: list[FlowPage]) -> Symbol | None:
    """The step symbol a connector reaches, through an off-page connector pair if needed."""
    for _ in range(4):
        if target.kind != "offpage":
            return target
        twin = next(
            (
                s
                for f in flows
                for s in f.symbols
                if s.kind == "offpage" and s.label == target.label and s is not target and s.page != target.page
            ),
            None,
        )
        if twin is None:
            return None
        nxt = next((t for f in flows for src, t, _p in f.links if src is twin), None)
        if nxt is None:
            return None
        target = nxt
    return None


def _put_step(b: ImportBuilder, i: int, s: OwnStep, cols: list[Any]) -> None:
    o = s.origin
    b.locate(("kegiatan", i), o)
    at = {c.kind: replace(o, cell=k + 1) for k, c in reversed(list(enumerate(cols)))}
    for path, kind in (
        (("no",), "no"),
        (("uraian",), "kegiatan"),
        (("keterangan",), "keterangan"),
        (("mutu_baku", "kelengkapan"), "kelengkapan"),
        (("mutu_baku", "waktu"), "waktu"),
        (("mutu_baku", "output"), "output"),
    ):
        if kind in at:
            b.locate(("kegiatan", i, *path), at[kind])
    no = s.texts.get("no", "")
    if no.lstrip("-").isdigit():
        b.put(("kegiatan", i, "no"), int(no), at.get("no", o), 1.0)
    b.put(("kegiatan", i, "uraian"), s.texts.get("kegiatan", ""), at.get("kegiatan", o), 0.98)
    if s.symbol is not None:
        actor = cols[s.symbol.col].actor if 0 <= s.symbol.col < len(cols) else None
        here = replace(o, cell=s.symbol.col + 1)
        if actor:
            b.put(("kegiatan", i, "pelaksana"), [actor], here, 0.95)
        b.put(("kegiatan", i, "simbol"), s.symbol.kind if s.symbol.kind != "offpage" else "proses", here, 0.95)
    else:
        b.locate(("kegiatan", i, "pelaksana"), o)
    mutu: dict[str, Any] = {}
    if s.kelengkapan:
        mutu["kelengkapan"] = s.kelengkapan
    if s.texts.get("waktu"):
        mutu["waktu"] = s.texts["waktu"]
    if s.texts.get("output"):
        mutu["output"] = s.texts["output"]
    for key, value in mutu.items():
        b.put(("kegiatan", i, "mutu_baku", key), value, at.get(key, o), 0.95)
    if s.texts.get("keterangan"):
        b.put(("kegiatan", i, "keterangan"), s.texts["keterangan"], at.get("keterangan", o), 0.95)
