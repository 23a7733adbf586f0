"""The flowchart as a small graph of steps, pinned with a period instance.

A period instance stores this table as JSON, so logging and checking need neither the YAML
source nor pydantic. Edges: a process step leads to the next numbered step; a decision leads
to its ``ya`` target (or the next step) and its ``tidak`` target. The *main path* follows the
Ya exits; steps reached only through a Tidak exit are optional.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sopdoc.model.sop import Sop
    from sopdoc.model.waktu import Waktu

__all__ = ["Step", "Flow", "sop_to_flow"]


@lru_cache(maxsize=4096)
def normalise_role(text: str) -> str:
    """A role compared case- and space-insensitively."""
    return " ".join(text.replace("/", " / ").split()).casefold()


@dataclass(frozen=True)
class Step:
    """One numbered step of a pinned SOP."""

    no: int
    uraian: str
    pelaksana: tuple[str, ...]
    keputusan: bool = False
    ya: int | None = None
    tidak: int | None = None
    kelengkapan: tuple[str, ...] = ()
    waktu: str | None = None
    output: str | None = None

    @property
    def waktu_value(self) -> Waktu | None:
        """The parsed waktu, or None when the step has none."""
        from sopdoc.model.waktu import parse_waktu  # lazily: `log add` never needs it

        return None if self.waktu is None else parse_waktu(self.waktu)

    def role_matches(self, peran: str) -> bool:
        """True when ``peran`` is one of the step's actors, or one alternative of "A/ B"."""
        want = normalise_role(peran)
        for actor in self.pelaksana:
            if want == normalise_role(actor):
                return True
            if want in {normalise_role(part) for part in actor.split("/") if part.strip()}:
                return True
        return False


@dataclass(frozen=True)
class Flow:
    """The steps of an SOP in order, with its edges."""

    steps: tuple[Step, ...]

    def __post_init__(self) -> None:
        numbers = [s.no for s in self.steps]
        object.__setattr__(self, "_by_no", {s.no: s for s in self.steps})
        object.__setattr__(self, "_next", dict(zip(numbers, numbers[1:])))
        object.__setattr__(self, "_succ", {})

    def step(self, no: int) -> Step | None:
        """The step numbered ``no``."""
        return self._by_no.get(no)  # type: ignore[attr-defined, no-any-return]

    def next_of(self, no: int) -> int | None:
        """The step after ``no`` in number order."""
        return self._next.get(no)  # type: ignore[attr-defined, no-any-return]

    def successors(self, no: int) -> set[int]:
        """Steps that may follow ``no``."""
        cache: dict[int, set[int]] = self._succ  # type: ignore[attr-defined]
        if no not in cache:
            cache[no] = self._successors(no)
        return cache[no]

    def _successors(self, no: int) -> set[int]:
        step = self.step(no)
        if step is None:
            return set()
        nxt = self.next_of(no)
        if step.keputusan:
            out = {step.ya if step.ya is not None else nxt, step.tidak if step.tidak is not None else nxt}
            return {n for n in out if n is not None}
        return {nxt} if nxt is not None else set()

    def branch_target(self, no: int, keputusan: str) -> int | None:
        """Where a decision's Ya/Tidak exit leads."""
        step = self.step(no)
        if step is None:
            return None
        target = step.ya if keputusan == "ya" else step.tidak
        return target if target is not None else self.next_of(no)

    def main_path(self) -> tuple[int, ...]:
        """Step numbers from the first step following the Ya exits, without revisits."""
        if not self.steps:
            return ()
        path: list[int] = []
        current: int | None = self.steps[0].no
        while current is not None and current not in path:
            path.append(current)
            step = self.step(current)
            current = self.branch_target(current, "ya") if step and step.keputusan else self.next_of(current)
        return tuple(path)

    def to_json(self) -> str:
        """Canonical JSON of the table."""
        return json.dumps([asdict(s) for s in self.steps], ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Flow:
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


def sop_to_flow(sop: Sop) -> Flow:
    """The numbered steps of ``sop`` (unnumbered rows are left out)."""
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
        ))
    return Flow(tuple(sorted(steps, key=lambda s: s.no)))
