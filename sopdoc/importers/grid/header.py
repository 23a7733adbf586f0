"""The two header rows of a flowchart table: which column holds what, and the actor columns.

Actor columns are the columns between the activity column and the first Mutu Baku or
Keterangan column. A ``Pelaksana`` group cell over them is common but not required: the
procurement template puts the actor names straight into the top header row, other templates
leave the cell above the actor names empty. In a two-level actor header (an organisation over
its roles) the lower cell names the actor; a top cell with nothing below it names its own column.
"""

from __future__ import annotations

from sopdoc.importers.grid.clean import Line
from sopdoc.importers.grid.vocab import column_kind

__all__ = ["header_columns"]

_AFTER_ACTORS = frozenset({"mutu", "kelengkapan", "waktu", "output", "keterangan"})


def header_columns(top: Line, sub: Line | None) -> tuple[dict[str, int], list[tuple[int, str]], dict[str, str]]:
    """Column index per kind, the actor columns (index, name), and the header texts."""
    width = max(len(top.cells), len(sub.cells) if sub else 0)
    cols: dict[str, int] = {}
    texts: dict[str, str] = {}
    actors: list[tuple[int, str]] = []
    group = None
    past_actors = False
    for i in range(width):
        t = top.cells[i] if i < len(top.cells) else ""
        s = sub.cells[i] if sub and i < len(sub.cells) else ""
        tk = column_kind(t) if t else None
        if tk in ("pelaksana", "mutu"):
            group = tk
        elif t:
            group = None
        sk = column_kind(s) if s else None
        kind = sk or (tk if tk not in ("pelaksana", "mutu") else None)
        if tk in _AFTER_ACTORS or sk in _AFTER_ACTORS:
            past_actors = True
        in_region = "uraian" in cols and not past_actors
        if (group == "pelaksana" or in_region) and s and sk is None:
            actors.append((i, s))
            continue
        if in_region and t and tk is None and not s:
            actors.append((i, t))
            continue
        if kind and kind not in cols:
            cols[kind] = i
            texts[kind] = s or t
    return cols, actors, texts
