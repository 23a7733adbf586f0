"""Opening period instances and recording entries: the operations behind ``period``/``log``."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from sopdoc.errors import UsageError
from sopdoc.execution.calendar import WorkingCalendar
from sopdoc.execution.entry_checks import entry_refusal, entry_warnings
from sopdoc.execution.log_rows import RowResult, check_row
from sopdoc.execution.periods import Period, parse_period, work_window
from sopdoc.execution.pinned import StepTable, pin_steps
from sopdoc.execution.plan import default_start, plan_schedule, plan_to_json
from sopdoc.execution.settings import ZONES, CalendarSettings, PeriodSettings
from sopdoc.execution.store import Instance, LogStore
from sopdoc.model.diagnostic import Diagnostic, Severity, Teks
from sopdoc.model.sop import Sop
from sopdoc.safe_path import check_instance_name
from sopdoc.source.reader import load_sop
from sopdoc.source.writer import sop_to_yaml
from sopdoc.validate.engine import check_loaded

__all__ = ["ImportRejected", "PreparedPeriod", "SopRejected", "find_instance", "instance_name", "log_window",
           "open_period", "period_window", "prepare_period", "record_rows", "store_period"]


class ImportRejected(UsageError):
    """Rows with problems: nothing was written. ``results`` holds every row's problems."""

    def __init__(self, results: list[RowResult]) -> None:
        bad = [r for r in results if r.problems]
        super().__init__(Teks(f"{len(bad)} baris bermasalah; tidak ada yang dicatat",
                              f"{len(bad)} rows have problems; nothing was recorded"))
        self.results = bad


def instance_name(sop_file: str | Path, period_code: str) -> str:
    """``examples/seed-000-x.sop.yaml`` + ``2026-10`` → ``seed-000-x-2026-10``."""
    stem = Path(sop_file).name
    for suffix in (".sop.yaml", ".sop.yml", ".yaml", ".yml"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    slug = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").lower() or "sop"
    return f"{slug}-{period_code}"


@dataclass(frozen=True)
class PreparedPeriod:
    """An instance ready to be stored, and what was found on the way (nothing is written yet)."""

    instance: Instance
    source: str  # the canonical YAML pinned
    nama: str
    nomor: str | None
    errors: tuple[Diagnostic, ...]  # the SOP's error findings (sopdoc check); they block unless forced
    warnings: tuple[Teks, ...]  # e.g. the SOP's periode disagrees with the period code


class SopRejected(UsageError):
    """The SOP has error findings and the open was not forced; ``errors`` lists them."""

    def __init__(self, sop_file: str | Path, errors: tuple[Diagnostic, ...]) -> None:
        super().__init__(Teks(
            f"SOP {sop_file} memiliki {len(errors)} galat; perbaiki dulu (sopdoc check) atau buka dengan "
            "--paksa \"ALASAN\"",
            f"SOP {sop_file} has {len(errors)} errors; fix them first (sopdoc check) or open with --paksa \"REASON\""))
        self.errors = errors


def _periode_warning(sop: Sop, period: Period) -> Teks | None:
    if sop.periode is None or sop.periode.value == period.kind:
        return None
    return Teks(f"periode SOP '{sop.periode.value}' tidak sama dengan jenis periode {period.code} ({period.kind})",
                f"the SOP's periode '{sop.periode.value}' differs from the kind of period "
                f"{period.code} ({period.kind})")


def prepare_period(sop_file: str | Path, period_code: str, *, calendar: CalendarSettings,
                   period_settings: PeriodSettings, start: dt.datetime | None = None, name: str | None = None,
                   user: str = "", paksa: str | None = None) -> PreparedPeriod:
    """Read and check the SOP, pin its version and plan the schedule, writing nothing.

    The SOP's error findings raise :class:`SopRejected` unless ``paksa`` gives a reason, which is
    then recorded in the instance's meta with the codes it overrode (covered by the chain's digest).
    """
    period = parse_period(period_code)
    bad_name = check_instance_name(name) if name is not None else None
    if bad_name is not None:
        raise UsageError(bad_name)
    if paksa is not None and not paksa.strip():
        raise UsageError(Teks("--paksa memerlukan alasan", "--paksa needs a reason"))
    if not Path(sop_file).is_file():
        raise UsageError(Teks(f"berkas SOP tidak ada: {sop_file}", f"SOP file not found: {sop_file}"))
    result = load_sop(sop_file)
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if result.sop is None:  # unreadable input stops a run whatever the reason given
        first = errors[0] if errors else None
        why = f": {first.code} {first.message.id}" if first else ""
        why_en = f": {first.code} {first.message.en}" if first else ""
        raise UsageError(Teks(f"SOP tidak dapat dipakai ({sop_file}){why}; jalankan 'sopdoc check'",
                              f"the SOP cannot be used ({sop_file}){why_en}; run 'sopdoc check'"))
    sop = result.sop
    found = tuple(d for d in check_loaded(result) if d.severity is Severity.ERROR)
    if found and paksa is None:
        raise SopRejected(sop_file, found)
    flow = pin_steps(sop)
    if not flow.steps:
        raise UsageError(Teks(f"SOP tanpa langkah bernomor: {sop_file}", f"SOP without numbered steps: {sop_file}"))
    source = sop_to_yaml(sop)
    sop_hash = hashlib.sha256(source.encode()).hexdigest()
    cal = WorkingCalendar(calendar)
    begin = cal.to_local(start) if start else default_start(cal, period.end)
    plan = plan_schedule(flow, cal, begin)
    ident = sop.identitas
    signer = ident.disahkan_oleh
    meta: dict[str, object] = {
        "file": str(sop_file), "nama": ident.nama or "", "nomor": ident.nomor or "",
        "instansi": list(ident.instansi), "unit": ident.unit or "",
        "periode_nama": period.name("id"), "periode_nama_en": period.name("en"),
        "jabatan": signer.jabatan if signer else "", "penandatangan": signer.nama if signer else "",
        "nip": signer.nip if signer else ""}
    if paksa is not None:
        meta["dibuka_paksa"] = {"alasan": paksa.strip(), "galat": sorted({d.code for d in found})}
    inst = Instance(
        name=name or instance_name(sop_file, period.code), sop_hash=sop_hash, period=period.code,
        start=begin.replace(tzinfo=cal.zone).isoformat(timespec="minutes"),
        deadline=period.deadline(cal, period_settings).isoformat(), zona_waktu=calendar.zona_waktu,
        flow=flow.to_json(), plan=plan_to_json(plan), meta=json.dumps(meta, ensure_ascii=False, sort_keys=True),
        created_by=user)
    warning = _periode_warning(sop, period)
    return PreparedPeriod(inst, source, ident.nama or "", ident.nomor, found, (warning,) if warning else ())


def store_period(store: LogStore, prepared: PreparedPeriod) -> Instance:
    """Record a prepared instance and its SOP version."""
    store.add_sop_version(prepared.instance.sop_hash, prepared.nama, prepared.nomor, prepared.source)
    store.create_instance(prepared.instance)
    return prepared.instance


def open_period(store: LogStore, sop_file: str | Path, period_code: str, *, calendar: CalendarSettings,
                period_settings: PeriodSettings, start: dt.datetime | None = None, name: str | None = None,
                user: str = "", paksa: str | None = None) -> Instance:
    """Check and pin the SOP version, plan the schedule and record the instance."""
    return store_period(store, prepare_period(sop_file, period_code, calendar=calendar,
                                              period_settings=period_settings, start=start, name=name,
                                              user=user, paksa=paksa))


def find_instance(store: LogStore, name: str) -> Instance:
    """The instance called ``name``; UsageError with a did-you-mean otherwise."""
    inst = store.instance(name)
    if inst is not None:
        return inst
    import difflib

    names = [i.name for i in store.instances()]
    close = difflib.get_close_matches(name, names, n=1)
    tip = (f"; maksud Anda '{close[0]}'?", f"; did you mean '{close[0]}'?") if close else ("", "")
    raise UsageError(Teks(f"instans tidak dikenal: '{name}'{tip[0]} (lihat: sopdoc period list)",
                          f"unknown instance: '{name}'{tip[1]} (see: sopdoc period list)"))


def instance_calendar(inst: Instance, settings: CalendarSettings) -> CalendarSettings:
    """The calendar settings with the instance's pinned time zone."""
    return replace(settings, zona_waktu=inst.zona_waktu) if inst.zona_waktu in ZONES else settings


def log_window(inst: Instance, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """The moments a log entry may carry: from a year before the period starts to a year after the
    later of its end and the planned start (aware datetimes in ``zone``)."""
    period = parse_period(inst.period)
    last = period.end
    with contextlib.suppress(ValueError):
        last = max(last, dt.datetime.fromisoformat(inst.start).date())
    year = dt.timedelta(days=366)
    lo = dt.datetime.combine(max(period.start, dt.date(1901, 1, 1)) - year, dt.time(), zone)
    hi = dt.datetime.combine(min(last, dt.date(2998, 12, 31)) + year, dt.time(23, 59, 59), zone)
    return lo, hi


def period_window(inst: Instance) -> tuple[dt.date, dt.date]:
    """The days the period's work is expected on: from the earlier of the period's first day and the
    planned start to the deadline."""
    return work_window(inst.period, inst.start, inst.deadline)


def record_rows(store: LogStore, inst: Instance, rows: Sequence[tuple[int, dict[str, object]]], *,
                user: str, base_dir: Path | None = None,
                calendar: CalendarSettings | None = None) -> tuple[list[RowResult], list]:
    """Validate every row, then append them all in one transaction; ImportRejected if any is bad.

    Each valid row is also checked at once (:mod:`sopdoc.execution.entry_checks`): a refusal is one
    more problem, a warning is kept in the row's ``warnings`` and the row is recorded."""
    flow = StepTable.from_json(inst.flow)
    zone = ZoneInfo(ZONES.get(inst.zona_waktu, "Asia/Makassar"))
    seqs = {e.seq for e in store.entries(inst.name)} if any(r.get("menggantikan") for _, r in rows) else None
    window = log_window(inst, zone)
    results = [check_row(n, r, flow, zone, known_seqs=seqs, base_dir=base_dir, window=window) for n, r in rows]
    cal = WorkingCalendar(instance_calendar(inst, calendar or CalendarSettings()))
    days = period_window(inst)
    for r in results:
        step = flow.step(r.entry.langkah) if r.entry else None
        if r.entry is None or step is None:
            continue
        refused = entry_refusal(r.entry, step)
        if refused is not None:
            r.problems.append(refused)
        else:
            r.warnings.extend(entry_warnings(r.entry, step, cal, days))
    if any(r.problems for r in results):
        raise ImportRejected(results)
    evidence = [r.evidence for r in results if r.evidence]
    stored = store.append(inst.name, [r.entry for r in results if r.entry], user, evidence)
    return results, stored
