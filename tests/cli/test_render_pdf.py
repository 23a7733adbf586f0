"""``sopdoc render``: outputs, exit codes, bilingual one-line errors, no half-written files."""

from __future__ import annotations

import shutil

import pytest

from sopdoc.cli import main
from tests.conftest import EXAMPLES

CLEAN = EXAMPLES / "pengumpulan-data-kinerja.sop.yaml"


@pytest.fixture
def source(tmp_path):
    if CLEAN.exists():
        target = tmp_path / "src" / CLEAN.name
        target.parent.mkdir()
        shutil.copy(CLEAN, target)
        return target
    pytest.skip("clean example not written yet")


def test_render_pdf_and_svg(source, tmp_path):
    out = tmp_path / "out"
    code = main(["render", str(source), "--to", "pdf,svg", "-o", str(out)])
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["pengumpulan-data-kinerja.pdf", "pengumpulan-data-kinerja.svg"]
    assert (out / "pengumpulan-data-kinerja.pdf").read_bytes().startswith(b"%PDF")


def test_render_directory_a4(source, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["render", str(source.parent), "--paper", "a4", "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip().endswith("pengumpulan-data-kinerja.pdf")


def test_unknown_format_is_a_usage_error(source, tmp_path, capsys):
    assert main(["render", str(source), "--format", "png", "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == "galat: format tidak dikenal: png (pilih: pdf, svg, docx)"


def test_profile_with_unknown_key(source, tmp_path, capsys):
    prof = tmp_path / "sopdoc.toml"
    prof.write_text('[profil]\nkertass = "a4"\n', encoding="utf-8")
    assert main(["render", str(source), "--profile", str(prof), "-o", str(tmp_path / "o"), "--lang", "en"]) == 2
    assert capsys.readouterr().err.strip() == "error: unknown profile key: 'kertass'. Did you mean 'kertas'?"


def test_profile_overrides_kop_and_paper(source, tmp_path):
    import io

    import pdfplumber

    prof = tmp_path / "sopdoc.toml"
    prof.write_text('[profil]\nkertas = "a4"\ninstansi = ["PEMERINTAH KOTA CONTOH"]\n', encoding="utf-8")
    out = tmp_path / "o"
    assert main(["render", str(source), "--profile", str(prof), "-o", str(out)]) == 0
    with pdfplumber.open(io.BytesIO((out / "pengumpulan-data-kinerja.pdf").read_bytes())) as pdf:
        assert round(pdf.pages[0].width) == 842
        assert "PEMERINTAH KOTA CONTOH" in pdf.pages[0].extract_text()


def test_broken_source_is_reported_and_nothing_is_written(tmp_path, capsys):
    bad = tmp_path / "rusak.sop.yaml"
    bad.write_text("kegiatan: [\n", encoding="utf-8")
    out = tmp_path / "o"
    assert main(["render", str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "rusak.sop.yaml: tidak dicetak" in err and "Traceback" not in err
    assert list(out.iterdir()) == []


def test_failure_while_writing_leaves_no_half_file(source, tmp_path, monkeypatch):
    import sopdoc.render.pdf as pdf_mod

    out = tmp_path / "o"
    out.mkdir()

    def boom(*_a, **_k):
        raise OSError("disk full")

    monkeypatch.setattr(pdf_mod, "render_pdf", boom)
    assert main(["render", str(source), "-o", str(out)]) == 1
    assert list(out.iterdir()) == []


def test_write_atomic_cleans_up_on_error(tmp_path):
    from sopdoc.render.files import write_atomic

    target = tmp_path / "x.pdf"
    write_atomic(target, b"abc")
    assert target.read_bytes() == b"abc"
    with pytest.raises(TypeError):
        write_atomic(target, 12345)  # type: ignore[arg-type]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.pdf"]


def test_help_is_bilingual(capsys):
    # through main(), which sets the help language on every call: invoking the click group directly
    # showed whatever language an earlier test on the same worker had left (English after --lang en)
    assert main(["render", "--help"]) == 0
    assert "Cetak SOP ke PDF" in capsys.readouterr().out
    assert main(["render", "--help", "--lang", "en"]) == 0
    assert "Cetak SOP ke PDF" not in capsys.readouterr().out


def test_bad_logo_in_profile_is_a_usage_error(source, tmp_path, capsys):
    (tmp_path / "logo.png").write_bytes(b"bukan gambar")
    prof = tmp_path / "sopdoc.toml"
    prof.write_text('[profil]\nlogo = "logo.png"\n', encoding="utf-8")
    assert main(["render", str(source), "--profile", str(prof), "-o", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err.startswith("galat: logo bukan gambar yang dapat dibaca")


def test_missing_input_and_output_dir_that_is_a_file(source, tmp_path, capsys):
    assert main(["render", str(tmp_path / "tidak-ada.sop.yaml"), "-o", str(tmp_path / "o")]) == 1
    assert capsys.readouterr().err.strip().endswith("tidak-ada.sop.yaml: galat: berkas tidak ada")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["render", str(source), "-o", str(blocker)]) == 2
    assert "'--out'" in capsys.readouterr().err
    assert main(["render", str(source), "-o", str(blocker / "sub")]) == 2
    assert capsys.readouterr().err.startswith("galat: direktori keluaran tidak dapat dibuat")
