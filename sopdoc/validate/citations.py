"""Regulation citations in Dasar Hukum: kind, issuer, number, year, title, amendment, date (DOMAIN.md §7.3).

The kinds are those of UU 12/2011 on the making of legislation (as amended by UU 15/2019 and
UU 13/2022): its hierarchy in Pasal 7 (UUD 1945, Ketetapan MPR, UU/Perppu, PP, Perpres, Perda
Provinsi, Perda Kabupaten/Kota) and the "other regulations" of Pasal 8 (regulations of the MPR,
DPR, DPD, MA, MK, BPK, KY, Bank Indonesia, ministers, badan, lembaga and komisi, DPRD, gubernur,
bupati/wali kota and kepala desa). Keputusan (decrees) are read as well. Instructions (Instruksi
Presiden/Menteri/Gubernur/Bupati) and circulars (Surat Edaran) are recognised as *non-binding*:
they are not regulations, so they have no rank in the hierarchy.

Number forms: ``Nomor 1 Tahun 2021`` (also ``No. 1 Th. 2021``, ``Nomor: 1 Tahun 2021``), the
slash forms whose last part is the year (``Nomor 113/PMK.05/2012``, ``Nomor KEP/25/M.PAN/2/2004``,
``Nomor 188.45/123/434.013/2020``), legacy numbers without "Nomor" (``PER/21/M.PAN/11/2008``) and
the short ``UU 23/2014``. An amendment clause ("sebagaimana telah beberapa kali diubah terakhir
dengan …", "… dan perubahannya") is separated from the title; an enactment date in the text
("tanggal 12 Maret 2021") or in :data:`KNOWN_DATES` is the citation's ``tanggal``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from sopdoc.model.tanggal import find_tanggal
from sopdoc.validate.text import norm

__all__ = ["FAMILY_NAMES", "KNOWN_DATES", "KNOWN_TITLES", "NON_BINDING", "RANKS", "Citation", "parse_citation"]

# (pattern over the normalised text from its start, family), most specific first.
_KINDS: list[tuple[str, str]] = [
    (r"(undang undang dasar|uud)\b", "uud"),
    (r"(ketetapan (majelis permusyawaratan rakyat|mpr)|tap mpr)\b", "tap-mpr"),
    (r"(peraturan pemerintah pengganti undang undang|perppu|perpu)\b", "uu"),
    (r"(undang undang|uu)\b", "uu"),
    (r"(peraturan pemerintah|pp)\b", "pp"),
    (r"(peraturan presiden|perpres)\b", "perpres"),
    (r"(keputusan presiden|keppres|kepres)\b", "keppres"),
    (r"(instruksi presiden|inpres)\b", "inpres"),
    (r"(peraturan daerah|perda) (provinsi|prov)\b", "perda-prov"),
    (r"(peraturan daerah|perda|qanun)\b", "perda"),
    (r"(peraturan gubernur|pergub)\b", "pergub"),
    (r"(keputusan gubernur|kepgub)\b", "kepgub"),
    (r"(peraturan (bupati|wali ?kota)|perbup|perwal|perwali|perwako)\b", "perbup"),
    (r"(keputusan (bupati|wali ?kota)|kepbup|kepwal)\b", "kepbup"),
    (r"peraturan (dewan perwakilan rakyat daerah|dprd)\b", "peraturan-dprd"),
    (r"(peraturan desa|perdes)\b", "perdes"),
    (r"(peraturan kepala desa|peraturan kades|perkades)\b", "perkades"),
    (r"keputusan (kepala desa|kades)\b", "kepdes"),
    (r"(surat edaran|se)\b", "se"),
    (r"instruksi\b", "instruksi"),
    # Pasal 8's central "other regulations": menteri, badan, lembaga, komisi, MA, MK, BPK, BI, DPR …
    (r"(peraturan|permen\w*|perka\w*|perban\w*|perlem\w*|perma|pmk|pojk|pbi)\b", "permen"),
    (r"(keputusan|kepmen\w*|kepka\w*|kma|kmk)\b", "kepmen"),
]

FAMILY_NAMES: dict[str, str] = {
    "uud": "UUD", "tap-mpr": "Ketetapan MPR", "uu": "Undang-Undang", "pp": "Peraturan Pemerintah",
    "perpres": "Peraturan Presiden", "keppres": "Keputusan Presiden", "inpres": "Instruksi Presiden",
    "permen": "Peraturan Menteri/Lembaga", "kepmen": "Keputusan Menteri/Lembaga", "se": "Surat Edaran",
    "instruksi": "Instruksi", "perda-prov": "Perda Provinsi", "pergub": "Peraturan Gubernur",
    "kepgub": "Keputusan Gubernur", "perda": "Peraturan Daerah", "perbup": "Peraturan Bupati/Wali Kota",
    "kepbup": "Keputusan Bupati/Wali Kota", "peraturan-dprd": "Peraturan DPRD", "perdes": "Peraturan Desa",
    "perkades": "Peraturan Kepala Desa", "kepdes": "Keputusan Kepala Desa",
}
"""A readable name of each family (messages)."""

NON_BINDING = frozenset(["inpres", "se", "instruksi"])
"""Families that are not regulations (no rank in the hierarchy)."""

# Order in Dasar Hukum: Pasal 7's hierarchy, then by practice the Pasal 8 regulations of the
# centre after Perpres, and each region's head and DPRD rules after their Perda.
_ORDER: list[tuple[str, ...]] = [
    ("uud",), ("tap-mpr",), ("uu",), ("pp",), ("perpres",), ("keppres",), ("permen",), ("kepmen",),
    ("perda-prov",), ("pergub",), ("kepgub",), ("perda",), ("perbup", "peraturan-dprd"), ("kepbup",),
    ("perdes",), ("perkades",), ("kepdes",),
]
RANKS: dict[str, int] = {family: rank for rank, families in enumerate(_ORDER) for family in families}
"""Rank of each binding family in the hierarchy (0 highest)."""

_NOMOR = r"\b(?:nomor|nomer|no)\b\s*[.:]?\s*:?\s*"
_YEAR = r"((?:19|20)\d\d)"
_NUM_TAHUN = re.compile(_NOMOR + r"([0-9][0-9A-Za-z.\-]*?)\s*,?\s+(?:tahun|th)\.?\s*" + _YEAR + r"\b", re.I)
_NUM_SLASH = re.compile(_NOMOR + r"([A-Za-z0-9.\-]+(?:/[A-Za-z0-9.\-]+)*/" + _YEAR + r")\b", re.I)
_LEGACY = re.compile(r"\b((?:PER|KEP|SE|INS)[A-Z]*/[A-Za-z0-9.\-/]*/" + _YEAR + r")\b")
_SHORT = re.compile(r"^[A-Za-z. -]{2,40}?\s(\d{1,4}[A-Za-z]?)\s*/\s*" + _YEAR + r"\b")
_TENTANG = re.compile(r"\btentang\b", re.I)
_KIND_PATTERNS = [(re.compile(pattern), family) for pattern, family in _KINDS]
_ITEM_MARK = re.compile(r"^\s*(?:[0-9]{1,2}|[a-z])[.)]\s+")  # "1. ", "a) " before the citation
_DAERAH = re.compile(r"^daerah\s+", re.I)
_DATE = re.compile(r"(?:tanggal|tgl\.?)\s+(\d{1,2}\s+\w+\s+\d{4})", re.I)
# The clauses are searched without the separator before them (a leading ``\s*[,;]?\s*`` makes
# ``search`` cubic on long runs of spaces); _cut() trims that separator off the title instead.
_AMEND = re.compile(
    r"(?:(?:sebagaimana|yang)\s+(?:telah\s+)?(?:beberapa\s+kali\s+)?(?:diubah|dicabut|diganti)\b"
    r"|(?:dan|beserta)\s+(?:segala\s+)?perubahan(?:\s*-?\s*perubahan)?nya\b).*$", re.I | re.S)
_DATE_TAIL = re.compile(r"(?:tanggal|tgl\.?)\s+\d{1,2}\s+\w+\s+\d{4}.*$", re.I)
_ISSUER = re.compile(r"^\s*(?:peraturan|keputusan|instruksi|surat\s+edaran)\s+(.+?)\s*"
                     r"(?:\b(?:nomor|nomer|no)\b|\b(?:PER|KEP|SE)[A-Z]*/|\btentang\b|$)", re.I)


@dataclass(frozen=True)
class Citation:
    """What could be read from one Dasar Hukum item; missing parts are None."""

    family: str | None  # uu, pp, perpres, permen, perda, perbup, se …; None when unrecognised
    nomor: str | None  # "29", "113/PMK.05/2012"
    tahun: int | None
    judul: str | None  # the title after the first "tentang", without the amendment clause
    rank: int | None  # None for unrecognised and non-binding kinds
    penerbit: str | None = None  # "Menteri Keuangan", "Kepala Badan Pusat Statistik", "Komisi Informasi"
    perubahan: str | None = None  # "sebagaimana telah beberapa kali diubah terakhir dengan …"
    tanggal: dt.date | None = None  # enactment date, when written or known
    mengikat: bool = True  # False for instructions and circulars

    @property
    def key(self) -> tuple[str, str, int] | None:
        """``(family, nomor, tahun)`` when all three are known."""
        if self.family is None or self.nomor is None or self.tahun is None:
            return None
        return (self.family, self.nomor, self.tahun)


def _family(text: str) -> str | None:
    t = norm(_ITEM_MARK.sub("", text).replace("&", " dan ").replace("-", " "))
    for pattern, fam in _KIND_PATTERNS:
        if pattern.match(t):
            return fam
    return None


def _number(text: str) -> tuple[str | None, int | None]:
    head = _TENTANG.split(text, maxsplit=1)[0]
    for pattern in (_NUM_TAHUN, _NUM_SLASH, _LEGACY, _SHORT):
        m = pattern.search(head)
        if m:
            return m.group(1).rstrip("."), int(m.group(2))
    return None, None


def _cut(text: str, start: int) -> int:
    """Where the title ends before a clause starting at ``start``: the white space, one optional
    comma or semicolon and white space again before it are not part of the title."""
    head = text[:start].rstrip()
    if head.endswith((",", ";")):
        head = head[:-1].rstrip()
    return len(head)


@lru_cache(maxsize=4096)
def parse_citation(text: str) -> Citation:
    """Read kind, issuer, number, year, title, amendment clause and date of a citation (cached: the
    same items recur across a folder's SOPs, and every repeal lookup parses its registry entries)."""
    family = _family(text)
    nomor, tahun = _number(text)
    parts = _TENTANG.split(text, maxsplit=1)
    judul = perubahan = None
    if len(parts) == 2:
        title = parts[1].strip()
        m = _AMEND.search(title)
        if m and _cut(title, m.start()) > 0:
            perubahan = title[m.start():].strip(" ,;")
            title = title[:_cut(title, m.start())]
        d = _DATE_TAIL.search(title)
        if d:
            title = title[:_cut(title, d.start())]
        title = title.strip(" ,;")
        judul = title or None
    issuer = _ISSUER.match(parts[0])
    # the issuer: who made it ("Menteri Keuangan"); of a Perda the region ("Kabupaten Buleleng")
    who = _DAERAH.sub("", issuer.group(1).strip(" ,")) if issuer else ""
    penerbit = who or None
    date_text = _DATE.search(text)
    tanggal = find_tanggal(date_text.group(1)) if date_text else None
    if tanggal is None and family is not None and nomor is not None and tahun is not None:
        tanggal = KNOWN_DATES.get((family, nomor, tahun))
    mengikat = family not in NON_BINDING
    rank = RANKS.get(family) if family is not None and mengikat else None
    return Citation(family, nomor, tahun, judul, rank, penerbit, perubahan, tanggal, mengikat)


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

KNOWN_DATES: dict[tuple[str, str, int], dt.date] = {
    # the date each was enacted (disahkan/ditetapkan), from the regulation's own closing text
    ("uu", "12", 2011): dt.date(2011, 8, 12),
    ("uu", "14", 2008): dt.date(2008, 4, 30),
    ("uu", "25", 2009): dt.date(2009, 7, 18),
    ("uu", "5", 2014): dt.date(2014, 1, 15),
    ("uu", "30", 2014): dt.date(2014, 10, 17),
    ("uu", "11", 2020): dt.date(2020, 11, 2),
    ("uu", "1", 2022): dt.date(2022, 1, 5),
    ("uu", "20", 2023): dt.date(2023, 10, 31),
    ("pp", "18", 2016): dt.date(2016, 6, 15),
    ("pp", "11", 2017): dt.date(2017, 3, 30),
    ("pp", "94", 2021): dt.date(2021, 8, 31),
    # the implementing rules of the Cipta Kerja law, signed together on 2 February 2021
    ("pp", "5", 2021): dt.date(2021, 2, 2),
    ("pp", "16", 2021): dt.date(2021, 2, 2),
    ("pp", "22", 2021): dt.date(2021, 2, 2),
    ("perpres", "12", 2021): dt.date(2021, 2, 2),
    ("uu", "6", 2023): dt.date(2023, 3, 31),
    ("uu", "17", 2023): dt.date(2023, 8, 8),
}
"""Enactment dates of regulations SOPs commonly cite (used when the citation gives none)."""
