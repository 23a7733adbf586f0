"""Small builders shared by the execution tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.compliance import Compliance, check_entries
from sopdoc.execution.entries import LogEntry
from sopdoc.execution.pinned import StepTable, pin_steps
from sopdoc.execution.plan import PlannedStep, plan_schedule
from sopdoc.execution.settings import CalendarSettings, PeriodSettings
from sopdoc.source.reader import load_sop

DATA = Path(__file__).resolve().parents[1] / "data" / "execution"
LOOP_SOP = DATA / "keputusan-loop.sop.yaml"
CAL = WorkingCalendar(CalendarSettings())


def loop_flow() -> StepTable:
    """The fixture SOP: 1 → 2 → 3 (decision: ya → 4, tidak → 2) → 4 → 5."""
    result = load_sop(LOOP_SOP)
    assert result.sop is not None
    return pin_steps(result.sop)


ROLES = {1: "Kepala Dinas", 2: "Kasubag Perencanaan", 3: "Kepala Bidang", 4: "Kepala Dinas", 5: "Kasubag Perencanaan"}
OUTPUTS = {1: "Surat permintaan", 2: "Konsep", 3: "Konsep terverifikasi", 4: "Laporan", 5: "Tanda terima"}


def entry(seq: int, langkah: int, start: str, end: str, **kw: object) -> LogEntry:
    """An entry with sensible defaults (right role, output, kelengkapan lengkap), WITA times."""
    fields = dict(langkah=langkah, oleh=f"Pegawai {langkah}", peran=ROLES.get(langkah, "Kepala Dinas"),
                  mulai=f"{start}:00+08:00", selesai=f"{end}:00+08:00", output=OUTPUTS.get(langkah, "x"),
                  kelengkapan="lengkap", seq=seq)
    if langkah == 3:
        fields["keputusan"] = "ya"
    fields.update(kw)
    return LogEntry(**fields)  # type: ignore[arg-type]


def good_log() -> list[LogEntry]:
    """A clean run of the fixture SOP on Mon 5 – Tue 6 Oct 2026."""
    return [entry(1, 1, "2026-10-05T08:00", "2026-10-05T08:20"),
            entry(2, 2, "2026-10-05T08:30", "2026-10-05T14:00"),
            entry(3, 3, "2026-10-05T14:00", "2026-10-05T15:00"),
            entry(4, 4, "2026-10-06T08:00", "2026-10-06T08:45"),
            entry(5, 5, "2026-10-06T09:00", "2026-10-06T09:20")]


def loop_plan() -> tuple[PlannedStep, ...]:
    """The fixture SOP planned from Mon 5 Oct 2026 07:30."""
    return plan_schedule(loop_flow(), CAL, dt.datetime(2026, 10, 5, 7, 30))


def check(entries: list[LogEntry], *, deadline: dt.date = dt.date(2026, 10, 14), as_of: dt.datetime | None = None,
          first_day: dt.date | None = dt.date(2026, 10, 1), **settings: object) -> Compliance:
    """Check ``entries`` against the fixture SOP (planned by ``loop_plan``), as of ``as_of``, in a
    period whose window opens on ``first_day`` (October 2026)."""
    return check_entries("uji", loop_flow(), entries, CAL, PeriodSettings(**settings), deadline,  # type: ignore[arg-type]
                         as_of, loop_plan(), first_day)


def codes(result: Compliance) -> list[str]:
    """The codes found, sorted."""
    return sorted(d.code for d in result.diagnostics)


def downgrade(path: Path, version: int) -> None:
    """Turn a database written by this sopdoc into the file an older store wrote (``version`` 2 or 3):
    no ``entry.kasus`` column before version 4 (entries of the implicit case hash the same in every
    version), no ``lifecycle`` table before version 3."""
    import sqlite3

    from sopdoc.execution.store_schema import trigger_sql

    raw = sqlite3.connect(path, isolation_level=None)
    if version < 4:
        assert not raw.execute("SELECT count(*) FROM entry WHERE kasus != ''").fetchone()[0]
        raw.execute("ALTER TABLE entry DROP COLUMN kasus")
    if version < 3:
        for name in trigger_sql():
            if name.startswith("lifecycle_"):
                raw.execute(f"DROP TRIGGER {name}")
        raw.execute("DROP TABLE lifecycle")
    raw.execute(f"PRAGMA user_version = {version}")
    raw.close()
