"""Output names of one run: two inputs never write the same file, nothing lands outside the folder."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import click

from sopdoc.cli import fail
from sopdoc.model.diagnostic import Teks
from sopdoc.safe_path import inside

__all__ = ["refuse_outside", "refuse_same_outputs"]


def refuse_same_outputs(ctx: click.Context, inputs: Sequence[tuple[str, str]]) -> None:
    """Exit 2, naming both inputs, when two different inputs (``(input, output stem)`` pairs) would
    write the same output name (compared case-insensitively, as on Windows and macOS disks).

    The same input named twice is not a conflict. Checked before anything is written.
    """
    seen: dict[str, str] = {}
    for raw, stem in inputs:
        key = stem.casefold()
        first = seen.get(key)
        if first is None:
            seen[key] = raw
        elif os.path.realpath(first) != os.path.realpath(raw):
            fail(ctx, Teks(f"{first} dan {raw} akan ditulis dengan nama keluaran yang sama ({stem}.*); "
                           "tidak ada yang ditulis. Cetak/impor keduanya ke direktori keluaran berbeda (-o) "
                           "atau ganti nama salah satunya",
                           f"{first} and {raw} would be written under the same output name ({stem}.*); "
                           "nothing was written. Render/import them into different output folders (-o) "
                           "or rename one of them"))


def refuse_outside(ctx: click.Context, target: Path, folder: Path) -> None:
    """Exit 2 unless ``target`` resolves inside ``folder`` (the -o/--out directory)."""
    if not inside(target, folder) or os.path.realpath(target) == os.path.realpath(folder):
        fail(ctx, Teks(f"berkas keluaran di luar direktori keluaran ditolak: {target}",
                       f"an output file outside the output directory is refused: {target}"))
