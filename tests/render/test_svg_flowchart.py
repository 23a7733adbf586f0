"""The SVG painter draws the same geometry as the PDF."""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, given, settings

from sopdoc.layout import layout_sop
from sopdoc.layout.geometry import SymbolKind
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
