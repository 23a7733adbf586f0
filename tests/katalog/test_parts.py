"""The catalogue's parts on their own: similarity index, reference keys, review dates."""

from __future__ import annotations

import datetime as dt
import random

from sopdoc.katalog import similar
from sopdoc.katalog.links import LinkIndex, reference_key
from sopdoc.katalog.review import Status, due_date, status_of
from sopdoc.katalog.similar import DuplicateIndex, minhash, normalise, similarity, step_key

WORDS = (
    "data", "laporan", "kinerja", "triwulan", "menyusun", "memeriksa", "mengirim", "surat", "kepala", "bidang",
    "sekretaris", "arsip", "rapat", "dokumen", "anggaran", "rencana", "aksi", "evaluasi", "unggah", "aplikasi",
    "menandatangani", "paraf", "draf", "rekap", "pegawai", "cuti", "izin", "pengadaan", "barang", "jasa",
    "kontrak", "pembayaran", "verifikasi", "berkas", "pemohon", "layanan",
)


def _steps(rng: random.Random, n: int = 10) -> list[str]:
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 12))) for _ in range(n)]


def test_normalise_and_step_key() -> None:
    assert normalise("  Menyusun  DRAF, laporan (kinerja)!") == "menyusun draf laporan kinerja"
    assert step_key("Selesai") is None  # too short to call a copy
    assert step_key("Menyusun draf laporan kinerja triwulan") == step_key("menyusun Draf laporan kinerja, triwulan.")


def test_minhash_estimates_jaccard() -> None:
    rng = random.Random(7)
    a = _steps(rng)
    sig = minhash(a)
    assert sig is not None and len(sig) == similar.PERMS * 8
    assert similarity(sig, minhash(list(a))) == 1.0
    unrelated = minhash(["pengadaan barang jasa melalui katalog elektronik nasional oleh pejabat pengadaan"])
    assert unrelated is not None and similarity(sig, unrelated) < 0.2
    assert minhash(["", "  "]) is None


def test_planted_duplicates_found_among_many_without_all_pairs(monkeypatch) -> None:
    """2,000 random SOPs with three planted copies: the three pairs are found, and far fewer than
    the 2 million pairs of all-against-all are compared."""
    rng = random.Random(42)
    texts = [_steps(rng) for _ in range(2000)]
    planted = {(3, 1500), (10, 1999), (700, 701)}
    for a, b in planted:
        texts[b] = [*texts[a][:-1], texts[a][-1] + " segera"]  # one word added to the last step
    calls = 0
    real = similar.similarity

    def counting(x: bytes, y: bytes) -> float:
        nonlocal calls
        calls += 1
        return real(x, y)

    monkeypatch.setattr(similar, "similarity", counting)
    index = DuplicateIndex(0.8)
    for i, steps in enumerate(texts):
        index.add(i, minhash(steps), [])
    found = {(p.a, p.b) for p in index.pairs()}
    assert planted <= found
    assert calls < 20 * len(texts)


def test_step_groups_keep_the_second_sighting() -> None:
    index = DuplicateIndex()
    text = "Menyusun draf laporan kinerja triwulan"
    key = step_key(text)
    assert key is not None
    index.add(0, None, [(1, key, text)])
    assert index.step_groups() == []
    index.add(1, None, [(4, key, text + ".")])
    (group,) = index.step_groups()
    assert group.members == ((0, 1), (1, 4))


def test_reference_keys_and_resolution() -> None:
    assert reference_key("SOP Penyusunan Rencana Aksi") == reference_key("Penyusunan rencana aksi")
    assert reference_key("Standar Operasional Prosedur tentang Surat Keluar") == "surat keluar"
    links = LinkIndex()
    links.add(0, "Penyusunan Rencana Aksi", "050/112/BAPPEDA/2025", ("SOP Surat Masuk", "-", "Tidak ada"))
    links.add(1, "Surat Masuk", None, ("SOP Nomor 050/112/BAPPEDA/2025", "SOP Tidak Ada Di Katalog"))
    got = [(x.sumber, x.teks, x.tujuan) for x in links.links()]
    assert got == [(0, "SOP Surat Masuk", 1), (1, "SOP Nomor 050/112/BAPPEDA/2025", 0),
                   (1, "SOP Tidak Ada Di Katalog", None)]


def test_due_dates() -> None:
    today = dt.date(2026, 11, 30)
    assert due_date("2023-01-23", "2024-01-22", today) == dt.date(2026, 1, 22)
    assert due_date("2024-02-29", None, today) == dt.date(2026, 2, 28)
    assert due_date("2025-01-02", "2027-03-01", today) == dt.date(2027, 3, 1)  # a planned review date
    assert due_date("2024-04", None, today, years=3) == dt.date(2027, 4, 1)  # month-year date
    assert due_date(None, None, today) is None
    assert status_of(True, "2023-01-23", dt.date(2026, 1, 22), today) is Status.TINJAU
    assert status_of(True, "2025-06-02", dt.date(2027, 6, 2), today) is Status.AKTIF
    assert status_of(True, None, None, today) is Status.DRAFT
    assert status_of(False, None, None, today) is Status.GAGAL
