"""CMP2xx: order, branches and repetitions of the recorded steps against the flowchart (LG-02)."""

from __future__ import annotations

from collections.abc import Iterator

from sopdoc.codes import Finding, rule
from sopdoc.execution.cmp_context import CheckContext
from sopdoc.execution.state import is_overdue
from sopdoc.model.diagnostic import Severity, Teks

__all__: list[str] = []


def _by_code(ctx: CheckContext, code: str) -> Iterator[Finding]:
    for c, fact, message in ctx.order:
        if c == code:
            yield ctx.finding(fact, message)


@rule(code="CMP201", slug="langkah-terlewat", severity=Severity.ERROR, catalogue="LG-02",
      summary=Teks("Langkah terlewat", "A main-path step has no entry although a later main-path step has one"),
      hint=Teks("catat langkah yang terlewat, atau jelaskan di catatan",
                "record the skipped step, or explain it in a note"))
def langkah_terlewat(ctx: CheckContext) -> Iterator[Finding]:
    """LG-02: a main-path step has no entry although a later main-path step has one."""
    main = ctx.main_path
    reached = [i for i, s in enumerate(main) if s in ctx.recorded_steps]
    if not reached:
        return
    index = {s.no: i for i, s in enumerate(ctx.flow.steps)}
    for s in main[: max(reached)]:
        if s not in ctx.recorded_steps:
            yield ctx.finding(None, Teks(f"langkah {s} tidak dicatat (terlewat)",
                                         f"step {s} was not recorded (skipped)"), step_index=index[s])


@rule(code="CMP202", slug="urutan-tidak-sesuai", severity=Severity.ERROR, catalogue="LG-02",
      summary=Teks("Urutan tidak sesuai",
                   "A step is recorded out of the flowchart's order, or starts before its predecessor ends"),
      hint=Teks("langkah dikerjakan sesuai urutan diagram alir", "do the steps in the flowchart's order"))
def urutan_tidak_sesuai(ctx: CheckContext) -> Iterator[Finding]:
    """LG-02: a step is recorded out of the flowchart's order, or starts before its predecessor ends."""
    yield from _by_code(ctx, "CMP202")


@rule(code="CMP203", slug="cabang-tidak-diikuti", severity=Severity.ERROR, catalogue="LG-02",
      summary=Teks("Cabang tidak diikuti",
                   "The step after a decision is not the target of the recorded branch (Ya/Tidak)"),
      hint=Teks("setelah keputusan, lanjutkan ke langkah tujuan cabang yang dipilih",
                "after a decision, go to the chosen branch's step"))
def cabang_tidak_diikuti(ctx: CheckContext) -> Iterator[Finding]:
    """LG-02: the step after a decision is not the target of the recorded branch (Ya/Tidak)."""
    yield from _by_code(ctx, "CMP203")


@rule(code="CMP204", slug="keputusan-tidak-dicatat", severity=Severity.ERROR, catalogue="LG-02",
      summary=Teks("Keputusan tidak dicatat", "A decision step's entry does not record which branch was taken"),
      hint=Teks("catat keputusan 'ya' atau 'tidak' pada entri langkah keputusan",
                "record keputusan 'ya' or 'tidak' on a decision step"))
def keputusan_tidak_dicatat(ctx: CheckContext) -> Iterator[Finding]:
    """LG-02: a decision step's entry does not record which branch was taken."""
    for f in ctx.facts:
        if f.step is not None and f.step.keputusan and not f.entry.keputusan:
            yield ctx.finding(f, Teks(f"keputusan langkah {f.step.no} tidak dicatat",
                                      f"the decision of step {f.step.no} was not recorded"))


@rule(code="CMP205", slug="pengulangan-tidak-sah", severity=Severity.ERROR, catalogue="LG-02",
      summary=Teks("Pengulangan tidak sah", "A step is repeated where no Tidak loop leads back to it"),
      hint=Teks("ulangi langkah hanya melalui cabang 'Tidak'; koreksi entri dengan --menggantikan",
                "repeat steps only through a 'Tidak' branch; correct an entry with --menggantikan"))
def pengulangan_tidak_sah(ctx: CheckContext) -> Iterator[Finding]:
    """LG-02: a step is repeated where no Tidak loop leads back to it."""
    yield from _by_code(ctx, "CMP205")


@rule(code="CMP206", slug="siklus-belum-selesai", severity=Severity.INFO, catalogue="LG-05",
      summary=Teks("Siklus belum selesai", "The last step of the main path has no entry yet"),
      hint=Teks("catat langkah yang tersisa sebelum tenggat", "record the remaining steps before the deadline"))
def siklus_belum_selesai(ctx: CheckContext) -> Iterator[Finding]:
    """LG-05: the last step of the main path has no entry yet (while the deadline has not passed;
    after it, CMP306 says so as an error)."""
    main = ctx.main_path
    if main and main[-1] not in ctx.recorded_steps and not is_overdue(ctx.deadline, ctx.as_of):
        left = [s for s in main if s not in ctx.recorded_steps]
        yield ctx.finding(None, Teks(f"siklus belum selesai: {len(left)} langkah belum dicatat",
                                     f"cycle not finished: {len(left)} steps not recorded yet"))
