"""layout stage of sopdoc: pure geometry in points (origin top-left), no drawing library.

``layout_sop(sop, profile)`` returns a :class:`LayoutDocument` that every painter draws as is.

Names are loaded on first use, so that reading the ``[profil]`` table (``sopdoc.layout.profile``,
needed by every command's configuration) does not load the layout of a whole document.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {"LayoutDocument": "geometry", "PageProfile": "profile", "layout_sop": "document"}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
