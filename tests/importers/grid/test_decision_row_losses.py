"""What a decision row loses on import is the import's finding, not the author's: a decision with
one readable target (its label is no second target) gives IMP024, a terminator drawn beside the
diamond in the same row gives IMP039, and the checker then leaves those fields alone
(issue #14 item 4). Expected values written from the page images of bps-009 page 2 and bps-038
page 2."""

from __future__ import annotations

from sopdoc.importers.grid.steps import RawStep, steps_to_kegiatan
from sopdoc.importers.pdf.importer import import_pdf_file
from sopdoc.importers.report import ImportBuilder
from sopdoc.model.diagnostic import Origin
from sopdoc.validate.engine import check_loaded
from tests.conftest import CORPUS

ACTORS = ["Kepala", "Staf", "Anggota"]


def _import(*steps: RawStep) -> ImportBuilder:
    b = ImportBuilder("x.pdf", "pdf")
    steps_to_kegiatan(b, ACTORS, list(steps))
    return b


def _raw(no: str, shapes: dict[int, str], **kw: object) -> RawStep:
    return RawStep(no_text=no, uraian="Memeriksa data", origin=Origin(file="x.pdf", page=1), shapes=shapes, **kw)


def _codes(b: ImportBuilder) -> set[tuple[str, tuple[object, ...]]]:
    return {(d.code, d.path) for d in b.diagnostics}


def test_one_target_with_its_label_is_incomplete() -> None:
    b = _import(_raw("1", {0: "proses"}), _raw("2", {1: "keputusan"}, cabang={"ya": 0}, labels={"label_ya": "A"}),
                _raw("3", {2: "terminator"}))
    assert ("IMP024", ("kegiatan", 1, "cabang")) in _codes(b)
    assert b.data["kegiatan"][1]["cabang"] == {"ya": 0, "label_ya": "A"}  # what was read is kept


def test_two_targets_are_complete() -> None:
    b = _import(_raw("1", {0: "proses"}), _raw("2", {1: "keputusan"}, cabang={"ya": 2, "tidak": 0}),
                _raw("3", {2: "terminator"}))
    assert not any(code == "IMP024" for code, _ in _codes(b))


def test_terminator_beside_a_decision_is_a_loss() -> None:
    b = _import(_raw("1", {0: "terminator"}), _raw("2", {1: "keputusan", 2: "terminator"}, cabang={"tidak": 0}))
    assert ("IMP039", ("kegiatan", 1, "simbol")) in _codes(b)
    assert b.data["kegiatan"][1]["simbol"] == "keputusan"
    message = next(d.message for d in b.diagnostics if d.code == "IMP039")
    assert "Anggota" in message.id and "Anggota" in message.en


def test_terminator_beside_a_process_box_is_kept() -> None:
    b = _import(_raw("1", {0: "terminator", 1: "proses"}))
    assert not any(code == "IMP039" for code, _ in _codes(b))
    assert b.data["kegiatan"][0]["simbol"] == "terminator"


def test_bps_038_decision_row_blamed_on_the_import_only() -> None:
    # page 2 row 3: the diamond under Ketua Project Analisis Lintas Sektor, its exit to the right
    # reaching the end terminator under Anggota in the same row, a T-labelled loop back to row 2
    load = import_pdf_file(CORPUS / "bps" / "bps-038-pengumpulan-data-publikasi.pdf").load
    found = {(d.code, d.path) for d in check_loaded(load)}
    assert ("IMP039", ("kegiatan", 2, "simbol")) in found
    assert ("IMP024", ("kegiatan", 2, "cabang")) in found
    assert not any(code in ("SOP309", "SOP310") and path[:2] == ("kegiatan", 2) for code, path in found)


def test_bps_009_decision_with_exit_into_its_own_row() -> None:
    # page 2 row 4: exit A leads down to row 5's box; exit B to a box in row 4 itself, which is
    # step 4: the exit into the decision's own row names its own step (issue #12 point 5,
    # tests/data/import-expected/decisions.md), so nothing is left unread
    load = import_pdf_file(CORPUS / "bps" / "bps-009-penjualan-bmn.pdf").load
    assert load.sop is not None
    cabang = load.sop.kegiatan[3].cabang
    assert cabang is not None and cabang.ya == 5 and cabang.label_ya == "A"
    assert cabang.tidak == 4 and cabang.label_tidak == "B"
    found = {(d.code, d.path) for d in check_loaded(load)}
    assert ("IMP024", ("kegiatan", 3, "cabang")) not in found
    assert not any(code == "SOP310" and path[:2] == ("kegiatan", 3) for code, path in found)
