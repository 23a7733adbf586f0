"""Our own DOCX/PDF edited after rendering: the visible content wins over the embedded source.

The edits are made by hand in the tests (python-docx on the Word tables, a PDF whose pages were
rendered from an edited SOP but whose attachment is the original); the expected SOPs are the
original with those same edits written out here, never produced by the importer.
"""

from __future__ import annotations

import copy
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from sopdoc.importers.docx.importer import import_docx_file
from sopdoc.importers.pdf.importer import import_pdf_file
from sopdoc.layout import layout_sop
from sopdoc.model.sop import Kegiatan, MutuBaku, Simbol, Sop
from sopdoc.model.waktu import parse_waktu
from sopdoc.render.docx import docx_bytes
from sopdoc.render.pdf import render_pdf
from sopdoc.source.reader import load_sop
from sopdoc.source.writer import sop_to_yaml
from tests.conftest import EXAMPLES

NEW_URAIAN = "Merekapitulasi dan memverifikasi data capaian kinerja seluruh bidang"
NEW_WAKTU = "3 hari kerja"


def _example() -> Sop:
    sop = load_sop(EXAMPLES / "pengumpulan-data-kinerja.sop.yaml").sop
    assert sop is not None
    return sop


def _flow_tables(doc):
    return [t for t in doc.tables if t.rows[0].cells[0].text == "NO" and t.rows[0].cells[1].text == "KEGIATAN"]


def _row_of(doc, no: str):
    for t in _flow_tables(doc):
        for row in t.rows[2:]:
            if row.cells[0].text == no:
                return row
    raise AssertionError(f"no row {no}")


def _set(cell, value: str) -> None:
    """Replace a cell's text as a user typing into it would (the first paragraph keeps its style)."""
    paras = cell.paragraphs
    for p in paras[1:]:
        p._p.getparent().remove(p._p)
    runs = paras[0].runs
    for r in runs[1:]:
        r._r.getparent().remove(r._r)
    if runs:
        runs[0].text = value
    else:
        paras[0].add_run(value)


def _edit(sop: Sop, path: Path, change) -> Path:
    from docx import Document

    doc = Document(io.BytesIO(docx_bytes(sop)))
    change(doc)
    doc.save(str(path))
    return path


def _findings(result) -> list:
    return [d for d in result.load.diagnostics if d.code == "IMP015"]


def _change_step_4(doc) -> None:
    row = _row_of(doc, "4")
    _set(row.cells[1], NEW_URAIAN)
    _set(row.cells[8], NEW_WAKTU)


def _with_step_4_changed(sop: Sop) -> Sop:
    steps = list(sop.kegiatan)
    old = steps[3]
    steps[3] = old.model_copy(update={
        "uraian": NEW_URAIAN,
        "mutu_baku": old.mutu_baku.model_copy(update={"waktu": parse_waktu(NEW_WAKTU)})})
    return sop.model_copy(update={"kegiatan": tuple(steps)})


def test_unedited_docx_is_still_lossless(tmp_path: Path) -> None:
    sop = _example()
    result = import_docx_file(_edit(sop, tmp_path / "x.docx", lambda doc: None))
    assert result.load.sop == sop
    assert "IMP007" in {d.code for d in result.load.diagnostics} and not _findings(result)


def test_docx_step_text_and_waktu_changed(tmp_path: Path) -> None:
    sop = _example()
    result = import_docx_file(_edit(sop, tmp_path / "x.docx", _change_step_4))
    assert result.load.sop == _with_step_4_changed(sop)
    found = _findings(result)
    assert sorted(d.path for d in found) == [("kegiatan", 3, "mutu_baku", "waktu"), ("kegiatan", 3, "uraian")]
    assert all("langkah 4" in d.message.id and "step 4" in d.message.en for d in found)
    assert "IMP007" not in {d.code for d in result.load.diagnostics}
    uraian = next(d for d in found if d.path[-1] == "uraian")
    assert uraian.origin is not None and uraian.origin.table == 2 and uraian.origin.row == 6


def test_docx_row_deleted(tmp_path: Path) -> None:
    sop = _example()

    def delete_9(doc) -> None:
        row = _row_of(doc, "9")
        row._tr.getparent().remove(row._tr)

    result = import_docx_file(_edit(sop, tmp_path / "x.docx", delete_9))
    got = result.load.sop
    assert got is not None
    assert [k.no for k in got.kegiatan] == [1, 2, 3, 4, 5, 6, 7, 8, 10]
    assert got.kegiatan == sop.kegiatan[:8] + sop.kegiatan[9:]
    found = _findings(result)
    assert len(found) == 1
    assert "langkah 9" in found[0].message.id and "dihapus" in found[0].message.id


def _simple() -> Sop:
    mb = MutuBaku(kelengkapan=("Berkas",), waktu=parse_waktu("1 jam"), output="Berkas diperiksa")
    return Sop(pelaksana=("Kepala", "Staf"), kegiatan=(
        Kegiatan(no=1, uraian="Menerima berkas", pelaksana=("Staf",), simbol=Simbol.TERMINATOR, mutu_baku=mb),
        Kegiatan(no=2, uraian="Memeriksa berkas", pelaksana=("Staf",), simbol=Simbol.PROSES, mutu_baku=mb,
                 tanda=None),
        Kegiatan(no=3, uraian="Menyetujui berkas", pelaksana=("Kepala", "Staf"), simbol=None, mutu_baku=mb),
        Kegiatan(no=4, uraian="Mengarsipkan berkas", pelaksana=("Staf",), simbol=Simbol.TERMINATOR, mutu_baku=mb),
    ))


def test_docx_row_inserted_and_renumbered(tmp_path: Path) -> None:
    """A copy of row 2 inserted after it (as Word's "insert row below" plus paste), retyped and
    numbered 3; the rows below renumbered by hand."""
    sop = _simple()

    def insert(doc) -> None:
        row = _row_of(doc, "2")
        new = copy.deepcopy(row._tr)
        row._tr.addnext(new)
        from docx.table import _Row

        added = _Row(new, row._parent)
        old3, old4 = _row_of(doc, "3"), _row_of(doc, "4")
        _set(old3.cells[0], "4")
        _set(old4.cells[0], "5")
        _set(added.cells[0], "3")
        _set(added.cells[1], "Melengkapi berkas yang kurang")
        _set(added.cells[5], "2 hari kerja")

    result = import_docx_file(_edit(sop, tmp_path / "x.docx", insert))
    got = result.load.sop
    assert got is not None
    mb = sop.kegiatan[0].mutu_baku
    assert [k.no for k in got.kegiatan] == [1, 2, 3, 4, 5]
    assert got.kegiatan[2] == Kegiatan(no=3, uraian="Melengkapi berkas yang kurang", pelaksana=("Staf",),
                                       simbol=Simbol.PROSES,
                                       mutu_baku=mb.model_copy(update={"waktu": parse_waktu("2 hari kerja")}))
    # the unchanged step keeps what the page cannot show: both actors, simbol null
    assert got.kegiatan[3] == sop.kegiatan[2].model_copy(update={"no": 4})
    assert got.kegiatan[4] == sop.kegiatan[3].model_copy(update={"no": 5})
    found = _findings(result)
    assert len(found) == 3
    assert sum("baris baru" in d.message.id for d in found) == 1
    assert sorted(d.path for d in found if "baris baru" not in d.message.id) == [
        ("kegiatan", 3, "no"), ("kegiatan", 4, "no")]


def test_docx_identity_field_changed(tmp_path: Path) -> None:
    sop = _example()

    def rename(doc) -> None:
        for row in doc.tables[0].rows:
            if row.cells[1].text == "Nama SOP":
                _set(row.cells[2], "Pengumpulan Data Kinerja Bulanan")

    result = import_docx_file(_edit(sop, tmp_path / "x.docx", rename))
    assert result.load.sop == sop.model_copy(update={"identitas": sop.identitas.model_copy(
        update={"nama": "Pengumpulan Data Kinerja Bulanan"})})
    assert [d.path for d in _findings(result)] == [("identitas", "nama")]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_docx_edited_then_saved_by_libreoffice_keeps_the_edits(tmp_path: Path) -> None:
    sop = _example()
    src = _edit(sop, tmp_path / "diedit.docx", _change_step_4)
    out = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profil'}",
                    "--convert-to", "docx", "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=180)
    got = import_docx_file(out / "diedit.docx").load.sop
    assert got is not None
    step = got.kegiatan[3]
    assert (step.uraian, step.mutu_baku.waktu) == (NEW_URAIAN, parse_waktu(NEW_WAKTU))
    assert [k.uraian for k in got.kegiatan[4:]] == [k.uraian for k in sop.kegiatan[4:]]


def _pdf_with_attachment(pages_of: Sop, attached: Sop, path: Path) -> Path:
    """A PDF whose pages show ``pages_of`` and whose sop.sop.yaml is ``attached``."""
    from pypdf import PdfReader, PdfWriter

    raw = render_pdf(pages_of, layout_sop(pages_of), attach=False)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
    writer.add_attachment("sop.sop.yaml", sop_to_yaml(attached).encode("utf-8"))
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def test_pdf_pages_win_over_their_attachment(tmp_path: Path) -> None:
    sop = _example()
    edited = _with_step_4_changed(sop)
    result = import_pdf_file(_pdf_with_attachment(edited, sop, tmp_path / "x.pdf"))
    assert result.load.sop == edited
    assert sorted(d.path for d in _findings(result)) == [("kegiatan", 3, "mutu_baku", "waktu"),
                                                         ("kegiatan", 3, "uraian")]


def test_pdf_pages_equal_to_attachment_are_lossless(tmp_path: Path) -> None:
    sop = _example()
    result = import_pdf_file(_pdf_with_attachment(sop, sop, tmp_path / "x.pdf"))
    assert result.load.sop == sop and not _findings(result)
    assert "IMP007" in {d.code for d in result.load.diagnostics}


def test_pdf_row_deleted_from_pages(tmp_path: Path) -> None:
    sop = _example()
    shorter = sop.model_copy(update={"kegiatan": sop.kegiatan[:8] + sop.kegiatan[9:]})
    result = import_pdf_file(_pdf_with_attachment(shorter, sop, tmp_path / "x.pdf"))
    assert result.load.sop == shorter
    found = _findings(result)
    assert len(found) == 1 and "langkah 9" in found[0].message.id


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_unedited_docx_saved_by_libreoffice_is_still_lossless(tmp_path: Path) -> None:
    """LibreOffice keeps the customXml part; its rewritten tables still agree with it."""
    sop = _example()
    src = _edit(sop, tmp_path / "asli.docx", lambda doc: None)
    out = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profil'}",
                    "--convert-to", "docx", "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=180)
    result = import_docx_file(out / "asli.docx")
    assert result.load.sop == sop and not _findings(result)
