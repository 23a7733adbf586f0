"""Bundles (issue #13 point 4): one PDF with several SOPs is split into one SOP per identity page.

The bundles are made here by concatenating PDFs (pypdf): two of sopdoc's own rendered PDFs without
their attachments, and two signed corpus PDFs (tests/data/corpus, see its README). The expected
names were read from the page images (pdftoppm -r 60), not from the importer.
"""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from sopdoc.cli import main
from sopdoc.importers.bundle import bundle_parts, sop_file_stem
from sopdoc.importers.dispatch import import_sources
from sopdoc.layout import layout_sop
from sopdoc.render.pdf import render_pdf
from sopdoc.source.reader import load_sop
from tests.conftest import EXAMPLES

CORPUS = Path(__file__).parents[2] / "data" / "corpus"


def _concat(parts: list[bytes], path: Path, creator: str | None = None) -> Path:
    writer = PdfWriter()
    for raw in parts:
        writer.append(PdfReader(io.BytesIO(raw)))
    if creator:
        writer.add_metadata({"/Creator": creator})
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def _own(name: str) -> bytes:
    sop = load_sop(EXAMPLES / name).sop
    assert sop is not None
    return render_pdf(sop, layout_sop(sop), attach=False)


def test_bundle_parts_start_at_identity_pages_and_keep_a_worksheet_before_one() -> None:
    ident = "Nomor SOP  Nama SOP  DASAR HUKUM:  KETERKAITAN:  PERINGATAN:"
    flow = "NO KEGIATAN PELAKSANA MUTU BAKU Nama SOP Nomor SOP"  # a repeated header, no boxes
    sheet = "LEMBAR KERJA IDENTIFIKASI KEGIATAN"
    assert bundle_parts([ident, flow, flow]) == [range(0, 3)]
    assert bundle_parts([ident, flow, sheet, ident, flow]) == [range(0, 2), range(2, 5)]
    assert bundle_parts(["sampul", ident, flow, ident, flow]) == [range(0, 3), range(3, 5)]


def test_stem_from_nama_sop() -> None:
    assert sop_file_stem("Pengajuan Pensiun PNS", "x-1") == "pengajuan-pensiun-pns"
    assert sop_file_stem("Revisi  Anggaran (2025)/Á", "x-1") == "revisi-anggaran-2025-a"
    assert sop_file_stem("---", "x-1") == "x-1" and sop_file_stem(None, "x-2") == "x-2"


def test_own_pdfs_concatenated_are_split(tmp_path: Path) -> None:
    first = load_sop(EXAMPLES / "pengumpulan-data-kinerja.sop.yaml").sop
    second = load_sop(EXAMPLES / "seed-002-dplh-balangan.sop.yaml").sop
    path = _concat([_own("pengumpulan-data-kinerja.sop.yaml"), _own("seed-002-dplh-balangan.sop.yaml")],
                   tmp_path / "bundel.pdf", creator="sopdoc 0.1.0")
    results = import_sources(path)
    assert len(results) == 2
    got = [r.load.sop for r in results]
    assert all(s is not None for s in got)
    assert [s.identitas.nama for s in got] == [first.identitas.nama, second.identitas.nama]
    assert [len(s.kegiatan) for s in got] == [len(first.kegiatan), len(second.kegiatan)]
    assert all("IMP017" in {d.code for d in r.load.diagnostics} for r in results)


def test_import_writes_one_yaml_per_sop_named_from_nama(tmp_path: Path, capsys) -> None:
    a = (CORPUS / "bps-bengkulu-020-naskah-dinas-sk.pdf").read_bytes()
    b = (CORPUS / "bps-bengkulu-011-revisi-anggaran.pdf").read_bytes()
    path = _concat([a, b], tmp_path / "bundel.pdf")
    out = tmp_path / "out"
    code = main(["import", str(path), "-o", str(out)])
    capsys.readouterr()
    assert code in (0, 1)
    names = sorted(p.name for p in out.glob("*.sop.yaml"))
    assert names == ["pengajuan-pembuatan-surat-keputusan-kepala-bps-provinsi-bengkulu.sop.yaml",
                     "revisi-anggaran.sop.yaml"]
    first = load_sop(out / names[0]).sop
    assert first is not None and first.identitas.nomor == "SOP-020/17000/2025"


def test_a_part_reads_like_the_file_alone(tmp_path: Path) -> None:
    """Splitting loses nothing: the first SOP of the bundle equals the same PDF imported alone."""
    from sopdoc.importers.pdf.importer import import_pdf_file

    a = CORPUS / "bps-bengkulu-020-naskah-dinas-sk.pdf"
    path = _concat([a.read_bytes(), (CORPUS / "bps-bengkulu-322-birthday-greeting-card.pdf").read_bytes()],
                   tmp_path / "bundel.pdf")
    parts = import_sources(path)
    assert [r.load.file for r in parts] == [f"{path}#halaman=1-2", f"{path}#halaman=3-3"]
    alone = import_pdf_file(a).load.sop
    assert alone is not None and parts[0].load.sop == alone


def test_two_sops_with_the_same_name_are_refused(tmp_path: Path, capsys) -> None:
    raw = _own("pengumpulan-data-kinerja.sop.yaml")
    path = _concat([raw, raw], tmp_path / "ganda.pdf", creator="sopdoc 0.1.0")
    out = tmp_path / "out"
    code = main(["import", str(path), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert "pengumpulan-data-kinerja" in err.lower() or "nama keluaran" in err
    assert not list(out.glob("*"))
