"""Response headers Django does not set itself: a strict Content-Security-Policy and no caching."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation

from sopdoc.errors import SopdocError

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class SecurityHeaders:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CSP)
        if request.user.is_authenticated if hasattr(request, "user") else False:
            response.setdefault("Cache-Control", "no-store")
        return response


class Language:
    """Bahasa Indonesia unless the user chose English with the switch (a cookie): the browser's
    Accept-Language is ignored, since officials' browsers are often set to English."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        lang = chosen if chosen in ("id", "en") else settings.LANGUAGE_CODE
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        return response


class OneTimePassword:
    """A user holding a one-time password is sent to the password change page until it is changed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "ganti_sandi", False):
            allowed = (reverse("akun:sandi"), reverse("akun:keluar"), reverse("set_language"))
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("akun:sandi")
        return self.get_response(request)


class EngineErrors:
    """An engine's refusal that reaches a view (a damaged or missing store, a locked database) is one
    clear line on a page, never a server error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, SopdocError):
            return None
        lang = "en" if (translation.get_language() or "id").startswith("en") else "id"
        return render(request, "galat.html", {"pesan": exception.teks.get(lang)}, status=409)
