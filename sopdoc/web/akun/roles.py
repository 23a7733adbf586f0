"""Who may open which page: a decorator naming the roles, 403 for everybody else."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from sopdoc.web.akun.models import Peran

EVERYONE = (Peran.PENYUSUN, Peran.PELAKSANA, Peran.INSPEKTUR, Peran.ADMIN)


def roles(*allowed: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Anonymous → the login page; a logged-in user without one of ``allowed`` → 403."""
    def wrap(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def run(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user: Any = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.has_role(*allowed):
                raise PermissionDenied
            return view(request, *args, **kwargs)
        run.allowed_roles = allowed  # type: ignore[attr-defined]
        return run
    return wrap


def require_unit(user: Any, unit_id: int | None) -> None:
    """403 unless ``user`` may act for ``unit_id`` (administrators for every unit)."""
    if not user.in_unit(unit_id):
        raise PermissionDenied


def may_read_all(user: Any) -> bool:
    """Inspectors and administrators read every unit."""
    return bool(user.peran in (Peran.INSPEKTUR, Peran.ADMIN))
