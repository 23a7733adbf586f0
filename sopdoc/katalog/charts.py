"""The report's bar charts as PNG (matplotlib, Agg backend, imported lazily)."""

from __future__ import annotations

import io

from sopdoc.katalog.blocks import Chart

__all__ = ["chart_png"]


_DRAWN: dict[tuple[object, ...], bytes] = {}  # the PDF and the DOCX of one run show the same charts


def _key(chart: Chart, width_in: float) -> tuple[object, ...]:
    return (chart.title, tuple(chart.labels), tuple((n, tuple(v), c) for n, v, c in chart.series), width_in)


def chart_png(chart: Chart, *, width_in: float = 9.0) -> bytes:
    """A horizontal bar chart (stacked when it has several series)."""
    key = _key(chart, width_in)
    if key not in _DRAWN:
        if len(_DRAWN) > 16:
            _DRAWN.clear()
        _DRAWN[key] = _draw(chart, width_in)
    return _DRAWN[key]


def _draw(chart: Chart, width_in: float) -> bytes:
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure

    n = max(1, len(chart.labels))
    fig = Figure(figsize=(width_in, max(1.6, 0.28 * n + 0.9)), dpi=130)
    ax = fig.add_subplot(1, 1, 1)
    rows = list(range(n))
    left = [0] * n
    labels = [lab if len(lab) <= 60 else lab[:57] + "…" for lab in chart.labels]
    for name, values, colour in chart.series:
        ax.barh(rows, values, left=left, color=colour, label=name, height=0.6)
        left = [a + b for a, b in zip(left, values, strict=True)]
    for y, total in zip(rows, left, strict=True):
        ax.text(total, y, f" {total}", va="center", fontsize=7)
    ax.set_yticks(rows, labels, fontsize=7)
    ax.invert_yaxis()
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(axis="x", linewidth=0.3)
    ax.set_xlim(0, max([*left, 1]) * 1.12)
    if len(chart.series) > 1:
        ax.legend(fontsize=7, loc="lower right")
    ax.set_title(chart.title, fontsize=9)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()
