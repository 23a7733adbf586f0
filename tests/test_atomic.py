"""write_atomic: the target holds the whole new content or stays as it was, and no temporary is left."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sopdoc.atomic import write_atomic
from sopdoc.errors import OutputError


def test_writes_text_as_utf8_and_bytes_as_they_are(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.txt", "Tanggal Efektif: 23 Januari 2023 – ü")
    write_atomic(tmp_path / "b.bin", b"\x00\xffPDF")
    assert (tmp_path / "a.txt").read_bytes() == "Tanggal Efektif: 23 Januari 2023 – ü".encode()
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xffPDF"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.bin"]


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.sop.yaml"
    target.write_text("lama\n", encoding="utf-8")
    write_atomic(target, "baru\n")
    assert target.read_text(encoding="utf-8") == "baru\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.sop.yaml"]


def test_new_file_gets_ordinary_permissions_not_0600(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "x.pdf", b"%PDF")
    finally:
        os.umask(umask)
    assert (tmp_path / "x.pdf").stat().st_mode & 0o777 == 0o644


def test_failed_rename_leaves_no_temporary_and_keeps_the_target(tmp_path: Path) -> None:
    target = tmp_path / "keluaran"
    target.mkdir()  # a directory: the final rename fails
    (target / "isi.txt").write_text("tetap", encoding="utf-8")
    with pytest.raises(OutputError):  # the OSError, translated for the user
        write_atomic(target, b"data")
    assert [p.name for p in tmp_path.iterdir()] == ["keluaran"]
    assert (target / "isi.txt").read_text(encoding="utf-8") == "tetap"
