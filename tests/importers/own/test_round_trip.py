"""Our own PDF and DOCX read back: losslessly from the embedded source, and through the page
geometry / tables and shapes when the source was removed (compared on what the document shows,
see ``tests/importers/shown.py`` for the exclusions)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from sopdoc.cli import main
from sopdoc.importers.docx.importer import import_docx_file
from sopdoc.importers.pdf.importer import import_pdf_file
from sopdoc.layout import layout_sop
from sopdoc.model.sop import Identitas, Kegiatan, MutuBaku, Pengesahan, Simbol, Sop
from sopdoc.render.docx import docx_bytes
from sopdoc.render.pdf import _item_starts, render_pdf
from sopdoc.source.reader import load_sop
from tests.conftest import EXAMPLES
from tests.importers.shown import shown
from tests.strategies import sops

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.sop.yaml"))
SETTINGS = settings(max_examples=25, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _pdf(sop: Sop, path: Path, attach: bool) -> Path:
    path.write_bytes(render_pdf(sop, layout_sop(sop), attach=attach))
    return path


def _docx(sop: Sop, path: Path, source: bool) -> Path:
    raw = docx_bytes(sop)
    if source:
        path.write_bytes(raw)
        return path
    with zipfile.ZipFile(io.BytesIO(raw)) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if not info.filename.startswith("customXml/"):
                zout.writestr(info, zin.read(info))
    return path


def _codes(result) -> set[str]:
    return {d.code for d in result.load.diagnostics}


@pytest.fixture(params=EXAMPLE_FILES, ids=lambda p: p.name)
def example(request) -> Sop:
    loaded = load_sop(request.param)
    assert loaded.sop is not None
    return loaded.sop


def test_examples_exist() -> None:
    assert any(p.name == "pengumpulan-data-kinerja.sop.yaml" for p in EXAMPLE_FILES)


_FORMATS = {"pdf": (_pdf, import_pdf_file), "docx": (_docx, import_docx_file)}


@pytest.mark.parametrize("fmt", sorted(_FORMATS))
def test_with_embedded_source_is_lossless(fmt: str, example: Sop, tmp_path: Path) -> None:
    make, read = _FORMATS[fmt]
    result = read(make(example, tmp_path / f"x.{fmt}", True))
    assert result.load.sop == example
    assert "IMP007" in _codes(result)


@pytest.mark.parametrize("fmt", sorted(_FORMATS))
def test_without_embedded_source_through_geometry(fmt: str, example: Sop, tmp_path: Path) -> None:
    """PDF: text cells, symbol shapes, connectors; DOCX: tables and anchored shapes."""
    make, read = _FORMATS[fmt]
    result = read(make(example, tmp_path / f"x.{fmt}", False))
    assert result.load.sop is not None
    assert "IMP008" in _codes(result)
    assert shown(result.load.sop) == shown(example)


def test_clean_example_keeps_custom_exit_labels_and_loop_back(tmp_path: Path) -> None:
    sop = load_sop(EXAMPLES / "pengumpulan-data-kinerja.sop.yaml").sop
    for path in (_pdf(sop, tmp_path / "x.pdf", False), _docx(sop, tmp_path / "x.docx", False)):
        got = (import_pdf_file if path.suffix == ".pdf" else import_docx_file)(path).load.sop
        step = got.find_kegiatan(6)
        assert step.simbol is Simbol.KEPUTUSAN
        assert (step.cabang.ya, step.cabang.tidak) == (7, 5)
        assert (step.cabang.label_ya, step.cabang.label_tidak) == ("Sesuai", "Tidak sesuai")


def test_decision_target_across_pages_follows_offpage_connectors(tmp_path: Path) -> None:
    long = "Menyusun draf laporan kinerja triwulan " * 8  # long enough for two pages of denser rows
    steps = [Kegiatan(no=i, uraian=long, pelaksana=("Staf",), simbol=Simbol.PROSES,
                      mutu_baku=MutuBaku(kelengkapan=("Draf",))) for i in range(1, 15)]
    steps[0] = steps[0].model_copy(update={"simbol": Simbol.TERMINATOR})
    steps[13] = Kegiatan(no=14, uraian="Memeriksa", pelaksana=("Kepala",), simbol=Simbol.KEPUTUSAN,
                         cabang={"ya": 2, "tidak": 1})
    sop = Sop(pelaksana=("Kepala", "Staf"), kegiatan=tuple(steps))
    assert len(layout_sop(sop).flow_pages) >= 2
    for path in (_pdf(sop, tmp_path / "x.pdf", False), _docx(sop, tmp_path / "x.docx", False)):
        got = (import_pdf_file if path.suffix == ".pdf" else import_docx_file)(path).load.sop
        assert (got.kegiatan[13].cabang.ya, got.kegiatan[13].cabang.tidak) == (2, 1), path.suffix


def test_item_starts_follow_character_counts() -> None:
    lines = ("Surat Permintaan Data", "Kinerja", "Rencana Aksi", "Format")
    assert _item_starts(("Surat Permintaan Data Kinerja", "Rencana Aksi", "Format"), lines) == [0, 2, 3]
    assert _item_starts(("", "Surat Permintaan Data Kinerja"), lines[:2]) == [0]


def test_check_reads_docx_with_table_and_row_origins(tmp_path: Path, capsys) -> None:
    sop = load_sop(EXAMPLES / "pengumpulan-data-kinerja.sop.yaml").sop
    steps = list(sop.kegiatan)
    steps[2] = steps[2].model_copy(update={"mutu_baku": steps[2].mutu_baku.model_copy(update={"waktu": None})})
    path = _docx(sop.model_copy(update={"kegiatan": tuple(steps)}), tmp_path / "sop.docx", False)
    code = main(["check", str(path)])
    out = capsys.readouterr().out
    assert code == 1
    assert "IMP008" in out and f"{path}:tabel 2 baris 5" in out


@SETTINGS
@given(sop=sops(max_steps=12, max_actors=5))
def test_property_pdf_round_trip(sop: Sop, tmp_path: Path) -> None:
    assert import_pdf_file(_pdf(sop, tmp_path / "a.pdf", True)).load.sop == sop
    got = import_pdf_file(_pdf(sop, tmp_path / "b.pdf", False)).load.sop
    assert got is not None and shown(got) == shown(sop)


@SETTINGS
@given(sop=sops(max_steps=12, max_actors=5))
def test_property_docx_round_trip(sop: Sop, tmp_path: Path) -> None:
    assert import_docx_file(_docx(sop, tmp_path / "a.docx", True)).load.sop == sop
    got = import_docx_file(_docx(sop, tmp_path / "b.docx", False)).load.sop
    assert got is not None and shown(got) == shown(sop)


def test_attachment_that_inflates_past_the_cap_is_ignored(tmp_path: Path) -> None:
    """A flate bomb as ``sop.sop.yaml``: inflating stops at the cap, nothing is loaded from it."""
    import time
    import tracemalloc

    from reportlab.pdfgen.canvas import Canvas

    from sopdoc.render.pdf import _attach

    path = tmp_path / "bom-lampiran.pdf"
    canvas = Canvas(str(path))
    canvas.setCreator("sopdoc 0.1.0")
    _attach(canvas, b"sopdoc: 1\n" + b" " * (48 * 1024 * 1024))
    canvas.drawString(72, 720, "bukan SOP")
    canvas.showPage()
    canvas.save()
    tracemalloc.start()
    start = time.perf_counter()
    result = import_pdf_file(path)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.load.sop is None and "IMP007" not in _codes(result)
    assert elapsed < 5.0 and peak < 40 * 1024 * 1024


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="LibreOffice not installed")
def test_docx_saved_again_by_libreoffice_reads_the_same(tmp_path: Path) -> None:
    """A bureau opens our DOCX and saves it again: customXml gone, shapes rewritten by another writer."""
    import subprocess

    sop = load_sop(EXAMPLES / "pengumpulan-data-kinerja.sop.yaml").sop
    src = _docx(sop, tmp_path / "asli.docx", False)
    out = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profil'}",
                    "--convert-to", "docx", "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=180)
    got = import_docx_file(out / "asli.docx").load.sop
    assert got is not None and shown(got) == shown(sop)


def test_worksheet_periode_and_title_read_back_without_source(tmp_path: Path) -> None:
    sop = load_sop(EXAMPLES / "seed-000-distan-buleleng.sop.yaml").sop
    assert sop.lembar_kerja is not None and sop.periode is not None and sop.judul_flowchart
    for path in (_pdf(sop, tmp_path / "x.pdf", False), _docx(sop, tmp_path / "x.docx", False)):
        got = (import_pdf_file if path.suffix == ".pdf" else import_docx_file)(path).load.sop
        assert got.lembar_kerja == sop.lembar_kerja, path.suffix
        assert (got.periode, got.judul_flowchart) == (sop.periode, sop.judul_flowchart), path.suffix


@pytest.mark.parametrize("fmt", sorted(_FORMATS))
def test_loop_backs_under_offpage_connector_read_back(fmt: str, tmp_path: Path) -> None:
    """Regression (property seed 89266883952006172069126081023777147173): the DOCX reader took
    step 4's loop-back to itself and step 10's (through the off-page connector) to step 1, because
    the layout drew the off-page connector on the same line as the loop-backs into step 1. (The
    looping decision is step 14 since rows got denser; see ``loop_backs_under_offpage``.)"""
    from tests.layout.test_layout_no_shared_line import loop_backs_under_offpage

    sop = loop_backs_under_offpage()
    make, read = _FORMATS[fmt]
    with_source = read(make(sop, tmp_path / f"a.{fmt}", True))
    assert with_source.load.sop == sop
    assert "IMP015" not in _codes(with_source)
    got = read(make(sop, tmp_path / f"b.{fmt}", False)).load.sop
    assert got is not None
    assert [(k.no, k.cabang.ya, k.cabang.tidak) for k in got.kegiatan if k.cabang is not None] == [
        (2, 3, 1), (4, 5, 1), (14, 15, 4)]
    assert shown(got) == shown(sop)


@pytest.mark.parametrize("fmt", sorted(_FORMATS))
@pytest.mark.parametrize(("nip", "nama"), [(" ", None), ("   ", "Budi Santoso")])
def test_white_space_nip_is_no_nip_line(fmt: str, nip: str, nama: str | None, tmp_path: Path) -> None:
    """Regression (a shrunk case of the round-trip properties, ``nip=' '``):
    a bare "NIP." line was drawn, read back as the pangkat, and the document no longer agreed with
    its embedded source (IMP015)."""
    sop = Sop(identitas=Identitas(disahkan_oleh=Pengesahan(nama=nama, nip=nip)), pelaksana=("Kepala 1",),
              kegiatan=(Kegiatan(no=1, uraian="Mulai", pelaksana=("Kepala 1",), simbol=Simbol.TERMINATOR),))
    make, read = _FORMATS[fmt]
    with_source = read(make(sop, tmp_path / f"a.{fmt}", True))
    assert with_source.load.sop == sop
    assert "IMP015" not in _codes(with_source)
    got = read(make(sop, tmp_path / f"b.{fmt}", False)).load.sop
    assert got is not None
    assert got.identitas.disahkan_oleh == (Pengesahan(nama="Budi Santoso") if nama else None)
