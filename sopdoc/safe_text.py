"""Text from documents made safe for where it is written: XML (SVG, XES) and a terminal.

Documents sopdoc reads were written by others, so a value may hold control characters. XML 1.0
forbids C0 controls other than tab, newline and carriage return (and U+FFFE/U+FFFF, lone
surrogates): they become U+FFFD so the file stays well-formed. On a terminal, C0/C1 controls
(escape sequences) are shown as ``\\x..`` instead of being acted on; tab and newline stay.
"""

from __future__ import annotations

import re

__all__ = ["terminal_text", "xml_attr", "xml_clean", "xml_escape"]

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TERMINAL_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def xml_clean(text: str) -> str:
    """``text`` with the characters XML 1.0 forbids replaced by U+FFFD."""
    return _XML_BAD.sub("\ufffd", text)


def xml_escape(text: str) -> str:
    """Element content: forbidden characters replaced, ``& < >`` escaped."""
    return xml_clean(text).replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def xml_attr(text: str) -> str:
    """A quoted attribute value (quotes included); tab/newline/CR kept as character references."""
    # what xml.sax.saxutils.quoteattr does, without importing it (it pulls in urllib.request,
    # 20 ms of every `sopdoc` start-up)
    data = xml_escape(text).replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    quoted = data.replace('"', "&quot;")
    return f'"{quoted}"'


def terminal_text(text: str) -> str:
    """``text`` with control characters (ESC, CR, C1 …) shown as ``\\x..``; tab and newline kept."""
    return _TERMINAL_BAD.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
