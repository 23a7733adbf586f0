"""SOP301–SOP314: flowchart shape — numbering, actors, symbols, terminators, decisions, graph."""

from __future__ import annotations

from collections.abc import Iterator

from sopdoc.codes import Finding, rule
from sopdoc.model.diagnostic import Severity, Teks
from sopdoc.model.sop import Simbol, Sop
from sopdoc.validate.context import RuleContext, is_end_row
from sopdoc.validate.flow_faults import FlowFault
from sopdoc.validate.text import norm

_E, _W = Severity.ERROR, Severity.WARNING


@rule(code="SOP301", slug="kegiatan-kosong", severity=_E, catalogue="FC-01",
      summary=Teks("Tidak ada kegiatan", "No steps"),
      hint=Teks("tambahkan kegiatan di bawah `kegiatan:`", "add steps under `kegiatan:`"))
def kegiatan_kosong(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """FC-01 (count): the flowchart has at least one step."""
    if not any(not is_end_row(k) for k in sop.kegiatan):
        yield Finding(("kegiatan",), Teks("flowchart tidak memuat kegiatan", "the flowchart has no steps"))


@rule(code="SOP302", slug="nomor-kegiatan-tidak-urut", severity=_E, catalogue="FC-01",
      summary=Teks("Nomor kegiatan tidak 1..n berurutan dan unik", "Step numbers are not 1..n, consecutive and unique"),
      hint=Teks("beri nomor 1, 2, 3, … sesuai urutan baris", "number the rows 1, 2, 3, … in order"))
def nomor_kegiatan_tidak_urut(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """FC-01 (numbers): step numbers run 1..n, consecutive and unique. An unnumbered trailing
    terminator row (a "SELESAI" row, seed 002) is accepted; any other unnumbered step is not."""
    expected = 1
    for i, step in enumerate(sop.kegiatan):
        if is_end_row(step):
            continue
        if step.no is None:
            yield Finding(("kegiatan", i, "no"), Teks(f"kegiatan ke-{i + 1} tidak bernomor; seharusnya {expected}",
                                                      f"row {i + 1} has no number; expected {expected}"))
        elif step.no != expected:
            yield Finding(("kegiatan", i, "no"), Teks(f"nomor {step.no}; seharusnya {expected}",
                                                      f"number {step.no}; expected {expected}"))
        expected += 1


@rule(code="SOP303", slug="uraian-kegiatan-kosong", severity=_E, catalogue="FC-02",
      summary=Teks("Uraian kegiatan kosong", "Step text is empty"),
      hint=Teks("tulis kegiatan dengan kata kerja aktif, mis. 'Menyusun draf laporan'",
                "write the activity with an active verb, e.g. 'Menyusun draf laporan'"))
def uraian_kegiatan_kosong(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """FC-02: every step has non-empty Kegiatan text (the unnumbered end row excepted)."""
    for i, step in enumerate(sop.kegiatan):
        if not step.uraian.strip() and not is_end_row(step):
            yield Finding(("kegiatan", i, "uraian"), Teks("uraian kegiatan kosong", "the step text is empty"))


@rule(code="SOP304", slug="pelaksana-tidak-valid", severity=_E, catalogue="FC-03",
      summary=Teks("Kolom pelaksana kosong, ganda, atau tidak dikenal", "Actor column empty, duplicated or unknown"),
      hint=Teks("daftarkan setiap pelaksana sekali di `pelaksana:` dan pakai nama yang sama di kegiatan",
                "list each actor once under `pelaksana:` and use the same name in the steps"))
def pelaksana_tidak_valid(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """FC-03 (error): actor headers are non-empty and unique, and every step's pelaksana is one of them."""
    seen: set[str] = set()
    for i, actor in enumerate(sop.pelaksana):
        key = norm(actor)
        if not key:
            yield Finding(("pelaksana", i), Teks("nama pelaksana kosong", "an actor name is empty"))
        elif key in seen:
            yield Finding(("pelaksana", i), Teks(f"pelaksana {actor!r} tercantum dua kali",
                                                 f"actor {actor!r} is listed twice"))
        seen.add(key)
    if not sop.pelaksana:
        if sop.kegiatan:
            yield Finding(("pelaksana",), Teks("daftar kolom pelaksana kosong", "the list of actor columns is empty"))
        return
    for i, step in enumerate(sop.kegiatan):
        for j, actor in enumerate(step.pelaksana):
            if norm(actor) not in seen:
                yield Finding(("kegiatan", i, "pelaksana", j),
                              Teks(f"pelaksana {actor!r} tidak ada di kolom pelaksana",
                                   f"actor {actor!r} is not among the actor columns"))


@rule(code="SOP305", slug="pelaksana-terlalu-banyak", severity=_W, catalogue="FC-03",
      summary=Teks("Terlalu banyak kolom pelaksana untuk satu halaman", "Too many actor columns for one page"),
      hint=Teks("gabungkan peran atau pecah SOP; batas diatur `max-pelaksana` di [check]",
                "merge roles or split the SOP; the limit is `max-pelaksana` in [check]"))
def pelaksana_terlalu_banyak(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """FC-03 (warning): at most ``max-pelaksana`` actor columns (8, landscape; 6 suits portrait)."""
    limit = ctx.options.max_pelaksana
    if len(sop.pelaksana) > limit:
        yield Finding(("pelaksana",), Teks(f"{len(sop.pelaksana)} kolom pelaksana; batasnya {limit}",
                                           f"{len(sop.pelaksana)} actor columns; the limit is {limit}"))


@rule(
    code="SOP306",
    slug="kegiatan-tanpa-pelaksana",
    severity=_E,
    catalogue="FC-04",
    summary=Teks("Kegiatan tanpa pelaksana", "Step without an actor"),
    hint=Teks("isi `pelaksana` kegiatan dengan satu kolom pelaksana", "set the step's `pelaksana` to one actor column"),
)
def kegiatan_tanpa_pelaksana(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """FC-04 (none): each step has an actor symbol in some actor column."""
    for i, step in enumerate(sop.kegiatan):
        if not [a for a in step.pelaksana if a.strip()]:
            yield Finding(
                ("kegiatan", i, "pelaksana"), Teks("kegiatan tidak memiliki pelaksana", "the step has no actor")
            )


@rule(
    code="SOP307",
    slug="kegiatan-bersama",
    severity=_W,
    catalogue="FC-04",
    summary=Teks("Kegiatan dengan lebih dari satu pelaksana", "Step with more than one actor"),
    hint=Teks(
        "satu simbol di satu kolom; pecah kegiatan bersama per pelaksana",
        "one symbol in one column; split a joint step per actor",
    ),
)
def kegiatan_bersama(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """FC-04 (multiple): a step drawn in two or more actor columns is a joint activity (seed 001 step 5)."""
    for i, step in enumerate(sop.kegiatan):
        if len(step.pelaksana) > 1:
            names = ", ".join(step.pelaksana)
            yield Finding(
                ("kegiatan", i, "pelaksana"), Teks(f"kegiatan bersama oleh {names}", f"joint step by {names}")
            )


@rule(
    code="SOP308",
    slug="simbol-kosong",
    severity=_E,
    catalogue="FC-05",
    summary=Teks("Simbol kegiatan tidak ada", "Step symbol missing"),
    hint=Teks("isi `simbol`: terminator, proses atau keputusan", "set `simbol`: terminator, proses or keputusan"),
)
def simbol_kosong(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """FC-05: every step uses one of the permitted symbols. A symbol outside the five is refused by
    the loader (SOP007); this rule reports steps whose symbol was lost (``simbol: null``)."""
    for i, step in enumerate(sop.kegiatan):
        if step.simbol is None:
            yield Finding(("kegiatan", i, "simbol"), Teks("simbol kegiatan tidak ada", "the step has no symbol"))


@rule(
    code="SOP309",
    slug="terminator-salah",
    severity=_E,
    catalogue="FC-06",
    summary=Teks(
        "Alur tidak diawali Mulai dan diakhiri Selesai (terminator)",
        "The flow does not start and end with a terminator",
    ),
    hint=Teks(
        "beri `simbol: terminator` pada kegiatan pertama dan terakhir saja",
        "set `simbol: terminator` on the first and the last step only",
    ),
)
def terminator_salah(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """FC-06: the flow starts with a terminator (Mulai) and ends with one (Selesai); no terminator
    elsewhere. Seeds 000, 003 and 004 have none; seed 001 has Mulai but no Selesai.

    A terminator in the middle ends the flow there (flow rule 4): this rule reports that root
    cause once, naming the steps it cuts off as related places; SOP312 does not repeat it."""
    steps = sop.kegiatan
    if not steps:
        return
    last = len(steps) - 1
    if steps[0].simbol is not Simbol.TERMINATOR:
        yield Finding(
            ("kegiatan", 0, "simbol"),
            Teks("kegiatan pertama bukan terminator Mulai", "the first step is not a start terminator"),
        )
    if last > 0 and steps[last].simbol is not Simbol.TERMINATOR:
        yield Finding(
            ("kegiatan", last, "simbol"),
            Teks("tidak ada terminator Selesai di akhir alur", "no end terminator at the end of the flow"),
        )
    faults = {f.rows[0]: f for f in ctx.flow_faults if f.kind == "dead-end"}
    for i in range(1, last):
        if steps[i].simbol is Simbol.TERMINATOR:
            fault = faults.get(i)
            if fault is None or not (fault.stuck or fault.cut):
                yield Finding(("kegiatan", i, "simbol"),
                              Teks("terminator di tengah alur", "a terminator inside the flow"))
                continue
            yield Finding(("kegiatan", i, "simbol"), _cut_message(sop, fault),
                          related=tuple(("kegiatan", j) for j in fault.affected))


def _labels(sop: Sop, rows: tuple[int, ...]) -> str:
    """``3, 4, 5`` for the rows' step numbers (``#7`` for a row without a number)."""
    return ", ".join(str(sop.kegiatan[i].no) if sop.kegiatan[i].no is not None else f"#{i + 1}" for i in rows)


def _cut_message(sop: Sop, fault: FlowFault) -> Teks:
    """What a mid-flow terminator does to the flow, with the steps it cuts off."""
    parts_id, parts_en = [], []
    if fault.stuck:
        parts_id.append(f"kegiatan {_labels(sop, fault.stuck)} tidak sampai ke Selesai")
        parts_en.append(f"steps {_labels(sop, fault.stuck)} never reach the end")
    if fault.cut:
        parts_id.append(f"kegiatan {_labels(sop, fault.cut)} tidak terjangkau")
        parts_en.append(f"steps {_labels(sop, fault.cut)} cannot be reached")
    return Teks("terminator di tengah alur memutus alur: " + "; ".join(parts_id),
                "a terminator inside the flow cuts it: " + "; ".join(parts_en))


@rule(
    code="SOP310",
    slug="keputusan-tidak-lengkap",
    severity=_E,
    catalogue="FC-07",
    summary=Teks("Keputusan tanpa dua cabang yang sah", "Decision without two valid branches"),
    hint=Teks(
        "tulis `cabang: {ya: <no>, tidak: <no>}` dengan nomor kegiatan yang ada",
        "write `cabang: {ya: <no>, tidak: <no>}` with existing step numbers",
    ),
)
def keputusan_tidak_lengkap(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """FC-07: a decision has exactly two exits (Ya/Tidak) to existing steps, one of them other than
    the next step; branches on a step that is not a decision are reported as well."""
    flow = ctx.flow
    for i, step in enumerate(sop.kegiatan):
        path = ("kegiatan", i, "cabang")
        if step.simbol is not Simbol.KEPUTUSAN:
            if step.cabang is not None:
                yield Finding(
                    path, Teks("cabang pada kegiatan yang bukan keputusan", "branches on a step that is not a decision")
                )
            continue
        c = step.cabang
        if c is None or c.ya is None or c.tidak is None:
            yield Finding(
                path if c else ("kegiatan", i, "simbol"),
                Teks("keputusan tanpa cabang ya dan tidak", "decision without both ya and tidak branches"),
            )
            continue
        bad = [t for t in (c.ya, c.tidak) if flow.index_of(t) is None]
        for t in bad:
            yield Finding(
                path, Teks(f"cabang menuju kegiatan {t} yang tidak ada", f"branch to step {t}, which does not exist")
            )
        if not bad and c.ya == c.tidak:
            yield Finding(path, Teks("kedua cabang menuju kegiatan yang sama", "both branches lead to the same step"))


_BRANCH_WORDS = frozenset(["ya", "tidak", "yes", "no", "lengkap", "benar", "salah", "sesuai", "setuju"])


@rule(
    code="SOP311",
    slug="label-keputusan-tanpa-keputusan",
    severity=_E,
    catalogue="FC-07",
    summary=Teks(
        "Label cabang (Ya/Tidak) pada kegiatan yang bukan keputusan",
        "Branch labels (Ya/Tidak) on a step that is not a decision",
    ),
    hint=Teks(
        "jadikan kegiatan ini `simbol: keputusan` dengan `cabang: {ya: …, tidak: …}`",
        "make this step `simbol: keputusan` with `cabang: {ya: …, tidak: …}`",
    ),
)
def label_keputusan_tanpa_keputusan(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """FC-07 (lost decision): "Ya"/"Tidak" text in the actor cells of a step that is not a
    decision means the decision symbol was lost (seed 002, steps 7–9)."""
    for i, step in enumerate(sop.kegiatan):
        if step.simbol is Simbol.KEPUTUSAN or not step.tanda:
            continue
        labels = [
            f"{actor}: {mark}"
            for actor, mark in step.tanda
            if norm(mark) in _BRANCH_WORDS or norm(mark).startswith("tidak ")
        ]
        if labels:
            shown = "; ".join(labels)
            yield Finding(
                ("kegiatan", i, "tanda"),
                Teks(
                    f"label cabang di sel pelaksana ({shown}) tanpa simbol keputusan",
                    f"branch labels in actor cells ({shown}) without a decision symbol",
                ),
            )


@rule(
    code="SOP312",
    slug="alur-tidak-terhubung",
    severity=_E,
    catalogue="FC-08",
    summary=Teks(
        "Kegiatan tidak terjangkau dari Mulai atau tidak sampai ke Selesai",
        "A step cannot be reached from the start or cannot reach the end",
    ),
    hint=Teks(
        "periksa cabang keputusan: setiap kegiatan harus di jalur dari Mulai ke Selesai",
        "check the decision branches: every step must lie on a path from start to end",
    ),
)
def alur_tidak_terhubung(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """FC-08: every step is reachable from the first and can reach the last (so every loop has an
    exit). Rows follow each other; a decision goes where its branches point (a missing or dangling
    target continues with the next row; SOP310's finding); a terminator other than the first step
    ends the flow (the rules of ``sopdoc.model.flow``).

    One finding per root cause (``sopdoc.validate.flow_faults``), at the cause's first row, with
    the other rows it affects as related places: a cycle without exit (the steps trapped in it
    and leading into it, and the steps after it that its missing exit cuts off), and a part
    nothing reaches. A terminator in the middle of the flow is
    SOP309's finding (with the steps it cuts off), not repeated here."""
    steps = sop.kegiatan
    if len(steps) < 2:
        return
    last = len(steps) - 1
    for fault in ctx.flow_faults:
        first = fault.rows[0]
        related = tuple(("kegiatan", j) for j in fault.affected)
        if fault.kind == "dead-end":
            if 0 < first < last and steps[first].simbol is Simbol.TERMINATOR:
                continue  # SOP309 reports it with the steps it cuts off
            yield Finding(("kegiatan", first),
                          Teks(f"alur berhenti di kegiatan {_labels(sop, fault.rows)}; "
                               f"kegiatan {_labels(sop, fault.stuck) or '-'} tidak sampai ke akhir",
                               f"the flow stops at step {_labels(sop, fault.rows)}; "
                               f"steps {_labels(sop, fault.stuck) or '-'} never reach the end"), related=related)
        elif fault.kind == "cycle":
            trapped = _labels(sop, fault.stuck)
            more_id = f"; kegiatan {trapped} masuk ke putaran ini dan tidak sampai ke akhir" if trapped else ""
            more_en = f"; steps {trapped} lead into it and never reach the end" if trapped else ""
            if fault.cut:
                more_id += f"; kegiatan {_labels(sop, fault.cut)} tidak terjangkau"
                more_en += f"; steps {_labels(sop, fault.cut)} cannot be reached"
            yield Finding(("kegiatan", first),
                          Teks(f"putaran tanpa jalan keluar: kegiatan {_labels(sop, fault.rows)}{more_id}",
                               f"a cycle without exit: steps {_labels(sop, fault.rows)}{more_en}"),
                          related=related)
        else:
            yield Finding(("kegiatan", first),
                          Teks(f"kegiatan {_labels(sop, fault.rows)} tidak terjangkau dari awal alur",
                               f"steps {_labels(sop, fault.rows)} cannot be reached from the start"),
                          related=related)
