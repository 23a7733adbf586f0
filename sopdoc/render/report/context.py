"""The content of the period report as plain data: one context for the DOCX template and the PDF.

Both painters draw exactly this, so the two documents say the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sopdoc.execution.cmp_rules import RULES
from sopdoc.execution.compliance import CaseResult, Compliance, Totals
from sopdoc.execution.pinned import StepTable
from sopdoc.execution.plan import plan_from_json
from sopdoc.execution.store import Instance
from sopdoc.execution.verify import Verification
from sopdoc.model.tanggal import format_tanggal
from sopdoc.model.waktu import format_minutes

__all__ = ["IMPLICIT_CASE", "REPORT_VARIABLES", "TABLE_ROWS", "case_dict", "cases_context", "figures_dict",
           "monitoring_notes", "report_context", "shown_rows", "signing_date", "verification_context"]

REPORT_VARIABLES = frozenset({
    "instansi", "unit", "sop_nama", "sop_nomor", "periode", "periode_kode", "instans", "sop_hash", "tenggat",
    "selesai", "penilaian", "tepat_waktu", "tepat_waktu_n", "waktu_aktual", "waktu_baku", "jumlah_entri",
    "jumlah_langkah", "galat", "peringatan", "info", "log", "per_langkah", "per_pelaku", "penyimpangan",
    "rencana", "monitoring", "ttd_tanggal", "ttd_jabatan", "ttd_nama", "ttd_nip", "grafik",
    "log_valid", "status_laporan", "verifikasi", "kepala_rantai", "keadaan",
    "kasus", "jumlah_kasus", "kasus_ringkasan", "waktu_penyelesaian", "ttd_tempat", "grafik_sebaran",
})
"""Every variable a report template may read: the keys of :func:`report_context` plus ``grafik`` and
``grafik_sebaran`` (markers the painter replaces by the plan/actual chart and the lead-time box plot)."""

T = TypeVar("T")
LOG_ROW = ("seq", "kasus", "keputusan", "langkah", "uraian", "oleh", "peran", "mulai", "selesai", "durasi", "baku",
           "output", "putusan", "kode")
CASE_ROW = ("kasus", "n", "mulai", "selesai", "durasi", "baku", "keadaan")
DEVIATION_ROW = ("kode", "nama", "tingkat", "entri", "pesan", "saran")

IMPLICIT_CASE = "tunggal"
"""How the report names the one implicit case of a single-run log."""



TABLE_ROWS = 200
"""The most rows a table of the report lists (the log, the cases, the deviations). A period of thousands
of cases would print thousands of pages; beyond this many rows a table lists the rows that need
attention (entries with a deviation; cases open, overdue or beyond the standard time), at most this
many, and its last row says how many were left out and which command gives them all."""


def shown_rows(items: Sequence[T], attention: Callable[[T], bool], limit: int | None = None) -> tuple[list[T], int]:
    """The items a table of the report lists and how many it leaves out: all of them up to ``limit``
    (default :data:`TABLE_ROWS`); beyond, those needing ``attention``, in order, at most ``limit``."""
    limit = TABLE_ROWS if limit is None else limit
    if len(items) <= limit:
        return list(items), 0
    chosen = [x for x in items if attention(x)][:limit]
    return chosen, len(items) - len(chosen)


def _left_out(keys: Sequence[str], text_key: str, text: str) -> dict[str, Any]:
    """The last row of a shortened table: every cell empty but one, which says what was left out."""
    return {k: "" for k in keys} | {text_key: text}


def _stamp(iso: str) -> str:
    moment = dt.datetime.fromisoformat(iso)
    return f"{moment:%d/%m/%Y %H:%M}"


def _share(t: Totals) -> str:
    return "-" if t.on_time_share is None else f"{t.on_time_share * 100:.0f} %"


def figures_dict(result: Compliance) -> dict[str, Any]:
    """The figures as JSON-ready data (``period check --format json``)."""
    def tot(t: Totals) -> dict[str, Any]:
        return {"entries": t.entries, "on_time": t.on_time, "measured": t.measured,
                "on_time_share": t.on_time_share, "working_minutes": t.actual, "standard_minutes": t.standard}

    return {"total": tot(result.total), "per_step": {str(k): tot(v) for k, v in result.per_step.items()},
            "per_actor": {k: tot(v) for k, v in result.per_actor.items()},
            "deadline": result.deadline.isoformat(),
            "finished": result.finished.isoformat() if result.finished else None,
            "assessment": result.assessment.id, "state": result.state.value,
            "as_of": result.as_of.isoformat() if result.as_of else None,
            "cases": [case_dict(c) for c in result.cases],
            "open_cases": len(result.open_cases), "overdue_cases": len(result.overdue_cases)}


def case_dict(case: CaseResult) -> dict[str, Any]:
    """One case's state and end-to-end lead time as JSON-ready data."""
    return {"kasus": case.kasus, "entries": case.entries,
            "start": case.start.isoformat() if case.start else None,
            "finished": case.finished.isoformat() if case.finished else None, "state": case.state.value,
            "working_minutes": case.actual, "standard_minutes": case.standard, "late": case.late,
            "overdue": case.overdue}


def _action(code: str) -> str:
    """The corrective action for a deviation: its rule's Indonesian hint as a sentence."""
    hint = RULES[code].hint
    assert hint is not None  # every execution rule has a hint (tests/execution/test_cmp_rules.py)
    return hint.id[0].upper() + hint.id[1:] + "."


def _keadaan(result: Compliance) -> str:
    """The state as of the check's moment in words: "terlambat per 30 November 2026"."""
    when = f" per {format_tanggal(result.as_of.date())}" if result.as_of else ""
    return f"{result.state.teks.id}{when}"


def monitoring_notes(result: Compliance) -> tuple[str, str]:
    """Notes and corrective actions for the monitoring form, derived from the deviations."""
    groups: OrderedDict[str, list[str]] = OrderedDict()
    for d in sorted(result.diagnostics, key=lambda d: d.code):
        if d.severity.rank >= 1:
            groups.setdefault(d.code, [])
            step = d.path[1] if len(d.path) > 1 else None
            if d.origin and d.origin.row:
                groups[d.code].append(f"#{d.origin.row}")
            elif isinstance(step, int):
                groups[d.code].append(f"kegiatan {step + 1}")
            else:  # about the whole period (CMP306)
                groups[d.code].append("periode")
    if not groups and result.good:
        return ("Seluruh langkah dilaksanakan sesuai mutu baku dan tepat waktu.",
                "Pertahankan pelaksanaan sesuai SOP.")
    if not groups:  # still running (or not started) with no deviation so far
        return (f"Periode {_keadaan(result)}; siklus belum selesai, belum ditemukan penyimpangan.",
                "Lanjutkan dan catat langkah berikutnya sesuai jadwal rencana sebelum tenggat.")
    notes = [f"{code} {RULES[code].slug.replace('-', ' ')}: {len(where)} kali ({', '.join(where[:6])})"
             for code, where in groups.items()]
    actions = [_action(code) for code in groups]
    return "; ".join(notes) + ".", " ".join(actions)


TIDAK_VALID = "TIDAK VALID"


def verification_context(inst: Instance, verification: Verification | None) -> dict[str, Any]:
    """The log's verification on the report: ``log_valid``, ``status_laporan`` (TIDAK VALID or empty),
    ``verifikasi`` (the result in words) and ``kepala_rantai`` (the receipt: entry count and head hash)."""
    if verification is None:
        return {"log_valid": None, "status_laporan": "", "verifikasi": "tidak diverifikasi", "kepala_rantai": "-"}
    head = verification.heads.get(inst.name)
    receipt = f"{head.entries} entri, {head.hash}" if head else "-"
    if verification.ok:
        return {"log_valid": True, "status_laporan": "",
                "verifikasi": "Rantai log utuh, checkpoint berkunci cocok", "kepala_rantai": receipt}
    return {"log_valid": False, "status_laporan": TIDAK_VALID,
            "verifikasi": f"{TIDAK_VALID}: " + "; ".join(verification.problems("id")), "kepala_rantai": receipt}


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def signing_date(result: Compliance, deadline: dt.date, tanggal_ttd: str = "per") -> dt.date:
    """The date under the signature: the report's as-of day (``per``, the default; today without a
    moment), the deadline (``tenggat``), the cycle's end (``selesai``, else the deadline), or a fixed
    ISO date, as the profile's ``tanggal_ttd`` says."""
    if tanggal_ttd == "tenggat":
        return deadline
    if tanggal_ttd == "selesai":
        return result.finished.date() if result.finished else deadline
    if tanggal_ttd != "per":
        return dt.date.fromisoformat(tanggal_ttd)
    return result.as_of.date() if result.as_of else dt.date.today()


def _case_state(case: CaseResult) -> str:
    if case.finished is not None:
        return "selesai, melampaui waktu baku" if case.late else "selesai"
    return "terlambat" if case.overdue else ("berjalan" if case.entries else "belum dimulai")


def cases_context(result: Compliance) -> dict[str, Any]:
    """The cases on the report: one row each (the cases needing attention when there are more than
    :data:`TABLE_ROWS`), a count, a one-line summary and the end-to-end lead times."""
    cases, left = shown_rows(result.cases, lambda c: c.finished is None or c.late)
    rows = [{"kasus": c.kasus or IMPLICIT_CASE, "n": c.entries,
             "mulai": f"{c.start:%d/%m/%Y %H:%M}" if c.start else "-",
             "selesai": f"{c.finished:%d/%m/%Y %H:%M}" if c.finished else "-",
             "durasi": format_minutes(c.actual), "baku": format_minutes(c.standard), "keadaan": _case_state(c)}
            for c in cases]
    if left:
        rows.append(_left_out(CASE_ROW, "keadaan", (
            f"{left} kasus lain tidak ditampilkan (tabel memuat {len(cases)} kasus yang terbuka, terlambat atau "
            f"melampaui waktu baku); daftar lengkap: sopdoc period check {result.instance} --format json")))
    done = [c for c in result.cases if c.finished is not None]
    late = sum(1 for c in done if c.late)
    summary = (f"{len(result.cases)} kasus: {len(done)} selesai ({late} melampaui waktu baku SOP), "
               f"{len(result.open_cases)} terbuka, {len(result.overdue_cases)} terlambat")
    actual = [c.actual for c in done if c.actual is not None]
    standard = next((c.standard for c in result.cases if c.standard is not None), None)
    lead = "-" if not actual else (f"median {format_minutes(_median(actual))}, terlama {format_minutes(max(actual))}"
                                   f" / waktu baku SOP {format_minutes(standard)}")
    return {"kasus": rows, "jumlah_kasus": len(result.cases), "kasus_ringkasan": summary, "waktu_penyelesaian": lead}


def report_context(inst: Instance, result: Compliance, verification: Verification | None = None, *,
                   tempat_ttd: str = "", tanggal_ttd: str = "per") -> dict[str, Any]:
    """Every text of the report, keyed for the template (the charts are added by the painter); the
    signing place and date as the profile's ``tempat_ttd`` and ``tanggal_ttd`` say."""
    meta = inst.meta_dict()
    flow = StepTable.from_json(inst.flow)
    plan = plan_from_json(inst.plan)
    t = result.total
    notes, actions = monitoring_notes(result)
    finished = result.finished
    signed = signing_date(result, dt.date.fromisoformat(inst.deadline), tanggal_ttd)
    minutes: dict[int, list[float]] = {}
    for v in result.verdicts:
        minutes.setdefault(v.entry.langkah, []).append(v.actual)
    counts = {s: sum(1 for d in result.diagnostics if d.severity.value == s) for s in ("error", "warning", "info")}
    verdicts, left = shown_rows(result.verdicts, lambda v: not v.ok)
    rows = [{"seq": v.entry.seq, "kasus": v.entry.kasus or "-", "keputusan": v.entry.keputusan or "-",
             "langkah": v.entry.langkah, "uraian": v.uraian, "oleh": v.entry.oleh,
             "peran": v.entry.peran, "mulai": _stamp(v.entry.mulai), "selesai": _stamp(v.entry.selesai),
             "durasi": format_minutes(v.actual), "baku": format_minutes(v.standard),
             "output": v.entry.output or "-", "putusan": v.label("id"),
             "kode": ", ".join(c for c in v.codes if RULES[c].severity.rank >= 1)} for v in verdicts]
    if left:
        rows.append(_left_out(LOG_ROW, "uraian", (
            f"{left} entri lain tidak ditampilkan (tabel memuat {len(verdicts)} entri dengan penyimpangan dari "
            f"{len(result.verdicts)}); log lengkap: sopdoc log export {inst.name}")))
    findings, left = shown_rows(result.diagnostics, lambda d: True)
    deviations = [{"kode": d.code, "nama": d.name, "tingkat": d.severity.label("id"),
                   "entri": f"#{d.origin.row}" if d.origin and d.origin.row else "-",
                   "pesan": d.message.id, "saran": d.hint.id if d.hint else ""} for d in findings]
    if left:
        deviations.append(_left_out(DEVIATION_ROW, "pesan", (
            f"{left} temuan lain tidak ditampilkan (jumlah per kode: formulir monitoring); daftar lengkap: "
            f"sopdoc period check {inst.name}")))
    ctx = {
        "instansi": meta.get("instansi", []), "unit": meta.get("unit", ""),
        "sop_nama": meta.get("nama", ""), "sop_nomor": meta.get("nomor", "") or "-",
        "periode": meta.get("periode_nama", inst.period), "periode_kode": inst.period, "instans": inst.name,
        "sop_hash": inst.sop_hash[:16], "tenggat": format_tanggal(dt.date.fromisoformat(inst.deadline)),
        "selesai": format_tanggal(finished.date()) if finished else "belum selesai",
        "penilaian": result.assessment.id, "keadaan": _keadaan(result),
        "tepat_waktu": _share(t), "tepat_waktu_n": f"{t.on_time} dari {t.measured}",
        "waktu_aktual": format_minutes(t.actual), "waktu_baku": format_minutes(t.standard),
        "jumlah_entri": t.entries, "jumlah_langkah": len(flow.steps),
        "galat": counts["error"], "peringatan": counts["warning"], "info": counts["info"],
        "log": rows,
        "per_langkah": [{"langkah": k, "uraian": (step.uraian if (step := flow.step(k)) else ""), "n": v.entries,
                         "aktual": format_minutes(v.actual), "baku": format_minutes(v.standard),
                         "median": format_minutes(_median(minutes[k])) if minutes.get(k) else "-",
                         "maks": format_minutes(max(minutes[k])) if minutes.get(k) else "-",
                         "tepat": _share(v)} for k, v in result.per_step.items()],
        "per_pelaku": [{"oleh": k, "n": v.entries, "aktual": format_minutes(v.actual), "tepat": _share(v)}
                       for k, v in result.per_actor.items()],
        "penyimpangan": deviations,
        "rencana": [{"langkah": p.langkah, "mulai": _stamp(p.mulai), "selesai": _stamp(p.selesai)} for p in plan],
        "monitoring": [{"no": 1, "prosedur": meta.get("nama", ""), "penilaian": result.assessment.id,
                        "catatan": notes, "tindakan": actions, "paraf": ""}],
        "ttd_tanggal": format_tanggal(signed), "ttd_tempat": tempat_ttd or "....................",
        "ttd_jabatan": meta.get("jabatan", "") or "",
        "ttd_nama": meta.get("penandatangan", "") or "", "ttd_nip": meta.get("nip", "") or "",
    } | verification_context(inst, verification) | cases_context(result)
    assert set(ctx) | {"grafik", "grafik_sebaran"} == REPORT_VARIABLES
    return ctx
