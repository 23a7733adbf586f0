"""The words SOP documents use for their labels, column headers and actor-cell marks.

Shared by the text and PDF importers. Every variant of DOMAIN.md §2.2 and §8.1 is listed here
once; a label is recognised after :func:`label_key` normalisation.
"""

from __future__ import annotations

import re

from sopdoc.importers.grid.clean import label_key

__all__ = ["BOX_LABELS", "IDENTITY_LABELS", "column_kind", "find_label", "mark_kind", "waktu_unit_in_header"]

# field -> regex over the raw label text (case-insensitive); most specific first
_S = r"[\s/]+"
IDENTITY_LABELS: tuple[tuple[str, str], ...] = (
    ("nomor", rf"nomor{_S}standar{_S}op[e]?rasional{_S}prosedur|nomor{_S}sop|no\.?{_S}sop"),
    ("tanggal_pembuatan", rf"tanggal{_S}pembuatan|tgl\.?{_S}pembuatan"),
    ("tanggal_revisi", rf"tanggal{_S}revisi|tgl\.?{_S}revisi"),
    ("tanggal_efektif", rf"tanggal{_S}(?:efektifitas|efektif|pengesahan|berlaku)|tgl\.?{_S}efektif"),
    ("disahkan_oleh", rf"disahkan{_S}oleh"),
    ("nama", rf"nama{_S}sop|judul{_S}sop"),
)
BOX_LABELS: tuple[tuple[str, str], ...] = (
    ("dasar_hukum", rf"dasar{_S}hukum"),
    ("kualifikasi_pelaksana", rf"kualifikasi{_S}pelaksana(?:an)?"),
    ("keterkaitan", r"keterkaitan"),
    ("peralatan_perlengkapan", rf"peralatan{_S}perlengkapan"),
    ("peringatan", r"peringatan"),
    ("pencatatan_pendataan", r"pencatatan\s*(?:dan|&)\s*(?:pendataan|pendaftaran)"),
)
_VARIANTS = {
    "efektifitas": "Tanggal Efektifitas", "pengesahan": "Tanggal Pengesahan",
    "oprasional": "Nomor Standar Oprasional Prosedur", "pelaksanaan": "Kualifikasi Pelaksanaan",
    "pendaftaran": "Pencatatan dan Pendaftaran",
}


def find_label(text: str, table: tuple[tuple[str, str], ...]) -> tuple[str, int, str | None] | None:
    """The field whose label starts ``text``: (field, end of the label in ``text``, variant or None)."""
    for name, pattern in table:
        m = re.match(rf"[\s*#]*(?:{pattern})(?![\w])", text, re.IGNORECASE)
        if m:
            low = m.group(0).lower()
            variant = next((v for k, v in _VARIANTS.items() if k in low), None)
            return name, m.end(), variant
    return None


_HEADER_KINDS: tuple[tuple[str, str], ...] = (
    ("no", r"no|nomor|no urut"),
    ("uraian", r"(?:kegiatan|aktivitas|aktifitas)(?: (?:kegiatan|aktivitas|aktifitas))?"
               r"|uraian (?:prosedur|kegiatan|aktivitas)|uraian|prosedur"),
    ("pelaksana", r"pelaksana"),
    ("mutu", r"mutu baku|mutu buku"),
    ("kelengkapan", r"persyaratan ?/? ?(?:kelengkapan|perlengkapan)|kelengkapan(?: dan peralatan)?|persyaratan"
                    r"|sumber data|input"),
    ("waktu", r"waktu.*"),
    ("output", r"output|keluaran|hasil"),
    ("keterangan", r"keterangan|ket"),
)


def column_kind(text: str) -> str | None:
    """The kind of a flowchart column header ('no', 'uraian', 'pelaksana', 'mutu', …), or None."""
    key = label_key(text.replace("/", " / "))
    key = re.sub(r"\s*/\s*", " / ", key).replace(" / ", " ")
    for kind, pattern in _HEADER_KINDS:
        if re.fullmatch(pattern.replace(" ?/? ?", " "), key):
            return kind
    return None


def waktu_unit_in_header(text: str) -> str | None:
    """The unit written in a waktu header, e.g. 'Waktu (Menit)' → 'menit'."""
    m = re.search(r"\(\s*(menit|jam|hari kerja|hari|minggu|bulan)\s*\)", text, re.IGNORECASE)
    return m.group(1).lower() if m else None


def mark_kind(text: str) -> str | None:
    """What a mark in an actor cell means: 'terminator', 'proses', 'ya', 'tidak', or None."""
    t = text.strip().lower().strip(".:")
    if not t:
        return None
    if t in {"mulai", "selesai", "start", "end", "stop"}:
        return "terminator"
    if t in {"[]", "[ ]", "□", "☐", "■", "x", "v", "√", "✓"}:
        return "proses"
    if t in {"ya", "y", "yes"}:
        return "ya"
    if t in {"tidak", "t", "no", "tdk"}:
        return "tidak"
    return "lain"
