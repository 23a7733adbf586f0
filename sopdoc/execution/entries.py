"""Log entries: one recorded completion of one step, its timestamps and its place in the chain."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import operator
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any
from zoneinfo import ZoneInfo

from sopdoc.model.diagnostic import Teks

__all__ = [
    "GENESIS",
    "STORED_FIELDS",
    "EntryInput",
    "LogEntry",
    "TimestampError",
    "chain_entries",
    "current_entries",
    "entries_from_rows",
    "entry_hash",
    "parse_timestamp",
    "superseded_seqs",
]

GENESIS = "0" * 64
_TS = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?\s*$",
                 re.ASCII)
YEARS = (1900, 2999)  # beyond these, date arithmetic in other zones can overflow
_ZONE_WORDS = {"WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00"}


class TimestampError(ValueError):
    """A timestamp that cannot be read; ``teks`` says why in both languages."""

    def __init__(self, teks: Teks) -> None:
        super().__init__(teks.en)
        self.teks = teks


def parse_timestamp(text: str, zone: ZoneInfo) -> tuple[dt.datetime, bool]:
    """An aware datetime from ``2026-10-05 08:00[:00][+08:00|WITA]``; the flag says the zone was
    missing and ``zone`` (the agency's) was assumed."""
    raw = str(text).strip()
    if raw[-1:].isalpha():  # "… WITA": most stamps end in a digit and skip this
        upper = raw.upper()
        for word, offset in _ZONE_WORDS.items():
            if upper.endswith(" " + word):
                raw = raw[: -len(word) - 1] + offset
                break
    m = _TS.match(raw) if len(raw) <= 64 else None  # a stamp is ~25 chars; long runs of spaces backtrack
    if not m:
        raise TimestampError(Teks(f"waktu tidak terbaca: '{text}' (bentuk: 2026-10-05 08:00)",
                                  f"unreadable timestamp: '{text}' (form: 2026-10-05 08:00)"))
    y, mo, d, h, mi, s, tz = m.groups()
    if tz is None and len(raw) == 16 and raw[13] == ":" and YEARS[0] <= int(y) <= YEARS[1]:
        try:  # the common "2026-10-05 08:00": the C parser, same result
            return dt.datetime.fromisoformat(raw).replace(tzinfo=zone), True
        except ValueError:
            pass  # e.g. "2026-1-05 08:00" or a day that does not exist: the checks below say why
    if not YEARS[0] <= int(y) <= YEARS[1]:
        raise TimestampError(Teks(f"tahun di luar {YEARS[0]}–{YEARS[1]}: '{text}'",
                                  f"year outside {YEARS[0]}–{YEARS[1]}: '{text}'"))
    try:
        naive = dt.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
    except ValueError:
        raise TimestampError(Teks(f"tanggal/jam tidak ada: '{text}'",
                                  f"no such date or time: '{text}'")) from None
    if tz is None:
        return naive.replace(tzinfo=zone), True
    if tz == "Z":
        return naive.replace(tzinfo=dt.UTC), False
    sign = 1 if tz[0] == "+" else -1
    hh, mm = int(tz[1:3]), int(tz[-2:])
    if hh > 14 or mm > 59:
        raise TimestampError(Teks(f"zona waktu tidak valid: '{text}'", f"invalid UTC offset: '{text}'"))
    return naive.replace(tzinfo=dt.timezone(sign * dt.timedelta(hours=hh, minutes=mm))), False


@dataclass(frozen=True, slots=True)
class EntryInput:
    """What a user records for one step (before the store numbers and chains it)."""

    langkah: int
    oleh: str
    peran: str
    mulai: str  # ISO 8601 with UTC offset
    selesai: str
    output: str = ""
    keputusan: str = ""  # "ya" | "tidak" | ""
    kelengkapan: str = ""  # "lengkap" | items present, separated by ";" | ""
    bukti: str = ""  # sha256 of the evidence file
    bukti_nama: str = ""
    catatan: str = ""
    menggantikan: int | None = None  # seq of the entry this one supersedes
    kasus: str = ""  # the case (one letter, request, dossier) within the period; "" the one implicit case


@dataclass(frozen=True, slots=True)
class LogEntry(EntryInput):
    """A stored entry: numbered per instance, stamped and chained."""

    seq: int = 0
    dicatat_oleh: str = ""
    dicatat_pada: str = ""
    prev_hash: str = GENESIS
    hash: str = ""


_CHAINED = ("langkah", "oleh", "peran", "mulai", "selesai", "output", "keputusan", "kelengkapan",
            "bukti", "bukti_nama", "catatan", "menggantikan", "seq", "dicatat_oleh", "dicatat_pada")
_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
_STRING = json.encoder.encode_basestring  # what _ENCODE writes for a str (ensure_ascii=False)
# The canonical JSON's keys in sorted order, each with its '"key":' prefix: the case goes between
# dicatat_pada and kelengkapan when present (the same order sort_keys gives).
_BEFORE_CASE = ("bukti", "bukti_nama", "catatan", "dicatat_oleh", "dicatat_pada")
_AFTER_CASE = ("kelengkapan", "keputusan", "langkah", "menggantikan", "mulai", "oleh", "output", "peran",
               "selesai", "seq")
assert sorted((*_CHAINED, "kasus")) == [*_BEFORE_CASE, "kasus", *_AFTER_CASE]


def _json_value(value: object) -> str:
    """One value exactly as ``_ENCODE`` writes it inside the canonical JSON (fast for str, int, None)."""
    if type(value) is str:
        return _STRING(value)
    if type(value) is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    return _ENCODE(value)  # anything else a damaged row may hold: the encoder's own answer (or TypeError)


_KEYS_BEFORE = tuple(f'"{k}":' for k in _BEFORE_CASE)
_KEYS_AFTER = tuple(f'"{k}":' for k in _AFTER_CASE)
_ATTRS_BEFORE, _ATTRS_AFTER = operator.attrgetter(*_BEFORE_CASE), operator.attrgetter(*_AFTER_CASE)
_ITEMS_BEFORE, _ITEMS_AFTER = operator.itemgetter(*_BEFORE_CASE), operator.itemgetter(*_AFTER_CASE)


def _canonical(before: Sequence[object], kasus: object, after: Sequence[object]) -> str:
    """``_ENCODE`` of the chained fields (``before`` and ``after`` the case, in the order of
    ``_BEFORE_CASE`` and ``_AFTER_CASE``) and a non-empty case, written key by key: the same text in a
    fifth of the time (every entry is hashed at import and at every verification)."""
    parts = [k + (_STRING(v) if type(v) is str else _json_value(v)) for k, v in zip(_KEYS_BEFORE, before, strict=True)]
    if kasus:
        parts.append('"kasus":' + _json_value(kasus))
    parts += [k + (_STRING(v) if type(v) is str else _json_value(v)) for k, v in zip(_KEYS_AFTER, after, strict=True)]
    return "{" + ",".join(parts) + "}"


def _digest(instance: str, prev_hash: str, text: str) -> str:
    return hashlib.sha256(f"{prev_hash}\n{instance}\n{text}".encode()).hexdigest()


def entry_hash(instance: str, entry: LogEntry | dict[str, object], prev_hash: str) -> str:
    """sha256 over the previous hash, the instance and the entry's canonical JSON (sorted keys, no
    spaces, UTF-8).

    The case (``kasus``, schema version 4) is in the JSON only when it is not empty: an entry of the one
    implicit case, and every entry written before cases existed, hashes exactly as before (old chains stay
    valid without rewriting a row), while a named case is covered by the hash like every other field —
    naming, renaming or clearing it afterwards breaks the chain."""
    if isinstance(entry, LogEntry):
        text = _canonical(_ATTRS_BEFORE(entry), entry.kasus, _ATTRS_AFTER(entry))
    else:
        text = _canonical(_ITEMS_BEFORE(entry), str(entry.get("kasus") or ""), _ITEMS_AFTER(entry))
    return _digest(instance, prev_hash, text)


STORED_FIELDS = tuple(f.name for f in fields(LogEntry))
"""The columns of a stored entry, in the dataclass's order (the store's insert and select)."""
assert STORED_FIELDS == ("langkah", "oleh", "peran", "mulai", "selesai", "output", "keputusan", "kelengkapan",
                         "bukti", "bukti_nama", "catatan", "menggantikan", "kasus", "seq", "dicatat_oleh",
                         "dicatat_pada", "prev_hash", "hash")  # the order entries_from_rows unpacks


def entries_from_rows(rows: Iterable[Sequence[Any]]) -> list[LogEntry]:
    """Stored entries from rows of ``STORED_FIELDS`` in chain order, compact: each text repeated across
    entries (a name, a role, a time that ends one step and starts the next, an output, a case, the
    recorder and the stamp of one import) is kept once, and a ``prev_hash`` equal to the previous
    entry's hash is that same string. Given the rows one at a time (a cursor), 100,000 entries take
    less than half the memory of the rows fetched whole; the values are the same, so is every hash.
    Only ``str`` values are shared (an equal value of another type, in a damaged row, stays itself)."""
    pool: dict[str, str] = {}
    keep = pool.setdefault
    out = []
    last = ""
    for row in rows:
        (langkah, oleh, peran, mulai, selesai, output, keputusan, kelengkapan, bukti, bukti_nama, catatan,
         menggantikan, kasus, seq, dicatat_oleh, dicatat_pada, prev, digest) = row
        if (type(oleh) is type(peran) is type(mulai) is type(selesai) is type(output) is type(keputusan)
                is type(kelengkapan) is type(bukti) is type(bukti_nama) is type(catatan) is type(kasus)
                is type(dicatat_oleh) is type(dicatat_pada) is type(prev) is str):
            entry = LogEntry(langkah, keep(oleh, oleh), keep(peran, peran), keep(mulai, mulai),
                             keep(selesai, selesai), keep(output, output), keep(keputusan, keputusan),
                             keep(kelengkapan, kelengkapan), keep(bukti, bukti), keep(bukti_nama, bukti_nama),
                             keep(catatan, catatan), menggantikan, keep(kasus, kasus), seq,
                             keep(dicatat_oleh, dicatat_oleh), keep(dicatat_pada, dicatat_pada),
                             last if prev == last else prev, digest)
        else:
            entry = LogEntry(*row)
        last = digest
        out.append(entry)
    return out


def chain_entries(instance: str, entries: Sequence[EntryInput], seq: int, prev: str, recorded_by: str,
                  stamp: str) -> list[LogEntry]:
    """``entries`` numbered after ``seq``, stamped and hash-chained after ``prev``: each built once
    from its fields (no ``dataclasses.asdict``, which deep-copies every value: 70 % of an import)."""
    out = []
    for e in entries:
        seq += 1
        text = _canonical((e.bukti, e.bukti_nama, e.catatan, recorded_by, stamp), str(e.kasus or ""),
                          (e.kelengkapan, e.keputusan, e.langkah, e.menggantikan, e.mulai, e.oleh, e.output,
                           e.peran, e.selesai, seq))  # _BEFORE_CASE, _AFTER_CASE of the entry to be
        digest = _digest(instance, prev, text)
        out.append(LogEntry(e.langkah, e.oleh, e.peran, e.mulai, e.selesai, e.output, e.keputusan, e.kelengkapan,
                            e.bukti, e.bukti_nama, e.catatan, e.menggantikan, e.kasus, seq, recorded_by, stamp,
                            prev, digest))
        prev = digest
    return out


def superseded_seqs(entries: Iterable[LogEntry]) -> frozenset[int]:
    """The ``seq`` of every entry corrected by a later one (named by its ``menggantikan``)."""
    return frozenset(e.menggantikan for e in entries if e.menggantikan)


def current_entries(entries: Sequence[LogEntry]) -> list[LogEntry]:
    """The entries that still count: those not superseded by a later entry, in recorded order."""
    gone = superseded_seqs(entries)
    return [e for e in entries if e.seq not in gone]
