"""Keterkaitan references resolved against the catalogue.

An entry of the Keterkaitan box names another SOP by its title ("SOP Penyusunan Rencana Aksi") or
by its number ("SOP Nomor 800/12/2024"). It resolves when, normalised (lower case, words only, a
leading "SOP"/"Standar Operasional Prosedur" and "tentang" dropped), it equals the name of an SOP in
the catalogue, or when a number-like token of it equals a catalogue SOP's Nomor. Empty entries
("-", "Tidak ada") are not references. Lookups are dictionary hits: linear in the references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sopdoc.katalog.similar import normalise

__all__ = ["Link", "LinkIndex", "reference_key"]

_PREFIX = re.compile(r"^(?:standar operasional prosedur|standard operating procedure|sop)\b\s*(?:tentang\s+)?")
_EMPTY = {"", "tidak ada", "none", "nihil", "tidak", "ada"}


def reference_key(text: str) -> str:
    """The normalised name an entry or an SOP title is matched by."""
    return _PREFIX.sub("", normalise(text)).strip()


def _number_key(text: str) -> str:
    return "".join(text.split()).lower()


def _number_tokens(text: str) -> list[str]:
    """The number-like words of ``text`` ("800/045/DPLH/2023"): a digit and a ``/``, ``.`` or ``-``
    inside, surrounding punctuation stripped. Plain string work, linear in the text (no regex that
    could backtrack on a long run of digits)."""
    out = []
    for word in text.split():
        token = word.strip("()[]{},;:\"'")
        if any(c.isdigit() for c in token) and any(c in "./-" for c in token.strip("./-")):
            out.append(token.rstrip("."))
    return out


@dataclass(frozen=True)
class Link:
    """One Keterkaitan entry of an SOP and the catalogue SOP it names (None: dangling)."""

    sumber: int  # catalogue index of the SOP holding the entry
    teks: str
    tujuan: int | None


class LinkIndex:
    """Names and numbers of the catalogue, and every reference, collected as the SOPs stream in."""

    def __init__(self) -> None:
        self._names: dict[str, int] = {}
        self._numbers: dict[str, int] = {}
        self._refs: list[tuple[int, str]] = []

    def add(self, index: int, nama: str | None, nomor: str | None, keterkaitan: tuple[str, ...]) -> None:
        """SOP ``index`` with its title, number and Keterkaitan entries."""
        if nama and reference_key(nama):
            self._names.setdefault(reference_key(nama), index)
        if nomor and nomor.strip() not in ("", "-"):
            self._numbers.setdefault(_number_key(nomor), index)
        for entry in keterkaitan:
            if reference_key(entry) not in _EMPTY:
                self._refs.append((index, entry.strip()))

    def resolve(self, entry: str) -> int | None:
        """The catalogue index ``entry`` names, or None."""
        hit = self._names.get(reference_key(entry))
        if hit is not None:
            return hit
        for token in _number_tokens(entry):
            hit = self._numbers.get(_number_key(token))
            if hit is not None:
                return hit
        return None

    def links(self) -> list[Link]:
        """Every reference with its target, in catalogue order."""
        return [Link(src, text, self.resolve(text)) for src, text in self._refs]
