"""One SOP of a book, rendered where it is read (a worker process of ``sopdoc.batch``) into plain,
picklable values: what the contents list shows, and the SOP's own PDF or DOCX."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sopdoc.errors import SopdocError
from sopdoc.importers.dispatch import load_source
from sopdoc.layout.document import layout_sop
from sopdoc.layout.profile import PageProfile
from sopdoc.model.diagnostic import Severity, Teks

__all__ = ["BukuJob", "Entry", "render_entry"]


@dataclass(frozen=True)
class BukuJob:
    """One input of a book: its path, the output format (``pdf`` or ``docx``), the page profile."""

    path: str
    fmt: str
    profile: PageProfile


@dataclass(frozen=True)
class Entry:
    """A rendered SOP: ``data`` its document (None when it could not be read: ``error`` says why),
    ``pages`` its page count, and the identity the contents list shows. ``notes`` counts the
    importer's findings (what it could not read), so none is lost silently."""

    path: str
    data: bytes | None
    pages: int = 0
    nomor: str = ""
    nama: str = ""
    unit: str = ""
    instansi: tuple[str, ...] = ()
    tahun: int | None = None
    pengesah: tuple[str, str, str, str] = ("", "", "", "")  # jabatan, nama, nip, pangkat
    error: Teks | None = None
    notes: int = 0


def render_entry(job: BukuJob) -> Entry:
    """Read and render one SOP; a file that cannot be read becomes an :class:`Entry` with an
    error, never an exception."""
    path = Path(job.path)
    result = load_source(path)
    if result.sop is None:
        first = next((d for d in result.diagnostics if d.severity is Severity.ERROR), None)
        reason = first.message if first is not None else Teks("tidak dapat dibaca", "cannot be read")
        return Entry(job.path, None, error=Teks(f"{first.code if first else 'SOP001'} {reason.id}",
                                                f"{first.code if first else 'SOP001'} {reason.en}"))
    sop = result.sop
    try:
        layout = layout_sop(sop, job.profile)
        if job.fmt == "pdf":
            from sopdoc.render.pdf import render_pdf

            data = render_pdf(sop, layout, attach=False)
        else:
            from sopdoc.render.docx import docx_bytes

            data = docx_bytes(sop, profile=job.profile, layout=layout)
    except SopdocError as exc:
        return Entry(job.path, None, error=exc.teks)
    ident = sop.identitas
    date = ident.tanggal_revisi or ident.tanggal_efektif or ident.tanggal_pembuatan
    signer = ident.disahkan_oleh
    return Entry(job.path, data, len(layout.pages), ident.nomor or "", ident.nama or "", ident.unit or "",
                 tuple(ident.instansi), date.year if date else None,
                 (signer.jabatan or "", signer.nama or "", signer.nip or "", signer.pangkat or "") if signer else
                 ("", "", "", ""),
                 notes=sum(1 for d in result.diagnostics if d.code.startswith("IMP")))
