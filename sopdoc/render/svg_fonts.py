"""Fonts inside an SVG: the layout's faces, subset to the characters drawn, as WOFF data URIs.

An SVG that names its font leaves the choice to the viewer: with DejaVu in place of Liberation the
text is wider than the layout measured and leaves its cells. So the faces the layout measured with
(``font_set``'s TrueType files, and the DejaVu fallback for characters Liberation lacks) travel
inside the SVG as ``@font-face`` rules, each subset by fontTools to the characters it draws.
"""

from __future__ import annotations

import base64
import functools
import io
import os
import zlib
from typing import Any

from sopdoc.layout.metrics import font_set

__all__ = ["EMBED_FAMILY", "FALLBACK_FAMILY", "GlyphPaths", "family_of", "font_face_css"]

_ASCII = frozenset(chr(c) for c in range(0x20, 0x7F))
"""Always embedded: most SOPs draw nothing else, so one subset per face serves them all (cached)."""

EMBED_FAMILY = "sopdoc-text"
FALLBACK_FAMILY = "sopdoc-fallback"


def family_of(face_name: str) -> str:
    """``'serif'`` or ``'sans'``: the :func:`font_set` family a layout's face name belongs to."""
    return "serif" if "Serif" in face_name or "Times" in face_name else "sans"


@functools.lru_cache(maxsize=8)
def _cmap(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


@functools.lru_cache(maxsize=64)
def _subset_woff(path: str, chars: str) -> str:
    """Base64 WOFF of the face at ``path`` holding only ``chars`` (sorted, unique)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = []  # no kerning, no ligatures: the layout measured without them
    options.name_IDs = [1, 2]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    options.drop_tables += ["FFTM", "GSUB", "GPOS", "GDEF", "kern", "DSIG", "gasp", "prep", "fpgm", "cvt "]
    with TTFont(path, lazy=True, recalcTimestamp=False) as font:  # lazy: ~10x faster
        sub = subset.Subsetter(options)
        sub.populate(unicodes=[ord(c) for c in chars])
        sub.subset(font)
        buf = io.BytesIO()
        font.flavor = "woff"
        font.save(buf)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def font_face_css(face_name: str, chars: dict[tuple[bool, bool], set[str]]) -> str:
    """``@font-face`` rules for the characters drawn per (bold, italic); empty when the layout used
    reportlab's built-in faces (no TrueType file to embed)."""
    fonts = font_set(family_of(face_name))
    files = dict(fonts.files)
    if not files:
        return ""
    fallback = dict(fonts.fallback_files)
    rules: list[str] = []
    for (bold, italic), used in sorted(chars.items()):
        used = {c for c in used if c.isprintable() and not c.isspace()} | {" "}
        path = files.get(fonts.bold if bold else (fonts.italic if italic else fonts.regular))
        if path is None:
            continue
        have = _cmap(path)
        main = "".join(sorted(c for c in used | _ASCII if ord(c) in have))
        weight = 700 if bold else 400
        style = "italic" if italic and not bold else "normal"
        rules.append(_rule(EMBED_FAMILY, weight, style, _subset_woff(path, main)))
        rest = "".join(sorted(c for c in used if ord(c) not in have))
        fb_path = fallback.get(fonts.fallback_bold if bold else fonts.fallback)
        if rest and fb_path:
            fb_have = _cmap(fb_path)
            fb_chars = "".join(c for c in rest if ord(c) in fb_have)
            if fb_chars:
                rules.append(_rule(FALLBACK_FAMILY, weight, style, _subset_woff(fb_path, fb_chars)))
    return "".join(rules)


def _rule(family: str, weight: int, style: str, woff_b64: str) -> str:
    return (f"@font-face{{font-family:'{family}';font-weight:{weight};font-style:{style};"
            f"src:url(data:font/woff;base64,{woff_b64}) format('woff')}}")


class GlyphPaths:
    """Text drawn as outlines: each glyph once in ``<defs>``, each line a row of ``<use>``.

    Advances are the faces' own (no kerning: the layout measures without it, so lines end where
    the layout measured them); a character no face holds is drawn as the main face's .notdef.
    """

    def __init__(self, face_name: str) -> None:
        fonts = font_set(family_of(face_name))
        self.fonts = fonts
        self.files = dict(fonts.files)
        self.fallback = dict(fonts.fallback_files)
        self.defs: dict[str, str] = {}

    @property
    def usable(self) -> bool:
        """False when the layout used reportlab's built-in faces (no outlines to draw)."""
        return bool(self.files)

    def _faces(self, bold: bool, italic: bool) -> list[str]:
        main = self.files.get(self.fonts.bold if bold else (self.fonts.italic if italic else self.fonts.regular))
        fb = self.fallback.get(self.fonts.fallback_bold if bold else self.fonts.fallback)
        return [p for p in (main, fb) if p]

    def line(self, text: str, x: float, baseline: float, size: float, bold: bool, italic: bool,
             fill: str = "#000") -> tuple[str, float]:
        """A ``<g>`` drawing ``text`` from ``x`` on ``baseline``, and its width in points."""
        faces = self._faces(bold, italic)
        uses: list[str] = []
        pen_x = 0.0
        for ch in text:
            path = next((p for p in faces if ord(ch) in _cmap(p)), faces[0])
            gid, advance, upm = _glyph(path, ch)
            scale = size / upm
            if not ch.isspace():
                key = self._define(path, gid)
                uses.append(f'<use xlink:href="#{key}" transform="translate({_n(pen_x)} 0) scale({_n(scale, 5)} '
                            f'{_n(-scale, 5)})"/>')
            pen_x += advance * scale
        return (f'<g transform="translate({_n(x)} {_n(baseline)})" fill="{fill}">{"".join(uses)}</g>', pen_x)

    def _define(self, path: str, gid: str) -> str:
        key = f"g{zlib.crc32(f'{os.path.basename(path)}/{gid}'.encode()):08x}"
        if key not in self.defs:
            self.defs[key] = f'<path id="{key}" d="{_outline(path, gid)}"/>'
        return key

    def defs_xml(self) -> str:
        """The glyph outlines used so far (sorted, so the output is stable)."""
        return "".join(self.defs[k] for k in sorted(self.defs))


def _n(v: float, digits: int = 2) -> str:
    return f"{v:.{digits}f}".rstrip("0").rstrip(".") or "0"


@functools.lru_cache(maxsize=8)
def _face(path: str) -> Any:
    from fontTools.ttLib import TTFont

    return TTFont(path, lazy=True)


@functools.lru_cache(maxsize=4096)
def _glyph(path: str, ch: str) -> tuple[str, int, int]:
    """(glyph name, advance, units per em) of ``ch`` in the face at ``path`` (.notdef if absent)."""
    font = _face(path)
    name = font.getBestCmap().get(ord(ch), ".notdef")
    return name, font["hmtx"][name][0], font["head"].unitsPerEm


@functools.lru_cache(maxsize=4096)
def _outline(path: str, name: str) -> str:
    from fontTools.pens.svgPathPen import SVGPathPen

    font = _face(path)
    glyphs = font.getGlyphSet()
    pen = SVGPathPen(glyphs)
    glyphs[name].draw(pen)
    return str(pen.getCommands())
