"""Standard-time figures of an SOP (``sopdoc info``): main path total, per actor, longest step."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sopdoc.model.sop import Simbol, Sop
from sopdoc.validate.context import CheckOptions, RuleContext, is_end_row

__all__ = ["TimeFigures", "sop_to_figures"]


@dataclass(frozen=True)
class TimeFigures:
    """Working minutes along the main path (decisions taken "ya"), on one calendar."""

    menit_per_hari_kerja: int
    total_menit: Decimal
    per_pelaksana: tuple[tuple[str, Decimal], ...]
    terlama: tuple[int, str, Decimal] | None  # (step number, waktu text, minutes)
    tidak_terhitung: tuple[int, ...]  # steps on the path whose waktu has no working-time value
    jalur: tuple[int, ...]  # step numbers along the main path (sopdoc.model.flow, rule 6)
    jumlah_kegiatan: int
    jumlah_pelaksana: int
    jumlah_keputusan: int

    def days(self, minutes: Decimal) -> Decimal:
        """``minutes`` in working days."""
        return minutes / self.menit_per_hari_kerja

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready mapping (minutes as numbers, days and hours rounded to 2 places)."""
        def fig(m: Decimal) -> dict[str, float]:
            return {"menit": float(m), "jam": round(float(m / 60), 2), "hari_kerja": round(float(self.days(m)), 2)}

        return {
            "menit_per_hari_kerja": self.menit_per_hari_kerja,
            "total": fig(self.total_menit),
            "per_pelaksana": {name: fig(m) for name, m in self.per_pelaksana},
            "terlama": None if self.terlama is None else {"no": self.terlama[0], "waktu": self.terlama[1],
                                                          **fig(self.terlama[2])},
            "tidak_terhitung": list(self.tidak_terhitung),
            "jalur_utama": list(self.jalur),
            "jumlah_kegiatan": self.jumlah_kegiatan,
            "jumlah_pelaksana": self.jumlah_pelaksana,
            "jumlah_keputusan": self.jumlah_keputusan,
        }


def sop_to_figures(sop: Sop, options: CheckOptions | None = None) -> TimeFigures:
    """Compute the time figures of ``sop`` (a joint step counts fully for each of its actors)."""
    ctx = RuleContext(sop, options or CheckOptions())
    path = ctx.flow.main_path_rows()
    total = Decimal(0)
    per: dict[str, Decimal] = {name: Decimal(0) for name in sop.pelaksana}
    longest: tuple[int, str, Decimal] | None = None
    unknown: list[int] = []
    for i in path:
        step = sop.kegiatan[i]
        if step.no is None:  # not a step (the flow's rule 3)
            continue
        minutes = ctx.minutes(step.mutu_baku.waktu)
        if minutes is None:
            unknown.append(step.no)
            continue
        total += minutes
        for actor in step.pelaksana:
            per[actor] = per.get(actor, Decimal(0)) + minutes
        if longest is None or minutes > longest[2]:
            longest = (step.no, step.mutu_baku.waktu.teks if step.mutu_baku.waktu else "", minutes)
    return TimeFigures(
        menit_per_hari_kerja=ctx.options.menit_per_hari_kerja,
        total_menit=total,
        per_pelaksana=tuple(per.items()),
        terlama=longest,
        tidak_terhitung=tuple(unknown),
        jalur=ctx.flow.main_path(),
        jumlah_kegiatan=sum(1 for k in sop.kegiatan if not is_end_row(k)),
        jumlah_pelaksana=len(sop.pelaksana),
        jumlah_keputusan=sum(1 for k in sop.kegiatan if k.simbol is Simbol.KEPUTUSAN),
    )
