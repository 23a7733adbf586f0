"""Turn the rows of a flowchart table (from text or PDF) into ``kegiatan`` data with provenance.

Both importers reduce a table to :class:`RawStep` values; this module decides actor, symbol,
step number and branches the same way for both, and records every guess as an IMP finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sopdoc.importers.codes import imp_diagnostic
from sopdoc.importers.grid.items import kelengkapan_items, split_items
from sopdoc.importers.grid.prose_branch import prose_branch
from sopdoc.importers.grid.vocab import mark_kind
from sopdoc.importers.report import ImportBuilder
from sopdoc.model.diagnostic import Origin, Teks
from sopdoc.model.labels import simbol_rank

__all__ = ["RawStep", "split_items", "steps_to_kegiatan"]


@dataclass
class RawStep:
    """One table row as read: texts per column, marks/shapes per actor column, where it was."""

    no_text: str
    uraian: str
    origin: Origin
    marks: dict[int, str] = field(default_factory=dict)  # actor index -> text in the cell
    shapes: dict[int, str] = field(default_factory=dict)  # actor index -> simbol from a drawn shape
    kelengkapan: str = ""
    waktu: str = ""
    output: str = ""
    keterangan: str = ""
    cabang: dict[str, int] = field(default_factory=dict)  # 'ya'/'tidak' -> row index target
    labels: dict[str, str] = field(default_factory=dict)  # 'label_ya'/'label_tidak' -> exit word
    cell_origin: dict[str, Origin] = field(default_factory=dict)
    printed_lines: bool = False  # a line break in the texts is a printed line (PDF, scan), not a paragraph


def _number(text: str) -> int | None:
    m = re.fullmatch(r"(\d{1,3})\s*\.?", text.strip())  # strip first: two \s* runs backtrack quadratically
    return int(m.group(1)) if m else None


def steps_to_kegiatan(builder: ImportBuilder, actors: list[str], steps: list[RawStep],
                      *, confidence: float = 0.9) -> None:
    """Put ``kegiatan`` (and the actor list) into ``builder`` with findings for every guess."""
    builder.put(("pelaksana",), list(actors), steps[0].origin if steps else Origin(file=builder.file),
                confidence)
    number = 0
    decisions = {i for i, raw in enumerate(steps) if "keputusan" in raw.shapes.values()}
    for i, raw in enumerate(steps):
        base = ("kegiatan", i)
        no = _number(raw.no_text)
        unnumbered_end = no is None and not raw.uraian.strip() and bool(raw.marks or raw.shapes)
        if no is None and not unnumbered_end:
            no = number + 1
            builder.add(imp_diagnostic("IMP025", Teks(f"kegiatan ke-{i + 1} tanpa nomor; diberi nomor {no}",
                                                      f"step {i + 1} has no number; numbered {no}"),
                                       path=(*base, "no"), origin=raw.origin))
        if no is not None:
            number = no
        builder.locate(base, raw.origin)
        for kind in ("kelengkapan", "waktu", "output"):
            if kind in raw.cell_origin:
                builder.locate((*base, "mutu_baku", kind), raw.cell_origin[kind])
        builder.put((*base, "no"), no, raw.origin, 1.0 if _number(raw.no_text) is not None else 0.5)
        builder.put((*base, "uraian"), raw.uraian, raw.cell_origin.get("uraian", raw.origin), 0.95)
        near_decision = bool(raw.shapes) and i not in decisions and bool({i - 1, i + 1} & decisions)
        _actor_and_symbol(builder, actors, raw, base, near_decision)
        _mutu_baku(builder, raw, base)
        if raw.keterangan.strip():
            builder.put((*base, "keterangan"), raw.keterangan.strip(),
                        raw.cell_origin.get("keterangan", raw.origin), 0.95)
            _branch_in_keterangan(builder, raw, base, i in decisions)


def _branch_in_keterangan(builder: ImportBuilder, raw: RawStep, base: tuple, decision: bool) -> None:
    """IMP043 when the Keterangan states a branch in words (:mod:`prose_branch`): kept as printed,
    never turned into ``cabang``; on a step without a drawn decision the flowchart lacks it."""
    labels = tuple(v for k, v in raw.labels.items() if k in ("label_ya", "label_tidak"))
    decision = decision or any(mark_kind(t) in ("ya", "tidak") for t in raw.marks.values())
    said = prose_branch(raw.keterangan, (*labels, "ya", "tidak") if decision else labels)
    if said is None:
        return
    where = raw.cell_origin.get("keterangan", raw.origin)
    if decision:
        message = Teks(f"keterangan menjelaskan cabang keputusan ('{said}'); disimpan sebagai keterangan",
                       f"the keterangan explains the decision's branches ('{said}'); kept as keterangan")
    else:
        message = Teks(f"keterangan menyebut cabang ('{said}') yang tidak digambar sebagai keputusan; "
                       "disimpan sebagai keterangan",
                       f"the keterangan states a branch ('{said}') the flowchart does not draw as a decision; "
                       "kept as keterangan")
    builder.add(imp_diagnostic("IMP043", message, path=(*base, "keterangan"), origin=where))


def _actor_and_symbol(builder: ImportBuilder, actors: list[str], raw: RawStep, base: tuple,
                      near_decision: bool = False) -> None:
    """The step's actor(s), symbol and marks. ``near_decision``: the row's symbols were read from
    drawn shapes and a neighbouring row holds a drawn decision; a Ya/Tidak label in this row's
    actor cells is then the label of that decision's connector, drawn beside its exit (bps-011,
    bps-028, bps-069), not a mark of this step: it is left out of ``tanda`` and said (IMP035)."""
    kinds = {i: mark_kind(t) for i, t in raw.marks.items() if t.strip()}
    if near_decision:
        moved = [i for i, k in sorted(kinds.items()) if k in ("ya", "tidak")]
        if moved:
            shown = "/".join(raw.marks[i].strip() for i in moved)
            builder.add(imp_diagnostic("IMP035", Teks(
                f"label {shown} di sel pelaksana dibaca sebagai label konektor keputusan di baris sebelahnya",
                f"label {shown} in actor cells read as the connector label of the decision in the next row"),
                path=(*base, "tanda"), origin=raw.origin))
            kinds = {i: k for i, k in kinds.items() if i not in moved}
    tanda = {actors[i]: raw.marks[i].strip() for i in sorted(kinds) if i < len(actors)}
    if tanda:
        builder.put((*base, "tanda"), tanda, raw.origin, 1.0)
    simbol, cols, conf = None, [], 0.0
    if raw.shapes:
        cols = sorted(raw.shapes)
        simbol = min(raw.shapes.values(), key=simbol_rank)
        conf = 0.9
        _terminator_beside_decision(builder, actors, raw, base)
    else:
        strong = [i for i, k in sorted(kinds.items()) if k in ("terminator", "proses")]
        labels = [i for i, k in sorted(kinds.items()) if k in ("ya", "tidak")]
        if strong:
            cols = strong
            simbol = "terminator" if any(kinds[i] == "terminator" for i in strong) else "proses"
            conf = 0.9
        elif labels:
            cols, simbol, conf = labels[:1], "proses", 0.4
            builder.add(imp_diagnostic("IMP026", Teks(
                "label " + "/".join(raw.marks[i].strip() for i in labels) + " di sel pelaksana; "
                "simbol keputusan hilang, dianggap proses",
                "label " + "/".join(raw.marks[i].strip() for i in labels) + " in actor cells; "
                "the decision symbol is lost, assumed proses"), path=(*base, "simbol"), origin=raw.origin))
    if cols and all(c < len(actors) for c in cols):
        names = [actors[c] for c in cols]
        builder.put((*base, "pelaksana"), names[0] if len(names) == 1 else names, raw.origin, conf)
    else:
        builder.add(imp_diagnostic("IMP022", Teks("pelaksana tidak terbaca (sel pelaksana kosong)",
                                                  "actor not readable (actor cells empty)"),
                                   path=(*base, "pelaksana"), origin=raw.origin))
    if simbol is None:
        simbol = "proses"
        builder.add(imp_diagnostic("IMP023", Teks("simbol tidak terbaca; dianggap proses",
                                                  "symbol not readable; assumed proses"),
                                   path=(*base, "simbol"), origin=raw.origin))
        conf = 0.3
    builder.put((*base, "simbol"), simbol, raw.origin, conf)
    if simbol == "keputusan":
        targets = {k: v for k, v in raw.cabang.items() if k in ("ya", "tidak")}
        if targets:
            exit_words = {k: v for k, v in raw.labels.items() if k in ("label_ya", "label_tidak")}
            builder.put((*base, "cabang"), {**targets, **exit_words}, raw.origin, 0.7)
        if len(targets) < 2:  # the exits' labels are no targets: one target and its label is incomplete
            builder.add(imp_diagnostic("IMP024", Teks("tujuan cabang ya/tidak tidak terbaca lengkap",
                                                      "the ya/tidak targets could not all be read"),
                                       path=(*base, "cabang"), origin=raw.origin))


def _terminator_beside_decision(builder: ImportBuilder, actors: list[str], raw: RawStep, base: tuple) -> None:
    """A row that draws a decision and, in another column, a terminator (the exit that ends the
    procedure drawn in the same row, bps-038 row 3): a step holds one symbol, so the decision is
    kept and the terminator is lost. That loss is the import's (IMP039 on the step's symbol), not
    a missing end terminator of the author's."""
    if "keputusan" not in raw.shapes.values():
        return
    ends = [c for c, kind in sorted(raw.shapes.items()) if kind == "terminator"]
    if not ends:
        return
    where = ", ".join(actors[c] if c < len(actors) else str(c + 1) for c in ends)
    builder.add(imp_diagnostic("IMP039", Teks(
        f"baris memuat simbol keputusan dan terminator ({where}); kegiatan menyimpan satu simbol: "
        "terminator tidak disimpan",
        f"the row draws a decision and a terminator ({where}); a step keeps one symbol: "
        "the terminator was not kept"), path=(*base, "simbol"), origin=raw.origin))


def _mutu_baku(builder: ImportBuilder, raw: RawStep, base: tuple) -> None:
    mb = (*base, "mutu_baku")
    items = kelengkapan_items(raw.kelengkapan, wrapped=raw.printed_lines)
    if items:
        builder.put((*mb, "kelengkapan"), items, raw.cell_origin.get("kelengkapan", raw.origin), 0.9)
    if raw.waktu.strip():
        builder.put((*mb, "waktu"), raw.waktu.strip(), raw.cell_origin.get("waktu", raw.origin), 0.95)
    if raw.output.strip():
        builder.put((*mb, "output"), raw.output.strip(), raw.cell_origin.get("output", raw.origin), 0.95)
