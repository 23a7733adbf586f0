"""Regulation citations in Dasar Hukum: kind, number, year, title (DOMAIN.md §7.3)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sopdoc.validate.text import norm

__all__ = ["KNOWN_TITLES", "RANKS", "Citation", "parse_citation"]

# (pattern over the normalised text before "nomor", family, rank in the legal hierarchy)
# UU 12/2011: UUD > UU/Perppu > PP > Perpres > Perda Prov > Perda Kab/Kota; ministerial and
# head-of-region rules follow by practice (Permen after Perpres, Pergub/Perbup after their Perda).
_KINDS: list[tuple[str, str, int]] = [
    (r"^(undang undang dasar|uud)\b", "uud", 0),
    (r"^(undang undang|uu)\b", "uu", 1),
    (r"^(peraturan pemerintah pengganti undang undang|perppu)\b", "uu", 1),
    (r"^(peraturan pemerintah|pp)\b", "pp", 2),
    (r"^(peraturan presiden|perpres)\b", "perpres", 3),
    (r"^(keputusan presiden|keppres|instruksi presiden|inpres)\b", "keppres", 4),
    (
        r"^(peraturan menteri|permen|peraturan menpan|permenpan|permendagri"
        r"|peraturan kepala|perka|peraturan badan|peraturan lembaga)",
        "permen",
        5,
    ),
    (r"^(keputusan menteri|kepmen|surat edaran|se)\b", "kepmen", 6),
    (r"^(peraturan daerah provinsi|perda provinsi|perda prov)\b", "perda-prov", 7),
    (r"^(peraturan gubernur|pergub)\b", "pergub", 8),
    (r"^(peraturan daerah|perda)\b", "perda", 9),
    (r"^(peraturan bupati|perbup|peraturan walikota|peraturan wali kota|perwal)\b", "perbup", 10),
    (r"^(keputusan bupati|keputusan walikota|keputusan gubernur|keputusan kepala daerah)\b", "kepbup", 11),
]
RANKS = {family: rank for _, family, rank in _KINDS}
_NUM = re.compile(r"\b(?:nomor|no)\s+([0-9][0-9a-z]*)\s+tahun\s+([0-9]{4})\b")


@dataclass(frozen=True)
class Citation:
    """What could be read from one Dasar Hukum item."""

    family: str | None  # uu, pp, perpres, permen, perda, perbup …; None when unrecognised
    nomor: str | None
    tahun: int | None
    judul: str | None  # text after the first "tentang", verbatim
    rank: int | None


@lru_cache(maxsize=4096)
def parse_citation(text: str) -> Citation:
    """Read kind, number, year and title of a citation; missing parts are None."""
    t = norm(text.replace("&", " dan ").replace("-", " "))
    family = rank = None
    for pattern, fam, rk in _KINDS:
        if re.match(pattern, t):
            family, rank = fam, rk
            break
    m = _NUM.search(t)
    nomor, tahun = (m.group(1), int(m.group(2))) if m else (None, None)
    parts = re.split(r"\btentang\b", text, maxsplit=1, flags=re.IGNORECASE)
    judul = parts[1].strip() if len(parts) == 2 and parts[1].strip() else None
    return Citation(family, nomor, tahun, judul, rank)


KNOWN_TITLES: dict[tuple[str, str, int], str] = {
    ("perpres", "29", 2014): "Sistem Akuntabilitas Kinerja Instansi Pemerintah",
    ("permen", "53", 2014): "Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara "
    "Reviu atas Laporan Kinerja Instansi Pemerintah",
    ("permen", "35", 2012): "Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan",
    ("uu", "23", 2014): "Pemerintahan Daerah",
    ("uu", "25", 2004): "Sistem Perencanaan Pembangunan Nasional",
    ("pp", "8", 2008): "Tahapan, Tatacara Penyusunan, Pengendalian, dan Evaluasi Pelaksanaan "
    "Rencana Pembangunan Daerah",
    ("pp", "12", 2019): "Pengelolaan Keuangan Daerah",
    ("pp", "8", 2006): "Pelaporan Keuangan dan Kinerja Instansi Pemerintah",
    ("permen", "86", 2017): "Tata Cara Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah, Tata "
    "Cara Evaluasi Rancangan Peraturan Daerah tentang Rencana Pembangunan Jangka "
    "Panjang Daerah dan Rencana Pembangunan Jangka Menengah Daerah, serta Tata Cara "
    "Perubahan Rencana Pembangunan Jangka Panjang Daerah, Rencana Pembangunan "
    "Jangka Menengah Daerah, dan Rencana Kerja Pemerintah Daerah",
    ("permen", "52", 2011): "Standar Operasional Prosedur di Lingkungan Pemerintah Provinsi dan Kabupaten/Kota",
}
