"""The variables a DOCX template sees: every one comes from here (documented in templates/README.md).

Values are plain strings, lists of strings and small read-only mappings, so a sandboxed template
cannot reach the model or Python internals through them. Missing data shows as ``-`` like the
layout does, so an empty field is visible on the printed page.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from sopdoc.layout.identity import format_periode
from sopdoc.layout.profile import PageProfile
from sopdoc.model.labels import BOX_KEYS, BOX_TITLES
from sopdoc.model.sop import Sop
from sopdoc.model.tanggal import format_tanggal

__all__ = ["CONTEXT_VARIABLES", "template_context"]

CONTEXT_VARIABLES: dict[str, str] = {
    "instansi": "kop lines (profile's instansi, else identitas.instansi), list of text",
    "unit": "unit/bidang under the kop, text ('' when none)",
    "alamat": "address line of the kop, text ('' when none)",
    "logo": "a marker replaced by the agency logo after rendering ('' when the profile has none)",
    "nomor": "Nomor SOP ('-' when empty)",
    "nama": "Nama SOP ('-' when empty)",
    "tanggal_pembuatan": "e.g. '23 Januari 2023' ('-' when empty)",
    "tanggal_revisi": "as above",
    "tanggal_efektif": "as above",
    "periode": "e.g. 'Triwulan' for a periodic SOP ('' when the SOP has no periode)",
    "pengesah": "mapping: jabatan, nama, pangkat, nip (each '' when empty)",
    "dasar_hukum": "list of text ('-' alone when empty); also the five other boxes below",
    "kualifikasi_pelaksana": "list of text",
    "keterkaitan": "list of text",
    "peralatan_perlengkapan": "list of text",
    "peringatan": "list of text",
    "pencatatan_pendataan": "list of text",
    "judul_kotak": "mapping: box key → its printed title (e.g. 'DASAR HUKUM')",
    "draf": "True when the SOP is not yet effective (no tanggal_efektif)",
}
"""Every variable of the template context, with what it holds."""


def template_context(sop: Sop, profile: PageProfile | None = None, logo: Any = "") -> dict[str, Any]:
    """The template variables for ``sop`` (plain data only); ``logo`` is the picture marker the
    painter replaces by the logo after rendering (``docx_template.picture_marker``) or ``''``."""
    profile = profile or PageProfile()
    ident = sop.identitas
    pengesah = ident.disahkan_oleh
    nip = (pengesah.nip if pengesah else None) or ""
    ctx: dict[str, Any] = {
        "instansi": list(profile.instansi or ident.instansi),
        "unit": ident.unit or "",
        "alamat": ident.alamat or "",
        "logo": logo,
        "nomor": ident.nomor or "-",
        "nama": ident.nama or "-",
        "tanggal_pembuatan": format_tanggal(ident.tanggal_pembuatan),
        "tanggal_revisi": format_tanggal(ident.tanggal_revisi),
        "tanggal_efektif": format_tanggal(ident.tanggal_efektif),
        "periode": format_periode(sop.periode) if sop.periode is not None else "",
        "pengesah": MappingProxyType({
            "jabatan": (pengesah.jabatan if pengesah else None) or "",
            "nama": (pengesah.nama if pengesah else None) or "",
            "pangkat": (pengesah.pangkat if pengesah else None) or "",
            "nip": nip if nip.strip() else "",  # white space only is no NIP: no bare "NIP." line
        }),
        "judul_kotak": MappingProxyType(dict(BOX_TITLES)),
        "draf": ident.tanggal_efektif is None,
    }
    for key in BOX_KEYS:
        ctx[key] = list(getattr(sop, key) or ()) or ["-"]
    assert set(ctx) == set(CONTEXT_VARIABLES)
    return ctx
