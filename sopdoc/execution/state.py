"""Where a period instance stands as of a moment: not started, in progress, overdue or done.

The execution stage never reads the clock: the moment ("per", as of) is given by the caller
(the CLI passes now, or the ``--per`` date). Without one, nothing is judged overdue.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sopdoc.model.diagnostic import Teks

__all__ = ["BAIK", "BELUM_DINILAI", "TIDAK_BAIK", "State", "instance_state", "is_overdue"]

BAIK = Teks("Berjalan dengan baik", "Running well")
TIDAK_BAIK = Teks("Tidak berjalan dengan baik", "Not running well")
BELUM_DINILAI = Teks("Belum dapat dinilai (periode belum selesai)", "Cannot be assessed yet (period not finished)")


class State(StrEnum):
    """The state of an instance as of a moment."""

    BELUM_DIMULAI = "belum-dimulai"
    BERJALAN = "berjalan"
    TERLAMBAT = "terlambat"
    SELESAI = "selesai"

    @property
    def teks(self) -> Teks:
        """The state in words."""
        return _WORDS[self]


_WORDS = {State.BELUM_DIMULAI: Teks("belum dimulai", "not started"),
          State.BERJALAN: Teks("berjalan", "in progress"),
          State.TERLAMBAT: Teks("terlambat", "overdue"),
          State.SELESAI: Teks("selesai", "done")}


def is_overdue(deadline: dt.date, as_of: dt.datetime | None) -> bool:
    """True when ``as_of`` lies after the deadline day."""
    return as_of is not None and as_of.date() > deadline


def instance_state(recorded: bool, finished: dt.datetime | None, deadline: dt.date,
                   as_of: dt.datetime | None) -> State:
    """Done when the main path's last step is recorded; else overdue after the deadline day; else
    not started without any entry, in progress with some."""
    if finished is not None:
        return State.SELESAI
    if is_overdue(deadline, as_of):
        return State.TERLAMBAT
    return State.BERJALAN if recorded else State.BELUM_DIMULAI
