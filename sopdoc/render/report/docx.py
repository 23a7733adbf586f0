"""The period report: the docxtpl template filled in the template sandbox, and a PDF of the same content."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sopdoc.atomic import OutputSet
from sopdoc.errors import UsageError
from sopdoc.execution.compliance import Compliance
from sopdoc.execution.pinned import StepTable
from sopdoc.execution.plan import plan_from_json
from sopdoc.execution.store import Instance
from sopdoc.execution.verify import Verification
from sopdoc.model.diagnostic import Teks
from sopdoc.render.docx_template import Picture, picture_marker, render_document
from sopdoc.render.report.chart import lead_time_boxplot_png, plan_actual_png
from sopdoc.render.report.context import REPORT_VARIABLES, report_context
from sopdoc.render.report.pdf import report_to_pdf
from sopdoc.resources import template_path

__all__ = ["render_report", "report_to_docx"]


CHART_WIDTH = 240.0
"""Width of the plan/actual chart in the report (millimetres)."""


def report_to_docx(context: dict[str, Any], chart_png: bytes, template: str | Path | None = None,
                   spread_png: bytes | None = None) -> bytes:
    """The DOCX bytes: the template rendered in the one template sandbox (plain data only), then
    the charts put where the template wrote ``{{ grafik }}`` (plan and actual) and ``{{ grafik_sebaran }}``
    (the lead-time box plot)."""
    from docx.shared import Mm

    path = Path(template) if template else template_path("laporan-periode.docx")
    if not path.is_file():
        raise UsageError(Teks(f"templat tidak ada: {path}", f"template not found: {path}"))
    marker, spread = picture_marker("grafik"), picture_marker("grafik_sebaran")
    pictures = {marker: Picture(chart_png, width=Mm(CHART_WIDTH))}
    if spread_png is not None:
        pictures[spread] = Picture(spread_png, width=Mm(CHART_WIDTH))
    doc = render_document(path, dict(context, grafik=marker, grafik_sebaran=spread if spread_png else ""),
                          REPORT_VARIABLES, pictures)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def render_report(inst: Instance, result: Compliance, out_dir: Path, kinds: Sequence[str],
                  template: str | Path | None = None, verification: Verification | None = None, *,
                  tempat_ttd: str = "", tanggal_ttd: str = "per") -> list[Path]:
    """Write ``laporan-<instance>.docx``/``.pdf`` into ``out_dir``; returns the paths written. The
    signing place and date follow the profile (``tempat_ttd``, ``tanggal_ttd``).

    All or nothing: every file is rendered and staged first, then all are renamed into place
    together, so a failure (template error, ENOSPC) leaves neither file of the pair."""
    context = report_context(inst, result, verification, tempat_ttd=tempat_ttd, tanggal_ttd=tanggal_ttd)
    chart = plan_actual_png(plan_from_json(inst.plan), result)
    spread = lead_time_boxplot_png(result, StepTable.from_json(inst.flow).uraian)
    with OutputSet() as out:
        for kind in kinds:
            target = out_dir / f"laporan-{inst.name}.{kind}"
            out.add(target, report_to_docx(context, chart, template, spread) if kind == "docx"
                    else report_to_pdf(context, chart, spread))
        return out.commit()
