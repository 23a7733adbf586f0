"""Flowchart table columns: which columns exist and how wide they are, from content and page."""

from __future__ import annotations

import math

from sopdoc.layout.geometry import Column, ColumnKind
from sopdoc.layout.metrics import FontSet
from sopdoc.model.flow import flow_of
from sopdoc.model.labels import COLUMN_TITLES
from sopdoc.model.sop import Sop

__all__ = ["MIN_ACTOR_WIDTH", "actors_of", "layout_columns"]

MIN_ACTOR_WIDTH = 34.0
MAX_ACTOR_WIDTH = 110.0
"""Actor columns grow from spare width up to what their headers need, never beyond this."""
HEADER_PAD = 3.0
_TITLES: dict[ColumnKind, str] = {kind: COLUMN_TITLES[kind.value] for kind in ColumnKind
                                  if kind is not ColumnKind.PELAKSANA}


def actors_of(sop: Sop) -> tuple[str, ...]:
    """The actor columns: ``sop.pelaksana``, then actors named only by steps, in order of use."""
    actors = list(dict.fromkeys(a for a in sop.pelaksana))
    for step in sop.kegiatan:
        for a in step.pelaksana:
            if a not in actors:
                actors.append(a)
    return tuple(actors)


def _desired(sop: Sop, fonts: FontSet, size: float) -> dict[ColumnKind, float]:
    """Preferred widths of the text columns, from their content."""
    def longest_word(texts: list[str]) -> float:
        words = [w for t in texts for w in t.split()]
        return max((fonts.width(w, size) for w in words), default=0.0)

    kel = [k for s in sop.kegiatan for k in s.mutu_baku.kelengkapan]
    out = [s.mutu_baku.output or "" for s in sop.kegiatan]
    ket = [s.keterangan or "" for s in sop.kegiatan]
    waktu = [s.mutu_baku.waktu.teks if s.mutu_baku.waktu else "" for s in sop.kegiatan]
    def title(kind: ColumnKind) -> float:
        return fonts.width(_TITLES[kind], size, bold=True) + 8

    return {  # an empty column shrinks to its header
        ColumnKind.KELENGKAPAN: min(max(90.0 if kel else title(ColumnKind.KELENGKAPAN), longest_word(kel) + 8), 130.0),
        ColumnKind.WAKTU: min(max(46.0 if any(waktu) else title(ColumnKind.WAKTU), longest_word(waktu) + 8), 70.0),
        ColumnKind.OUTPUT: min(max(70.0 if any(out) else title(ColumnKind.OUTPUT), longest_word(out) + 8), 110.0),
        ColumnKind.KETERANGAN: min(max(80.0 if any(ket) else title(ColumnKind.KETERANGAN), longest_word(ket) + 8),
                                   120.0),
    }


def _longest_uraian(sop: Sop, fonts: FontSet, size: float) -> float:
    """The width of the longest step text set on one line."""
    return max((fonts.width(" ".join(s.uraian.split()), size) for s in sop.kegiatan), default=0.0)


def _lane_need(sop: Sop, n: int) -> float:
    """The actor width that leaves room for the lanes of the flows that skip rows (loop-backs,
    branches forward): a widest symbol with its gutters plus one lane clearance per such flow
    and actor column (a run keeps 6 pt from grid lines and from other runs)."""
    flow = flow_of(sop.kegiatan)
    skips = sum(1 for i in range(len(sop.kegiatan)) for e in flow.edges(i) if e.target != i + 1)
    return 78.0 + 6.0 * math.ceil(skips / max(n, 1))


def _header_need(actor: str, fonts: FontSet, size: float) -> float:
    """The width an actor header needs to be set in at most two lines without breaking a word."""
    words = actor.split() or [""]
    longest = max(fonts.width(w, size, bold=True) for w in words)
    return max(longest, fonts.width(" ".join(words), size, bold=True) / 2) + 2 * HEADER_PAD + 2


def layout_columns(sop: Sop, fonts: FontSet, size: float, x0: float, width: float) -> tuple[Column, ...]:
    """Columns NO | KEGIATAN | actors… | KELENGKAPAN | WAKTU | OUTPUT | KETERANGAN filling ``width``.

    KEGIATAN takes what is left after the other columns get their preferred widths; what it
    does not need (half its longest text, at least its minimum) first widens the actor columns up
    to what their headers and the lanes of loop-backs and branches need (``MAX_ACTOR_WIDTH`` at
    most). An empty column is as wide as its
    header. When the page
    is too narrow, in this order: actor columns shrink to 50 pt, the mutu baku columns shrink
    towards their header words, actor columns shrink to ``MIN_ACTOR_WIDTH``, KEGIATAN gives up
    its minimum; only absurd actor counts squeeze the actor columns further.
    """
    actors = actors_of(sop) or ("",)
    n = len(actors)
    no_w = max(22.0, fonts.width(str(max((s.no or 0 for s in sop.kegiatan), default=0)), size) + 8)
    mutu = _desired(sop, fonts, size)
    floor = {k: fonts.width(_TITLES[k], min(size, 6.5), bold=True) + 8 for k in mutu}  # headers may shrink
    mutu = {k: max(v, floor[k]) for k, v in mutu.items()}
    min_keg = min(max(0.2 * width, 100.0), 150.0)
    room = width - no_w - min_keg  # for actors and mutu baku

    def actors_fit(mutu_total: float, lo: float) -> float:
        return max(min((room - mutu_total) / n, 72.0), lo)

    actor_w = actors_fit(sum(mutu.values()), 50.0)
    if n * actor_w + sum(mutu.values()) > room:
        spare = sum(mutu.values()) - sum(floor.values())
        need = n * actor_w + sum(mutu.values()) - room
        take = min(need, spare) / spare if spare > 0 else 0.0
        mutu = {k: v - (v - floor[k]) * take for k, v in mutu.items()}
        actor_w = actors_fit(sum(mutu.values()), MIN_ACTOR_WIDTH)
    mutu_total = sum(mutu.values())
    keg_w = width - no_w - mutu_total - n * actor_w
    # spare width goes to the actor columns (up to what their headers need) before KEGIATAN
    keg_need = max(min_keg, min(_longest_uraian(sop, fonts, size) / 2 + 8, 0.35 * width))
    actor_cap = min(max(max(_header_need(a, fonts, size) for a in actors), _lane_need(sop, n)), MAX_ACTOR_WIDTH)
    if keg_w > keg_need and actor_cap > actor_w:
        actor_w += min((keg_w - keg_need) / n, actor_cap - actor_w)
        keg_w = width - no_w - mutu_total - n * actor_w
    for keg_floor, actor_floor in ((0.6 * min_keg, 24.0), (40.0, 4.0)):  # many actors: squeeze them
        if keg_w < keg_floor:
            actor_w = max((width - no_w - mutu_total - keg_floor) / n, actor_floor)
            keg_w = width - no_w - mutu_total - n * actor_w
    spec: list[tuple[ColumnKind, float, str | None]] = [(ColumnKind.NO, no_w, None), (ColumnKind.KEGIATAN, keg_w, None)]
    spec += [(ColumnKind.PELAKSANA, actor_w, a) for a in actors]
    spec += [(k, mutu[k], None) for k in (ColumnKind.KELENGKAPAN, ColumnKind.WAKTU, ColumnKind.OUTPUT,
                                          ColumnKind.KETERANGAN)]
    cols = []
    x = x0
    for i, (kind, w, actor) in enumerate(spec):
        cols.append(Column(index=i, x=x, width=w, kind=kind, title=actor if actor is not None else _TITLES[kind],
                           actor=actor))
        x += w
    return tuple(cols)
