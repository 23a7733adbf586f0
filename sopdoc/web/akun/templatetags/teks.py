"""``{% t "Indonesian" "English" %}`` and ``{{ value|teks }}``: the project's Teks pairs in templates.

Our own strings are Teks pairs, as in the CLI and every finding of the engine, rather than a gettext
catalogue: each message keeps its two languages side by side, the engine's findings arrive as Teks
already, and no compiled ``.mo`` file (a build step) is needed. Django's own strings (form errors,
password rules) come from Django's Indonesian catalogue through the same active language.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import translation

from sopdoc.model.diagnostic import Teks

register = template.Library()


def lang() -> str:
    """The active language: 'en' or 'id'."""
    return "en" if (translation.get_language() or "id").startswith("en") else "id"


@register.simple_tag
def t(id_text: str, en_text: str) -> str:
    """The text in the active language (autoescaped like any variable)."""
    return en_text if lang() == "en" else id_text


@register.filter
def teks(value: Any) -> Any:
    """A Teks in the active language; anything else unchanged."""
    return value.get(lang()) if isinstance(value, Teks) else value


@register.filter
def ambil(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` or an empty list (findings of one editor slot)."""
    try:
        return mapping.get(key, [])
    except AttributeError:
        return []


@register.filter
def pesan(finding: Any) -> str:
    """A stored finding row's message in the active language."""
    try:
        return str(finding["en"] if lang() == "en" else finding["id"])
    except (KeyError, TypeError):
        return ""


@register.filter
def jam(value: Any) -> str:
    """An ISO timestamp as 'YYYY-MM-DD HH:MM' (the stored offset is the agency's zone)."""
    return str(value or "")[:16].replace("T", " ")
