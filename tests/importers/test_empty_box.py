"""An empty box and a missing box are different findings (issue #14 point 4): a box whose heading
is in the document but whose content is blank is ``[]`` (SOP202, a warning), a box whose heading
is not found is ``null`` with the import's IMP012 (not the author's SOP201)."""

from __future__ import annotations

from pathlib import Path

from sopdoc.importers.dispatch import import_source
from sopdoc.validate.engine import check_loaded

ROOT = Path(__file__).resolve().parents[2]
SEED_001 = ROOT / "tests" / "data" / "seeds" / "001_d3e07cc3412ab670.txt"
BGC = ROOT / "tests" / "data" / "corpus" / "bps-bengkulu-322-birthday-greeting-card.pdf"


def _codes(path: Path, box: str) -> list[str]:
    loaded = import_source(path).load
    return sorted(d.code for d in check_loaded(loaded) if d.path[:1] == (box,))


def test_pdf_heading_with_blank_cell_is_an_empty_box() -> None:
    # BPS 322: KETERKAITAN and PERINGATAN headings with blank cells below (seen on the page image)
    sop = import_source(BGC).load.sop
    assert sop is not None and sop.keterkaitan == () and sop.peringatan == ()
    assert _codes(BGC, "keterkaitan") == ["SOP202"]
    assert _codes(BGC, "peringatan") == ["SOP202"]


def test_text_heading_with_dash_is_an_empty_box_and_no_heading_a_missing_one(tmp_path: Path) -> None:
    lines = SEED_001.read_text(encoding="utf-8").split("\n")
    empty = tmp_path / "kosong.txt"
    empty.write_text("\n".join("-" if ln.startswith("Jika SOP tidak dilaksanakan") else ln for ln in lines),
                     encoding="utf-8")
    assert _codes(empty, "peringatan") == ["SOP202"]
    missing = tmp_path / "hilang.txt"
    gone = ("Jika SOP tidak dilaksanakan", "Peringatan")
    missing.write_text("\n".join(ln for ln in lines if not ln.startswith(gone)), encoding="utf-8")
    assert _codes(missing, "peringatan") == ["IMP012"]
