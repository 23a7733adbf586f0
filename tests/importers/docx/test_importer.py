"""Foreign Word SOPs (shapes or text marks in actor cells) and hostile DOCX files."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from sopdoc.cli import main
from sopdoc.importers.docx.importer import import_docx_file
from sopdoc.model.sop import Simbol
from tests.importers.docx import fixtures as fx

SYMBOLS = [Simbol(kind) for *_x, kind, _k, _w, _o in fx.STEPS]
ACTORS = [(fx.ACTORS[a],) for _n, _u, a, *_rest in fx.STEPS]


@pytest.mark.parametrize("make", [fx.docx_bentuk_drawingml, fx.docx_bentuk_vml], ids=lambda f: f.__name__)
def test_shapes_in_actor_cells_give_actor_and_symbol(tmp_path: Path, make) -> None:
    result = import_docx_file(make(tmp_path / "sop.docx"))
    sop = result.load.sop
    assert sop is not None
    assert sop.pelaksana == fx.ACTORS
    assert [k.simbol for k in sop.kegiatan] == SYMBOLS
    assert [k.pelaksana for k in sop.kegiatan] == ACTORS
    assert [k.no for k in sop.kegiatan] == [1, 2, 3, 4]
    assert sop.kegiatan[2].mutu_baku.waktu.teks == "1 jam"
    assert sop.identitas.nomor == "800/12/2024" and sop.identitas.nama == "Pengelolaan Surat Masuk"
    decision = next(d for d in result.load.diagnostics if d.code == "IMP024")
    assert decision.path == ("kegiatan", 2, "cabang")
    assert decision.origin.format() == f"{tmp_path / 'sop.docx'}:tabel 2 baris 5"


def test_text_marks_instead_of_shapes(tmp_path: Path) -> None:
    result = import_docx_file(fx.docx_tanda_teks(tmp_path / "sop.docx"))
    sop = result.load.sop
    assert [k.pelaksana for k in sop.kegiatan] == ACTORS
    assert [k.simbol for k in sop.kegiatan] == [Simbol.TERMINATOR, Simbol.PROSES, Simbol.PROSES, Simbol.TERMINATOR]
    assert dict(sop.kegiatan[0].tanda) == {"Kepala Dinas": "Mulai"}
    assert "IMP026" in {d.code for d in result.load.diagnostics}  # "Ya" without a decision symbol


@pytest.mark.parametrize(("make", "code"), [
    (fx.docx_bukan_zip, "IMP040"), (fx.docx_terpotong, "IMP040"), (fx.docx_zip_bomb, "IMP040"),
    (fx.docx_dtd_entitas, "IMP041"), (fx.docx_tanpa_tabel, "IMP020"),
], ids=lambda v: getattr(v, "__name__", v))
def test_bad_docx_is_one_clear_finding_in_bounded_time_and_memory(tmp_path: Path, make, code: str) -> None:
    path = make(tmp_path / "buruk.docx")
    tracemalloc.start()
    start = time.perf_counter()
    result = import_docx_file(path)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.load.sop is None
    assert [d.code for d in result.load.diagnostics] == [code]
    assert elapsed < 2.0 and peak < 40 * 1024 * 1024


def test_external_entity_is_never_resolved(tmp_path: Path) -> None:
    result = import_docx_file(fx.docx_dtd_entitas(tmp_path / "xxe.docx"))
    text = " ".join(d.message.id for d in result.load.diagnostics)
    assert "root:" not in text and "DTD" in text


def test_check_gives_one_line_for_a_broken_docx(tmp_path: Path, capsys) -> None:
    path = fx.docx_bukan_zip(tmp_path / "rusak.docx")
    code = main(["check", str(path)])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{path}: galat IMP040 [docx-rusak] DOCX tidak dapat dibaca: bukan arsip zip yang sah" in out
    assert "Traceback" not in out


def test_import_cli_writes_yaml_for_docx(tmp_path: Path, capsys) -> None:
    src = fx.docx_bentuk_vml(tmp_path / "surat.docx")
    code = main(["import", str(src), "-o", str(tmp_path / "keluar")])
    out = capsys.readouterr().out
    assert code == 0
    assert out == f"{src} -> {tmp_path / 'keluar' / 'surat.sop.yaml'} (4 kegiatan, 1 temuan)\n"
    assert sorted(p.name for p in (tmp_path / "keluar").iterdir()) == [
        "surat.import.json", "surat.import.txt", "surat.sop.yaml"]
