"""Small files sopdoc keeps between its processes in the user's cache folder, to start faster.

The folder is ``$SOPDOC_CACHE_DIR``, else ``$XDG_CACHE_HOME/sopdoc``, else ``~/.cache/sopdoc``
(``SOPDOC_CACHE_DIR=off`` keeps no cache). Nothing is ever written outside it. A cache file is only
a shortcut: one that is missing, unreadable, too large, of another format (its first line, the
``tag``), not owned by this user or writable by others is ignored, as if absent, and rewritten.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

__all__ = ["MAX_BYTES", "cache_dir", "read_cache", "write_cache"]

MAX_BYTES = 16 * 1024 * 1024
"""A cache file larger than this is not read."""


def cache_dir() -> Path | None:
    """The user's sopdoc cache folder (not created here), or None when caching is off."""
    own = os.environ.get("SOPDOC_CACHE_DIR", "").strip()
    if own:
        return None if own.lower() == "off" else Path(own)
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "sopdoc"
    home = os.path.expanduser("~")
    return None if home == "~" else Path(home) / ".cache" / "sopdoc"


def read_cache(name: str, tag: bytes) -> bytes | None:
    """The content of cache file ``name`` after its first line, when that line is ``tag``; else None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        fd = os.open(folder / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if (not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BYTES or st.st_mode & 0o022
                or (hasattr(os, "getuid") and st.st_uid != os.getuid())):
            return None  # not a plain file of this user's that only this user may write
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    head, sep, body = data.partition(b"\n")
    return body if sep and head == tag and len(data) <= MAX_BYTES else None


def write_cache(name: str, tag: bytes, body: bytes) -> None:
    """Replace cache file ``name`` by ``tag``, a newline and ``body`` (all at once); a failure is
    silent: the cache is only a shortcut."""
    folder = cache_dir()
    if folder is None or b"\n" in tag or len(tag) + 1 + len(body) > MAX_BYTES:
        return
    tmp = folder / f".{name}.{os.getpid()}.tmp"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(tag + b"\n" + body)
        os.replace(tmp, folder / name)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
