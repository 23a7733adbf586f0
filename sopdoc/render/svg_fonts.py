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

from sopdoc.layout.metrics import font_set

__all__ = ["EMBED_FAMILY", "FALLBACK_FAMILY", "family_of", "font_face_css"]

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
    options.layout_features = ["kern", "liga"]
    options.name_IDs = [1, 2]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    options.drop_tables += ["FFTM"]
    with TTFont(path, lazy=False, recalcTimestamp=False) as font:
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
