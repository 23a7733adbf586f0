"""A step's text parsed into verbs and their objects, and the abbreviations SOPs use for artefacts.

Word lists of inflected forms miss the next verb ("menelaah" was not "menganalisis") and the
next wording of a decision ("menerima atau menolak" carries no "jika"). This module reads the
structure instead:

* :func:`verb_roots` undoes the active prefix ``meN-``/``memper-``/``ber-`` (with its sound
  changes: ``meny-`` + vowel ← s, ``mem-`` + vowel ← p, ``men-`` + vowel ← t or n, ``meng-`` +
  vowel ← k or the vowel) and the suffixes ``-kan``/``-i``, giving the candidate roots of a verb
  ("menelaah" → telaah, "menyusun" → susun, "memeriksa" → periksa, "menunda" → tunda);
* :func:`verbs` finds the verbs of a text with the words that follow each (its object), a verb
  being a word whose root candidates meet a known root or whose form is active (me-/ber-)
  and that is not one of the prepositions built like verbs (melalui, menurut, mengenai …);
* :func:`names_document` tells an Output that names a document or data (a noun phrase: "Draf
  Laporan Kinerja", "Raw Data yang Berkualitas") from one that states a result ("Masalah
  Diperbaiki", "Terbitnya SP2D", "Petugas terlatih"), which no later step can take as input;
* :data:`ABBREVIATIONS` expands the abbreviations government SOPs use for their products
  (Renja, LKjIP, SKTM, PBG …) so that an end product written short matches its Nama SOP.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sopdoc.model.waktu import Bentuk, parse_waktu
from sopdoc.validate.text import GENERIC, artefact_type, norm

__all__ = ["ABBREVIATIONS", "ANALYTIC_ROOTS", "OUTCOME_ROOTS", "Verb", "expand", "names_document", "verb_roots",
           "verbs"]

_VOWELS = "aeiou"

ANALYTIC_ROOTS = frozenset([
    "olah", "susun", "rekap", "rekapitulasi", "analisis", "analisa", "verifikasi", "evaluasi",
    "kompilasi", "kompulir", "himpun", "reviu", "review", "koreksi", "validasi", "telaah", "kaji",
    "teliti", "nilai", "hitung", "rumus", "rancang", "bahas", "audit", "identifikasi",
    "inventarisasi", "konsep", "sintesis", "proyeksi", "estimasi",
])
"""Roots of verbs that analyse or compose: minutes below five are implausible for them (MB-03)."""

COMPOSE_ROOTS = frozenset(["buat", "tulis", "siap", "rekam", "entri", "input"])
"""Roots of verbs whose effort depends on their object: analytic only with a composed document."""

COMPOSED_OBJECTS = frozenset([
    "laporan", "rencana", "rancangan", "konsep", "draf", "draft", "kajian", "telaahan", "naskah",
    "program", "anggaran", "analisis", "evaluasi", "rekapitulasi", "renja", "renstra", "lkjip",
    "rka", "dpa", "kerangka", "usulan", "proposal", "notulen", "risalah",
])

OUTCOME_ROOTS = frozenset(["tolak", "terima", "setuju", "tunda", "kembali", "batal", "lanjut", "sah",
                           "layak", "lulus", "izin", "gugur"])
"""Roots of the outcomes of a decision: two of them as alternatives ("menerima atau menolak") or
a refusal in a process box is a decision drawn as a process (FC-09)."""

_NOT_VERBS = frozenset([
    "melalui", "menurut", "mengenai", "menuju", "menjelang", "menggunakan", "memakai", "menjadi",
    "meliputi", "berupa", "berdasarkan", "beserta", "bersama", "berikut", "bersangkutan", "berkas",
    "berita", "berkala", "berlaku", "bermotor", "mekanisme", "media", "meja", "menit", "menteri",
    "metode", "meter", "meteran", "medis", "merek", "mesin",
])
_SUFFIXES = ("kan", "i", "")


def _unprefix(word: str) -> list[str]:
    """Candidate stems of ``word`` without its active prefix (with the prefix's sound changes)."""
    w = word
    if w.startswith("memper") and len(w) > 8:
        return [w[6:]]
    if w.startswith("ber") and len(w) > 5:
        return [w[3:]]
    if w.startswith("meng") and len(w) > 5:
        rest = w[4:]
        return [rest, "k" + rest] if rest[0] in _VOWELS else [rest]
    if w.startswith("meny") and len(w) > 5 and w[4] in _VOWELS:
        return ["s" + w[4:]]
    if w.startswith("mem") and len(w) > 4:
        rest = w[3:]
        return ["p" + rest, rest] if rest[0] in _VOWELS else [rest]
    if w.startswith("men") and len(w) > 4:
        rest = w[3:]
        return ["t" + rest, "n" + rest] if rest[0] in _VOWELS else [rest]
    if w.startswith("me") and len(w) > 4 and w[2] in "lmnrwy":
        return [w[2:]]
    return []


@lru_cache(maxsize=1 << 14)
def verb_roots(word: str) -> frozenset[str]:
    """Candidate roots of an active verb form (empty when ``word`` has no active prefix)."""
    out: set[str] = set()
    for stem in _unprefix(word.lower()):
        for suffix in _SUFFIXES:
            if suffix and stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                out.add(stem[: -len(suffix)])
            elif not suffix:
                out.add(stem)
    return frozenset(out)


@dataclass(frozen=True)
class Verb:
    """One verb of a step's text: its word, candidate roots, the words after it (its object) and
    the word before it ('' at the start)."""

    word: str
    roots: frozenset[str]
    obj: tuple[str, ...]
    before: str = ""


_KNOWN_ROOTS = ANALYTIC_ROOTS | COMPOSE_ROOTS | OUTCOME_ROOTS


def _is_verb(word: str, roots: frozenset[str]) -> bool:
    if word in _NOT_VERBS or not roots:
        return False
    return bool(roots & _KNOWN_ROOTS) or re.match(r"^(me|ber)[a-z]{3,}$", word) is not None


def verbs(text: str) -> list[Verb]:
    """The verbs of ``text`` in order, each with the words up to the next verb as its object."""
    return list(_verbs(text))


@lru_cache(maxsize=1 << 14)
def _verbs(text: str) -> tuple[Verb, ...]:
    # Several rules read the same step's verbs; cached per text (the Verbs are frozen).
    ws = norm(text).split()
    found = [(i, w, verb_roots(w)) for i, w in enumerate(ws)]
    marks = [(i, w, r) for i, w, r in found if _is_verb(w, r)]
    out = []
    for k, (i, w, r) in enumerate(marks):
        end = marks[k + 1][0] if k + 1 < len(marks) else len(ws)
        out.append(Verb(w, r, tuple(ws[i + 1:end]), ws[i - 1] if i else ""))
    return tuple(out)


ABBREVIATIONS: dict[str, str] = {
    "renja": "rencana kerja", "renstra": "rencana strategis", "rkpd": "rencana kerja pemerintah daerah",
    "rpjmd": "rencana pembangunan jangka menengah daerah", "lkjip": "laporan kinerja instansi pemerintah",
    "lakip": "laporan akuntabilitas kinerja instansi pemerintah", "pk": "perjanjian kinerja",
    "iku": "indikator kinerja utama", "skp": "sasaran kinerja pegawai", "rka": "rencana kerja dan anggaran",
    "dpa": "dokumen pelaksanaan anggaran", "spj": "surat pertanggungjawaban",
    "lpj": "laporan pertanggungjawaban", "spm": "surat perintah membayar", "spp": "surat permintaan pembayaran",
    "sp2d": "surat perintah pencairan dana", "sktm": "surat keterangan tidak mampu",
    "skck": "surat keterangan catatan kepolisian", "pbg": "persetujuan bangunan gedung",
    "slf": "sertifikat laik fungsi", "sppt": "surat pemberitahuan pajak terutang",
    "sptpd": "surat pemberitahuan pajak daerah", "nop": "nomor objek pajak", "sk": "surat keputusan",
    "spt": "surat perintah tugas", "bast": "berita acara serah terima", "ba": "berita acara",
    "lhp": "laporan hasil pemeriksaan", "lhe": "laporan hasil evaluasi", "lhr": "laporan hasil reviu",
    "lkpd": "laporan keuangan pemerintah daerah", "ktp": "kartu tanda penduduk", "kk": "kartu keluarga",
    "kia": "kartu identitas anak", "sip": "surat izin praktik", "str": "surat tanda registrasi",
    "skt": "surat keterangan terdaftar", "ak1": "kartu tanda bukti pendaftaran pencari kerja",
    "rup": "rencana umum pengadaan", "hps": "harga perkiraan sendiri", "kak": "kerangka acuan kerja",
    "tor": "kerangka acuan kerja", "sop": "standar operasional prosedur", "ukl": "upaya pengelolaan lingkungan",
    "upl": "upaya pemantauan lingkungan", "amdal": "analisis mengenai dampak lingkungan",
    "ihk": "indeks harga konsumen", "pkrt": "pengeluaran konsumsi rumah tangga",
}
"""Abbreviations of artefacts and products, lower case, expanded by :func:`expand`."""


@lru_cache(maxsize=1 << 14)
def expand(text: str) -> str:
    """``text`` normalised with every known abbreviation written out ("Renja OPD" → "rencana kerja opd")."""
    return " ".join(ABBREVIATIONS.get(w, w) for w in norm(text).split())


_PERSONS = frozenset([
    "petugas", "peserta", "pegawai", "staf", "staff", "personel", "pelaksana", "responden", "mitra",
    "pengawas", "pencacah", "instruktur", "narasumber", "calon", "tim", "anggota", "pejabat",
])
"""Head nouns that name people: an Output "Petugas terlatih" is a trained person, not a paper."""

_ASPECT = frozenset(["sudah", "telah", "belum", "sedang", "selesai", "berhasil", "tercapai"])
"""Aspect and result words: after the head noun they make the Output a clause ("… telah …")."""


_MODIFIERS = frozenset(["yang", "dengan", "untuk", "pada", "dari", "kepada", "ke", "di", "oleh", "sesuai"])
"""Words that open a modifier of the head noun (relative clause or prepositional phrase): a verb
after them describes the thing ("… yang terinput", "… dengan melampirkan …"), it is no predicate."""


def _predicate(word: str) -> bool:
    """True when ``word`` is a predicate of a clause rather than part of a noun phrase: an aspect
    word, a passive (di-) or stative (ter-) verb, an intransitive verb (me-/ber-), or a -nya
    nominalised event ("terbitnya")."""
    if word in _ASPECT:
        return True
    if word.endswith("nya") and re.match(r"^(di|ter|ke)[a-z]{3,}nya$", word):
        return True
    if re.match(r"^(ter|di)[a-z]{4,}$", word) and word not in GENERIC and artefact_type(word) is None:
        return True
    return bool(verb_roots(word)) and re.match(r"^(me|ber)[a-z]{3,}$", word) is not None and word not in _NOT_VERBS


def names_document(text: str) -> bool:
    """True when an Output names a document or data a later step can take as Kelengkapan (MB-07).

    Judged by the structure of the phrase, not by a list of documents:

    * a known kind of artefact at its head, abbreviations written out (:func:`expand`: "SPP" is
      a surat permintaan; :func:`sopdoc.validate.text.artefact_type`, a word of
      :data:`sopdoc.validate.text.GENERIC` such as data, surat, daftar, or of
      :data:`COMPOSED_OBJECTS` such as usulan, rencana, naskah) is a document whatever follows
      ("Surat terkirim lewat e-mail" is still the letter);
    * a time written in the Output cell ("1 - 5 hari Kerja") is no artefact;
    * a head noun naming people (:data:`_PERSONS`: "Petugas Lapangan yang sudah mengikuti
      Pelatihan", "Peserta yang mendaftar") is no artefact;
    * a clause is no artefact: a predicate (:func:`_predicate`: "sudah/telah …", a di-/ter- verb,
      an intransitive me-/ber- verb, a "-nya" event) before any "yang" that would open a relative
      clause or a preposition (:data:`_MODIFIERS`) that would open a modifier of the head
      ("Masalah Diperbaiki", "Performa PC Meningkat", "Terbitnya SP2D", "Status Sampel telah
      Approved"), while "Data pembelian yang terinput" stays a noun phrase;
    * an event noun alone or with only generic words ("Pelatihan", "Penyimpanan Data": pe-…-an)
      is no artefact; with a specific object it is one ("Penetapan HPS" is the decision document).
    """
    if parse_waktu(text.strip()).bentuk is not Bentuk.TIDAK_TERBACA:
        return False
    written = expand(text)  # "SPP untuk …" → "surat permintaan pembayaran untuk …"
    ws = written.split()
    if not ws:
        return False
    if artefact_type(written) is not None or ws[0] in GENERIC or ws[0] in COMPOSED_OBJECTS:
        return True
    if ws[0] in _PERSONS:
        return False
    for w in ws:
        if w in _MODIFIERS:
            break
        if _predicate(w):
            return False
    rest = [w for w in ws[1:] if w not in GENERIC]
    return not (re.match(r"^pe[a-z]{3,}an$", ws[0]) and not rest)
