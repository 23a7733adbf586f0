"""The period report: the docxtpl template filled in a sandbox, and a PDF of the same content."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sopdoc.errors import UsageError
from sopdoc.model.diagnostic import Teks
from sopdoc.resources import template_path
from sopdoc.execution.compliance import Compliance
from sopdoc.atomic import write_atomic as atomic_write
from sopdoc.execution.plan import plan_from_json
from sopdoc.render.report.context import report_context
from sopdoc.execution.store import Instance
from sopdoc.execution.verify import Verification

__all__ = ["render_report", "report_to_docx"]


def report_to_docx(context: dict[str, Any], chart_png: bytes, template: str | Path | None = None) -> bytes:
    """The DOCX bytes: the template rendered with autoescape in a sandboxed Jinja environment."""
    import jinja2
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2.sandbox import SandboxedEnvironment

    path = Path(template) if template else template_path("laporan-periode.docx")
    if not path.is_file():
        raise UsageError(Teks(f"templat tidak ada: {path}", f"template not found: {path}"))
    try:
        tpl = DocxTemplate(str(path))
        ctx = dict(context, grafik=InlineImage(tpl, io.BytesIO(chart_png), width=Mm(240)))
        tpl.render(ctx, jinja_env=SandboxedEnvironment(autoescape=True))
    except (jinja2.TemplateError, KeyError, ValueError) as exc:
        raise UsageError(Teks(f"templat {path.name} tidak dapat diisi: {exc}",
                              f"template {path.name} cannot be filled: {exc}")) from None
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def render_report(inst: Instance, result: Compliance, out_dir: Path, kinds: Sequence[str],
                  template: str | Path | None = None, verification: Verification | None = None) -> list[Path]:
    """Write ``laporan-<instance>.docx``/``.pdf`` into ``out_dir``; returns the paths written."""
    from sopdoc.render.report.chart import plan_actual_png

    context = report_context(inst, result, verification)
    chart = plan_actual_png(plan_from_json(inst.plan), result)
    written = []
    for kind in kinds:
        target = out_dir / f"laporan-{inst.name}.{kind}"
        if kind == "docx":
            data = report_to_docx(context, chart, template)
        else:
            from sopdoc.render.report.pdf import report_to_pdf

            data = report_to_pdf(context, chart)
        atomic_write(target, data)
        written.append(target)
    return written
