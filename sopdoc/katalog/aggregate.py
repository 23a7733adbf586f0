"""The catalogue summed up as its records stream in: counters and one small row per SOP.

:class:`Katalog` takes each :class:`~sopdoc.katalog.record.SopRecord` as its file finishes and keeps
only what the report needs: a :class:`Row` per SOP, counters by rule, unit and severity, the import
losses, the Keterkaitan entries and the duplicate index's signatures. :meth:`Katalog.finish` turns
that into the :class:`~sopdoc.katalog.report.KatalogReport` every writer draws.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from sopdoc.katalog.links import LinkIndex
from sopdoc.katalog.record import Loss, SopRecord
from sopdoc.katalog.report import (
    DupPair,
    KatalogReport,
    LinkRow,
    LossRow,
    Row,
    RuleRow,
    StepRow,
    UnitRow,
)
from sopdoc.katalog.review import DEFAULT_YEARS, due_date, status_of
from sopdoc.katalog.similar import DuplicateIndex

__all__ = ["Katalog", "unit_label"]


def unit_label(instansi: str | None, unit: str | None) -> str:
    """The unit an SOP is counted under: agency and unit, either alone, or "" when the document
    names neither (the report prints "(tanpa unit)")."""
    parts = [p.strip() for p in (instansi, unit) if p and p.strip()]
    return " — ".join(dict.fromkeys(parts))


@dataclass
class _RuleCount:
    severity: str
    findings: int = 0
    sops: int = 0


class Katalog:
    """Streaming totals of one catalogue run."""

    def __init__(self, root: str | Path | None = None, *, as_of: dt.date | None = None,
                 years: int = DEFAULT_YEARS, threshold: float = 0.8) -> None:
        self.root = Path(root) if root is not None else None
        self.as_of = as_of or dt.date.today()
        self.years = years
        self.threshold = threshold
        self.files = 0
        self.rows: list[Row] = []
        self._rules: dict[str, _RuleCount] = {}
        self._units: dict[str, Counter[str]] = defaultdict(Counter)
        self._losses: list[tuple[int, Loss]] = []
        self._links = LinkIndex()
        self._dups = DuplicateIndex(threshold)

    def _display(self, file: str) -> str:
        if self.root is not None:
            try:
                return Path(file).relative_to(self.root).as_posix()
            except ValueError:
                pass
        return file

    def add_file(self, records: tuple[SopRecord, ...]) -> list[Row]:
        """The records of one finished file; returns their rows."""
        self.files += 1
        return [self.add(r) for r in records]

    def add(self, rec: SopRecord) -> Row:
        """One SOP's record."""
        index = len(self.rows)
        unit = unit_label(rec.instansi, rec.unit)
        due = due_date(rec.tanggal_efektif, rec.tanggal_revisi, self.as_of, self.years) if rec.terbaca else None
        file = self._display(rec.file)
        row = Row(
            file=f"{file}#{rec.bagian}" if rec.bagian else file, format=rec.format, nama=rec.nama, nomor=rec.nomor,
            unit=unit, tanggal_pembuatan=rec.tanggal_pembuatan, tanggal_revisi=rec.tanggal_revisi,
            tanggal_efektif=rec.tanggal_efektif, disahkan=rec.disahkan, langkah=rec.langkah,
            galat=rec.galat, peringatan=rec.peringatan, info=rec.info, kehilangan=rec.kehilangan_total,
            status=status_of(rec.terbaca, rec.tanggal_efektif, due, self.as_of).value,
            tinjau=due.isoformat() if due else None,
        )
        self.rows.append(row)
        for code, severity, n in rec.kode:
            count = self._rules.setdefault(code, _RuleCount(severity))
            count.findings += n
            count.sops += 1
        units = self._units[unit]
        units["sop"] += 1
        units["error"] += rec.galat
        units["warning"] += rec.peringatan
        units["info"] += rec.info
        units["tinjau"] += row.status == "perlu_ditinjau"
        self._losses.extend((index, loss) for loss in rec.kehilangan)
        self._links.add(index, rec.nama, rec.nomor, rec.keterkaitan)
        self._dups.add(index, rec.tanda_tangan, rec.langkah_kunci)
        return row

    def finish(self) -> KatalogReport:
        """The finished report (plain data, ready for every writer)."""
        rows = self.rows
        rules = [RuleRow(code, c.severity, c.findings, c.sops) for code, c in sorted(self._rules.items())]
        units = [UnitRow(u, c["sop"], c["error"], c["warning"], c["info"], c["tinjau"])
                 for u, c in sorted(self._units.items())]
        links = [LinkRow(rows[link.sumber].file, rows[link.sumber].nama, link.teks,
                         None if link.tujuan is None else rows[link.tujuan].file)
                 for link in self._links.links()]
        pairs = [DupPair(rows[p.a].file, rows[p.a].nama, rows[p.a].unit, rows[p.b].file, rows[p.b].nama,
                         rows[p.b].unit, round(p.similarity, 3)) for p in self._dups.pairs()]
        steps = []
        for group in self._dups.step_groups():
            sops = sorted({i for i, _ in group.members})
            units_of = sorted({rows[i].unit for i in sops})
            if len(units_of) < 2:
                continue  # one unit repeating its own step is not a copy across units
            places = [f"{rows[i].file}:{no}" if no is not None else rows[i].file for i, no in group.members]
            steps.append(StepRow(group.text, len(sops), units_of, places))
        review = sorted((r for r in rows if r.status == "perlu_ditinjau"), key=lambda r: (r.tinjau or "", r.file))
        losses = [LossRow(rows[i].file, loss.code, loss.severity, loss.pesan_id, loss.pesan_en, loss.lokasi)
                  for i, loss in self._losses]
        return KatalogReport(
            root=str(self.root) if self.root is not None else "", as_of=self.as_of.isoformat(), years=self.years,
            threshold=self.threshold, files=self.files, rows=rows, rules=rules, units=units, links=links,
            pairs=pairs, steps=steps, review=review, losses=losses,
        )
