"""The finished inspector report as plain data: what every writer (JSON, XLSX, PDF, DOCX) draws.

Field names are Indonesian where they are domain fields; :meth:`KatalogReport.to_dict` is the JSON
document of ``sopdoc katalog --format json`` (``schema`` names its version).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

__all__ = ["SCHEMA", "DupPair", "KatalogReport", "LinkRow", "LossRow", "Row", "RuleRow", "StepRow", "UnitRow"]

SCHEMA = "sopdoc-katalog/1"


@dataclass(frozen=True)
class Row:
    """One SOP of the catalogue."""

    file: str
    format: str
    nama: str | None
    nomor: str | None
    unit: str  # agency — unit as the document names them; "" when it names neither
    tanggal_pembuatan: str | None
    tanggal_revisi: str | None
    tanggal_efektif: str | None
    disahkan: bool
    langkah: int
    galat: int
    peringatan: int
    info: int
    kehilangan: int  # IMP findings
    status: str  # review.Status value
    tinjau: str | None  # review due date, ISO


@dataclass(frozen=True)
class RuleRow:
    """Findings of one code across the catalogue."""

    code: str
    severity: str
    temuan: int
    sop: int


@dataclass(frozen=True)
class UnitRow:
    """Findings of one unit."""

    unit: str
    sop: int
    galat: int
    peringatan: int
    info: int
    perlu_ditinjau: int


@dataclass(frozen=True)
class LinkRow:
    """One Keterkaitan entry; ``tujuan`` None is a dangling reference."""

    file: str
    nama: str | None
    teks: str
    tujuan: str | None


@dataclass(frozen=True)
class DupPair:
    """Two near-duplicate SOPs with their estimated similarity (Jaccard of step shingles)."""

    file_a: str
    nama_a: str | None
    unit_a: str
    file_b: str
    nama_b: str | None
    unit_b: str
    kemiripan: float

    @property
    def lintas_unit(self) -> bool:
        """The two SOPs belong to different units."""
        return self.unit_a != self.unit_b


@dataclass(frozen=True)
class StepRow:
    """One step text found in SOPs of several units."""

    teks: str
    sop: int
    unit: list[str]
    tempat: list[str]  # file:step no


@dataclass(frozen=True)
class LossRow:
    """One import finding a person must look at."""

    file: str
    code: str
    severity: str
    pesan_id: str
    pesan_en: str
    lokasi: str

    def pesan(self, lang: str) -> str:
        """The message in ``lang``."""
        return self.pesan_en if lang == "en" else self.pesan_id


@dataclass(frozen=True)
class KatalogReport:
    """Everything the inspector report shows."""

    root: str
    as_of: str
    years: int
    threshold: float
    files: int
    rows: list[Row]
    rules: list[RuleRow]
    units: list[UnitRow]
    links: list[LinkRow]
    pairs: list[DupPair]
    steps: list[StepRow]
    review: list[Row]
    losses: list[LossRow]
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def severity_totals(self) -> dict[str, int]:
        """Findings per severity over the catalogue."""
        return {"error": sum(r.galat for r in self.rows), "warning": sum(r.peringatan for r in self.rows),
                "info": sum(r.info for r in self.rows)}

    @property
    def status_totals(self) -> dict[str, int]:
        """SOPs per status."""
        return dict(sorted(Counter(r.status for r in self.rows).items()))

    @property
    def dangling(self) -> list[LinkRow]:
        """The references that name no SOP of the catalogue."""
        return [link for link in self.links if link.tujuan is None]

    def to_dict(self) -> dict[str, object]:
        """The JSON document."""
        return {
            "schema": SCHEMA,
            "folder": self.root,
            "per_tanggal": self.as_of,
            "periode_tinjau_tahun": self.years,
            "ambang_kemiripan": self.threshold,
            "ringkasan": {"berkas": self.files, "sop": len(self.rows), "temuan": self.severity_totals,
                          "status": self.status_totals, "keterkaitan": len(self.links),
                          "keterkaitan_menggantung": len(self.dangling), "sop_mirip": len(self.pairs),
                          "langkah_mirip": len(self.steps), "perlu_ditinjau": len(self.review),
                          "kehilangan_impor": len(self.losses)},
            "sop": [asdict(r) for r in self.rows],
            "aturan": [asdict(r) for r in self.rules],
            "unit": [asdict(u) for u in self.units],
            "keterkaitan": [asdict(link) for link in self.links],
            "sop_mirip": [{**asdict(p), "lintas_unit": p.lintas_unit} for p in self.pairs],
            "langkah_mirip": [asdict(s) for s in self.steps],
            "perlu_ditinjau": [{"file": r.file, "nama": r.nama, "unit": r.unit, "tinjau": r.tinjau}
                               for r in self.review],
            "kehilangan_impor": [asdict(loss) for loss in self.losses],
        }
