"""Tampering with the log file behind sopdoc's back: each scenario is found by verify and fails ``period check``.

Each test opens a store, records entries (with an evidence file) through the public API, then edits
the database with a raw connection as an attacker with access to it would (dropping the triggers
first), and asserts that verification names the damage and that ``period check`` exits 1. Every
scenario runs on SQLite and on PostgreSQL (the ``backend`` fixture, tests/store_backends.py).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import pytest

from sopdoc.cli import main
from sopdoc.execution.chain import heads_link, heads_mac
from sopdoc.execution.entries import GENESIS, EntryInput, LogEntry, entry_hash
from sopdoc.execution.store import open_store
from sopdoc.execution.store_schema import MIGRATIONS, SCHEMA_VERSION, TRIGGERS
from tests.execution.helpers import LOOP_SOP
from tests.store_backends import Backend, is_url, key_file, raw

A, B = "keputusan-loop-2026-TW3", "keputusan-loop-2026-10"
PROOF = b"%PDF-1.4 notulen rapat"
ROLES = {1: "Kepala Dinas", 2: "Kasubag Perencanaan", 3: "Kepala Bidang", 4: "Kepala Dinas", 5: "Kasubag Perencanaan"}


def _row(step: int, **kw: object) -> EntryInput:
    fields = dict(langkah=step, oleh=f"Pegawai {step}", peran=ROLES[step], mulai=f"2026-10-0{step}T08:00:00+08:00",
                  selesai=f"2026-10-0{step}T09:00:00+08:00", output="hasil", kelengkapan="lengkap",
                  keputusan="ya" if step == 3 else "")
    return EntryInput(**(fields | kw))  # type: ignore[arg-type]


@pytest.fixture
def db(backend: Backend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Instance B (empty at first), instance A with 5 entries (in two appends), then one entry in B; the
    store's path or URL."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOPDOC_LOG_KEY_FILE", raising=False)
    monkeypatch.delenv("SOPDOC_LANG", raising=False)
    path = backend.target(tmp_path)
    for period in ("2026-10", "2026-TW3"):
        assert main(["period", "open", str(LOOP_SOP), "--period", period, "--db", path]) == 0
    with open_store(path) as store:
        store.append(A, [_row(1), _row(2, bukti=hashlib.sha256(PROOF).hexdigest(), bukti_nama="notulen.pdf")],
                     "uji", evidence=[(PROOF, "notulen.pdf")])
        store.append(A, [_row(3), _row(4), _row(5)], "uji")
        store.append(B, [_row(1)], "uji")
        assert store.verification().ok
    return path


def _sql(db: str | Path, *statements: str, drop: tuple[str, ...] = ()) -> None:
    with raw(db) as conn:
        conn.drop(*drop)
        for s in statements:
            conn.execute(s)
        conn.commit()


def _problems(db: str | Path, instance: str | None = None) -> list[str]:
    with open_store(db, create=False) as store:
        return store.verification(instance).problems("id")


def _check_exit(db: str | Path, instance: str = A) -> int:
    return main(["period", "check", instance, "--db", str(db)])


def _recompute(db: str, mac: Callable[[str], str] = lambda link: "0" * 64) -> None:
    """Rewrite every entry hash and every heads row from the entries as they are now, as a tool that knows
    the (public) hashing would; without the key the MAC can only be guessed (``mac``); then put the
    dropped triggers back."""
    with raw(db) as conn:
        conn.drop("entry_no_update", "heads_no_update", "heads_no_delete", if_exists=True)
        cols = [f for f in asdict(LogEntry(0, "", "", "", ""))]
        hashes: dict[str, list[str]] = {}
        for name, first in conn.execute("SELECT instance, head FROM heads WHERE kind = 'open' ORDER BY id").fetchall():
            prev, chain = first, [first]
            for values in conn.execute(f"SELECT {', '.join(cols)} FROM entry WHERE instance = ? ORDER BY seq",
                                       (name,)).fetchall():
                e = LogEntry(**dict(zip(cols, values, strict=False)))
                h = entry_hash(name, e, prev)
                conn.execute("UPDATE entry SET prev_hash = ?, hash = ? WHERE instance = ? AND seq = ?",
                             (prev, h, name, e.seq))
                prev = h
                chain.append(h)
            hashes[name] = chain
        prev = GENESIS
        heads = conn.execute("SELECT id, instance, kind, n, digest FROM heads ORDER BY id").fetchall()
        for row_id, name, kind, n, digest in heads:
            head = hashes[name][n]
            link = heads_link(prev, row_id, name, kind, n, head, digest)
            conn.execute("UPDATE heads SET head = ?, prev = ?, link = ?, mac = ? WHERE id = ?",
                         (head, prev, link, mac(link), row_id))
            prev = link
        conn.restore_triggers()
        conn.commit()


# --------------------------------------------------------------------------- the scenarios

SCENARIOS: dict[str, tuple[Callable[[Path], None], str]] = {
    "edit-entry": (lambda db: _sql(db, f"UPDATE entry SET oleh = 'Orang Lain' WHERE instance = '{A}' AND seq = 2",
                                   drop=("entry_no_update",)), f"{A}: entri #2: isi entri diubah setelah dicatat"),
    "delete-middle-entry": (lambda db: _sql(db, f"DELETE FROM entry WHERE instance = '{A}' AND seq = 3",
                                            drop=("entry_no_delete",)), f"{A}: entri #3: entri #3 hilang"),
    "truncate-tail": (lambda db: _sql(db, f"DELETE FROM entry WHERE instance = '{A}' AND seq > 3",
                                      drop=("entry_no_delete",)), f"{A}: entri #4: entri #4–#5 hilang"),
    "delete-all-entries": (lambda db: _sql(db, f"DELETE FROM entry WHERE instance = '{A}'", drop=("entry_no_delete",)),
                           f"{A}: entri #1: entri #1–#5 hilang"),
    "delete-instance": (lambda db: _sql(db, f"DELETE FROM entry WHERE instance = '{A}'",
                                        f"DELETE FROM instance WHERE name = '{A}'",
                                        drop=("entry_no_delete", "instance_no_delete")),
                        f"{A}: instans dihapus dari basis data"),
    "delete-instance-and-its-heads": (lambda db: _sql(db, f"DELETE FROM entry WHERE instance = '{A}'",
                                                      f"DELETE FROM instance WHERE name = '{A}'",
                                                      f"DELETE FROM heads WHERE instance = '{A}'",
                                                      drop=("entry_no_delete", "instance_no_delete",
                                                            "heads_no_delete")),
                                      "catatan kepala #2 hilang: rantai tingkat basis data putus"),
    "edit-deadline": (lambda db: _sql(db, f"UPDATE instance SET deadline = '2026-12-31' WHERE name = '{A}'",
                                      drop=("instance_no_update",)), f"{A}: data instans"),
    "edit-start": (lambda db: _sql(db, f"UPDATE instance SET start = '2026-10-01T07:00+08:00' WHERE name = '{A}'",
                                   drop=("instance_no_update",)), f"{A}: data instans"),
    "edit-meta": (lambda db: _sql(db, f"UPDATE instance SET meta = replace(meta, 'Penyusunan', 'Penyusunan Ulang') "
                                      f"WHERE name = '{A}'", drop=("instance_no_update",)), f"{A}: data instans"),
    "edit-sop-source": (lambda db: _sql(db, "UPDATE sop_version SET source = source || '# diubah'",
                                        drop=("sop_version_no_update",)), f"{A}: sumber SOP yang dipatok diubah"),
    "edit-sop-name": (lambda db: _sql(db, "UPDATE sop_version SET nama = 'SOP Lain'", drop=("sop_version_no_update",)),
                      f"{A}: data instans"),
    "delete-sop-version": (lambda db: _sql(db, "DELETE FROM sop_version", drop=("sop_version_no_delete",)),
                           f"{A}: versi SOP yang dipatok hilang"),
    "edit-evidence": (lambda db: _sql(db, "UPDATE bukti SET data = X'00'", drop=("bukti_no_update",)),
                      f"{A}: entri #2: berkas bukti notulen.pdf diubah setelah dicatat"),
    "delete-evidence": (lambda db: _sql(db, "DELETE FROM bukti", drop=("bukti_no_delete",)),
                        f"{A}: entri #2: berkas bukti notulen.pdf hilang"),
    "recompute-chain": (lambda db: (_sql(db, f"UPDATE entry SET selesai = '2026-10-02T08:10:00+08:00' "
                                             f"WHERE instance = '{A}' AND seq = 2", drop=("entry_no_update",)),
                                    _recompute(db)),
                        "catatan kepala #1 (instans keputusan-loop-2026-10): checkpoint berkunci tidak cocok"),
    "append-forged-entry": (lambda db: _forge_entry(db, with_head=False), f"{A}: entri #6: entri #6–#6 tidak tercatat"),
    "append-forged-entry-and-head": (lambda db: _forge_entry(db, with_head=True),
                                     "catatan kepala #6 (instans keputusan-loop-2026-TW3): "
                                     "checkpoint berkunci tidak cocok"),
    "forged-instance": (lambda db: _sql(db, f"INSERT INTO instance SELECT 'palsu', sop_hash, period, start, deadline, "
                                            f"zona_waktu, flow, plan, meta, created_by, created_at FROM instance "
                                            f"WHERE name = '{A}'"),
                        "palsu: instans tidak tercatat di kepala rantai"),
    "drop-triggers-only": (lambda db: _sql(db, drop=("entry_no_update",)), "pemicu entry_no_update dihapus"),
    "roll-back-last-append": (lambda db: _sql(db, f"DELETE FROM entry WHERE instance = '{B}'",
                                              "DELETE FROM heads WHERE id = (SELECT max(id) FROM heads)",
                                              drop=("entry_no_delete", "heads_no_delete")),
                              "catatan kepala terakhir dihapus (tercatat 5, ada 4)"),
    "wipe-everything": (lambda db: _sql(db, "DELETE FROM entry", "DELETE FROM instance", "DELETE FROM heads",
                                        drop=("entry_no_delete", "instance_no_delete", "heads_no_delete")),
                        "catatan kepala terakhir dihapus (tercatat 5, ada 0)"),
    "key-removed": (lambda db: key_file(db).unlink(), "kunci log tidak ditemukan"),
}


def _forge_entry(db: str, *, with_head: bool) -> None:
    conn = raw(db)
    cols = [f for f in asdict(LogEntry(0, "", "", "", ""))]
    last = LogEntry(**dict(zip(cols, conn.execute(
        f"SELECT {', '.join(cols)} FROM entry WHERE instance = ? ORDER BY seq DESC LIMIT 1", (A,)).fetchone(),
        strict=False)))
    base = LogEntry(**(asdict(last) | {"seq": 6, "oleh": "Pemalsu", "prev_hash": last.hash}))
    forged = LogEntry(**(asdict(base) | {"hash": entry_hash(A, base, last.hash)}))
    data = asdict(forged)
    conn.execute(f"INSERT INTO entry (instance, {', '.join(data)}) VALUES (?, {', '.join('?' * len(data))})",
                (A, *data.values()))
    if with_head:
        row_id, prev = conn.execute(
            "SELECT max(id) + 1, (SELECT link FROM heads ORDER BY id DESC LIMIT 1) FROM heads").fetchone()
        digest = conn.execute("SELECT digest FROM heads WHERE instance = ? ORDER BY id DESC LIMIT 1",
                              (A,)).fetchone()[0]
        link = heads_link(prev, row_id, A, "append", 6, forged.hash, digest)
        conn.execute("INSERT INTO heads VALUES (?, ?, 'append', 6, ?, ?, ?, ?, ?)",
                    (row_id, A, forged.hash, digest, prev, link, heads_mac(b"tebakan kunci", link)))
    conn.commit()
    conn.close()


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_tampering_is_found_and_fails_the_check(db: str, scenario: str, capsys: pytest.CaptureFixture[str]) -> None:
    tamper, expected = SCENARIOS[scenario]
    tamper(db)
    problems = _problems(db)
    assert any(p.startswith(expected) or expected in p for p in problems), problems
    capsys.readouterr()
    assert _check_exit(db) == 1
    out = capsys.readouterr().out
    assert out.startswith("log: TIDAK VALID, verifikasi gagal")
    assert main(["log", "verify", "--db", str(db)]) == 1


def test_without_tampering_everything_verifies(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(db, create=False) as store:
        v = store.verification()
        entries = store.entries(A)
    assert v.ok and v.keyed and v.problems() == [] and v.notes == []
    assert v.heads[A].entries == 5 and v.heads[A].hash == entries[-1].hash
    assert v.heads[B].entries == 1
    capsys.readouterr()
    assert _check_exit(db) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"log: rantai utuh, checkpoint berkunci cocok; kepala: 5 entri, {entries[-1].hash}\n")
    assert main(["log", "verify", "--heads", "--db", str(db)]) == 0
    assert capsys.readouterr().out == f"{B}\t1\t{v.heads[B].hash}\n{A}\t5\t{entries[-1].hash}\nrantai utuh: 6 entri\n"


def test_the_genesis_covers_the_instance(tmp_path: Path) -> None:
    from sopdoc.execution.store import Instance

    def first_link(folder: str, deadline: str) -> str:
        (tmp_path / folder).mkdir()
        with open_store(tmp_path / folder / "log.db") as store:
            store.add_sop_version("h" * 64, "Uji", None, "sopdoc: 1\n")
            store.create_instance(Instance("uji", "h" * 64, "2026-10", "2026-11-02T07:30+08:00", deadline, "WITA",
                                           "[]", "[]", "{}", "tester", "2026-11-01T00:00:00+00:00"))
            return store.append("uji", [_row(1)], "tester")[0].prev_hash

    same = first_link("a", "2026-11-16")
    assert same not in (GENESIS, "") and first_link("b", "2026-11-16") == same
    assert first_link("c", "2026-11-17") != same


def test_a_deleted_instance_fails_its_own_check_and_the_others(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    SCENARIOS["delete-instance"][0](db)
    capsys.readouterr()
    assert _check_exit(db, A) == 1
    assert f"{A}: instans dihapus dari basis data" in capsys.readouterr().out
    assert _check_exit(db, B) == 1
    assert f"{A}: instans dihapus dari basis data" in capsys.readouterr().out


def test_the_report_of_a_tampered_log_is_marked_not_valid(db: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    import pdfplumber

    SCENARIOS["truncate-tail"][0](db)
    capsys.readouterr()
    assert main(["period", "render", A, "--to", "pdf", "--out", "out", "--db", str(db)]) == 1
    assert "log: TIDAK VALID, verifikasi gagal" in capsys.readouterr().err
    with pdfplumber.open(tmp_path / "out" / f"laporan-{A}.pdf") as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "TIDAK VALID: log pelaksanaan gagal diverifikasi" in text
    assert "entri #4–#5 hilang" in text


def test_the_report_of_an_intact_log_carries_the_head(db: str, tmp_path: Path) -> None:
    import pdfplumber

    with open_store(db, create=False) as store:
        head = store.entries(A)[-1].hash
    assert main(["period", "render", A, "--to", "pdf", "--out", "out", "--db", str(db)]) == 0
    with pdfplumber.open(tmp_path / "out" / f"laporan-{A}.pdf") as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert f"Kepala rantai log 5 entri, {head}" in text
    assert "Rantai log utuh, checkpoint berkunci cocok" in text and "TIDAK VALID" not in text


# --------------------------------------------------------------------------- every table append-only


@pytest.mark.parametrize("sql", ["UPDATE heads SET n = 0", "DELETE FROM heads", "UPDATE bukti SET nama = 'x'",
                                 "DELETE FROM bukti", "UPDATE sop_version SET nama = 'x'", "DELETE FROM sop_version",
                                 "UPDATE entry SET oleh = 'x'", "DELETE FROM instance"])
def test_every_table_refuses_update_and_delete(db: str, sql: str) -> None:
    with raw(db) as conn, pytest.raises(conn.integrity_error, match="append-only"):
        conn.execute(sql)


def test_every_table_has_its_two_triggers() -> None:
    tables = {"entry", "instance", "sop_version", "bukti", "heads", "lifecycle"}
    assert set(TRIGGERS) == {f"{t}_no_{op}" for t in tables for op in ("update", "delete")}


# --------------------------------------------------------------------------- the key


def test_the_key_file_is_private_and_outside_the_database(db: str) -> None:
    key = key_file(db)
    assert key.stat().st_mode & 0o777 == 0o600
    assert len(bytes.fromhex(key.read_text().strip())) == 32
    if is_url(db):  # in the user's config folder, named for the server, database and schema
        assert key.parent.name == "log-keys" and key.parent.stat().st_mode & 0o777 == 0o700
        assert key.name.startswith("127.0.0.1_") and key.name.endswith(f"_{db.rsplit('%3D', 1)[1]}.key")
    else:
        assert key.read_text().strip() not in Path(db).read_bytes().hex()


def test_the_key_can_live_elsewhere(backend: Backend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keyfile = tmp_path / "kunci" / "log.key"
    keyfile.parent.mkdir()
    monkeypatch.setenv("SOPDOC_LOG_KEY_FILE", str(keyfile))
    with open_store(backend.target(tmp_path, "lain.db")) as store:
        assert store.key_file == keyfile and keyfile.is_file()
    assert not (tmp_path / "lain.db.key").exists() and not (tmp_path / "config").exists()


def test_without_its_key_nothing_is_written(db: str) -> None:
    from sopdoc.execution.store import StoreError

    key_file(db).unlink()
    with open_store(db, create=False) as store, pytest.raises(StoreError) as err:
        store.append(A, [_row(1)], "uji")
    assert "kunci log tidak ditemukan" in err.value.get("id")


def test_a_damaged_key_file_is_a_problem(db: str) -> None:
    key_file(db).write_text("bukan kunci\n")
    assert any("berkas kunci log rusak" in p for p in _problems(db))


# --------------------------------------------------------------------------- migration from version 1


def _version_1_database(path: Path) -> str:
    """A database as sopdoc wrote it before anchoring: zero genesis, no heads; returns the last hash."""
    raw = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0].split(";\n"):
        if statement.strip():
            raw.execute(statement if "TRIGGER" not in statement else statement + ";")
    raw.execute("PRAGMA user_version = 1")
    source = "sopdoc: 1\n"
    digest = hashlib.sha256(source.encode()).hexdigest()
    raw.execute("INSERT INTO sop_version VALUES (?, 'Lama', NULL, ?, '2025-01-01')", (digest, source))
    for name in ("lama-2025-12", "kosong-2025-12"):
        raw.execute("INSERT INTO instance VALUES (?, ?, '2025-12', '2026-01-02T07:30+08:00', '2026-01-16', 'WITA', "
                    "'[]', '[]', '{}', 'uji', '2025-12-31')", (name, digest))
    prev = GENESIS
    for seq in (1, 2, 3):
        base = LogEntry(**asdict(_row(seq)), seq=seq, dicatat_oleh="uji", dicatat_pada="2026-01-02", prev_hash=prev)
        entry = LogEntry(**(asdict(base) | {"hash": entry_hash("lama-2025-12", base, prev)}))
        data = {k: v for k, v in asdict(entry).items() if k != "kasus"}  # no kasus column before version 4
        raw.execute(f"INSERT INTO entry (instance, {', '.join(data)}) VALUES (?, {', '.join('?' * len(data))})",
                    ("lama-2025-12", *data.values()))
        prev = entry.hash
    raw.close()
    return prev


def test_a_version_1_database_is_migrated_and_verifies_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "lama.db"
    last = _version_1_database(path)
    with open_store(path, create=False) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        v = store.verification()
        assert v.ok and v.keyed, v.problems()
        assert v.heads["lama-2025-12"].entries == 3 and v.heads["lama-2025-12"].hash == last
        assert [n.id.split(":")[0] for n in v.notes] == ["lama-2025-12"]
        assert "sebelum penjangkaran" in v.notes[0].id and "predates chain anchoring" in v.notes[0].en
        store.append("lama-2025-12", [_row(4)], "uji")  # the old chain goes on
        store.append("kosong-2025-12", [_row(1)], "uji")  # an empty old instance is anchored from its start
        assert store.entries("kosong-2025-12")[0].prev_hash != GENESIS
        assert store.verification().ok
    assert Path(f"{path}.key").is_file()
    _sql(path, "UPDATE instance SET deadline = '2026-03-31' WHERE name = 'lama-2025-12'", drop=("instance_no_update",))
    assert any(p.startswith("lama-2025-12: data instans") for p in _problems(path))


def test_log_verify_shows_the_note_of_an_old_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "lama.db"
    _version_1_database(path)
    assert main(["log", "verify", "--db", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "rantai utuh: 3 entri\n"
    assert "catatan: lama-2025-12: dibuat sebelum penjangkaran rantai" in captured.err


# --------------------------------------------------------------------------- damaged and foreign files


def test_a_foreign_sqlite_database_is_refused_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "lain.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE pelanggan (nama TEXT)")
    raw.commit()
    raw.close()
    before = path.read_bytes()
    assert main(["period", "list", "--db", str(path)]) == 2
    assert capsys.readouterr().err == f"galat: bukan basis data sopdoc yang utuh: {path}\n"
    assert path.read_bytes() == before and not Path(f"{path}.key").exists()


@pytest.mark.parametrize("command", [["log", "verify"], ["period", "list"], ["period", "check", A], ["log", "list", A]])
def test_a_byte_damaged_database_gives_one_line_never_a_traceback(db: str, tmp_path: Path, command: list[str],
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    if is_url(db):
        pytest.skip("a SQLite file damaged byte by byte; a PostgreSQL server keeps its own files")
    _sql(db, "PRAGMA wal_checkpoint(TRUNCATE)")
    pristine = Path(db).read_bytes()
    codes = set()
    for offset in range(0, len(pristine), 509):  # every page, at a varying place in it
        damaged = bytearray(pristine)
        for i in range(offset, min(offset + 16, len(damaged))):
            damaged[i] ^= 0x5A
        target = tmp_path / f"rusak-{offset}.db"
        target.write_bytes(bytes(damaged))
        capsys.readouterr()
        code = main([*command, "--db", str(target)])
        err = capsys.readouterr().err
        assert code in (0, 1, 2), (offset, code)
        if code == 2:
            assert err.count("\n") == 1 and err.startswith("galat: "), (offset, err)
        codes.add(code)
    assert 2 in codes  # some damage is found by SQLite itself


def _docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_docx_report_shows_the_verification(db: str, tmp_path: Path) -> None:
    """The DOCX template carries the verification rows and, for a tampered log, the TIDAK VALID mark."""
    assert main(["period", "render", A, "--to", "docx", "--out", "ok", "--db", str(db)]) == 0
    text = _docx_text(tmp_path / "ok" / f"laporan-{A}.docx")
    assert "Rantai log utuh, checkpoint berkunci cocok" in text and "TIDAK VALID" not in text
    SCENARIOS["truncate-tail"][0](db)
    assert main(["period", "render", A, "--to", "docx", "--out", "bad", "--db", str(db)]) == 1
    text = _docx_text(tmp_path / "bad" / f"laporan-{A}.docx")
    assert "\nTIDAK VALID\n" in text and "Verifikasi log" in text and "entri #4–#5 hilang" in text


# --------------------------------------------------------------------------- PostgreSQL's own ways round the triggers


@pytest.mark.parametrize(("statement", "expected"), [
    ("ALTER TABLE entry DISABLE TRIGGER entry_no_update", "pemicu entry_no_update diubah"),
    ("CREATE OR REPLACE FUNCTION sopdoc_append_only() RETURNS trigger LANGUAGE plpgsql AS "
     "$$ BEGIN RETURN NEW; END $$", "pemicu entry_no_update diubah"),
    ("DROP TRIGGER entry_no_truncate ON entry", "pemicu entry_no_truncate dihapus"),
])
def test_a_disabled_trigger_or_a_defused_function_is_found(db: str, statement: str, expected: str) -> None:
    if not is_url(db):
        pytest.skip("PostgreSQL only: trigger functions, DISABLE TRIGGER, TRUNCATE triggers")
    _sql(db, statement)
    problems = _problems(db)
    assert any(p.startswith(expected) for p in problems), problems
    assert main(["log", "verify", "--db", db]) == 1


def test_an_update_with_triggers_switched_off_for_the_session_is_found(db: str) -> None:
    """A superuser's ``session_replication_role = replica`` fires no trigger: the chain still tells."""
    if not is_url(db):
        pytest.skip("PostgreSQL only")
    _sql(db, "SET session_replication_role = replica",
         f"UPDATE entry SET oleh = 'Orang Lain' WHERE instance = '{A}' AND seq = 2")
    assert f"{A}: entri #2: isi entri diubah setelah dicatat" in _problems(db)
