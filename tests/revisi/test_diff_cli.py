"""``sopdoc diff`` end to end: exit codes (0 same, 1 differences, 2 bad input), text, JSON,
English, imported formats, and the redline PDF/DOCX read back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sopdoc.cli import main
from sopdoc.layout.geometry import ColumnKind
from sopdoc.render.redline import ADDED, CHANGED, MOVED, redline_marks
from sopdoc.revisi.compare import diff_sops
from sopdoc.source.reader import load_sop

DATA = Path(__file__).resolve().parents[1] / "data" / "revisi"
LAMA, BARU = str(DATA / "lama.sop.yaml"), str(DATA / "baru.sop.yaml")


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_differences_exit_1_with_one_line_each(capsys):
    code, out, _err = _run(capsys, "diff", LAMA, BARU)
    lines = out.splitlines()
    assert code == 1
    assert lines[0].endswith("19 perubahan (4 ditambah, 2 dihapus, 7 diubah, 1 dipindah, 5 dinomori ulang)")
    assert "  Langkah 8 (lama 7) dipindah: “Mengarsipkan salinan surat jawaban”" in lines
    assert len(lines) == 20


def test_same_file_exit_0(capsys):
    code, out, _err = _run(capsys, "diff", BARU, BARU)
    assert code == 0
    assert out.strip().endswith("tidak ada perubahan")


def test_json_in_english(capsys):
    code, out, _err = _run(capsys, "diff", LAMA, BARU, "--format", "json", "--lang", "en")
    data = json.loads(out)
    assert code == 1 and data["jumlah"] == 19 and not data["sama"]
    waktu = [p for p in data["perubahan"] if p["field"] == "mutu_baku.waktu"]
    assert waktu == [{"jenis": "diubah", "bagian": "langkah", "field": "mutu_baku.waktu", "lama": "30 menit",
                      "baru": "1 jam", "no_lama": 3, "no_baru": 4, "langkah_lama": 2, "langkah_baru": 3,
                      "pesan": "Step 4 (was 3): time changed: “30 menit” → “1 jam”"}]


@pytest.mark.parametrize("bad", ["missing.sop.yaml", "garbage", "fake.pdf", "fake.docx"])
def test_bad_input_exit_2_one_line(capsys, tmp_path, bad):
    path = tmp_path / bad
    if bad == "garbage":
        path = tmp_path / "x.sop.yaml"
        path.write_bytes(b"\xff\xfe: [unclosed\n")
    elif bad.startswith("fake"):
        path.write_bytes(b"PK\x03\x04 not really a document" * 10)
    code, out, err = _run(capsys, "diff", str(path), BARU)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("galat: ")


def test_directory_and_bad_redline_suffix_exit_2(capsys, tmp_path):
    code, _out, err = _run(capsys, "diff", str(tmp_path), BARU)
    assert code == 2 and "bukan berkas" in err
    code, _out, err = _run(capsys, "diff", LAMA, BARU, "-o", str(tmp_path / "x.txt"), "--lang", "en")
    assert code == 2 and "must end in .pdf or .docx" in err
    assert not (tmp_path / "x.txt").exists()


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_imported_formats(capsys, tmp_path, fmt):
    """The new version printed by sopdoc and read back through the importers gives the same list."""
    src = tmp_path / "baru.sop.yaml"
    shutil.copy(BARU, src)
    assert main(["render", str(src), "--format", fmt, "-o", str(tmp_path)]) == 0
    capsys.readouterr()
    code, out, _err = _run(capsys, "diff", LAMA, str(tmp_path / f"baru.{fmt}"), "--format", "json")
    assert code == 1
    assert json.loads(out)["jumlah"] == 19


def test_redline_marks_hand_written():
    old, new = load_sop(Path(LAMA)).sop, load_sop(Path(BARU)).sop
    assert old is not None and new is not None
    marks = redline_marks(diff_sops(old, new), new)
    assert marks.roles == {"nomor.value": CHANGED, "tanggal_revisi.value": CHANGED, "dasar_hukum": CHANGED,
                           "peringatan": CHANGED}
    assert marks.rows == {1: ADDED}
    assert marks.columns == {
        (2, ColumnKind.NO): MOVED, (3, ColumnKind.NO): MOVED, (3, ColumnKind.KELENGKAPAN): CHANGED,
        (3, ColumnKind.WAKTU): CHANGED, (4, ColumnKind.NO): MOVED, (5, ColumnKind.NO): MOVED,
        (5, ColumnKind.OUTPUT): CHANGED, (6, ColumnKind.NO): MOVED, (7, ColumnKind.NO): MOVED,
        (7, ColumnKind.KEGIATAN): MOVED}
    assert marks.actors == {(3, "Kasubag Umum"): CHANGED, (4, "Kepala Seksi"): CHANGED,
                            (4, "Kasubag Umum"): CHANGED}


def test_redline_pdf_read_back(capsys, tmp_path):
    import pdfplumber

    target = tmp_path / "redline.pdf"
    code, _out, err = _run(capsys, "diff", LAMA, BARU, "-o", str(target))
    assert code == 1 and "redline ditulis" in err
    with pdfplumber.open(target) as pdf:
        assert len(pdf.pages) == 3
        texts = [p.extract_text() for p in pdf.pages]
        fills = [{tuple(round(c, 2) for c in r["non_stroking_color"]) for r in p.rects
                  if r.get("fill") and r.get("non_stroking_color") and len(r["non_stroking_color"]) == 3}
                 for p in pdf.pages]
        yellow = pdf.pages[0].rects
    assert "800/01/SOP/2025" in texts[0]
    assert "Memverifikasi identitas pemohon" in texts[1]
    assert texts[2].startswith("DAFTAR PERUBAHAN")
    assert "Menggandakan surat jawaban" in texts[2]  # a removed step: only on the list
    assert CHANGED in fills[0] and {CHANGED, ADDED, MOVED} <= fills[1]
    nomor = [r for r in yellow if r.get("non_stroking_color") and tuple(round(c, 2) for c in r["non_stroking_color"])
             == CHANGED]
    assert len(nomor) == 4  # nomor, tanggal revisi, dasar hukum, peringatan


def test_redline_docx_read_back(capsys, tmp_path):
    import docx

    target = tmp_path / "redline.docx"
    code, _out, _err = _run(capsys, "diff", LAMA, BARU, "-o", str(target), "--lang", "en")
    assert code == 1
    document = docx.Document(str(target))
    listing = document.tables[-1]
    assert [c.text for c in listing.rows[0].cells] == ["No", "Where", "Kind", "Old", "New"]
    assert len(listing.rows) == 20
    assert [c.text for c in listing.rows[11].cells] == ["11", "Step 4 (was 3): time", "changed", "30 menit", "1 jam"]
    xml = document.element.xml
    assert 'w:fill="FFEB8C"' in xml and 'w:fill="BFEBBF"' in xml and 'w:fill="BFDBFA"' in xml
    identity = document.tables[0]
    yellow = [(r, c) for r, row in enumerate(identity.rows) for c, cell in enumerate(row.cells)
              if 'w:fill="FFEB8C"' in cell._tc.xml]
    # Nomor SOP and Tanggal Revisi values (rows 0 and 2), the Dasar Hukum and Peringatan bodies
    assert yellow == [(0, 2), (2, 2), (7, 0), (11, 0)]


def test_signed_pdf_against_an_edited_yaml(capsys, tmp_path):
    """OLD is a signed foreign PDF (tests/data/corpus), NEW its import with step 3's time changed
    and step 6 removed, step 7 renumbered 6 but the 'Tidak' exit of step 4 (to step 7) left
    pointing at 7 — the slip a reviewer must see. The old values are read off the page image
    (step 3 "2 Jam"; step 6 "Menerima laporan tindak lanjut dari KPK"; 7 steps)."""
    from sopdoc.importers.dispatch import load_source
    from sopdoc.model.waktu import parse_waktu
    from sopdoc.source.writer import sop_to_yaml

    pdf = Path(__file__).resolve().parents[1] / "data" / "corpus" / "bps-bengkulu-314-laporan-gratifikasi.pdf"
    sop = load_source(pdf).sop
    assert sop is not None and len(sop.kegiatan) == 7
    steps = list(sop.kegiatan)
    steps[2] = steps[2].model_copy(update={"mutu_baku": steps[2].mutu_baku.model_copy(
        update={"waktu": parse_waktu("3 Jam")})})
    del steps[5]
    steps[5] = steps[5].model_copy(update={"no": 6})
    new = tmp_path / "revisi.sop.yaml"
    new.write_text(sop_to_yaml(sop.model_copy(update={"kegiatan": tuple(steps)})), encoding="utf-8")
    code, out, _err = _run(capsys, "diff", str(pdf), str(new), "--format", "json")
    got = [(p["jenis"], p["field"], p["lama"], p["baru"], p["no_lama"], p["no_baru"])
           for p in json.loads(out)["perubahan"]]
    assert code == 1
    assert got == [("diubah", "mutu_baku.waktu", "2 Jam", "3 Jam", 3, 3),
                   ("diubah", "cabang.tidak", "7 (→ 6)", "7", 4, 4),
                   ("dihapus", "", "Menerima laporan tindak lanjut dari KPK", None, 6, None),
                   ("dinomori_ulang", "", "7", "6", 7, 6)]
