"""layout stage of sopdoc: pure geometry in points (origin top-left), no drawing library.

``layout_sop(sop, profile)`` returns a :class:`LayoutDocument` that every painter draws as is.
"""

from __future__ import annotations

from sopdoc.layout.document import layout_sop
from sopdoc.layout.geometry import LayoutDocument
from sopdoc.layout.profile import PageProfile

__all__ = ["LayoutDocument", "PageProfile", "layout_sop"]
