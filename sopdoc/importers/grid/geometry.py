"""Boxes and flowchart symbols in page points (y downwards), shared by the PDF shape reader and
the flowchart-table reader."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BBox", "Piece", "Shape"]

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass(frozen=True)
class Shape:
    """A flowchart symbol: its kind ('terminator', 'proses', 'keputusan') and bounding box."""

    kind: str
    bbox: BBox

    @property
    def center(self) -> tuple[float, float]:
        """Centre point (x, y) in PDF points from the top-left."""
        return (self.bbox[0] + self.bbox[2]) / 2, (self.bbox[1] + self.bbox[3]) / 2


@dataclass(frozen=True)
class Piece:
    """A piece of connector: its bounding box (a thin line or a thin outline polygon)."""

    bbox: BBox
