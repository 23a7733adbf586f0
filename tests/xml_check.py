"""One check for every SVG and XES a test writes: the text must be well-formed XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET


def assert_well_formed(text: str | bytes) -> ET.Element:
    """Parse ``text`` as XML (raises with the parser's position when it is not well-formed)."""
    try:
        return ET.fromstring(text)
    except ET.ParseError as exc:  # pragma: no cover - the failure message is the point
        raise AssertionError(f"not well-formed XML: {exc}") from None
