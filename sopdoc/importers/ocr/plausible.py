"""Whether a word read by OCR is one a person wrote: a plausibility check beyond Tesseract's confidence.

Tesseract can be sure of a wrong word ('Penyuntingan' read 'Penvuntingan' at 0.9 when a letter's
tail is damaged). A word of an OCR field is *unknown* when it is neither in the vocabulary nor an
Indonesian affixed form of a vocabulary word, and is not a number, a code or an abbreviation. The
vocabulary (``sopdoc/data/kata-ocr.txt.gz``, made by ``tools/make_ocr_vocab.py``) is the word
list of Tesseract's own Indonesian model plus the project's Indonesian text; the document's own
column headers are added by the caller (an actor's name is right when it is a header's).

Affixes undone (each candidate root looked up): the particles ``-nya -lah -kah -pun``, the
suffixes ``-kan -an -i``, the prefixes ``di- ke- se- ter- ber- per- meN- peN- memper- diper-``
(``ter-`` before ``r`` written ``te-``: ``teregistrasi``) with the nasal's sound changes
(``meny-``/``peny-`` + vowel ← s, ``mem-``/``pem-`` + vowel ← p, ``men-``/``pen-`` + vowel ← t,
``meng-``/``peng-`` + vowel ← k), and reduplication (``masing-masing``).
"""

from __future__ import annotations

import functools
import gzip
import re
from collections.abc import Iterable
from pathlib import Path

__all__ = ["VOCABULARY_FILE", "known_word", "unknown_words", "vocabulary"]

VOCABULARY_FILE = Path(__file__).resolve().parents[2] / "data" / "kata-ocr.txt.gz"

_TOKEN = re.compile(r"\S+")
_LETTERS = re.compile(r"^[^\W\d_]+$")
_PARTICLES = ("nya", "lah", "kah", "pun")
_SUFFIXES = ("kan", "an", "i")
_PREFIXES = ("memper", "diper", "meng", "meny", "peng", "peny", "mem", "men", "pem", "pen", "ber", "per", "ter",
             "me", "pe", "be", "di", "ke", "se")
_VOWELS = "aeiou"
_RESTORE = {"meny": "s", "peny": "s", "mem": "p", "pem": "p", "men": "t", "pen": "t", "meng": "k", "peng": "k"}
_QUOTES = "'\"‘’“”"
"""Quote marks: one without its pair at the edge of a word is OCR residue, not writing."""
CODE_LENGTH = 6
"""An all-capital token of at most this many letters is an abbreviation or code (PPID, SKPD, BKD)."""


@functools.lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """The shipped vocabulary, lower case (empty when the data file is missing: nothing is checked)."""
    try:
        text = gzip.decompress(VOCABULARY_FILE.read_bytes()).decode("utf-8")
    except OSError:
        return frozenset()
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


def _stems(word: str) -> set[str]:
    """``word`` and its forms without suffixes (particle, then -kan/-an/-i)."""
    out = {word}
    for p in _PARTICLES:
        if word.endswith(p) and len(word) - len(p) >= 3:
            out.add(word[: -len(p)])
    for w in list(out):
        for s in _SUFFIXES:
            if w.endswith(s) and len(w) - len(s) >= 3:
                out.add(w[: -len(s)])
    return out


def _roots(word: str) -> set[str]:
    """Candidate roots of ``word`` (lower case): its stems, each without one or two prefixes."""
    out: set[str] = set()
    todo = _stems(word)
    for _round in range(2):
        more: set[str] = set()
        for w in todo:
            out.add(w)
            for p in _PREFIXES:
                if not w.startswith(p) or len(w) - len(p) < 3:
                    continue
                rest = w[len(p):]
                more.add(rest)
                if p in _RESTORE and rest[0] in _VOWELS:
                    more.add(_RESTORE[p] + rest)
                if p in ("be", "pe", "me") and rest.startswith("r"):
                    more.add(rest[1:])  # ber-/per-/mer- before r: berencana
            if w.startswith("ter") and len(w) - 2 >= 4:
                more.add(w[2:])  # ter- before r: terekam, teregistrasi
        todo = {m for w in more for m in _stems(w)} - out
    return out | todo


def known_word(word: str, extra: frozenset[str] = frozenset()) -> bool:
    """True when ``word`` (letters only) is in the vocabulary or ``extra``, or an affixed form of one."""
    vocab = vocabulary()
    w = word.casefold()
    if w in vocab or w in extra:
        return True
    return any(r in vocab or r in extra for r in _roots(w) if len(r) >= 4)


def _exempt(token: str) -> bool:
    """A number, a code or an abbreviation: never checked against the vocabulary."""
    if any(ch.isdigit() for ch in token):
        return True  # 2024, SOP-003/08/2022, 5x
    letters = [ch for ch in token if ch.isalpha()]
    return len(letters) <= 2 or (token.isupper() and len(letters) <= CODE_LENGTH)


def unknown_words(text: str, extra: Iterable[str] = (), *, name: bool = False) -> list[str]:
    """The words of ``text`` a person would not have written: not in the vocabulary (nor ``extra``,
    e.g. the document's column headers), not an affixed form of one, not a number, code or
    abbreviation; and a word with a quote mark at its edge that has no pair in ``text``. With
    ``name`` (an actor's name, a column header) stricter: a lone digit, a lone lower-case letter
    or a mark that is not a word ('Pengguna Layanan v', '— Kasat', 'Pengelola 2 Kepegawaian') is
    unknown too. Empty when the vocabulary is missing."""
    if not vocabulary():
        return []
    more = frozenset(w.casefold() for e in extra for w in re.findall(r"[^\W\d_]+", e))
    out = []
    lone_quote = sum(text.count(q) for q in _QUOTES) % 2 == 1
    for raw in _TOKEN.findall(text):
        token = raw.strip(".,;:!?()[]{}\"'“”‘’«»*•-–—")
        if lone_quote and (raw[0] in _QUOTES or raw[-1] in _QUOTES):
            out.append(raw)  # a quote mark without its pair at a word's edge: a speck ("Konsep 'Informasi")
            continue
        if name and _odd_in_name(raw, token):
            out.append(raw)
            continue
        if not token or _exempt(token):
            continue
        parts = [p for p in re.split(r"[-/]", token) if p]
        for part in parts:
            if not _LETTERS.match(part):
                if not _exempt(part):
                    out.append(token)  # letters mixed with other marks: "informasi:dan", "“AI"
                    break
                continue
            if not _exempt(part) and not known_word(part, more):
                out.append(token)
                break
    return out


def _odd_in_name(raw: str, token: str) -> bool:
    """A token no actor's name holds: only marks (not '/' or '&'), a lone digit, a lone lower-case letter."""
    if not token:
        return raw.strip("/&") != ""
    return (token.isdigit() and len(token) <= 2) or (len(token) == 1 and token.islower())
