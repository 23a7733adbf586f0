"""The one map of OOXML namespace prefixes, and ``qn`` to turn ``"w:p"`` into Clark notation."""

from __future__ import annotations

__all__ = ["NS", "SOPDOC_NS", "SOURCE_ENCODING_BASE64", "XML_SPACE", "qn"]

NS: dict[str, str] = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "ss": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "ds": "http://schemas.openxmlformats.org/officeDocument/2006/customXml",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
"""Prefix → namespace URI for every OOXML vocabulary sopdoc reads or writes."""

SOPDOC_NS = "urn:sopdoc:source:1"
"""The namespace of the customXml item that carries the canonical SOP inside a DOCX."""

SOURCE_ENCODING_BASE64 = "base64"
"""The ``encoding`` attribute of a source item whose text is base64 (text XML 1.0 cannot carry)."""

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_CLARK: dict[str, str] = {}


def qn(tag: str) -> str:
    """``"w:p"`` → ``"{http://…/main}p"`` (memoised: tables call this tens of thousands of times)."""
    try:
        return _CLARK[tag]
    except KeyError:
        prefix, local = tag.split(":")
        _CLARK[tag] = name = f"{{{NS[prefix]}}}{local}"
        return name
