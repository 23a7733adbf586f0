"""Commands of the execution stage: the ``period`` and ``log`` groups (DESIGN.md §8)."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from sopdoc.cli import _help, _lang, cli, config_option, fail, fail_on_option, lang_option
from sopdoc.cli.outputs import refuse_outside
from sopdoc.cli.spelling import old_spelling, take_old_spelling
from sopdoc.model.diagnostic import Teks
from sopdoc.safe_path import check_instance_name
from sopdoc.safe_text import terminal_text

_DB_HELP = ("Basis data log: berkas SQLite (bawaan ./sopdoc.db) atau URL postgresql://pengguna@host/nama "
            "(atau SOPDOC_DB).",
            "Log database: a SQLite file (default ./sopdoc.db) or a postgresql://user@host/name URL "
            "(or SOPDOC_DB).")
_CONFIG_HELP = ("Berkas konfigurasi sopdoc.toml (bagian [kalender] dan [period]).",
                "sopdoc.toml configuration file ([kalender] and [period] sections).")


def _common(key: str, config: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--db (and --config) options, --lang, and SopdocError → one-line message, exit 2."""
    def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            import sqlite3

            from sopdoc.errors import SopdocError

            ctx = click.get_current_context()
            try:
                return fn(*args, **kwargs)
            except SopdocError as exc:
                fail(ctx, exc.teks)
            except sqlite3.Error as exc:  # a damaged database met while reading (writes are translated by the store)
                db = kwargs.get("db", "")
                fail(ctx, Teks(f"bukan basis data sopdoc yang utuh: {db} ({exc})",
                               f"not an intact sopdoc database: {db} ({exc})"))
            except BrokenPipeError:
                raise
            except OSError as exc:
                fail(ctx, Teks(f"galat berkas: {exc}", f"file error: {exc}"))
            return None

        run = click.option("--db", default="sopdoc.db", envvar="SOPDOC_DB", show_default=True,
                           help=_help(f"{key}.db", *_DB_HELP))(run)
        if config:
            run = config_option(key, *_CONFIG_HELP)(run)
        return lang_option(run)
    return wrap


def _store(db: str, create: bool = False) -> Any:
    from sopdoc.execution.store import open_store

    return open_store(db, create=create)


def _user(explicit: str | None) -> str:
    if explicit:
        return explicit
    import getpass

    return os.environ.get("SOPDOC_USER") or getpass.getuser()


_PER_HELP = ("Nilai keadaan per tanggal/jam ini (YYYY-MM-DD [HH:MM]; tanggal saja: akhir hari itu); "
             "bawaan: sekarang.",
             "Judge the state as of this date/time (YYYY-MM-DD [HH:MM]; a date alone: the end of that day); "
             "default: now.")


def _per_option(key: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option("--per", "--as-of", "per", default=None, help=_help(f"{key}.per", *_PER_HELP))


def _as_of(ctx: click.Context, per: str | None, zona_waktu: str) -> Any:
    """The moment to judge at, aware in the instance's zone: ``--per`` or now."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from sopdoc.execution.entries import TimestampError, parse_timestamp
    from sopdoc.execution.settings import ZONES

    zone = ZoneInfo(ZONES.get(zona_waktu, "Asia/Jakarta"))
    if per is None:
        return dt.datetime.now(zone)
    import re

    text = per.strip().replace("T", " ")
    try:
        moment, _ = parse_timestamp(f"{text} 23:59:59" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else text, zone)
    except TimestampError as exc:
        fail(ctx, exc.teks)
    return moment


@cli.group(help=_help("period", "Periode pelaksanaan SOP: buka, daftar, status, periksa, laporan.",
                      "SOP runs per period: open, list, status, check, report."))
@lang_option
def period() -> None:
    pass


@cli.group(help=_help("log", "Log penyelesaian langkah (hanya-tambah): catat, impor, daftar, ekspor, verifikasi.",
                      "Append-only step-completion log: add, import, list, export, verify."))
@lang_option
def log() -> None:
    pass


# --------------------------------------------------------------------------- period open / list / status



def _emit(output: str | None, text: str) -> None:
    """``text`` written whole to ``output`` (all or nothing), or to standard output."""
    if output:
        from sopdoc.atomic import write_atomic

        write_atomic(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)

@period.command("open", help=_help(
    "period.open", "Buka periode untuk SOP: patok versi SOP, hitung jadwal rencana dan tenggat.\n\n"
    "SOP diperiksa dulu: galat menghalangi pembukaan kecuali --paksa \"ALASAN\" (alasan dicatat).\n\n"
    "Kode keluar: 0 dibuka, 1 SOP memiliki galat (tidak dibuka), 2 kesalahan penggunaan.\n\n"
    "Contoh: sopdoc period open examples/pengumpulan-data-kinerja.sop.yaml --period 2026-TW3",
    "Open a period for an SOP: pin the SOP version, plan the schedule and the deadline.\n\n"
    "The SOP is checked first: errors block the opening unless --paksa \"REASON\" (the reason is recorded).\n\n"
    "Exit codes: 0 opened, 1 the SOP has errors (not opened), 2 usage error.\n\n"
    "Example: sopdoc period open examples/pengumpulan-data-kinerja.sop.yaml --period 2026-TW3"))
@click.argument("sop", type=click.Path())
@click.option("--period", "period_code", required=True, help=_help(
    "period.open.period_code", "Kode periode: 2026-10, 2026-TW3, 2026-S1, 2026.",
                               "Period code: 2026-10, 2026-TW3, 2026-S1, 2026."))
@click.option("--start", default=None, help=_help(
    "period.open.start", "Mulai rencana (YYYY-MM-DD [HH:MM]); bawaan: hari kerja pertama setelah periode.",
    "Planned start (YYYY-MM-DD [HH:MM]); default: the first working day after the period."))
@click.option("--name", default=None, help=_help("period.open.name", "Nama instans (bawaan: <sop>-<periode>).",
                                                 "Instance name (default: <sop>-<period>)."))
@click.option("--paksa", default=None, metavar="ALASAN", help=_help(
    "period.open.paksa", "Buka walau SOP memiliki galat; alasannya dicatat pada instans.",
    "Open although the SOP has errors; the reason is recorded with the instance."))
@_common("period.open", config=True)
@click.pass_context
def period_open(ctx: click.Context, sop: str, period_code: str, start: str | None, name: str | None,
                db: str, config: str | None, paksa: str | None = None) -> None:
    from sopdoc.config import load_settings
    from sopdoc.execution.entries import parse_timestamp
    from sopdoc.execution.plan import plan_from_json
    from sopdoc.execution.runs import SopRejected, prepare_period, store_period
    from sopdoc.execution.settings import ZONES

    settings = load_settings(Path(sop).parent, Path(config) if config else None)
    cal, per = settings.kalender, settings.period
    begin = None
    if start:
        from zoneinfo import ZoneInfo

        text = start if " " in start.strip() or "T" in start else f"{start} 07:30"
        begin, _ = parse_timestamp(text.replace("T", " "), ZoneInfo(ZONES[cal.zona_waktu]))
    lang = _lang(ctx)
    try:  # everything is checked before the database is opened: a failed open creates no file
        prepared = prepare_period(sop, period_code, calendar=cal, period_settings=per, start=begin,
                                  name=name, user=_user(None), paksa=paksa)
    except SopRejected as exc:
        _echo_sop_errors(exc.errors, lang)
        fail(ctx, exc.teks, 1)
        return
    _echo_open_notes(prepared, lang)
    with _store(db, create=True) as store:
        inst = store_period(store, prepared)
    meta = inst.meta_dict()
    en = lang == "en"
    click.echo(f"{'opened' if en else 'dibuka'}: {inst.name}  ({meta['periode_nama_en' if en else 'periode_nama']}, "
               f"{'deadline' if en else 'tenggat'} {inst.deadline})")
    for p in plan_from_json(inst.plan):
        click.echo(f"  {p.langkah:>3}  {p.mulai[:16].replace('T', ' ')} → {p.selesai[:16].replace('T', ' ')}")


def _echo_sop_errors(errors: Any, lang: str) -> None:
    from sopdoc.validate.output import FileReport, format_text

    click.echo(terminal_text(format_text([FileReport("SOP", tuple(errors))], lang)), err=True, nl=False)


def _echo_open_notes(prepared: Any, lang: str) -> None:
    """The periode mismatch, and the errors overridden by --paksa, as warnings on stderr."""
    word = "warning" if lang == "en" else "peringatan"
    for w in prepared.warnings:
        click.echo(f"{word}: {w.get(lang)}", err=True)
    if prepared.errors:
        _echo_sop_errors(prepared.errors, lang)
        reason = prepared.instance.meta_dict()["dibuka_paksa"]["alasan"]
        click.echo(f"{word}: " + (f"opened despite {len(prepared.errors)} errors; reason recorded: {reason}"
                                  if lang == "en" else
                                  f"dibuka walau ada {len(prepared.errors)} galat; alasan dicatat: {reason}"),
                   err=True)


def _format_option(key: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
                        help=_help(f"{key}.fmt", "Bentuk keluaran.", "Output format."))


def _echo_json(data: object) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@period.command("list", help=_help("period.list", "Daftar instans periode.", "List period instances."))
@_format_option("period.list")
@_common("period.list")
@click.pass_context
def period_list(ctx: click.Context, db: str, fmt: str = "text") -> None:
    from sopdoc.execution.lifecycle import lifecycle_word

    with _store(db) as store:
        instances = store.instances()
        counts = {i.name: len(store.entries(i.name)) for i in instances}
        ended = {i.name: r[-1] for i in instances if (r := store.lifecycle(i.name))}
    lang = _lang(ctx)
    en = lang == "en"
    if fmt == "json":
        _echo_json({"instances": [
            {"name": i.name, "period": i.period, "nama": i.meta_dict().get("nama", ""), "deadline": i.deadline,
             "entries": counts[i.name], "ended": ended[i.name].kind if i.name in ended else None,
             "ended_at": ended[i.name].pada if i.name in ended else None} for i in instances]})
        return
    for i in instances:
        meta = i.meta_dict()
        end = f"\t{lifecycle_word(ended[i.name].kind).get(lang)}" if i.name in ended else ""
        click.echo(f"{i.name}\t{i.period}\t{terminal_text(str(meta.get('nama', '')))}\t"
                   f"{'deadline' if en else 'tenggat'} {i.deadline}\t"
                   f"{counts[i.name]} {'entries' if en else 'entri'}{end}")


@period.command("status", help=_help(
    "period.status",
    "Keadaan suatu instans per tanggal/jam (--per, bawaan: sekarang).\n\n"
    "Log satu kali jalan: rencana dan realisasi tiap langkah jalur utama. Log dengan kasus (satu per surat, "
    "permohonan, berkas): satu baris per kasus — langkah selesai/jumlah, mulai, entri terakhir, waktu kerja "
    "terhadap waktu baku SOP, keadaan (belum dimulai, berjalan, terlambat, selesai); --kasus K menampilkan "
    "langkah-langkah satu kasus.\n\n"
    "Contoh: sopdoc period status surat-masuk-2026-10 --kasus AG-0123 --per 2026-10-20",
    "The state of an instance as of a date/time (--per, default: now).\n\n"
    "A single-run log: plan and progress of each main-path step. A log of cases (one per letter, request, "
    "dossier): one line per case — steps done/total, started, last entry, working time against the SOP's "
    "standard time, state (not started, in progress, overdue, done); --kasus K shows the steps of one case.\n\n"
    "Example: sopdoc period status surat-masuk-2026-10 --kasus AG-0123 --per 2026-10-20"))
@click.argument("instance")
@click.option("--kasus", "--case", "kasus", default=None, help=_help(
    "period.status.kasus", "Langkah-langkah satu kasus ini saja.", "The steps of this one case only."))
@_per_option("period.status")
@_format_option("period.status")
@_common("period.status")
@click.pass_context
def period_status(ctx: click.Context, instance: str, per: str | None, db: str, fmt: str = "text",
                  kasus: str | None = None) -> None:
    import datetime as dt

    from sopdoc.execution.cmp_context import effective_entries
    from sopdoc.execution.recording import find_instance
    from sopdoc.execution.state import State, instance_state

    with _store(db) as store:
        inst = find_instance(store, instance)
        stored = store.entries(inst.name)
        ended = store.lifecycle(inst.name)
    try:
        entries = effective_entries(stored)
    except (ValueError, TypeError):  # a timestamp edited behind sopdoc's back
        fail(ctx, Teks(f"data log '{inst.name}' rusak (waktu entri tidak terbaca); jalankan sopdoc log verify",
                       f"log data of '{inst.name}' is damaged (an entry time cannot be read); run sopdoc log verify"))
    lang = _lang(ctx)
    en = lang == "en"
    as_of = _as_of(ctx, per, inst.zona_waktu)
    meta = inst.meta_dict()
    plan = inst.plan_steps()  # StoreError (one line, exit 2) when the stored plan is damaged
    cases = None
    if kasus is not None or any(e.kasus for e in entries):
        cases = _case_statuses(inst, stored, as_of)
        if kasus is not None:
            case = _one_case(ctx, cases, kasus.strip())
            entries = [e for e in entries if e.kasus == case.kasus]
            cases = [case]
    if fmt == "json":
        data = _status_dict(inst, entries, ended, as_of, lang)
        if cases is not None:
            data["cases"] = [c.to_dict(lang) for c in cases]
            if kasus is not None:  # a case has no plan of its own: its steps still to do are late when it is
                data["kasus"], data["state"], data["state_text"] = (
                    cases[0].kasus, str(cases[0].state), cases[0].state.teks.get(lang))
                reached = max((i for i, st in enumerate(data["steps"]) if st["selesai"]), default=-1)
                for i, st in enumerate(data["steps"]):
                    st["terlambat"] = not st["selesai"] and i > reached and cases[0].state is State.TERLAMBAT
        _echo_json(data)
        return
    click.echo(f"{inst.name}: {terminal_text(str(meta.get('nama', '')))} — "
               f"{terminal_text(str(meta.get('periode_nama_en' if en else 'periode_nama', inst.period)))}")
    click.echo(f"{'deadline' if en else 'tenggat'}: {terminal_text(inst.deadline)}")
    if cases is not None and kasus is None:
        _echo_cases(cases, as_of, lang, inst.name)
        return
    if cases is not None:
        click.echo(f"{'case' if en else 'kasus'}: {terminal_text(cases[0].kasus)}")
    done = {e.langkah: e for e in entries}
    last = done.get(plan[-1].langkah) if plan else None
    try:
        finished = dt.datetime.fromisoformat(last.selesai) if last else None
        deadline = dt.date.fromisoformat(inst.deadline)
    except (ValueError, TypeError):  # a value edited behind sopdoc's back
        fail(ctx, Teks(f"data instans '{inst.name}' rusak (tenggat tidak terbaca); jalankan sopdoc log verify",
                       f"instance data of '{inst.name}' is damaged (unreadable deadline); run sopdoc log verify"))
    state = cases[0].state if cases else instance_state(bool(entries), finished, deadline, as_of)
    click.echo(f"status: {state.teks.get(lang)} ({'as of' if en else 'per'} {as_of:%Y-%m-%d %H:%M})")
    reached = max((i for i, p in enumerate(plan) if p.langkah in done), default=-1)
    for i, p in enumerate(plan):
        rec = done.get(p.langkah)
        late = rec is None and i > reached and (  # a case has no plan of its own: late when the case is
            cases[0].state is State.TERLAMBAT if cases else dt.datetime.fromisoformat(p.selesai) < as_of)
        actual = (f"{terminal_text(rec.selesai[:16].replace('T', ' '))} ({terminal_text(rec.oleh)})" if rec
                  else ("not recorded" if en else "belum dicatat"))
        mark = ("  OVERDUE" if en else "  TERLAMBAT") if late else ""
        planned = terminal_text(p.selesai[:16].replace("T", " "))
        click.echo(f"  {p.langkah:>3}  {'plan' if en else 'rencana'} {planned}  |  {actual}{mark}")
    n_done = sum(1 for p in plan if p.langkah in done)
    click.echo(f"{n_done}/{len(plan)} {'main-path steps recorded' if en else 'langkah jalur utama dicatat'}")


def _case_statuses(inst: Any, stored: Any, as_of: Any) -> Any:
    """Every case of the instance as of ``as_of`` (the check with the default settings, as ``period due``)."""
    from sopdoc.config import load_settings
    from sopdoc.execution.calendar import WorkingCalendar
    from sopdoc.execution.case_status import case_statuses
    from sopdoc.execution.compliance import check_instance
    from sopdoc.execution.pinned import StepTable
    from sopdoc.execution.recording import instance_calendar

    settings = load_settings(None, None)
    calendar = WorkingCalendar(instance_calendar(inst, settings.kalender))
    result = check_instance(inst, stored, calendar, settings.period, as_of)
    return case_statuses(result, stored, StepTable.from_json(inst.flow), calendar)


def _one_case(ctx: click.Context, cases: Any, kasus: str) -> Any:
    """The status of case ``kasus``; exit 2 with a did-you-mean when the instance has no such case."""
    import difflib

    found = next((c for c in cases if c.kasus == kasus), None)
    if found is not None and kasus:
        return found
    names = [c.kasus for c in cases if c.kasus]
    close = difflib.get_close_matches(kasus, names, n=1)
    tip = (f"; maksud Anda '{close[0]}'?", f"; did you mean '{close[0]}'?") if close else (
        ("; instans ini tanpa kasus bernama", "; this instance has no named cases") if not names else ("", ""))
    fail(ctx, Teks(f"kasus tidak dikenal: '{terminal_text(kasus)}'{tip[0]}",
                   f"unknown case: '{terminal_text(kasus)}'{tip[1]}"))


def _echo_cases(cases: Any, as_of: Any, lang: str, name: str) -> None:
    """The per-case table of ``period status``: one tab-separated line per case, after a header."""
    from sopdoc.model.waktu import format_minutes

    en = lang == "en"
    overdue = sum(1 for c in cases if str(c.state) == "terlambat")
    done = sum(1 for c in cases if c.finished)
    when = f"{'as of' if en else 'per'} {as_of:%Y-%m-%d %H:%M}"
    if en:
        click.echo(f"cases: {len(cases)} ({done} done, {len(cases) - done} open, {overdue} overdue; {when})")
        click.echo("case	steps	started	last entry	working time (standard)	state")
    else:
        click.echo(f"kasus: {len(cases)} ({done} selesai, {len(cases) - done} terbuka, {overdue} terlambat; {when})")
        click.echo("kasus	langkah	mulai	entri terakhir	waktu kerja (baku)	keadaan")
    for c in cases:
        lead = "-" if c.minutes is None else format_minutes(c.minutes)
        if c.minutes is not None and not c.finished:
            lead += " so far" if en else " sejauh ini"
        over = (" OVER" if en else " MELAMPAUI") if c.over_standard else ""
        click.echo(f"{terminal_text(c.kasus) or '-'}\t{c.done}/{c.total}\t"
                   f"{f'{c.start:%Y-%m-%d %H:%M}' if c.start else '-'}\t"
                   f"{f'{c.last:%Y-%m-%d %H:%M}' if c.last else '-'}\t"
                   f"{lead} ({format_minutes(c.standard)}){over}\t{c.state.teks.get(lang)}")
    if any(c.kasus for c in cases):
        click.echo(f"{'steps of one case' if en else 'langkah satu kasus'}: sopdoc period status {name} --kasus KASUS")


def _status_dict(inst: Any, entries: Any, ended: Any, as_of: Any, lang: str) -> dict[str, Any]:
    """``period status --format json``: the state as of a moment, then each main-path step."""
    import datetime as dt

    from sopdoc.execution.plan import plan_from_json
    from sopdoc.execution.state import instance_state

    done = {e.langkah: e for e in entries}
    plan = plan_from_json(inst.plan)
    last = done.get(plan[-1].langkah) if plan else None
    finished = dt.datetime.fromisoformat(last.selesai) if last else None
    state = instance_state(bool(entries), finished, dt.date.fromisoformat(inst.deadline), as_of)
    reached = max((i for i, p in enumerate(plan) if p.langkah in done), default=-1)
    steps = []
    for i, p in enumerate(plan):
        rec = done.get(p.langkah)
        steps.append({"langkah": p.langkah, "rencana_mulai": p.mulai, "rencana_selesai": p.selesai,
                      "selesai": rec.selesai if rec else None, "oleh": rec.oleh if rec else None,
                      "terlambat": rec is None and i > reached and dt.datetime.fromisoformat(p.selesai) < as_of})
    return {"instance": inst.name, "nama": inst.meta_dict().get("nama", ""), "period": inst.period,
            "deadline": inst.deadline, "as_of": as_of.isoformat(timespec="minutes"), "state": str(state),
            "state_text": state.teks.get(lang), "ended": ended[-1].kind if ended else None, "steps": steps,
            "recorded": sum(1 for p in plan if p.langkah in done), "main_path": len(plan)}


@period.command("due", help=_help(
    "period.due", "Langkah yang jatuh tempo dan terlambat per hari ini, dari semua instans (untuk pengingat "
    "harian, cron atau systemd timer).\n\nKode keluar: 0 tidak ada yang terlambat, 1 ada yang terlambat, "
    "2 kesalahan penggunaan.",
    "Steps due and overdue as of today, over every instance (for a daily reminder: cron or a systemd "
    "timer).\n\nExit codes: 0 nothing overdue, 1 something overdue, 2 usage error."))
@click.option("--oleh", "peran", default=None, help=_help(
    "period.due.peran", "Hanya langkah jabatan (pelaksana) ini.", "Only the steps of this role (pelaksana)."))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=_help("period.due.fmt", "Bentuk keluaran.", "Output format."))
@_per_option("period.due")
@_common("period.due")
@click.pass_context
def period_due(ctx: click.Context, peran: str | None, fmt: str, per: str | None, db: str) -> None:
    import json

    from sopdoc.execution.due import due_case_steps, due_steps

    lang = _lang(ctx)
    en = lang == "en"
    found = []
    with _store(db, create=False) as store:
        for inst in store.instances():
            if store.lifecycle(inst.name):  # closed or voided: nothing is due any more
                continue
            entries = store.entries(inst.name)
            as_of = _as_of(ctx, per, inst.zona_waktu)
            if any(e.kasus for e in entries):  # one run per case: what each open case needs next
                found.extend(due_case_steps(inst, _case_check(inst, entries, as_of), peran))
            else:
                found.extend(due_steps(inst, entries, as_of, peran))
    overdue = sum(d.terlambat for d in found)
    if fmt == "json":
        click.echo(json.dumps({"due": [d.to_dict() for d in found], "overdue": overdue}, ensure_ascii=False,
                              indent=2))
    else:
        for d in found:
            mark = ("OVERDUE" if en else "TERLAMBAT") if d.terlambat else ("due" if en else "jatuh tempo")
            who = terminal_text(" / ".join(d.pelaksana))
            where = f"{d.instance}/{terminal_text(d.kasus)}" if d.kasus else d.instance
            when = (f"{'plan' if en else 'rencana'} {d.selesai[:16].replace('T', ' ')}" if d.selesai
                    else f"{'case started' if en else 'kasus mulai'} {d.mulai[:16].replace('T', ' ')}")
            click.echo(f"{where}\t{'step' if en else 'langkah'} {d.langkah}\t{mark}\t{when}\t"
                       f"{'deadline' if en else 'tenggat'} {d.tenggat}\t{who}\t{terminal_text(d.uraian)}")
        if not found:
            click.echo("nothing due" if en else "tidak ada yang jatuh tempo")
    ctx.exit(1 if overdue else 0)


def _case_check(inst: Any, entries: Any, as_of: Any) -> Any:
    """The compliance of an instance of named cases, with the default settings (for ``period due``)."""
    from sopdoc.config import load_settings
    from sopdoc.execution.calendar import WorkingCalendar
    from sopdoc.execution.compliance import check_instance
    from sopdoc.execution.recording import instance_calendar

    settings = load_settings(None, None)
    return check_instance(inst, entries, WorkingCalendar(instance_calendar(inst, settings.kalender)),
                          settings.period, as_of)


# --------------------------------------------------------------------------- period check / render


def _checked(ctx: click.Context, db: str, instance: str, config: str | None, per: str | None = None) -> Any:
    """Verify the log first (DESIGN.md §8), then check the instance: (instance, result, verification)."""
    from sopdoc.batch import collector_paused
    from sopdoc.config import load_settings
    from sopdoc.execution.calendar import WorkingCalendar
    from sopdoc.execution.compliance import check_instance
    from sopdoc.execution.recording import find_instance, instance_calendar

    settings = load_settings(None, Path(config) if config else None)
    cal, period_settings = settings.kalender, settings.period
    with _store(db) as store, collector_paused():
        verification, entries = store.verified_entries(instance)  # one read serves both
        if store.instance(instance) is None and not verification.ok:  # deleted behind sopdoc's back?
            _echo_verification(ctx, verification, instance)
            ctx.exit(1)
        inst = find_instance(store, instance)
        if entries is None or inst.name != instance:
            entries = store.entries(inst.name)
    as_of = _as_of(ctx, per, inst.zona_waktu)
    try:
        calendar = WorkingCalendar(instance_calendar(inst, cal))
        with collector_paused():
            return inst, check_instance(inst, entries, calendar, period_settings, as_of), verification
    except (ValueError, KeyError, TypeError):
        if verification.ok:
            raise
    _echo_verification(ctx, verification, instance)  # data damaged past reading: no findings, no report
    fail(ctx, Teks("data log rusak sehingga tidak dapat diperiksa", "the log data is too damaged to be checked"), 1)


def _echo_verification(ctx: click.Context, verification: Any, instance: str, err: bool = False) -> None:
    """The verification result and the instance's chain head (the receipt to compare), then any problem."""
    lang = _lang(ctx)
    en = lang == "en"
    head = verification.heads.get(instance)
    receipt = (f"; {'head' if en else 'kepala'}: {head.entries} {'entries' if en else 'entri'}, {head.hash}"
               if head else "")
    if verification.ok:
        ok = 'chain intact, keyed checkpoint matches' if en else 'rantai utuh, checkpoint berkunci cocok'
        click.echo(f"log: {ok}"
                   f"{receipt}", err=err)
    else:
        bad = 'NOT VALID, verification failed' if en else 'TIDAK VALID, verifikasi gagal'
        click.echo(f"log: {bad}{receipt}", err=err)
        for line in verification.problems(lang):
            click.echo(f"  {line}", err=err)
    for note in verification.notes:
        click.echo(f"{'note' if en else 'catatan'}: {note.get(lang)}", err=True)


def _figures_text(result: Any, lang: str) -> str:
    t = result.total
    share = "-" if t.on_time_share is None else f"{t.on_time_share:.0%}"
    if lang == "en":
        return (f"on time: {share} ({t.on_time}/{t.measured}); working time {t.actual:.0f} min "
                f"against a standard of {t.standard:.0f} min\n")
    return (f"tepat waktu: {share} ({t.on_time}/{t.measured}); "
            f"waktu kerja {t.actual:.0f} mnt dari baku {t.standard:.0f} mnt\n")


def _cases_text(result: Any, lang: str) -> str:
    """One line on the cases of a log with named cases ("" for a single-run log)."""
    cases = result.cases
    if not any(c.kasus for c in cases):
        return ""
    done = sum(1 for c in cases if c.finished is not None)
    late = sum(1 for c in cases if c.late)
    if lang == "en":
        return (f"cases: {len(cases)} ({done} finished, {late} of them beyond the SOP's standard time; "
                f"{len(result.open_cases)} open, {len(result.overdue_cases)} overdue)\n")
    return (f"kasus: {len(cases)} ({done} selesai, {late} di antaranya melampaui waktu baku SOP; "
            f"{len(result.open_cases)} terbuka, {len(result.overdue_cases)} terlambat)\n")


def _state_text(result: Any, lang: str) -> str:
    """The state as of the check's moment and the assessment, one line."""
    moment = f"{result.as_of:%Y-%m-%d %H:%M}" if result.as_of else "-"
    if lang == "en":
        return f"status: {result.state.teks.en} (as of {moment}); assessment: {result.assessment.en}"
    return f"status: {result.state.teks.id} (per {moment}); penilaian: {result.assessment.id}"


@period.command("check", help=_help(
    "period.check", "Periksa kepatuhan log terhadap mutu baku (CMPxxx) dan hitung angka ringkasan.\n\n"
    "Kode keluar: 0 bersih, 1 ada temuan, 2 kesalahan penggunaan.",
    "Check the log against the mutu baku (CMPxxx) and compute the figures.\n\n"
    "Exit codes: 0 clean, 1 findings, 2 usage error."))
@click.argument("instance")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=_help("period.check.fmt", "Bentuk keluaran.", "Output format."))
@fail_on_option("period.check", default="error")
@_per_option("period.check")
@_common("period.check", config=True)
@click.pass_context
def period_check(ctx: click.Context, instance: str, fmt: str, fail_on: str, db: str, config: str | None,
                 per: str | None = None) -> None:
    from sopdoc.model.diagnostic import Severity
    from sopdoc.render.report.context import figures_dict
    from sopdoc.validate.output import ExitPolicy, FileReport, format_text
    from sopdoc.validate.stream import ReportStream

    lang = _lang(ctx)
    _inst, result, verification = _checked(ctx, db, instance, config, per)
    reports = [FileReport(result.instance, result.diagnostics)]
    if fmt == "json":  # written in pieces, as check's stream does, with the figures after the summary
        stream = ReportStream("json", lang)
        click.echo(stream.begin(), nl=False)
        click.echo(stream.add(reports[0]), nl=False)
        extra = {"figures": figures_dict(result), "verification": verification.to_dict(lang)}
        click.echo(stream.end(extra), nl=False)
    else:
        _echo_verification(ctx, verification, result.instance)
        click.echo(terminal_text(format_text(reports, lang) + _figures_text(result, lang)
                                 + _cases_text(result, lang)), nl=False)
        click.echo(_state_text(result, lang))
    ctx.exit(max(ExitPolicy(Severity(fail_on)).exit_code(reports), 0 if verification.ok else 1))


@period.command("render", help=_help(
    "period.render", "Buat laporan periode (DOCX dan/atau PDF): ringkasan, tabel log, grafik, penyimpangan, "
    "formulir monitoring (Tabel 7), tanda tangan.",
    "Render the period report (DOCX and/or PDF): summary, log table, chart, deviations, monitoring form "
    "(Tabel 7), signature block."))
@click.argument("instance")
@click.option("--format", "targets", default="docx,pdf", show_default=True, callback=take_old_spelling,
              help=_help("period.render.targets", "Format, dipisah koma: docx, pdf.",
                         "Formats, comma-separated: docx, pdf."))
@old_spelling("--to", "--format", "targets")
@click.option("-o", "--out", "out_dir", default=".", show_default=True, type=click.Path(file_okay=False),
              help=_help("period.render.out_dir", "Direktori keluaran.", "Output directory."))
@click.option("--template", default=None, type=click.Path(dir_okay=False),
              help=_help("period.render.template", "Templat docxtpl sendiri (bawaan: laporan-periode.docx).",
                         "Own docxtpl template (default: laporan-periode.docx)."))
@_per_option("period.render")
@_common("period.render", config=True)
@click.pass_context
def period_render(ctx: click.Context, instance: str, targets: str, out_dir: str, template: str | None,
                  db: str, config: str | None, per: str | None = None) -> None:
    from pathlib import Path

    from sopdoc.render.report.docx import render_report

    kinds = _report_kinds(ctx, targets)
    if _write_frozen(ctx, db, instance, Path(out_dir), kinds):
        return
    inst, result, verification = _checked(ctx, db, instance, config, per)
    _echo_verification(ctx, verification, inst.name, err=True)
    bad_name = check_instance_name(inst.name)  # re-checked: the name becomes a file name
    if bad_name is not None:
        fail(ctx, bad_name)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for kind in kinds:
        refuse_outside(ctx, out / f"laporan-{inst.name}.{kind}", out)
    signing = _signing(config)
    for path in render_report(inst, result, out, kinds, template=template, verification=verification, **signing):
        click.echo(str(path))
    if not verification.ok:  # the report is written, marked TIDAK VALID
        ctx.exit(1)


def _signing(config: str | None) -> dict[str, str]:
    """The report's signing place and date rule from the profile (``tempat_ttd``, ``tanggal_ttd``)."""
    from sopdoc.config import load_settings

    profil = load_settings(None, Path(config) if config else None).profil
    return {"tempat_ttd": profil.tempat_ttd, "tanggal_ttd": profil.tanggal_ttd}


def _report_kinds(ctx: click.Context, targets: str) -> list[str]:
    kinds = [t.strip().lower() for t in targets.split(",") if t.strip()]
    bad = [k for k in kinds if k not in ("docx", "pdf")]
    if bad or not kinds:
        fail(ctx, Teks(f"format tidak dikenal: {', '.join(bad) or '(kosong)'} (pilih docx, pdf)",
                       f"unknown format: {', '.join(bad) or '(empty)'} (choose docx, pdf)"))
    return kinds


def _write_frozen(ctx: click.Context, db: str, instance: str, out: Path, kinds: list[str]) -> bool:
    """For a closed instance, write the report frozen at closing (the stored bytes) and say so; False
    when the instance was never closed (the report is made afresh)."""
    from sopdoc.atomic import write_atomic
    from sopdoc.execution.chain import CLOSE

    lang = _lang(ctx)
    with _store(db) as store:
        closed = [r for r in store.lifecycle(instance) if r.kind == CLOSE]
        if not closed:
            return False
        files = closed[-1].files()
        wanted = {n: h for n, h in files.items() if n.rsplit(".", 1)[-1] in kinds}
        data = {n: store.evidence(h) for n, h in wanted.items()}
    when = closed[-1].pada[:16].replace("T", " ")
    click.echo(f"{'note' if lang == 'en' else 'catatan'}: " + (
        f"the instance was closed ({when}): the report frozen then is written" if lang == "en" else
        f"instans ditutup ({when}): laporan yang dibekukan saat itu ditulis"), err=True)
    missing = [n for n, d in data.items() if d is None] or ([] if wanted else [", ".join(kinds)])
    if missing:
        fail(ctx, Teks(f"laporan beku tidak ada: {', '.join(missing)} (jalankan sopdoc log verify)",
                       f"frozen report not available: {', '.join(missing)} (run sopdoc log verify)"), 1)
    out.mkdir(parents=True, exist_ok=True)
    for name, content in sorted(data.items()):
        target = out / Path(name).name
        refuse_outside(ctx, target, out)
        write_atomic(target, content or b"")
        click.echo(f"{target}\tsha256 {wanted[name]}")
    return True


@period.command("export", help=_help(
    "period.export", "Ekspor untuk alat process mining: log XES semua instans dan kasus SOP ini (satu trace per "
    "kasus; IEEE 1849), atau SOP-nya sebagai model proses BPMN 2.0 (satu lajur per pelaksana, gateway eksklusif "
    "per keputusan) atau jaring Petri PNML, untuk memeriksa log terhadap SOP.",
    "Export for process-mining tools: the XES log of every instance and case of this SOP (one trace per case; "
    "IEEE 1849), or the SOP as a BPMN 2.0 process model (one lane per actor, an exclusive gateway per decision) "
    "or a PNML Petri net, to check a log against the SOP."))
@click.argument("instance")
@click.option("--format", "fmt", type=click.Choice(["xes", "bpmn", "pnml"]), default="xes", show_default=True,
              help=_help("period.export.fmt", "Format.", "Format."))
@click.option("-o", "--output", "output", default=None, type=click.Path(dir_okay=False),
              help=_help("period.export.output", "Berkas keluaran (bawaan: stdout).", "Output file (default: stdout)."))
@_common("period.export")
@click.pass_context
def period_export(ctx: click.Context, instance: str, fmt: str, output: str | None, db: str) -> None:
    from sopdoc.execution.pinned import StepTable
    from sopdoc.execution.process_model import bpmn_xml, pnml_xml
    from sopdoc.execution.recording import find_instance
    from sopdoc.execution.xes import instance_traces, xes_lines

    with _store(db, create=False) as store:
        inst = find_instance(store, instance)
        try:
            meta = inst.meta_dict()
            name = str(meta.get("nama", "")) or inst.name
            if fmt == "xes":  # every instance of the same SOP (its name and number), oldest period first
                key = (meta.get("nama"), meta.get("nomor"))
                same = [i for i in store.instances() if (i.meta_dict().get("nama"), i.meta_dict().get("nomor")) == key]
                traces = []
                for other in sorted(same, key=lambda i: (i.period, i.name)):
                    traces += instance_traces(other.name, other.period, store.entries(other.name),
                                              StepTable.from_json(other.flow).uraian)
                text = "\n".join(xes_lines(name, traces)) + "\n"
            else:
                flow = StepTable.from_json(inst.flow)
                text = bpmn_xml(flow, name) if fmt == "bpmn" else pnml_xml(flow, name)
        except (ValueError, TypeError, KeyError):  # a stored value edited behind sopdoc's back
            fail(ctx, Teks(f"data '{inst.name}' rusak; jalankan sopdoc log verify",
                           f"data of '{inst.name}' is damaged; run sopdoc log verify"))
    _emit(output, text)


@period.command("close", help=_help(
    "period.close", "Tutup instans: laporan akhir dibuat dan dibekukan (isi dan hash-nya disimpan di basis "
    "data, dicakup rantai berkunci); sesudahnya tidak ada entri yang dapat ditambahkan.\n\n"
    "Kode keluar: 0 ditutup, 1 log tidak valid (tidak ditutup), 2 kesalahan penggunaan.",
    "Close an instance: the final report is made and frozen (its content and hash stored in the database, "
    "covered by the keyed chain); no entries can be added afterwards.\n\n"
    "Exit codes: 0 closed, 1 the log does not verify (not closed), 2 usage error."))
@click.argument("instance")
@click.option("--format", "targets", default="docx,pdf", show_default=True,
              help=_help("period.close.targets", "Format laporan, dipisah koma: docx, pdf.",
                         "Report formats, comma-separated: docx, pdf."))
@click.option("-o", "--out", "out_dir", default=".", show_default=True, type=click.Path(file_okay=False),
              help=_help("period.close.out_dir", "Direktori keluaran.", "Output directory."))
@click.option("--template", default=None, type=click.Path(dir_okay=False),
              help=_help("period.close.template", "Templat docxtpl sendiri.", "Own docxtpl template."))
@click.option("--catatan", default="", help=_help("period.close.catatan", "Catatan penutupan.", "Closing note."))
@click.option("--dicatat-oleh", "recorder", default=None, help=_help(
    "period.close.recorder", "Siapa yang menutup.", "Who closes."))
@_common("period.close", config=True)
@click.pass_context
def period_close(ctx: click.Context, instance: str, targets: str, out_dir: str, template: str | None,
                 catatan: str, recorder: str | None, db: str, config: str | None) -> None:
    import tempfile

    from sopdoc.atomic import write_atomic
    from sopdoc.execution.chain import CLOSE
    from sopdoc.execution.lifecycle import end_refusal
    from sopdoc.render.report.docx import render_report

    kinds = _report_kinds(ctx, targets)
    with _store(db) as store:
        refused = end_refusal(instance, store.lifecycle(instance), CLOSE)
    if refused is not None:
        fail(ctx, refused)
    inst, result, verification = _checked(ctx, db, instance, config, None)
    if not verification.ok:
        _echo_verification(ctx, verification, inst.name, err=True)
        fail(ctx, Teks("log tidak valid: instans tidak ditutup", "the log does not verify: the instance was not "
                       "closed"), 1)
    bad_name = check_instance_name(inst.name)
    if bad_name is not None:
        fail(ctx, bad_name)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for kind in kinds:
        refuse_outside(ctx, out / f"laporan-{inst.name}.{kind}", out)
    with tempfile.TemporaryDirectory(prefix=".sopdoc-close-", dir=out) as tmp:
        paths = render_report(inst, result, Path(tmp), kinds, template=template, verification=verification,
                              **_signing(config))
        files = [(p.name, p.read_bytes()) for p in paths]
    head = verification.heads.get(inst.name)
    with _store(db) as store:
        record = store.end_instance(inst.name, CLOSE, catatan.strip(), _user(recorder), files,
                                    expected_n=head.entries if head else None)
    for name, data in files:  # written only once the closing is recorded
        write_atomic(out / name, data)
    lang = _lang(ctx)
    click.echo(f"{'closed' if lang == 'en' else 'ditutup'}: {inst.name} ({record.hash[:12]})")
    for name, digest in sorted(record.files().items()):
        click.echo(f"{out / name}\tsha256 {digest}")


@period.command("void", help=_help(
    "period.void", "Batalkan instans yang keliru: alasan dicatat (hanya-tambah; tidak ada yang dihapus); "
    "sesudahnya tidak ada entri yang dapat ditambahkan.",
    "Void a mistaken instance: the reason is recorded (append-only; nothing is deleted); no entries can be "
    "added afterwards."))
@click.argument("instance")
@click.option("--alasan", required=True, help=_help("period.void.alasan", "Alasan pembatalan (wajib).",
                                                     "Why the instance is voided (required)."))
@click.option("--dicatat-oleh", "recorder", default=None, help=_help(
    "period.void.recorder", "Siapa yang membatalkan.", "Who voids."))
@_common("period.void")
@click.pass_context
def period_void(ctx: click.Context, instance: str, alasan: str, recorder: str | None, db: str) -> None:
    from sopdoc.execution.chain import VOID
    from sopdoc.execution.recording import find_instance

    if not alasan.strip():
        fail(ctx, Teks("--alasan tidak boleh kosong", "--alasan must not be empty"))
    with _store(db) as store:
        inst = find_instance(store, instance)
        record = store.end_instance(inst.name, VOID, alasan.strip(), _user(recorder))
    lang = _lang(ctx)
    click.echo(f"{'voided' if lang == 'en' else 'dibatalkan'}: {inst.name} ({record.hash[:12]}); "
               f"{'reason' if lang == 'en' else 'alasan'}: {terminal_text(record.alasan)}")


# --------------------------------------------------------------------------- log add / import / list


def _report_rows(ctx: click.Context, results: list[Any], file: str) -> None:
    lang = _lang(ctx)
    word = "row" if lang == "en" else "baris"
    for r in results:
        for problem in r.problems:
            click.echo(f"{file}:{word} {r.row}: {problem.get(lang)}", err=True)


def _notes(ctx: click.Context, results: list[Any]) -> None:
    lang = _lang(ctx)
    seen = set()
    for r in results:
        for note in r.notes:
            if note.id not in seen:
                seen.add(note.id)
                click.echo(f"{'note' if lang == 'en' else 'catatan'}: {note.get(lang)}", err=True)


def _warnings(ctx: click.Context, results: list[Any], file: str | None) -> None:
    """The warnings at entry (the rows were recorded), one line each on stderr."""
    lang = _lang(ctx)
    word = "warning" if lang == "en" else "peringatan"
    row = "row" if lang == "en" else "baris"
    for r in results:
        for w in r.warnings:
            where = f"{file}:{row} {r.row}: " if file else ""
            click.echo(f"{word}: {where}{terminal_text(w.get(lang))}", err=True)


@log.command("add", help=_help(
    "log.add", "Catat penyelesaian satu langkah. Waktu tanpa zona dibaca sebagai waktu setempat instansi.\n\n"
    "Contoh: sopdoc log add INSTANS --langkah 3 --oleh \"NAMA / NIP\" --peran \"Kepala Bidang\" "
    "--mulai \"2026-10-05 08:00\" --selesai \"2026-10-05 10:30\" --output \"Berkas data\"",
    "Record the completion of one step. Timestamps without a zone are read in the agency's local time.\n\n"
    "Example: sopdoc log add INSTANCE --langkah 3 --oleh \"NAME / NIP\" --peran \"Kepala Bidang\" "
    "--mulai \"2026-10-05 08:00\" --selesai \"2026-10-05 10:30\" --output \"Berkas data\""))
@click.argument("instance")
@click.option("--kasus", default="", help=_help(
    "log.add.kasus", "Kasus dalam periode (mis. nomor agenda surat); kosong untuk SOP sekali jalan per periode.",
    "The case within the period (e.g. a letter's agenda number); empty for an SOP run once per period."))
@click.option("--langkah", required=True, help=_help("log.add.langkah", "Nomor langkah.", "Step number."))
@click.option("--oleh", required=True, help=_help("log.add.oleh", "Pelaku: \"NAMA / NIP\".", "Who: \"NAME / NIP\"."))
@click.option("--peran", required=True,
              help=_help("log.add.peran", "Jabatan pelaku (pelaksana SOP).", "Role (the SOP's pelaksana)."))
@click.option("--mulai", required=True,
              help=_help("log.add.mulai", "Mulai: 2026-10-05 08:00[+08:00].", "Start: 2026-10-05 08:00[+08:00]."))
@click.option("--selesai", required=True, help=_help("log.add.selesai", "Selesai.", "End."))
@click.option("--output", default="", help=_help("log.add.output", "Output yang dihasilkan.", "Output produced."))
@click.option("--bukti", default=None, type=click.Path(dir_okay=False),
              help=_help("log.add.bukti", "Berkas bukti (disimpan menurut hash isinya).",
                         "Evidence file (stored by content hash)."))
@click.option("--keputusan", type=click.Choice(["ya", "tidak"]), default=None,
              help=_help("log.add.keputusan", "Cabang yang diambil pada langkah keputusan.",
                         "Branch taken at a decision step."))
@click.option("--kelengkapan", default="", help=_help(
    "log.add.kelengkapan", "Kelengkapan yang tersedia: 'lengkap' atau daftar dipisah ';'.",
    "Kelengkapan available: 'lengkap' or a ';'-separated list."))
@click.option("--catatan", default="", help=_help("log.add.catatan", "Catatan.", "Note."))
@click.option("--menggantikan", default=None, help=_help(
    "log.add.menggantikan", "Nomor entri yang dikoreksi oleh entri ini.", "Number of the entry this one corrects."))
@click.option("--dicatat-oleh", "recorder", default=None, help=_help(
    "log.add.recorder", "Siapa yang mencatat (bawaan: SOPDOC_USER atau pengguna sistem).",
    "Who records (default: SOPDOC_USER or the system user)."))
@_common("log.add", config=True)
@click.pass_context
def log_add(ctx: click.Context, instance: str, db: str, recorder: str | None, config: str | None = None,
            **fields: Any) -> None:
    from sopdoc.config_file import load_calendar
    from sopdoc.execution.national_holidays import cache_folder
    from sopdoc.execution.recording import ImportRejected, find_instance, record_rows

    calendar = load_calendar(None, Path(config) if config else None)
    row = {k: ("" if v is None else v) for k, v in fields.items()}
    with _store(db) as store:
        inst = find_instance(store, instance)
        try:
            results, stored = record_rows(store, inst, [(1, row)], user=_user(recorder), calendar=calendar,
                                          holiday_cache=cache_folder(db))
        except ImportRejected as exc:
            for problem in exc.results[0].problems:
                click.echo(f"{'error' if _lang(ctx) == 'en' else 'galat'}: {problem.get(_lang(ctx))}", err=True)
            ctx.exit(2)
    _notes(ctx, results)
    _warnings(ctx, results, None)
    e = stored[0]
    word = "recorded: entry" if _lang(ctx) == "en" else "dicatat: entri"
    click.echo(f"{word} #{e.seq} {'step' if _lang(ctx) == 'en' else 'langkah'} {e.langkah} ({e.hash[:12]})")


@log.command("import", help=_help(
    "log.import", "Impor log CSV/XLSX: semua baris diperiksa dulu; tidak ada yang dicatat kecuali semua valid.\n\n"
    "Kolom: kasus (pilihan), langkah, oleh, peran, mulai, selesai, output, keputusan, kelengkapan, bukti, catatan, "
    "menggantikan.",
    "Import a CSV/XLSX log: every row is checked first; nothing is recorded unless all are valid.\n\n"
    "Columns: kasus (optional), langkah, oleh, peran, mulai, selesai, output, keputusan, kelengkapan, bukti, "
    "catatan, menggantikan."))
@click.argument("instance")
@click.argument("file", type=click.Path())
@click.option("--dicatat-oleh", "recorder", default=None, help=_help(
    "log.import.recorder", "Siapa yang mencatat.", "Who records."))
@_common("log.import", config=True)
@click.pass_context
def log_import(ctx: click.Context, instance: str, file: str, recorder: str | None, db: str,
               config: str | None = None) -> None:
    from sopdoc.config_file import load_calendar
    from sopdoc.execution.log_files import read_log_file
    from sopdoc.execution.national_holidays import cache_folder
    from sopdoc.execution.recording import ImportRejected, find_instance, record_rows

    calendar = load_calendar(None, Path(config) if config else None)
    rows = read_log_file(file)
    with _store(db) as store:
        inst = find_instance(store, instance)
        try:
            results, stored = record_rows(store, inst, rows, user=_user(recorder), base_dir=Path(file).parent,
                                          calendar=calendar, holiday_cache=cache_folder(db))
        except ImportRejected as exc:
            _report_rows(ctx, exc.results, file)
            fail(ctx, exc.teks)
            return
    _notes(ctx, results)
    _warnings(ctx, results, file)
    click.echo(f"{'imported' if _lang(ctx) == 'en' else 'diimpor'}: {len(stored)} "
               f"{'entries' if _lang(ctx) == 'en' else 'entri'} → {inst.name}")


@log.command("template", help=_help(
    "log.template", "Tulis templat log CSV/XLSX untuk diisi lalu diimpor (sopdoc log import): semua kolom, kasus "
    "lebih dulu, satu baris per langkah jalur utama dengan nomor dan perannya.",
    "Write a CSV/XLSX log template to fill in and import (sopdoc log import): every column, kasus first, one "
    "row per main-path step with its number and role."))
@click.argument("instance")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="xlsx", show_default=True,
              help=_help("log.template.fmt", "Format berkas.", "File format."))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help=_help("log.template.output", "Berkas keluaran.", "Output file."))
@click.option("--tanpa-kasus", "no_cases", is_flag=True, help=_help(
    "log.template.no_cases", "Tanpa kolom kasus (SOP sekali jalan per periode).",
    "Without the kasus column (an SOP run once per period)."))
@click.option("--pemisah", "delimiter", type=click.Choice([",", ";"]), default=",", show_default=True,
              help=_help("log.template.delimiter", "Pemisah kolom CSV.", "CSV column separator."))
@_common("log.template")
@click.pass_context
def log_template_command(ctx: click.Context, instance: str, fmt: str, output: str, no_cases: bool, db: str,
                         delimiter: str = ",") -> None:
    from sopdoc.atomic import write_atomic
    from sopdoc.execution.log_files import log_template
    from sopdoc.execution.pinned import StepTable
    from sopdoc.execution.recording import find_instance

    with _store(db, create=False) as store:
        inst = find_instance(store, instance)
    try:
        flow = StepTable.from_json(inst.flow)
    except (ValueError, TypeError, KeyError):
        fail(ctx, Teks(f"data instans '{inst.name}' rusak; jalankan sopdoc log verify",
                       f"instance data of '{inst.name}' is damaged; run sopdoc log verify"))
    write_atomic(output, log_template(flow, fmt, cases=not no_cases, delimiter=delimiter))
    click.echo(f"{'written' if _lang(ctx) == 'en' else 'ditulis'}: {output}")


@log.command("list", help=_help("log.list", "Daftar entri log suatu instans.", "List the log entries of an instance."))
@click.argument("instance")
@_format_option("log.list")
@_common("log.list")
@click.pass_context
def log_list(ctx: click.Context, instance: str, db: str, fmt: str = "text") -> None:
    from sopdoc.execution.entries import superseded_seqs
    from sopdoc.execution.recording import find_instance

    with _store(db) as store:
        inst = find_instance(store, instance)
        entries = store.entries(inst.name)
    superseded = superseded_seqs(entries)
    if fmt == "json":
        from dataclasses import asdict

        _echo_json({"instance": inst.name, "entries": [asdict(e) | {"digantikan": e.seq in superseded}
                                                       for e in entries]})
        return
    for e in entries:
        mark = " (digantikan)" if e.seq in superseded else ""
        if _lang(ctx) == "en" and mark:
            mark = " (superseded)"
        extra = f" [{e.keputusan}]" if e.keputusan else ""
        fields = (e.oleh, e.peran, e.output)  # text from the log: control characters shown, not acted on
        oleh, peran, output = (terminal_text(f).replace("\t", " ").replace("\n", " ") for f in fields)
        case = f" ({terminal_text(e.kasus)})" if e.kasus else ""
        click.echo(f"#{e.seq}{case}\t{e.langkah}{extra}\t{e.mulai[:16].replace('T', ' ')}\t"
                   f"{e.selesai[:16].replace('T', ' ')}\t"
                   f"{oleh}\t{peran}\t{output}{mark}")


@log.command("export", help=_help("log.export", "Ekspor log ke CSV atau XES (untuk alat process mining).",
                                  "Export the log as CSV or XES (for process-mining tools)."))
@click.argument("instance")
@click.option("--format", "target", type=click.Choice(["csv", "xes"]), default="csv", show_default=True,
              callback=take_old_spelling, help=_help("log.export.target", "Format.", "Format."))
@old_spelling("--to", "--format", "target", type=click.Choice(["csv", "xes"]))
@click.option("-o", "--output", "output", default=None, type=click.Path(dir_okay=False),
              help=_help("log.export.output", "Berkas keluaran (bawaan: stdout).", "Output file (default: stdout)."))
@click.option("--pemisah", "delimiter", type=click.Choice([",", ";"]), default=",", show_default=True,
              help=_help("log.export.delimiter", "Pemisah kolom CSV (';' untuk Excel berbahasa Indonesia).",
                         "CSV column separator (';' for an Indonesian-locale Excel)."))
@_common("log.export")
@click.pass_context
def log_export(ctx: click.Context, instance: str, target: str, output: str | None, db: str,
               delimiter: str = ",") -> None:
    from sopdoc.execution.log_files import entries_to_csv, entries_to_xes
    from sopdoc.execution.pinned import StepTable
    from sopdoc.execution.recording import find_instance

    with _store(db) as store:
        inst = find_instance(store, instance)
        entries = store.entries(inst.name)
    try:
        if target == "csv":
            text = entries_to_csv(entries, delimiter)
        else:
            text = entries_to_xes(inst.name, inst.meta_dict().get("nama", ""), entries,
                                  StepTable.from_json(inst.flow).uraian)
    except (ValueError, TypeError, KeyError):  # a stored value edited behind sopdoc's back
        fail(ctx, Teks(f"data log '{inst.name}' rusak; jalankan sopdoc log verify",
                       f"log data of '{inst.name}' is damaged; run sopdoc log verify"))
    _emit(output, text)


@log.command("verify", help=_help(
    "log.verify", "Verifikasi rantai hash log, kepala dan checkpoint berkuncinya, sumber SOP dan berkas bukti; "
    "laporkan tiap kerusakan bila berkas diubah di luar sopdoc. Kunci dibaca dari SOPDOC_LOG_KEY_FILE atau "
    "<db>.key (server PostgreSQL: ~/.config/sopdoc/log-keys/).\n\n"
    "Kode keluar: 0 utuh, 1 ada kerusakan, 2 kesalahan penggunaan.",
    "Verify the log's hash chains, their heads and keyed checkpoints, the SOP sources and evidence files; "
    "report every break if the file was edited outside sopdoc. The key is read from SOPDOC_LOG_KEY_FILE or "
    "<db>.key (a PostgreSQL server: ~/.config/sopdoc/log-keys/).\n\n"
    "Exit codes: 0 intact, 1 broken, 2 usage error."))
@click.argument("instance", required=False)
@click.option("--heads", is_flag=True, help=_help(
    "log.verify.heads", "Tampilkan kepala rantai tiap instans (jumlah entri dan hash terakhir) untuk dicocokkan "
    "dengan tanda terima.", "Show each instance's chain head (entry count and last hash) to compare with a receipt."))
@_common("log.verify")
@click.pass_context
def log_verify(ctx: click.Context, instance: str | None, heads: bool, db: str) -> None:
    from sopdoc.execution.recording import find_instance

    lang = _lang(ctx)
    with _store(db) as store:
        verification = store.verification(instance)
        if instance and not any(b.instance == instance for b in verification.broken):
            find_instance(store, instance)
        n = sum(len(store.entries(i.name)) for i in store.instances() if not instance or i.name == instance)
    for note in verification.notes:
        click.echo(f"{'note' if lang == 'en' else 'catatan'}: {note.get(lang)}", err=True)
    if heads:
        for name, head in sorted(verification.heads.items()):
            click.echo(f"{name}\t{head.entries}\t{head.hash}")
    for line in verification.store:
        click.echo(line.get(lang))
    for b in verification.broken:
        word = "chain broken at entry" if lang == "en" else "rantai putus di entri"
        where = f"{word} #{b.seq}: " if b.seq else ""
        click.echo(f"{b.instance}: {where}{b.reason.get(lang)}")
    if not verification.ok:
        ctx.exit(1)
    click.echo(f"{'chains intact' if lang == 'en' else 'rantai utuh'}: {n} {'entries' if lang == 'en' else 'entri'}")
