"""CMPxxx: compliance of a period's log with the SOP's flowchart and mutu baku (DOMAIN.md §9 LG-).

Each rule is a pure function of a CheckContext registered with :func:`sopdoc.codes.rule`; it yields
:class:`~sopdoc.codes.Finding` values and the engine (:mod:`sopdoc.execution.compliance`) adds code,
slug and severity. This is the execution stage's codes module: importing it registers every CMP
rule (CMP0xx/CMP1xx here, CMP2xx in ``cmp_order``, CMP3xx in ``cmp_time``); ``RULES`` is the table.
"""

from __future__ import annotations

from collections.abc import Iterator

from sopdoc.codes import Code, Finding, registered_codes, rule
from sopdoc.execution import cmp_order, cmp_time  # noqa: F401 - registers the CMP2xx/CMP3xx rules
from sopdoc.execution.cmp_context import CheckContext
from sopdoc.execution.cmp_fact import Fact
from sopdoc.model.diagnostic import Severity, Teks
from sopdoc.model.waktu import format_minutes

__all__ = ["RULES"]


@rule(code="CMP001", slug="langkah-tidak-dikenal", severity=Severity.ERROR, catalogue="LG-01",
      summary=Teks("Langkah tidak dikenal", "An entry names a step number the pinned SOP does not have"),
      hint=Teks("catat hanya langkah yang ada pada SOP yang dipatok", "record only steps of the pinned SOP"))
def langkah_tidak_dikenal(ctx: CheckContext) -> Iterator[Finding]:
    """LG-01: an entry names a step number the pinned SOP does not have."""
    for f in ctx.facts:
        if f.step is None:
            yield ctx.finding(f, Teks(f"langkah {f.entry.langkah} tidak ada di SOP",
                                      f"step {f.entry.langkah} is not in the SOP"))


@rule(code="CMP002", slug="selesai-sebelum-mulai", severity=Severity.ERROR, catalogue="LG-02",
      summary=Teks("Selesai sebelum mulai", "An entry ends before it starts"),
      hint=Teks("catat entri koreksi dengan waktu yang benar", "record a correcting entry with the right times"))
def selesai_sebelum_mulai(ctx: CheckContext) -> Iterator[Finding]:
    """LG-02: an entry ends before it starts."""
    for f in ctx.facts:
        if f.end < f.start:
            yield ctx.finding(f, Teks(f"langkah {f.entry.langkah} selesai sebelum mulai",
                                      f"step {f.entry.langkah} ends before it starts"))


@rule(code="CMP101", slug="melampaui-mutu-baku", severity=Severity.WARNING, catalogue="LG-03",
      summary=Teks("Melampaui mutu baku", "A step took more working time than its waktu plus the tolerance"),
      hint=Teks("periksa penyebab keterlambatan atau tinjau ulang waktu pada mutu baku",
                "find the cause of the delay or review the waktu of the mutu baku"))
def melampaui_mutu_baku(ctx: CheckContext) -> Iterator[Finding]:
    """LG-03: a step took more working time than its waktu plus the tolerance."""
    for f in ctx.facts:
        if f.step is not None and ctx.is_late(f):
            assert f.standard is not None
            yield ctx.finding(f, Teks(
                f"langkah {f.step.no} memakan {format_minutes(f.actual)} waktu kerja, melampaui mutu baku "
                f"{f.step.waktu} ({format_minutes(f.standard)})",
                f"step {f.step.no} took {format_minutes(f.actual)} of working time, over the standard "
                f"{f.step.waktu} ({format_minutes(f.standard)})"), field="waktu")


@rule(code="CMP102", slug="peran-tidak-sesuai", severity=Severity.ERROR, catalogue="LG-01",
      summary=Teks("Peran tidak sesuai", "The recorded role is not the step's pelaksana"),
      hint=Teks("langkah harus dikerjakan oleh pelaksana yang ditetapkan SOP",
                "the step must be done by the SOP's actor"))
def peran_tidak_sesuai(ctx: CheckContext) -> Iterator[Finding]:
    """LG-01: the recorded role is not the step's pelaksana."""
    for f in ctx.facts:
        if f.step is not None and f.step.pelaksana and not f.step.role_matches(f.entry.peran):
            yield ctx.finding(f, Teks(
                f"langkah {f.step.no} dikerjakan oleh '{f.entry.peran}', bukan {' / '.join(f.step.pelaksana)}",
                f"step {f.step.no} was done by '{f.entry.peran}', not {' / '.join(f.step.pelaksana)}"))


@rule(code="CMP103", slug="output-tidak-dicatat", severity=Severity.WARNING, catalogue="LG-04",
      summary=Teks("Output tidak dicatat", "A step with an output in its mutu baku was recorded without one"),
      hint=Teks("catat output (dan lampirkan bukti) saat langkah selesai",
                "record the output (and attach evidence) at completion"))
def output_tidak_dicatat(ctx: CheckContext) -> Iterator[Finding]:
    """LG-04: a step with an output in its mutu baku was recorded without one."""
    for f in ctx.facts:
        if f.step is not None and f.step.output and not f.entry.output.strip():
            yield ctx.finding(f, Teks(f"output langkah {f.step.no} ('{f.step.output}') tidak dicatat",
                                      f"the output of step {f.step.no} ('{f.step.output}') was not recorded"),
                              field="output")


def _missing_kelengkapan(f: Fact) -> list[str] | None:
    """Items not recorded as present; None when nothing at all was recorded."""
    assert f.step is not None
    text = f.entry.kelengkapan.strip().casefold()
    if not text:
        return None
    if text in ("lengkap", "ya", "ada", "semua"):
        return []
    if text in ("tidak", "tidak lengkap", "belum", "tidak ada"):
        return list(f.step.kelengkapan)
    present = [p.strip() for p in text.split(";") if p.strip()]
    return [k for k in f.step.kelengkapan if not any(p in k.casefold() or k.casefold() in p for p in present)]


@rule(code="CMP104", slug="kelengkapan-tidak-tercatat", severity=Severity.WARNING, catalogue="LG-04",
      summary=Teks("Kelengkapan tidak tercatat", "A step's required kelengkapan were not recorded as present"),
      hint=Teks("catat kelengkapan sebagai 'lengkap' atau sebutkan yang ada (dipisah ';') sebelum langkah dimulai",
                "record kelengkapan as 'lengkap' or list the items present (separated by ';') before the step starts"))
def kelengkapan_tidak_tercatat(ctx: CheckContext) -> Iterator[Finding]:
    """LG-04: a step's required kelengkapan were not recorded as present."""
    for f in ctx.facts:
        if f.step is None or not f.step.kelengkapan:
            continue
        missing = _missing_kelengkapan(f)
        if missing is None:
            yield ctx.finding(f, Teks(f"kelengkapan langkah {f.step.no} tidak dicatat",
                                      f"kelengkapan of step {f.step.no} not recorded"), field="kelengkapan")
        elif missing:
            yield ctx.finding(f, Teks(f"kelengkapan langkah {f.step.no} tidak ada: {'; '.join(missing)}",
                                      f"kelengkapan of step {f.step.no} missing: {'; '.join(missing)}"),
                              field="kelengkapan")


RULES: dict[str, Code] = {c.code: c for c in registered_codes("execution")}
"""The execution stage's table: every CMP rule by code."""
