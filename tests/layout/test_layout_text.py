"""Text measuring and wrapping."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sopdoc.layout.metrics import REPLACEMENT, font_set
from sopdoc.layout.text import HYPHEN, wrap_text

FONTS = font_set("sans")


def test_builtin_and_liberation_widths_agree_for_ascii():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = "Menyusun Laporan Kinerja Triwulan (LKjIP) 2026: 100% & selesai!"
    assert abs(FONTS.width(text, 8) - stringWidth(text, "Helvetica", 8)) < 0.05


def test_wrap_breaks_at_spaces_and_inside_overlong_words():
    lines = wrap_text("Memeriksa " + "x" * 80 + " selesai", FONTS, 8, 60)
    assert lines[0] == "Memeriksa"
    assert "".join(lines[1:-1]) + lines[-1].split()[0] == "x" * 80
    assert all(FONTS.width(line, 8) <= 60 for line in lines)


def test_overlong_words_are_hyphenated_with_indonesian_patterns():
    """A header word too wide for its column breaks where Indonesian syllables do, with a hyphen
    shown (issue #16: never "Pengadministra/si" or "Bupat/i")."""
    syllables = {"Pengadministrasi": ["Peng", "ad", "mi", "nis", "tra", "si"], "Bupati": ["Bu", "pa", "ti"],
                 "Sekretaris": ["Sek", "re", "ta", "ris"]}  # written by hand
    for word, parts in syllables.items():
        for width in (26.0, 32.0, 40.0, 48.0):  # wide enough for "Peng" and its hyphen
            lines = wrap_text(word, FONTS, 8, width, bold=True)
            if len(lines) == 1:
                continue
            assert "".join(line.removesuffix(HYPHEN) for line in lines) == word
            assert all(line.endswith(HYPHEN) for line in lines[:-1]), lines
            ends = {"".join(parts[:k]) for k in range(1, len(parts))}
            cut = ""
            for line in lines[:-1]:
                cut += line.removesuffix(HYPHEN)
                assert cut in ends, (word, width, lines)
            assert all(FONTS.width(line, 8, True) <= width for line in lines)


def test_sanitize_replaces_unsupported_glyphs_and_reports():
    clean, replaced = FONTS.sanitize("Data 数据 😀 ümlaut\x00")
    assert replaced and "数" not in clean and REPLACEMENT in clean and "ümlaut" in clean and "\x00" not in clean
    assert FONTS.sanitize("Biasa saja")[1] is False


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=300), st.floats(5, 200))
def test_wrapped_lines_fit_and_keep_every_character(text, width):
    clean = FONTS.sanitize(text)[0]
    lines = wrap_text(clean, FONTS, 8, width)
    assert all(FONTS.width(line, 8) <= width or len(line) == 1 for line in lines)
    # every character kept; the only one added is the hyphen shown where a word is hyphenated
    assert "".join(lines).replace(" ", "").replace(HYPHEN, "") == "".join(clean.split()).replace(HYPHEN, "")
    assert all(line.endswith(HYPHEN) for line in lines if HYPHEN not in clean and HYPHEN in line)


def test_symbols_missing_from_liberation_fall_back_to_dejavu():
    from sopdoc.layout.metrics import font_runs

    if not FONTS.fallback:
        return  # DejaVu not installed: covered by the replacement test above
    clean, replaced = FONTS.sanitize("Berkas lengkap ✓ ☐ ★")
    assert clean == "Berkas lengkap ✓ ☐ ★" and not replaced
    runs = font_runs(clean, FONTS.regular, FONTS.fallback)
    assert [f for f, _ in runs] == [FONTS.regular, FONTS.fallback, FONTS.regular, FONTS.fallback,
                                    FONTS.regular, FONTS.fallback]
    assert FONTS.sanitize("emoji 😀")[0] == "emoji ?"  # beyond the BMP: replaced, reported
    assert FONTS.width("✓", 8) > 0
