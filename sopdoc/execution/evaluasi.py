"""The evaluation form of PermenPAN-RB 35/2012 for one SOP (DOMAIN.md §5): the monitoring result
of every period it ran, the seven Ya/Tidak criteria pre-filled from the period logs and the
document's findings — each answer with the evidence it rests on, or left open ("perlu dinilai")
where the records cannot tell — and a recommendation (tetap / revisi / hapus) that a person
confirms on the form. Domain only: no I/O, no painting.

How each criterion is pre-filled (a heuristic, said on the form as the evidence):

1. *Mampu mendorong peningkatan kinerja* — from the on-time share of the finished periods: Ya
   when the latest is at least :data:`GOOD_SHARE` and not below the first; Tidak when it fell or
   is under half; open otherwise or without a finished period.
2. *Mudah dipahami* — from the document's findings on sections, flowchart and wording (SOP2xx,
   SOP3xx): Tidak with an error, Ya with no warning either, open with warnings only.
3. *Mudah dilaksanakan* — from the logs: Tidak when a period skipped or reordered steps or
   missed its deadline (CMP2xx, CMP305, CMP306); Ya when every assessed period went well.
4. *Semua orang dapat menjalankan perannya* — Tidak when a log shows a step done by another
   role (CMP102) or the document has a step without actor (SOP306); Ya when periods ran without.
5. *Mampu mengatasi permasalahan proses* — Tidak when the flow cannot reach its end (SOP312)
   or a decision is incomplete (SOP310); otherwise open: a person judges.
6. *Mampu menjawab kebutuhan organisasi* — Tidak when the legal basis is repealed or
   superseded (SOP212, SOP206); otherwise open.
7. *Sinergi satu dengan lainnya* — Tidak without Keterkaitan; Ya with Keterkaitan and an
   unbroken output→kelengkapan chain (no SOP406/SOP407); open otherwise.

Recommendation: *hapus* when the legal basis is repealed — by a repeal read in its source, not a
registry entry still unverified or a partial repeal (``Repeal.status``) — and no period was ever
logged; *revisi*
when a criterion is Tidak or the document has an error; *tetap* otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sopdoc.execution.compliance import Compliance
from sopdoc.model.diagnostic import Diagnostic, Severity, Teks
from sopdoc.model.sop import Sop
from sopdoc.validate.repeals import find_repeal

__all__ = ["GOOD_SHARE", "KRITERIA", "Evaluasi", "Jawaban", "PeriodeHasil", "evaluate"]

GOOD_SHARE = 0.8
"""The on-time share of a period that counts as performing."""

KRITERIA: tuple[tuple[str, Teks], ...] = (
    ("kinerja", Teks("Mampu mendorong peningkatan kinerja", "Drives better performance")),
    ("mudah_dipahami", Teks("Mudah dipahami", "Easy to understand")),
    ("mudah_dilaksanakan", Teks("Mudah dilaksanakan", "Easy to carry out")),
    ("peran", Teks("Semua orang dapat menjalankan perannya masing-masing", "Everyone can play their role")),
    ("atasi_masalah", Teks("Mampu mengatasi permasalahan yang berkaitan dengan proses",
                           "Solves the problems of the process")),
    ("kebutuhan", Teks("Mampu menjawab kebutuhan peningkatan kinerja organisasi",
                       "Meets the organisation's need to perform better")),
    ("sinergi", Teks("Sinergi satu dengan lainnya", "Works in synergy with other SOPs")),
)
"""The seven evaluation criteria (DOMAIN.md §5), in the form's order: key and printed name."""


@dataclass(frozen=True)
class PeriodeHasil:
    """The monitoring result of one period: its instance, code, the assessment (Berjalan dengan
    baik / Tidak …), the on-time share, the deviation codes; ``valid`` is False when the log
    failed verification (then it counts for no criterion)."""

    instance: str
    period: str
    assessment: Teks
    on_time: float | None
    measured: int
    codes: tuple[str, ...]
    finished: bool
    good: bool
    valid: bool = True


@dataclass(frozen=True)
class Jawaban:
    """One criterion: ``ya`` True/False, or None when a person must judge; the evidence."""

    key: str
    nama: Teks
    ya: bool | None
    bukti: tuple[Teks, ...]


@dataclass(frozen=True)
class Evaluasi:
    """The pre-filled evaluation of one SOP."""

    nama: str
    nomor: str
    periods: tuple[PeriodeHasil, ...]
    kriteria: tuple[Jawaban, ...]
    rekomendasi: str  # tetap | revisi | hapus (a proposal; a person decides)
    alasan: Teks


def period_result(result: Compliance, period: str, valid: bool = True) -> PeriodeHasil:
    """A period's monitoring line from its compliance check."""
    codes = tuple(sorted({d.code for d in result.diagnostics if d.severity.rank >= 1}))
    return PeriodeHasil(result.instance, period, result.assessment, result.total.on_time_share,
                        result.total.measured, codes, result.finished is not None, result.good, valid)


def _codes(findings: Sequence[Diagnostic], prefixes: tuple[str, ...], least: Severity) -> list[Diagnostic]:
    return [d for d in findings if d.code.startswith(prefixes) and d.severity.rank >= least.rank]


def _listed(found: Sequence[Diagnostic]) -> Teks:
    codes = ", ".join(sorted({d.code for d in found}))
    return Teks(f"temuan dokumen: {codes}", f"document findings: {codes}")


def _share(p: PeriodeHasil) -> str:
    return "-" if p.on_time is None else f"{p.on_time:.0%}"


def evaluate(sop: Sop, findings: Sequence[Diagnostic], periods: Sequence[PeriodeHasil]) -> Evaluasi:
    """Pre-fill the form for ``sop`` from its document findings and its periods (oldest first)."""
    valid = [p for p in periods if p.valid]
    answers = [_kinerja(valid), _dipahami(findings), _dilaksanakan(valid), _peran(findings, valid),
               _masalah(findings), _kebutuhan(findings), _sinergi(sop, findings)]
    names = dict(KRITERIA)
    kriteria = tuple(Jawaban(key, names[key], ya, tuple(bukti)) for key, ya, bukti in answers)
    repealed = [d for d in findings if d.code == "SOP212" and _repeal_verified(sop, d)]
    errors = [d for d in findings if d.severity is Severity.ERROR]
    no = [j.nama.id for j in kriteria if j.ya is False]
    if repealed and not periods:
        rec, why = "hapus", Teks("dasar hukum telah dicabut dan SOP tidak pernah dijalankan (tanpa log periode)",
                                 "its legal basis is repealed and the SOP never ran (no period log)")
    elif no or errors:
        parts_id = ([f"kriteria tidak terpenuhi: {', '.join(no)}"] if no else []) + (
            [f"{len(errors)} galat pada dokumen"] if errors else [])
        parts_en = ([f"criteria not met: {', '.join(j.nama.en for j in kriteria if j.ya is False)}"] if no else []) + (
            [f"{len(errors)} errors in the document"] if errors else [])
        rec, why = "revisi", Teks("; ".join(parts_id), "; ".join(parts_en))
    else:
        rec, why = "tetap", Teks("tidak ada kriteria yang tidak terpenuhi dan tidak ada galat pada dokumen",
                                 "no criterion unmet and no error in the document")
    ident = sop.identitas
    return Evaluasi(ident.nama or "", ident.nomor or "", tuple(periods), kriteria, rec, why)


_Answer = tuple[str, bool | None, list[Teks]]
_NO_PERIOD = Teks("belum ada periode yang tercatat", "no period logged yet")


def _kinerja(periods: Sequence[PeriodeHasil]) -> _Answer:
    done = [p for p in periods if p.finished and p.on_time is not None]
    if not done:
        return "kinerja", None, [_NO_PERIOD if not periods else Teks("belum ada periode selesai yang terukur",
                                                                     "no finished, measured period yet")]
    trend = " → ".join(f"{p.period} {_share(p)}" for p in done)
    evidence = [Teks(f"tepat waktu per periode: {trend}", f"on time per period: {trend}")]
    first, last = done[0].on_time or 0.0, done[-1].on_time or 0.0
    if last < first or last < 0.5:
        return "kinerja", False, evidence
    return "kinerja", (True if last >= GOOD_SHARE else None), evidence


def _dipahami(findings: Sequence[Diagnostic]) -> _Answer:
    errors = _codes(findings, ("SOP2", "SOP3"), Severity.ERROR)
    warnings = _codes(findings, ("SOP2", "SOP3"), Severity.WARNING)
    if errors:
        return "mudah_dipahami", False, [_listed(errors)]
    if warnings:
        return "mudah_dipahami", None, [_listed(warnings)]
    return "mudah_dipahami", True, [Teks("tidak ada temuan pada bagian, bagan alir dan rumusan kegiatan",
                                         "no finding on the sections, the flowchart or the wording")]


_NOT_DONE = ("CMP2", "CMP305", "CMP306")


def _dilaksanakan(periods: Sequence[PeriodeHasil]) -> _Answer:
    if not periods:
        return "mudah_dilaksanakan", None, [_NO_PERIOD]
    bad = [p for p in periods if any(c.startswith(_NOT_DONE) for c in p.codes)]
    if bad:
        where = "; ".join(f"{p.period}: {', '.join(c for c in p.codes if c.startswith(_NOT_DONE))}" for p in bad)
        return "mudah_dilaksanakan", False, [Teks(f"penyimpangan pelaksanaan: {where}", f"deviations: {where}")]
    assessed = [p for p in periods if p.finished]
    if assessed and all(p.good for p in assessed):
        n = len(assessed)
        return "mudah_dilaksanakan", True, [Teks(f"{n} periode berjalan dengan baik", f"{n} periods went well")]
    lines = "; ".join(f"{p.period}: {p.assessment.id}" for p in periods)
    lines_en = "; ".join(f"{p.period}: {p.assessment.en}" for p in periods)
    return "mudah_dilaksanakan", None, [Teks(lines, lines_en)]


def _peran(findings: Sequence[Diagnostic], periods: Sequence[PeriodeHasil]) -> _Answer:
    no_actor = [d for d in findings if d.code == "SOP306"]
    wrong = [p for p in periods if "CMP102" in p.codes]
    if no_actor or wrong:
        evidence = [_listed(no_actor)] if no_actor else []
        if wrong:
            where = ", ".join(p.period for p in wrong)
            evidence.append(Teks(f"langkah dikerjakan peran lain (CMP102): {where}",
                                 f"steps done by another role (CMP102): {where}"))
        return "peran", False, evidence
    if not periods:
        return "peran", None, [_NO_PERIOD]
    n = len(periods)
    return "peran", True, [Teks(f"tiap langkah dikerjakan perannya dalam {n} periode",
                                f"every step done by its role in {n} periods")]


def _repeal_verified(sop: Sop, finding: Diagnostic) -> bool:
    """Whether the SOP212 ``finding`` rests on a verified, whole repeal. An entry the agency added
    in sopdoc.toml (not in the shipped registry, or without a status) is the agency's word: taken."""
    items = sop.dasar_hukum or ()
    index = finding.path[1] if len(finding.path) > 1 and isinstance(finding.path[1], int) else None
    if index is None or index >= len(items):
        return True
    repeal = find_repeal(items[index])
    return repeal is None or repeal.status not in ("belum-diperiksa", "sebagian")


def _masalah(findings: Sequence[Diagnostic]) -> _Answer:
    faults = [d for d in findings if d.code in ("SOP310", "SOP312")]
    if faults:
        return "atasi_masalah", False, [_listed(faults)]
    return "atasi_masalah", None, [Teks("catatan tidak cukup untuk menilai", "the records cannot tell")]


def _kebutuhan(findings: Sequence[Diagnostic]) -> _Answer:
    stale = [d for d in findings if d.code in ("SOP206", "SOP212")]
    if stale:
        return "kebutuhan", False, [_listed(stale)]
    return "kebutuhan", None, [Teks("catatan tidak cukup untuk menilai", "the records cannot tell")]


def _sinergi(sop: Sop, findings: Sequence[Diagnostic]) -> _Answer:
    if not sop.keterkaitan:
        return "sinergi", False, [Teks("kotak Keterkaitan kosong", "the Keterkaitan box is empty")]
    chain = [d for d in findings if d.code in ("SOP406", "SOP407")]
    related = Teks(f"Keterkaitan: {'; '.join(sop.keterkaitan)}", f"Related SOPs: {'; '.join(sop.keterkaitan)}")
    if chain:
        return "sinergi", None, [related, _listed(chain)]
    return "sinergi", True, [related]
