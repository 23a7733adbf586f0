"""Checking what a user records before anything is stored: one row → an entry or its problems.

Used by ``log add`` (one row) and ``log import`` (every row first; nothing is written unless all
rows are valid). A timestamp without a zone is read in the agency's zone, and a note says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from sopdoc.execution.entries import EntryInput, TimestampError, parse_timestamp
from sopdoc.execution.pinned import StepTable
from sopdoc.model.diagnostic import Teks
from sopdoc.safe_path import UnsafeInputError, evidence_path, read_regular

__all__ = ["COLUMNS", "MAX_EVIDENCE_BYTES", "MAX_TEXT", "RowResult", "check_row"]

COLUMNS = ("kasus", "langkah", "oleh", "peran", "mulai", "selesai", "output", "keputusan", "kelengkapan",
           "bukti", "catatan", "menggantikan")
_ALIASES = {"no": "langkah", "step": "langkah", "nama": "oleh", "pelaksana": "oleh", "jabatan": "peran",
            "role": "peran", "start": "mulai", "end": "selesai", "keputusan/cabang": "keputusan",
            "bukti/evidence": "bukti", "keterangan": "catatan", "case": "kasus", "no kasus": "kasus",
            "nomor kasus": "kasus", "no. kasus": "kasus", "case id": "kasus"}
MAX_TEXT = 2000
MAX_KASUS = 100  # a case id: an agenda number, a request or dossier number
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024  # one scanned document; the file is stored in the database
_NUMBER = re.compile(r"[0-9]{1,9}")  # ASCII digits only: '²', '₂', '①' are not step numbers


@dataclass
class RowResult:
    """The entry read from one row, or the problems that keep it out; notes are for information."""

    row: int
    entry: EntryInput | None = None
    problems: list[Teks] = field(default_factory=list)
    notes: list[Teks] = field(default_factory=list)
    warnings: list[Teks] = field(default_factory=list)  # recorded anyway (entry_checks)
    evidence: tuple[bytes, str] | None = None


@lru_cache(maxsize=64)
def _zone_note(key: str, zone: str) -> Teks:
    """The note on a time read in the agency's zone (one object per column and zone, not per row)."""
    return Teks(f"'{key}' tanpa zona waktu; dibaca sebagai waktu setempat ({zone})",
                f"'{key}' has no time zone; read as local time ({zone})")


def column_name(header: str) -> str:
    """The canonical column for a header cell ("Langkah", "NO", "jabatan" → langkah/peran)."""
    key = " ".join(str(header).strip().lower().split())
    return _ALIASES.get(key, key)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def check_row(row_no: int, values: Mapping[str, object], flow: StepTable, zone: ZoneInfo, *,
              known_seqs: set[int] | None = None, base_dir: Path | None = None,
              window: tuple[dt.datetime, dt.datetime] | None = None,
              stamps: dict[str, tuple[dt.datetime, bool, str]] | None = None) -> RowResult:
    """Validate one row of a log; never raises on content.

    ``base_dir`` (an imported log's folder) confines evidence paths to that folder; without it
    (``log add``) the path is the user's own. ``window`` bounds the timestamps (aware datetimes).
    ``stamps``: the timestamps already read by the rows of one import (in ``zone``), each text with
    its moment, whether the zone was assumed, and its ISO form; the end of one step is often the start
    of the next, and a row reads each of its two once.
    """
    res = RowResult(row_no)
    p = res.problems.append
    raw = {k: v.strip() if type(v) is str else _text(v) for k, v in values.items()}
    for key, val in raw.items():
        if len(val) > MAX_TEXT:
            p(Teks(f"kolom '{key}' terlalu panjang ({len(val)} karakter, maks. {MAX_TEXT})",
                   f"column '{key}' is too long ({len(val)} characters, max. {MAX_TEXT})"))
    kasus = raw.get("kasus", "")
    if len(kasus) > MAX_KASUS:
        p(Teks(f"kasus terlalu panjang ({len(kasus)} karakter, maks. {MAX_KASUS})",
               f"kasus is too long ({len(kasus)} characters, max. {MAX_KASUS})"))
    elif not kasus.isprintable():
        p(Teks("kasus berisi karakter kendali atau baris baru", "kasus holds control characters or line breaks"))
    langkah_txt = raw.get("langkah", "")
    step = None
    if not _NUMBER.fullmatch(langkah_txt):
        p(Teks(f"langkah harus nomor langkah, bukan '{langkah_txt}'",
               f"langkah must be a step number, not '{langkah_txt}'"))
    else:
        step = flow.step(int(langkah_txt))
        if step is None:
            nums = ", ".join(str(s.no) for s in flow.steps)
            p(Teks(f"langkah {langkah_txt} tidak ada di SOP (langkah: {nums})",
                   f"step {langkah_txt} is not in the SOP (steps: {nums})"))
    for key in ("oleh", "peran"):
        if not raw.get(key):
            p(Teks(f"kolom '{key}' kosong", f"column '{key}' is empty"))
    times, iso = {}, {}
    for key in ("mulai", "selesai"):
        text = raw.get(key)
        if not text:
            p(Teks(f"kolom '{key}' kosong", f"column '{key}' is empty"))
            continue
        known = stamps.get(text) if stamps is not None else None
        if known is None:
            try:
                moment, assumed = parse_timestamp(text, zone)
            except TimestampError as exc:
                p(exc.teks)
                continue
            known = (moment, assumed, moment.isoformat())
            if stamps is not None:
                stamps[text] = known
        moment, assumed, iso[key] = known
        if window is not None and not window[0] <= moment <= window[1]:
            lo, hi = (w.date().isoformat() for w in window)
            p(Teks(f"'{key}' ({raw[key]}) di luar rentang periode ({lo} s.d. {hi})",
                   f"'{key}' ({raw[key]}) lies outside the period's window ({lo} to {hi})"))
            continue
        times[key] = moment
        if assumed:
            res.notes.append(_zone_note(key, zone.key))
    if len(times) == 2 and times["selesai"] < times["mulai"]:
        p(Teks(f"selesai ({raw['selesai']}) sebelum mulai ({raw['mulai']})",
               f"end ({raw['selesai']}) is before start ({raw['mulai']})"))
    keputusan = raw.get("keputusan", "").lower()
    if keputusan not in ("", "ya", "tidak"):
        p(Teks(f"keputusan harus 'ya' atau 'tidak', bukan '{keputusan}'",
               f"keputusan must be 'ya' or 'tidak', not '{keputusan}'"))
    elif keputusan and step is not None and not step.keputusan:
        p(Teks(f"langkah {step.no} bukan keputusan; kosongkan kolom keputusan",
               f"step {step.no} is not a decision; leave keputusan empty"))
    menggantikan = None
    if raw.get("menggantikan"):
        if not _NUMBER.fullmatch(raw["menggantikan"]):
            p(Teks("menggantikan harus nomor entri", "menggantikan must be an entry number"))
        else:
            menggantikan = int(raw["menggantikan"])
            if known_seqs is not None and menggantikan not in known_seqs:
                p(Teks(f"entri #{menggantikan} yang digantikan tidak ada",
                       f"superseded entry #{menggantikan} does not exist"))
    bukti, bukti_nama = "", ""
    if raw.get("bukti"):
        path: Path | None = Path(raw["bukti"])
        refused = None
        if base_dir is not None:
            path, refused = evidence_path(raw["bukti"], base_dir)
        if refused is not None or path is None:
            p(refused or Teks("jalur bukti tidak valid", "invalid evidence path"))
        else:
            try:
                data = read_regular(path, MAX_EVIDENCE_BYTES, follow_symlinks=base_dir is None)
            except UnsafeInputError as exc:
                p(Teks(f"berkas bukti ditolak: {raw['bukti']}: {exc.reason.id}",
                       f"evidence file refused: {raw['bukti']}: {exc.reason.en}"))
            except OSError:
                p(Teks(f"berkas bukti tidak dapat dibaca: {raw['bukti']}",
                       f"evidence file cannot be read: {raw['bukti']}"))
            else:
                bukti, bukti_nama = hashlib.sha256(data).hexdigest(), path.name
                res.evidence = (data, path.name)
    if res.problems or step is None:
        return res
    res.entry = EntryInput(
        langkah=step.no, oleh=raw["oleh"], peran=raw["peran"],
        mulai=iso["mulai"], selesai=iso["selesai"],
        output=raw.get("output", ""), keputusan=keputusan, kelengkapan=raw.get("kelengkapan", ""),
        bukti=bukti, bukti_nama=bukti_nama, catatan=raw.get("catatan", ""), menggantikan=menggantikan,
        kasus=kasus)
    return res
