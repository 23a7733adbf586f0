"""Writing output files so that a failure never leaves a half-written file or a partial set.

Every output is first written to a temporary file in the target folder, named
``.sopdoc-tmp-<pid>-<random>.tmp``; :class:`OutputSet` renames all the files of one input into
place only when every one of them was written, and removes its temporaries on any failure. A run
that was killed cannot clean up, so the next write into the same folder removes the temporaries
whose process no longer exists (:func:`clean_stale`). An OSError while writing becomes an
:class:`~sopdoc.errors.OutputError` naming the file and the reason in both languages.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from pathlib import Path
from types import TracebackType

from sopdoc.errors import OutputError, os_reason
from sopdoc.model.diagnostic import Teks

__all__ = ["TMP_PREFIX", "OutputSet", "clean_stale", "write_atomic"]

TMP_PREFIX = ".sopdoc-tmp-"
_TMP = re.compile(re.escape(TMP_PREFIX) + r"(\d+)-[0-9a-f]+\.tmp")
_cleaned: set[str] = set()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def clean_stale(folder: str | Path) -> list[Path]:
    """Remove the temporaries in ``folder`` left by sopdoc runs that no longer exist."""
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        m = _TMP.fullmatch(name)
        if m and not _alive(int(m.group(1))):
            path = Path(folder) / name
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass
    return removed


def _output_error(path: Path, exc: OSError) -> OutputError:
    reason = os_reason(exc)
    return OutputError(Teks(f"tidak dapat menulis {path}: {reason.id}", f"cannot write {path}: {reason.en}"), path)


class OutputSet:
    """The output files of one input: staged as temporaries, renamed together by :meth:`commit`.

    Use as a context manager; leaving it by an exception (or without commit) removes every
    temporary, so either all the files of the input appear or none does.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []

    def add(self, path: str | Path, data: bytes | str) -> Path:
        """Write ``data`` for ``path`` to a temporary file next to it; returns ``path``."""
        target = Path(path)
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if not isinstance(raw, (bytes, bytearray, memoryview)):
            raise TypeError(f"data must be bytes or str, not {type(data).__name__}")
        folder = str(target.parent)
        if folder not in _cleaned:
            _cleaned.add(folder)
            clean_stale(folder)
        tmp = target.parent / f"{TMP_PREFIX}{os.getpid()}-{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        except OSError as exc:
            raise _output_error(target, exc) from None
        self._staged.append((tmp, target))
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(raw)
        except OSError as exc:
            raise _output_error(target, exc) from None
        return target

    def commit(self) -> list[Path]:
        """Rename every staged file into place; the targets, in the order added."""
        done = []
        try:
            for tmp, target in self._staged:
                os.replace(tmp, target)
                done.append(target)
        except OSError as exc:
            raise _output_error(target, exc) from None
        finally:
            self.discard()
        return done

    def discard(self) -> None:
        """Remove the temporaries not yet renamed."""
        for tmp, _target in self._staged:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        self._staged = []

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.discard()


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Write ``data`` to a temporary file next to ``path``, then rename it into place.

    The file gets the ordinary permissions of a new file (0666 narrowed by the umask).
    """
    with OutputSet() as out:
        out.add(path, data)
        out.commit()
