"""Near-duplicate SOPs and steps across a catalogue, near-linear in the number of SOPs.

Texts are normalised (lower case, letters and digits only, whitespace collapsed). An SOP's
signature is a MinHash of the word 3-shingles of its step texts (``PERMS`` values of 64-bit
multiply-shift hash functions, numpy-vectorised; unsigned wrap-around is the same on every
machine): the share of
equal values of two signatures estimates the Jaccard similarity of their shingle sets. Candidate
pairs come from LSH bands (``BANDS`` bands of ``ROWS`` values): two SOPs are compared only when one
band of their signatures is equal, and a band shared by many SOPs pairs each with at most
``MAX_PER_BUCKET`` earlier members, so a catalogue of 20,000 SOPs never does all pairs. Steps are
grouped by the hash of their normalised text (steps of at least ``MIN_STEP_WORDS`` words, so
"Selesai" does not count as a copy).

Hashes are blake2b, never Python's ``hash`` (randomised per process): signatures computed on any
worker, local or on a cluster, are equal.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["BANDS", "PERMS", "ROWS", "DuplicateIndex", "SopPair", "StepGroup", "minhash", "normalise",
           "similarity", "step_key"]

PERMS = 64
BANDS = 16
ROWS = PERMS // BANDS
MAX_PER_BUCKET = 8
MIN_STEP_WORDS = 5
MAX_STEP_MEMBERS = 1000  # places listed for one shared step text
SHINGLE = 3


def _coefficients() -> tuple[tuple[int, int], ...]:
    """``PERMS`` pairs (a odd, b) of 64-bit multiply-shift hash functions, from fixed seeds."""
    out = []
    for i in range(PERMS):
        digest = hashlib.blake2b(f"sopdoc-minhash-{i}".encode(), digest_size=16).digest()
        a, b = struct.unpack("<QQ", digest)
        out.append((a | 1, b))
    return tuple(out)


_COEF = _coefficients()
_WORD = re.compile(r"[^\W_]+")


def normalise(text: str) -> str:
    """Lower case, words of letters and digits only, single spaces."""
    return " ".join(_WORD.findall(text.lower()))


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def step_key(text: str) -> str | None:
    """The key under which copies of a step meet (hex), or None for a step too short to tell."""
    norm = normalise(text)
    if len(norm.split()) < MIN_STEP_WORDS:
        return None
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()


def minhash(texts: Iterable[str]) -> bytes | None:
    """The MinHash signature (``PERMS`` × 8 bytes) of the word shingles of ``texts``; None when
    they hold no words."""
    shingles: set[int] = set()
    for text in texts:
        words = normalise(text).split()
        if not words:
            continue
        if len(words) < SHINGLE:
            shingles.add(_hash64(" ".join(words)))
        for i in range(len(words) - SHINGLE + 1):
            shingles.add(_hash64(" ".join(words[i:i + SHINGLE])))
    if not shingles:
        return None
    import numpy as np  # one vectorised pass instead of PERMS × shingles Python multiplications

    x = np.fromiter(shingles, dtype=np.uint64, count=len(shingles))
    a = np.array([c[0] for c in _COEF], dtype=np.uint64)[:, None]
    b = np.array([c[1] for c in _COEF], dtype=np.uint64)[:, None]
    with np.errstate(over="ignore"):
        values = ((a * x + b) >> np.uint64(32)).min(axis=1)  # multiply-shift hashing, modulo 2**64
    return values.astype("<u8").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """The estimated Jaccard similarity of two signatures (share of equal values)."""
    va = struct.unpack(f"<{PERMS}Q", a)
    vb = struct.unpack(f"<{PERMS}Q", b)
    return sum(1 for x, y in zip(va, vb, strict=True) if x == y) / PERMS


@dataclass(frozen=True)
class SopPair:
    """Two SOPs (catalogue indexes, ``a < b``) whose steps are near-duplicates."""

    a: int
    b: int
    similarity: float


@dataclass(frozen=True)
class StepGroup:
    """One step text found in several SOPs: the text as first seen, and every (SOP index, step no)."""

    text: str
    members: tuple[tuple[int, int | None], ...]


class DuplicateIndex:
    """Signatures and step keys only, fed one SOP at a time; a step's text is kept only once a
    second SOP has it."""

    def __init__(self, threshold: float = 0.8) -> None:
        self.threshold = threshold
        self._sigs: dict[int, bytes] = {}
        # band → the SOPs whose signature has that band; keyed by the band's hash in this process
        # (a collision only costs one comparison more), a lone SOP stored as its index, not a list
        self._buckets: dict[int, int | list[int]] = {}
        self._first: dict[str, tuple[int, int | None]] = {}  # a step key seen once: where
        self._steps: dict[str, list[tuple[int, int | None]]] = {}  # seen again: every place
        self._step_text: dict[str, str] = {}  # the text, kept from the second sighting on

    def add(self, index: int, signature: bytes | None, steps: Sequence[tuple[int | None, str, str]]) -> None:
        """SOP ``index`` with its signature and its steps as (no, key, text) (key from :func:`step_key`)."""
        if signature is not None:
            self._sigs[index] = signature
            for band in range(BANDS):
                bucket_key = hash((band, signature[band * ROWS * 8:(band + 1) * ROWS * 8]))
                bucket = self._buckets.get(bucket_key)
                if bucket is None:
                    self._buckets[bucket_key] = index
                elif isinstance(bucket, int):
                    self._buckets[bucket_key] = [bucket, index]
                else:
                    bucket.append(index)
        for no, key, text in steps:
            members = self._steps.get(key)
            if members is None:
                first = self._first.get(key)
                if first is None:
                    self._first[key] = (index, no)
                    continue
                del self._first[key]
                members = self._steps[key] = [first]
                self._step_text[key] = text
            if len(members) < MAX_STEP_MEMBERS:
                members.append((index, no))

    def pairs(self) -> list[SopPair]:
        """SOP pairs at or above the threshold, best first (then by index)."""
        seen: set[tuple[int, int]] = set()
        out: list[SopPair] = []
        for members in self._buckets.values():
            if isinstance(members, int):
                continue
            for pos in range(1, len(members)):
                for other in members[max(0, pos - MAX_PER_BUCKET):pos]:
                    a, b = min(other, members[pos]), max(other, members[pos])
                    if a == b or (a, b) in seen:
                        continue
                    seen.add((a, b))
                    sim = similarity(self._sigs[a], self._sigs[b])
                    if sim >= self.threshold:
                        out.append(SopPair(a, b, sim))
        out.sort(key=lambda p: (-p.similarity, p.a, p.b))
        return out

    def step_groups(self, min_sops: int = 2) -> list[StepGroup]:
        """Step texts shared by at least ``min_sops`` different SOPs, most shared first."""
        out = []
        for key, members in self._steps.items():
            if len({i for i, _ in members}) >= min_sops:
                out.append(StepGroup(self._step_text[key], tuple(members)))
        out.sort(key=lambda g: (-len({i for i, _ in g.members}), g.members[0]))
        return out
