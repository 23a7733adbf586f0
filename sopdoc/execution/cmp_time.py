"""CMP3xx: the cycle against the deadline, and entries outside the working calendar (LG-05, LG-06)."""

from __future__ import annotations

from collections.abc import Iterator

from sopdoc.codes import Finding, rule
from sopdoc.execution.cmp_context import CheckContext
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
    for f in ctx.facts:
        for moment in (f.start, f.end):
            if not cal.is_working_day(moment.date()):
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
    cal = ctx.calendar
    for f in ctx.facts:
        for moment in (f.start, f.end):
            if cal.is_working_day(moment.date()) and not cal.is_working_moment(moment):
                yield ctx.finding(f, Teks(f"langkah {f.entry.langkah} dicatat pada {moment:%H:%M}, di luar jam kerja",
                                          f"step {f.entry.langkah} recorded at {moment:%H:%M}, outside working hours"))
                break
