"""The printed labels of an SOP (one table) and the ranking of flowchart symbols."""

from __future__ import annotations

import pytest

from sopdoc.model.labels import (
    BOX_KEYS,
    BOX_TITLES,
    BOXES,
    COLUMN_TITLES,
    IDENTITY_FIELD_LABELS,
    SIMBOL_NAMES,
    simbol_rank,
)
from sopdoc.model.sop import Simbol, Sop


def test_identity_field_labels_as_printed() -> None:
    assert dict(IDENTITY_FIELD_LABELS) == {
        "nomor": "Nomor SOP", "tanggal_pembuatan": "Tanggal Pembuatan", "tanggal_revisi": "Tanggal Revisi",
        "tanggal_efektif": "Tanggal Efektif", "periode": "Periode", "disahkan_oleh": "Disahkan oleh",
        "nama": "Nama SOP",
    }


def test_box_titles_in_printed_order() -> None:
    assert list(BOX_TITLES.items()) == [
        ("dasar_hukum", "DASAR HUKUM"), ("kualifikasi_pelaksana", "KUALIFIKASI PELAKSANA"),
        ("keterkaitan", "KETERKAITAN"), ("peralatan_perlengkapan", "PERALATAN/PERLENGKAPAN"),
        ("peringatan", "PERINGATAN"), ("pencatatan_pendataan", "PENCATATAN DAN PENDATAAN"),
    ]
    assert tuple(BOX_TITLES) == BOX_KEYS
    assert [name for _key, name, _en in BOXES][3] == "Peralatan/Perlengkapan"
    assert all(en and en != name for _key, name, en in BOXES)


def test_box_and_identity_fields_exist_on_the_model() -> None:
    assert set(BOX_KEYS) <= set(Sop.model_fields)
    identity = Sop.model_fields["identitas"].annotation
    assert {"nomor", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif", "disahkan_oleh", "nama"} \
        <= set(identity.model_fields)  # type: ignore[union-attr]
    assert "periode" in Sop.model_fields


def test_column_titles() -> None:
    assert dict(COLUMN_TITLES) == {
        "no": "NO", "kegiatan": "KEGIATAN", "pelaksana": "PELAKSANA", "mutu_baku": "MUTU BAKU",
        "kelengkapan": "KELENGKAPAN", "waktu": "WAKTU", "output": "OUTPUT", "keterangan": "KETERANGAN",
    }


def test_labels_are_read_only() -> None:
    with pytest.raises(TypeError):
        IDENTITY_FIELD_LABELS["nomor"] = "No. SOP"  # type: ignore[index]
    with pytest.raises(TypeError):
        BOX_TITLES["peringatan"] = "PERHATIAN"  # type: ignore[index]


def test_simbol_rank_on_the_enum() -> None:
    assert (Simbol.KEPUTUSAN.rank, Simbol.TERMINATOR.rank, Simbol.PROSES.rank) == (0, 1, 2)
    assert sorted(Simbol, key=lambda s: s.rank) == [Simbol.KEPUTUSAN, Simbol.TERMINATOR, Simbol.PROSES]


@pytest.mark.parametrize(("kind", "rank"), [
    ("keputusan", 0), ("terminator", 1), ("proses", 2), (Simbol.PROSES, 2),
    ("offpage", 3), ("label", 3), ("", 3),
])
def test_simbol_rank_of_shape_kinds(kind: str, rank: int) -> None:
    assert simbol_rank(kind) == rank


def test_the_strongest_shape_wins() -> None:
    assert min(["proses", "offpage", "keputusan", "terminator"], key=simbol_rank) == "keputusan"
    assert min(["proses", "terminator"], key=simbol_rank) == "terminator"
    assert {"keputusan", "terminator", "proses"} == SIMBOL_NAMES
