"""Pair the steps of two versions of an SOP by what they say and where they stand.

Two passes over the normalised ``uraian`` (case folded, punctuation and extra spaces dropped):

1. :class:`difflib.SequenceMatcher` finds the longest runs of identical steps in order; those are
   paired as they are.
2. The steps left over are paired best-first by text similarity (``SequenceMatcher.ratio`` over
   the words, at least :data:`MIN_SIMILARITY`), a little in favour of the same actor and a nearby position,
   wherever they stand — so a step that was reworded *and* moved is still found.

A paired step whose position breaks the order of the others (it is not on the longest run of
pairs increasing in both versions) has *moved*. Step numbers play no part in the pairing: a
step that only got a new number is the same step.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from sopdoc.model.sop import Kegiatan

__all__ = ["MIN_SIMILARITY", "Pasangan", "align_steps", "normalise", "similarity", "step_similarity"]

MIN_SIMILARITY = 0.7
"""The least similarity (0..1) of two step texts for them to count as the same step reworded:
"Menyusun laporan kinerja" → "Menyusun draf laporan kinerja" is 0.86 (one word added), "Merekap
laporan kinerja triwulan" → "Memeriksa draf laporan kinerja triwulan" 0.67 (another activity on
the same object)."""

MAX_PAIRS = 250_000
"""Above this many (old × new) candidate comparisons only identical texts are paired in pass 2
(two hostile inputs of thousands of steps must not take minutes)."""

_NON_WORD = re.compile(r"[^\w]+")


def normalise(text: str) -> str:
    """Text for comparing: NFKC, case folded, punctuation and runs of spaces made one space."""
    return " ".join(_NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split())


def similarity(a: str, b: str) -> float:
    """How alike two normalised texts are (0..1): the share of words they have in common, in order."""
    if a == b:
        return 1.0
    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


VERB_PENALTY = 0.15
"""Taken off the similarity of two steps whose first words (the activity's verb) differ: "Merekap
laporan kinerja triwulan" and "Menandatangani laporan kinerja triwulan" share three words of four
but are two activities."""


def step_similarity(a: str, b: str) -> float:
    """:func:`similarity` of two normalised step texts, less :data:`VERB_PENALTY` when their verbs
    differ."""
    score = similarity(a, b)
    if a.split()[:1] != b.split()[:1]:
        score -= VERB_PENALTY
    return score


@dataclass(frozen=True)
class Pasangan:
    """One step of either version: ``lama``/``baru`` are indexes in ``kegiatan`` (None: the step is
    only in the other version); ``similarity`` of the texts; ``moved`` when out of order."""

    lama: int | None
    baru: int | None
    similarity: float = 1.0
    moved: bool = False


def align_steps(old: tuple[Kegiatan, ...], new: tuple[Kegiatan, ...]) -> list[Pasangan]:
    """Every step of both versions, paired where they are the same step: in the order of the new
    version, each removed step placed after the step that preceded it in the old version."""
    a = [normalise(k.uraian) for k in old]
    b = [normalise(k.uraian) for k in new]
    pairs: dict[int, tuple[int, float]] = {}
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            pairs[block.a + k] = (block.b + k, 1.0)
    left_a = [i for i in range(len(a)) if i not in pairs]
    used_b = {j for j, _s in pairs.values()}
    left_b = [j for j in range(len(b)) if j not in used_b]
    for i, j, score in _best_first(old, new, a, b, left_a, left_b):
        pairs[i] = (j, score)
    moved = _out_of_order(sorted((i, j) for i, (j, _s) in pairs.items()))
    by_new = {j: i for i, (j, _s) in pairs.items()}
    out: list[Pasangan] = []
    placed_old: set[int] = set()

    def removed_up_to(limit: int) -> None:
        for k in range(limit):
            if k not in pairs and k not in placed_old:
                placed_old.add(k)
                out.append(Pasangan(k, None, 0.0))

    for j in range(len(b)):
        was = by_new.get(j)
        if was is None:
            out.append(Pasangan(None, j, 0.0))
            continue
        if (was, j) not in moved:
            removed_up_to(was)
        out.append(Pasangan(was, j, pairs[was][1], (was, j) in moved))
    removed_up_to(len(a))
    return out


def _best_first(old: tuple[Kegiatan, ...], new: tuple[Kegiatan, ...], a: list[str], b: list[str],
                left_a: list[int], left_b: list[int]) -> list[tuple[int, int, float]]:
    """Pairs among the leftover steps, the most similar first, each step used once."""
    if not left_a or not left_b:
        return []
    span = max(len(a), len(b), 1)
    scored: list[tuple[float, float, int, int]] = []
    if len(left_a) * len(left_b) > MAX_PAIRS:  # identical texts only, found through an index
        where: dict[str, list[int]] = {}
        for j in left_b:
            where.setdefault(b[j], []).append(j)
        scored = [(1.0, 1.0, i, j) for i in left_a for j in where.get(a[i], ())]
        left_a = []
    for i in left_a:
        for j in left_b:
            if a[i] != b[j] and SequenceMatcher(None, a[i].split(), b[j].split(),
                                                autojunk=False).quick_ratio() < MIN_SIMILARITY:
                continue
            score = step_similarity(a[i], b[j])
            if score < MIN_SIMILARITY:
                continue
            bonus = (0.05 if set(old[i].pelaksana) == set(new[j].pelaksana) else 0.0) - 0.05 * abs(i - j) / span
            scored.append((score + bonus, score, i, j))
    scored.sort(key=lambda t: (-t[0], t[2], t[3]))
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    out = []
    for _rank, score, i, j in scored:
        if i in taken_a or j in taken_b:
            continue
        taken_a.add(i)
        taken_b.add(j)
        out.append((i, j, score))
    return out


def _out_of_order(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The pairs (sorted by old index) not on a longest run increasing in the new index."""
    if not pairs:
        return set()
    tails: list[int] = []  # tails[k]: index into pairs of the smallest tail of a run of length k+1
    tail_js: list[int] = []  # the new index of each tail, for bisect
    prev = [-1] * len(pairs)
    for n, (_i, j) in enumerate(pairs):
        k = bisect.bisect_left(tail_js, j)
        prev[n] = tails[k - 1] if k else -1
        if k == len(tails):
            tails.append(n)
            tail_js.append(j)
        else:
            tails[k] = n
            tail_js[k] = j
    keep: set[int] = set()
    n = tails[-1]
    while n >= 0:
        keep.add(n)
        n = prev[n]
    return {p for n, p in enumerate(pairs) if n not in keep}
