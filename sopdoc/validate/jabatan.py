"""Which unit a jabatan heads, and which units a kop names (ID-12, SOP113).

An SOP is ratified by the head of the agency or unit that issues it, or by a superior
(PermenPAN-RB 35/2012; DOMAIN.md §9 ID-12). Reading only the first word of the jabatan
("Kepala …") lets a Kepala Seksi sign a Dinas's SOP and calls the Sekretaris of a Sekretariat
DPRD a non-head. Here a jabatan is parsed into the *kind* of unit it heads and that kind's
*rank* in the regional structure (PP 18/2016 on perangkat daerah and its organisation charts):

====  =====================================================================================
rank  units
====  =====================================================================================
0     the region or ministry itself: Bupati, Wali Kota, Gubernur, Sekretaris Daerah, Menteri
1     a perangkat daerah or comparable agency: Dinas, Badan (Kepala Pelaksana of a BPBD
      too), Sekretariat Daerah/DPRD, Inspektorat, Kecamatan, Satuan (Satpol PP), Rumah Sakit,
      Kantor, a village (Kepala Desa); central Direktorat Jenderal, Deputi
2     a unit inside it: Sekretariat (of a Dinas/Badan), Bagian, Bidang, UPT/UPTD, Puskesmas,
      Kelurahan (under the Kecamatan), Biro, Pusat, Inspektur Pembantu
3     a section: Subbagian, Seksi, Subbidang, Tata Usaha, the Sekretaris of a Kelurahan
====  =====================================================================================

The kop is parsed the same way, line by line; the issuing organisation is its most specific
line (``UPTD PUSKESMAS WEDI`` under ``DINAS KESEHATAN``). The signatory fits when the unit it
heads ranks at or above that organisation, or when it heads the unit named in the kop's
``unit`` line. Units of equal rank but different kinds (a Sekretaris DPRD on a Dinas's kop) are
not judged: cross-agency SOPs exist, and the names in kop and jabatan abbreviate differently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sopdoc.validate.text import norm

__all__ = ["Post", "heads", "holds_no_nip", "kop_units", "post_of"]


@dataclass(frozen=True)
class Post:
    """The unit a jabatan heads (or a kop line names): its kind, rank (0 highest; None when
    the kind is not recognised) and the rest of the name."""

    kind: str
    rank: int | None
    name: str = ""


_SPELLING = [
    (re.compile(r"\bsub (bagian|bag|bidang|bid|direktorat)\b"), r"sub\1"),
    (re.compile(r"\bsubbag\b"), "subbagian"),
    (re.compile(r"\bsubbid\b"), "subbidang"),
    (re.compile(r"\bwalikota\b"), "wali kota"),
    (re.compile(r"\bunit pelaksana teknis( daerah)?\b"), "uptd"),
]
_ACTING = re.compile(r"^(plt|plh|pj|pjs|pelaksana tugas|pelaksana harian|penjabat)\s+")

# unit words in kop lines and after "Kepala": (pattern, kind, rank); first match wins
_UNIT_WORDS: list[tuple[re.Pattern[str], str, int]] = [
    (re.compile(p), kind, rank) for p, kind, rank in [
        (r"pemerintah desa\b|desa\b", "desa", 1),
        (r"pemerintah\b|kementerian\b", "daerah", 0),
        (r"sekretariat daerah\b|setda\b", "sekretariat daerah", 1),
        (r"sekretariat (dprd|dewan)\b|setwan\b|sekretariat dewan perwakilan", "sekretariat dprd", 1),
        (r"sekretariat\b", "sekretariat", 2),
        (r"dinas\b", "dinas", 1),
        (r"badan\b", "badan", 1),
        (r"inspektorat pembantu\b", "inspektorat pembantu", 2),
        (r"inspektorat\b", "inspektorat", 1),
        (r"kecamatan\b", "kecamatan", 1),
        (r"kelurahan\b", "kelurahan", 2),
        (r"satuan\b|satpol\b", "satuan", 1),
        (r"rumah sakit\b|rsud\b|rsu\b", "rumah sakit", 1),
        (r"kantor\b", "kantor", 1),
        (r"direktorat jenderal\b|deputi\b", "direktorat jenderal", 1),
        (r"uptd?\b", "upt", 2),
        (r"puskesmas\b", "puskesmas", 2),
        (r"bagian\b", "bagian", 2),
        (r"bidang\b", "bidang", 2),
        (r"biro\b|pusat\b|direktorat\b", "biro", 2),
        (r"subbagian\b|tata usaha\b", "subbagian", 3),
        (r"subbidang\b", "subbidang", 3),
        (r"subdirektorat\b", "subdirektorat", 3),
        (r"seksi\b|sie\b", "seksi", 3),
    ]
]

# heads named by their own title, not "Kepala <unit>": (pattern, kind, rank)
_TITLES: list[tuple[re.Pattern[str], str, int]] = [
    (re.compile(p), kind, rank) for p, kind, rank in [
        (r"(wakil )?(bupati|wali kota|gubernur)\b|menteri\b|sekretaris daerah\b|sekda\b", "daerah", 0),
        (r"sekretaris (dprd|dewan)\b|sekwan\b", "sekretariat dprd", 1),
        (r"sekretaris (kelurahan|lurah)\b|seklur\b", "subbagian", 3),
        (r"sekretaris (camat|kecamatan)\b|sekcam\b", "sekretariat", 2),
        (r"sekretaris (jenderal|utama)\b|direktur jenderal\b|deputi\b", "direktorat jenderal", 1),
        (r"sekretaris\b", "sekretariat", 2),
        (r"inspektur pembantu\b|irban\b", "inspektorat pembantu", 2),
        (r"inspektur\b", "inspektorat", 1),
        (r"camat\b", "kecamatan", 1),
        (r"lurah\b", "kelurahan", 2),
        (r"kepala desa\b|kades\b|perbekel\b|kepala kampung\b|keuchik\b|wali nagari\b", "desa", 1),
        (r"direktur\b", "rumah sakit", 1),
        (r"kepala pelaksana\b", "badan", 1),
        (r"kabag\b", "bagian", 2),
        (r"kabid\b", "bidang", 2),
        (r"kasubb?ag\b|kasubbagian\b", "subbagian", 3),
        (r"kasubb?id\b", "subbidang", 3),
        (r"kasie?\b", "seksi", 3),
        (r"kadis\b", "dinas", 1),
        (r"kaban\b", "badan", 1),
    ]
]
_KEPALA = re.compile(r"(kepala|ka)\s+")


def _clean(text: str) -> str:
    t = norm(text)
    for pattern, repl in _SPELLING:
        t = pattern.sub(repl, t)
    while True:
        m = _ACTING.match(t)
        if not m:
            return t
        t = t[m.end():]


def _unit(text: str) -> Post | None:
    for pattern, kind, rank in _UNIT_WORDS:
        m = pattern.match(text)
        if m:
            return Post(kind, rank, text[m.end():].strip())
    return None


def post_of(jabatan: str) -> Post | None:
    """The unit ``jabatan`` heads; a Post with rank None for "Kepala <something unknown>"; None
    when the jabatan heads nothing (Staf, Analis, Pengelola …)."""
    t = _clean(jabatan)
    for pattern, kind, rank in _TITLES:
        m = pattern.match(t)
        if m:
            return Post(kind, rank, t[m.end():].strip())
    m = _KEPALA.match(t)
    if m:
        return _unit(t[m.end():]) or Post("?", None, t[m.end():])
    return None


def kop_units(instansi: tuple[str, ...] | list[str], unit: str | None) -> tuple[Post | None, Post | None]:
    """The issuing organisation (the most specific kop line below the region) and the kop's
    ``unit`` line, each parsed; None where not recognised."""
    org: Post | None = None
    for line in instansi:
        post = _unit(_clean(line))
        if post is not None and post.rank and (org is None or (org.rank or 0) <= post.rank):
            org = post
    return org, (_unit(_clean(unit)) if unit else None)


def _same_name(a: str, b: str) -> bool:
    wa, wb = set(a.split()), set(b.split())
    return not wa or not wb or bool(wa & wb)


def heads(post: Post, org: Post | None, unit: Post | None) -> bool:
    """True when ``post`` ranks at or above ``org``, or heads the kop's ``unit`` (same kind, a
    shared name word); True as well when either rank is unknown (nothing to judge)."""
    if post.rank is None or org is None or org.rank is None:
        return True
    if post.rank <= org.rank:
        return True
    return unit is not None and unit.kind == post.kind and _same_name(unit.name, post.name)


_NO_NIP = re.compile(r"^((wakil )?(bupati|wali kota|gubernur)|menteri|kepala desa|kades|perbekel|petinggi|"
                     r"kepala kampung|keuchik|wali nagari|ketua dprd|ketua dewan)\b")


def holds_no_nip(jabatan: str) -> bool:
    """True for posts whose holders are not civil servants and so have no NIP: elected heads of
    region and their deputies, ministers, village heads, the chair of a DPRD. An acting holder
    ("Pj. Bupati", "Plt. Kepala Desa") is a civil servant and keeps the NIP requirement."""
    t = norm(jabatan)
    for pattern, repl in _SPELLING:
        t = pattern.sub(repl, t)
    return _NO_NIP.match(t) is not None
