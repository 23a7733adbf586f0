"""PDF painter: draws a :class:`LayoutDocument` with reportlab, then attaches the canonical SOP.

The painter decides nothing: every position, line break and page break comes from the layout.
Grid, connector and symbol strokes use the widths of ``LINE_WIDTHS`` so our PDFs can be read
back. Layout y grows downwards; PDF y grows upwards, so ``_y(page, y) = page.height - y``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from collections.abc import Callable

from sopdoc import __version__
from sopdoc.layout.geometry import (
    BRIDGE_R,
    BULLET,
    LINE_WIDTHS,
    Cell,
    Connector,
    LayoutDocument,
    LineClass,
    Page,
    SymbolBox,
    SymbolKind,
    TextBlock,
)
from sopdoc.layout.metrics import ensure_font, font_runs
from sopdoc.model.sop import Sop
from sopdoc.source.writer import sop_to_yaml

__all__ = ["ATTACHMENT_NAME", "CellFill", "content_hash", "render_pdf"]

ATTACHMENT_NAME = "sop.sop.yaml"
HEADER_FILL = (0.9, 0.9, 0.9)
ARROW = 4.0

CellFill = Callable[[Page, Cell], tuple[float, float, float] | None]
"""A cell's background colour (RGB 0..1) on a page, or None for the usual one (a redline's marks)."""


def content_hash(canonical_yaml: str) -> str:
    """SHA-256 of the canonical YAML text (what the QR code and the attachment pin)."""
    return hashlib.sha256(canonical_yaml.encode("utf-8")).hexdigest()


def render_pdf(sop: Sop, layout: LayoutDocument, *, qr: bool = False, attach: bool = True,
               canonical: str | None = None, fills: CellFill | None = None) -> bytes:
    """The PDF of ``sop`` as laid out in ``layout`` (bytes). ``qr`` adds a QR code with the
    content hash to every page; ``attach`` embeds the canonical SOP YAML as a file attachment
    (``canonical``, ``sop_to_yaml(sop)``, may be passed when already made for another format);
    ``fills`` colours the background of chosen cells (a redline's marks)."""
    from reportlab import rl_config

    saved = rl_config.useA85
    rl_config.useA85 = 0  # binary streams: ASCII85 only makes the file bigger and slower
    try:
        if canonical is None:  # the YAML only when the attachment or the QR code's hash needs it
            canonical = sop_to_yaml(sop) if attach or qr else ""
        return _render(sop, layout, qr, attach, canonical, fills)
    finally:
        rl_config.useA85 = saved


def _render(sop: Sop, layout: LayoutDocument, qr: bool, attach: bool, canonical: str,
            fills: CellFill | None = None) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    ensure_font(layout.font_regular)  # the canvas's initial font; other faces on first use
    first = layout.pages[0] if layout.pages else None
    canvas = Canvas(buf, pagesize=(first.width, first.height) if first else (595, 842), invariant=1,
                    pageCompression=1, initialFontName=layout.font_regular, initialFontSize=8)
    canvas.setTitle(layout.title)
    canvas.setSubject(layout.subject)
    canvas.setCreator(f"sopdoc {__version__}")
    canvas.setAuthor(" / ".join(sop.identitas.instansi))
    digest = content_hash(canonical) if qr else None
    if attach:
        _attach(canvas, canonical.encode("utf-8"))
    for page in layout.pages:
        canvas.setPageSize((page.width, page.height))
        _paint_page(canvas, page, layout, digest, fills)
        _item_marks(canvas, page, sop)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _paint_page(canvas, page: Page, layout: LayoutDocument, digest: str | None,
                fills: CellFill | None = None) -> None:
    if layout.draft:
        _watermark(canvas, page, layout.font_bold)
    for image in page.images:
        with contextlib.suppress(Exception):  # an unreadable picture is left out, the page is still drawn
            canvas.drawImage(image.path, image.rect.x, page.height - image.rect.bottom, image.rect.w,
                             image.rect.h, preserveAspectRatio=True, mask="auto")
    if fills is not None:
        _paint_fills(canvas, page, fills)
    texts = _paint_cells(canvas, page)
    canvas.setLineWidth(LINE_WIDTHS[LineClass.CONNECTOR])
    for conn in page.connectors:
        _paint_connector(canvas, page, conn)
    canvas.setLineWidth(LINE_WIDTHS[LineClass.SYMBOL])
    for sym in page.symbols:
        _paint_symbol(canvas, page, sym, layout)
    texts.extend(label.text for label in page.labels)
    _paint_texts(canvas, page, texts, layout)
    if digest:
        _qr(canvas, page, digest)


def _paint_cells(canvas, page: Page) -> list[TextBlock]:
    """Draw the page's cell borders and shading (one line width for all; the fill colour set only
    when it changes); returns the cells' texts, drawn later in one text object."""
    canvas.setLineWidth(LINE_WIDTHS[LineClass.GRID])
    shading = False  # whether the fill colour is HEADER_FILL (else black, unused by unfilled rects)
    texts: list[TextBlock] = []
    height = page.height
    rect = canvas.rect
    for cell in page.cells:
        if cell.shade or cell.border:
            if cell.shade and not shading:
                canvas.setFillColorRGB(*HEADER_FILL)
                shading = True
            r = cell.rect
            rect(r.x, height - r.bottom, r.w, r.h, stroke=1 if cell.border else 0, fill=1 if cell.shade else 0)
        if cell.text is not None and cell.text.lines:
            texts.append(cell.text)
    if shading:
        canvas.setFillColorRGB(0, 0, 0)
    return texts


def _paint_fills(canvas, page: Page, fills: CellFill) -> None:
    """Colour the background of the cells ``fills`` picks (before borders, symbols and text)."""
    for cell in page.cells:
        colour = fills(page, cell)
        if colour is not None:
            r = cell.rect
            canvas.setFillColorRGB(*colour)
            canvas.rect(r.x, page.height - r.bottom, r.w, r.h, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)


def _paint_texts(canvas, page: Page, blocks: list[TextBlock], layout: LayoutDocument) -> None:
    """All text of a page in one PDF text object (one Tm per line, Tf only when the font changes);
    a rotated block's lines get a turned text matrix, a bulleted line its bullet first."""
    text = canvas.beginText()
    current: tuple[str, float] | None = None
    for block in blocks:
        font = layout.font_bold if block.bold else (layout.font_italic if block.italic else layout.font_regular)
        fallback = layout.font_fallback_bold if block.bold else layout.font_fallback
        for i, line in enumerate(block.lines):
            if not line:
                continue
            pieces = [(block.x, BULLET)] if i in block.bullets else []
            for x, piece in (*pieces, (block.line_x(i), line)):
                px, py = block.to_page(x, block.baseline(i))
                if block.rotated:  # reads bottom-to-top: the text's x runs up the page
                    text.setTextTransform(0, 1, -1, 0, px, page.height - py)
                else:
                    text.setTextOrigin(px, page.height - py)
                for face, run in font_runs(piece, font, fallback):
                    if current != (face, block.font_size):
                        ensure_font(face)
                        text.setFont(face, block.font_size)
                        current = (face, block.font_size)
                    text.textOut(run)
    canvas.drawText(text)


def _paint_connector(canvas, page: Page, conn: Connector) -> None:
    pts = [(x, page.height - y) for x, y in conn.points]
    path = canvas.beginPath()
    path.moveTo(*pts[0])
    end = pts[-1]
    prev = pts[-2]
    for i, p in enumerate(pts[1:], 1):
        if conn.bridges and abs(pts[i - 1][1] - p[1]) < 1e-6:
            _hop(path, pts[i - 1], p, [(x, page.height - y) for x, y in conn.bridges])
        if i == len(pts) - 1 and conn.arrow_end:  # stop the line at the arrowhead's base
            dx, dy = _unit(prev, end)
            p = (end[0] - dx * ARROW * 0.8, end[1] - dy * ARROW * 0.8)
        path.lineTo(*p)
    canvas.drawPath(path, stroke=1, fill=0)
    if conn.arrow_end:
        dx, dy = _unit(prev, end)
        base = (end[0] - dx * ARROW, end[1] - dy * ARROW)
        head = canvas.beginPath()
        head.moveTo(*end)
        head.lineTo(base[0] - dy * ARROW * 0.45, base[1] + dx * ARROW * 0.45)
        head.lineTo(base[0] + dy * ARROW * 0.45, base[1] - dx * ARROW * 0.45)
        head.close()
        canvas.drawPath(head, stroke=0, fill=1)


def _hop(path, a: tuple[float, float], b: tuple[float, float], bridges: list[tuple[float, float]]) -> None:
    """On the horizontal run from ``a`` to ``b`` (PDF coordinates), a half circle over each
    bridge point on it (the run hops over the line it crosses)."""
    forward = b[0] >= a[0]
    lo, hi = sorted((a[0], b[0]))
    for x, y in sorted(bridges, reverse=not forward):
        if abs(y - a[1]) < 1e-6 and lo < x < hi:
            start = x - BRIDGE_R if forward else x + BRIDGE_R
            path.lineTo(start, y)
            path.arcTo(x - BRIDGE_R, y - BRIDGE_R, x + BRIDGE_R, y + BRIDGE_R, 180 if forward else 0,
                       -180 if forward else 180)


def _unit(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = (dx * dx + dy * dy) ** 0.5 or 1.0
    return dx / n, dy / n


def _paint_symbol(canvas, page: Page, sym: SymbolBox, layout: LayoutDocument) -> None:
    r = sym.rect
    x, y = r.x, page.height - r.bottom
    canvas.setFillColorRGB(1, 1, 1)
    if sym.kind is SymbolKind.PROSES:
        canvas.rect(x, y, r.w, r.h, stroke=1, fill=1)
    elif sym.kind is SymbolKind.TERMINATOR:
        canvas.roundRect(x, y, r.w, r.h, min(r.h, r.w) / 2, stroke=1, fill=1)
    else:
        if sym.kind is SymbolKind.KEPUTUSAN:
            pts = [(r.cx, y + r.h), (r.right, y + r.h / 2), (r.cx, y), (x, y + r.h / 2)]
        else:  # off-page connector: a pentagon pointing down
            tip = r.h * 0.35
            pts = [(x, y + r.h), (r.right, y + r.h), (r.right, y + tip), (r.cx, y), (x, y + tip)]
        path = canvas.beginPath()
        path.moveTo(*pts[0])
        for p in pts[1:]:
            path.lineTo(*p)
        path.close()
        canvas.drawPath(path, stroke=1, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    if sym.label:
        ensure_font(layout.font_bold)
        canvas.setFont(layout.font_bold, sym.font_size)
        canvas.drawCentredString(r.cx, page.height - r.y - r.h * 0.55, sym.label)


ITEM_MARK = 0.5
"""Side of the invisible (white) square drawn at the baseline of the first line of each
kelengkapan item and each kop line, so that an importer can tell a new item from a wrapped line
(``sopdoc.importers.own.pdf``)."""


def _item_marks(canvas, page: Page, sop: Sop) -> None:
    """Mark where each kop line and each kelengkapan item starts on ``page``."""
    canvas.setFillColorRGB(1, 1, 1)
    for cell in page.cells:
        if cell.role == "kop.line" and cell.text is not None and cell.text.lines:
            canvas.rect(cell.rect.x + ITEM_MARK, page.height - cell.text.baseline(0), ITEM_MARK, ITEM_MARK,
                        stroke=0, fill=1)
    rows = {r.index: r for r in page.table.rows} if page.table is not None else {}
    for cell in page.cells:
        row = rows.get(cell.row)
        if cell.role != "kelengkapan" or cell.text is None or row is None or row.step is None:
            continue
        if not 0 <= row.step < len(sop.kegiatan):
            continue
        starts = cell.text.bullets or _item_starts(sop.kegiatan[row.step].mutu_baku.kelengkapan, cell.text.lines)
        for i in starts:
            canvas.rect(cell.rect.x + ITEM_MARK, page.height - cell.text.baseline(i), ITEM_MARK, ITEM_MARK,
                        stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)


def _item_starts(items: tuple[str, ...], lines: tuple[str, ...]) -> list[int]:
    """Indexes of the lines that begin an item: lines are consumed until they hold as many
    non-space characters as the item (wrapping only moves characters between lines)."""
    starts: list[int] = []
    k = 0
    for item in items:
        want = len("".join(item.split()))
        if k >= len(lines) or not want:
            continue
        starts.append(k)
        got = 0
        while k < len(lines) and got < want:
            got += len("".join(lines[k].split()))
            k += 1
    return starts


def _watermark(canvas, page: Page, font: str) -> None:
    canvas.saveState()
    canvas.setFillColorRGB(0.85, 0.85, 0.85)
    ensure_font(font)
    canvas.setFont(font, min(page.width, page.height) / 4)
    canvas.translate(page.width / 2, page.height / 2)
    canvas.rotate(30)
    canvas.drawCentredString(0, -min(page.width, page.height) / 12, "DRAFT")
    canvas.restoreState()


def _qr(canvas, page: Page, digest: str) -> None:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    size = 34.0
    widget = QrCodeWidget(f"sopdoc:sha256:{digest}")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, 20.0, 8.0)


def _attach(canvas, data: bytes) -> None:
    """Embed ``data`` as the file attachment ``ATTACHMENT_NAME`` (catalog /Names /EmbeddedFiles).

    reportlab has no public API for this; its PDF object classes build the three objects."""
    from reportlab.pdfbase import pdfdoc as d

    doc = canvas._doc
    stream = d.PDFStream(d.PDFDictionary({"Type": d.PDFName("EmbeddedFile"),
                                          "Params": d.PDFDictionary({"Size": len(data)})}),
                         data, filters=[d.PDFZCompress])
    spec = d.PDFDictionary({"Type": d.PDFName("Filespec"), "F": d.PDFString(ATTACHMENT_NAME),
                            "UF": d.PDFString(ATTACHMENT_NAME), "Desc": d.PDFString("SOP (sopdoc YAML)"),
                            "EF": d.PDFDictionary({"F": doc.Reference(stream)})})
    names = d.PDFArray([d.PDFString(ATTACHMENT_NAME), doc.Reference(spec)])
    doc.Catalog.Names = d.PDFDictionary({"EmbeddedFiles": d.PDFDictionary({"Names": names})})
