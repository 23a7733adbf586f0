"""Fonts are parsed on first use: an ASCII-only SOP never parses the DejaVu fallback; a glyph the
main font lacks parses it then and draws with it. Run in a fresh interpreter (registration is
process-wide)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sopdoc.layout.metrics import font_set
from tests.conftest import EXAMPLES, ROOT

CLEAN = EXAMPLES / "pengumpulan-data-kinerja.sop.yaml"

SCRIPT = """
import sys
from reportlab.pdfbase import pdfmetrics
from sopdoc.layout import layout_sop
from sopdoc.render.pdf import render_pdf
from sopdoc.source.reader import load_sop

sop = load_sop(sys.argv[1]).sop
fonts = set(pdfmetrics.getRegisteredFontNames())
render_pdf(sop, layout_sop(sop))
after_ascii = set(pdfmetrics.getRegisteredFontNames()) - fonts
step = sop.kegiatan[0].model_copy(update={"uraian": "Memeriksa berkas \\u2713 lengkap"})
tick = sop.model_copy(update={"kegiatan": (step, *sop.kegiatan[1:])})
pdf = render_pdf(tick, layout_sop(tick))
after_tick = set(pdfmetrics.getRegisteredFontNames()) - fonts
print(sorted(after_ascii))
print(sorted(after_tick))
print(b"DejaVu" in pdf)
"""


def test_fallback_font_parsed_only_when_a_glyph_needs_it() -> None:
    fonts = font_set("sans")
    if not fonts.embedded or not fonts.fallback:
        pytest.skip("Liberation Sans and DejaVu Sans are not both installed")
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(CLEAN)], capture_output=True, text=True, cwd=ROOT,
                         timeout=120, check=True)
    after_ascii, after_tick, embedded = run.stdout.splitlines()
    assert "DejaVu" not in after_ascii
    assert "LiberationSans-Regular" in after_ascii
    assert fonts.fallback in after_tick
    assert embedded == "True"
