"""sopdoc: Indonesian government SOPs (SOP AP, PermenPAN-RB 35/2012) as checkable data."""

from __future__ import annotations

from typing import Any

__all__ = ["Sop", "__version__"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "Sop":
        from sopdoc.model.sop import Sop

        return Sop
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
