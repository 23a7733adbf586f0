"""What a rule sees besides the SOP: the check settings and facts computed once per SOP."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from sopdoc.model.flow import Flow, flow_of
from sopdoc.model.sop import Kegiatan, Simbol, Sop
from sopdoc.model.waktu import Waktu
from sopdoc.validate.flow_faults import FlowFault, flow_faults
from sopdoc.validate.repeals import Repeal

__all__ = ["CheckOptions", "RuleContext", "is_end_row"]


@dataclass(frozen=True)
class CheckOptions:
    """The figures rules depend on (from ``[check]``/``[kalender]``; defaults per Perpres 21/2023)."""

    menit_per_hari_kerja: int = 450
    hari_is_hari_kerja: bool = True
    max_pelaksana: int = 8
    hari_kerja_per_bulan: int = 21
    tenggat_hari_kerja: int = 10
    dicabut: tuple[Repeal, ...] = ()  # [[check.dicabut]]: the agency's repealed regulations


def is_end_row(step: Kegiatan) -> bool:
    """An unnumbered terminator row without text (a trailing "SELESAI" row, seed 002)."""
    return step.no is None and step.simbol is Simbol.TERMINATOR and not step.uraian.strip()


@dataclass
class RuleContext:
    """Per-SOP cache shared by the rules of one run."""

    sop: Sop
    options: CheckOptions = field(default_factory=CheckOptions)

    def minutes(self, waktu: Waktu | None) -> Decimal | None:
        """Working minutes of ``waktu`` (upper value) on the configured calendar, or None."""
        if waktu is None:
            return None
        o = self.options
        return waktu.to_minutes(menit_per_hari_kerja=o.menit_per_hari_kerja,
                                hari_kerja_per_bulan=o.hari_kerja_per_bulan,
                                hari_is_hari_kerja=o.hari_is_hari_kerja)

    @cached_property
    def flow(self) -> Flow:
        """The flow of ``sop.kegiatan`` (rows by index; see :mod:`sopdoc.model.flow`)."""
        return flow_of(self.sop.kegiatan)

    @cached_property
    def flow_faults(self) -> tuple[FlowFault, ...]:
        """The flow's faults by root cause (:mod:`sopdoc.validate.flow_faults`), found once for
        the rules that report them."""
        return tuple(flow_faults(self.flow))

    @cached_property
    def reach(self) -> dict[int, frozenset[int]]:
        """Indexes reachable from each index (itself included)."""
        flow = self.flow
        return {i: flow.reachable(i) for i in range(len(flow))}

    @cached_property
    def data_reach(self) -> dict[int, frozenset[int]]:
        """Rows whose Kelengkapan may take each row's Output (itself included), for the
        output→kelengkapan chain (SOP406/SOP407).

        The flow's reach; when the flow is broken (a mid-flow terminator, a cycle without exit, an
        unreachable part — each reported once by SOP309/SOP312) every later row counts as well, so
        that one broken link is not reported again as a broken data chain on every row it cuts.
        """
        reach = self.reach
        if not flow_faults(self.flow):
            return reach
        n = len(self.flow)
        return {i: reach[i] | frozenset(range(i, n)) for i in range(n)}
