"""``diff_sops`` on the hand-made revision pair of tests/data/revisi: the expected changes were
written by hand from the two files (see the header comment of baru.sop.yaml), not produced by
the code under test."""

from __future__ import annotations

from pathlib import Path

from sopdoc.revisi.changes import Bagian, Jenis, Perubahan, uraikan
from sopdoc.revisi.compare import diff_sops
from sopdoc.source.reader import load_sop

DATA = Path(__file__).resolve().parents[1] / "data" / "revisi"
D, ID, K, L, X = Jenis.DIUBAH, Bagian.IDENTITAS, Bagian.KOTAK, Bagian.LANGKAH, Bagian.LAIN


def _load(name: str):
    result = load_sop(DATA / name)
    assert result.sop is not None
    return result.sop


def _step(jenis, field, lama, baru, no_lama, no_baru, i, j):
    return Perubahan(jenis, L, field, lama, baru, no_lama, no_baru, i, j)


EXPECTED = [
    Perubahan(D, ID, "identitas.nomor", "800/01/SOP/2023", "800/01/SOP/2025"),
    Perubahan(D, ID, "identitas.tanggal_revisi", None, "10 Maret 2025"),
    Perubahan(Jenis.DIHAPUS, K, "dasar_hukum",
              lama="Peraturan Daerah Kabupaten Contoh Nomor 5 Tahun 2016 tentang Kearsipan"),
    Perubahan(Jenis.DITAMBAH, K, "dasar_hukum",
              baru="Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP AP"),
    Perubahan(D, K, "peringatan", "Apabila SOP tidak dilaksanakan, surat permohonan tidak terjawab",
              "Apabila SOP ini tidak dilaksanakan, surat permohonan tidak terjawab tepat waktu"),
    Perubahan(Jenis.DITAMBAH, X, "kolom_pelaksana", baru="Kepala Seksi"),
    Perubahan(Jenis.DITAMBAH, L, "", baru="Memverifikasi identitas pemohon", no_baru=2, langkah_baru=1),
    _step(Jenis.DINOMORI_ULANG, "", "2", "3", 2, 3, 1, 2),
    _step(Jenis.DINOMORI_ULANG, "", "3", "4", 3, 4, 2, 3),
    _step(Jenis.DITAMBAH, "mutu_baku.kelengkapan", None, "NPWP", 3, 4, 2, 3),
    _step(D, "mutu_baku.waktu", "30 menit", "1 jam", 3, 4, 2, 3),
    _step(D, "cabang.tidak", "1", "2", 3, 4, 2, 3),  # 'ya' 4 -> 5 followed the renumbering: no change
    _step(Jenis.DINOMORI_ULANG, "", "4", "5", 4, 5, 3, 4),
    _step(D, "pelaksana", "Kasubag Umum", "Kepala Seksi", 4, 5, 3, 4),
    _step(Jenis.DINOMORI_ULANG, "", "5", "6", 5, 6, 4, 5),
    _step(D, "mutu_baku.output", "Surat jawaban", "Surat jawaban bertanda tangan", 5, 6, 4, 5),
    Perubahan(Jenis.DIHAPUS, L, "", lama="Menggandakan surat jawaban", no_lama=6, langkah_lama=5),
    _step(Jenis.DINOMORI_ULANG, "", "8", "7", 8, 7, 7, 6),
    _step(Jenis.DIPINDAH, "", "Mengarsipkan salinan surat jawaban", "Mengarsipkan salinan surat jawaban", 7, 8, 6, 7),
]


def test_revision_pair_gives_the_hand_written_changes():
    assert list(diff_sops(_load("lama.sop.yaml"), _load("baru.sop.yaml")).perubahan) == EXPECTED


def test_same_sop_has_no_changes():
    sop = _load("baru.sop.yaml")
    revisi = diff_sops(sop, sop)
    assert revisi.sama and revisi.perubahan == ()


def test_renumbered_only_step_is_not_changed():
    """Steps numbered from 11 instead of 1 (decision targets along): only renumberings."""
    old = _load("lama.sop.yaml")
    steps = []
    for k in old.kegiatan:
        cabang = None
        if k.cabang is not None:
            cabang = k.cabang.model_copy(update={"ya": k.cabang.ya + 10, "tidak": k.cabang.tidak + 10})
        steps.append(k.model_copy(update={"no": k.no + 10, "cabang": cabang}))
    new = old.model_copy(update={"kegiatan": tuple(steps)})
    kinds = {p.jenis for p in diff_sops(old, new).perubahan}
    assert kinds == {Jenis.DINOMORI_ULANG}
    assert len(diff_sops(old, new).perubahan) == 8


def test_reversed_in_the_other_direction_mirrors():
    """baru → lama: the inserted step is removed, the removed one added, old/new swapped."""
    back = diff_sops(_load("baru.sop.yaml"), _load("lama.sop.yaml")).perubahan
    assert Perubahan(Jenis.DIHAPUS, L, "", lama="Memverifikasi identitas pemohon", no_lama=2, langkah_lama=1) in back
    assert Perubahan(Jenis.DITAMBAH, L, "", baru="Menggandakan surat jawaban", no_baru=6, langkah_baru=5) in back
    assert _step(D, "mutu_baku.waktu", "1 jam", "30 menit", 4, 3, 3, 2) in back


def test_messages_in_both_languages():
    step = _step(D, "mutu_baku.waktu", "30 menit", "1 jam", 3, 4, 2, 3)
    assert uraikan(step).id == "Langkah 4 (lama 3): waktu diubah: “30 menit” → “1 jam”"
    assert uraikan(step).en == "Step 4 (was 3): time changed: “30 menit” → “1 jam”"
    gone = Perubahan(Jenis.DIHAPUS, L, "", lama="Menggandakan surat jawaban", no_lama=6, langkah_lama=5)
    assert uraikan(gone).id == "Langkah 6 (lama) dihapus: “Menggandakan surat jawaban”"
    assert uraikan(Perubahan(Jenis.DINOMORI_ULANG, L, "", "2", "3", 2, 3, 1, 2)).en == "Step 2 renumbered 3"
