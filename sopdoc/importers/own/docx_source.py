"""Read the canonical SOP back from a DOCX written by sopdoc (its customXml item).

Safe on hostile files: zip members are size-bounded before they are read, the XML parser never
resolves entities, loads no DTD and touches no network; anything unexpected gives ``None``.
"""

from __future__ import annotations

import base64
import re
import zipfile
from pathlib import Path

__all__ = ["MAX_MEMBER_BYTES", "SOURCE_ENCODING_BASE64", "needs_base64", "sop_yaml_from_docx"]

MAX_MEMBER_BYTES = 8 * 1024 * 1024
"""The largest customXml member (uncompressed) that is read."""
MAX_MEMBERS = 5000
SOURCE_ENCODING_BASE64 = "base64"
_NS = "urn:sopdoc:source:1"
_ITEM = re.compile(r"^customXml/item\d+\.xml$")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def needs_base64(text: str) -> bool:
    """True when ``text`` has characters XML 1.0 cannot carry (or a CR the parser would change)."""
    return bool(_XML_ILLEGAL.search(text)) or "\r" in text


def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def sop_yaml_from_docx(path: str | Path) -> str | None:
    """The canonical SOP YAML embedded in ``path`` by ``render_docx``, or None when the file has
    none (or is not a readable DOCX)."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS:
                return None
            for info in infos:
                if not _ITEM.match(info.filename) or info.file_size > MAX_MEMBER_BYTES:
                    continue
                with zf.open(info) as fh:
                    raw = fh.read(MAX_MEMBER_BYTES + 1)
                if len(raw) > MAX_MEMBER_BYTES or b"<!DOCTYPE" in raw[:2048].upper():
                    continue
                try:
                    root = etree.fromstring(raw, _parser())
                except etree.XMLSyntaxError:
                    continue
                if root.tag != f"{{{_NS}}}source":
                    continue
                text = root.text or ""
                if root.get("encoding") == SOURCE_ENCODING_BASE64:
                    try:
                        return base64.b64decode(text.encode("ascii"), validate=True).decode("utf-8")
                    except (ValueError, UnicodeError):
                        return None
                return text
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, RuntimeError, EOFError):
        return None
    return None
