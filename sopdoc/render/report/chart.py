"""The planned-versus-actual chart of a period report (matplotlib, Agg backend, imported lazily)."""

from __future__ import annotations

import datetime as dt
import io

from sopdoc.execution.compliance import Compliance
from sopdoc.execution.plan import PlannedStep

__all__ = ["plan_actual_png"]


def plan_actual_png(plan: tuple[PlannedStep, ...], result: Compliance, *, width_in: float = 10.0) -> bytes:
    """A PNG: one row per step, the planned span (light) above the recorded spans (dark, red if late)."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure

    steps = sorted({p.langkah for p in plan} | {v.entry.langkah for v in result.verdicts})
    row = {s: i for i, s in enumerate(steps)}
    fig = Figure(figsize=(width_in, max(2.5, 0.32 * len(steps) + 1.2)), dpi=150)
    ax = fig.add_subplot(1, 1, 1)

    def span(a: str, b: str) -> tuple[float, float]:
        start = mdates.date2num(dt.datetime.fromisoformat(a).replace(tzinfo=None))
        end = mdates.date2num(dt.datetime.fromisoformat(b).replace(tzinfo=None))
        return start, max(end - start, 1 / 96)

    for p in plan:
        x, w = span(p.mulai, p.selesai)
        ax.barh(row[p.langkah] - 0.18, w, left=x, height=0.34, color="#9ecae1", edgecolor="#3182bd", linewidth=0.5)
    for v in result.verdicts:
        x, w = span(v.entry.mulai, v.entry.selesai)
        late = "CMP101" in v.codes
        ax.barh(row[v.entry.langkah] + 0.18, w, left=x, height=0.34, color="#de2d26" if late else "#31a354",
                edgecolor="black", linewidth=0.4)
    ax.set_yticks(range(len(steps)), [f"Langkah {s}" for s in steps], fontsize=7)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d/%m"))
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(axis="x", linewidth=0.3)
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color="#9ecae1", label="Rencana"), Patch(color="#31a354", label="Realisasi"),
                       Patch(color="#de2d26", label="Realisasi melampaui mutu baku")], fontsize=7, loc="lower right")
    ax.set_title("Rencana dan realisasi per langkah", fontsize=9)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()
