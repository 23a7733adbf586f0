"""The copied documents in tests/data are complete and byte-for-byte those tests/data/README.md lists."""

from __future__ import annotations

import hashlib
import re

import pytest

from tests.conftest import CORPUS, DATA, SEEDS

ROW = re.compile(r"^\| `(?P<name>[^`]+\.(?:pdf|txt))` \|.*\| `(?P<sha>[0-9a-f]{64})` \|", re.MULTILINE)
LISTED = {m["name"]: m["sha"] for m in ROW.finditer((DATA / "README.md").read_text(encoding="utf-8"))}


def test_readme_lists_the_four_corpus_pdfs_and_the_five_seeds() -> None:
    assert sorted(LISTED) == [
        "000_ae1c2db3f4ad38c9.txt", "001_d3e07cc3412ab670.txt", "002_22ac13d60a74ac94.txt",
        "003_46b4d4ee7e83561a.txt", "004_09aeb5c58688bbdc.txt",
        "bps-bengkulu-011-revisi-anggaran.pdf", "bps-bengkulu-020-naskah-dinas-sk.pdf",
        "bps-bengkulu-314-laporan-gratifikasi.pdf", "bps-bengkulu-322-birthday-greeting-card.pdf",
    ]


def test_folders_hold_exactly_the_listed_files() -> None:
    present = {p.name for p in CORPUS.iterdir() if p.is_file()} | {p.name for p in SEEDS.iterdir()}
    assert present == set(LISTED)


@pytest.mark.parametrize("name", sorted(LISTED))
def test_copy_is_unmodified(name: str) -> None:
    path = (CORPUS if name.endswith(".pdf") else SEEDS) / name
    assert hashlib.sha256(path.read_bytes()).hexdigest() == LISTED[name]
