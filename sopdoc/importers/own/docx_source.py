"""Read the canonical SOP back from a DOCX written by sopdoc (its customXml item).

Safe on hostile files: the package is opened by the one hardened reader (``sopdoc.ooxml.package``:
member count, sizes and compression ratio checked before anything is inflated; XML parsed without
DTDs, entities or network); anything unexpected gives ``None``.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import IO

from sopdoc.ooxml.ns import SOPDOC_NS, SOURCE_ENCODING_BASE64
from sopdoc.ooxml.package import PackageError, open_package

__all__ = ["MAX_MEMBER_BYTES", "sop_yaml_from_docx"]

MAX_MEMBER_BYTES = 8 * 1024 * 1024
"""The largest customXml member (uncompressed) that is read."""


def _is_item(name: str) -> bool:
    """``customXml/item<N>.xml``."""
    prefix, suffix = "customXml/item", ".xml"
    return name.startswith(prefix) and name.endswith(suffix) and name[len(prefix):-len(suffix)].isdigit()


def sop_yaml_from_docx(path: str | Path | IO[bytes]) -> str | None:
    """The canonical SOP YAML embedded in ``path`` by ``render_docx``, or None when the file has
    none (or is not a readable DOCX)."""
    try:
        with open_package(path) as pkg:
            for name in pkg.names:
                if not _is_item(name):
                    continue
                try:
                    root = pkg.xml(name, MAX_MEMBER_BYTES)
                except PackageError:
                    continue
                if root.tag != f"{{{SOPDOC_NS}}}source":
                    continue
                text = root.text or ""
                if root.get("encoding") == SOURCE_ENCODING_BASE64:
                    try:
                        return base64.b64decode(text.encode("ascii"), validate=True).decode("utf-8")
                    except (ValueError, UnicodeError):
                        return None
                return text
    except PackageError:
        return None
    return None
