"""TrueType faces parsed once per user (sopdoc.layout.font_cache): the cached font measures and
embeds exactly like a freshly parsed one; a changed font file or a damaged cache is parsed again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sopdoc.layout.font_cache import load_ttfont
from sopdoc.layout.metrics import find_font_dir

FONT_DIR = find_font_dir("sans")
pytestmark = pytest.mark.skipif(FONT_DIR is None, reason="Liberation fonts are not installed")
TEXT = "Kepala Dinas menandatangani surat — 30 menit ✓ Ÿ"


def _parsed(name: str, path: Path | str) -> object:
    """The font as reportlab parses it, no cache involved."""
    from reportlab.pdfbase.ttfonts import TTFont

    return TTFont(name, str(path))


def _same(a: object, b: object) -> None:
    """Fonts ``a`` and ``b`` (each fresh, unused) hold the same data and measure, split and embed
    text alike."""
    fa, fb = a.face, b.face  # type: ignore[attr-defined]
    skip = {"_pdfScale"}
    assert {k: v for k, v in vars(fa).items() if k not in skip} == {k: v for k, v in vars(fb).items() if k not in skip}
    units = (0, 1, 7, 1000, 2048, 333.5)
    assert [fa._pdfScale(x) for x in units] == [fb._pdfScale(x) for x in units]
    assert a.stringWidth(TEXT, 9.5) == b.stringWidth(TEXT, 9.5)  # type: ignore[attr-defined]
    assert a.splitString(TEXT, _Doc()) == b.splitString(TEXT, _Doc())  # type: ignore[attr-defined]
    assert fa.makeSubset(list(range(32, 127))) == fb.makeSubset(list(range(32, 127)))


class _Doc:
    """What TTFont.splitString asks of a document: a key for its per-document state."""

    hasForms = False


def test_a_cached_face_is_the_parsed_face(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOPDOC_CACHE_DIR", str(tmp_path / "cache"))
    path = str(FONT_DIR / "LiberationSans-Regular.ttf")  # type: ignore[operator]
    first = load_ttfont("LiberationSans-Regular", path)
    files = list((tmp_path / "cache").iterdir())
    assert [f.suffix for f in files] == [".pickle"]
    cached = load_ttfont("LiberationSans-Regular", path)
    assert cached is not first and type(cached.face._pdfScale).__name__ == "_Scale"
    _same(_parsed("LiberationSans-Regular", path), cached)
    assert load_ttfont("Other", path).fontName == "Other"  # another name: parsed, cache rewritten for it


def test_a_changed_font_or_a_damaged_cache_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOPDOC_CACHE_DIR", str(tmp_path / "cache"))
    font = tmp_path / "font.ttf"
    shutil.copy(FONT_DIR / "LiberationSans-Bold.ttf", font)  # type: ignore[operator]
    first = load_ttfont("F", str(font))
    (cache_file,) = (tmp_path / "cache").iterdir()
    shutil.copy(FONT_DIR / "LiberationSans-Regular.ttf", font)  # type: ignore[operator]
    os.utime(font, ns=(1, 1))
    changed = load_ttfont("F", str(font))
    assert changed.face.charWidths != first.face.charWidths  # the new file's widths, not the cached ones
    _same(_parsed("F", font), changed)
    _same(_parsed("F", font), load_ttfont("F", str(font)))
    tag, _, body = cache_file.read_bytes().partition(b"\n")
    cache_file.write_bytes(tag + b"\n" + body[: len(body) // 3])
    _same(_parsed("F", font), load_ttfont("F", str(font)))  # damaged: parsed again
    assert cache_file.read_bytes() != tag + b"\n" + body[: len(body) // 3]  # and written again
