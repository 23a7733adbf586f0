"""Login throttling: too many failures for a user name or an address in the window → refused."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from sopdoc.web.akun.models import LoginGagal


def client_address(request: HttpRequest) -> str:
    """The peer address (REMOTE_ADDR; a proxy in front sets it through gunicorn's forwarded-allow-ips)."""
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def _since() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.LOGIN_WINDOW_SECONDS)


def blocked(username: str, address: str) -> bool:
    """True when the user name or the address has reached the failure limit in the window."""
    since = _since()
    recent = LoginGagal.objects.filter(pada__gte=since)
    by_name = recent.filter(username=username.lower()).count()
    by_addr = recent.filter(alamat=address).count()
    return max(by_name, by_addr // 4) >= settings.LOGIN_MAX_FAILURES  # one address may serve a whole office


def failed(username: str, address: str) -> None:
    """Record one failure and forget those older than the window."""
    LoginGagal.objects.filter(pada__lt=_since()).delete()
    LoginGagal.objects.create(username=username.lower()[:150], alamat=address)


def succeeded(username: str) -> None:
    LoginGagal.objects.filter(Q(username=username.lower())).delete()
