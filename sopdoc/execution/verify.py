"""Verification of the log store: entry chains, their anchors, the keyed checkpoints, the pinned data.

What is checked (DESIGN.md §8), on the raw tables of one database (SQLite or PostgreSQL, through the
small :class:`Tables` interface each store gives):

- the append-only triggers of every table are present and unchanged;
- the store-level chain of heads rows: numbered 1, 2, 3 … without gaps, each linked to the one
  before, the last one equal to the database's own counter (SQLite's ``sqlite_sequence``,
  PostgreSQL's ``sopdoc_meta``), and each carrying the HMAC of the key kept
  outside the database (:mod:`sopdoc.execution.log_key`);
- every instance has heads rows and every instance named in them still exists;
- per instance: its row (and its SOP version's name and number) against the digest in its last
  head; the pinned SOP source against its hash; the entry chain from its genesis, numbered without
  gaps; the entry count and last hash against every recorded head; the evidence files against
  their hashes;
- per instance: its lifecycle rows (closed, voided) against their own hashes and one to one against
  the heads rows that carry them, no entries appended after an end, and the frozen report files
  against their hashes.

Problems of one instance are :class:`BrokenLink`\\ s (at most one per kind and instance: what
follows a broken link is its consequence); problems of the store as a whole are Teks lines.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sopdoc.execution.chain import (
    ADOPT,
    APPEND,
    INSTANCE_FIELDS,
    heads_link,
    heads_mac,
    instance_digest,
    lifecycle_hash,
    split_lifecycle_kind,
)
from sopdoc.execution.entries import GENESIS, STORED_FIELDS, LogEntry, entries_from_rows, entry_hash
from sopdoc.model.diagnostic import Teks

__all__ = ["BrokenLink", "Head", "Tables", "Verification", "verify_connection"]

_ENTRY_COLUMNS = ", ".join(STORED_FIELDS)


@dataclass(frozen=True)
class BrokenLink:
    """A problem of one instance: the first entry (``seq``, 0 for the instance itself) that does not verify."""

    instance: str
    seq: int
    reason: Teks


@dataclass(frozen=True)
class Head:
    """An instance's recorded chain head: its entry count and last entry hash (the genesis when empty)."""

    instance: str
    entries: int
    hash: str


@dataclass
class Verification:
    """The outcome of verifying the store (or one instance in it)."""

    broken: list[BrokenLink] = field(default_factory=list)
    store: list[Teks] = field(default_factory=list)  # problems of the store as a whole
    notes: list[Teks] = field(default_factory=list)  # no problem, but worth saying
    heads: dict[str, Head] = field(default_factory=dict)
    keyed: bool = False  # the keyed checkpoints were checked

    @property
    def ok(self) -> bool:
        """Nothing found."""
        return not self.broken and not self.store

    def to_dict(self, lang: str = "id") -> dict[str, Any]:
        """JSON-ready data (``period check --format json``)."""
        return {"valid": self.ok, "keyed": self.keyed, "problems": self.problems(lang),
                "notes": [t.get(lang) for t in self.notes],
                "heads": {k: {"entries": h.entries, "hash": h.hash} for k, h in sorted(self.heads.items())}}

    def problems(self, lang: str = "id") -> list[str]:
        """Every problem as one line: the store's first, then each instance's."""
        word = "entry" if lang == "en" else "entri"
        lines = [t.get(lang) for t in self.store]
        for b in self.broken:
            where = f" {word} #{b.seq}:" if b.seq else ""
            lines.append(f"{b.instance}:{where} {b.reason.get(lang)}")
        return lines


class Tables(Protocol):
    """What verification reads of a database: rows (SQL with ``?`` placeholders) and its catalogue."""

    def tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of ``sql`` as tuples."""
        ...

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """The rows of ``sql`` as column → value."""
        ...

    def each(self, sql: str, params: Sequence[Any] = ()) -> Iterable[Sequence[Any]]:
        """The rows of ``sql`` one at a time (not all held at once: the entries of a large log)."""
        ...

    def triggers(self) -> dict[str, str]:
        """The append-only triggers present, by name, as the database keeps them."""
        ...

    def expected_triggers(self) -> dict[str, tuple[str, str]]:
        """Every append-only trigger by name: its table and what :meth:`triggers` shows when intact."""
        ...

    def heads_written(self) -> int:
        """How many heads rows were ever written (the database's own counter)."""
        ...


def _check_triggers(db: Tables, out: Verification) -> None:
    present = db.triggers()
    for name, (table, sql) in db.expected_triggers().items():
        if name not in present:
            out.store.append(Teks(f"pemicu {name} dihapus: tabel {table} dapat diubah di luar sopdoc",
                                  f"trigger {name} was dropped: table {table} can be edited outside sopdoc"))
        elif present[name] != sql:
            out.store.append(Teks(f"pemicu {name} diubah: tabel {table} dapat diubah di luar sopdoc",
                                  f"trigger {name} was altered: table {table} can be edited outside sopdoc"))


def _check_heads_chain(db: Tables, heads: list[dict[str, Any]], key: bytes | None,
                       key_problem: Teks | None, out: Verification) -> None:
    """The store-level chain; ``key_problem`` is reported when there is no key to check the MACs with."""
    prev, broken = GENESIS, False
    for i, h in enumerate(heads, start=1):
        where_id = f"catatan kepala #{i} (instans {h['instance']})"
        where_en = f"head record #{i} (instance {h['instance']})"
        if h["id"] != i:
            out.store.append(Teks(f"catatan kepala #{i} hilang: rantai tingkat basis data putus",
                                  f"head record #{i} is missing: the store-level chain is broken"))
            broken = True
        elif h["prev"] != prev or h["link"] != heads_link(prev, i, h["instance"], h["kind"], h["n"], h["head"],
                                                          h["digest"]):
            out.store.append(Teks(f"{where_id} diubah: rantai tingkat basis data putus",
                                  f"{where_en} was changed: the store-level chain is broken"))
            broken = True
        elif key is not None and not hmac.compare_digest(str(h["mac"]), heads_mac(key, h["link"])):
            out.store.append(Teks(f"{where_id}: checkpoint berkunci tidak cocok (rantai dihitung ulang "
                                  "atau dipalsukan tanpa kunci)",
                                  f"{where_en}: the keyed checkpoint does not match (chain recomputed or "
                                  "forged without the key)"))
            broken = True
        if broken:
            return
        prev = h["link"]
    written = db.heads_written()
    if written != len(heads):
        out.store.append(Teks(f"catatan kepala terakhir dihapus (tercatat {written}, ada {len(heads)})",
                              f"the last head records were deleted ({written} written, {len(heads)} present)"))
    if heads and key is None and key_problem is not None:
        out.store.append(key_problem)
    out.keyed = key is not None and bool(heads)


def _check_entries(name: str, entries: list[LogEntry], own: list[dict[str, Any]], out: Verification) -> None:
    """The entry chain from its genesis, then the recorded heads against it."""
    genesis = GENESIS if own[0]["kind"] == ADOPT else own[0]["head"]
    prev, expected_seq = genesis, 1
    for e in entries:
        reason = None
        if e.seq != expected_seq:
            reason = Teks(f"entri #{expected_seq} hilang", f"entry #{expected_seq} is missing")
        elif e.prev_hash != prev:
            reason = (Teks("awal rantai tidak cocok dengan data instans",
                           "the chain's start does not match the instance")
                      if expected_seq == 1 else
                      Teks("tautan ke entri sebelumnya tidak cocok", "link to the previous entry does not match"))
        elif entry_hash(name, e, prev) != e.hash:
            reason = Teks("isi entri diubah setelah dicatat", "entry content changed after it was recorded")
        if reason:
            out.broken.append(BrokenLink(name, expected_seq, reason))
            return
        prev, expected_seq = e.hash, expected_seq + 1
    hashes = [genesis] + [e.hash for e in entries]
    last = own[-1]
    m, n = len(entries), last["n"]
    if m < n:
        out.broken.append(BrokenLink(name, m + 1, Teks(
            f"entri #{m + 1}–#{n} hilang (kepala rantai mencatat {n} entri, ada {m})",
            f"entries #{m + 1}–#{n} are missing (the chain head records {n} entries, {m} present)")))
        return
    if m > n:
        out.broken.append(BrokenLink(name, n + 1, Teks(
            f"entri #{n + 1}–#{m} tidak tercatat di kepala rantai (ditambahkan di luar sopdoc)",
            f"entries #{n + 1}–#{m} are not in the chain head (added outside sopdoc)")))
        return
    for h in own:
        if h["n"] > m or hashes[h["n"]] != h["head"]:
            seq = max(h["n"], 1)
            out.broken.append(BrokenLink(name, seq, Teks(
                f"rantai tidak cocok dengan kepala yang tercatat ({h['n']} entri): rantai dihitung ulang",
                f"the chain does not match the recorded head ({h['n']} entries): the chain was recomputed")))
            return


def _check_evidence(db: Tables, name: str, entries: list[LogEntry], out: Verification) -> None:
    wanted = sorted({e.bukti for e in entries if e.bukti})
    if not wanted:
        return
    stored = {r[0]: bytes(r[1]) for r in db.tuples(
        f"SELECT hash, data FROM bukti WHERE hash IN ({', '.join('?' * len(wanted))})", wanted)}
    for e in entries:
        if not e.bukti:
            continue
        data = stored.get(e.bukti)
        if data is None:
            out.broken.append(BrokenLink(name, e.seq, Teks(f"berkas bukti {e.bukti_nama} hilang",
                                                           f"evidence file {e.bukti_nama} is missing")))
            return
        if hashlib.sha256(data).hexdigest() != e.bukti:
            reason = Teks(f"berkas bukti {e.bukti_nama} diubah setelah dicatat",
                          f"evidence file {e.bukti_nama} changed after it was recorded")
            out.broken.append(BrokenLink(name, e.seq, reason))
            return


def _check_lifecycle(db: Tables, name: str, own: list[dict[str, Any]],
                     records: list[dict[str, Any]], out: Verification) -> set[str]:
    """The lifecycle rows of one instance against their hashes and their heads rows; returns the
    hashes of the frozen report files (checked here)."""
    files: set[str] = set()
    for r in records:
        if lifecycle_hash(r) != r["hash"]:
            out.broken.append(BrokenLink(name, 0, Teks(
                f"catatan siklus hidup #{r['id']} ({r['kind']}) diubah setelah dicatat",
                f"lifecycle record #{r['id']} ({r['kind']}) changed after it was recorded")))
            return files
    anchored = [(h, split_lifecycle_kind(str(h["kind"]))) for h in own]
    in_heads = [(k[0], k[1]) for _, k in anchored if k is not None]
    in_table = [(str(r["kind"]), str(r["hash"])) for r in records]
    if in_heads != in_table:
        missing = [k for k in in_heads if k not in in_table]
        if missing:
            reason = Teks(f"catatan siklus hidup ({missing[0][0]}) dihapus dari basis data (tercatat di kepala "
                          "rantai)", f"lifecycle record ({missing[0][0]}) deleted from the database (recorded in "
                          "the heads)")
        else:
            reason = Teks("catatan siklus hidup tidak tercatat di kepala rantai (ditambahkan di luar sopdoc)",
                          "lifecycle record not recorded in the heads (added outside sopdoc)")
        out.broken.append(BrokenLink(name, 0, reason))
        return files
    ended = False
    for h, k in anchored:
        if k is not None:
            ended = True
        elif ended and h["kind"] == APPEND:
            out.broken.append(BrokenLink(name, int(h["n"]), Teks(
                "entri dicatat setelah instans ditutup atau dibatalkan",
                "entries recorded after the instance was closed or voided")))
            return files
    for r in records:
        try:
            laporan = json.loads(r["laporan"])
        except (ValueError, TypeError):
            laporan = None
        if not isinstance(laporan, dict):
            continue  # covered by the row hash: a damaged text was recorded so by sopdoc itself
        for file_name, digest in sorted(laporan.items()):
            files.add(str(digest))
            found = db.tuples("SELECT data FROM bukti WHERE hash = ?", (digest,))
            row = found[0] if found else None
            if row is None:
                reason = Teks(f"laporan beku {file_name} hilang", f"frozen report {file_name} is missing")
            elif hashlib.sha256(bytes(row[0])).hexdigest() != digest:
                reason = Teks(f"laporan beku {file_name} diubah setelah ditutup",
                              f"frozen report {file_name} changed after closing")
            else:
                continue
            out.broken.append(BrokenLink(name, 0, reason))
            return files
    return files


def verify_connection(db: Tables, key: bytes | None, key_file: Path, key_problem: Teks | None = None,
                      instance: str | None = None,
                      keep: dict[str, list[LogEntry]] | None = None) -> Verification:
    """Verify the store behind ``db`` (one instance's data when ``instance`` is given).

    ``key`` is the checkpoint key (None when not found); ``key_problem`` says why it is missing.
    ``keep``, when given, receives the entries read of each instance verified (``period check`` then
    checks them without reading them a second time).
    """
    out = Verification()
    _check_triggers(db, out)
    heads = db.rows("SELECT * FROM heads ORDER BY id")
    if key is None and key_problem is None:
        key_problem = Teks(f"kunci log tidak ditemukan ({key_file}): checkpoint berkunci tidak dapat diperiksa",
                           f"log key not found ({key_file}): the keyed checkpoints cannot be checked")
    _check_heads_chain(db, heads, key, key_problem, out)
    by_instance: dict[str, list[dict[str, Any]]] = {}
    for h in heads:
        by_instance.setdefault(h["instance"], []).append(h)
    rows = {r["name"]: r for r in db.rows("SELECT * FROM instance")}
    sops = {r["hash"]: r for r in db.rows("SELECT hash, nama, nomor, source FROM sop_version")}
    lifecycle: dict[str, list[dict[str, Any]]] = {}
    for r in db.rows("SELECT * FROM lifecycle ORDER BY id"):
        lifecycle.setdefault(str(r["instance"]), []).append(r)
    referenced: set[str] = set()
    for name in sorted(set(rows) | set(by_instance)):
        row, own = rows.get(name), by_instance.get(name)
        if row is not None and own is not None:
            continue
        if row is None:  # an instance deleted outside sopdoc, or one added there
            reason = Teks("instans dihapus dari basis data (tercatat di kepala rantai)",
                          "instance deleted from the database (recorded in the heads)")
        else:
            reason = Teks("instans tidak tercatat di kepala rantai (ditambahkan di luar sopdoc)",
                          "instance not recorded in the heads (added outside sopdoc)")
        if instance is None or name == instance:
            out.broken.append(BrokenLink(name, 0, reason))
        else:
            out.store.append(Teks(f"{name}: {reason.id}", f"{name}: {reason.en}"))
    for name in sorted(set(rows) & set(by_instance)) if instance is None else [instance]:
        row, own = rows.get(name), by_instance.get(name)
        if row is None or own is None:
            continue
        last = own[-1]
        out.heads[name] = Head(name, last["n"], last["head"])
        if own[0]["kind"] == ADOPT:
            out.notes.append(Teks(
                f"{name}: dibuat sebelum penjangkaran rantai (skema versi 1); awal rantainya tidak mencakup data "
                "instans; data dan kepala instans dijangkarkan sejak migrasi",
                f"{name}: predates chain anchoring (schema version 1); its chain's start does not cover the "
                "instance data; the instance data and head are anchored since the migration"))
        sop = sops.get(row["sop_hash"])
        if instance_digest({k: row[k] for k in INSTANCE_FIELDS}, sop and sop["nama"], sop and sop["nomor"]) \
                != last["digest"]:
            out.broken.append(BrokenLink(name, 0, Teks(
                "data instans (versi SOP, periode, mulai, tenggat, jadwal, meta) diubah setelah dibuka",
                "instance data (SOP version, period, start, deadline, plan, meta) changed after it was opened")))
        if sop is None:
            out.broken.append(BrokenLink(name, 0, Teks("versi SOP yang dipatok hilang dari basis data",
                                                       "the pinned SOP version is missing from the database")))
        elif hashlib.sha256(str(sop["source"]).encode()).hexdigest() != row["sop_hash"]:
            out.broken.append(BrokenLink(name, 0, Teks("sumber SOP yang dipatok diubah (hash tidak cocok)",
                                                       "the pinned SOP source was changed (hash mismatch)")))
        entries = entries_from_rows(db.each(
            f"SELECT {_ENTRY_COLUMNS} FROM entry WHERE instance = ? ORDER BY seq", (name,)))
        if keep is not None:
            keep[name] = entries
        _check_entries(name, entries, own, out)
        _check_evidence(db, name, entries, out)
        referenced.update(e.bukti for e in entries)
        referenced.update(_check_lifecycle(db, name, own, lifecycle.get(name, []), out))
    if instance is None:
        for stray in sorted(set(lifecycle) - set(rows)):
            out.store.append(Teks(f"catatan siklus hidup untuk instans yang tidak ada: {stray}",
                                  f"lifecycle records of an instance that does not exist: {stray}"))
        pinned = {r["sop_hash"] for r in rows.values()}
        for digest, sop in sops.items():
            if digest not in pinned and hashlib.sha256(str(sop["source"]).encode()).hexdigest() != digest:
                out.store.append(Teks(f"sumber SOP {digest[:12]} diubah (hash tidak cocok)",
                                      f"SOP source {digest[:12]} was changed (hash mismatch)"))
        for digest, data in db.tuples("SELECT hash, data FROM bukti"):
            if digest not in referenced and hashlib.sha256(bytes(data)).hexdigest() != digest:
                out.store.append(Teks(f"berkas bukti {digest[:12]} diubah (hash tidak cocok)",
                                      f"evidence file {digest[:12]} was changed (hash mismatch)"))
    return out
