"""Clerks: open a period for an SOP, record steps (the store's entry API), late and overdue steps,
the period report. Inspectors read the same pages."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sopdoc.errors import SopdocError
from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.compliance import check_instance
from sopdoc.execution.due import DueStep, due_steps
from sopdoc.execution.entries import current_entries
from sopdoc.execution.recording import ImportRejected, instance_calendar, record_rows
from sopdoc.execution.runs import PreparedPeriod, SopRejected, prepare_period, store_period
from sopdoc.execution.settings import ZONES
from sopdoc.execution.store import Instance
from sopdoc.model.diagnostic import Teks
from sopdoc.render.report.docx import render_report
from sopdoc.web.akun import audit
from sopdoc.web.akun.models import Peran
from sopdoc.web.akun.roles import may_read_all, roles
from sopdoc.web.akun.templatetags.teks import lang
from sopdoc.web.akun.views import msg
from sopdoc.web.periode.models import Instans
from sopdoc.web.periode.store import engine_settings, now_in, store, store_exists
from sopdoc.web.periode.units import HOW, Owner, owners
from sopdoc.web.sop.models import Sop, Status

CLERKS = (Peran.PELAKSANA, Peran.ADMIN)
READERS = (Peran.PELAKSANA, Peran.INSPEKTUR, Peran.ADMIN)
MAX_EVIDENCE = 10 * 1024 * 1024


def _placed(user: Any, instances: list[Instance]) -> dict[str, Owner]:
    """The instances ``user`` may see, with their units: all for inspectors and administrators, else
    their unit's (opened on the web or from the CLI: :func:`~sopdoc.web.periode.units.owners`)."""
    placed = owners(instances)
    if may_read_all(user):
        return placed
    return {name: o for name, o in placed.items() if user.unit_id is not None and o.unit_id == user.unit_id}


def _visible(user: Any, instances: list[Instance]) -> set[str]:
    """The names of the instances ``user`` may see."""
    return set(_placed(user, instances))


def _instance(request: HttpRequest, nama: str, write: bool = False) -> Instance:
    user: Any = request.user
    if write and user.peran not in CLERKS:
        raise PermissionDenied
    if not store_exists():
        raise Http404
    with store() as s:
        inst = s.instance(nama)
    if inst is None:
        raise Http404
    if not _visible(user, [inst]):
        raise PermissionDenied
    return inst


def _meta(inst: Instance) -> dict[str, Any]:
    """The instance's cover data; empty when the stored text is damaged (the page still lists it)."""
    try:
        return inst.meta_dict()
    except SopdocError:
        return {}


def _open_sops(user: Any) -> Any:
    sops = Sop.objects.filter(status__in=[Status.APPROVED, Status.EFFECTIVE]).select_related("unit")
    return sops if user.peran == Peran.ADMIN else sops.filter(unit_id=user.unit_id)


class BukaForm(forms.Form):
    sop = forms.IntegerField(min_value=1, max_value=999_999_999)
    periode = forms.RegexField(regex=r"^\d{4}(-(0[1-9]|1[0-2]|TW[1-4]|S[12]))?$", max_length=10)
    mulai = forms.RegexField(regex=r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$", required=False, max_length=16)
    paksa = forms.CharField(required=False, max_length=300)


@roles(*READERS)
def daftar(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    rows = []
    if store_exists():
        with store() as s:
            instances = s.instances()
            placed = _placed(user, instances)
            for inst in instances:
                if inst.name not in placed:
                    continue
                entries = s.entries(inst.name)
                closed = bool(s.lifecycle(inst.name))
                due = [] if closed else due_steps(inst, entries, now_in(inst.zona_waktu))
                owner = placed[inst.name]
                rows.append({"inst": inst, "nama_sop": _meta(inst).get("nama", ""), "unit": owner.unit,
                             "asal": HOW[owner.how], "asal_cli": owner.how != "web",
                             "entri": len(current_entries(entries)), "terlambat": sum(d.terlambat for d in due),
                             "jatuh_tempo": len(due), "ditutup": closed})
    return render(request, "periode/daftar.html", {
        "rows": rows, "sops": _open_sops(user) if user.peran in CLERKS else [], "form": BukaForm()})


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:60] or "sop"


@roles(*CLERKS)
@require_POST
def buka(request: HttpRequest) -> HttpResponse:
    """Open a period for an approved or effective SOP (its newest version is pinned)."""
    user: Any = request.user
    form = BukaForm(request.POST)
    if not form.is_valid():
        messages.error(request, msg(Teks("Isian periode tidak valid (mis. 2026-10, 2026-TW3, 2026-S1, 2026).",
                                         "Invalid period fields (e.g. 2026-10, 2026-TW3, 2026-S1, 2026).")))
        return redirect("periode:daftar")
    sop = _open_sops(user).filter(pk=form.cleaned_data["sop"]).first()
    if sop is None:
        raise PermissionDenied
    versi = sop.latest()
    assert versi is not None
    settings = engine_settings()
    start = None
    if form.cleaned_data["mulai"]:
        text = form.cleaned_data["mulai"]
        start = dt.datetime.fromisoformat(text if " " in text else f"{text} 07:30").replace(
            tzinfo=ZoneInfo(ZONES[settings.kalender.zona_waktu]))
    paksa = form.cleaned_data["paksa"].strip() or None
    try:
        with tempfile.TemporaryDirectory(prefix="sopdoc-open-") as tmp:
            path = Path(tmp) / f"{_slug(sop.judul)}-{sop.pk}.sop.yaml"
            path.write_text(versi.sumber, encoding="utf-8")
            prepared = prepare_period(path, form.cleaned_data["periode"], calendar=settings.kalender,
                                      period_settings=settings.period, start=start, user=user.username, paksa=paksa)
        inst = _open_in_store(prepared, sop, versi.nomor, user)
        with transaction.atomic():
            audit.record(user, "buka-periode", "instans", inst.name, None,
                         {"sop": sop.pk, "versi": versi.nomor, "periode": inst.period, "paksa": paksa})
    except SopRejected as exc:
        codes = ", ".join(sorted({d.code for d in exc.errors}))
        messages.error(request, msg(Teks(f"SOP memiliki {len(exc.errors)} galat ({codes}); isi alasan untuk "
                                         "membuka juga.",
                                         f"The SOP has {len(exc.errors)} errors ({codes}); give a reason to open "
                                         "anyway.")))
        return redirect("periode:daftar")
    except SopdocError as exc:
        messages.error(request, exc.teks.get(lang()))
        return redirect("periode:daftar")
    for w in prepared.warnings:
        messages.warning(request, w.get(lang()))
    messages.success(request, msg(Teks(f"Dibuka: {inst.name}, tenggat {inst.deadline}",
                                       f"Opened: {inst.name}, deadline {inst.deadline}")))
    return redirect("periode:lihat", nama=inst.name)


LEFTOVER_AGE = dt.timedelta(minutes=5)  # an Instans row this old without its store instance is a dead attempt's


def _claim(name: str, sop: Sop, versi: int, user: Any) -> Instans:
    """The instance's Django row, written (and committed) before the store's: the name is claimed, and
    a period never exists in the store without its unit. A row left by an attempt that died between
    the two writes (no store instance, older than :data:`LEFTOVER_AGE`) is replaced."""
    already = SopdocError(Teks(f"periode ini sudah dibuka: {name}", f"this period is already open: {name}"))
    try:
        with transaction.atomic():
            return Instans.objects.create(nama=name, unit=sop.unit, sop=sop, versi=versi, dibuka_oleh=user)
    except IntegrityError:
        pass
    with store(create=True) as s:
        in_store = s.instance(name) is not None
    old = Instans.objects.filter(nama=name, pada__lt=timezone.now() - LEFTOVER_AGE).first()
    if in_store or old is None:
        raise already
    with transaction.atomic():
        audit.record(user, "hapus-sisa", "instans", name, {"unit": old.unit_id, "pada": old.pada.isoformat()}, None)
        old.delete()
        try:
            return Instans.objects.create(nama=name, unit=sop.unit, sop=sop, versi=versi, dibuka_oleh=user)
        except IntegrityError:
            raise already from None


def _open_in_store(prepared: PreparedPeriod, sop: Sop, versi: int, user: Any) -> Instance:
    """Write the instance: its Django row first, then the store (in its own transaction: with SQLite
    both live in one file, and a Django transaction held around the store's write would lock it
    out); when the store's write fails the row is removed again, so neither is left without the other."""
    name = prepared.instance.name
    with store(create=True) as s:
        if s.instance(name) is not None:
            raise SopdocError(Teks(f"periode ini sudah dibuka: {name}", f"this period is already open: {name}"))
    row = _claim(name, sop, versi, user)
    try:
        with store(create=True) as s:
            if s.instance(name) is not None:
                raise SopdocError(Teks(f"periode ini sudah dibuka: {name}", f"this period is already open: {name}"))
            return store_period(s, prepared)
    except BaseException:
        Instans.objects.filter(pk=row.pk).delete()
        raise


class CatatForm(forms.Form):
    langkah = forms.IntegerField(min_value=1, max_value=10_000)
    oleh = forms.CharField(max_length=200)
    peran = forms.CharField(max_length=200)
    mulai = forms.CharField(max_length=40)
    selesai = forms.CharField(max_length=40)
    output = forms.CharField(max_length=2000, required=False)
    keputusan = forms.ChoiceField(choices=[("", "—"), ("ya", "ya"), ("tidak", "tidak")], required=False)
    kelengkapan = forms.CharField(max_length=2000, required=False)
    catatan = forms.CharField(max_length=2000, required=False)
    menggantikan = forms.IntegerField(min_value=1, max_value=999_999_999, required=False)


def _detail(request: HttpRequest, inst: Instance, form: CatatForm | None = None, problems: list[str] | None = None,
            status: int = 200) -> HttpResponse:
    settings = engine_settings()
    with store() as s:
        entries = s.entries(inst.name)
        closed = bool(s.lifecycle(inst.name))
        verification = s.verification(inst.name)
    as_of = now_in(inst.zona_waktu)
    due = [] if closed else due_steps(inst, entries, as_of)
    try:
        result = check_instance(inst, entries, WorkingCalendar(instance_calendar(inst, settings.kalender)),
                                settings.period, as_of)
        findings = result.diagnostics
    except (ValueError, KeyError, TypeError):
        result, findings = None, ()
    plan = inst.plan_steps()
    done = {e.langkah: e for e in current_entries(entries)}
    user: Any = request.user
    return render(request, "periode/lihat.html", {
        "inst": inst, "meta": inst.meta_dict(), "plan": [(p, done.get(p.langkah)) for p in plan], "entries": entries,
        "due": due, "findings": findings, "result": result, "closed": closed, "verification": verification,
        "form": form or CatatForm(initial={"oleh": user.get_full_name() or user.username}),
        "may_record": user.peran in CLERKS and not closed, "problems": problems or []}, status=status)


@roles(*READERS)
def lihat(request: HttpRequest, nama: str) -> HttpResponse:
    return _detail(request, _instance(request, nama))


@roles(*CLERKS)
@require_POST
def catat(request: HttpRequest, nama: str) -> HttpResponse:
    """Record one step through the store's entry API; its warnings are shown at once."""
    inst = _instance(request, nama, write=True)
    form = CatatForm(request.POST)
    if not form.is_valid():
        return _detail(request, inst, form, status=400)
    row: dict[str, object] = {str(k): ("" if v is None else str(v)) for k, v in form.cleaned_data.items()}
    evidence = request.FILES.get("bukti")
    user: Any = request.user
    try:
        with tempfile.TemporaryDirectory(prefix="sopdoc-bukti-") as tmp:
            if evidence is not None:
                if (evidence.size or 0) > MAX_EVIDENCE:
                    return _detail(request, inst, form, [msg(Teks("berkas bukti terlalu besar (batas 10 MiB)",
                                                                  "evidence file too large (limit 10 MiB)"))], 400)
                name = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(evidence.name or "bukti").name)[:100].lstrip(".")
                (Path(tmp) / (name or "bukti")).write_bytes(evidence.read())
                row["bukti"] = name or "bukti"
            with store() as s:
                results, stored = record_rows(s, inst, [(1, row)], user=user.username, base_dir=Path(tmp),
                                              calendar=engine_settings().kalender)
    except ImportRejected as exc:
        return _detail(request, inst, form, [p.get(lang()) for p in exc.results[0].problems], 400)
    except SopdocError as exc:
        return _detail(request, inst, form, [exc.teks.get(lang())], 400)
    e = stored[0]
    audit.record(user, "catat-langkah", "instans", inst.name, None,
                 {"seq": e.seq, "langkah": e.langkah, "hash": e.hash, "mulai": e.mulai, "selesai": e.selesai})
    for w in results[0].warnings:
        messages.warning(request, w.get(lang()))
    messages.success(request, msg(Teks(f"Dicatat: entri #{e.seq} langkah {e.langkah}",
                                       f"Recorded: entry #{e.seq} step {e.langkah}")))
    return redirect("periode:lihat", nama=inst.name)


def _due_for(inst: Instance, entries: list[Any], as_of: dt.datetime, jabatan: list[str] | None) -> list[DueStep]:
    """The due steps of ``inst``; with ``jabatan``, only those one of the job titles carries out
    (matched as ``sopdoc period due --peran`` matches: case and spaces aside, "A/ B" alternatives)."""
    due = due_steps(inst, entries, as_of)
    if jabatan is None:
        return due
    mine = {d.langkah for title in jabatan for d in due_steps(inst, entries, as_of, title)}
    return [d for d in due if d.langkah in mine]


@roles(*READERS)
def terlambat(request: HttpRequest) -> HttpResponse:
    """Steps due and overdue now over every visible open instance. A clerk sees her own steps (those
    whose pelaksana is one of the job titles an administrator gave her) or, with ``lingkup=unit``,
    every step of her unit; inspectors and administrators see every step."""
    user: Any = request.user
    clerk = user.peran == Peran.PELAKSANA
    mine = clerk and request.GET.get("lingkup") != "unit"
    jabatan = user.jabatan_list if mine else None
    found: list[DueStep] = []
    if store_exists() and jabatan != []:
        with store() as s:
            instances = s.instances()
            seen = _visible(user, instances)
            for inst in instances:
                if inst.name in seen and not s.lifecycle(inst.name):
                    found.extend(_due_for(inst, s.entries(inst.name), now_in(inst.zona_waktu), jabatan))
    found.sort(key=lambda d: (not d.terlambat, d.selesai))
    return render(request, "periode/terlambat.html", {"found": found, "clerk": clerk, "mine": mine,
                                                      "jabatan": jabatan or []})


@roles(*READERS)
def laporan(request: HttpRequest, nama: str, fmt: str) -> HttpResponse:
    """The period report (DOCX or PDF), made afresh as of now by the report painter."""
    if fmt not in ("pdf", "docx"):
        raise Http404
    inst = _instance(request, nama)
    settings = engine_settings()
    with store() as s:
        entries = s.entries(inst.name)
        verification = s.verification(inst.name)
    try:
        result = check_instance(inst, entries, WorkingCalendar(instance_calendar(inst, settings.kalender)),
                                settings.period, now_in(inst.zona_waktu))
    except (ValueError, KeyError, TypeError):
        return HttpResponse(msg(Teks("data log rusak sehingga tidak dapat diperiksa",
                                     "the log data is too damaged to be checked")), status=409,
                            content_type="text/plain; charset=utf-8")
    with tempfile.TemporaryDirectory(prefix="sopdoc-laporan-") as tmp:
        paths = render_report(inst, result, Path(tmp), [fmt], verification=verification)
        data = Path(paths[0]).read_bytes()
    ctype = "application/pdf" if fmt == "pdf" else \
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(data, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="laporan-{inst.name}.{fmt}"'
    return response
