"""Decision exits: targets from connector geometry, labels beside the exits (issue #12 point 5)."""

from __future__ import annotations

from sopdoc.importers.grid.branch import labelled_targets
from sopdoc.importers.grid.geometry import Shape
from sopdoc.importers.pdf.importer import import_pdf_file
from tests.conftest import CORPUS

DIAMOND = Shape("keputusan", (100.0, 100.0, 140.0, 130.0))
DOWN = [(100.0 + 20, 130.0, 100.0 + 20, 160.0)]  # bottom vertex, down to the next step (index 3)
LEFT = [(60.0, 115.0, 100.0, 115.0), (60.0, 60.0, 60.0, 115.0)]  # left vertex, back up to index 0


def _word(text: str, x: float, y: float) -> dict[str, object]:
    return {"text": text, "x0": x, "x1": x + 6 * len(text), "top": y, "bottom": y + 8}


def test_ya_tidak_labels_decide_whatever_the_drawing_convention() -> None:
    found = [(3, DOWN, "bottom"), (0, LEFT, "left")]
    words = [_word("Tidak", 125, 136), _word("Ya", 80, 105)]  # Ya on the loop back, Tidak downwards
    assert labelled_targets(DIAMOND, 2, found, words) == ({"ya": 0, "tidak": 3}, {})


def test_other_words_are_kept_and_the_convention_decides() -> None:
    found = [(3, DOWN, "bottom"), (0, LEFT, "left")]
    words = [_word("Lengkap", 124, 136), _word("Belum", 62, 104), _word("lengkap", 62 + 6 * 5 + 2, 104)]
    targets, labels = labelled_targets(DIAMOND, 2, found, words)
    assert targets == {"ya": 3, "tidak": 0}
    assert labels == {"label_ya": "Lengkap", "label_tidak": "Belum lengkap"}


def test_no_labels_next_step_is_ya() -> None:
    assert labelled_targets(DIAMOND, 2, [(0, LEFT, "left"), (3, DOWN, "bottom")], []) == (
        {"ya": 3, "tidak": 0}, {})


def test_prose_exit_labels_kept_bps_044() -> None:
    """By eye: step 8's exits read "Peningkatan Performa" (to 9) and "Belum Ada Peningkatan Performa" (to 3)."""
    sop = import_pdf_file(CORPUS / "bps" / "bps-044-pemeliharaan-sistem-operasi.pdf").load.sop
    assert sop is not None
    cab = {k.no: k.cabang for k in sop.kegiatan}[8]
    assert cab is not None and (cab.ya, cab.tidak) == (9, 3)
    assert (cab.label_ya, cab.label_tidak) == ("Peningkatan Performa", "Belum Ada Peningkatan Performa")


def test_a_lone_plain_ya_is_not_kept_as_a_label() -> None:
    found = [(3, DOWN, "bottom"), (0, LEFT, "left")]
    assert labelled_targets(DIAMOND, 2, found, [_word("Ya", 125, 136)]) == ({"ya": 3, "tidak": 0}, {})


def test_chained_decisions_with_open_arrow_tips_bps_069() -> None:
    """By eye (page 2 at 150 dpi): step 3's diamond goes down ("Ya") into step 4's; step 4's goes down
    ("Ya") into step 5's and up ("Tidak") into step 3's; step 5's goes down ("Ya") to step 6's box and
    right then up ("Tidak") to step 3's box. Every arrow tip is Word's open chevron, drawn as the
    filled outline of a "V" (11 points), not a filled triangle."""
    sop = import_pdf_file(CORPUS / "bps" / "bps-069-konsumsi-rumahtangga-adhb.pdf").load.sop
    assert sop is not None
    cabang = {k.no: (k.cabang.ya, k.cabang.tidak) for k in sop.kegiatan if k.cabang is not None}
    assert cabang[4] == (5, 3)
    assert cabang[5] == (6, 3)
    assert cabang[3][0] == 4  # its "Tidak" loops into the box of its own row: no other step
