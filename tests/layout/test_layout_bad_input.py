"""Bad input from the issue: the layout grows, breaks, falls back or warns; it never raises."""

from __future__ import annotations

import io
import subprocess
import sys

import pdfplumber

from sopdoc.layout import PageProfile, layout_sop
from sopdoc.layout.geometry import PageKind
from sopdoc.model.sop import Cabang, Kegiatan
from sopdoc.render.pdf import render_pdf
from tests.layout.builders import make_sop
from tests.layout.invariants import check_layout


def _codes(doc) -> set[str]:
    return {d.code for d in doc.warnings}


def test_two_hundred_steps_fifteen_actors():
    sop = make_sop(200, 15, {50: Cabang(ya=51, tidak=10), 199: Cabang(ya=200, tidak=1)})
    doc = layout_sop(sop)
    check_layout(sop, doc)
    assert "SOP603" in _codes(doc)  # more actors than maks_pelaksana
    assert len(doc.flow_pages) > 10
    render_pdf(sop, doc)


def test_five_thousand_character_uraian_continues_on_the_next_page_with_a_note():
    """Issue #16 item 6: no longer clipped (SOP601) but set in continuation rows (SOP610)."""
    sop = make_sop(5, 3)
    steps = list(sop.kegiatan)
    steps[2] = steps[2].model_copy(update={"uraian": "kata " * 1000})
    sop = sop.model_copy(update={"kegiatan": tuple(steps)})
    doc = layout_sop(sop)
    check_layout(sop, doc)
    codes = {(d.code, d.path) for d in doc.warnings}
    assert ("SOP610", ("kegiatan", 2)) in codes and not any(c == "SOP601" for c, _ in codes)
    shown = [w for p in doc.flow_pages for r in p.table.step_rows if r.step == 2 for c in r.cells
             if c.role == "kegiatan" for line in c.text.lines for w in line.split()]
    assert shown.count("kata") == 1000


def test_long_word_breaks_and_odd_characters_fall_back():
    sop = make_sop(4, 2)
    steps = list(sop.kegiatan)
    steps[1] = steps[1].model_copy(update={"uraian": "Pengolahan" + "data" * 60 + " 数据 😀 — ümlaut"})
    sop = sop.model_copy(update={"kegiatan": tuple(steps)})
    doc = layout_sop(sop)
    check_layout(sop, doc)
    assert "SOP602" in _codes(doc)
    with pdfplumber.open(io.BytesIO(render_pdf(sop, doc))) as pdf:
        text = pdf.pages[1].extract_text()
    assert "ümlaut" in text and "—" in text


def test_empty_cells_and_step_without_actor():
    sop = make_sop(4, 2)
    steps = list(sop.kegiatan)
    steps[1] = Kegiatan(no=2)
    sop = sop.model_copy(update={"kegiatan": tuple(steps)})
    doc = layout_sop(sop)
    check_layout(sop, doc)
    assert "SOP605" in _codes(doc)
    assert sum(len(p.symbols) for p in doc.flow_pages) == 3


def test_empty_sop_renders_an_identity_page_and_an_empty_table():
    from sopdoc.model.sop import Sop

    doc = layout_sop(Sop())
    assert [p.kind for p in doc.pages] == [PageKind.IDENTITY, PageKind.FLOWCHART]
    assert doc.draft
    render_pdf(Sop(), doc)


def test_profile_changes_paper_and_orientation():
    sop = make_sop(6, 3)
    doc = layout_sop(sop, PageProfile(kertas="a4", orientasi_alur=PageProfile.resolve(
        {"orientasi_alur": "potret"}).orientasi_alur))
    check_layout(sop, doc)
    flow = doc.flow_pages[0]
    assert round(flow.width, 1) == 595.3 and flow.height > flow.width


def test_without_liberation_fonts_builtin_metrics_still_render(tmp_path):
    script = (
        "import io, pdfplumber\n"
        "from tests.layout.builders import make_sop\n"
        "from tests.layout.invariants import check_layout\n"
        "from sopdoc.layout import layout_sop\n"
        "from sopdoc.render.pdf import render_pdf\n"
        "sop = make_sop(12, 4)\n"
        "doc = layout_sop(sop)\n"
        "assert doc.font_regular == 'Helvetica' and not doc.font_files\n"
        "assert 'SOP606' in {d.code for d in doc.warnings}\n"
        "check_layout(sop, doc)\n"
        "pdf = pdfplumber.open(io.BytesIO(render_pdf(sop, doc)))\n"
        "assert 'Menyusun' in pdf.pages[1].extract_text()\n"
        "print('ok')\n"
    )
    from tests.conftest import ROOT

    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                         env={"SOPDOC_NO_SYSTEM_FONTS": "1", "PATH": "/usr/bin:/bin"}, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_overfull_identity_page_shrinks_then_clips_with_a_warning():
    from sopdoc.model.sop import Identitas, Pengesahan

    sop = make_sop(3, 2)
    sop = sop.model_copy(update={
        "identitas": Identitas(nama="Nama SOP yang sangat panjang " * 20, nomor="1" * 300,
                               disahkan_oleh=Pengesahan(jabatan="Kepala " * 40, nama="Dr. " * 30, nip="1" * 18)),
        "dasar_hukum": tuple(f"Peraturan Nomor {i} Tahun 2020 tentang Sesuatu yang Panjang Sekali" for i in range(80)),
    })
    doc = layout_sop(sop)
    check_layout(sop, doc)
    assert ("SOP601", ("identitas",)) in {(d.code, d.path) for d in doc.warnings}
