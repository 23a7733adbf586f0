"""The SVG painter draws the same geometry as the PDF."""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from sopdoc.layout import layout_sop
from sopdoc.layout.geometry import BULLET, SymbolKind
from sopdoc.model.sop import Cabang
from sopdoc.render.svg import render_svg
from tests.layout.builders import make_sop
from tests.strategies import sops
from tests.xml_check import assert_well_formed

NS = {"s": "http://www.w3.org/2000/svg"}


def test_svg_has_every_symbol_connector_and_step_text():
    sop = make_sop(30, 5, {7: Cabang(ya=8, tidak=3)})
    doc = layout_sop(sop)
    root = assert_well_formed(render_svg(doc))
    flow = doc.flow_pages
    symbols = [s for p in flow for s in p.symbols]
    polygons = root.findall(".//s:polygon", NS)
    assert len(polygons) == sum(s.kind in (SymbolKind.KEPUTUSAN, SymbolKind.OFFPAGE) for s in symbols)
    rects = [r for r in root.findall(".//s:rect", NS) if r.get("class") == "symbol"]
    assert len(rects) == sum(s.kind in (SymbolKind.PROSES, SymbolKind.TERMINATOR) for s in symbols)
    # a connector is a polyline, or a path when it hops over a crossing line (a bridge: one arc each)
    paths = [e for e in root.findall(".//s:path", NS) if e.get("class") == "connector"]
    lines = root.findall(".//s:polyline", NS) + paths
    assert len(lines) == sum(len(p.connectors) for p in flow)
    arcs = sum(e.get("d", "").count("A") for e in lines if e.tag.endswith("path"))
    assert arcs == sum(len(c.bridges) for p in flow for c in p.connectors)
    text = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for step in sop.kegiatan:
        assert step.mutu_baku.output in text
    height = float(root.get("viewBox").split()[3])
    assert height > sum(p.height for p in flow) - 1


def test_svg_escapes_markup_in_text():
    sop = make_sop(3, 2, uraian="Cek <b> & \"kutip\"")
    svg = render_svg(layout_sop(sop))
    root = assert_well_formed(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert any(t and "<b> &" in t for t in texts)


def test_svg_control_characters_stay_well_formed():
    from sopdoc.source.reader import load_sop_text
    from tests.conftest import EXAMPLES

    src = (EXAMPLES / "pengumpulan-data-kinerja.sop.yaml").read_text(encoding="utf-8")
    src = src.replace("  nama: Pengumpulan Data Kinerja", '  nama: "Pengumpulan\\x01 Data\\x1b[31m"', 1)
    sop = load_sop_text(src, "x.sop.yaml").sop
    assert sop is not None and "\x01" in sop.identitas.nama
    svg = render_svg(layout_sop(sop))
    root = assert_well_formed(svg)
    assert "\x01" not in svg and "\x1b" not in svg
    assert root.find("s:title", NS).text == "Pengumpulan\ufffd Data\ufffd[31m"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(sops(max_steps=25, max_actors=10, absurd=True))
def test_painters_never_raise_on_absurd_sops(sop):
    from sopdoc.render.pdf import render_pdf

    doc = layout_sop(sop)
    assert render_pdf(sop, doc, qr=True).startswith(b"%PDF")
    assert_well_formed(render_svg(doc, include_identity=True))


SVG = "{http://www.w3.org/2000/svg}"


def _page_groups(root):
    return [g for g in root.findall("s:g", NS) if (g.get("transform") or "").startswith("translate(")]


def test_svg_covers_every_page_identity_first():
    from sopdoc.layout.geometry import PageKind

    doc = layout_sop(make_sop(30, 5, {7: Cabang(ya=8, tidak=3)}))
    root = assert_well_formed(render_svg(doc))
    groups = _page_groups(root)
    assert len(groups) == len(doc.pages) >= 3
    assert doc.pages[0].kind is PageKind.IDENTITY
    first = " ".join(t.text or "" for t in groups[0].iter(f"{SVG}text"))
    assert "800/1/2026" in first and "SOP Contoh" in first and "DASAR HUKUM" in first
    flow_only = assert_well_formed(render_svg(doc, include_identity=False))
    assert len(_page_groups(flow_only)) == len(doc.flow_pages)


def _embedded_fonts(svg: str):
    import base64
    import io
    import re

    from fontTools.ttLib import TTFont

    fonts = []
    for m in re.finditer(r"font-weight:(\d+);font-style:(\w+);src:url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", svg):
        fonts.append((int(m.group(1)), TTFont(io.BytesIO(base64.b64decode(m.group(3))))))
    return fonts


def test_svg_embeds_a_subset_of_its_font_covering_every_character_drawn():
    from sopdoc.layout.metrics import find_font_dir

    if find_font_dir("sans") is None:
        import pytest

        pytest.skip("Liberation Sans is not installed")
    sop = make_sop(6, 3, uraian="Memeriksa berkas permohonan Ã© Ł ő")
    doc = layout_sop(sop)
    svg = render_svg(doc)
    root = assert_well_formed(svg)
    fonts = _embedded_fonts(svg)
    assert {w for w, _ in fonts} == {400, 700}
    cmaps = {w: set(f.getBestCmap()) for w, f in fonts}
    for t in root.iter(f"{SVG}text"):
        weight = 700 if t.get("class") == "b" or t.get("fill") == "#d9d9d9" else 400
        for ch in (t.text or "").replace(" ", ""):
            assert ord(ch) in cmaps[weight], (ch, t.text)
    assert all(len(c) < 400 for c in cmaps.values())  # a subset, not the whole face (2,600+ glyphs)
    assert "font-face" not in render_svg(doc, embed_font=False)


def test_svg_embedded_font_is_the_same_for_the_same_text():
    doc = layout_sop(make_sop(4, 2))
    assert render_svg(doc) == render_svg(layout_sop(make_sop(4, 2)))  # no timestamp in the subset


HOSTILE = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.sampled_from(["<script>alert(1)</script>", "a & b ; c < d > e \" ' ]]>", "\x00\x01\x08\x0b\x0c\x1b[31m\x7f",
                     "\u202e\u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u05e2\u05d1\u05e8\u05d9\u05ea",
                     "\U0001f600\U0001f4c4 \u2764\ufe0f",
                     "\ud7ff\ue000\ufffe\uffff", "\u200b\u200d\ufeff", "&amp;&#0;&#x1;"]),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(nama=HOSTILE, uraian=HOSTILE, item=HOSTILE)
def test_svg_is_well_formed_whatever_the_text(nama, uraian, item):
    sop = make_sop(3, 2, uraian=uraian or "x", efektif=False)
    sop = sop.model_copy(update={
        "identitas": sop.identitas.model_copy(update={"nama": nama or None}),
        "dasar_hukum": (item or "-",),
    })
    doc = layout_sop(sop)
    svg = render_svg(doc)
    root = assert_well_formed(svg)
    assert len(_page_groups(root)) == len(doc.pages)
    assert not any(c in svg for c in "\x00\x01\x08\x0b\x0c\x1b\ufffe\uffff")  # illegal in XML 1.0


def test_svg_text_as_paths_draws_every_character_as_a_defined_glyph():
    from sopdoc.layout.metrics import find_font_dir

    if find_font_dir("sans") is None:
        import pytest

        pytest.skip("Liberation Sans is not installed")
    doc = layout_sop(make_sop(5, 2, uraian="Cek <b> & \"kutip\"", efektif=False))
    svg = render_svg(doc, text_as_paths=True)
    root = assert_well_formed(svg)
    assert root.find(f".//{SVG}text") is None and "font-face" not in svg
    defined = {p.get("id") for d in root.findall("s:defs", NS) for p in d.iter(f"{SVG}path") if p.get("id")}
    uses = list(root.iter(f"{SVG}use"))
    assert uses and {u.get("{http://www.w3.org/1999/xlink}href")[1:] for u in uses} <= defined
    drawn = [line for p in doc.pages for c in p.cells if c.text is not None for line in c.text.lines]
    drawn += [line for p in doc.pages for lb in p.labels for line in lb.text.lines]
    drawn += [s.label for p in doc.pages for s in p.symbols if s.label]
    drawn += ["DRAFT"] * len(doc.pages)
    drawn += [BULLET for p in doc.pages for c in p.cells if c.text is not None for _ in c.text.bullets]
    assert len(uses) == sum(len(line.replace(" ", "")) for line in drawn)
    assert render_svg(doc, text_as_paths=True) == svg


def test_cli_svg_kurva_writes_text_as_outlines(tmp_path):
    from sopdoc.cli import main
    from tests.conftest import EXAMPLES

    src = EXAMPLES / "seed-004-setda-buleleng.sop.yaml"
    for flag, out in (([], "a"), (["--svg-kurva"], "b")):
        assert main(["render", str(src), "--format", "svg", "-o", str(tmp_path / out), *flag]) == 0
    plain = (tmp_path / "a" / "seed-004-setda-buleleng.svg").read_text(encoding="utf-8")
    curves = (tmp_path / "b" / "seed-004-setda-buleleng.svg").read_text(encoding="utf-8")
    assert "<text " in plain and "@font-face" in plain
    assert "<text " not in curves and "<use " in curves
    assert_well_formed(curves)
