"""CMPxxx: compliance of a period's log with the SOP's flowchart and mutu baku (DOMAIN.md §9 LG-).

Each rule is a pure function of a CheckContext that yields diagnostics; ``RULES`` is the table
(code, slug, severity, documentation) so ``period check`` works without the document-rule registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sopdoc.model.diagnostic import Diagnostic, Severity, Teks
from sopdoc.model.waktu import format_minutes
from sopdoc.execution.cmp_context import CheckContext, Fact

__all__ = ["Rule", "RULES", "rule_functions"]

RuleFn = Callable[[CheckContext], Iterator[Diagnostic]]


@dataclass(frozen=True)
class Rule:
    """One compliance rule; its function's docstring is its documentation."""

    code: str
    slug: str
    severity: Severity
    catalogue: str  # the DOMAIN.md §9 row it implements
    hint: Teks
    fn: RuleFn


RULES: dict[str, Rule] = {}


def rule(code: str, slug: str, severity: Severity, catalogue: str, hint_id: str, hint_en: str) -> Callable[[RuleFn], RuleFn]:
    """Register a rule; codes and slugs must be unique and well-formed."""
    def register(fn: RuleFn) -> RuleFn:
        assert code.startswith("CMP") and len(code) == 6 and code[3:].isdigit(), code
        assert code not in RULES and slug not in {r.slug for r in RULES.values()}, code
        assert fn.__doc__, f"{code} needs a docstring"
        RULES[code] = Rule(code, slug, severity, catalogue, Teks(hint_id, hint_en), fn)
        return fn
    return register


def rule_functions() -> list[RuleFn]:
    """The rule functions in code order."""
    return [RULES[c].fn for c in sorted(RULES)]


@rule("CMP001", "langkah-tidak-dikenal", Severity.ERROR, "LG-01",
      "catat hanya langkah yang ada pada SOP yang dipatok", "record only steps of the pinned SOP")
def langkah_tidak_dikenal(ctx: CheckContext) -> Iterator[Diagnostic]:
    """An entry names a step number the pinned SOP does not have."""
    for f in ctx.facts:
        if f.step is None:
            yield ctx.diag("CMP001", f, Teks(f"langkah {f.entry.langkah} tidak ada di SOP",
                                             f"step {f.entry.langkah} is not in the SOP"))


@rule("CMP002", "selesai-sebelum-mulai", Severity.ERROR, "LG-02",
      "catat entri koreksi dengan waktu yang benar", "record a correcting entry with the right times")
def selesai_sebelum_mulai(ctx: CheckContext) -> Iterator[Diagnostic]:
    """An entry ends before it starts."""
    for f in ctx.facts:
        if f.end < f.start:
            yield ctx.diag("CMP002", f, Teks(f"langkah {f.entry.langkah} selesai sebelum mulai",
                                             f"step {f.entry.langkah} ends before it starts"))


@rule("CMP101", "melampaui-mutu-baku", Severity.WARNING, "LG-03",
      "periksa penyebab keterlambatan atau tinjau ulang waktu pada mutu baku",
      "find the cause of the delay or review the waktu of the mutu baku")
def melampaui_mutu_baku(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A step took more working time than its waktu plus the tolerance."""
    for f in ctx.facts:
        if f.step is not None and ctx.is_late(f):
            assert f.standard is not None
            yield ctx.diag("CMP101", f, Teks(
                f"langkah {f.step.no} memakan {format_minutes(f.actual)} waktu kerja, melampaui mutu baku "
                f"{f.step.waktu} ({format_minutes(f.standard)})",
                f"step {f.step.no} took {format_minutes(f.actual)} of working time, over the standard "
                f"{f.step.waktu} ({format_minutes(f.standard)})"), field="waktu")


@rule("CMP102", "peran-tidak-sesuai", Severity.ERROR, "LG-01",
      "langkah harus dikerjakan oleh pelaksana yang ditetapkan SOP", "the step must be done by the SOP's actor")
def peran_tidak_sesuai(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The recorded role is not the step's pelaksana."""
    for f in ctx.facts:
        if f.step is not None and f.step.pelaksana and not f.step.role_matches(f.entry.peran):
            yield ctx.diag("CMP102", f, Teks(
                f"langkah {f.step.no} dikerjakan oleh '{f.entry.peran}', bukan {' / '.join(f.step.pelaksana)}",
                f"step {f.step.no} was done by '{f.entry.peran}', not {' / '.join(f.step.pelaksana)}"))


@rule("CMP103", "output-tidak-dicatat", Severity.WARNING, "LG-04",
      "catat output (dan lampirkan bukti) saat langkah selesai", "record the output (and attach evidence) at completion")
def output_tidak_dicatat(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A step with an output in its mutu baku was recorded without one."""
    for f in ctx.facts:
        if f.step is not None and f.step.output and not f.entry.output.strip():
            yield ctx.diag("CMP103", f, Teks(f"output langkah {f.step.no} ('{f.step.output}') tidak dicatat",
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


@rule("CMP104", "kelengkapan-tidak-tercatat", Severity.WARNING, "LG-04",
      "catat kelengkapan sebagai 'lengkap' atau sebutkan yang ada (dipisah ';') sebelum langkah dimulai",
      "record kelengkapan as 'lengkap' or list the items present (separated by ';') before the step starts")
def kelengkapan_tidak_tercatat(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A step's required kelengkapan were not recorded as present."""
    for f in ctx.facts:
        if f.step is None or not f.step.kelengkapan:
            continue
        missing = _missing_kelengkapan(f)
        if missing is None:
            yield ctx.diag("CMP104", f, Teks(f"kelengkapan langkah {f.step.no} tidak dicatat",
                                             f"kelengkapan of step {f.step.no} not recorded"), field="kelengkapan")
        elif missing:
            yield ctx.diag("CMP104", f, Teks(f"kelengkapan langkah {f.step.no} tidak ada: {'; '.join(missing)}",
                                             f"kelengkapan of step {f.step.no} missing: {'; '.join(missing)}"),
                           field="kelengkapan")
