"""CMP3xx: the cycle against the deadline, and entries outside the working calendar (LG-05, LG-06)."""

from __future__ import annotations

from collections.abc import Iterator

from sopdoc.model.diagnostic import Diagnostic, Severity, Teks
from sopdoc.execution.cmp_context import CheckContext
from sopdoc.execution.cmp_rules import rule

__all__: list[str] = []


@rule("CMP301", "melewati-tenggat", Severity.WARNING, "LG-05",
      "laporkan penyebab keterlambatan; rencanakan mulai lebih awal pada periode berikutnya",
      "report the cause of the delay; start earlier next period")
def melewati_tenggat(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The cycle's last main-path step ended after the period's reporting deadline."""
    main = ctx.main_path
    if not main:
        return
    last = [f for f in ctx.facts if f.entry.langkah == main[-1]]
    if last and last[-1].end.date() > ctx.deadline:
        f = last[-1]
        yield ctx.diag("CMP301", f, Teks(
            f"siklus selesai {f.end:%Y-%m-%d}, melewati tenggat {ctx.deadline:%Y-%m-%d}",
            f"cycle finished {f.end:%Y-%m-%d}, after the deadline {ctx.deadline:%Y-%m-%d}"))


@rule("CMP302", "di-luar-hari-kerja", Severity.INFO, "LG-06",
      "periksa apakah pekerjaan memang dilakukan di hari libur (lembur) atau tanggalnya salah catat",
      "check whether the work was really done on a day off (overtime) or the date is wrong")
def di_luar_hari_kerja(ctx: CheckContext) -> Iterator[Diagnostic]:
    """An entry starts or ends on a weekend, a national holiday, cuti bersama or a local holiday."""
    if not ctx.settings.check_working_hours:
        return
    cal = ctx.calendar
    for f in ctx.facts:
        for moment in (f.start, f.end):
            if not cal.is_working_day(moment.date()):
                name = cal.holiday_name(moment.date())
                why = name or ("akhir pekan" if moment.weekday() >= 5 else "hari tanpa jam kerja")
                why_en = name or ("weekend" if moment.weekday() >= 5 else "day without working hours")
                yield ctx.diag("CMP302", f, Teks(f"langkah {f.entry.langkah} dicatat pada {moment:%Y-%m-%d} ({why})",
                                                 f"step {f.entry.langkah} recorded on {moment:%Y-%m-%d} ({why_en})"))
                break


@rule("CMP303", "di-luar-jam-kerja", Severity.INFO, "LG-06",
      "periksa jam yang dicatat (jam kerja Perpres 21/2023: 07.30–16.00, Jumat 07.30–16.30)",
      "check the recorded time (Perpres 21/2023 hours: 07:30–16:00, Friday 07:30–16:30)")
def di_luar_jam_kerja(ctx: CheckContext) -> Iterator[Diagnostic]:
    """An entry on a working day starts or ends outside the working hours (breaks included)."""
    if not ctx.settings.check_working_hours:
        return
    cal = ctx.calendar
    for f in ctx.facts:
        for moment in (f.start, f.end):
            if cal.is_working_day(moment.date()) and not cal.is_working_moment(moment):
                yield ctx.diag("CMP303", f, Teks(f"langkah {f.entry.langkah} dicatat pada {moment:%H:%M}, di luar jam kerja",
                                                 f"step {f.entry.langkah} recorded at {moment:%H:%M}, outside working hours"))
                break
