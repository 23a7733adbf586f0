"""SVG painter: every page of a :class:`LayoutDocument` as one SVG (pages stacked).

Same geometry as the PDF; SVG's y already grows downwards, so coordinates are used as they are.
Line classes become CSS classes (``grid``, ``connector``, ``symbol``) with the layout's widths.
The faces the layout measured with travel inside the SVG (``svg_fonts``: subset WOFF data URIs),
so text stays in its cells whatever fonts the viewer has; every text goes through
``safe_text.xml_escape``, so the document is well-formed whatever the SOP says.
"""

from __future__ import annotations

import itertools

from sopdoc.layout.geometry import (
    BRIDGE_R,
    BULLET,
    LINE_WIDTHS,
    Align,
    Connector,
    LayoutDocument,
    LineClass,
    Page,
    PageKind,
    SymbolBox,
    SymbolKind,
    TextBlock,
)
from sopdoc.render.svg_fonts import EMBED_FAMILY, FALLBACK_FAMILY, GlyphPaths, font_face_css
from sopdoc.safe_text import xml_escape as escape

__all__ = ["render_svg"]

PAGE_GAP = 16.0


def _f(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def render_svg(layout: LayoutDocument, include_identity: bool = True, *, embed_font: bool = True,
               text_as_paths: bool = False) -> str:
    """Every page (only the flowchart pages when ``include_identity`` is False) as an SVG document
    string; ``embed_font`` embeds the layout's faces subset to the characters drawn;
    ``text_as_paths`` draws every text as glyph outlines instead (no font needed at all)."""
    paths = GlyphPaths(layout.font_regular) if text_as_paths else None
    if paths is not None and not paths.usable:
        paths = None
    if paths is not None:
        embed_font = False
    pages = [p for p in layout.pages if include_identity or p.kind is PageKind.FLOWCHART]
    width = max((p.width for p in pages), default=100.0)
    height = sum(p.height for p in pages) + PAGE_GAP * max(len(pages) - 1, 0)
    family = "'Liberation Serif', 'Times New Roman', 'DejaVu Serif', serif" if "Serif" in layout.font_regular or \
        "Times" in layout.font_regular else "'Liberation Sans', Arial, Helvetica, 'DejaVu Sans', sans-serif"
    faces = font_face_css(layout.font_regular, _chars(pages, layout.draft)) if embed_font else ""
    if faces:
        family = f"'{EMBED_FAMILY}', '{FALLBACK_FAMILY}', {family}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{_f(width)}pt" height="{_f(height)}pt" '
        f'viewBox="0 0 {_f(width)} {_f(height)}">',
        f"<title>{escape(layout.title)}</title>",
        "<defs><marker id=\"arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"5\" "
        "markerHeight=\"5\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#000\"/></marker></defs>",
        "<style>"
        f".grid{{fill:none;stroke:#000;stroke-width:{LINE_WIDTHS[LineClass.GRID]}}}"
        f".connector{{fill:none;stroke:#000;stroke-width:{LINE_WIDTHS[LineClass.CONNECTOR]}}}"
        f".symbol{{fill:#fff;stroke:#000;stroke-width:{LINE_WIDTHS[LineClass.SYMBOL]}}}"
        ".shade{fill:#e6e6e6}"
        f"{faces}text{{font-family:{family};font-kerning:none;fill:#000}}.b{{font-weight:bold}}.i{{font-style:italic}}"
        "</style>",
    ]
    y0 = 0.0
    for page in pages:
        out.append(f'<g transform="translate(0 {_f(y0)})">')
        out.append(f'<rect x="0" y="0" width="{_f(page.width)}" height="{_f(page.height)}" fill="#fff"/>')
        if layout.draft and paths is not None:
            size = min(page.width, page.height) / 4
            _, w = paths.line("DRAFT", 0, 0, size, True, False)
            g, _ = paths.line("DRAFT", page.width / 2 - w / 2, page.height / 2 + size / 3, size, True, False,
                              fill="#d9d9d9")
            out.append(f'<g transform="rotate(-30 {_f(page.width / 2)} {_f(page.height / 2)})">{g}</g>')
        elif layout.draft:
            out.append(f'<text x="{_f(page.width / 2)}" y="{_f(page.height / 2)}" text-anchor="middle" '
                       f'font-size="{_f(min(page.width, page.height) / 4)}" fill="#d9d9d9" class="b" '
                       f'transform="rotate(-30 {_f(page.width / 2)} {_f(page.height / 2)})">DRAFT</text>')
        _page(out, page, paths)
        out.append("</g>")
        y0 += page.height + PAGE_GAP
    if paths is not None:
        out.insert(3, f"<defs>{paths.defs_xml()}</defs>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _chars(pages: list[Page], draft: bool) -> dict[tuple[bool, bool], set[str]]:
    """The characters drawn per (bold, italic) face (what the embedded fonts must hold)."""
    used: dict[tuple[bool, bool], set[str]] = {(True, False): set("DRAFT" if draft else "")}
    blocks = [c.text for p in pages for c in p.cells if c.text is not None] + \
        [lb.text for p in pages for lb in p.labels]
    for block in blocks:
        face = used.setdefault((block.bold, block.italic and not block.bold), set())
        face.update(*block.lines)
        if block.bullets:
            face.add(BULLET)
    used[(True, False)].update(*(s.label for p in pages for s in p.symbols if s.label))
    return used


def _page(out: list[str], page: Page, paths: GlyphPaths | None = None) -> None:
    for cell in page.cells:
        r = cell.rect
        if cell.shade:
            out.append(f'<rect class="shade" x="{_f(r.x)}" y="{_f(r.y)}" width="{_f(r.w)}" height="{_f(r.h)}"/>')
        if cell.border:
            out.append(f'<rect class="grid" x="{_f(r.x)}" y="{_f(r.y)}" width="{_f(r.w)}" height="{_f(r.h)}"/>')
        if cell.text is not None:
            _text(out, cell.text, paths)
    for conn in page.connectors:
        _connector(out, conn)
    for sym in page.symbols:
        _symbol(out, sym, paths)
    for label in page.labels:
        _text(out, label.text, paths)


def _text(out: list[str], block: TextBlock, paths: GlyphPaths | None = None) -> None:
    cls = ' class="b"' if block.bold else (' class="i"' if block.italic else "")
    # a rotated block is drawn in its own frame: turned 90° counter-clockwise around its origin
    turn = (f' transform="translate({_f(block.origin[0])} {_f(block.origin[1])}) rotate(-90)"'
            if block.rotated else "")
    for i, line in enumerate(block.lines):
        if not line.strip():
            continue
        pieces = [(block.x, BULLET, Align.LEFT)] if i in block.bullets else []
        for x, piece, align in (*pieces, (block.line_x(i), line, block.align)):
            if paths is not None:
                glyphs = paths.line(piece, x, block.baseline(i), block.font_size, block.bold,
                                    block.italic and not block.bold)[0]
                out.append(f"<g{turn}>{glyphs}</g>" if turn else glyphs)
                continue
            if align is Align.CENTER:
                attrs = f'x="{_f(block.x + block.width / 2)}" text-anchor="middle"'
            else:
                attrs = f'x="{_f(x)}"'
            out.append(f'<text {attrs} y="{_f(block.baseline(i))}" font-size="{_f(block.font_size)}"{cls}{turn} '
                       f'xml:space="preserve">{escape(piece)}</text>')


def _connector(out: list[str], conn: Connector) -> None:
    marker = ' marker-end="url(#arrow)"' if conn.arrow_end else ""
    if not conn.bridges:
        pts = " ".join(f"{_f(x)},{_f(y)}" for x, y in conn.points)
        out.append(f'<polyline class="connector" points="{pts}"{marker}/>')
        return
    # a path with a half circle over every bridge (the run hops over the line it crosses)
    d = [f"M{_f(conn.points[0][0])},{_f(conn.points[0][1])}"]
    for a, b in itertools.pairwise(conn.points):
        if abs(a[1] - b[1]) < 1e-6:
            forward = b[0] >= a[0]
            lo, hi = sorted((a[0], b[0]))
            for x, y in sorted(conn.bridges, reverse=not forward):
                if abs(y - a[1]) < 1e-6 and lo < x < hi:
                    step = BRIDGE_R if forward else -BRIDGE_R
                    d.append(f"L{_f(x - step)},{_f(y)}A{_f(BRIDGE_R)},{_f(BRIDGE_R)} 0 0 {int(forward)} "
                             f"{_f(x + step)},{_f(y)}")
        d.append(f"L{_f(b[0])},{_f(b[1])}")
    out.append(f'<path class="connector" d="{"".join(d)}"{marker}/>')


def _symbol(out: list[str], sym: SymbolBox, paths: GlyphPaths | None = None) -> None:
    r = sym.rect
    if sym.kind is SymbolKind.PROSES:
        out.append(f'<rect class="symbol" x="{_f(r.x)}" y="{_f(r.y)}" width="{_f(r.w)}" height="{_f(r.h)}"/>')
    elif sym.kind is SymbolKind.TERMINATOR:
        rad = min(r.w, r.h) / 2
        out.append(f'<rect class="symbol" x="{_f(r.x)}" y="{_f(r.y)}" width="{_f(r.w)}" height="{_f(r.h)}" '
                   f'rx="{_f(rad)}" ry="{_f(rad)}"/>')
    else:
        if sym.kind is SymbolKind.KEPUTUSAN:
            pts = [(r.cx, r.y), (r.right, r.cy), (r.cx, r.bottom), (r.x, r.cy)]
        else:
            tip = r.h * 0.35
            pts = [(r.x, r.y), (r.right, r.y), (r.right, r.bottom - tip), (r.cx, r.bottom), (r.x, r.bottom - tip)]
        out.append(f'<polygon class="symbol" points="{" ".join(f"{_f(x)},{_f(y)}" for x, y in pts)}"/>')
    if sym.label and paths is not None:
        _, w = paths.line(sym.label, 0, 0, sym.font_size, True, False)
        out.append(paths.line(sym.label, r.cx - w / 2, r.y + r.h * 0.55, sym.font_size, True, False)[0])
    elif sym.label:
        out.append(f'<text x="{_f(r.cx)}" y="{_f(r.y + r.h * 0.55)}" text-anchor="middle" '
                   f'font-size="{_f(sym.font_size)}" class="b">{escape(sym.label)}</text>')
