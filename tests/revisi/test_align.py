"""Step alignment: identical runs, rewording, moves, and bounded work on hostile sizes."""

from __future__ import annotations

import time

from sopdoc.model.sop import Kegiatan
from sopdoc.revisi.align import Pasangan, align_steps, normalise, step_similarity


def _steps(*texts: str) -> tuple[Kegiatan, ...]:
    return tuple(Kegiatan(no=i + 1, uraian=t, pelaksana=("Staf",)) for i, t in enumerate(texts))


def test_normalise_folds_case_punctuation_and_spaces():
    assert normalise("  Menyusun  konsep, surat/jawaban. ") == "menyusun konsep surat jawaban"


def test_reworded_step_pairs_other_verb_does_not():
    assert step_similarity("menyusun laporan kinerja", "menyusun draf laporan kinerja") >= 0.7
    assert step_similarity("merekap laporan kinerja triwulan", "menandatangani laporan kinerja triwulan") < 0.7


def test_insert_remove_and_reword():
    old = _steps("Menerima surat", "Mencatat surat", "Menyusun laporan kinerja", "Mengirim surat")
    new = _steps("Menerima surat", "Memindai surat", "Menyusun draf laporan kinerja", "Mengirim surat")
    pairs = align_steps(old, new)
    assert [(p.lama, p.baru, p.moved) for p in pairs] == [
        (0, 0, False), (None, 1, False), (1, None, False), (2, 2, False), (3, 3, False)]
    assert 0.7 < pairs[3].similarity < 1.0


def test_swapped_steps_one_is_moved():
    old = _steps("Satu langkah awal", "Dua langkah tengah", "Tiga langkah lain", "Empat langkah akhir")
    new = _steps("Satu langkah awal", "Tiga langkah lain", "Dua langkah tengah", "Empat langkah akhir")
    pairs = align_steps(old, new)
    assert sorted((p.lama, p.baru) for p in pairs) == [(0, 0), (1, 2), (2, 1), (3, 3)]
    assert [p for p in pairs if p.moved] == [Pasangan(1, 2, 1.0, True)] or [p for p in pairs if p.moved] == [
        Pasangan(2, 1, 1.0, True)]


def test_hostile_sizes_stay_fast():
    old = tuple(Kegiatan(no=i, uraian=f"Langkah nomor {i} {i * 7919 % 1000}") for i in range(3000))
    new = tuple(Kegiatan(no=i, uraian=f"Kegiatan lain {i} {i * 104729 % 997}") for i in range(3000))
    start = time.perf_counter()
    pairs = align_steps(old, new)
    assert time.perf_counter() - start < 20
    assert sum(1 for p in pairs if p.lama is not None) == 3000
    assert sum(1 for p in pairs if p.baru is not None) == 3000
