"""The catalogue's unit of work: one file in, one small summary record per SOP out.

A worker imports (or reads) the file in memory, checks it, and returns :class:`SopRecord` values:
identity, dates, finding counts, the import losses (IMP warnings and errors: what the importer
could not read or had to guess; IMP notes such as "read losslessly" need nobody), the Keterkaitan entries, the
MinHash signature and the step keys. The model and the full findings stay in the worker, so the
process that sums up the catalogue holds only these records, one at a time.

:func:`katalog_one` is a module-level function of plain, picklable values, so the same job runs in
a local process pool and on a Dask cluster.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sopdoc.importers.dispatch import IMPORT_SUFFIXES, import_sources, load_source
from sopdoc.katalog.similar import minhash, step_key
from sopdoc.model.diagnostic import Diagnostic, Origin, Severity
from sopdoc.model.sop import Sop
from sopdoc.source.source_map import LoadResult
from sopdoc.validate.context import CheckOptions
from sopdoc.validate.engine import check_loaded
from sopdoc.validate.settings import CheckSettings

__all__ = ["MAX_LOSSES", "Loss", "SopRecord", "katalog_one", "record_of"]

MAX_LOSSES = 200  # import losses listed per SOP (the count is always complete)

Job = tuple[str, CheckSettings, CheckOptions]


@dataclass(frozen=True)
class Loss:
    """One import finding a person must look at: code, severity, message (id, en), where."""

    code: str
    severity: str
    pesan_id: str
    pesan_en: str
    lokasi: str


@dataclass(frozen=True)
class SopRecord:
    """What the catalogue keeps of one SOP (or of one file that gave none)."""

    file: str
    bagian: int | None  # the SOP's position in a bundle PDF (1-based), None for a single SOP
    format: str
    terbaca: bool  # the file gave a model
    nama: str | None
    nomor: str | None
    instansi: str | None
    unit: str | None
    tanggal_pembuatan: str | None  # ISO
    tanggal_revisi: str | None
    tanggal_efektif: str | None
    disahkan: bool  # a signatory with a name
    langkah: int
    galat: int
    peringatan: int
    info: int
    kode: tuple[tuple[str, str, int], ...]  # (code, severity, count), sorted by code
    kehilangan: tuple[Loss, ...]  # IMP warnings and errors, at most MAX_LOSSES
    kehilangan_total: int
    keterkaitan: tuple[str, ...]
    tanda_tangan: bytes | None  # MinHash of the step texts
    langkah_kunci: tuple[tuple[int | None, str, str], ...]  # (no, step key, text) of the longer steps

    @property
    def label(self) -> str:
        """The file, with the part number of a bundle."""
        return f"{self.file}#{self.bagian}" if self.bagian else self.file


def _iso(value: object) -> str | None:
    return value.isoformat() if value is not None and hasattr(value, "isoformat") else None


def _where(d: Diagnostic) -> str:
    origin: Origin | None = d.origin
    place = origin.format("id") if origin else ""
    path = ".".join(str(p) for p in d.path)
    return ", ".join(x for x in (place, path) if x)


def record_of(file: str, fmt: str, load: LoadResult, diagnostics: tuple[Diagnostic, ...],
              bagian: int | None = None) -> SopRecord:
    """The summary record of one loaded and checked SOP."""
    sop: Sop | None = load.sop
    sev = Counter(d.severity for d in diagnostics)
    codes = Counter((d.code, d.severity.value) for d in diagnostics)
    imp = [d for d in diagnostics if d.code.startswith("IMP") and d.severity is not Severity.INFO]
    losses = tuple(Loss(d.code, d.severity.value, d.message.id, d.message.en, _where(d)) for d in imp[:MAX_LOSSES])
    ident = sop.identitas if sop is not None else None
    steps = sop.kegiatan if sop is not None else ()
    keys = []
    for k in steps:
        key = step_key(k.uraian)
        if key is not None:
            keys.append((k.no, key, k.uraian))
    return SopRecord(
        file=file, bagian=bagian, format=fmt, terbaca=sop is not None,
        nama=ident.nama if ident else None, nomor=ident.nomor if ident else None,
        instansi=(ident.instansi[-1] if ident and ident.instansi else None), unit=ident.unit if ident else None,
        tanggal_pembuatan=_iso(ident.tanggal_pembuatan) if ident else None,
        tanggal_revisi=_iso(ident.tanggal_revisi) if ident else None,
        tanggal_efektif=_iso(ident.tanggal_efektif) if ident else None,
        disahkan=bool(ident and ident.disahkan_oleh and ident.disahkan_oleh.nama),
        langkah=len(steps),
        galat=sev[Severity.ERROR], peringatan=sev[Severity.WARNING], info=sev[Severity.INFO],
        kode=tuple(sorted((c, s, n) for (c, s), n in codes.items())),
        kehilangan=losses, kehilangan_total=len(imp),
        keterkaitan=tuple(sop.keterkaitan or ()) if sop is not None else (),
        tanda_tangan=minhash(k.uraian for k in steps),
        langkah_kunci=tuple(keys),
    )


def katalog_one(job: Job) -> tuple[SopRecord, ...]:
    """Import or read one file, check every SOP in it, and return their records (a bundle PDF
    gives one per SOP)."""
    file, settings, options = job
    path = Path(file)
    fmt = "yaml" if not path.name.lower().endswith(IMPORT_SUFFIXES) else path.suffix.lower().lstrip(".")
    if fmt == "pdf":
        parts = import_sources(path)
        if len(parts) > 1:
            return tuple(record_of(file, fmt, part.load, check_loaded(part.load, settings, options), i)
                         for i, part in enumerate(parts, 1))
        load = parts[0].load
    else:
        load = load_source(path)
    return (record_of(file, fmt, load, check_loaded(load, settings, options)),)
