"""The planned-versus-actual chart of a period report (matplotlib, Agg backend, imported lazily)."""

from __future__ import annotations

import datetime as dt
import io

from sopdoc.execution.compliance import Compliance
from sopdoc.execution.plan import PlannedStep

__all__ = ["lead_time_boxplot_png", "merged_spans", "plan_actual_png"]


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

    origin = dt.datetime(2000, 1, 1)
    zero = float(mdates.date2num(origin))
    days: dict[str, float] = {}  # each timestamp converted once (date2num per entry took seconds)

    def num(iso: str) -> float:
        if iso not in days:
            days[iso] = zero + (dt.datetime.fromisoformat(iso).replace(tzinfo=None) - origin) / dt.timedelta(days=1)
        return days[iso]

    def span(a: str, b: str) -> tuple[float, float]:
        start, end = num(a), num(b)
        return start, max(end - start, 1 / 96)

    for p in plan:
        x, w = span(p.mulai, p.selesai)
        ax.barh(row[p.langkah] - 0.18, w, left=x, height=0.34, color="#9ecae1", edgecolor="#3182bd", linewidth=0.5)
    recorded: dict[tuple[int, bool], list[tuple[float, float]]] = {}
    for v in result.verdicts:
        recorded.setdefault((v.entry.langkah, "CMP101" in v.codes), []).append(span(v.entry.mulai, v.entry.selesai))
    for (langkah, late), spans in sorted(recorded.items(), key=lambda item: item[0][1]):  # late ones on top
        ax.broken_barh(merged_spans(spans), (row[langkah] + 0.01, 0.34), facecolors="#de2d26" if late else "#31a354",
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


def merged_spans(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """(start, width) spans joined where they overlap or touch, in order: the chart of a period with
    thousands of cases draws each step's recorded time as a few bars, not one bar per entry (a
    100,000-entry month took a minute), and the same picture."""
    out: list[list[float]] = []
    for start, width in sorted(spans):
        if out and start <= out[-1][0] + out[-1][1]:
            out[-1][1] = max(out[-1][1], start + width - out[-1][0])
        else:
            out.append([start, width])
    return [(a, b) for a, b in out]


def _short(text: str, limit: int = 40) -> str:
    """``text`` cut at a word boundary with an ellipsis when longer than ``limit``."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def lead_time_boxplot_png(result: Compliance, uraian: dict[int, str], *, width_in: float = 10.0) -> bytes:
    """A PNG: per step, the distribution of its recorded working times over all entries and cases (a
    box plot, in hours on a log scale) with the step's standard (mutu baku waktu) as a red mark, and
    the share on time at the right."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FuncFormatter

    minutes: dict[int, list[float]] = {}
    standard: dict[int, list[float]] = {}
    for v in result.verdicts:
        minutes.setdefault(v.entry.langkah, []).append(max(v.actual, 1.0))
        if v.standard is not None:
            standard.setdefault(v.entry.langkah, []).append(v.standard)
    steps = sorted(minutes)
    fig = Figure(figsize=(width_in, max(2.5, 0.36 * len(steps) + 1.3)), dpi=150)
    ax = fig.add_subplot(1, 1, 1)
    if steps:
        direction = ({"orientation": "horizontal"} if tuple(int(p) for p in matplotlib.__version__.split(".")[:2])
                     >= (3, 10) else {"vert": False})  # ``vert`` is deprecated from 3.11, ``orientation`` new in 3.10
        ax.boxplot([[m / 60 for m in minutes[s]] for s in steps], positions=range(len(steps)), **direction,
                   widths=0.55, patch_artist=True, boxprops={"facecolor": "#9ecae1", "linewidth": 0.6},
                   medianprops={"color": "black"}, flierprops={"markersize": 3}, whiskerprops={"linewidth": 0.6})
        for i, s in enumerate(steps):
            if standard.get(s):
                baku = max(standard[s]) / 60
                ax.plot([baku, baku], [i - 0.38, i + 0.38], color="#de2d26", linewidth=1.6)
            share = result.per_step[s].on_time_share if s in result.per_step else None
            label = "-" if share is None else f"{share:.0%}"
            ax.annotate(f"tepat {label} (n={len(minutes[s])})", xy=(1.0, i), xycoords=("axes fraction", "data"),
                        xytext=(4, 0), textcoords="offset points", va="center", fontsize=6.5)
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:g}"))
    names = [f"{s}. {_short(uraian.get(s, ''))}" for s in steps]
    ax.set_yticks(range(len(steps)), names, fontsize=6.5)
    ax.invert_yaxis()
    ax.set_xlabel("waktu kerja per entri (jam, skala log)", fontsize=7)
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(axis="x", linewidth=0.3)
    ax.legend(handles=[Line2D([], [], color="#de2d26", linewidth=1.6, label="Mutu baku (waktu)")], fontsize=7,
              loc="lower right")
    ax.set_title("Sebaran waktu kerja per langkah terhadap mutu baku (seluruh kasus)", fontsize=9)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()
