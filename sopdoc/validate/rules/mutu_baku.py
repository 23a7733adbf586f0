"""SOP401–SOP405: mutu baku presence and time — waktu, plausibility, total, kelengkapan, output."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from sopdoc.codes import Finding, rule
from sopdoc.model.diagnostic import Severity, Teks
from sopdoc.model.sop import Periode, Simbol, Sop
from sopdoc.model.waktu import Satuan
from sopdoc.validate.context import RuleContext, is_end_row
from sopdoc.validate.step_text import ANALYTIC_ROOTS, COMPOSE_ROOTS, COMPOSED_OBJECTS, verbs
from sopdoc.validate.text import first_word, is_blank

_E, _W = Severity.ERROR, Severity.WARNING


@rule(code="SOP401", slug="waktu-kosong", severity=_E, catalogue="MB-02",
      summary=Teks("Waktu mutu baku kosong", "Mutu baku waktu is empty"),
      hint=Teks("isi waktu baku, mis. '30 menit', '2 jam', '1 hari kerja'",
                "fill in the standard time, e.g. '30 menit', '2 jam', '1 hari kerja'"))
def waktu_kosong(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """MB-02 (missing): every step has a waktu. An unreadable waktu is the loader's SOP012
    (MB-02's other half) and is not reported again."""
    for i, step in enumerate(sop.kegiatan):
        if step.mutu_baku.waktu is None and not is_end_row(step):
            yield Finding(("kegiatan", i, "mutu_baku", "waktu"), Teks("waktu kosong", "waktu is empty"))




def _analytic(text: str) -> bool:
    """The step's first verb analyses or composes: its root is analytic (telaah, kaji, susun,
    hitung …), or it makes (buat, tulis, siapkan …) a composed document (laporan, rencana, draf …).
    """
    found = verbs(text)
    if not found:
        return False
    v = found[0]
    if v.roots & ANALYTIC_ROOTS:
        return True
    return bool(v.roots & COMPOSE_ROOTS) and any(w in COMPOSED_OBJECTS for w in v.obj[:3])


_PERIOD_DAYS = {Periode.BULANAN: 21, Periode.TRIWULAN: 63, Periode.SEMESTER: 125, Periode.TAHUNAN: 250}


def _days(minutes: Decimal, ctx: RuleContext) -> Decimal:
    return minutes / ctx.options.menit_per_hari_kerja


def _fmt(value: Decimal) -> str:
    return f"{value:.1f}".replace(".", ",")


@rule(code="SOP402", slug="waktu-tidak-wajar", severity=_W, catalogue="MB-03",
      summary=Teks("Waktu baku tidak wajar", "Implausible standard time"),
      hint=Teks("periksa angka dan satuan; tulis durasi panjang dalam jam/hari kerja",
                "check the number and unit; write long durations in jam/hari kerja"))
def waktu_tidak_wajar(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """MB-03: implausible waktu — under 5 menit for an analytic or composing verb (mengolah,
    menyusun, menelaah, menghitung …; seed 002 "2 Menit"), judged on the parsed verb and object
    (:mod:`sopdoc.validate.step_text`: the verb's root, so every inflection counts, and "membuat"
    only with a composed document as object: a report, not a disposition); 450 menit or more
    written in menit (a working day or more, should be jam/hari; seed 000 "660 menit"); more than
    20 hari kerja for one step; a step longer than the SOP's reporting period (seed 002 "120 Hari" in a triwulan SOP).
    The upper value of a range or bound is used."""
    for i, step in enumerate(sop.kegiatan):
        w = step.mutu_baku.waktu
        minutes = ctx.minutes(w)
        if w is None or minutes is None:
            continue
        path = ("kegiatan", i, "mutu_baku", "waktu")
        days = _days(minutes, ctx)
        if minutes < 5 and _analytic(step.uraian):
            yield Finding(path, Teks(f"waktu {w.teks!r} terlalu singkat untuk '{first_word(step.uraian)}'",
                                     f"waktu {w.teks!r} is too short for '{first_word(step.uraian)}'"))
        elif w.satuan is Satuan.MENIT and minutes >= ctx.options.menit_per_hari_kerja:
            yield Finding(path, Teks(f"waktu {w.teks!r} = {_fmt(days)} hari kerja; tulis dalam jam atau hari kerja",
                                     f"waktu {w.teks!r} = {_fmt(days)} working days; write it in jam or hari kerja"))
        elif sop.periode is not None and days > _PERIOD_DAYS[sop.periode]:
            yield Finding(path, Teks(f"waktu {w.teks!r} lebih lama dari satu periode {sop.periode.value} "
                                     f"(±{_PERIOD_DAYS[sop.periode]} hari kerja)",
                                     f"waktu {w.teks!r} is longer than one {sop.periode.value} period "
                                     f"(about {_PERIOD_DAYS[sop.periode]} working days)"))
        elif days > 20:
            yield Finding(path, Teks(f"waktu {w.teks!r} melebihi 20 hari kerja untuk satu kegiatan",
                                     f"waktu {w.teks!r} exceeds 20 working days for one step"))


@rule(code="SOP403", slug="total-waktu-melebihi-periode", severity=_W, catalogue="MB-04",
      summary=Teks("Total waktu jalur utama melebihi periode dan tenggatnya",
                   "Main-path total time exceeds the period and its deadline"),
      hint=Teks("periksa waktu tiap kegiatan; lihat `sopdoc info` untuk rinciannya",
                "check each step's time; see `sopdoc info` for the breakdown"))
def total_waktu_melebihi_periode(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """MB-04: for a periodic SOP, the main-path total (decisions taken "ya") fits the period
    length plus the report deadline (10 working days unless ``[period]`` says otherwise).
    Period lengths in working days: bulanan 21, triwulan 63, semester 125, tahunan 250."""
    if sop.periode is None or not sop.kegiatan:
        return
    total = Decimal(0)
    for i in ctx.flow.main_path_rows():
        if sop.kegiatan[i].no is not None:  # rows without a number are not steps (sopdoc.model.flow)
            total += ctx.minutes(sop.kegiatan[i].mutu_baku.waktu) or 0
    limit = _PERIOD_DAYS[sop.periode] + ctx.options.tenggat_hari_kerja
    days = _days(total, ctx)
    if days > limit:
        yield Finding(("kegiatan",), Teks(
            f"total jalur utama {_fmt(days)} hari kerja melebihi periode {sop.periode.value} + tenggat "
            f"({limit} hari kerja)",
            f"main-path total {_fmt(days)} working days exceeds the {sop.periode.value} period + deadline "
            f"({limit} working days)"))


@rule(code="SOP404", slug="kelengkapan-kosong", severity=_W, catalogue="MB-05",
      summary=Teks("Kelengkapan kosong", "Kelengkapan is empty"),
      hint=Teks("sebutkan dokumen/masukan yang harus ada sebelum kegiatan dimulai",
                "name the documents/inputs needed before the step starts"))
def kelengkapan_kosong(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """MB-05: every step except the first names its Kelengkapan (standard input)."""
    for i, step in enumerate(sop.kegiatan):
        if i == 0 or is_end_row(step):
            continue
        if all(is_blank(k) for k in step.mutu_baku.kelengkapan):
            yield Finding(
                ("kegiatan", i, "mutu_baku", "kelengkapan"), Teks("kelengkapan kosong", "kelengkapan is empty")
            )


@rule(
    code="SOP405",
    slug="output-kosong",
    severity=_W,
    catalogue="MB-06",
    summary=Teks("Output kosong", "Output is empty"),
    hint=Teks(
        "sebutkan hasil kegiatan, mis. 'Draf Laporan Kinerja'", "name the step's result, e.g. 'Draf Laporan Kinerja'"
    ),
)
def output_kosong(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """MB-06: every step names its Output (the unnumbered end row excepted)."""
    for i, step in enumerate(sop.kegiatan):
        if is_end_row(step) or (step.simbol is Simbol.TERMINATOR and not step.uraian.strip()):
            continue
        if is_blank(step.mutu_baku.output):
            yield Finding(("kegiatan", i, "mutu_baku", "output"), Teks("output kosong", "output is empty"))
