"""Page images for OCR: a PDF page rendered to a grey bitmap (pypdfium2), deskewed and binarised.

Coordinates: the bitmap has ``scale`` pixels per PDF point, so a pixel box divided by ``scale``
is a box in page points (origin top-left), the unit every other reader of sopdoc uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["MAX_SIDE", "PageImage", "binarise", "deskew", "render_page"]

DPI = 200
MAX_SIDE = 3300
"""Longest side in pixels: A4 at 200 dpi is 2339; a 2336 pt iOS scan is scaled down to this."""


@dataclass
class PageImage:
    """A grey page bitmap (numpy uint8, white 255) and its pixels per PDF point."""

    grey: Any
    scale: float
    width_pt: float
    height_pt: float


def render_page(pdf: Any, index: int) -> PageImage:
    """Render page ``index`` of an open pypdfium2 document to a grey bitmap."""
    import numpy as np

    page = pdf[index]
    w, h = page.get_size()
    scale = min(DPI / 72, MAX_SIDE / max(w, h, 1.0))
    bitmap = page.render(scale=scale, grayscale=True)
    grey = np.array(bitmap.to_numpy(), dtype=np.uint8)
    if grey.ndim == 3:
        grey = grey[:, :, 0]
    return PageImage(grey, scale, float(w), float(h))


def binarise(grey: Any) -> Any:
    """Ink as 255 on 0: adaptive threshold (uneven scan lighting), small specks removed."""
    import cv2

    ink = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (2, 2)))


def deskew(grey: Any) -> tuple[Any, float]:
    """The page turned so that its long horizontal rules are level, and the angle (degrees)."""
    import cv2
    import numpy as np

    ink = binarise(grey)
    long = max(40, grey.shape[1] // 8)
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (long, 1)))
    lines = cv2.HoughLinesP(rules, 1, np.pi / 1800, threshold=long, minLineLength=long, maxLineGap=10)
    if lines is None:
        return grey, 0.0
    angles = [float(np.degrees(np.arctan2(y1 - y0, x1 - x0))) for x0, y0, x1, y1 in lines.reshape(-1, 4).tolist()]
    angles = [a for a in angles if abs(a) < 5]
    if not angles:
        return grey, 0.0
    angle = float(np.median(angles))
    if abs(angle) < 0.15:
        return grey, 0.0
    h, w = grey.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(grey, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255), angle
