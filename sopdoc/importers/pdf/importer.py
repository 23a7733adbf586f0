"""Import foreign born-digital PDF SOPs through their geometry (DESIGN.md §7).

Per page: tables found on the text and thin rules only; the identity table and the six boxes
by their label variants; flowchart tables (repeated across pages, or several in one SOP) with
symbols read from the vector shapes in actor columns and decision targets from connectors.
Image-only pages, encrypted or damaged files and oversized documents become IMP findings;
nothing here raises on bad content, and the page count is capped so time stays bounded.
"""

from __future__ import annotations

import copy
import time
from pathlib import Path
from typing import Any

from sopdoc.importers.codes import imp_diagnostic
from sopdoc.importers.grid.flow_merge import merge_flows, split_flows
from sopdoc.importers.grid.flow_table import PdfFlowTable, continues, header_row, read_continuation, read_flow_table
from sopdoc.importers.grid.identity import read_identity_table
from sopdoc.importers.ocr.engine import ocr_available, picture_needs_ocr, scan_only_finding
from sopdoc.importers.ocr.importer import ImagePart, flag_unsure, read_image_pages
from sopdoc.importers.ocr.page import PageRead
from sopdoc.importers.ocr.pictures import RASTER_MIN_HEIGHT, large_pictures, overlaps, overlay_shapes, picture_area
from sopdoc.importers.own.pdf import import_own_pdf, is_sopdoc_pdf
from sopdoc.importers.pdf.cells import cell_rects, with_cell_rules
from sopdoc.importers.pdf.decisions import Link, branches, follow_links
from sopdoc.importers.pdf.header_above import header_above
from sopdoc.importers.pdf.shapes import extract_shapes
from sopdoc.importers.pdf.streams import StreamTooLarge, check_streams
from sopdoc.importers.pdf.words import SpacedTable, spaced_text
from sopdoc.importers.report import ImportBuilder, ImportResult
from sopdoc.model.diagnostic import Origin, Teks

__all__ = ["MAX_CROSSINGS", "MAX_PAGES", "MAX_PDF_BYTES", "MAX_RULE_PAIRS", "MAX_TABLE_RULES", "TIME_BUDGET",
           "import_pdf_file", "import_pdf_parts", "merge_flows"]

MAX_PAGES = 30  # an SOP is 1–5 pages; beyond this the file is not one SOP (bounded time)
MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_TABLE_RULES = 5000
"""Thin rules (lines and rects) on one page above which tables are not searched: the densest page
of the corpus has 538; pdfplumber's table finder grows with the square of the rules."""
MAX_RULE_PAIRS = 1_000_000
"""Horizontal × vertical rules on one page above which tables are not searched (the corpus peaks
at 64,080 = 360 × 178; a page of five 150×150 grids took pdfplumber 57 s)."""
MAX_CROSSINGS = 3000
"""Crossings of horizontal and vertical rules on one page above which tables are not searched:
pdfplumber's cell finder grows faster than the square of the crossings (five 31×31 grids, 4,805
crossings: 2–3 s; five 61×61 grids, 18,605: 26 s), while the densest page of the corpus has 984."""
TIME_BUDGET = 20.0
"""Seconds of page reading per file, checked between pages; the rest of the pages is reported,
not read. A real SOP of 1–5 pages reads in well under 2 s."""


def _keep(obj: dict[str, Any]) -> bool:
    """Text and thin rules only: what the table finder needs, without symbols and connectors."""
    if obj["object_type"] == "char":
        return True
    if obj["object_type"] in ("rect", "line"):
        return min(float(obj["width"]), float(obj["height"])) < 3
    return False


def import_pdf_file(path: str | Path, pages: range | None = None) -> ImportResult:
    """Import one foreign PDF; every problem with the file is an IMP finding, never an exception.
    ``pages`` (0-based) reads one SOP of a bundle (``importers/bundle.py``); its name says which.
    A document with several flowcharts gives its first here, with an IMP028 note saying so; the
    rest are in :func:`import_pdf_parts`, which ``sopdoc import`` uses."""
    return import_pdf_parts(path, pages)[0]


def import_pdf_parts(path: str | Path, pages: range | None = None) -> list[ImportResult]:
    """Import one foreign PDF: one result per flowchart it holds (``grid/flow_merge.split_flows``),
    each with the document's identity and boxes; one result when it holds one, or none."""
    name = str(path) if pages is None else f"{path}#halaman={pages.start + 1}-{pages.stop}"
    b = ImportBuilder(name, "pdf")
    where = Origin(file=name)
    try:
        size = Path(path).stat().st_size
    except OSError as exc:
        b.add(imp_diagnostic("IMP003", Teks(f"tidak dapat membaca berkas: {exc.strerror}",
                                            f"cannot read the file: {exc.strerror}"), origin=where))
        return [b.fail()]
    if size > MAX_PDF_BYTES:
        b.add(imp_diagnostic("IMP006", Teks(f"berkas {size} bita terlalu besar", f"file of {size} bytes is too large"),
                             origin=where))
        return [b.fail()]
    try:
        check_streams(Path(path).read_bytes())
    except StreamTooLarge as exc:
        b.add(imp_diagnostic("IMP009", Teks(f"aliran PDF terlalu besar setelah dibuka ({exc.where}); berkas ditolak",
                                            f"a PDF stream is too large once inflated ({exc.where}); file refused"),
                             origin=where))
        return [b.fail()]
    except OSError as exc:
        b.add(imp_diagnostic("IMP003", Teks(f"tidak dapat membaca berkas: {exc.strerror}",
                                            f"cannot read the file: {exc.strerror}"), origin=where))
        return [b.fail()]
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with pdfplumber.open(str(path), pages=None if pages is None else [p + 1 for p in pages]) as pdf:
            return _read(pdf, b, str(path), 0 if pages is None else pages.start)
    except PDFPasswordIncorrect:
        b.add(
            imp_diagnostic(
                "IMP004",
                Teks("PDF terenkripsi (perlu kata sandi)", "the PDF is encrypted (password needed)"),
                origin=where,
            )
        )
    except Exception as exc:
        if any(isinstance(a, PDFPasswordIncorrect) for a in getattr(exc, "args", ())):
            b.add(
                imp_diagnostic(
                    "IMP004",
                    Teks("PDF terenkripsi (perlu kata sandi)", "the PDF is encrypted (password needed)"),
                    origin=where,
                )
            )
            return [b.fail()]
        b.add(
            imp_diagnostic(
                "IMP003",
                Teks(
                    f"PDF rusak atau terpotong ({type(exc).__name__})",
                    f"damaged or truncated PDF ({type(exc).__name__})",
                ),
                origin=where,
            )
        )
    return [b.fail()]


def _read(pdf: Any, b: ImportBuilder, path: str, first: int = 0) -> list[ImportResult]:
    """Read the open ``pdf``; its page 1 is page ``first + 1`` of the file at ``path`` (a bundle part)."""
    name = b.file
    if getattr(pdf.doc, "encryption", None) and not pdf.pages:
        b.add(imp_diagnostic("IMP004", Teks("PDF terenkripsi", "the PDF is encrypted"), origin=Origin(file=name)))
        return [b.fail()]
    pages = _fast_pages(path, pdf.pages)
    if is_sopdoc_pdf(pdf):  # the pages, checked against the attachment (issue #13 point 5)
        own = import_own_pdf(pdf, pages, b, MAX_PAGES)
        if own is not None:
            return [own]
        b = ImportBuilder(name, "pdf")
    if len(pages) > MAX_PAGES:
        b.add(
            imp_diagnostic(
                "IMP006",
                Teks(
                    f"{len(pages)} halaman; hanya {MAX_PAGES} halaman pertama yang dibaca",
                    f"{len(pages)} pages; only the first {MAX_PAGES} were read",
                ),
                origin=Origin(file=name),
            )
        )
        pages = pages[:MAX_PAGES]
    flows: list[PdfFlowTable] = []
    identity_done = False
    identity_page = 0
    scanned = 0
    scans: list[int | ImagePart] = []
    overlaid: dict[int, int] = {}  # page with a symbol overlay → its text-layer tables
    ocr_reads: list[PageRead] = []
    links: list[Link] = []  # decisions with an exit into an off-page connector
    sites: list[tuple[PdfFlowTable, Any, list[Any]]] = []  # each table read: its page and cells
    started = time.monotonic()
    for pno, page in enumerate(pages, start=1):
        if time.monotonic() - started > TIME_BUDGET:
            b.add(
                imp_diagnostic(
                    "IMP032",
                    Teks(
                        f"waktu impor habis ({TIME_BUDGET:.0f} detik); halaman {pno}–{len(pages)} tidak dibaca",
                        f"import time is up ({TIME_BUDGET:.0f} seconds); pages {pno}–{len(pages)} were not read",
                    ),
                    origin=Origin(file=name, page=pno),
                )
            )
            break
        if not page.chars:
            if page.images:
                scanned += 1
                scans.append(pno)
                b.add(
                    imp_diagnostic(
                        "IMP005",
                        Teks("halaman hasil pindai, perlu OCR", "scanned page, needs OCR"),
                        origin=Origin(file=name, page=pno),
                    )
                )
            continue
        _hidden_text(b, page, pno)
        cells = cell_rects(page)
        ruled = with_cell_rules(page.filter(_keep), cells)
        dense = _too_dense(ruled)
        crossings = 0 if dense else _crossings(ruled, MAX_CROSSINGS)
        if dense or crossings > MAX_CROSSINGS:
            b.add(
                imp_diagnostic(
                    "IMP033",
                    Teks(
                        f"halaman terlalu padat garis ({dense}); tabelnya tidak dicari",
                        f"page too dense with rules ({dense}); its tables were not searched",
                    ) if dense else Teks(
                        f"halaman terlalu padat garis (> {MAX_CROSSINGS} perpotongan); tabelnya tidak dicari",
                        f"page too dense with rules (> {MAX_CROSSINGS} crossings); its tables were not searched",
                    ),
                    origin=Origin(file=name, page=pno),
                )
            )
            continue
        tables: list[Any] = [SpacedTable(t) for t in ruled.find_tables()]
        shapes = extract_shapes(page, cells)
        pictures = large_pictures(page)
        covered: list[tuple[float, float, float, float]] = []
        for t_index, found in enumerate(tables, start=1):
            table: Any = found
            rows = table.extract()
            start = header_row(rows)
            above = rows if start is None else rows[:start]
            # the six boxes may sit in a second table under the identity table (bps-028, bps-031):
            # tables of the identity's page before any flowchart are read for labels too
            if above and (not identity_done or (identity_page == pno and not flows)) \
                    and read_identity_table(above, b, pno, t_index):
                identity_done, identity_page = True, pno
            headed = None
            if start is None and not (flows and continues(table, flows[-1])):
                headed = header_above(table, page.chars, _bottom_above(tables, table))
                if headed is None:
                    continue
                table = headed  # the header printed above the table, outside it (bps 077)
            over = [p for p in pictures if overlaps(p, tuple(table.bbox), 0.5)]
            here, conf = _with_overlay(path, first + pno, over, shapes)
            if start is not None:
                flow = read_flow_table(table, pno, t_index, name, here, start)
                flow.title = _title_above(page.chars, table, tables) if start == 0 else ""
            elif headed is not None:
                flow = read_flow_table(headed, pno, t_index, name, here)
            else:
                flow = read_continuation(table, flows[-1], pno, t_index, name, here)
            grid = [c for r in table.rows for c in r.cells if c]
            links.extend(branches(flow, page, grid))
            sites.append((flow, page, grid))
            flows.append(flow)
            covered.extend(over)
            if conf:
                ocr_reads.append(_overlay_read(flow, conf))
                overlaid[pno] = len(tables)  # the grid of the page image may read it better
                scans.append(ImagePart(pno, first_table=len(tables) + 1, chars=tuple(page.chars)))
        for box in picture_area([p for p in pictures if p not in covered]):
            if box[3] - box[1] >= RASTER_MIN_HEIGHT:  # a raster flowchart: read like a scan
                scans.append(ImagePart(pno, box, first_table=len(tables) + 1))
        if page.images and any(im["width"] < 80 and im["top"] > page.height * 0.8 for im in page.images):
            b.add(
                imp_diagnostic(
                    "IMP031",
                    Teks(
                        "kode QR dan catatan tanda tangan elektronik diabaikan", "QR code and e-signature note ignored"
                    ),
                    origin=Origin(file=name, page=pno),
                )
            )
    if links:
        follow_links(links, sites)
    if scans and ocr_available():  # scanned pages and raster flowcharts through OCR (sopdoc.importers.ocr)
        identity_done, more = read_image_pages(name, scans, b, flows, identity_done, source=path, first=first)
        ocr_reads.extend(more)
        for pno, count in overlaid.items():  # the page image's grid read the overlaid table: keep that one
            if any(f.page == pno and f.index > count for f in flows):
                flows[:] = [f for f in flows if f.page != pno or f.index > count]
        scanned = 0 if flows or identity_done else scanned
    elif scans:
        for part in scans:
            if isinstance(part, ImagePart):
                b.add(picture_needs_ocr(name, part.page))
    if not flows:
        if scanned and scanned == len(pages):
            b.add(scan_only_finding(name))  # IMP050 when OCR is missing (sopdoc.importers.ocr)
            return [b.fail()]
        b.add(
            imp_diagnostic(
                "IMP020", Teks("tabel kegiatan tidak ditemukan", "no step table found"), origin=Origin(file=name)
            )
        )
        if not identity_done:
            return [b.fail()]
        return [b.finish()]
    groups = split_flows(flows)
    if len(groups) == 1:
        merge_flows(b, flows)
        flag_unsure(b, ocr_reads)
        return [b.finish()]
    return [_part(b, group, k, len(groups), ocr_reads) for k, group in enumerate(groups, start=1)]


def _part(b: ImportBuilder, group: list[PdfFlowTable], k: int, n: int, ocr_reads: list[PageRead]) -> ImportResult:
    """Flowchart ``k`` of ``n`` as an SOP of its own, with the identity and boxes read so far;
    its name says which table it is (the line printed above the table, else its number)."""
    part = copy.deepcopy(b)
    first = group[0]
    what = first.title or f"tabel {k}"
    nama = (part.data.get("identitas") or {}).get("nama")
    origin = Origin(file=b.file, page=first.page, table=first.index, row=1)
    if nama:
        part.put(("identitas", "nama"), f"{nama} ({what})", origin, 0.8)
    part.add(imp_diagnostic("IMP028", Teks(
        f"tabel kegiatan {k} dari {n} ({what}), tiap tabel bernomor sendiri: diimpor sebagai SOP "
        "tersendiri dengan identitas yang sama",
        f"step table {k} of {n} ({what}), each table numbered on its own: imported as an SOP of its "
        "own with the same identity"), origin=origin))
    merge_flows(part, group)
    flag_unsure(part, ocr_reads)
    part.rename(f"{b.file}{'&' if '#' in b.file else '#'}tabel={k}")  # findings name the part they are in
    return part.finish()




TITLE_BAND = 20.0
"""Points above a flowchart table searched for its title line (e.g. the budget account)."""


def _title_above(chars: list[dict[str, Any]], table: Any, tables: list[Any]) -> str:
    """The line printed just above ``table`` and inside no table, or ""."""
    x0, top, x1 = float(table.bbox[0]), float(table.bbox[1]), float(table.bbox[2])

    def free(c: dict[str, Any]) -> bool:
        cx, cy = (float(c["x0"]) + float(c["x1"])) / 2, (float(c["top"]) + float(c["bottom"])) / 2
        return not any(t.bbox[0] <= cx <= t.bbox[2] and t.bbox[1] <= cy <= t.bbox[3] for t in tables)

    band = [c for c in chars if top - TITLE_BAND <= float(c["top"]) and float(c["bottom"]) <= top + 0.5
            and x0 - 1 <= float(c["x0"]) and float(c["x1"]) <= x1 + 1 and free(c)]
    return " ".join(spaced_text(band).split())[:120] if band else ""


def _bottom_above(tables: list[Any], table: Any) -> float | None:
    """The bottom of the lowest table that ends above ``table`` and overlaps it in x, or None."""
    x0, top, x1 = float(table.bbox[0]), float(table.bbox[1]), float(table.bbox[2])
    ends = [float(t.bbox[3]) for t in tables if t is not table and float(t.bbox[3]) <= top + 1
            and float(t.bbox[0]) < x1 and float(t.bbox[2]) > x0]
    return max(ends, default=None)


def _too_dense(page: Any) -> str:
    """Why the table finder must not run on ``page`` (too many rules), or ""."""
    rules = [*page.objects.get("rect", ()), *page.objects.get("line", ())]
    if len(rules) > MAX_TABLE_RULES:
        return f"{len(rules)} > {MAX_TABLE_RULES}"
    flat = sum(1 for o in rules if float(o["height"]) < 3)
    if flat * (len(rules) - flat) > MAX_RULE_PAIRS:
        return f"{flat} × {len(rules) - flat} > {MAX_RULE_PAIRS}"
    return ""


def _crossings(page: Any, cap: int, tol: float = 3.0) -> int:
    """How many horizontal and vertical rules of ``page`` cross (within ``tol`` points, pdfplumber's
    snapping), counted up to ``cap + 1``; bounded by MAX_RULE_PAIRS checks (checked before)."""
    import bisect

    rules = [*page.objects.get("rect", ()), *page.objects.get("line", ())]
    flat = sorted(((float(o["top"]) + float(o["bottom"])) / 2, float(o["x0"]), float(o["x1"]))
                  for o in rules if float(o["height"]) < 3)
    ys = [h[0] for h in flat]
    count = 0
    for o in rules:
        if float(o["height"]) < 3:
            continue
        x = (float(o["x0"]) + float(o["x1"])) / 2
        lo = bisect.bisect_left(ys, float(o["top"]) - tol)
        hi = bisect.bisect_right(ys, float(o["bottom"]) + tol)
        for _y, x0, x1 in flat[lo:hi]:
            if x0 - tol <= x <= x1 + tol:
                count += 1
                if count > cap:
                    return count
    return count


def _hidden_text(b: ImportBuilder, page: Any, pno: int) -> None:
    """One IMP037 per string of the page's text layer a reader does not see (pdfium pages leave it
    out of their characters: under a fill painted later, or under another string)."""
    for h in getattr(page, "hidden", ()):
        where = f"{h.box[0]:.0f},{h.box[1]:.0f}–{h.box[2]:.0f},{h.box[3]:.0f} pt"
        if h.shown is None:
            said = Teks(f"teks '{h.text}' tertutup isian dan tidak tampak; diabaikan (kotak {where})",
                        f"text '{h.text}' is covered by a fill and not visible; ignored (box {where})")
        else:
            said = Teks(f"teks '{h.text}' tertimpa teks '{h.shown}'; yang di atas dibaca (kotak {where})",
                        f"text '{h.text}' is overprinted by '{h.shown}'; the one on top is read (box {where})")
        b.add(imp_diagnostic("IMP037", said, origin=Origin(file=b.file, page=pno)))


def _fast_pages(name: str, pages: list[Any]) -> list[Any]:
    """The pages read with pdfium (fast), or pdfplumber's own pages when pdfium cannot."""
    from sopdoc.importers.pdf.pdfium import open_pdfium_pages

    try:
        total, fast = open_pdfium_pages(name, MAX_PAGES)
    except Exception:
        return pages
    if total != len(pages):
        return pages
    return fast + list(pages[len(fast) :])


def _with_overlay(path: str, pno: int, pictures: list[Any], shapes: list[Any]
                  ) -> tuple[list[Any], dict[int, float]]:
    """``shapes`` plus the symbols of the overlay pictures over a text-layer step table (006), and
    the confidence of each picture symbol (by ``id``)."""
    if not pictures:
        return shapes, {}
    out = list(shapes)
    conf: dict[int, float] = {}
    for box in pictures:
        try:
            got, sure = overlay_shapes(path, pno - 1, box)
        except Exception:  # a picture pdfium cannot decode: the vector shapes stay
            continue
        out.extend(got)
        conf.update(sure)
    return out, conf


def _overlay_read(flow: PdfFlowTable, conf: dict[int, float]) -> PageRead:
    """The confidence of each row's picture symbols, for the IMP030 flags of ``flag_unsure``."""
    read = PageRead()
    for step, placed in zip(flow.steps, flow.shapes, strict=False):
        sure = [conf[id(p)] for p in placed if id(p) in conf]
        if sure:
            read.row_conf[(flow.page, flow.index, step.origin.row or 0)] = min(sure)
    return read
