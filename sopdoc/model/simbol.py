"""The flowchart symbol kinds of a step, apart from the pydantic document model so that the flow
(:mod:`sopdoc.model.flow`) and the execution stage can use them without loading pydantic."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Simbol"]


class Simbol(StrEnum):
    """Flowchart symbol of a step (the off-page connector is made by pagination, not stored)."""

    TERMINATOR = "terminator"
    PROSES = "proses"
    KEPUTUSAN = "keputusan"

    @property
    def rank(self) -> int:
        """Which symbol wins when a step's cell holds several shapes: keputusan (0), then
        terminator (1), then proses (2)."""
        return _SIMBOL_ORDER.index(self)


_SIMBOL_ORDER = (Simbol.KEPUTUSAN, Simbol.TERMINATOR, Simbol.PROSES)
