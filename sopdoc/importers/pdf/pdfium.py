"""Pages read with pdfium (``pypdfium2``, installed with pdfplumber) as pdfplumber-style objects.

pdfminer interprets content streams in pure Python; the signed SOP PDFs wrap each page in one
form XObject full of text and rules, and that costs 150–250 ms a page. pdfium parses the same
page in a few milliseconds. This module turns pdfium's text page and path objects into the dicts
pdfplumber would give (``char``, ``rect``, ``line``, ``curve``, ``image``; y downwards, subpaths
split and classified like ``pdfminer.converter.PDFLayoutAnalyzer.paint_path``), so pdfplumber's
table finder and the importers work on them unchanged.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pdfplumber.container import Container

__all__ = ["Hidden", "PdfiumPage", "open_pdfium_pages"]

Obj = dict[str, Any]
Matrix = tuple[float, float, float, float, float, float]
_TEXT, _PATH, _IMAGE, _FORM = 1, 2, 3, 5
_LINETO, _BEZIERTO, _MOVETO = 0, 1, 2
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_LIGATURES = {"ff": "\ufb00", "fi": "\ufb01", "fl": "\ufb02", "ffi": "\ufb03", "ffl": "\ufb04", "st": "\ufb06"}


@dataclass(frozen=True)
class Hidden:
    """Text drawn where a reader cannot see it: under an opaque fill painted after it (``covered``,
    text: the hidden string, shown: None), or under another string painted over it on the same
    line (``overprinted``, shown: the string on top, which is what is read)."""

    kind: str
    text: str
    shown: str | None
    box: tuple[float, float, float, float]


class PdfiumPage(Container):
    """A page with pdfplumber's object lists, ``filter`` and ``find_tables``."""

    cached_properties = Container.cached_properties

    def __init__(self, objects: dict[str, list[Obj]], width: float, height: float, page_number: int,
                 hidden: tuple[Hidden, ...] = ()) -> None:
        self._objects = objects
        self.width = width
        self.height = height
        self.page_number = page_number
        self.bbox = (0.0, 0.0, width, height)
        self.hidden = hidden
        """Text of the text layer a reader does not see, left out of ``chars`` (see :class:`Hidden`)."""

    @property
    def objects(self) -> dict[str, list[Obj]]:
        """Objects by kind, as pdfplumber's ``Page.objects``."""
        return self._objects

    def filter(self, test: Callable[[Obj], bool]) -> PdfiumPage:
        """A page holding only the objects for which ``test`` is true."""
        kept = {k: [o for o in v if test(o)] for k, v in self._objects.items()}
        return PdfiumPage(kept, self.width, self.height, self.page_number, self.hidden)

    def find_tables(self, table_settings: dict[str, Any] | None = None) -> list[Any]:
        """Tables found by pdfplumber's ``TableFinder`` on these objects."""
        from pdfplumber.table import TableFinder, TableSettings

        # PdfiumPage duck-types the parts of pdfplumber's Page that TableFinder reads (objects, bbox)
        return TableFinder(self, TableSettings.resolve(table_settings)).tables  # type: ignore[arg-type]


def _mul(a: Matrix, b: Matrix) -> Matrix:
    """a then b (PDF row-vector convention)."""
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


def _matrix(raw: Any, obj: Any) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _color(raw: Any, getter: Any, obj: Any) -> tuple[float, ...]:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
        return (0.0,)
    return (r.value / 255, g.value / 255, b.value / 255)


def open_pdfium_pages(path: str, max_pages: int) -> tuple[int, list[PdfiumPage]]:
    """The page count and the first ``max_pages`` pages; pdfium errors propagate, and a rotated
    or cropped page raises ``ValueError`` (pdfminer's coordinates differ there; use pdfplumber)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    try:
        total = len(doc)
        pages = []
        for i in range(min(total, max_pages)):
            page = doc[i]
            try:
                if page.get_rotation() or tuple(page.get_cropbox()) != tuple(page.get_mediabox()):
                    raise ValueError("rotated or cropped page")
                pages.append(_page(pdfium, page, i + 1))
            finally:
                page.close()
        return total, pages
    finally:
        doc.close()


def _page(pdfium: Any, page: Any, number: int) -> PdfiumPage:
    raw = pdfium.raw
    left, bottom, right, top = page.get_cropbox()
    width, height = right - left, top - bottom
    objects: dict[str, list[Obj]] = {"char": [], "rect": [], "line": [], "curve": [], "image": []}
    order: dict[int, int] = {}  # text object → its place in painting order
    fills: list[tuple[int, float, float, float, float]] = []  # (place, x0, top, x1, bottom) of filled paths
    ctx = (raw, objects, left, top, number, order, fills)
    _walk(ctx, [raw.FPDFPage_GetObject(page.raw, k) for k in range(raw.FPDFPage_CountObjects(page.raw))],
          _IDENTITY)
    places: list[int] = []
    _chars(raw, page, objects["char"], left, top, bottom, number, order, places)
    objects["char"], hidden = _visible(objects["char"], places, fills)
    for group in objects.values():
        for o in group:  # pdfplumber's PDF-space coordinates (y upwards)
            o["y0"], o["y1"], o["doctop"] = height - o["bottom"], height - o["top"], o["top"]
    return PdfiumPage(objects, width, height, number, hidden)


def _walk(ctx: tuple, objs: list[Any], outer: Matrix) -> None:
    raw, objects, order, fills = ctx[0], ctx[1], ctx[5], ctx[6]
    for obj in objs:
        kind = raw.FPDFPageObj_GetType(obj)
        place = len(order) + len(fills) + 1
        if kind == _TEXT:
            order[ctypes.cast(obj, ctypes.c_void_p).value or 0] = place
        elif kind == _FORM:
            m = _mul(_matrix(raw, obj), outer)
            _walk(ctx, [raw.FPDFFormObj_GetObject(obj, k) for k in range(raw.FPDFFormObj_CountObjects(obj))], m)
        elif kind == _PATH:
            before = {k: len(v) for k, v in objects.items()}
            _path(ctx, obj, _mul(_matrix(raw, obj), outer))
            fills.extend((place, o["x0"], o["top"], o["x1"], o["bottom"])  # each filled rectangle on its own
                         for o in objects["rect"][before["rect"]:] if o.get("fill"))  # (a diamond's box is not it)
        elif kind == _IMAGE:
            _image(ctx, obj, _mul(_matrix(raw, obj), outer))


def _image(ctx: tuple, obj: Any, m: Matrix) -> None:
    _raw, objects, left, top, number = ctx[:5]
    xs = [m[0] * x + m[2] * y + m[4] for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
    ys = [m[1] * x + m[3] * y + m[5] for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
    x0, x1, y0, y1 = min(xs) - left, max(xs) - left, top - max(ys), top - min(ys)
    objects["image"].append({"object_type": "image", "x0": x0, "x1": x1, "top": y0, "bottom": y1,
                             "width": x1 - x0, "height": y1 - y0, "page_number": number})


def _path(ctx: tuple, obj: Any, m: Matrix) -> None:
    raw, objects, left, top, number = ctx[:5]
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke))
    width = ctypes.c_float()
    raw.FPDFPageObj_GetStrokeWidth(obj, ctypes.byref(width))
    style = {"stroke": bool(stroke.value), "fill": bool(fill_mode.value), "evenodd": fill_mode.value == 1,
             "linewidth": float(width.value), "page_number": number,
             "stroking_color": _color(raw, raw.FPDFPageObj_GetStrokeColor, obj),
             "non_stroking_color": _color(raw, raw.FPDFPageObj_GetFillColor, obj)}
    ops: list[tuple[str, tuple[float, float]]] = []
    pending: list[tuple[float, float]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for k in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, k)
        raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        px, py = x.value, y.value
        pt = (m[0] * px + m[2] * py + m[4] - left, top - (m[1] * px + m[3] * py + m[5]))
        t = raw.FPDFPathSegment_GetType(seg)
        if t == _MOVETO:
            if ops:
                _emit(objects, ops, style)
            ops = [("m", pt)]
        elif t == _BEZIERTO:
            pending.append(pt)
            if len(pending) == 3:
                ops.append(("c", pending[-1]))
                pending = []
        else:
            ops.append(("l", pt))
        if raw.FPDFPathSegment_GetClose(seg) and ops:
            ops.append(("h", ops[0][1]))
    if ops:
        _emit(objects, ops, style)


def _r(v: float) -> float:
    return round(v, 4)


def _emit(objects: dict[str, list[Obj]], ops: list[tuple[str, tuple[float, float]]], style: Obj) -> None:
    """One subpath as a line, rect or curve, the way pdfminer classifies it."""
    shape = "".join(o for o, _p in ops)
    pts = [(_r(p[0]), _r(p[1])) for _o, p in ops]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop(-2)
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    box = {"x0": min(xs), "x1": max(xs), "top": min(ys), "bottom": max(ys),
           "width": max(xs) - min(xs), "height": max(ys) - min(ys), **style}
    if shape in ("ml", "mlh"):
        objects["line"].append({"object_type": "line", "pts": pts[:2], **box})
        return
    if shape in ("mlllh", "mllll") and pts[0] == pts[4]:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        if (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0):
            objects["rect"].append({"object_type": "rect", "pts": pts[:4], **box})
            return
    objects["curve"].append({"object_type": "curve", "pts": pts, "path": [(o, p) for o, p in ops], **box})


_MAYBE_GENERATED = frozenset({0x20, 0x0A, 0x0D, 0x02, 0xA0, 0x2D})
"""Codes pdfium may insert itself (spaces, line breaks, hyphens); only these are asked about."""


def _chars(raw: Any, page: Any, out: list[Obj], left: float, top: float, bottom: float, number: int,
           order: dict[int, int], places: list[int]) -> None:
    """The page's characters as pdfplumber chars into ``out``, and into ``places`` each one's place
    in painting order. One pass of a few pdfium calls per character: the by-reference arguments are
    made once, a text object's address read without a cast, its font and size asked once per text
    object, and pdfium asked whether a character is its own only for the codes it generates."""
    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        box = raw.FS_RECTF()
        cm = raw.FS_MATRIX()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        name = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        box_ref, cm_ref, ox_ref, oy_ref, flags_ref = (ctypes.byref(v) for v in (box, cm, ox, oy, flags))
        address = ctypes.c_void_p.from_buffer
        get_unicode, is_generated = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated
        font_size, get_matrix = raw.FPDFText_GetFontSize, raw.FPDFText_GetMatrix
        char_origin, loose_box = raw.FPDFText_GetCharOrigin, raw.FPDFText_GetLooseCharBox
        text_object = raw.FPDFText_GetTextObject
        fonts: dict[int, tuple[str, float, bool]] = {}
        for i in range(raw.FPDFText_CountChars(tp)):
            code = get_unicode(tp, i)
            if code in _MAYBE_GENERATED and is_generated(tp, i) == 1:
                continue
            if code in (0, 0xFFFE, 0xFFFF) or code in (10, 13) or 0xD800 <= code <= 0xDFFF:
                continue
            obj = address(text_object(tp, i)).value or 0
            known = fonts.get(obj)  # font, size, direction are the text object's, the same for its characters
            if known is None:
                n = raw.FPDFText_GetFontInfo(tp, i, name, 128, flags_ref)
                size = float(font_size(tp, i))
                turned = False  # set reading bottom-to-top (sopdoc's rotated actor headers)
                if get_matrix(tp, i, cm_ref):  # the size pdfium gives ignores forms' scaling
                    size *= abs(cm.a * cm.d - cm.b * cm.c) ** 0.5 or 1.0
                    turned = abs(cm.a) < 1e-6 and cm.b > 0
                known = fonts[obj] = (name.raw[: max(n - 1, 0)].decode("utf-8", "replace"), size, turned)
            font, size, turned = known
            char_origin(tp, i, ox_ref, oy_ref)
            loose_box(tp, i, box_ref)
            x0, x1 = box.left - left, box.right - left
            baseline = oy.value
            prev = out[-1] if out else None
            if prev is not None and abs(prev["matrix"][4] - (ox.value - left)) < 0.01 \
                    and abs(prev["matrix"][5] - (baseline - bottom)) < 0.01 and abs(prev["x1"] - x1) < 0.01:
                # one glyph, several characters: pdfium spells out ligatures (ﬁ → f, i)
                joined = (prev["spelled"] if "spelled" in prev else prev["text"]) + chr(code)
                prev["spelled"] = joined
                prev["text"] = _LIGATURES.get(joined, joined)
                continue
            y_top, y_bottom = top - (baseline + size * 0.8), top - (baseline - size * 0.2)
            places.append(order.get(obj, 0))
            if turned:  # the glyph's box from pdfium; its advance runs up the page
                y_top, y_bottom = top - box.top, top - box.bottom
            out.append({"object_type": "char", "text": chr(code), "fontname": font, "size": size,
                        "x0": x0, "x1": x1, "top": y_top, "bottom": y_bottom, "width": x1 - x0,
                        "height": y_bottom - y_top, "upright": not turned,
                        "adv": (y_bottom - y_top) if turned else x1 - x0,
                        "matrix": ((0.0, 1.0, -1.0, 0.0) if turned else (1.0, 0.0, 0.0, 1.0))
                        + (ox.value - left, baseline - bottom),
                        "size_raw": size,
                        "page_number": number, "non_stroking_color": (0.0,), "stroking_color": (0.0,)})
    finally:
        textpage.close()


def _visible(chars: list[Obj], places: list[int], fills: list[tuple[int, float, float, float, float]]
             ) -> tuple[list[Obj], tuple[Hidden, ...]]:
    """The characters a reader sees, and the strings left out: those under an opaque fill painted
    later (a value whited out and typed over: bps 006's old Nomor), and the lower of two strings of
    different text painted over each other on one line (only the one on top is read). Repeated
    identical strings (a bold simulated by printing twice) are one string, not a finding. Fills and
    strings are bucketed by line, so a page of thousands of rules or words costs no more than a
    look at its neighbours."""
    band = 8.0  # points per bucket: about a line of text
    boxes: dict[int, list[tuple[int, float, float, float, float]]] = {}
    for f in fills:
        if f[3] - f[1] >= 2.0 and f[4] - f[2] >= 2.0:  # a rule cannot cover a glyph
            for k in range(int(f[2] // band), int(f[4] // band) + 1):
                boxes.setdefault(k, []).append(f)
    covered = [False] * len(chars)
    for i, (ch, place) in enumerate(zip(chars, places, strict=True)):
        near = boxes.get(int(ch["top"] // band))
        if not place or not near:
            continue
        # the whole glyph under the fill (a strike-through or an underline hides nothing)
        m = 0.25 * min(ch["x1"] - ch["x0"], ch["bottom"] - ch["top"])
        covered[i] = any(z > place and x0 <= ch["x0"] + m and ch["x1"] - m <= x1 and t0 <= ch["top"] + m
                         and ch["bottom"] - m <= t1 for z, x0, t0, x1, t1 in near)
    runs: dict[int, list[int]] = {}  # place of the text object → its characters
    for i, place in enumerate(places):
        runs.setdefault(place, []).append(i)
    hidden: list[Hidden] = []
    drop = set()
    for place, idx in runs.items():
        gone = [i for i in idx if covered[i]]
        if place and gone:
            drop.update(gone)
            hidden.append(Hidden("covered", "".join(chars[i]["text"] for i in gone).strip(), None, _box(chars, gone)))
    lines: dict[int, list[tuple[int, list[int], tuple[float, float, float, float]]]] = {}
    for place, idx in runs.items():
        live = [i for i in idx if i not in drop]
        if place and live:
            b = _box(chars, live)
            lines.setdefault(int(b[3] // band), []).append((place, live, b))
    for k, here in lines.items():
        near_runs = here + lines.get(k - 1, []) + lines.get(k + 1, [])
        for lower, li, lb in here:
            for upper, ui, ub in near_runs:
                if upper <= lower or any(i in drop for i in ui):
                    continue
                overlap = min(lb[2], ub[2]) - max(lb[0], ub[0])
                same_line = abs(lb[3] - ub[3]) < 0.5 * (lb[3] - lb[1]) and min(lb[3], ub[3]) - max(lb[1], ub[1]) > 0
                if same_line and overlap > 0.5 * min(lb[2] - lb[0], ub[2] - ub[0]):
                    text = "".join(chars[i]["text"] for i in li).strip()
                    shown = "".join(chars[i]["text"] for i in ui).strip()
                    drop.update(li)  # the whole lower string: two strings glued would be neither
                    if text != shown:
                        hidden.append(Hidden("overprinted", text, shown, lb))
                    break
    return [c for i, c in enumerate(chars) if i not in drop], _joined([h for h in hidden if h.text])


def _joined(hidden: list[Hidden]) -> tuple[Hidden, ...]:
    """Covered strings that follow each other on one line (one text object a word) as one."""
    out: list[Hidden] = []
    for h in sorted(hidden, key=lambda h: (h.kind, round(h.box[1]), h.box[0])):
        last = out[-1] if out else None
        height = h.box[3] - h.box[1]
        if last is not None and last.kind == h.kind == "covered" and abs(last.box[1] - h.box[1]) < 0.3 * height \
                and -0.5 <= h.box[0] - last.box[2] < height:
            gap = " " if h.box[0] - last.box[2] > 0.25 * height else ""
            out[-1] = Hidden("covered", last.text + gap + h.text, None,
                             (last.box[0], min(last.box[1], h.box[1]), h.box[2], max(last.box[3], h.box[3])))
        else:
            out.append(h)
    return tuple(out)


def _box(chars: list[Obj], idx: list[int]) -> tuple[float, float, float, float]:
    return (min(chars[i]["x0"] for i in idx), min(chars[i]["top"] for i in idx),
            max(chars[i]["x1"] for i in idx), max(chars[i]["bottom"] for i in idx))
