"""Small text helpers shared by the rules: words, normalisation, fuzzy matching."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["content_tokens", "first_word", "is_blank", "norm", "overlaps", "words"]

_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)
_STOP = frozenset(
    [
        "dan",
        "atau",
        "yang",
        "dari",
        "di",
        "ke",
        "untuk",
        "pada",
        "dengan",
        "oleh",
        "serta",
        "atas",
        "dalam",
        "ini",
        "itu",
        "berupa",
        "sebagai",
        "masing-masing",
        "seluruh",
        "setiap",
        "hasil",
    ]
)


@lru_cache(maxsize=1 << 16)
def words(text: str) -> tuple[str, ...]:
    """The words of ``text`` in order (letters and digits; hyphenated words kept whole)."""
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text)))


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Lower-case words joined by single spaces (punctuation and markup dropped)."""
    return " ".join(w.lower() for w in words(text))


@lru_cache(maxsize=1 << 16)
def content_tokens(text: str) -> frozenset[str]:
    """Lower-case words without function words (for fuzzy matching of artefact names)."""
    return frozenset(w.lower() for w in words(text.replace("/", " ")) if w.lower() not in _STOP)


def overlaps(a: str, b: str, threshold: float = 0.5) -> bool:
    """True when the word sets share at least ``threshold`` of the smaller set (and ≥ 1 word)."""
    ta, tb = content_tokens(a), content_tokens(b)
    if not ta or not tb:
        return False
    shared = len(ta & tb)
    return shared > 0 and shared / min(len(ta), len(tb)) >= threshold


def first_word(text: str) -> str:
    """The first word of ``text`` ('' when none)."""
    found = words(text)
    return found[0] if found else ""


def is_blank(text: str | None) -> bool:
    """None, empty, or a dash/placeholder meaning "none"."""
    return text is None or text.strip().strip(".").strip() in ("", "-", "–", "—")
