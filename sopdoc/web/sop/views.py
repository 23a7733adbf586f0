"""Authoring: SOP list per unit, create, upload, the structured editor with live preview, versions,
lifecycle and downloads."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

import yaml
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from sopdoc.model.diagnostic import Teks
from sopdoc.model.tanggal import BulanTahun
from sopdoc.source.reader import LoadResult
from sopdoc.source.writer import sop_to_dict
from sopdoc.web.akun import audit
from sopdoc.web.akun.converters import small_int
from sopdoc.web.akun.models import Peran, Unit
from sopdoc.web.akun.roles import may_read_all, require_unit, roles
from sopdoc.web.akun.templatetags.teks import lang
from sopdoc.web.akun.views import msg
from sopdoc.web.sop import editor, engine, lifecycle
from sopdoc.web.sop.diff import structural_diff
from sopdoc.web.sop.models import STATUS_LABELS, Sop, Status, Versi
from sopdoc.web.sop.review import reviews
from sopdoc.web.sop.upload import SUFFIXES, UploadRefused, check_upload, import_upload

AUTHORS = (Peran.PENYUSUN, Peran.ADMIN)
READERS = (Peran.PENYUSUN, Peran.PELAKSANA, Peran.INSPEKTUR, Peran.ADMIN)


def _sop(request: HttpRequest, pk: int, write: bool = False) -> Sop:
    """The SOP ``pk`` if the user may read it (write: edit it); 404 or 403 otherwise."""
    sop = get_object_or_404(Sop.objects.select_related("unit"), pk=pk)
    user: Any = request.user
    if write:
        if user.peran not in AUTHORS:
            raise PermissionDenied
        require_unit(user, sop.unit_id)
    elif not may_read_all(user):
        require_unit(user, sop.unit_id)
    return sop


def _unit_choice(request: HttpRequest) -> Unit:
    """The unit a new SOP belongs to: the author's own; an administrator picks one."""
    user: Any = request.user
    if user.peran == Peran.ADMIN:
        unit_id = small_int(request.POST.get("unit"))
        unit = Unit.objects.filter(pk=unit_id).first() if unit_id is not None else None
        if unit is None:
            raise PermissionDenied
        return unit
    if user.unit is None:
        raise PermissionDenied
    return user.unit


def _day(value: object) -> dt.date | None:
    """An identity date as a day (a month-and-year date has none)."""
    return value if isinstance(value, dt.date) and not isinstance(value, BulanTahun) else None


def _save_version(sop: Sop, source: str, user: Any, catatan: str, impor: list[dict[str, Any]] | None = None) -> Versi:
    """Check ``source`` and store it (canonical when readable) as the next version; the SOP's finding
    counts follow it."""
    source = engine.canonical(source)
    checked = engine.check_source(source)
    last = sop.latest()
    versi = Versi.objects.create(sop=sop, nomor=(last.nomor + 1) if last else 1, sumber=source,
                                 sha256=engine.digest(source), oleh=user, catatan=catatan[:300],
                                 galat=checked.errors, peringatan=checked.warnings,
                                 temuan=(impor or []) + engine.finding_rows(checked.diagnostics))
    sop.galat, sop.peringatan = checked.errors, checked.warnings
    ident = checked.sop.identitas if checked.sop is not None else None
    sop.tanggal_revisi = _day(ident.tanggal_revisi if ident else None)
    sop.tanggal_efektif = _day(ident.tanggal_efektif if ident else None)
    sop.save(update_fields=["galat", "peringatan", "tanggal_revisi", "tanggal_efektif"])
    audit.record(user, "simpan-versi", "sop", sop.pk, {"versi": last.nomor, "sha256": last.sha256} if last else None,
                 {"versi": versi.nomor, "sha256": versi.sha256, "galat": versi.galat, "catatan": versi.catatan})
    return versi


# --------------------------------------------------------------------------- list, create, upload


@roles(*AUTHORS, Peran.INSPEKTUR)
def daftar(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    sops = Sop.objects.select_related("unit")
    if not may_read_all(user):
        sops = sops.filter(unit_id=user.unit_id)
    unit = request.GET.get("unit", "")
    if small_int(unit) is not None:
        sops = sops.filter(unit_id=small_int(unit))
    status = request.GET.get("status", "")
    if status in Status.values:
        sops = sops.filter(status=status)
    q = request.GET.get("q", "").strip()
    if q:
        sops = sops.filter(Q(judul__icontains=q))
    sops = list(sops)
    review = reviews(sops)
    rows = [(s, STATUS_LABELS[s.status].get(lang()), review[s.pk]) for s in sops]
    return render(request, "sop/daftar.html", {
        "rows": rows, "units": Unit.objects.all() if may_read_all(user) else [], "unit": unit, "status": status,
        "statuses": [(k, v.get(lang())) for k, v in STATUS_LABELS.items()], "q": q,
        "may_author": user.peran in AUTHORS, "upload_suffixes": ", ".join(editor_suffixes())})


def editor_suffixes() -> list[str]:
    return list(SUFFIXES)


class BaruForm(forms.Form):
    judul = forms.CharField(max_length=300)


@roles(*AUTHORS)
@require_http_methods(["GET", "POST"])
def baru(request: HttpRequest) -> HttpResponse:
    form = BaruForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        unit = _unit_choice(request)
        judul = form.cleaned_data["judul"].strip()
        data = {"sopdoc": 1, "identitas": {"nama": judul, "unit": unit.nama}, "pelaksana": [], "kegiatan": []}
        with transaction.atomic():
            sop = Sop.objects.create(unit=unit, judul=judul, dibuat_oleh=request.user)
            audit.record(request.user, "buat", "sop", sop.pk, None, sop.audit_dict())
            _save_version(sop, engine.dump(data), request.user, msg(Teks("dibuat", "created")))
        return redirect("sop:ubah", pk=sop.pk)
    return render(request, "sop/baru.html", {"form": form, "units": Unit.objects.all()})


@roles(*AUTHORS)
@require_POST
def unggah(request: HttpRequest) -> HttpResponse:
    """Import an uploaded document; it lands in the editor with the import's findings."""
    upload = request.FILES.get("berkas")
    try:
        if upload is None:
            raise UploadRefused(Teks("tidak ada berkas", "no file"))
        suffix = check_upload(upload.name or "", upload.size or 0, settings.UPLOAD_MAX_BYTES)
        unit = _unit_choice(request)
        imported = import_upload(upload.read(settings.UPLOAD_MAX_BYTES + 1), suffix)
        if imported.source is None:
            first = next((f for f in imported.findings if f["severity"] == "error"), None)
            why = f" ({first['code']}: {first['en' if lang() == 'en' else 'id']})" if first else ""
            raise UploadRefused(Teks(f"tidak ada SOP yang dapat dibaca dari berkas ini{why}",
                                     f"no SOP could be read from this file{why}"))
    except UploadRefused as exc:
        messages.error(request, exc.teks.get(lang()))
        return redirect("sop:daftar")
    judul = (imported.title or upload.name or "SOP")[:300]
    with transaction.atomic():
        sop = Sop.objects.create(unit=unit, judul=judul, dibuat_oleh=request.user)
        audit.record(request.user, "impor", "sop", sop.pk, None, {**sop.audit_dict(), "berkas": upload.name})
        impor = [f for f in imported.findings if f["code"].startswith("IMP")]
        _save_version(sop, imported.source, request.user, msg(Teks(f"impor {upload.name}", f"import {upload.name}")),
                      impor)
    return redirect("sop:ubah", pk=sop.pk)


# --------------------------------------------------------------------------- detail, versions, downloads


@roles(*READERS)
def lihat(request: HttpRequest, pk: int) -> HttpResponse:
    sop = _sop(request, pk)
    versi = sop.latest()
    checked = engine.check_source(versi.sumber) if versi else None
    svg, reason = engine.preview_of(checked) if checked else engine.preview_or_reason(None)
    user: Any = request.user
    may_write = user.peran in AUTHORS and user.in_unit(sop.unit_id)
    moves = [(m, refusal) for m in lifecycle.moves_from(sop.status)
             for refusal in [lifecycle.refusal(sop, m, user)]] if may_write else []
    return render(request, "sop/lihat.html", {
        "sop": sop, "versi": versi, "status_label": STATUS_LABELS[sop.status].get(lang()), "svg": svg,
        "review": reviews([sop])[sop.pk],
        "reason": reason, "temuan": versi.temuan if versi else [], "moves": moves, "may_write": may_write,
        "versions": sop.versi.select_related("oleh").all(), "transitions": sop.transisi.select_related("versi")})


@roles(*READERS)
def versi(request: HttpRequest, pk: int, nomor: int) -> HttpResponse:
    """One version's source and its line diff against the previous version."""
    sop = _sop(request, pk)
    this = get_object_or_404(Versi, sop=sop, nomor=nomor)
    prev = Versi.objects.filter(sop=sop, nomor__lt=nomor).order_by("-nomor").first()
    diff = list(difflib.unified_diff(prev.sumber.splitlines() if prev else [], this.sumber.splitlines(),
                                     f"v{prev.nomor}" if prev else "-", f"v{this.nomor}", lineterm="", n=2))
    changes = structural_diff(prev.sumber if prev else "", this.sumber)
    return render(request, "sop/versi.html", {"sop": sop, "versi": this, "prev": prev, "diff": diff,
                                              "changes": changes})


@roles(*READERS)
def unduh(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    sop = _sop(request, pk)
    nomor = small_int(request.GET.get("versi"))
    versi = sop.versi.filter(nomor=nomor).first() if nomor is not None else sop.latest()
    if versi is None or fmt not in ("pdf", "docx", "yaml"):
        raise Http404
    name = f"sop-{sop.pk}-v{versi.nomor}.{fmt}"
    if fmt == "yaml":
        data, ctype = versi.sumber.encode("utf-8"), "text/plain; charset=utf-8"
    else:
        checked = engine.check_source(versi.sumber)
        if checked.sop is None:
            return HttpResponse(msg(Teks("SOP belum dapat dibaca; perbaiki temuannya dulu.",
                                         "The SOP cannot be read yet; fix its findings first.")),
                                status=409, content_type="text/plain; charset=utf-8")
        try:
            data = engine.pdf_of(checked.sop) if fmt == "pdf" else engine.docx_of(checked.sop)
        except Exception as exc:  # a layout limit (SOP607) or a painter's refusal: one line
            text = getattr(exc, "teks", None)
            return HttpResponse(text.get(lang()) if isinstance(text, Teks) else msg(Teks(
                "dokumen tidak dapat dibuat", "the document cannot be made")), status=409,
                content_type="text/plain; charset=utf-8")
        ctype = "application/pdf" if fmt == "pdf" else \
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(data, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@roles(*AUTHORS)
@require_POST
def transisi(request: HttpRequest, pk: int, nama: str) -> HttpResponse:
    sop = _sop(request, pk, write=True)
    move = lifecycle.MOVES.get(nama)
    if move is None:
        raise Http404
    refused = lifecycle.refusal(sop, move, request.user)
    if refused is not None:
        messages.error(request, refused.get(lang()))
    else:
        try:
            lifecycle.apply(sop, move, request.user, request.POST.get("catatan", "").strip())
        except ValueError:
            messages.error(request, msg(Teks("Status SOP sudah berubah.", "The SOP's status has changed.")))
    return redirect("sop:lihat", pk=sop.pk)


# --------------------------------------------------------------------------- the editor


def _base(sop: Sop) -> tuple[Versi, dict[str, Any], LoadResult]:
    """The newest version, its data for the editor and its reading (read once, not checked)."""
    versi = sop.latest()
    if versi is None:
        raise Http404
    read = engine.read(versi.sumber)
    if read.sop is not None:
        return versi, sop_to_dict(read.sop), read
    try:  # a draft saved with findings: its plain data, every scalar a string (YAML 1.2's 'no' stays a key)
        data = yaml.load(versi.sumber, Loader=yaml.BaseLoader) if len(versi.sumber) < 2_000_000 else None
    except yaml.YAMLError:
        data = None
    return versi, data if isinstance(data, dict) else {"sopdoc": 1}, read


def _by_slot(findings: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for f in findings:
        out.setdefault(editor.slot_of(f.get("path_parts") or []), []).append(f)
    return out


def _editor_context(sop: Sop, versi: Versi, state: editor.EditorState, checked: engine.Checked,
                    impor: list[dict[str, Any]]) -> dict[str, Any]:
    findings = engine.finding_rows(checked.diagnostics)
    by_slot = _by_slot(findings)
    for row in state.rows:
        row.temuan = by_slot.get(f"k-{row.index}", [])  # type: ignore[attr-defined]
        row.temuan_cabang = by_slot.get(f"k-{row.index}-cabang", [])  # type: ignore[attr-defined]
    svg, reason = engine.preview_of(checked)
    return {"sop": sop, "versi": versi, "state": state, "by_slot": by_slot, "svg": svg, "reason": reason,
            "findings": findings, "impor": impor, "symbols": editor.SYMBOLS, "errors": checked.errors,
            "warnings": checked.warnings, "slots": [(s, by_slot.get(s, [])) for s in editor.slots(state)]}


@roles(*AUTHORS)
@require_http_methods(["GET", "POST"])
def ubah(request: HttpRequest, pk: int) -> HttpResponse:
    sop = _sop(request, pk, write=True)
    if sop.status != Status.DRAFT:
        messages.error(request, msg(Teks("Hanya konsep yang dapat diubah; buka revisi dulu.",
                                         "Only a draft can be edited; start a revision first.")))
        return redirect("sop:lihat", pk=sop.pk)
    versi, base, base_read = _base(sop)
    impor = [f for f in versi.temuan if str(f.get("code", "")).startswith("IMP")] if versi.nomor == 1 else []
    if request.method == "POST":
        if request.POST.get("versi") != str(versi.nomor):
            messages.error(request, msg(Teks(
                f"Versi {versi.nomor} sudah disimpan orang lain sejak Anda membuka editor; perubahan Anda belum "
                "disimpan. Muat ulang lalu ulangi.",
                f"Version {versi.nomor} was saved by someone else since you opened the editor; your changes "
                "were not saved. Reload and redo them.")))
            return redirect("sop:ubah", pk=sop.pk)
        data = editor.data_from_post(request.POST, base)
        source = engine.dump(editor.clean(data))
        if request.POST.get("simpan") == "1":
            source = engine.canonical(source)
            if source != engine.canonical(versi.sumber):
                with transaction.atomic():
                    sop = Sop.objects.select_for_update().get(pk=sop.pk)  # one saver at a time
                    if sop.status != Status.DRAFT or sop.versi.filter(nomor__gt=versi.nomor).exists():
                        messages.error(request, msg(Teks("SOP berubah saat Anda menyimpan; muat ulang lalu ulangi.",
                                                         "The SOP changed while you saved; reload and redo.")))
                        return redirect("sop:ubah", pk=sop.pk)
                    judul = str((data.get("identitas") or {}).get("nama") or sop.judul)[:300]
                    if judul != sop.judul:
                        before = sop.audit_dict()
                        sop.judul = judul
                        sop.save(update_fields=["judul"])
                        audit.record(request.user, "ubah", "sop", sop.pk, before, sop.audit_dict())
                    new = _save_version(sop, source, request.user, request.POST.get("catatan", ""))
                messages.success(request, msg(Teks(f"Disimpan sebagai versi {new.nomor}.",
                                                   f"Saved as version {new.nomor}.")))
            return redirect("sop:ubah", pk=sop.pk)
        state = editor.state_of(data)  # a row added or removed: shown, not saved yet
        return render(request, "sop/ubah.html", _editor_context(sop, versi, state, engine.check_source(source), impor))
    state = editor.state_of(base)
    checked = engine.check_read(versi.sumber, base_read)
    return render(request, "sop/ubah.html", _editor_context(sop, versi, state, checked, impor))


@roles(*AUTHORS)
@require_POST
def pratinjau(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: the flowchart and the findings of the form as typed (nothing is saved)."""
    sop = _sop(request, pk, write=True)
    versi, base, _read = _base(sop)
    data = editor.data_from_post(request.POST, base)
    state = editor.state_of(data)
    checked = engine.check_source(engine.dump(editor.clean(data)))
    return render(request, "sop/_pratinjau.html", _editor_context(sop, versi, state, checked, []))
