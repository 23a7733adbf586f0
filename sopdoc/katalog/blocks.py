"""The inspector report's content, once, in the user's language: headings, paragraphs, tables and
charts that the PDF, DOCX and XLSX writers each draw in their own way.

A table marked ``lembar_saja`` (sheet only) is too long for people to read on paper (every
Keterkaitan entry, resolved ones included); the paper documents show the part that needs action
(the dangling entries) and the workbook everything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sopdoc.codes import Code
from sopdoc.katalog.report import KatalogReport
from sopdoc.katalog.review import Status
from sopdoc.model.diagnostic import Severity, Teks

__all__ = ["Block", "Cell", "Chart", "Heading", "Para", "Table", "report_blocks"]

Cell = str | int | float


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Table:
    sheet: str  # the workbook sheet's name (at most 31 characters)
    header: list[str]
    rows: list[list[Cell]]
    widths: list[float]  # relative column widths
    lembar_saja: bool = False
    kosong: str = ""  # printed instead of an empty table
    lebar: float = 1.0  # share of the page width on paper


@dataclass(frozen=True)
class Chart:
    """A bar chart: labels, one or more series (name, values, colour), a title."""

    title: str
    labels: list[str]
    series: list[tuple[str, list[int], str]] = field(default_factory=list)


Block = Heading | Para | Table | Chart

_SEV_COLOUR = {"error": "#c0392b", "warning": "#e69f00", "info": "#7f8c8d"}
TOP = 15  # bars in a chart


def _d(iso: str | None) -> str:
    return iso or "-"


def report_blocks(rep: KatalogReport, lang: str, codes: dict[str, Code] | None = None) -> list[Block]:
    """The report's blocks in ``lang``; ``codes`` (every registered code) gives each rule's summary."""
    def t(id_: str, en: str) -> str:
        return Teks(id_, en).get(lang)

    sev: Callable[[str], str] = lambda s: Severity(s).label(lang)  # noqa: E731
    no_unit = t("(tanpa unit)", "(no unit)")

    def unit(name: str) -> str:
        return name or no_unit

    codes = codes or {}
    totals = rep.severity_totals
    summary: list[list[Cell]] = [
        [t("Berkas", "Files"), rep.files],
        ["SOP", len(rep.rows)],
    ]
    summary += [[Status(s).teks.get(lang), n] for s, n in rep.status_totals.items()]
    summary += [
        [sev("error"), totals["error"]], [sev("warning"), totals["warning"]], [sev("info"), totals["info"]],
        [t("Rujukan Keterkaitan", "Keterkaitan references"), len(rep.links)],
        [t("Rujukan menggantung", "Dangling references"), len(rep.dangling)],
        [t("Pasangan SOP mirip", "Near-duplicate SOP pairs"), len(rep.pairs)],
        [t("Langkah mirip lintas unit", "Steps repeated across units"), len(rep.steps)],
        [t("Kehilangan impor (temuan IMP)", "Import losses (IMP findings)"), len(rep.losses)],
    ]
    blocks: list[Block] = [
        Heading(t("Laporan Pemeriksaan Katalog SOP", "SOP Catalogue Inspection Report"), 0),
        Para(t(f"Folder: {rep.root or '-'} · per tanggal {rep.as_of} · periode tinjau {rep.years} tahun · "
               f"ambang kemiripan {rep.threshold:.2f}",
               f"Folder: {rep.root or '-'} · as of {rep.as_of} · review period {rep.years} years · "
               f"similarity threshold {rep.threshold:.2f}")),
        Heading(t("1. Ringkasan", "1. Summary")),
        Table(t("Ringkasan", "Summary"), [t("Besaran", "Figure"), t("Nilai", "Value")], summary, [3, 1], lebar=0.45),
        Chart(t("Temuan per tingkat", "Findings by severity"), [sev(s) for s in totals],
              [(t("Temuan", "Findings"), list(totals.values()), "#34495e")]),
    ]
    top_rules = sorted(rep.rules, key=lambda r: (-r.temuan, r.code))[:TOP]
    if top_rules:
        blocks.append(Chart(t(f"Aturan dengan temuan terbanyak (maks. {TOP})", f"Rules with most findings (top {TOP})"),
                            [f"{r.code} {codes[r.code].slug}" if r.code in codes else r.code for r in top_rules],
                            [(t("Temuan", "Findings"), [r.temuan for r in top_rules], "#2e86c1")]))
    top_units = sorted(rep.units, key=lambda u: (-(u.galat + u.peringatan), u.unit))[:TOP]
    if top_units:
        blocks.append(Chart(t(f"Temuan per unit (maks. {TOP})", f"Findings by unit (top {TOP})"),
                            [unit(u.unit) for u in top_units],
                            [(sev("error"), [u.galat for u in top_units], _SEV_COLOUR["error"]),
                             (sev("warning"), [u.peringatan for u in top_units], _SEV_COLOUR["warning"])]))
    blocks += [
        Heading(t("2. Daftar SOP", "2. Every SOP")),
        Table("SOP", ["No", t("Berkas", "File"), t("Nama SOP", "SOP name"), t("Nomor", "Number"), "Unit",
                      t("Efektif", "Effective"), t("Revisi", "Revised"), "Status", sev("error"), sev("warning"),
                      sev("info"), t("Impor", "Import")],
              [[i, r.file, r.nama or "-", r.nomor or "-", unit(r.unit), _d(r.tanggal_efektif),
                _d(r.tanggal_revisi), Status(r.status).teks.get(lang), r.galat, r.peringatan, r.info, r.kehilangan]
               for i, r in enumerate(rep.rows, 1)],
              [0.6, 3.2, 4, 2.4, 3, 1.5, 1.5, 1.8, 0.9, 1.3, 0.8, 0.9]),
        Heading(t("3. Temuan per aturan", "3. Findings by rule")),
        Table(t("Per aturan", "By rule"), [t("Kode", "Code"), t("Nama", "Slug"), t("Tingkat", "Severity"),
                                            t("Ringkasan", "Summary"), t("Temuan", "Findings"), "SOP"],
              [[r.code, codes[r.code].slug if r.code in codes else "-", sev(r.severity),
                codes[r.code].summary.get(lang) if r.code in codes else "-", r.temuan, r.sop] for r in rep.rules],
              [1.2, 3, 1.4, 7, 1.1, 1.0], kosong=t("Tidak ada temuan.", "No findings.")),
        Heading(t("4. Temuan per unit", "4. Findings by unit")),
        Table(t("Per unit", "By unit"), ["Unit", "SOP", sev("error"), sev("warning"), sev("info"),
                                         t("Perlu ditinjau", "Review due")],
              [[unit(u.unit), u.sop, u.galat, u.peringatan, u.info, u.perlu_ditinjau] for u in rep.units],
              [7, 1, 1, 1.3, 1, 1.4], lebar=0.8),
        Heading(t("5. Keterkaitan", "5. Keterkaitan (related SOPs)")),
        Para(t(f"{len(rep.links)} rujukan, {len(rep.links) - len(rep.dangling)} ditemukan di katalog, "
               f"{len(rep.dangling)} menggantung (tidak ada SOP dengan nama atau nomor itu).",
               f"{len(rep.links)} references, {len(rep.links) - len(rep.dangling)} found in the catalogue, "
               f"{len(rep.dangling)} dangling (no SOP with that name or number).")),
        Table(t("Menggantung", "Dangling"), [t("Berkas", "File"), t("Nama SOP", "SOP name"),
                                             t("Rujukan", "Reference")],
              [[x.file, x.nama or "-", x.teks] for x in rep.dangling], [3, 4, 5],
              kosong=t("Tidak ada rujukan menggantung.", "No dangling references.")),
        Table(t("Keterkaitan", "References"), [t("Berkas", "File"), t("Nama SOP", "SOP name"),
                                              t("Rujukan", "Reference"), t("Tujuan", "Target")],
              [[x.file, x.nama or "-", x.teks, x.tujuan or t("(menggantung)", "(dangling)")] for x in rep.links],
              [3, 4, 5, 3], lembar_saja=True),
        Heading(t("6. SOP dan langkah yang mirip", "6. Near-duplicate SOPs and steps")),
        Para(t("Kemiripan: perkiraan indeks Jaccard frasa tiga kata dari uraian kegiatan (MinHash, "
               f"{rep.threshold:.2f} ke atas).",
               "Similarity: the estimated Jaccard index of the three-word phrases of the step texts "
               f"(MinHash, {rep.threshold:.2f} and above).")),
        Table(t("SOP mirip", "Similar SOPs"), [t("SOP A", "SOP A"), t("Unit A", "Unit A"), t("SOP B", "SOP B"),
                                               t("Unit B", "Unit B"), t("Kemiripan", "Similarity"),
                                               t("Lintas unit", "Across units")],
              [[f"{p.file_a} ({p.nama_a or '-'})", unit(p.unit_a), f"{p.file_b} ({p.nama_b or '-'})",
                unit(p.unit_b), p.kemiripan, t("ya", "yes") if p.lintas_unit else t("tidak", "no")] for p in rep.pairs],
              [4, 2.5, 4, 2.5, 1.2, 1.2], kosong=t("Tidak ada SOP yang mirip.", "No near-duplicate SOPs.")),
        Table(t("Langkah mirip", "Similar steps"), [t("Uraian kegiatan", "Step"), "SOP", "Unit",
                                                    t("Tempat", "Where")],
              [[s.teks, s.sop, "; ".join(unit(u) for u in s.unit[:6]) + (" …" if len(s.unit) > 6 else ""),
                "; ".join(s.tempat[:6]) + (" …" if len(s.tempat) > 6 else "")] for s in rep.steps],
              [5, 0.8, 4, 5], kosong=t("Tidak ada langkah yang sama di lebih dari satu unit.",
                                       "No step repeated across units.")),
        Heading(t("7. Perlu ditinjau", "7. Review due")),
        Para(t(f"Jatuh tempo: {rep.years} tahun setelah Tanggal Efektif atau Revisi terakhir, atau tanggal "
               f"revisi yang direncanakan; per {rep.as_of}.",
               f"Due: {rep.years} years after the latest Tanggal Efektif or Revisi, or the planned revision "
               f"date; as of {rep.as_of}.")),
        Table(t("Perlu ditinjau", "Review due"), [t("Berkas", "File"), t("Nama SOP", "SOP name"), "Unit",
                                                  t("Efektif", "Effective"), t("Revisi", "Revised"),
                                                  t("Jatuh tempo", "Due")],
              [[r.file, r.nama or "-", unit(r.unit), _d(r.tanggal_efektif), _d(r.tanggal_revisi), _d(r.tinjau)]
               for r in rep.review], [3, 4, 3, 1.5, 1.5, 1.5],
              kosong=t("Tidak ada SOP yang jatuh tempo.", "No SOP is due for review.")),
        Heading(t("8. Kehilangan impor yang perlu diperiksa", "8. Import losses a person must check")),
        Table(t("Kehilangan impor", "Import losses"), [t("Berkas", "File"), t("Kode", "Code"),
                                                       t("Tingkat", "Severity"), t("Pesan", "Message"),
                                                       t("Lokasi", "Where")],
              [[x.file, x.code, sev(x.severity), x.pesan(lang), x.lokasi] for x in rep.losses],
              [3, 1, 1.3, 7, 3], kosong=t("Tidak ada kehilangan impor.", "No import losses.")),
    ]
    return blocks
