"""Branches written in prose in Keterangan are kept as keterangan and reported (IMP043; issue
#12 item 5). The bps-009 expectation is read from its page 2 image: step 4's Keterangan explains
the diamond's exits "A : BMN yang memiliki dokumen kepemilikan dan diatas 100 jt" and "B : BMN
yang tidak memiliki …"."""

from __future__ import annotations

import pytest

from sopdoc.importers.grid.prose_branch import prose_branch
from sopdoc.importers.grid.steps import RawStep, steps_to_kegiatan
from sopdoc.importers.pdf.importer import import_pdf_file
from sopdoc.importers.report import ImportBuilder
from sopdoc.model.diagnostic import Origin
from tests.conftest import CORPUS


@pytest.mark.parametrize(("text", "labels", "quoted"), [
    ("Jika berkas tidak lengkap, kembali ke langkah 2.", (), "Jika berkas tidak lengkap, kembali ke langkah 2"),
    ("Bila belum lengkap dikembalikan ke pemohon", (), "Bila belum lengkap dikembalikan ke pemohon"),
    ("Dilanjutkan ke kegiatan 7 setelah paraf", (), "Dilanjutkan ke kegiatan 7 setelah paraf"),
    ("Apabila disetujui, SK ditandatangani; apabila ditolak dikembalikan", (), "Apabila disetujui, SK ditandatangani"),
    ("A : BMN dengan dokumen B : BMN tanpa dokumen", ("A", "B"), "A : BMN dengan dokumen B : BMN tanpa dokumen"),
    ("Ya: diteruskan kepada Kepala", ("ya", "tidak"), "Ya: diteruskan kepada Kepala"),
])
def test_a_branch_in_words_is_found_and_quoted(text: str, labels: tuple[str, ...], quoted: str) -> None:
    assert prose_branch(text, labels) == quoted


@pytest.mark.parametrize(("text", "labels"), [
    ("Sesuai PMK Nomor 190 Tahun 2012", ()),
    ("Disampaikan ke KPPN sesuai Perdirjen nomor 12", ()),
    ("Aset Tetap > RUH > Transaksi BMN > Usulan Penghapusan", ()),
    ("-", ()),
    ("Paling lambat 3 hari kerja setelah diterima", ()),
    ("A : BMN dengan dokumen", ()),  # no exit is labelled A: a plain note
    ("Catatan: dilampiri daftar hadir", ("ya", "tidak")),
])
def test_notes_that_state_no_branch_are_not_reported(text: str, labels: tuple[str, ...]) -> None:
    assert prose_branch(text, labels) is None


def test_a_long_clause_is_cut_at_a_space() -> None:
    quoted = prose_branch("Jika tidak lengkap maka " + "dokumen pendukung permohonan " * 5 + "dikembalikan")
    assert quoted is not None and quoted.endswith(" …") and len(quoted) <= 62


def _raw(no: str, shapes: dict[int, str], **kw: object) -> RawStep:
    return RawStep(no_text=no, uraian="Memeriksa berkas", origin=Origin(file="x.pdf", page=1), shapes=shapes, **kw)


def test_a_return_the_flowchart_does_not_draw_is_reported_on_a_process_step() -> None:
    b = ImportBuilder("x.pdf", "pdf")
    steps_to_kegiatan(b, ["Kepala", "Staf"], [
        _raw("1", {0: "proses"}), _raw("2", {1: "proses"}, keterangan="Jika tidak lengkap kembali ke langkah 1"),
        _raw("3", {0: "terminator"})])
    found = [d for d in b.diagnostics if d.code == "IMP043"]
    assert [d.path for d in found] == [("kegiatan", 1, "keterangan")]
    assert "tidak digambar sebagai keputusan" in found[0].message.get("id")
    assert "does not draw" in found[0].message.get("en")
    assert b.data["kegiatan"][1]["keterangan"] == "Jika tidak lengkap kembali ke langkah 1"  # kept as printed
    assert "cabang" not in b.data["kegiatan"][1]


def test_a_plain_note_gives_no_finding() -> None:
    b = ImportBuilder("x.pdf", "pdf")
    steps_to_kegiatan(b, ["Kepala"], [_raw("1", {0: "proses"}, keterangan="Dilampiri daftar hadir")])
    assert not [d for d in b.diagnostics if d.code == "IMP043"]


def test_bps_009_lettered_exits_explained_in_keterangan() -> None:
    load = import_pdf_file(CORPUS / "bps" / "bps-009-penjualan-bmn.pdf").load
    assert load.sop is not None
    step = load.sop.kegiatan[3]
    assert step.simbol.value == "keputusan" and step.keterangan is not None
    assert step.keterangan.startswith("Usulan Permohonan Persetujuan Penjualan BMN")
    assert "A : BMN yang memiliki dokumen" in step.keterangan
    found = [d for d in load.diagnostics if d.code == "IMP043"]
    assert [d.path for d in found] == [("kegiatan", 3, "keterangan")]
    assert "cabang keputusan" in found[0].message.get("id")
    assert found[0].origin is not None and found[0].origin.page == 2
