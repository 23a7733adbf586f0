"""The key of the log's keyed checkpoint, kept in a file outside the database.

Where: ``$SOPDOC_LOG_KEY_FILE`` when set, else ``<database>.key`` next to the database (e.g.
``sopdoc.db.key``). A PostgreSQL store has no file to sit next to: its key is
``<config>/sopdoc/log-keys/<host>_<port>_<database>_<schema>.key``, where ``<config>`` is
``$XDG_CONFIG_HOME`` or ``~/.config`` of the user running sopdoc (:func:`url_key_path`); every
program that writes to that store (the CLI, the web application) must find the same key, so a
multi-user deployment sets ``SOPDOC_LOG_KEY_FILE`` for all of them.

The file is created with mode 0600 when the database is created or migrated
to the anchored schema, and holds 32 random bytes in hex. Keep a copy somewhere the database's
editors cannot write (or point ``SOPDOC_LOG_KEY_FILE`` there): whoever holds the key can recompute
the checkpoints, whoever holds only the database cannot.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

__all__ = ["KEY_ENV", "BadKeyFile", "create_key", "key_path", "read_key", "url_key_path"]

KEY_ENV = "SOPDOC_LOG_KEY_FILE"


class BadKeyFile(ValueError):
    """The key file exists but does not hold a key."""


def key_path(db_path: str | Path) -> Path:
    """Where the key of the database at ``db_path`` is kept."""
    env = os.environ.get(KEY_ENV, "").strip()
    return Path(env) if env else Path(f"{db_path}.key")


def url_key_path(host: str, port: str | int, dbname: str, schema: str) -> Path:
    """Where the key of a database server's store is kept (``$SOPDOC_LOG_KEY_FILE`` when set)."""
    env = os.environ.get(KEY_ENV, "").strip()
    if env:
        return Path(env)
    config = os.environ.get("XDG_CONFIG_HOME", "").strip() or str(Path.home() / ".config")
    name = "_".join(re.sub(r"[^A-Za-z0-9._-]+", "-", str(part)).strip("-") or "-"
                    for part in (host, port, dbname, schema))
    return Path(config) / "sopdoc" / "log-keys" / f"{name}.key"


def read_key(path: Path) -> bytes | None:
    """The key in ``path``; None when the file does not exist; BadKeyFile when it holds no key."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (UnicodeDecodeError, IsADirectoryError):
        raise BadKeyFile(str(path)) from None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise BadKeyFile(str(path)) from None
    if len(key) < 16:
        raise BadKeyFile(str(path))
    return key


def create_key(path: Path) -> bytes:
    """Create the key file (mode 0600) unless it exists; returns the key it holds."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = read_key(path)
        if key is None:  # removed in between: try once more
            return create_key(path)
        return key
    key = secrets.token_bytes(32)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key.hex() + "\n")
    return key
