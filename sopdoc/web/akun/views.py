"""Login, logout, users and units (administrators), the audit trail (inspectors), the home page."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from sopdoc.model.diagnostic import Teks
from sopdoc.web.akun import audit, throttle
from sopdoc.web.akun.converters import small_int
from sopdoc.web.akun.models import ROLE_LABELS, Audit, Pengguna, Peran, Unit, jabatan_lines
from sopdoc.web.akun.roles import EVERYONE, roles
from sopdoc.web.akun.templatetags.teks import lang


def msg(teks: Teks) -> str:
    """A Teks in the active language (for messages and errors built in views)."""
    return teks.get(lang())


class MasukForm(forms.Form):
    username = forms.CharField(max_length=150)
    password = forms.CharField(max_length=256, widget=forms.PasswordInput)


@require_http_methods(["GET", "POST"])
def masuk(request: HttpRequest) -> HttpResponse:
    form = MasukForm(request.POST or None)
    error = ""
    status = 200
    if request.method == "POST" and form.is_valid():
        name, address = form.cleaned_data["username"], throttle.client_address(request)
        if throttle.blocked(name, address):
            error, status = msg(Teks("Terlalu banyak percobaan gagal; coba lagi 15 menit lagi.",
                                     "Too many failed attempts; try again in 15 minutes.")), 429
        else:
            user = authenticate(request, username=name, password=form.cleaned_data["password"])
            if user is None:
                throttle.failed(name, address)
                error, status = msg(Teks("Nama pengguna atau kata sandi salah.", "Wrong user name or password.")), 200
            else:
                throttle.succeeded(name)
                login(request, user)
                target = request.GET.get("next", "")
                if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                       require_https=request.is_secure()):
                    target = "/"
                return redirect(target)
    return render(request, "akun/masuk.html", {"form": form, "error": error}, status=status)


@require_POST
def keluar(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("akun:masuk")


@roles(*EVERYONE)
def beranda(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    target = {Peran.PENYUSUN: "sop:daftar", Peran.PELAKSANA: "periode:daftar", Peran.INSPEKTUR: "inspeksi:dasbor",
              Peran.ADMIN: "akun:pengguna"}[user.peran]
    return redirect(target)


class PenggunaForm(forms.Form):
    username = forms.RegexField(regex=r"^[A-Za-z0-9_.@+-]{2,150}$", max_length=150)
    nama = forms.CharField(max_length=150, required=False)
    unit = forms.ModelChoiceField(queryset=Unit.objects.all(), required=False)
    peran = forms.ChoiceField(choices=Peran.choices)
    jabatan = forms.CharField(max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class UnitForm(forms.Form):
    kode = forms.SlugField(max_length=40)
    nama = forms.CharField(max_length=200)


@roles(Peran.ADMIN)
@require_http_methods(["GET", "POST"])
def pengguna(request: HttpRequest) -> HttpResponse:
    """Users and units: list, add a user (a one-time password is shown once), add a unit."""
    form, unit_form = PenggunaForm(prefix="p"), UnitForm(prefix="u")
    new_password = ""
    if request.method == "POST" and "u-kode" in request.POST:
        unit_form = UnitForm(request.POST, prefix="u")
        if unit_form.is_valid():
            with transaction.atomic():
                unit, created = Unit.objects.get_or_create(kode=unit_form.cleaned_data["kode"],
                                                           defaults={"nama": unit_form.cleaned_data["nama"]})
                if created:
                    audit.record(request.user, "buat", "unit", unit.kode, None, {"nama": unit.nama})
            return redirect("akun:pengguna")
    elif request.method == "POST":
        form = PenggunaForm(request.POST, prefix="p")
        if form.is_valid():
            data = form.cleaned_data
            if Pengguna.objects.filter(username__iexact=data["username"]).exists():
                form.add_error("username", msg(Teks("Nama pengguna sudah dipakai.", "User name already taken.")))
            else:
                new_password = secrets.token_urlsafe(12)
                with transaction.atomic():
                    user = Pengguna.objects.create_user(data["username"], password=new_password,
                                                        first_name=data["nama"], unit=data["unit"],
                                                        peran=data["peran"], ganti_sandi=True,
                                                        jabatan="\n".join(jabatan_lines(data["jabatan"])))
                    audit.record(request.user, "buat", "pengguna", user.username, None, user.audit_dict())
                form = PenggunaForm(prefix="p")
    users = Pengguna.objects.select_related("unit").order_by("username")
    rows = [(u, ROLE_LABELS[u.peran].get(lang())) for u in users]
    return render(request, "akun/pengguna.html", {"form": form, "unit_form": unit_form, "rows": rows,
                                                  "units": Unit.objects.all(), "new_password": new_password})


@roles(Peran.ADMIN)
@require_POST
def pengguna_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a user's role, unit, job titles or active flag, or reset the password (shown once)."""
    user = get_object_or_404(Pengguna, pk=pk)
    before = user.audit_dict()
    new_password = ""
    if request.POST.get("aksi") == "sandi":
        new_password = secrets.token_urlsafe(12)
        user.set_password(new_password)
        user.ganti_sandi = True
    else:
        if request.POST.get("peran") in Peran.values:
            user.peran = request.POST["peran"]
        unit_id = small_int(request.POST.get("unit"))
        user.unit = Unit.objects.filter(pk=unit_id).first() if unit_id is not None else None
        user.is_active = request.POST.get("aktif") == "1"
        if "jabatan" in request.POST:
            user.jabatan = "\n".join(jabatan_lines(request.POST.get("jabatan", "")[:2000]))
        if user.pk == getattr(request.user, "pk", None) and (not user.is_active or user.peran != Peran.ADMIN):
            messages.error(request, msg(Teks("Anda tidak dapat mencabut akses admin Anda sendiri.",
                                             "You cannot remove your own administrator access.")))
            return redirect("akun:pengguna")
    with transaction.atomic():
        user.save()
        audit.record(request.user, "reset-sandi" if new_password else "ubah", "pengguna", user.username,
                     before, user.audit_dict())
    if new_password:
        messages.warning(request, msg(Teks(f"Kata sandi sekali pakai untuk {user.username}: {new_password}",
                                           f"One-time password for {user.username}: {new_password}")))
    return redirect("akun:pengguna")


@roles(Peran.INSPEKTUR, Peran.ADMIN)
def jejak_audit(request: HttpRequest) -> HttpResponse:
    """The audit trail, newest first, filterable by object kind."""
    rows = Audit.objects.all()
    objek = request.GET.get("objek", "")
    if objek:
        rows = rows.filter(objek=objek)
    page = Paginator(rows, 50).get_page(request.GET.get("hal"))
    return render(request, "akun/audit.html", {"page": page, "objek": objek,
                                               "kinds": Audit.objects.values_list("objek", flat=True).distinct()})


@roles(*EVERYONE)
@require_http_methods(["GET", "POST"])
def sandi(request: HttpRequest) -> HttpResponse:
    """Change one's own password (the current one is asked; Django's password rules apply)."""
    user: Any = request.user
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            user.ganti_sandi = False
            user.save(update_fields=["ganti_sandi"])
            audit.record(user, "ganti-sandi", "pengguna", user.username)
        update_session_auth_hash(request, user)
        messages.success(request, msg(Teks("Kata sandi diganti.", "Password changed.")))
        return redirect("beranda")
    return render(request, "akun/sandi.html", {"form": form, "wajib": user.ganti_sandi})
