"""A Ya/Tidak label beside a drawn decision's exit lands in the actor cell of the next row; it is
the connector's label, not a mark of that step (IMP035), so the checker does not report a lost
decision there (SOP311). Found by judging the corpus findings (tests/data/judged-findings/)."""

from __future__ import annotations

from pathlib import Path

from sopdoc.importers.pdf.importer import import_pdf_file
from sopdoc.model.diagnostic import format_path
from sopdoc.model.sop import Simbol
from sopdoc.validate.engine import check_loaded

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus" / "bps"


def test_label_beside_decision_is_the_connectors() -> None:
    # bps-028 page 2, by eye: step 4 (Operator) gets the "Tidak" arrow that leaves step 5's
    # diamond "Setuju ?" (PPK); the label is printed in row 4's PPK cell
    result = import_pdf_file(CORPUS / "bps-028-pengajuan-ls-kppn.pdf")
    sop = result.load.sop
    assert sop is not None
    assert sop.kegiatan[4].simbol is Simbol.KEPUTUSAN
    assert sop.kegiatan[3].simbol is Simbol.PROSES
    assert not sop.kegiatan[3].tanda
    said = [(d.code, format_path(d.path)) for d in result.load.diagnostics]
    assert ("IMP035", "kegiatan[3].tanda") in said
    assert not [d for d in check_loaded(result.load) if d.code == "SOP311"]
