"""The Basarnas workbook: every field equals a summary written by hand from its cells and drawing.

Expected values were read by a person from the sheet (cell values) and from the anchors of the
shapes in ``xl/drawings/drawing2.xml`` (which actor column and row each symbol sits in, which
shapes each elbow connector joins, where the Ya/Tidak text boxes are), not from the importer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sopdoc.importers.dispatch import import_source
from sopdoc.importers.xlsx.importer import import_xlsx_file
from sopdoc.source.writer import sop_to_dict

FILE = Path(__file__).parents[2] / "data" / "xlsx" / "basarnas-penerimaan-berita-call-115.xlsx"

KAGAHAR, OPKOM, CC, PELAPOR = "Kagahar", "Operator Komunikasi", "Petugas Call Center 115", "Pelapor"

EXPECTED = {
    ("identitas", "instansi"): ["BADAN NASIONAL PENCARIAN DAN PERTOLONGAN",
                                "DEPUTI BIDANG OPERASI PENCARIAN DAN PERTOONGAN, DAN KESIAPSIAGAAN",
                                "DIREKTORAT KESIAPSIAGAAN"],
    ("identitas", "nomor"): None,  # the cover holds only the placeholder "…   Tahun 2024"
    ("identitas", "nama"): "PENERIMAAN BERITA PADA EMERGENCY CALL 115",
    ("identitas", "tanggal_pembuatan"): "Oktober 2024",  # month-year dates are kept (issue #12 point 3)
    ("identitas", "tanggal_revisi"): None,  # "-"
    ("identitas", "tanggal_efektif"): None,  # "Novermber 2024": no day, misspelt month
    ("identitas", "disahkan_oleh", "jabatan"): "DIREKTUR KESIAPSIAGAAN",
    ("identitas", "disahkan_oleh", "nama"): "Noer Isrodin Muchlisin, S.Pd., M.M.",
    ("identitas", "disahkan_oleh", "nip"): "197212241998031002",
    ("dasar_hukum",): 7,
    ("dasar_hukum", 1): "UU Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara",
    ("kualifikasi_pelaksana",): ["Mempunyai kemampuan dan pengetahuan tentang peraturan perundang-undangan "
                                 "yang berlaku mengenai penerimaan dan validasi berita"],
    ("keterkaitan",): ["SOP Verifikasi Berita Pencarian dan Pertolongan di BCC",
                       "SOP Penanganan Berita Pencarian dan Pertolongan di BCC"],
    ("peralatan_perlengkapan",): 2,
    ("peringatan",): ["Bila SOP tidak dilaksanakan maka proses penerimaan berita kejadian akan terhambat"],
    ("pencatatan_pendataan",): ["Jurnal Emergency Call 115"],
    ("pelaksana",): [PELAPOR, CC, OPKOM, KAGAHAR],
}
STEPS = [
    # no, pelaksana, simbol, waktu, output, cabang
    (1, PELAPOR, "terminator", "5 menit", "informasi laporan Kejadian", None),
    (2, CC, "proses", "5 menit", "laporan informasi emergency call 115", None),
    (3, OPKOM, "proses", "5 menit", "laporan informasi emergency call 115 (paraf petugas emergency call 115)",
     None),
    (4, KAGAHAR, "keputusan", "1 menit", "laporan", {"ya": 5, "tidak": 3}),
    (5, OPKOM, "terminator", "2 menit", "Radiogram ke KPP", None),
]


def _get(data, path):
    for p in path:
        data = (data[p] if p < len(data) else None) if isinstance(data, list) else (data or {}).get(p)
    return data


@pytest.fixture(scope="module")
def imported():
    return import_xlsx_file(FILE)


def test_every_identity_and_box_field_equals_the_hand_summary(imported) -> None:
    data = sop_to_dict(imported.load.sop)
    for path, want in EXPECTED.items():
        got = _get(data, path)
        if isinstance(want, int) and not isinstance(want, bool):
            assert len(got) == want, path
        else:
            assert got == want, path


def test_every_step_field_equals_the_hand_summary(imported) -> None:
    steps = sop_to_dict(imported.load.sop)["kegiatan"]
    assert len(steps) == len(STEPS)  # spacer rows 10, 11 (only off-page connectors) are no steps
    for step, (no, actor, simbol, waktu, output, cabang) in zip(steps, STEPS, strict=True):
        assert step["no"] == no
        assert step["pelaksana"] == actor, no
        assert step["simbol"] == simbol, no
        assert step["mutu_baku"]["waktu"] == waktu, no
        assert step["mutu_baku"]["output"] == output.strip(), no
        assert {k: v for k, v in (step.get("cabang") or {}).items() if k in ("ya", "tidak")} == (cabang or {}), no
    assert steps[0]["uraian"] == "Melaporkan kejadian"
    assert steps[2]["keterangan"] == "jika berita tidak lanjut dicatat di jurnal Emergency call 115"


def test_nothing_dropped_silently(imported) -> None:
    codes = [(d.code, d.path) for d in imported.load.diagnostics if d.code.startswith("IMP")]
    assert ("IMP011", ("identitas", "nomor")) in codes
    assert ("IMP014", ("identitas", "tanggal_pembuatan")) not in codes  # "Oktober 2024" is a month-year date
    assert ("IMP014", ("identitas", "tanggal_efektif")) in codes
    assert any(c == "IMP029" for c, _ in codes)  # the stray rectangle right of the table
    assert any(c == "IMP010" for c, _ in codes)  # PENCATATAN DAN PENDAFTARAN


def test_dispatch_reads_xlsx() -> None:
    result = import_source(FILE)
    assert result.report.format == "xlsx"
    assert result.load.sop is not None
