"""The root of sopdoc's exceptions: failures of the program or its environment, not content."""

from __future__ import annotations

import errno

from sopdoc.model.diagnostic import Teks

__all__ = ["OutputError", "SopdocError", "UsageError", "os_reason"]


class SopdocError(Exception):
    """A failure sopdoc reports in one line (exit 2 at the CLI)."""

    def __init__(self, message: Teks) -> None:
        super().__init__(message.en)
        self.teks = message

    def get(self, lang: str = "id") -> str:
        """The message in ``lang``."""
        return self.teks.get(lang)


class UsageError(SopdocError):
    """Wrong arguments or configuration."""


class OutputError(SopdocError):
    """An output file could not be written (disk full, no permission, name too long …); nothing
    of the input's output set was left behind. ``path`` is the file that failed."""

    def __init__(self, message: Teks, path: object = None) -> None:
        super().__init__(message)
        self.path = path


_REASONS = {
    errno.ENOSPC: ("ruang disk penuh", "no space left on the device"),
    errno.EDQUOT: ("kuota disk habis", "disk quota exceeded"),
    errno.EACCES: ("akses ditolak", "permission denied"),
    errno.EPERM: ("operasi tidak diizinkan", "operation not permitted"),
    errno.ENAMETOOLONG: ("nama berkas terlalu panjang", "file name too long"),
    errno.EROFS: ("sistem berkas hanya-baca", "read-only file system"),
    errno.ENOENT: ("berkas atau direktori tidak ada", "no such file or directory"),
    errno.ENOTDIR: ("bagian jalur bukan direktori", "a part of the path is not a directory"),
    errno.EISDIR: ("berupa direktori", "is a directory"),
    errno.EEXIST: ("sudah ada", "already exists"),
    errno.EIO: ("galat masukan/keluaran perangkat", "input/output error"),
    errno.EMFILE: ("terlalu banyak berkas terbuka", "too many open files"),
    errno.EFBIG: ("berkas terlalu besar", "file too large"),
}


def os_reason(exc: OSError) -> Teks:
    """The reason of an OSError in both languages (Indonesian for the common ones)."""
    known = _REASONS.get(exc.errno or -1)
    if known:
        return Teks(*known)
    text = exc.strerror or str(exc) or type(exc).__name__
    return Teks(text, text)
