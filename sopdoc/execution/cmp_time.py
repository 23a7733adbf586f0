"""CMP3xx: the cycle against the deadline and the plan as of a moment, and entries outside the working
calendar (LG-05, LG-06)."""

from __future__ import annotations

from collections.abc import Iterator

from sopdoc.codes import Finding, rule
from sopdoc.execution.cmp_context import CheckContext
from sopdoc.execution.state import is_overdue
from sopdoc.model.diagnostic import Severity, Teks

__all__: list[str] = []


@rule(code="CMP301", slug="melewati-tenggat", severity=Severity.WARNING, catalogue="LG-05",
      summary=Teks("Melewati tenggat", "The cycle's last main-path step ended after the period's reporting deadline"),
      hint=Teks("laporkan penyebab keterlambatan; rencanakan mulai lebih awal pada periode berikutnya",
                "report the cause of the delay; start earlier next period"))
def melewati_tenggat(ctx: CheckContext) -> Iterator[Finding]:
    """LG-05: the cycle's last main-path step ended after the period's reporting deadline."""
    main = ctx.main_path
    if not main:
        return
    last = [f for f in ctx.facts if f.entry.langkah == main[-1]]
    if last and last[-1].end.date() > ctx.deadline:
        f = last[-1]
        yield ctx.finding(f, Teks(
            f"siklus selesai {f.end:%Y-%m-%d}, melewati tenggat {ctx.deadline:%Y-%m-%d}",
            f"cycle finished {f.end:%Y-%m-%d}, after the deadline {ctx.deadline:%Y-%m-%d}"))


@rule(code="CMP302", slug="di-luar-hari-kerja", severity=Severity.INFO, catalogue="LG-06",
      summary=Teks("Di luar hari kerja",
                   "An entry starts or ends on a weekend, a national holiday, cuti bersama or a local holiday"),
      hint=Teks("periksa apakah pekerjaan memang dilakukan di hari libur (lembur) atau tanggalnya salah catat",
                "check whether the work was really done on a day off (overtime) or the date is wrong"))
def di_luar_hari_kerja(ctx: CheckContext) -> Iterator[Finding]:
    """LG-06: an entry starts or ends on a weekend, a national holiday, cuti bersama or a local holiday."""
    if not ctx.settings.check_working_hours:
        return
    cal = ctx.calendar
    working_day = cal.is_working_day
    for f in ctx.facts:
        for moment in (f.start, f.end):
            if not working_day(moment.date()):
                name = cal.holiday_name(moment.date())
                why = name or ("akhir pekan" if moment.weekday() >= 5 else "hari tanpa jam kerja")
                why_en = name or ("weekend" if moment.weekday() >= 5 else "day without working hours")
                yield ctx.finding(f, Teks(f"langkah {f.entry.langkah} dicatat pada {moment:%Y-%m-%d} ({why})",
                                          f"step {f.entry.langkah} recorded on {moment:%Y-%m-%d} ({why_en})"))
                break


@rule(code="CMP303", slug="di-luar-jam-kerja", severity=Severity.INFO, catalogue="LG-06",
      summary=Teks("Di luar jam kerja",
                   "An entry on a working day starts or ends outside the working hours (breaks included)"),
      hint=Teks("periksa jam yang dicatat (jam kerja Perpres 21/2023: 07.30–16.00, Jumat 07.30–16.30)",
                "check the recorded time (Perpres 21/2023 hours: 07:30–16:00, Friday 07:30–16:30)"))
def di_luar_jam_kerja(ctx: CheckContext) -> Iterator[Finding]:
    """LG-06: an entry on a working day starts or ends outside the working hours (breaks included)."""
    if not ctx.settings.check_working_hours:
        return
    outside = ctx.calendar.outside_hours
    for f in ctx.facts:
        for moment in (f.start, f.end):
            if outside(moment):
                yield ctx.finding(f, Teks(f"langkah {f.entry.langkah} dicatat pada {moment:%H:%M}, di luar jam kerja",
                                          f"step {f.entry.langkah} recorded at {moment:%H:%M}, outside working hours"))
                break


@rule(code="CMP304", slug="langkah-lewat-jadwal", severity=Severity.WARNING, catalogue="LG-05",
      summary=Teks("Langkah lewat jadwal",
                   "As of the check, a main-path step still to do is past its planned end (before the deadline)"),
      hint=Teks("kerjakan dan catat langkah ini segera agar tenggat periode tercapai",
                "do and record this step now so that the period's deadline is met"))
def langkah_lewat_jadwal(ctx: CheckContext) -> Iterator[Finding]:
    """LG-05: as of the check's moment, a main-path step still to do (after the last recorded one)
    has passed its planned end, while the period's deadline has not passed yet. Without a moment
    (``as_of``) nothing is overdue."""
    if ctx.as_of is None or is_overdue(ctx.deadline, ctx.as_of):
        return
    index = {s.no: i for i, s in enumerate(ctx.flow.steps)}
    for no in ctx.pending:
        end = ctx.planned_end.get(no)
        if end is not None and end < ctx.as_of:
            yield ctx.finding(None, Teks(
                f"per {ctx.as_of:%Y-%m-%d %H:%M} langkah {no} belum dicatat, rencana selesai {end:%Y-%m-%d %H:%M}",
                f"as of {ctx.as_of:%Y-%m-%d %H:%M} step {no} is not recorded, planned to end {end:%Y-%m-%d %H:%M}"),
                step_index=index[no])


@rule(code="CMP305", slug="langkah-tidak-dilaksanakan", severity=Severity.ERROR, catalogue="LG-05",
      summary=Teks("Langkah tidak dilaksanakan",
                   "The period's deadline has passed and a main-path step was never recorded"),
      hint=Teks("jelaskan mengapa langkah tidak dilaksanakan dan tetapkan tindak lanjutnya",
                "explain why the step was not done and decide the follow-up"))
def langkah_tidak_dilaksanakan(ctx: CheckContext) -> Iterator[Finding]:
    """LG-05: as of the check's moment the period's deadline has passed, and a main-path step after
    the last recorded one was never recorded (steps skipped before it are CMP201)."""
    if not is_overdue(ctx.deadline, ctx.as_of):
        return
    index = {s.no: i for i, s in enumerate(ctx.flow.steps)}
    for no in ctx.pending:
        yield ctx.finding(None, Teks(f"langkah {no} tidak dilaksanakan sampai tenggat {ctx.deadline:%Y-%m-%d}",
                                     f"step {no} was not done by the deadline {ctx.deadline:%Y-%m-%d}"),
                          step_index=index[no])


@rule(code="CMP306", slug="periode-lewat-tenggat", severity=Severity.ERROR, catalogue="LG-05",
      summary=Teks("Periode lewat tenggat", "The period's deadline has passed and its cycle is not finished"),
      hint=Teks("selesaikan dan catat siklus, laporkan keterlambatan kepada atasan",
                "finish and record the cycle, report the delay to the superior"))
def periode_lewat_tenggat(ctx: CheckContext) -> Iterator[Finding]:
    """LG-05: as of the check's moment the period's deadline has passed and the main path's last step
    has no entry (an empty period included)."""
    main = ctx.main_path
    if not main or main[-1] in ctx.recorded_steps or not is_overdue(ctx.deadline, ctx.as_of):
        return
    assert ctx.as_of is not None
    done = sum(1 for s in main if s in ctx.recorded_steps)
    yield ctx.finding(None, Teks(
        f"per {ctx.as_of:%Y-%m-%d} siklus belum selesai, tenggat {ctx.deadline:%Y-%m-%d} terlewati "
        f"({done} dari {len(main)} langkah jalur utama dicatat)",
        f"as of {ctx.as_of:%Y-%m-%d} the cycle is not finished, the deadline {ctx.deadline:%Y-%m-%d} has passed "
        f"({done} of {len(main)} main-path steps recorded)"))


@rule(code="CMP307", slug="di-luar-periode", severity=Severity.WARNING, catalogue="LG-05",
      summary=Teks("Di luar periode",
                   "An entry starts before the period's window or ends after its deadline"),
      hint=Teks("periksa tanggal yang dicatat dan apakah entri dicatat pada instans (periode) yang benar",
                "check the recorded date and whether the entry was recorded in the right instance (period)"))
def di_luar_periode(ctx: CheckContext) -> Iterator[Finding]:
    """LG-05: an entry starts before the first day of the period's window (the earlier of the period's
    first day and the planned start) or ends after the period's deadline — work of another period, or a
    wrong date. The end of the cycle's last main-path step after the deadline is CMP301's, not repeated
    here. The same is warned about by ``log add``/``log import`` when the entry is made."""
    if ctx.first_day is None:
        return
    main = ctx.main_path
    last = [f for f in ctx.facts if main and f.entry.langkah == main[-1]]
    cycle_end = last[-1] if last else None
    for f in ctx.facts:
        if f.start.date() < ctx.first_day:
            yield ctx.finding(f, Teks(
                f"langkah {f.entry.langkah} mulai {f.start:%Y-%m-%d}, sebelum jendela periode "
                f"({ctx.first_day:%Y-%m-%d} s.d. {ctx.deadline:%Y-%m-%d})",
                f"step {f.entry.langkah} starts {f.start:%Y-%m-%d}, before the period's window "
                f"({ctx.first_day:%Y-%m-%d} to {ctx.deadline:%Y-%m-%d})"))
        elif f.end.date() > ctx.deadline and f is not cycle_end:
            yield ctx.finding(f, Teks(
                f"langkah {f.entry.langkah} selesai {f.end:%Y-%m-%d}, setelah tenggat periode {ctx.deadline:%Y-%m-%d}",
                f"step {f.entry.langkah} ends {f.end:%Y-%m-%d}, after the period's deadline {ctx.deadline:%Y-%m-%d}"))
