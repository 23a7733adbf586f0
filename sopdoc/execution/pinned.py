"""The steps of an SOP pinned with a period instance: a small table, stored as JSON.

A period instance stores this table, so logging and checking need neither the YAML source nor
pydantic. Its flow (successors, decision exits, the main path) is :mod:`sopdoc.model.flow`'s,
rebuilt from the pinned steps: rows without a number are left out of the table, which by the
flow's rule 3 changes nothing between the steps.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from sopdoc.model.flow import Flow, Node

if TYPE_CHECKING:
    from sopdoc.model.sop import Sop
    from sopdoc.model.waktu import Waktu

__all__ = ["Step", "StepTable", "pin_steps"]


@lru_cache(maxsize=4096)
def normalise_role(text: str) -> str:
    """A role compared case- and space-insensitively."""
    return " ".join(text.replace("/", " / ").split()).casefold()


@dataclass(frozen=True)
class Step:
    """One numbered step of a pinned SOP (``terminator`` is absent from tables pinned before it
    was recorded, which then read as False)."""

    no: int
    uraian: str
    pelaksana: tuple[str, ...]
    keputusan: bool = False
    ya: int | None = None
    tidak: int | None = None
    kelengkapan: tuple[str, ...] = ()
    waktu: str | None = None
    output: str | None = None
    terminator: bool = False

    def role_matches(self, peran: str) -> bool:
        """True when ``peran`` is one of the step's actors, or one alternative of "A/ B"."""
        return normalise_role(peran) in self._roles

    @cached_property
    def _roles(self) -> frozenset[str]:
        """Every role that matches (normalised): each actor whole and each alternative of "A/ B"."""
        found = set()
        for actor in self.pelaksana:
            found.add(normalise_role(actor))
            found.update(normalise_role(part) for part in actor.split("/") if part.strip())
        return frozenset(found)


@dataclass(frozen=True)
class StepTable:
    """The numbered steps of an SOP in row order, with their flow (by step number)."""

    steps: tuple[Step, ...]

    @cached_property
    def flow(self) -> Flow:
        """The flow over the pinned steps (row ``i`` is ``steps[i]``)."""
        return Flow(Node(no=s.no, terminator=s.terminator, keputusan=s.keputusan, ya=s.ya, tidak=s.tidak)
                    for s in self.steps)

    @cached_property
    def uraian(self) -> dict[int, str]:
        """Each step number's activity text (the activity names of XES traces and charts)."""
        return {s.no: s.uraian for s in self.steps}

    def step(self, no: int) -> Step | None:
        """The step numbered ``no`` (its first row)."""
        return self._by_no.get(no)

    @cached_property
    def _by_no(self) -> dict[int, Step]:
        out: dict[int, Step] = {}
        for s in self.steps:
            out.setdefault(s.no, s)  # the first row of a number, as the flow's index_of
        return out

    def successors(self, no: int) -> frozenset[int]:
        """Numbers of the steps that may follow step ``no``."""
        found = self._successors.get(no)
        if found is None:
            i = self.flow.index_of(no)
            found = self._successors[no] = frozenset() if i is None else frozenset(
                self.steps[j].no for j in self.flow.successors(i))
        return found

    @cached_property
    def _successors(self) -> dict[int, frozenset[int]]:
        return {}  # step number → successors, filled as asked (a check asks once per entry)

    def branch_target(self, no: int, keputusan: str) -> int | None:
        """The step the "ya"/"tidak" exit of decision ``no`` leads to (None: the flow ends)."""
        i = self.flow.index_of(no)
        j = None if i is None else self.flow.exit(i, keputusan)
        return None if j is None else self.steps[j].no

    def main_path(self) -> tuple[int, ...]:
        """Step numbers along the main path (see :mod:`sopdoc.model.flow`), computed once per table."""
        return self._main_path

    @cached_property
    def _main_path(self) -> tuple[int, ...]:
        return self.flow.main_path()

    def to_json(self) -> str:
        """Canonical JSON of the table."""
        return json.dumps([asdict(s) for s in self.steps], ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> StepTable:
        """The table stored by ``to_json``."""
        data: list[dict[str, Any]] = json.loads(text)
        return cls(tuple(Step(**{**d, "pelaksana": tuple(d["pelaksana"]),
                                 "kelengkapan": tuple(d["kelengkapan"])}) for d in data))


def _waktu_text(waktu: Waktu | None) -> str | None:
    if waktu is None:
        return None
    if waktu.satuan_dari_header and waktu.satuan is not None:  # "15" under "Waktu (Menit)"
        return f"{waktu.teks} {waktu.satuan.value}"
    return waktu.teks


def pin_steps(sop: Sop) -> StepTable:
    """The numbered steps of ``sop`` in row order (rows without a number are left out)."""
    steps = []
    for k in sop.kegiatan:
        if k.no is None:
            continue
        cabang = k.cabang
        steps.append(Step(
            no=k.no, uraian=k.uraian, pelaksana=tuple(k.pelaksana),
            keputusan=(k.simbol is not None and k.simbol.value == "keputusan"),
            ya=cabang.ya if cabang else None, tidak=cabang.tidak if cabang else None,
            kelengkapan=tuple(k.mutu_baku.kelengkapan),
            waktu=_waktu_text(k.mutu_baku.waktu),
            output=k.mutu_baku.output,
            terminator=(k.simbol is not None and k.simbol.value == "terminator"),
        ))
    return StepTable(tuple(steps))
