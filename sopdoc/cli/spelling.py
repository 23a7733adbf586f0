"""One option vocabulary (issue #15 point 6): ``--format`` for an output format, ``-o/--out`` for an
output folder. An old spelling stays accepted as a hidden option that prints a note on stderr and
hands its value to the new option (through ``ctx.meta``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from sopdoc.cli import _lang

__all__ = ["old_spelling", "take_old_spelling", "take_old_spelling_required"]


def _key(dest: str) -> str:
    return f"sopdoc.old_spelling.{dest}"


def old_spelling(old: str, new: str, dest: str, type: Any = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A hidden option ``old`` whose value, when given, becomes the value of the option called ``dest``
    (declared with ``callback=take_old_spelling``), with a note that ``new`` is the spelling now."""
    def note(ctx: click.Context, _param: click.Parameter, value: Any) -> Any:
        if value is not None:
            ctx.meta[_key(dest)] = value  # taken by the new option unless that was given too
            en = _lang(ctx) == "en"
            click.echo(f"note: {old} is an old spelling; use {new}" if en else
                       f"catatan: {old} adalah ejaan lama; pakai {new}", err=True)
        return value

    return click.option(old, f"_old_{dest}", default=None, hidden=True, expose_value=False, callback=note,
                        type=type)


def take_old_spelling(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Callback of the new option: the old spelling's value when that was given instead."""
    return ctx.meta.get(_key(str(param.name)), value)


def take_old_spelling_required(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """As take_old_spelling, for an option that must be given in one spelling or the other (declare
    it not required: click would refuse the old spelling alone before this runs)."""
    value = take_old_spelling(ctx, param, value)
    if value is None:
        raise click.MissingParameter(ctx=ctx, param=param)
    return value
