"""The frozen geometry the painters consume: pages, cells with wrapped lines, symbols, connectors.

Units and axes
--------------
Every length is in **points** (1/72 inch). The origin is the **top-left corner of the page**, x
grows to the right and **y grows downwards** (like DOCX and SVG). The PDF painter flips y
(``pdf_y = page.height - y``). Nothing here imports a drawing library.

How painters use it
-------------------
A :class:`LayoutDocument` holds :class:`Page` objects. A page carries:

- ``cells``: every bordered text box (identity page: kop, identity table, the six boxes;
  flowchart page: the header cells and the step rows' cells, both also reachable through
  ``page.table``). A cell's border is drawn with :data:`LineClass.GRID` unless ``border`` is False.
- ``table``: the flowchart table (:class:`FlowTable`): column x-positions and widths, header rows
  and step rows with y, height and their cells (so a DOCX painter can build a table with exact
  column widths and row heights).
- ``symbols``: terminator / process / decision / off-page connector, each with its bounding box in
  page points and the table row and column it belongs to.
- ``connectors``: orthogonal polylines with arrow flags (:data:`LineClass.CONNECTOR`), plus the
  pieces of each connector clipped at cell borders (``pieces``) for painters that anchor shapes
  per cell.
- ``labels``: free text (decision exit labels "Ya"/"Tidak", page footer, the flowchart title
  ``role="judul_flowchart"`` above the table; the watermark is a flag on the document).
- ``images``: the logo.

Text: a :class:`TextBlock` gives the already wrapped lines; line ``i`` has its baseline at
``top + ascent + i * leading`` and starts at ``x`` (left), ``x + (width - w)/2`` (centre) where
``w`` is the measured width of the line (painters may re-measure; widths are the same metrics),
plus ``indents[i]`` (a hanging indent: the lines of a bulleted item after its first). A block
with ``rotated`` set reads bottom-to-top (crowded actor headers): its ``x``/``top``/``width`` and
baselines are measured in a frame turned 90° counter-clockwise around ``origin`` (the cell's
bottom-left corner) — the frame's x runs up the page, its y to the right — and
:meth:`TextBlock.to_page` maps a frame point to the page. ``bullets`` are the lines that begin an
item (kelengkapan): the painters draw ``BULLET`` at ``x`` on them, the line's text starts at
``x + indents[i]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any, TypeVar

from sopdoc.layout.profile import Orientation  # re-exported: pages carry their orientation

__all__ = [
    "BRIDGE_R",
    "BULLET",
    "LINE_WIDTHS",
    "Align",
    "Cell",
    "Column",
    "ColumnKind",
    "Connector",
    "ConnectorPiece",
    "FlowTable",
    "ImageBox",
    "Label",
    "LayoutDocument",
    "LineClass",
    "Orientation",
    "Page",
    "PageKind",
    "Point",
    "Rect",
    "Row",
    "SymbolBox",
    "SymbolKind",
    "TextBlock",
]

Point = tuple[float, float]
_T = TypeVar("_T")


def _quick_init(cls: type[_T]) -> type[_T]:
    """Give the frozen dataclass ``cls`` an ``__init__`` that stores the fields straight into the
    instance's ``__dict__`` instead of through one ``object.__setattr__`` call each (a layout
    builds about a thousand of these objects per SOP; this builds them about twice as fast).
    Same parameters and defaults, same stored values: equality, hashing, ``repr``,
    ``dataclasses.replace`` and pickling are unchanged."""
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    assert "_quick_d" not in names
    source = (f"def __init__(self, {', '.join(names)}):\n    _quick_d = self.__dict__\n"
              + "".join(f"    _quick_d[{name!r}] = {name}\n" for name in names))
    namespace: dict[str, Any] = {}
    exec(source, namespace)  # the way dataclasses itself makes __init__
    init = namespace["__init__"]
    generated = vars(cls)["__init__"]
    init.__defaults__ = generated.__defaults__
    init.__kwdefaults__ = generated.__kwdefaults__
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = generated.__doc__
    type.__setattr__(cls, "__init__", init)
    return cls


class LineClass(StrEnum):
    """What a stroked line is; each class has its own width so PDFs can be read back."""

    GRID = "grid"
    CONNECTOR = "connector"
    SYMBOL = "symbol"


LINE_WIDTHS: dict[LineClass, float] = {
    LineClass.GRID: 0.6,
    LineClass.CONNECTOR: 0.8,
    LineClass.SYMBOL: 0.9,
}
"""Stroke width in points per line class (RENDERING-NOTES: 0.6 / 0.8 / 0.9)."""

BRIDGE_R = 2.5
"""Radius of the half circle a connector draws where it hops over another (points)."""

BULLET = "\u2022"
"""The mark drawn before each item of a bulleted text block (``TextBlock.bullets``)."""


class PageKind(StrEnum):
    """What a page shows."""

    WORKSHEET = "worksheet"  # lembar kerja identifikasi kegiatan, before the identity page
    IDENTITY = "identity"
    FLOWCHART = "flowchart"


class Align(StrEnum):
    """Horizontal alignment of text lines inside their block."""

    LEFT = "left"
    CENTER = "center"


class SymbolKind(StrEnum):
    """Flowchart symbol kinds (the first three mirror ``model.Simbol``)."""

    TERMINATOR = "terminator"
    PROSES = "proses"
    KEPUTUSAN = "keputusan"
    OFFPAGE = "offpage"  # pentagon made by pagination, with a label shared by its twin


class ColumnKind(StrEnum):
    """The role of a flowchart table column."""

    NO = "no"
    KEGIATAN = "kegiatan"
    PELAKSANA = "pelaksana"
    KELENGKAPAN = "kelengkapan"
    WAKTU = "waktu"
    OUTPUT = "output"
    KETERANGAN = "keterangan"


@_quick_init
@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle: top-left (x, y), width w, height h, in points, y downwards."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        """x of the right edge."""
        return self.x + self.w

    @property
    def bottom(self) -> float:
        """y of the bottom edge."""
        return self.y + self.h

    @property
    def cx(self) -> float:
        """x of the centre."""
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        """y of the centre."""
        return self.y + self.h / 2

    def intersects(self, other: Rect, tol: float = 0.0) -> bool:
        """True when the interiors overlap (shrunk by ``tol`` on every side)."""
        return (self.x + tol < other.right - tol and other.x + tol < self.right - tol
                and self.y + tol < other.bottom - tol and other.y + tol < self.bottom - tol)

    def contains_point(self, p: Point, tol: float = 0.01) -> bool:
        """True when ``p`` lies inside or on the border (within ``tol``)."""
        return (self.x - tol <= p[0] <= self.right + tol) and (self.y - tol <= p[1] <= self.bottom + tol)

    def contains(self, other: Rect, tol: float = 0.01) -> bool:
        """True when ``other`` lies inside this rectangle (within ``tol``)."""
        return (other.x >= self.x - tol and other.y >= self.y - tol
                and other.right <= self.right + tol and other.bottom <= self.bottom + tol)


@_quick_init
@dataclass(frozen=True)
class TextBlock:
    """Wrapped text: lines, font, and where the first line starts.

    Line ``i`` has its baseline at ``top + ascent + i * leading``; its left end is ``x`` for
    :data:`Align.LEFT` and is centred in ``[x, x + width]`` for :data:`Align.CENTER`.
    ``clipped`` is True when the text did not fit and lines were dropped (a warning is reported).
    ``indents`` (per line, may be shorter than ``lines``) moves a line right of ``x`` (a hanging
    indent); ``bullets`` are the lines that start an item, with :data:`BULLET` drawn at ``x``.
    ``rotated``: the block reads bottom-to-top and its coordinates are in the frame turned 90°
    counter-clockwise around ``origin`` (see :meth:`to_page`).
    """

    lines: tuple[str, ...]
    x: float
    top: float
    width: float
    font_size: float
    leading: float
    ascent: float
    bold: bool = False
    italic: bool = False
    align: Align = Align.LEFT
    line_widths: tuple[float, ...] = ()
    clipped: bool = False
    indents: tuple[float, ...] = ()
    bullets: tuple[int, ...] = ()
    rotated: bool = False
    origin: Point = (0.0, 0.0)

    @property
    def height(self) -> float:
        """Height taken by the lines (``len(lines) * leading``)."""
        return len(self.lines) * self.leading

    def to_page(self, x: float, y: float) -> Point:
        """The page point of the block's point (x, y): itself, or for a rotated block the point
        of its turned frame (x up the page from ``origin``, y to the right)."""
        if not self.rotated:
            return x, y
        return self.origin[0] + y, self.origin[1] - x

    @property
    def bounds(self) -> Rect:
        """The page rectangle the block's lines take (``width`` by ``height`` from ``x``/``top``)."""
        if not self.rotated:
            return Rect(self.x, self.top, self.width, self.height)
        return Rect(self.origin[0] + self.top, self.origin[1] - self.x - self.width, self.height, self.width)

    def baseline(self, i: int) -> float:
        """y of the baseline of line ``i``."""
        return self.top + self.ascent + i * self.leading

    def line_x(self, i: int) -> float:
        """x where line ``i`` starts."""
        if self.align is Align.CENTER and i < len(self.line_widths):
            return self.x + (self.width - self.line_widths[i]) / 2
        return self.x + (self.indents[i] if i < len(self.indents) else 0.0)


@_quick_init
@dataclass(frozen=True)
class Cell:
    """A bordered box with (possibly empty) text: a table cell or an identity-page box.

    ``row``/``col`` index the flowchart table (``-1`` for identity-page boxes); ``col_span`` and
    ``row_span`` count the table columns/rows a merged header cell covers. ``role`` names what the
    cell holds (e.g. ``"nomor.label"``, ``"nomor.value"``, ``"dasar_hukum"``, ``"kegiatan"``,
    ``"header.pelaksana"``) for painters and tests. ``pad_left/pad_right/pad_top`` are the text
    insets already applied in ``text``; a DOCX painter uses them as cell margins/paragraph spacing.
    """

    rect: Rect
    text: TextBlock | None = None
    role: str = ""
    row: int = -1
    col: int = -1
    col_span: int = 1
    row_span: int = 1
    border: bool = True
    pad_left: float = 0.0
    pad_right: float = 0.0
    pad_top: float = 0.0
    shade: bool = False  # header cells may be lightly shaded


@_quick_init
@dataclass(frozen=True)
class Column:
    """A flowchart table column: left x, width, role, and the actor name for PELAKSANA columns."""

    index: int
    x: float
    width: float
    kind: ColumnKind
    title: str
    actor: str | None = None

    @property
    def right(self) -> float:
        """x of the right edge."""
        return self.x + self.width


@_quick_init
@dataclass(frozen=True)
class Row:
    """A table row: top y, height, its cells; ``step`` is the index in ``Sop.kegiatan`` (None for
    header and connector rows)."""

    index: int
    y: float
    height: float
    cells: tuple[Cell, ...]
    header: bool = False
    step: int | None = None
    part: int = 0
    """Which part of its step the row shows: 0, or for a step taller than a page its
    continuation rows 1, 2, … (on the next pages; no symbol, ``CONTINUED`` atop KEGIATAN)."""
    parts: int = 1
    """How many rows the step is set in (1 unless it continues on the next pages)."""

    @property
    def bottom(self) -> float:
        """y of the bottom edge."""
        return self.y + self.height


@_quick_init
@dataclass(frozen=True)
class FlowTable:
    """The flowchart table of one page: columns, the two header rows, then the step rows.

    ``rows`` holds header rows first (``header=True``), then step rows; row indexes are
    0-based within the page and equal the position in ``rows``.
    """

    x: float
    y: float
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    @property
    def width(self) -> float:
        """Total width."""
        return sum(c.width for c in self.columns)

    @property
    def height(self) -> float:
        """Total height."""
        return sum(r.height for r in self.rows)

    @property
    def step_rows(self) -> tuple[Row, ...]:
        """The non-header rows."""
        return tuple(r for r in self.rows if not r.header)

    @property
    def header_rows(self) -> tuple[Row, ...]:
        """The header rows."""
        return tuple(r for r in self.rows if r.header)


@_quick_init
@dataclass(frozen=True)
class SymbolBox:
    """A flowchart symbol: kind, bounding box in page points, and the table row/column it sits in.

    ``step`` is the index in ``Sop.kegiatan`` (for an off-page connector: the step it leads to or
    comes from). ``label`` is the text inside (off-page connectors: the shared label such as
    "A"); process/decision text is not repeated inside the symbol. ``outgoing`` is True for the
    off-page connector that closes a page, False for the twin that opens the next.
    """

    kind: SymbolKind
    rect: Rect
    row: int
    col: int
    step: int | None = None
    label: str = ""
    font_size: float = 7.0
    outgoing: bool = False


@_quick_init
@dataclass(frozen=True)
class ConnectorPiece:
    """A straight piece of a connector clipped to one table cell (row, col) — for DOCX shapes."""

    start: Point
    end: Point
    row: int
    col: int
    arrow_end: bool = False
    bridge: bool = False
    """A bridge: a small half circle over ``start``–``end`` (a horizontal piece), where the
    connector hops over a crossing line."""


@_quick_init
@dataclass(frozen=True)
class Connector:
    """An orthogonal polyline from one symbol edge to another, in page points.

    ``arrow_end`` draws an arrowhead at the last point. ``source``/``target`` are indexes into
    ``page.symbols``. ``kind`` is "next" (to the following step) or "ya"/"tidak" (decision
    exits; an exit that does not go to the next row runs through a gutter). ``pieces`` are the
    same segments cut at cell borders (a bridge as its own piece). ``bridges`` are the points
    where a horizontal segment of this connector crosses another connector's vertical one: the
    painters draw a half circle of radius :data:`BRIDGE_R` over each (the line hops over).
    """

    points: tuple[Point, ...]
    source: int
    target: int
    arrow_end: bool = True
    arrow_start: bool = False
    kind: str = "next"
    pieces: tuple[ConnectorPiece, ...] = ()
    bridges: tuple[Point, ...] = ()


@_quick_init
@dataclass(frozen=True)
class Label:
    """Free text placed on the page (decision exit labels, footer, page title).

    ``rect`` is the box that the text occupies (used for collision checks); ``text`` has the
    lines and baselines.
    """

    rect: Rect
    text: TextBlock
    role: str = ""


@_quick_init
@dataclass(frozen=True)
class ImageBox:
    """An image (the agency logo) scaled into ``rect``."""

    rect: Rect
    path: str


@_quick_init
@dataclass(frozen=True)
class Page:
    """One page: size, orientation, kind, and everything drawn on it."""

    number: int  # 1-based
    width: float
    height: float
    orientation: Orientation
    kind: PageKind
    cells: tuple[Cell, ...] = ()
    table: FlowTable | None = None
    symbols: tuple[SymbolBox, ...] = ()
    connectors: tuple[Connector, ...] = ()
    labels: tuple[Label, ...] = ()
    images: tuple[ImageBox, ...] = ()
    steps: tuple[int, ...] = ()  # indexes in Sop.kegiatan shown on this page, in order


@_quick_init
@dataclass(frozen=True)
class LayoutDocument:
    """The whole laid-out SOP: pages and document-level facts the painters need.

    ``font_regular``/``font_bold`` are the font names used for measuring (e.g.
    ``"LiberationSans"`` or ``"Helvetica"``); ``font_files`` maps a name to its TTF path when the
    font is embedded (empty when the built-in metrics are used). ``warnings`` are user-facing
    notes (text clipped, glyph replaced, too many actors), already bilingual via ``Teks``.
    """

    pages: tuple[Page, ...]
    title: str
    subject: str
    draft: bool
    paper: str
    font_regular: str
    font_bold: str
    font_italic: str = ""
    font_files: tuple[tuple[str, str], ...] = ()
    warnings: tuple[object, ...] = field(default=())  # tuple[Diagnostic, ...]
    font_fallback: str = ""  # DejaVu face for glyphs the main font lacks ("" when not installed)
    font_fallback_bold: str = ""

    @property
    def flow_pages(self) -> tuple[Page, ...]:
        """The flowchart pages."""
        return tuple(p for p in self.pages if p.kind is PageKind.FLOWCHART)
