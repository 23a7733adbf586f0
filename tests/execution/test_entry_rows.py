"""Entries as read from the store, and their hash, in the compact and fast forms of issue #15 point 8.

The hash's text is the canonical JSON of the entry: ``json.dumps`` with sorted keys, no spaces and
``ensure_ascii=False`` (DESIGN.md §8). ``entry_hash`` writes it key by key; these tests hold it to what
``json.dumps`` itself writes, over texts that need escaping and over the odd values a damaged row holds.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import sqlite3

import pytest

from sopdoc.execution.entries import GENESIS, STORED_FIELDS, LogEntry, entries_from_rows, entry_hash

_CHAINED = ("langkah", "oleh", "peran", "mulai", "selesai", "output", "keputusan", "kelengkapan", "bukti",
            "bukti_nama", "catatan", "menggantikan", "seq", "dicatat_oleh", "dicatat_pada")


def _reference(instance: str, entry: LogEntry, prev: str) -> str:
    body = {k: getattr(entry, k) for k in _CHAINED}
    if entry.kasus:
        body["kasus"] = entry.kasus
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{prev}\n{instance}\n{text}".encode()).hexdigest()


BASE = LogEntry(langkah=3, oleh="Budi / 1980", peran="Kepala Seksi", mulai="2026-10-05T08:00:00+08:00",
                selesai="2026-10-05T08:20:00+08:00", output="Surat", kelengkapan="lengkap", seq=7,
                dicatat_oleh="uji", dicatat_pada="2026-10-05T09:00:00+00:00")


@pytest.mark.parametrize("change", [
    {},
    {"kasus": "AG-001"},
    {"oleh": 'Siti "Ani" \\ Rahma', "catatan": "baris\nbaru\ttab \x01 kendali \u2028 pemisah"},
    {"output": "Surat Keputusan — ①²₂ 日本 😀", "kasus": "Nomor/12/\u00e9"},
    {"menggantikan": 4, "keputusan": "tidak"},
    {"langkah": 0, "seq": 10**12},
    {"langkah": True, "menggantikan": 2.5},  # a damaged row: what json.dumps writes, not what a clean one holds
    {"oleh": 1.0, "peran": None, "kasus": 3},
    {"mulai": float("nan"), "selesai": float("inf")},
])
def test_the_hash_is_that_of_the_canonical_json(change: dict[str, object]) -> None:
    e = dataclasses.replace(BASE, **change)  # type: ignore[arg-type]
    assert entry_hash("uji-2026-TW3", e, GENESIS) == _reference("uji-2026-TW3", e, GENESIS)
    as_dict = {k: getattr(e, k) for k in STORED_FIELDS}  # a row being chained: its case read as text
    as_text = dataclasses.replace(e, kasus=str(e.kasus or ""))
    assert entry_hash("uji-2026-TW3", as_dict, "a" * 64) == _reference("uji-2026-TW3", as_text, "a" * 64)


def test_a_value_json_cannot_write_still_fails() -> None:
    with pytest.raises(TypeError):
        entry_hash("uji", dataclasses.replace(BASE, catatan=b"bytes"), GENESIS)  # type: ignore[arg-type]


def _rows() -> list[tuple[object, ...]]:
    out, prev = [], GENESIS
    for seq in range(1, 5):
        e = dataclasses.replace(BASE, seq=seq, langkah=seq, prev_hash=prev, kasus="AG-1" if seq < 3 else "AG-2")
        e = dataclasses.replace(e, hash=entry_hash("uji", e, prev))
        prev = e.hash
        # as a database gives them: every text a new object
        out.append(tuple("".join(list(v)) if isinstance(v, str) else v for v in dataclasses.astuple(e)))
    return out


def test_entries_from_rows_are_the_rows_with_repeated_texts_shared() -> None:
    rows = _rows()
    entries = entries_from_rows(iter(rows))
    assert entries == [LogEntry(*r) for r in rows]  # type: ignore[arg-type]
    assert entries[0].peran is entries[3].peran
    assert entries[0].kasus is entries[1].kasus and entries[2].kasus is entries[3].kasus
    assert entries[1].prev_hash is entries[0].hash and entries[3].prev_hash is entries[2].hash
    assert rows[1][STORED_FIELDS.index("prev_hash")] is not rows[0][-1]  # the rows did not share them


def test_a_damaged_row_keeps_its_own_values() -> None:
    rows = _rows()
    i = STORED_FIELDS.index("oleh")
    rows[0] = (*rows[0][:i], "1", *rows[0][i + 1:])
    rows[1] = (*rows[1][:i], 1.0, *rows[1][i + 1:])  # equal to nothing str, but must not become "1"
    rows[2] = (*rows[2][:i], 1, *rows[2][i + 1:])
    entries = entries_from_rows(rows)
    assert [type(e.oleh) for e in entries[:3]] == [str, float, int]
    assert entries == [LogEntry(*r) for r in rows]  # type: ignore[arg-type]


def test_entries_from_a_sqlite_cursor() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE TABLE entry ({', '.join(STORED_FIELDS)})")
    rows = _rows()
    conn.executemany(f"INSERT INTO entry VALUES ({', '.join('?' * len(STORED_FIELDS))})", rows)
    entries = entries_from_rows(conn.execute(f"SELECT {', '.join(STORED_FIELDS)} FROM entry ORDER BY seq"))
    assert entries == [LogEntry(*r) for r in rows]  # type: ignore[arg-type]
    for prev, e in itertools.pairwise(entries):
        assert entry_hash("uji", e, prev.hash) == e.hash


def test_chained_entries_carry_the_hash_of_their_canonical_json() -> None:
    from sopdoc.execution.entries import EntryInput, chain_entries

    inputs = [EntryInput(langkah=1, oleh='Siti "Ani"', peran="Kepala Seksi", mulai="2026-10-05T08:00:00+08:00",
                         selesai="2026-10-05T08:20:00+08:00", output="Surat — ①", kasus="AG/1"),
              EntryInput(langkah=2, oleh="Budi", peran="Staf", mulai="2026-10-05T08:20:00+08:00",
                         selesai="2026-10-05T09:00:00+08:00", keputusan="ya", catatan="baris\nbaru", menggantikan=1)]
    chained = chain_entries("uji", inputs, 4, "b" * 64, "perekam", "2026-10-05T01:00:00+00:00")
    assert [e.seq for e in chained] == [5, 6] and chained[0].prev_hash == "b" * 64
    assert chained[1].prev_hash == chained[0].hash
    for e in chained:
        assert (e.dicatat_oleh, e.dicatat_pada) == ("perekam", "2026-10-05T01:00:00+00:00")
        assert e.hash == _reference("uji", e, e.prev_hash)
