"""What a sopdoc flowchart page (PDF page or DOCX table) is read into: columns, symbols, steps
and the connectors between symbols. Shared by the PDF and the DOCX readers."""

from __future__ import annotations

from dataclasses import dataclass, field

from sopdoc.importers.grid.chars import Box
from sopdoc.model.diagnostic import Origin

__all__ = ["Column", "FlowPage", "Link", "OwnStep", "Symbol"]

@dataclass
class Column:
    """A leaf column of the flowchart table."""

    kind: str
    x0: float
    x1: float
    actor: str | None = None


@dataclass
class Symbol:
    """A symbol shape: kind, box, page, step row (None in a connector row), column, inner label."""

    kind: str
    box: Box
    page: int
    row: int | None
    col: int
    label: str = ""


@dataclass
class OwnStep:
    """One step row as read: its texts, its symbol and where it is."""

    texts: dict[str, str]
    kelengkapan: list[str]
    origin: Origin
    symbol: Symbol | None = None
    exits: dict[str, tuple[Symbol, str]] = field(default_factory=dict)  # ya/tidak → (target, label)


@dataclass
class FlowPage:
    """A flowchart page as read: columns, steps, symbols, connectors (source, target symbol)."""

    columns: list[Column]
    satuan: str | None
    steps: list[OwnStep]
    symbols: list[Symbol]
    links: list[Link]
    title: str = ""  # the bold title above the table (``judul_flowchart``), "" when none


Link = tuple[Symbol, Symbol, list[tuple[float, float]]]
"""A connector: source symbol, target symbol, its points from the source's edge onwards."""
