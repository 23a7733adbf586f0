"""TrueType faces as reportlab parsed them, kept between processes in the user's cache folder.

Parsing one Liberation face takes reportlab about 2 ms (its character map, widths and glyph
offsets, read with one Python call per number); ``sopdoc render x.sop.yaml`` parses two or three.
The parsed font, pickled right after parsing (before any document used it), loads in a tenth of
that. A cache file (:mod:`sopdoc.user_cache`) belongs to one font file — its path, size and
modification time, with reportlab's and Python's versions, make its first line — and is parsed
again and rewritten when any of them changed, or when it cannot be read.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
import weakref
from typing import Any

from sopdoc.user_cache import read_cache, write_cache

__all__ = ["load_ttfont"]


def load_ttfont(name: str, path: str) -> Any:
    """The reportlab ``TTFont`` ``name`` of the TrueType file ``path``, from the cache if it holds it."""
    import reportlab
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        st = os.stat(path)
    except OSError:
        return TTFont(name, path)  # reportlab says what is wrong with the path
    tag = (f"sopdoc ttfont {name} {path} {st.st_size} {st.st_mtime_ns} reportlab {reportlab.Version} "
           f"{sys.implementation.cache_tag}").encode("utf-8", "backslashreplace").replace(b"\n", b" ")
    file_name = f"ttfont-{hashlib.sha256(path.encode('utf-8', 'surrogateescape')).hexdigest()[:16]}.pickle"
    body = read_cache(file_name, tag)
    if body is not None:
        try:
            font = pickle.loads(body)
        except Exception:  # damaged: parsed again below
            font = None
        if isinstance(font, TTFont) and font.fontName == name:
            return font
    font = TTFont(name, path)
    with contextlib.suppress(pickle.PicklingError, TypeError, AttributeError, RecursionError):
        write_cache(file_name, tag, _dumps(font))  # another reportlab's font that does not pickle: not kept
    return font


def _scale(units_per_em: int) -> Any:
    """reportlab's scale from font units to 1/1000 em (``TTFontFile.extractInfo``)."""
    if units_per_em == 1000:
        return _identity
    return _Scale(1000 / units_per_em)


def _identity(x: Any) -> Any:
    return x


class _Scale:
    """``lambda x: x * _1000mult`` as reportlab writes it, in a form pickle can name."""

    __slots__ = ("mult",)

    def __init__(self, mult: float) -> None:
        self.mult = mult

    def __call__(self, x: Any) -> Any:
        return x * self.mult

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Scale, (self.mult,))


class _Pickler(pickle.Pickler):
    """Pickles a freshly parsed TTFont: its scale function by the font's units per em, its
    (empty) per-document state as a new empty one."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, weakref.WeakKeyDictionary):
            if len(obj):
                raise pickle.PicklingError("a font already used by a document")
            return (weakref.WeakKeyDictionary, ())
        if callable(obj) and getattr(obj, "__name__", "") == "<lambda>":
            raise pickle.PicklingError("unknown lambda")  # replaced below, never pickled as such
        return NotImplemented


def _dumps(font: Any) -> bytes:
    face = font.face
    scale = face.__dict__.get("_pdfScale")
    face._pdfScale = _scale(face.unitsPerEm)
    if scale is not None and (scale(1000) != face._pdfScale(1000) or scale(7) != face._pdfScale(7)):
        face._pdfScale = scale
        raise pickle.PicklingError("reportlab scales differently")
    try:
        buf = io.BytesIO()
        _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(font)
        return buf.getvalue()
    finally:
        face._pdfScale = scale if scale is not None else face._pdfScale
