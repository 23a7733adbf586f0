"""The registry of repealed or replaced regulations (SOP212), shipped in ``sopdoc/data/dicabut.toml``.

Each entry names the repealed regulation as it is cited, its replacement, and the source that
says so (the repealing regulation's "… dicabut dan dinyatakan tidak berlaku" provision). A
citation matches an entry by kind family, number and year as :func:`parse_citation` reads them,
so "PP No. 53 Th. 2010" matches "Peraturan Pemerintah Nomor 53 Tahun 2010 tentang …". Agencies
add entries under ``[[check.dicabut]]`` in ``sopdoc.toml`` (same three keys); theirs win.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sopdoc.errors import UsageError
from sopdoc.model.diagnostic import Teks
from sopdoc.validate.citations import parse_citation

__all__ = ["REGISTRY_FILE", "Repeal", "builtin_repeals", "find_repeal", "repeals_from"]

REGISTRY_FILE = Path(__file__).resolve().parents[1] / "data" / "dicabut.toml"
_KEYS = ("dicabut", "pengganti", "sumber")


@dataclass(frozen=True)
class Repeal:
    """One repealed regulation: as cited, its replacement, and the source that repeals it."""

    dicabut: str
    pengganti: str
    sumber: str

    @property
    def key(self) -> tuple[str, str, int] | None:
        """``(family, nomor, tahun)`` of the repealed regulation."""
        return parse_citation(self.dicabut).key


def repeals_from(entries: Any, where: str) -> tuple[Repeal, ...]:
    """Entries from a list of tables ``{dicabut, pengganti, sumber}``; UsageError naming ``where``."""
    if not isinstance(entries, list):
        raise UsageError(Teks(f"{where}: harus berupa daftar tabel {{dicabut, pengganti, sumber}}",
                              f"{where}: must be a list of tables {{dicabut, pengganti, sumber}}"))
    out = []
    for n, entry in enumerate(entries, start=1):
        if not isinstance(entry, Mapping) or set(entry) != set(_KEYS) or not all(
                isinstance(entry[k], str) and entry[k].strip() for k in _KEYS):
            raise UsageError(Teks(f"{where} butir {n}: isi tepat dicabut, pengganti dan sumber (teks)",
                                  f"{where} entry {n}: give exactly dicabut, pengganti and sumber (text)"))
        repeal = Repeal(entry["dicabut"].strip(), entry["pengganti"].strip(), entry["sumber"].strip())
        if repeal.key is None:
            raise UsageError(Teks(f"{where} butir {n}: jenis, nomor dan tahun {repeal.dicabut!r} tidak terbaca",
                                  f"{where} entry {n}: kind, number and year of {repeal.dicabut!r} not readable"))
        out.append(repeal)
    return tuple(out)


@lru_cache(maxsize=1)
def builtin_repeals() -> tuple[Repeal, ...]:
    """The shipped registry."""
    with REGISTRY_FILE.open("rb") as f:
        return repeals_from(tomllib.load(f).get("dicabut"), "sopdoc/data/dicabut.toml")


@lru_cache(maxsize=1)
def _builtin_by_key() -> dict[tuple[str, str, int], Repeal]:
    """The shipped registry by key, the first entry of a key winning (as a scan would find it)."""
    out: dict[tuple[str, str, int], Repeal] = {}
    for repeal in builtin_repeals():
        if repeal.key is not None:
            out.setdefault(repeal.key, repeal)
    return out


def find_repeal(text: str, extra: Iterable[Repeal] = ()) -> Repeal | None:
    """The registry entry the citation ``text`` names (the agency's ``extra`` first), or None."""
    key = parse_citation(text).key
    if key is None:
        return None
    return next((r for r in extra if r.key == key), None) or _builtin_by_key().get(key)
