"""Small text helpers shared by the rules: words, normalisation, fuzzy matching."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["artefact_type", "content_tokens", "first_word", "is_blank", "norm", "overlaps", "same_artefact", "words"]

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


GENERIC = frozenset(["dokumen", "data", "laporan", "surat", "berkas", "draf", "draft", "konsep", "rancangan",
                     "formulir", "form", "format", "daftar", "catatan", "bahan", "kegiatan"])
"""Words that name what kind of paper a thing is, not which one: two artefacts sharing only these
("Surat Undangan Rapat" and "Surat Permohonan") are different artefacts."""

_VERSION = frozenset(["draf", "draft", "konsep", "rancangan", "salinan", "fotokopi"])
_TYPES: dict[str, str] = {
    "surat undangan": "undangan", "undangan": "undangan", "surat tugas": "surat tugas",
    "surat perintah": "surat perintah", "surat permohonan": "permohonan", "permohonan": "permohonan",
    "surat permintaan": "permintaan", "surat keputusan": "keputusan", "keputusan": "keputusan",
    "surat keterangan": "surat keterangan", "surat pengantar": "surat pengantar",
    "surat pemberitahuan": "pemberitahuan", "surat edaran": "surat edaran", "surat rekomendasi": "rekomendasi",
    "rekomendasi": "rekomendasi", "surat pernyataan": "pernyataan", "nota dinas": "nota dinas",
    "berita acara": "berita acara", "notulen": "notulen", "daftar hadir": "daftar hadir",
    "tanda terima": "tanda terima", "disposisi": "disposisi", "kertas kerja": "kertas kerja",
    "laporan": "laporan", "register": "register",
}
"""The kind of an artefact, read from its leading words (after Draf/Konsep …): the head of the
noun phrase. Synonymous heads share a kind ("Surat Undangan" = "Undangan")."""


@lru_cache(maxsize=1 << 16)
def artefact_type(text: str) -> str | None:
    """The kind of artefact ``text`` names by its head words (``None`` when not a known kind)."""
    ws = norm(text).split()
    while ws and ws[0] in _VERSION:
        ws = ws[1:]
    for n in (2, 1):
        kind = _TYPES.get(" ".join(ws[:n]))
        if kind:
            return kind
    return None


def same_artefact(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` plausibly name the same artefact (output→kelengkapan, MB-07).

    Stricter than :func:`overlaps`: two known kinds that differ (an invitation is not a letter of
    assignment, a report not a berita acara) never match; the words that only say what kind of
    paper it is (:data:`GENERIC`) are ignored, and the specific words must share half of the
    smaller set. When one side has only generic words, :func:`overlaps` decides.
    """
    ka, kb = artefact_type(a), artefact_type(b)
    if ka and kb and ka != kb:
        return False
    sa, sb = content_tokens(a) - GENERIC, content_tokens(b) - GENERIC
    if not sa or not sb:
        return overlaps(a, b)
    shared = len(sa & sb)
    return shared > 0 and shared / min(len(sa), len(sb)) >= 0.5


def first_word(text: str) -> str:
    """The first word of ``text`` ('' when none)."""
    found = words(text)
    return found[0] if found else ""


def is_blank(text: str | None) -> bool:
    """None, empty, or a dash/placeholder meaning "none"."""
    return text is None or text.strip().strip(".").strip() in ("", "-", "–", "—")
