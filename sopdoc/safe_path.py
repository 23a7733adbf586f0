"""Opening input files safely, and names that may become output files.

Every reader opens its input through :func:`regular_file`: the file is opened with ``O_NONBLOCK``
(a FIFO never blocks) and checked on the opened descriptor with ``os.fstat`` (no race between a
check and the open), so devices (``/dev/zero``), FIFOs and sockets are refused with one message
instead of a hang or an endless read. Evidence paths from an imported log (:func:`evidence_path`)
must also stay inside the log file's folder: relative, without ``..``, without symbolic links.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from sopdoc.model.diagnostic import Teks

__all__ = [
    "INSTANCE_NAME",
    "UnsafeInputError",
    "check_instance_name",
    "check_regular",
    "evidence_path",
    "inside",
    "read_regular",
    "regular_file",
]

INSTANCE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")


class UnsafeInputError(OSError):
    """An input path sopdoc refuses to read: ``reason`` says why, ``teks`` adds the path."""

    def __init__(self, reason: Teks, path: str | Path, err: int = errno.EINVAL) -> None:
        super().__init__(err, reason.en, str(path))
        self.reason = reason
        self.teks = Teks(f"{path}: {reason.id}", f"{path}: {reason.en}")


def _kind(mode: int) -> Teks:
    if stat.S_ISFIFO(mode):
        return Teks("pipa bernama (FIFO)", "a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Teks("berkas perangkat", "a device file")
    if stat.S_ISSOCK(mode):
        return Teks("soket", "a socket")
    return Teks("bukan berkas biasa", "not a regular file")


@contextmanager
def regular_file(path: str | Path, *, follow_symlinks: bool = True) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """The opened file and its status; ``UnsafeInputError`` unless it is a regular file.

    A directory raises ``IsADirectoryError``; a missing file ``FileNotFoundError`` (ordinary
    OSErrors, which readers already report). ``follow_symlinks=False`` refuses a symbolic link.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_symlinks:
            raise UnsafeInputError(Teks("tautan simbolik tidak diterima", "symbolic links are not accepted"),
                                  path, errno.ELOOP) from None
        raise
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(st.st_mode):
            kind = _kind(st.st_mode)
            raise UnsafeInputError(Teks(f"{kind.id}, bukan berkas biasa; tidak dibaca",
                                        f"{kind.en}, not a regular file; not read"), path)
        fh = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with fh:
        yield fh, st


def read_regular(path: str | Path, limit: int, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``UnsafeInputError`` otherwise."""
    with regular_file(path, follow_symlinks=follow_symlinks) as (fh, st):
        data = fh.read(limit + 1) if st.st_size <= limit else b""
        if st.st_size > limit or len(data) > limit:
            size = max(st.st_size, len(data))
            raise UnsafeInputError(Teks(f"berkas terlalu besar ({size} bita, maks. {limit})",
                                        f"file too large ({size} bytes, max. {limit})"), path, errno.EFBIG)
        return data


def check_regular(path: str | Path) -> None:
    """Raise as :func:`regular_file` does, for readers that open the path themselves (zip, PDF)."""
    with regular_file(path):
        pass


def evidence_path(raw: str, base_dir: Path) -> tuple[Path | None, Teks | None]:
    """An evidence path of an imported log row, resolved under ``base_dir`` (the log file's folder).

    Refused (with the reason): absolute paths, ``..`` components, symbolic links anywhere below
    ``base_dir``, and anything that resolves outside it.
    """
    text = raw.replace("\\", "/")
    parts = [p for p in text.split("/") if p not in ("", ".")]
    if text.startswith("/") or re.match(r"^[A-Za-z]:", text) or os.path.isabs(raw):
        return None, Teks(f"jalur bukti harus relatif terhadap folder berkas log: {raw}",
                          f"the evidence path must be relative to the log file's folder: {raw}")
    if ".." in parts or not parts:
        return None, Teks(f"jalur bukti tidak boleh memuat '..': {raw}",
                          f"the evidence path must not contain '..': {raw}")
    base = Path(os.path.realpath(base_dir))
    here = Path(base_dir)
    for part in parts:
        here = here / part
        if os.path.islink(here):
            return None, Teks(f"jalur bukti berupa tautan simbolik: {raw}",
                              f"the evidence path is a symbolic link: {raw}")
    resolved = Path(os.path.realpath(here))
    if not inside(resolved, base):
        return None, Teks(f"jalur bukti di luar folder berkas log: {raw}",
                          f"the evidence path lies outside the log file's folder: {raw}")
    return here, None


def inside(path: str | Path, folder: str | Path) -> bool:
    """Whether ``path`` resolves to ``folder`` or below it."""
    p, f = os.path.realpath(path), os.path.realpath(folder)
    return p == f or p.startswith(f.rstrip(os.sep) + os.sep)


def check_instance_name(name: str) -> Teks | None:
    """Why ``name`` cannot be an instance name (it becomes part of file names), or None."""
    if INSTANCE_NAME.fullmatch(name) and ".." not in name:
        return None
    return Teks(f"nama instans tidak valid: {name!r} (hanya huruf, angka, '.', '_', '-'; diawali huruf/angka; "
                "maks. 128 karakter)",
                f"invalid instance name: {name!r} (letters, digits, '.', '_', '-' only; starting with a letter "
                "or digit; at most 128 characters)")
