"""Pictures in born-digital PDF pages that carry the flowchart (issue #13, point 3).

Two kinds occur (corpus ``bps/``):

- a **raster flowchart**: the step table is a pasted screenshot (225, 223) or a page of stacked
  pictures (208, 210); no text layer covers it. The picture area of the page is rendered and read
  like a scan (:func:`sopdoc.importers.ocr.page.read_page_image`): grid, OCR text, symbols.
- a **symbol overlay**: a transparent PNG of symbols and connectors laid over a text-layer step
  table (006). The text comes from the text layer; the symbols from the picture's own pixels
  (composited on white, so the table rules and text beneath never reach the contour reader).

A picture counts when it is at least :data:`MIN_WIDTH` × :data:`MIN_HEIGHT` points: logos (about
50 pt) and the e-signature QR code (34 pt) are smaller.
"""

from __future__ import annotations

from typing import Any

from sopdoc.importers.grid.geometry import BBox, Shape
from sopdoc.importers.ocr.image import PageImage, binarise, render_page
from sopdoc.importers.ocr.page import symbol_shapes
from sopdoc.importers.ocr.symbols import find_symbols
from sopdoc.importers.ocr.words import Word

__all__ = ["MIN_HEIGHT", "MIN_WIDTH", "RASTER_MIN_HEIGHT", "large_pictures", "overlaps", "overlay_shapes",
           "picture_area", "text_layer_words"]

MIN_WIDTH = 100.0
MIN_HEIGHT = 60.0
RASTER_MIN_HEIGHT = 100.0
"""A picture read as a raster flowchart is at least this tall (points): a kop banner is not."""
STACK_GAP = 4.0
"""Points between two pictures of one column that are read as one (208: two halves of a table)."""


def large_pictures(page: Any) -> list[BBox]:
    """Boxes (x0, top, x1, bottom, page points) of the pictures of ``page`` large enough to hold
    a flowchart or its symbols."""
    out = []
    for im in getattr(page, "images", None) or ():
        x0, top, x1, bottom = (float(im[k]) for k in ("x0", "top", "x1", "bottom"))
        if x1 - x0 >= MIN_WIDTH and bottom - top >= MIN_HEIGHT:
            out.append((x0, top, x1, bottom))
    return out


def overlaps(a: BBox, b: BBox, share: float = 0.3) -> bool:
    """True when the boxes share at least ``share`` of the smaller one's area."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return False
    small = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return small > 0 and w * h >= share * small


def picture_area(boxes: list[BBox]) -> list[BBox]:
    """The pictures to read as raster flowcharts: pictures stacked in one column (same left and
    right edge, touching) joined into one box, top to bottom."""
    out: list[list[float]] = []
    for x0, y0, x1, y1 in sorted(boxes, key=lambda b: (b[1], b[0])):
        last = out[-1] if out else None
        if last and abs(last[0] - x0) <= STACK_GAP and abs(last[2] - x1) <= STACK_GAP and \
                -STACK_GAP <= y0 - last[3] <= STACK_GAP:
            last[3] = max(last[3], y1)
            continue
        out.append([x0, y0, x1, y1])
    return [(a, b, c, d) for a, b, c, d in out]


def text_layer_words(chars: list[dict[str, Any]], scale: float) -> list[Word]:
    """The text layer's characters as words in pixels of a page bitmap at ``scale`` pixels per
    point (confidence 1): lines by their top, words split at spaces and at gaps wider than a
    sixth of the font size (these PDFs often set words without space characters)."""
    lines: list[list[dict[str, Any]]] = []
    for ch in sorted(chars, key=lambda c: (float(c["top"]), float(c["x0"]))):
        size = float(ch.get("size") or 8.0)
        for line in lines:
            if abs(float(line[0]["top"]) - float(ch["top"])) < 0.4 * size:
                line.append(ch)
                break
        else:
            lines.append([ch])
    out: list[Word] = []
    for n, line in enumerate(lines):
        word: list[dict[str, Any]] = []
        for ch in [*sorted(line, key=lambda c: float(c["x0"])), {"text": " "}]:
            size = float(ch.get("size") or 8.0)
            gap = word and "x0" in ch and float(ch["x0"]) - float(word[-1]["x1"]) > size / 6
            if (ch["text"].isspace() or gap) and word:
                px = (round(min(float(c["x0"]) for c in word) * scale),
                      round(min(float(c["top"]) for c in word) * scale),
                      round(max(float(c["x1"]) for c in word) * scale),
                      round(max(float(c["bottom"]) for c in word) * scale))
                out.append(Word("".join(c["text"] for c in word), px, 1.0, (0, 0, n)))
                word = []
            if not ch["text"].isspace():
                word.append(ch)
    return out


def _picture_pixels(file: str, page_index: int, box: BBox) -> tuple[Any, BBox] | None:
    """The pixels (grey, composited on white) of the picture of page ``page_index`` at ``box``."""
    import numpy as np
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(file)
    try:
        page = pdf[page_index]
        left, _bottom, _right, top = page.get_cropbox()
        for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=4):
            bl, bb, br, bt = obj.get_bounds()
            found = (bl - left, top - bt, br - left, top - bb)
            if max(abs(u - v) for u, v in zip(found, box, strict=True)) > 2.0:
                continue
            rgba = obj.get_bitmap(render=True).to_numpy()
            if rgba.ndim != 3 or rgba.shape[2] < 3:
                grey = np.asarray(rgba, dtype=np.float32).reshape(rgba.shape[:2])
            else:
                grey = rgba[:, :, :3].astype(np.float32).mean(axis=2)
                if rgba.shape[2] == 4:  # transparent pixels are the page beneath: white
                    alpha = rgba[:, :, 3].astype(np.float32) / 255.0
                    grey = 255.0 - alpha * (255.0 - grey)
            return np.clip(grey, 0, 255).astype(np.uint8), found
    finally:
        pdf.close()
    return None


def overlay_shapes(file: str, page_index: int, box: BBox) -> tuple[list[Shape], dict[int, float]]:
    """Flowchart symbols of the overlay picture at ``box`` on page ``page_index`` (0-based), in
    page points, with a confidence per shape (by ``id``)."""
    got = _picture_pixels(file, page_index, box)
    if got is None:
        return [], {}
    grey, (x0, y0, x1, y1) = got
    h, w = grey.shape
    if w < 8 or h < 8:
        return [], {}
    scale = w / max(x1 - x0, 1.0)
    img = PageImage(grey, scale, x1 - x0, y1 - y0, (x0, y0))
    ink = binarise(grey)
    found = find_symbols(ink, (0, 0, w, h), min_side=int(14 * scale), max_area=int(w * h * 0.05))
    shown = _page_ink(file, page_index, (x0, y0, x1, y1), scale, (w, h))
    return symbol_shapes([f for f in found if _visible(f.box, ink, shown)], img)


def _page_ink(file: str, page_index: int, box: BBox, scale: float, size: tuple[int, int]) -> Any:
    """The ink of the page as shown (rendered) over ``box``, at the picture's pixel size."""
    import cv2
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(file)
    try:
        grey = render_page(pdf, page_index, box, scale).grey
    finally:
        pdf.close()
    return binarise(cv2.resize(grey, size, interpolation=cv2.INTER_AREA))


def _visible(box: tuple[int, int, int, int], ink: Any, shown: Any) -> bool:
    """True when most of a symbol's outline in the picture is ink on the rendered page too: a part
    of the picture clipped away or covered by the page is not shown, so not read."""
    import cv2
    import numpy as np

    x0, y0, x1, y1 = box
    pad = 4
    a = ink[max(0, y0 - pad):y1 + pad, max(0, x0 - pad):x1 + pad]
    b = cv2.dilate(shown[max(0, y0 - pad):y1 + pad, max(0, x0 - pad):x1 + pad], np.ones((5, 5), np.uint8))
    total = int((a > 0).sum())
    return total > 0 and int(((a > 0) & (b > 0)).sum()) >= 0.6 * total
