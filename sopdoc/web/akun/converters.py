"""Bounded numbers from URLs and query strings: a database id has at most 9 digits, so a huge
number is a 404 or an ignored filter, never an integer overflow in the database driver."""

from __future__ import annotations

from django.urls import register_converter


def small_int(text: object) -> int | None:
    """``text`` as an int when it is 1–9 ASCII digits, else None."""
    s = str(text or "")
    return int(s) if 0 < len(s) <= 9 and s.isascii() and s.isdigit() else None


class SmallId:
    """The ``<id:pk>`` path converter."""

    regex = "[0-9]{1,9}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(SmallId, "id")  # once per process: every urls module that uses <id:…> imports this one
