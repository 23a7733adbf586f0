"""The text importer: seeds against their hand transcriptions, label variants, bad input."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sopdoc.importers.grid.boxes import inline_items, lines_to_items, split_pair
from sopdoc.importers.grid.vocab import BOX_LABELS, IDENTITY_LABELS, column_kind, find_label, mark_kind
from sopdoc.importers.text.importer import import_text, import_text_file
from sopdoc.model.tanggal import tanggal_to_iso
from sopdoc.source.reader import load_sop_text
from sopdoc.source.writer import sop_to_yaml
from tests.conftest import DATA, EXAMPLES, ROOT, SEEDS

FIXTURE = DATA / "import" / "label-varian-dua-halaman.txt"


def _accuracy_module():
    spec = importlib.util.spec_from_file_location("import_accuracy", ROOT / "bench" / "import_accuracy.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _seed_pairs() -> list[tuple[Path, Path]]:
    pairs = []
    for seed in sorted(SEEDS.glob("*.txt")):
        found = sorted(EXAMPLES.glob(f"seed-{seed.name[:3]}-*.sop.yaml"))
        if found:
            pairs.append((seed, found[0]))
    return pairs


@pytest.mark.parametrize("seed,example", [p for p in _seed_pairs() if not p[0].name.startswith("003")],
                         ids=lambda p: p.name[:3] if isinstance(p, Path) else str(p))
def test_seed_field_accuracy_at_least_95_percent(seed: Path, example: Path) -> None:
    stats = _accuracy_module().compare(seed, example)
    equal, total = stats["present"]
    assert total > 40
    assert equal / total >= 0.95, [d for d in stats["diffs"] if d[3] == "present"]


def test_seed_003_is_a_partial_model_flagged_for_manual_review() -> None:
    seeds = sorted(SEEDS.glob("003_*.txt"))
    assert seeds, f"seed 003 is missing from {SEEDS} (tests/data/README.md)"
    result = import_text_file(seeds[0])
    sop = result.load.sop
    assert sop is not None
    assert len(sop.kegiatan) == 15
    assert sop.identitas.nama == "Mekanisme Pengumpulan Data Kinerja"
    assert sop.satuan_waktu is not None and sop.satuan_waktu.value == "menit"
    assert [k.mutu_baku.waktu.teks for k in sop.kegiatan[:2] if k.mutu_baku.waktu] == ["15", "60"]
    review = [d for d in result.load.diagnostics if d.code == "IMP030"]
    assert review and "perlu pemeriksaan manual" in review[0].message.id


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_seed_imports_and_its_yaml_reads_back_equal(seed: Path) -> None:
    sop = import_text_file(seed).load.sop
    assert sop is not None
    back = load_sop_text(sop_to_yaml(sop), "back.sop.yaml")
    assert back.sop == sop


def test_label_variants_repeated_header_and_marks() -> None:
    result = import_text_file(FIXTURE)
    sop = result.load.sop
    assert sop is not None
    assert sop.identitas.tanggal_efektif.isoformat() == "2024-02-05"  # Tanggal Pengesahan
    assert sop.identitas.tanggal_revisi is None  # "-"
    assert sop.identitas.disahkan_oleh.nip == "19700101 199503 1 002"
    assert sop.kualifikasi_pelaksana == ("Memahami pengolahan data", "Teliti &amp; cermat")  # entity kept
    assert sop.keterkaitan == ()  # printed "-": an empty box is [] (README; issue #12 point 3)
    assert list(sop.pelaksana) == ["Kepala Dinas", "Sekretaris", "Staf"]
    assert [k.no for k in sop.kegiatan] == [1, 2, 3, 4, None]  # header of page 2 merged
    assert [k.simbol.value for k in sop.kegiatan] == ["terminator", "proses", "proses", "proses", "terminator"]
    assert sop.kegiatan[2].tanda == (("Sekretaris", "Ya"), ("Staf", "Tidak"))
    assert sop.kegiatan[1].mutu_baku.kelengkapan == ("Disposisi", "Data")
    assert sop.kegiatan[0].keterangan == "-"
    codes = {d.code for d in result.load.diagnostics}
    assert {"IMP010", "IMP021", "IMP026"} <= codes
    merged = next(d for d in result.load.diagnostics if d.code == "IMP021")
    assert merged.origin.line == 45


def test_field_sources_point_at_lines() -> None:
    result = import_text_file(FIXTURE)
    sources = {f.path: f for f in result.report.fields}
    assert sources[("identitas", "nomor")].origin.line == 4
    assert sources[("kegiatan", 3, "mutu_baku", "waktu")].origin.line == 49
    assert 0 < sources[("kegiatan", 2, "simbol")].confidence < 0.5
    assert result.load.origin(("kegiatan", 1, "uraian")).line == 43


def test_text_that_is_not_an_sop_is_imp002_and_no_model() -> None:
    result = import_text_file(DATA / "import" / "bukan-sop.txt")
    assert result.load.sop is None
    assert [d.code for d in result.load.diagnostics] == ["IMP002"]


def test_missing_file_is_sop001() -> None:
    result = import_text_file(DATA / "import" / "tidak-ada.txt")
    assert result.load.sop is None and result.load.diagnostics[0].code == "SOP001"


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.sampled_from("NO\tKEGIATAN PELAKSANA Mulai []Ya:1.-\n<b>*#~ Nama SOP Dasar Hukum"),
               max_size=400))
def test_import_text_never_raises(text: str) -> None:
    result = import_text(text, "acak.txt")
    assert result.load.sop is not None or result.load.diagnostics


def test_vocabulary() -> None:
    assert find_label("Nomor Standar Oprasional Prosedur", IDENTITY_LABELS)[0] == "nomor"
    assert find_label("Tanggal Efektifitas", IDENTITY_LABELS)[0] == "tanggal_efektif"
    assert find_label("PENCATATAN & PENDATAAN", BOX_LABELS)[0] == "pencatatan_pendataan"
    assert find_label("Peralatan /Perlengkapan :", BOX_LABELS)[0] == "peralatan_perlengkapan"
    assert find_label("Pemerintah Kabupaten", IDENTITY_LABELS) is None
    assert [column_kind(t) for t in ("MUTU BUKU", "ket", "Aktivitas", "Uraian Prosedur",
                                      "Persyaratan / Kelengkapan", "Kelengkapan dan Peralatan",
                                      "Waktu (Menit)", "Kepala Dinas")] == [
        "mutu", "keterangan", "uraian", "uraian", "kelengkapan", "kelengkapan", "waktu", None]
    assert [mark_kind(t) for t in ("MULAI", "SELESAI", "[]", "Ya", "Tidak", " ")] == [
        "terminator", "terminator", "proses", "ya", "tidak", None]


def test_list_helpers() -> None:
    assert inline_items("1. Satu 2. Dua Nomor 3 Tahun 2014 3. Tiga") == ["Satu", "Dua Nomor 3 Tahun 2014", "Tiga"]
    items = lines_to_items([(1, "- 1 PC"), (2, "- 2 B"), (3, "lanjutan"), (4, ""), (5, "o Ok~ w")])
    assert [t for _, t, _ in items] == ["PC", "B lanjutan"]
    first, second = split_pair([(1, "a", 1), (2, "b", 2), (3, "", 0), (4, "c", None)])
    assert [t for _, t, _ in first] == ["a", "b"] and [t for _, t, _ in second] == ["", "c"]
    assert tanggal_to_iso("02 Januari 2025") == "2025-01-02"
    assert tanggal_to_iso("31 Februari 2025") is None
    assert tanggal_to_iso("Januari 2023") == "2023-01"  # month-year dates kept (issue #12 point 3)
