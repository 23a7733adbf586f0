"""Flowchart symbols in a page image, classified by the contour of their inside.

The inside of a closed symbol is a white region enclosed by ink; connectors touching the outline
do not change it. Its fill of the bounding box, its corners and its aspect tell the shape:
rectangle (proses), rounded rectangle or stadium (terminator), diamond (keputusan), pentagon
(off-page connector), circle (on-page connector). Each comes with a confidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["ImageSymbol", "classify", "find_symbols"]


@dataclass(frozen=True)
class ImageSymbol:
    """A symbol: kind, pixel box (x0, y0, x1, y1), confidence 0–1."""

    kind: str  # terminator | proses | keputusan | offpage | circle | unknown
    box: tuple[int, int, int, int]
    conf: float


def classify(fill: float, corners: int, aspect: float, corner_fill: float | None = None) -> tuple[str, float]:
    """Kind and confidence from the fill of the bounding box, polygon corners, width/height and,
    when measured, the fill of the four corner squares (a sharp rectangle fills them, a rounded
    one — a terminator whose long sides keep the fill above 0.9 — leaves them partly empty)."""
    if fill < 0.62 and corners <= 6:
        return "keputusan", 0.9 if 0.4 <= fill <= 0.58 else 0.6
    if corners == 5 and 0.65 <= fill <= 0.9:
        return "offpage", 0.7
    if 0.75 <= aspect <= 1.33 and 0.72 <= fill <= 0.84:
        return "circle", 0.7
    if fill >= 0.9 and corner_fill is not None:
        if corner_fill < 0.8:
            return "terminator", 0.8 if aspect >= 1.4 else 0.6
        return ("proses", 0.9) if corner_fill >= 0.95 else ("proses", 0.6)
    if fill >= 0.95:
        return "proses", 0.9
    if fill >= 0.9:
        return "proses", 0.6  # between a sharp and a slightly rounded corner: unsure
    if fill >= 0.7:
        return "terminator", 0.85 if aspect >= 1.4 else 0.6
    return "unknown", 0.0


def _corner_fill(mask: Any) -> float:
    """Share of the four corner squares (a fifth of the short side) that is inside the symbol."""
    h, w = mask.shape
    a = max(2, min(h, w) // 5)
    squares = (mask[:a, :a], mask[:a, w - a:], mask[h - a:, :a], mask[h - a:, w - a:])
    return float(sum(int((q > 0).sum()) for q in squares)) / float(4 * a * a)


def find_symbols(ink: Any, region: tuple[int, int, int, int], min_side: int, max_area: int) -> list[ImageSymbol]:
    """Symbols inside ``region`` (x0, y0, x1, y1) of the binarised page ``ink`` (rules wiped)."""
    import cv2
    import numpy as np

    x0, y0, x1, y1 = region
    crop = ink[y0:y1, x0:x1]
    if crop.size == 0:
        return []
    closed = cv2.morphologyEx(crop, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    white = cv2.bitwise_not(closed)
    n, lab, stats, _c = cv2.connectedComponentsWithStats(white, connectivity=4)
    h, w = white.shape
    out = []
    for i in range(1, n):
        x, y, bw, bh, area = (int(v) for v in stats[i])
        if x == 0 or y == 0 or x + bw >= w or y + bh >= h:
            continue  # touches the region border: not enclosed
        if bw < min_side or bh < min_side // 2 or area > max_area:
            continue
        mask = (lab[y:y + bh, x:x + bw] == i).astype(np.uint8) * 255
        contours, _h = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        if not contours:
            continue
        cnt = max(contours, key=cv2.contourArea)
        corners = len(cv2.approxPolyDP(cnt, 0.04 * cv2.arcLength(cnt, True), True))
        kind, conf = classify(area / float(bw * bh), corners, bw / float(bh), _corner_fill(mask))
        out.append(ImageSymbol(kind, (x0 + x, y0 + y, x0 + x + bw, y0 + y + bh), conf))
    return out
