"""The registry of repealed or replaced regulations (SOP212), shipped in ``sopdoc/data/dicabut.toml``.

Each entry names the repealed regulation as it is cited, its replacement, the provision that
repeals it (``sumber``), how far that was verified (``status``) and the text that was read
(``url``). A citation matches an entry by kind family, number and year as :func:`parse_citation`
reads them, so "PP No. 53 Th. 2010" matches "Peraturan Pemerintah Nomor 53 Tahun 2010 tentang …".
Agencies add entries under ``[[check.dicabut]]`` in ``sopdoc.toml`` (``dicabut``, ``pengganti``,
``sumber``; ``status``, ``url`` and ``catatan`` optional); theirs win.

Statuses (the finding's wording follows them, so an inspector knows how sure it is):

* ``pasal`` — the repealing provision itself was read; ``sumber`` names its article.
* ``dicabut`` — a source says the regulation was repealed or replaced; the article was not seen.
* ``sebagian`` — only part of it was repealed; ``catatan`` says which part (or what survives).
* ``belum-diperiksa`` — no source was found yet; the finding says the repeal is unverified.

A regulation found still in force is not an entry (the data file's comments say why it left).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from sopdoc.errors import UsageError
from sopdoc.model.diagnostic import Teks
from sopdoc.validate.citations import parse_citation

__all__ = ["REGISTRY_FILE", "STATUSES", "Repeal", "builtin_repeals", "find_repeal", "repeals_from"]

REGISTRY_FILE = Path(__file__).resolve().parents[1] / "data" / "dicabut.toml"
STATUSES = ("pasal", "dicabut", "sebagian", "belum-diperiksa")
_REQUIRED = ("dicabut", "pengganti", "sumber")
_OPTIONAL = ("status", "url", "catatan")


@dataclass(frozen=True)
class Repeal:
    """One repealed regulation: as cited, its replacement, the provision that repeals it, how sure."""

    dicabut: str
    pengganti: str
    sumber: str
    status: str = ""  # one of STATUSES; "" for an agency entry that does not say
    url: str = ""  # the text that was read
    catatan: str = ""  # for "sebagian": which part was repealed or survives

    @cached_property
    def key(self) -> tuple[str, str, int] | None:
        """``(family, nomor, tahun)`` of the repealed regulation (parsed once per entry)."""
        return parse_citation(self.dicabut).key

    def pesan(self) -> Teks:
        """The finding's message, worded by how far the repeal was verified."""
        if self.status == "belum-diperiksa":
            return Teks(f"peraturan ini tercatat sudah dicabut/diganti ({self.sumber}), tetapi catatan "
                        "itu belum diverifikasi terhadap teks peraturan penggantinya",
                        f"this regulation is listed as repealed or replaced ({self.sumber}), but the "
                        "listing has not been verified against the replacing regulation's text")
        if self.status == "sebagian":
            return Teks(f"sebagian peraturan ini sudah dicabut ({self.sumber}): {self.catatan}",
                        f"part of this regulation has been repealed ({self.sumber}): {self.catatan}")
        return Teks(f"peraturan ini sudah dicabut/diganti ({self.sumber})",
                    f"this regulation has been repealed or replaced ({self.sumber})")

    def saran(self) -> Teks:
        """The finding's hint; it always names the replacement."""
        if self.status == "belum-diperiksa":
            return Teks(f"periksa status peraturan ini; penggantinya kemungkinan {self.pengganti}",
                        f"check this regulation's status; its replacement is probably {self.pengganti}")
        if self.status == "sebagian":
            return Teks(f"rujuk bagian yang masih berlaku saja, dan {self.pengganti} untuk bagian yang dicabut",
                        f"cite only the part still in force, and {self.pengganti} for the repealed part")
        return Teks(f"ganti dengan {self.pengganti}", f"cite instead: {self.pengganti}")


def _entry_error(where: str, n: int, id_: str, en: str) -> UsageError:
    return UsageError(Teks(f"{where} butir {n}: {id_}", f"{where} entry {n}: {en}"))


def _repeal(entry: Any, where: str, n: int, strict: bool) -> Repeal:
    """One entry, checked; ``strict`` (the shipped file) also demands status, source URL and article."""
    if not isinstance(entry, Mapping) or not set(_REQUIRED) <= set(entry) <= {*_REQUIRED, *_OPTIONAL} or not all(
            isinstance(v, str) and v.strip() for v in entry.values()):
        raise _entry_error(where, n, "isi dicabut, pengganti dan sumber (teks); status, url dan catatan boleh",
                           "give dicabut, pengganti and sumber (text); status, url and catatan are optional")
    r = Repeal(**{k: str(v).strip() for k, v in entry.items()})
    if r.key is None:
        raise _entry_error(where, n, f"jenis, nomor dan tahun {r.dicabut!r} tidak terbaca",
                           f"kind, number and year of {r.dicabut!r} not readable")
    if r.status and r.status not in STATUSES:
        raise _entry_error(where, n, f"status {r.status!r} tidak dikenal (pilih: {', '.join(STATUSES)})",
                           f"unknown status {r.status!r} (choose: {', '.join(STATUSES)})")
    if r.url and not r.url.startswith(("https://", "http://")):
        raise _entry_error(where, n, f"url {r.url!r} bukan alamat http(s)", f"url {r.url!r} is not an http(s) address")
    if r.status == "sebagian" and not r.catatan:
        raise _entry_error(where, n, "status sebagian perlu catatan bagian yang dicabut",
                           "status sebagian needs a catatan saying which part was repealed")
    if strict:
        verified = r.status in ("pasal", "dicabut", "sebagian")
        if not r.status or (verified and not r.url) or (r.status == "pasal" and "Pasal " not in r.sumber):
            raise _entry_error(where, n,
                               "butir bawaan perlu status, url sumber yang dibaca, dan pasal bila status pasal",
                               "a shipped entry needs a status, the URL of the source read, and the article "
                               "for status pasal")
    return r


def repeals_from(entries: Any, where: str, strict: bool = False) -> tuple[Repeal, ...]:
    """Entries from a list of tables; UsageError naming ``where`` (``strict`` for the shipped file)."""
    if not isinstance(entries, list):
        raise UsageError(Teks(f"{where}: harus berupa daftar tabel {{dicabut, pengganti, sumber}}",
                              f"{where}: must be a list of tables {{dicabut, pengganti, sumber}}"))
    return tuple(_repeal(entry, where, n, strict) for n, entry in enumerate(entries, start=1))


@lru_cache(maxsize=1)
def builtin_repeals() -> tuple[Repeal, ...]:
    """The shipped registry."""
    with REGISTRY_FILE.open("rb") as f:
        return repeals_from(tomllib.load(f).get("dicabut"), "sopdoc/data/dicabut.toml", strict=True)


@lru_cache(maxsize=1)
def _builtin_index() -> dict[tuple[str, str, int], Repeal]:
    """The shipped registry by key (the first entry of a key wins, as a scan in order would)."""
    index: dict[tuple[str, str, int], Repeal] = {}
    for r in builtin_repeals():
        if r.key is not None:
            index.setdefault(r.key, r)
    return index


def find_repeal(text: str, extra: Iterable[Repeal] = ()) -> Repeal | None:
    """The registry entry the citation ``text`` names (the agency's ``extra`` first), or None."""
    key = parse_citation(text).key
    if key is None:
        return None
    return next((r for r in extra if r.key == key), None) or _builtin_index().get(key)
