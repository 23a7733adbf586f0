"""Template context for every page: the language and the user's role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sopdoc.web.akun.models import ROLE_LABELS
from sopdoc.web.akun.templatetags.teks import lang


def ui(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    role = getattr(user, "peran", "") if user is not None and user.is_authenticated else ""
    label = ROLE_LABELS.get(role)
    return {"lang": lang(), "peran": role, "peran_label": label.get(lang()) if label else ""}
