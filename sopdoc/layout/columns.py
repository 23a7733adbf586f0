"""Flowchart table columns: which columns exist and how wide they are, from content and page."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from sopdoc.layout.geometry import Column, ColumnKind
from sopdoc.layout.metrics import FontSet
from sopdoc.layout.text import block_height, bullet_indent, bullet_line_count, line_count
from sopdoc.model.flow import flow_of
from sopdoc.model.labels import COLUMN_TITLES
from sopdoc.model.sop import Sop

__all__ = ["MIN_ACTOR_WIDTH", "ROTATED_ACTOR_WIDTH", "actors_of", "balance_columns", "layout_columns",
           "yield_actor_width"]

MIN_ACTOR_WIDTH = 34.0
MAX_ACTOR_WIDTH = 110.0
"""Actor columns grow from spare width up to what their headers need, never beyond this."""
HEADER_PAD = 3.0
CELL_PAD = 3.0
"""A text cell's padding on each side (``rows.PAD``)."""
BALANCE_STEPS = (6.0, 12.0, 24.0, 48.0, 96.0)
"""The widths (points) :func:`balance_columns` tries to move at a time from one text column to another."""
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
    min_keg = _min_kegiatan(width)
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


ROTATED_ACTOR_WIDTH = 50.0
"""The width an actor column keeps when the actor headers are rotated (``rows.crowded_headers``):
a header read bottom-to-top needs no width, and the symbols with their lanes have room in the
width the actor columns shrink to first on a narrow page."""


def yield_actor_width(cols: tuple[Column, ...], keep: float = ROTATED_ACTOR_WIDTH) -> tuple[Column, ...]:
    """``cols`` with every actor column wider than ``keep`` narrowed to it and the width given to
    KEGIATAN (for :func:`balance_columns` to share with the other text columns): used when the
    actor headers are rotated, so that the width taken for horizontal headers goes to the texts
    (the Satpol PP bundle's SOP 13: seven 56 pt actor columns beside a 150 pt KEGIATAN wrapped
    each step text into five lines; one page instead of the original's one, not two)."""
    spare = sum(c.width - keep for c in cols if c.kind is ColumnKind.PELAKSANA and c.width > keep)
    if spare <= 0 or not any(c.kind is ColumnKind.KEGIATAN for c in cols):
        return cols
    out = []
    x = cols[0].x
    for c in cols:
        w = keep if c.kind is ColumnKind.PELAKSANA and c.width > keep else c.width
        w += spare if c.kind is ColumnKind.KEGIATAN else 0.0
        out.append(replace(c, x=x, width=w))
        x += w
    return tuple(out)


def _min_kegiatan(width: float) -> float:
    """The narrowest KEGIATAN gets while the page is wide enough."""
    return min(max(0.2 * width, 100.0), 150.0)


def balance_columns(sop: Sop, cols: tuple[Column, ...], fonts: FontSet, size: float,
                    floors: Sequence[float]) -> tuple[Column, ...]:
    """``cols`` with width moved between the text columns KEGIATAN, KELENGKAPAN, OUTPUT and
    KETERANGAN while that lowers the step rows: a long kelengkapan list in a narrow column makes
    a row as tall as a page third while the step text beside it takes two lines, and a long step
    text beside a KETERANGAN that holds one short note wraps into more lines than it needs.

    The rows' heights are their text's (every text column wrapped as the rows set it) but at
    least ``floors`` (per step: what its symbol needs). Greedy: of the moves of
    ``BALANCE_STEPS`` points from one of these columns to another, the one that lowers the total
    height most (ties: the smaller move) is taken, until none does. Each column keeps its longest
    word (no new break inside a word) and its title at the full header size; KEGIATAN keeps its
    minimum; a column that holds nothing never grows. The actor columns, NO and WAKTU keep their
    widths."""
    steps = sop.kegiatan
    if not steps or not any(c.kind is ColumnKind.KEGIATAN for c in cols):
        return cols
    kel = [s.mutu_baku.kelengkapan for s in steps]
    texts: dict[ColumnKind, list[str]] = {
        ColumnKind.KEGIATAN: [s.uraian for s in steps],
        ColumnKind.KELENGKAPAN: [k for s in steps for k in s.mutu_baku.kelengkapan],
        ColumnKind.OUTPUT: [s.mutu_baku.output or "" for s in steps],
        ColumnKind.KETERANGAN: [s.keterangan or "" for s in steps],
    }
    table_w = cols[-1].right - cols[0].x

    def floor(kind: ColumnKind) -> float:
        words = [w for t in texts[kind] for w in fonts.sanitize(t)[0].split()]
        word = max((fonts.width(w, size) for w in words), default=0.0)
        if kind is ColumnKind.KELENGKAPAN:
            word += bullet_indent(fonts, size)
        if kind is ColumnKind.KEGIATAN:
            return max(_min_kegiatan(table_w), word + 2 * CELL_PAD + 0.5)
        return max(fonts.width(_TITLES[kind], size, bold=True), word) + 2 * CELL_PAD + 0.5

    widths = {c.kind: c.width for c in cols if c.kind in texts}
    low = {k: min(floor(k), w) for k, w in widths.items()}
    grow = [k for k in widths if any(t.strip() for t in texts[k])]
    cache: dict[tuple[ColumnKind, float], list[float]] = {}
    clean = {kind: [fonts.sanitize(t)[0] for t in texts[kind]] for kind in texts if kind is not ColumnKind.KELENGKAPAN}

    def heights(kind: ColumnKind, w: float) -> list[float]:
        key = (kind, round(w, 3))
        if key not in cache:
            inner = max(w - 2 * CELL_PAD, 1.0)
            if kind is ColumnKind.KELENGKAPAN:
                counts = [bullet_line_count(k, fonts, size, inner) for k in kel]
            else:
                seen: dict[str, int] = {}  # steps often repeat a text (an empty one at least)
                counts = [seen[t] if t in seen else seen.setdefault(t, line_count(t, fonts, size, inner))
                          for t in clean[kind]]
            cache[key] = [block_height(n, size) + 2 * CELL_PAD for n in counts]
        return cache[key]

    def total(trial: dict[ColumnKind, float]) -> float:
        per = [heights(k, w) for k, w in trial.items()]
        return sum(map(max, floors, *per))  # per step: the tallest of its floor and its cells

    best = total(widths)
    while True:
        found: tuple[float, dict[ColumnKind, float]] | None = None
        current = {k: heights(k, w) for k, w in widths.items()}
        # per (give, take): per step, the tallest of its floor and of the cells of the columns
        # the move leaves alone (a max picks one of its numbers: grouped so, each step's
        # height and the sum over the steps are the same numbers as total(trial)'s)
        rest: dict[tuple[ColumnKind, ColumnKind], list[float]] = {}
        for d in BALANCE_STEPS:
            for give in widths:
                if widths[give] - d < low[give] - 1e-6:
                    continue
                for take in grow:
                    if take is give:
                        continue
                    others = rest.get((give, take))
                    if others is None:
                        alone = [current[k] for k in widths if k is not give and k is not take]
                        others = rest[(give, take)] = list(map(max, floors, *alone)) if alone else list(floors)
                    t = sum(map(max, others, heights(give, widths[give] - d), heights(take, widths[take] + d)))
                    if t < best - 0.5 and (found is None or t < found[0] - 1e-6):
                        trial = dict(widths)
                        trial[give] -= d
                        trial[take] += d
                        found = (t, trial)
        if found is None:
            break
        best, widths = found
    if all(abs(widths[c.kind] - c.width) < 1e-9 for c in cols if c.kind in widths):
        return cols
    out = []
    x = cols[0].x
    for c in cols:
        w = widths.get(c.kind, c.width) if c.kind is not ColumnKind.PELAKSANA else c.width
        out.append(replace(c, x=x, width=w))
        x += w
    return tuple(out)
