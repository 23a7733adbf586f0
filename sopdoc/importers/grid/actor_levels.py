"""Actor headers of two levels: an organisation spanning its roles (``BPS Provinsi`` over
``Ketua Tim`` / ``Anggota Tim``), with or without a ``Pelaksana`` cell over them all.

Under a ``Pelaksana`` cell the header then has three rows: the top one (No, Kegiatan, Pelaksana,
Mutu Baku, …), the organisations (an organisation without roles spans both lower rows, as do the
Mutu Baku column names), and the roles. :func:`fold_role_row` makes the lower two one header row,
the role naming its column wherever there is one, so the header reader sees the usual two rows.

The role names the actor, as the page means it: the role does the step. Where one role name
appears under two organisations (``Ketua Tim`` of BPS Provinsi and of BPS Kab/Kota) the names alone
would make two columns one actor, so :func:`qualified_actors` names each such actor with its
organisation (``Ketua Tim BPS Provinsi``).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sopdoc.importers.grid.clean import clean_cell
from sopdoc.importers.grid.vocab import column_kind

__all__ = ["fold_role_row", "is_role_row", "qualified_actors"]

_TOL = 1.5  # points by which a spanning cell must be wider than the cell it spans


def _text(cell: str | None) -> str:
    return clean_cell((cell or "").replace("\n", " "))


def _covering(cells: list[Any], x: float) -> int | None:
    """Index of the cell of a row whose x-range holds ``x`` (a spanning cell sits at its first column)."""
    return next((k for k, c in enumerate(cells) if c and float(c[0]) - _TOL <= x <= float(c[2]) + _TOL), None)


def _spans(outer: Any, inner: Any) -> bool:
    return float(outer[2]) - float(outer[0]) > float(inner[2]) - float(inner[0]) + _TOL


def is_role_row(texts: list[str | None], cells: list[Any], above: list[str | None], above_cells: list[Any]) -> bool:
    """True when row ``texts`` names roles under organisation cells of the row ``above``: every
    text of it sits under a cell of ``above`` that holds a name and is wider than its own cell."""
    named = [j for j, t in enumerate(texts) if _text(t) and j < len(cells) and cells[j]]
    if not named or len(named) != sum(1 for t in texts if _text(t)):
        return False
    for j in named:
        mid = (float(cells[j][0]) + float(cells[j][2])) / 2
        k = _covering(above_cells, mid)
        if k is None or not _text(above[k]) or column_kind(_text(above[k])) is not None \
                or not _spans(above_cells[k], cells[j]):
            return False
    return True


def fold_role_row(sub: list[str | None], sub_cells: list[Any], roles: list[str | None],
                  role_cells: list[Any]) -> tuple[list[str | None], list[Any]]:
    """The organisation row ``sub`` and the role row under it as one header row: a role names its
    column; an organisation spanning roles names none (it is their group); any other cell of
    ``sub`` (an organisation without roles, a Mutu Baku column) stays."""
    width = max(len(sub), len(roles))
    texts: list[str | None] = []
    cells: list[Any] = []
    groups = {_covering(sub_cells, (float(role_cells[j][0]) + float(role_cells[j][2])) / 2)
              for j in range(min(len(roles), len(role_cells))) if _text(roles[j]) and role_cells[j]}
    for i in range(width):
        role = roles[i] if i < len(roles) else None
        if _text(role):
            texts.append(role)
            cells.append(role_cells[i])
        elif i in groups or i >= len(sub):
            texts.append(None)
            cells.append(None)
        else:
            texts.append(sub[i])
            cells.append(sub_cells[i] if i < len(sub_cells) else None)
    return texts, cells


def qualified_actors(actor_cols: list[tuple[int, str]], rows: list[list[str | None]],
                     cells: list[list[Any]]) -> list[tuple[int, str]]:
    """``actor_cols`` with each name that recurs under another organisation qualified by its
    organisation: the nearest header cell above the one naming the actor that spans it and names
    no column kind (``rows``/``cells``: the header rows, top first, as printed)."""
    counts = Counter(clean_cell(name) for _, name in actor_cols)
    if all(n == 1 for n in counts.values()):
        return actor_cols
    out = []
    for j, name in actor_cols:
        group = None
        if counts[clean_cell(name)] > 1:
            group = _group(j, name, rows, cells)
        out.append((j, f"{name} {group}" if group else name))
    return out


def _group(j: int, name: str, rows: list[list[str | None]], cells: list[list[Any]]) -> str | None:
    own = next((r for r in range(len(rows) - 1, -1, -1) if j < len(rows[r]) and j < len(cells[r])
                and _text(rows[r][j]) == clean_cell(name) and cells[r][j]), None)
    if own is None:
        return None
    box = cells[own][j]
    mid = (float(box[0]) + float(box[2])) / 2
    for r in range(own - 1, -1, -1):
        k = _covering(cells[r], mid)
        if k is None:
            continue
        t = _text(rows[r][k])
        if t and column_kind(t) is None and _spans(cells[r][k], box):
            return t
    return None
