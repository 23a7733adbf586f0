"""Inspectors: a read-only dashboard (SOPs by status, findings by rule, unit and severity, periods by
verdict) and its export to CSV, XLSX and SARIF."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.compliance import check_instance
from sopdoc.execution.due import due_steps
from sopdoc.execution.log_files import escape_cell
from sopdoc.execution.recording import instance_calendar
from sopdoc.model.diagnostic import Severity
from sopdoc.web.akun.converters import small_int
from sopdoc.web.akun.models import Peran, Unit
from sopdoc.web.akun.roles import roles
from sopdoc.web.akun.templatetags.teks import lang
from sopdoc.web.inspeksi.export import SARIF_TYPE, XLSX_TYPE, sarif_bytes, xlsx_bytes
from sopdoc.web.periode.store import engine_settings, now_in, store, store_exists
from sopdoc.web.sop.models import STATUS_LABELS, Sop, Versi
from sopdoc.web.sop.review import reviews

REVIEW_NOTICE_DAYS = 60  # an SOP is listed for review this many days before its review is due


def _figures(unit: str) -> dict[str, Any]:
    chosen = Sop.objects.select_related("unit")
    if small_int(unit) is not None:
        chosen = chosen.filter(unit_id=small_int(unit))
    sops = list(chosen)
    by_status = Counter(s.status for s in sops)
    latest: dict[int, Versi] = {}
    for v in Versi.objects.filter(sop__in=chosen).only("sop_id", "nomor", "temuan").order_by("sop_id", "nomor"):
        latest[v.sop_id] = v
    units = {s.pk: s.unit.nama for s in sops}
    findings = []
    for sop_id, v in latest.items():
        for f in v.temuan:
            findings.append({"sop": sop_id, "unit": units.get(sop_id, ""), **f})
    periods = _periods()
    today = timezone.localdate()
    soon = today + dt.timedelta(days=REVIEW_NOTICE_DAYS)
    states = reviews(sops, today)
    review = sorted((s for s in sops if (d := states[s.pk].jatuh_tempo) is not None and d <= soon),
                    key=lambda s: (states[s.pk].jatuh_tempo, s.judul))
    return {
        # (SOP, its review state, overdue, status label)
        "review_due": [(s, states[s.pk], states[s.pk].jatuh_tempo < today,
                        STATUS_LABELS[s.status].get(lang())) for s in review],
        "perlu_ditinjau": sum(r.perlu_ditinjau for r in states.values()),
        "by_status": [(k, STATUS_LABELS[k].get(lang()), by_status.get(k, 0)) for k in STATUS_LABELS],
        "by_rule": Counter(f["code"] for f in findings).most_common(),
        "by_unit": Counter(f["unit"] for f in findings).most_common(),
        # (code, label in the user's language, count): the CSS class keeps the code
        "by_severity": [(k, Severity(k).label(lang()), n)
                        for k, n in Counter(f["severity"] for f in findings).most_common()],
        "findings": findings, "periods": periods,
        "by_verdict": Counter(p["verdict"] for p in periods).most_common(),
    }


def _periods() -> list[dict[str, Any]]:
    """Every instance of the store with its assessment and overdue steps as of now."""
    if not store_exists():
        return []
    conf = engine_settings()
    out = []
    with store() as s:
        for inst in s.instances():
            entries = s.entries(inst.name)
            as_of = now_in(inst.zona_waktu)
            try:
                result = check_instance(inst, entries, WorkingCalendar(instance_calendar(inst, conf.kalender)),
                                        conf.period, as_of)
                verdict = result.assessment.get(lang())
            except (ValueError, KeyError, TypeError):
                verdict = "?"
            closed = bool(s.lifecycle(inst.name))
            overdue = 0 if closed else sum(d.terlambat for d in due_steps(inst, entries, as_of))
            out.append({"name": inst.name, "period": inst.period, "deadline": inst.deadline, "verdict": verdict,
                        "overdue": overdue, "closed": closed})
    return out


@roles(Peran.INSPEKTUR, Peran.ADMIN)
def dasbor(request: HttpRequest) -> HttpResponse:
    unit = request.GET.get("unit", "")
    figures = _figures(unit)
    aturan = request.GET.get("aturan", "")[:10]
    chosen = [f for f in figures["findings"] if f.get("code") == aturan]
    return render(request, "inspeksi/dasbor.html", {**figures, "unit": unit, "units": Unit.objects.all(),
                                                    "aturan": aturan, "chosen": chosen})


_COLUMNS = {
    "temuan": ["sop", "unit", "code", "severity", "path", "message"],
    "periode": ["instance", "period", "deadline", "verdict", "overdue", "closed"],
}


def _rows(what: str, figures: dict[str, Any]) -> list[list[Any]]:
    if what == "temuan":
        return [[f["sop"], f["unit"], f.get("code", ""), f.get("severity", ""), f.get("path", ""),
                 f.get("en" if lang() == "en" else "id", "")] for f in figures["findings"]]
    return [[p[k] for k in ("name", "period", "deadline", "verdict", "overdue", "closed")] for p in figures["periods"]]


@roles(Peran.INSPEKTUR, Peran.ADMIN)
def ekspor(request: HttpRequest, what: str, fmt: str = "csv") -> HttpResponse:
    """The findings or the periods as CSV or XLSX (cells neutralised against spreadsheet formulas),
    or the findings as SARIF."""
    if what not in _COLUMNS or fmt not in ("csv", "xlsx", "sarif") or (fmt == "sarif" and what != "temuan"):
        raise Http404
    figures = _figures(request.GET.get("unit", ""))
    if fmt == "sarif":
        body = sarif_bytes(figures["findings"], lang(),
                           lambda pk: request.build_absolute_uri(reverse("sop:lihat", args=[pk])))
        response = HttpResponse(body, content_type=SARIF_TYPE)
    elif fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(what, _COLUMNS[what], _rows(what, figures)), content_type=XLSX_TYPE)
    else:
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(_COLUMNS[what])
        for row in _rows(what, figures):
            w.writerow([escape_cell(str(v)) for v in row])
        response = HttpResponse(buf.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sopdoc-{what}.{fmt}"'
    return response
