"""Font metrics for measuring text: the only place ``layout`` touches reportlab (metrics only).

Liberation Sans/Serif are used (and later embedded) when installed; otherwise reportlab's built-in
Helvetica/Times metrics, which are width-identical for printable ASCII. Characters the main font
lacks (✓, ☐, ★, emoji) are drawn with DejaVu when it is installed (``fallback``); characters no
font has (e.g. CJK) are replaced by ``?`` and reported by :meth:`FontSet.sanitize`.

TrueType faces are parsed lazily: :func:`font_set` only finds the files; a face is parsed and
registered with reportlab (:func:`ensure_font`) the first time it is measured or drawn, so a
document that never needs a fallback glyph never parses DejaVu, and one without italics never
parses the italic face.
"""

from __future__ import annotations

import functools
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sopdoc.layout.font_cache import load_ttfont

__all__ = ["REPLACEMENT", "FontSet", "ensure_font", "find_font_dir", "font_runs", "font_set"]

REPLACEMENT = "?"
_FONT_DIRS = (
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/liberation",
    "/usr/local/share/fonts",
    "/Library/Fonts",
)
_FALLBACK_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")
_LIBERATION = {
    "sans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf"),
    "serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf"),
}
_DEJAVU = {"sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"), "serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf")}
_BUILTIN = {
    "sans": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "serif": ("Times-Roman", "Times-Bold", "Times-Italic"),
}


def _find(dirs: tuple[str, ...], names: tuple[str, ...]) -> Path | None:
    if os.environ.get("SOPDOC_NO_SYSTEM_FONTS"):
        return None
    for d in dirs:
        if all((Path(d) / n).is_file() for n in names):
            return Path(d)
    return None


def find_font_dir(family: str) -> Path | None:
    """The directory holding the Liberation fonts of ``family``, or None.

    ``SOPDOC_NO_SYSTEM_FONTS=1`` pretends no font is installed (used by tests of the fallback).
    """
    return _find(_FONT_DIRS, _LIBERATION[family])


@dataclass(frozen=True)
class FontSet:
    """The faces used for one family, with their file paths when embedded.

    ``fallback``/``fallback_bold`` name the DejaVu faces used for characters the main faces lack
    (empty when DejaVu is not installed).
    """

    family: str
    regular: str
    bold: str
    italic: str
    files: tuple[tuple[str, str], ...]  # (name, ttf path); empty for built-in fonts
    fallback: str = ""
    fallback_bold: str = ""
    fallback_files: tuple[tuple[str, str], ...] = ()

    def __hash__(self) -> int:
        # the layout's text caches hash a FontSet per lookup: its regular face's name (equal
        # sets have equal ones; a string keeps its hash) rather than every field, the file
        # paths' tuples included
        return hash(self.regular)

    @property
    def embedded(self) -> bool:
        """True when TrueType files are used (and will be embedded in the PDF)."""
        return bool(self.files)

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Width of ``text`` in points at ``size`` (fallback glyphs measured in their own font)."""
        if bold:
            return _width(self.bold, self.fallback_bold, text, size)
        return _width(self.regular, self.fallback, text, size)

    def ascent(self, size: float) -> float:
        """Distance from the top of a line box to the baseline (points)."""
        return 0.86 * size  # Liberation/Helvetica ascender ~0.905; centred in the line box

    def sanitize(self, text: str) -> tuple[str, bool]:
        """``text`` with control characters removed and glyphs no font has replaced (tabs become
        spaces, newlines stay as paragraph breaks); the flag says whether anything was replaced."""
        return _sanitize(self.regular, self.fallback, text)


@functools.lru_cache(maxsize=4)
def font_set(family: str = "sans") -> FontSet:
    """The font set of ``family`` ('sans' or 'serif'), registering TrueType faces with reportlab."""
    font_dir = find_font_dir(family)
    fallback = _register(_find(_FALLBACK_DIRS, _DEJAVU[family]), _DEJAVU[family])
    fb = (fallback[0][0], fallback[1][0]) if fallback else ("", "")
    if font_dir is None:
        r, b, i = _BUILTIN[family]
        return FontSet(family, r, b, i, (), fb[0], fb[1], tuple(fallback))
    files = _register(font_dir, _LIBERATION[family])
    return FontSet(family, files[0][0], files[1][0], files[2][0], tuple(files), fb[0], fb[1], tuple(fallback))


_PENDING: dict[str, str] = {}
"""TrueType faces found but not parsed yet: face name → file path (see :func:`ensure_font`)."""


def _register(font_dir: Path | None, names: tuple[str, ...]) -> list[tuple[str, str]]:
    """The (face name, path) of ``names`` in ``font_dir``; each is parsed on first use only."""
    if font_dir is None:
        return []
    files = []
    for file_name in names:
        name = file_name[:-4]
        path = str(font_dir / file_name)
        _PENDING.setdefault(name, path)
        files.append((name, path))
    return files


def ensure_font(name: str) -> None:
    """Parse and register face ``name`` with reportlab if :func:`font_set` found it and it is not
    registered yet (painters call it before drawing with a face; measuring calls it itself)."""
    path = _PENDING.get(name)
    if path is None:
        return
    from reportlab.pdfbase import pdfmetrics

    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(load_ttfont(name, path))  # parsed once per user (font_cache)
    _PENDING.pop(name, None)


def font_runs(text: str, font: str, fallback: str) -> list[tuple[str, str]]:
    """Split ``text`` into (font name, run) pieces: the main font where it has the glyph, else
    the fallback (painters draw each run in its font)."""
    if not fallback or text.isascii():
        return [(font, text)]
    runs: list[tuple[str, str]] = []
    for ch in text:
        face = font if _supports(font, ch) or not _supports(fallback, ch) else fallback
        if runs and runs[-1][0] == face:
            runs[-1] = (face, runs[-1][1] + ch)
        else:
            runs.append((face, ch))
    return runs


@functools.lru_cache(maxsize=65536)
def _width(font: str, fallback: str, text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    total = 0.0
    for face, run in font_runs(text, font, fallback):
        ensure_font(face)
        total += stringWidth(run, face, size)
    return float(total)


@functools.lru_cache(maxsize=16384)
def _sanitize(font: str, fallback: str, text: str) -> tuple[str, bool]:
    if text.isascii() and text.isprintable():
        return text, False
    out = []
    replaced = False
    for ch in text:
        if ch == "\n":
            out.append(ch)  # paragraph break, kept for wrapping
        elif ch in "\t\r":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            replaced = replaced or unicodedata.category(ch) != "Cf"
        elif _supports(font, ch) or (fallback and _supports(fallback, ch)):
            out.append(ch)
        else:
            out.append(REPLACEMENT)
            replaced = True
    return "".join(out), replaced


@functools.lru_cache(maxsize=8192)
def _supports(font: str, ch: str) -> bool:
    from reportlab.pdfbase import pdfmetrics

    ensure_font(font)
    face = pdfmetrics.getFont(font).face
    if hasattr(face, "charToGlyph"):
        # TrueType: real coverage; beyond the BMP reportlab writes a wrong ToUnicode map (the text
        # would not copy or read back), so those characters are replaced instead
        return ord(ch) <= 0xFFFF and ord(ch) in face.charToGlyph
    try:  # built-in Type 1 fonts: WinAnsi (cp1252) only
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True
