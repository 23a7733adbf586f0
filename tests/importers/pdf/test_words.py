"""Words separated as printed in the PDF text path (issue #12 point 3: no glued words)."""

from __future__ import annotations

from sopdoc.importers.pdf.importer import import_pdf_file
from sopdoc.importers.pdf.words import spaced_text
from tests.conftest import CORPUS


def _chars(text: str, size: float, advance: float, space: float) -> list[dict[str, object]]:
    """One line of ``text``; each letter ``advance`` wide, touching the next; a space is a gap of ``space``."""
    out: list[dict[str, object]] = []
    x = 10.0
    for ch in text:
        if ch == " ":
            x += space
            continue
        out.append({"text": ch, "x0": x, "x1": x + advance, "top": 100.0, "bottom": 100.0 + size, "size": size,
                    "upright": True, "doctop": 100.0, "width": advance, "height": size})
        x += advance
    return out


def test_a_narrow_space_in_small_type_separates_words() -> None:
    # 8-point type: a 1.9-point space (a quarter of an em) is a space; pdfplumber's fixed 3 points glued them
    assert spaced_text(_chars("PROSEDUR PERSIAPAN", 8.0, 4.6, 1.9)) == "PROSEDUR PERSIAPAN"
    assert spaced_text(_chars("NAMA SOP", 10.0, 5.9, 2.3)) == "NAMA SOP"


def test_letters_of_a_word_stay_together() -> None:
    chars = _chars("Pengumpulan", 10.0, 5.0, 0.0)
    for k, c in enumerate(chars):  # kerning: letters a few hundredths of an em apart
        c["x0"] = float(c["x0"]) + 0.4 * k  # type: ignore[arg-type]
        c["x1"] = float(c["x1"]) + 0.4 * k  # type: ignore[arg-type]
    assert spaced_text(chars) == "Pengumpulan"


def test_corpus_texts_as_printed() -> None:
    """By eye from the page images: bps 290 step 1, bps 338 step 1's waktu, bps 280 Nama SOP."""
    sop = import_pdf_file(CORPUS / "bps" / "bps-290-persiapan-pengadaan-konstruksi.pdf").load.sop
    assert sop is not None and sop.kegiatan[0].uraian.startswith("Subject Matter menyerahkan Form Permintaan")
    sop = import_pdf_file(CORPUS / "bps" / "bps-338-komponen-ekspor-adhk.pdf").load.sop
    assert sop is not None and sop.kegiatan[0].mutu_baku.waktu is not None
    assert sop.kegiatan[0].mutu_baku.waktu.teks == "1 hari"
    sop = import_pdf_file(CORPUS / "bps" / "bps-280-persiapan-pengadaan-konsultansi-konstruksi.pdf").load.sop
    assert sop is not None
    assert sop.identitas.nama == "STANDAR OPERASIONAL PROSEDUR PERSIAPAN PENGADAAN JASA KONSULTANSI KONSTRUKSI"


def test_spaced_table_extract_is_pdfplumbers_exactly_and_kept() -> None:
    """The row-bucketed extract gives pdfplumber's Table.extract texts (with the same word gap) on
    every table of a corpus page, and a second call returns an equal, independent copy."""
    import pdfplumber

    from sopdoc.importers.pdf.cells import cell_rects, with_cell_rules
    from sopdoc.importers.pdf.importer import _fast_pages, _keep
    from sopdoc.importers.pdf.words import WORD_GAP, SpacedTable
    from tests.conftest import CORPUS

    path = str(CORPUS / "bps" / "bps-299-penunjukan-langsung-konstruksi.pdf")
    with pdfplumber.open(path) as pdf:
        tables = [t for page in _fast_pages(path, pdf.pages)
                  for t in with_cell_rules(page.filter(_keep), cell_rects(page)).find_tables()]
        assert len(tables) >= 3
        for t in tables:
            fast = SpacedTable(t)
            first = fast.extract()
            assert first == t.extract(x_tolerance_ratio=WORD_GAP)
            first[0][0] = "changed"
            assert fast.extract() == t.extract(x_tolerance_ratio=WORD_GAP)
