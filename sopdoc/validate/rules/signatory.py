"""SOP110–SOP114: the signatory's NIP, pangkat and jabatan, and the SOP's name across sections."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from sopdoc.codes import Finding, rule
from sopdoc.model.diagnostic import Severity, Teks
from sopdoc.model.sop import Sop
from sopdoc.validate.context import RuleContext
from sopdoc.validate.jabatan import heads, kop_units, post_of
from sopdoc.validate.nip import parse_nip
from sopdoc.validate.text import is_blank, norm

_E, _W = Severity.ERROR, Severity.WARNING
_WHO = ("identitas", "disahkan_oleh")


@rule(code="SOP110", slug="nip-tidak-valid", severity=_E, catalogue="ID-09",
      summary=Teks("NIP tidak sesuai struktur Perka BKN 22/2007", "NIP does not fit the Perka BKN 22/2007 layout"),
      hint=Teks("NIP = tanggal lahir (8) + TMT CPNS tahun-bulan (6) + jenis kelamin (1) + nomor urut (3)",
                "NIP = birth date (8) + TMT CPNS year-month (6) + sex (1) + sequence (3)"))
def nip_tidak_valid(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """ID-09: the NIP has 18 digits after removing spaces and dots, a real birth date, sex 1 or 2
    and a sequence other than 000. A "month" outside 01–12 marks an NI PPPK, not an error."""
    who = sop.identitas.disahkan_oleh
    if who is None or is_blank(who.nip):
        return
    nip = parse_nip(who.nip or "")
    for id_text, en_text in nip.problems:
        yield Finding((*_WHO, "nip"), Teks(id_text, en_text))


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _retirement_age(jabatan: str) -> int:
    j = jabatan.lower()
    if "utama" in j or "sekretaris daerah" in j:
        return 65 if "utama" in j else 60
    if j.startswith(("kepala", "sekretaris", "inspektur", "direktur", "asisten", "camat")):
        return 60
    return 58


@rule(code="SOP111", slug="nip-tidak-wajar", severity=_W, catalogue="ID-10",
      summary=Teks("NIP tidak masuk akal terhadap tanggal SOP", "NIP is implausible against the SOP's dates"),
      hint=Teks("periksa salah ketik pada NIP; NIP tidak punya digit pemeriksa",
                "look for a typo in the NIP; NIP has no check digit"))
def nip_tidak_wajar(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """ID-10: TMT CPNS at age ≥ 18; TMT not after the SOP's date; the signatory younger than the
    retirement age on Tanggal Efektif.

    Heuristic: retirement age 60 for leaders (jabatan starting Kepala/Sekretaris/Inspektur/
    Direktur/Asisten/Camat — JPT and administrator posts as they sign SOPs), 65 for "Utama"
    posts, 58 otherwise. TMT exactly at 18 years (seed 002) passes.
    """
    who = sop.identitas.disahkan_oleh
    if who is None or is_blank(who.nip):
        return
    nip = parse_nip(who.nip or "")
    if nip.problems or nip.lahir is None or nip.tmt is None:
        return
    path = (*_WHO, "nip")
    if nip.tmt < _add_years(nip.lahir, 18).replace(day=1):
        yield Finding(path, Teks(f"TMT CPNS {nip.tmt:%Y-%m} sebelum usia 18 tahun (lahir {nip.lahir.isoformat()})",
                                 f"TMT CPNS {nip.tmt:%Y-%m} is before age 18 (born {nip.lahir.isoformat()})"))
    doc = sop.identitas.tanggal_efektif or sop.identitas.tanggal_pembuatan
    if doc is None:
        return
    if nip.tmt > doc:
        yield Finding(path, Teks(f"TMT CPNS {nip.tmt:%Y-%m} setelah tanggal SOP {doc.isoformat()}",
                                 f"TMT CPNS {nip.tmt:%Y-%m} is after the SOP's date {doc.isoformat()}"))
    limit = _retirement_age(who.jabatan or "")
    if doc >= _add_years(nip.lahir, limit):
        yield Finding(path, Teks(f"pengesah berusia ≥ {limit} tahun (batas usia pensiun) pada {doc.isoformat()}",
                                 f"the signatory is ≥ {limit} (retirement age) on {doc.isoformat()}"))


_PANGKAT = {
    "I/a": "juru muda", "I/b": "juru muda tk i", "I/c": "juru", "I/d": "juru tk i",
    "II/a": "pengatur muda", "II/b": "pengatur muda tk i", "II/c": "pengatur", "II/d": "pengatur tk i",
    "III/a": "penata muda", "III/b": "penata muda tk i", "III/c": "penata", "III/d": "penata tk i",
    "IV/a": "pembina", "IV/b": "pembina tk i", "IV/c": "pembina utama muda",
    "IV/d": "pembina utama madya", "IV/e": "pembina utama",
}
_GOL = re.compile(r"(IV|III|II|I)\s*/\s*([a-eA-E])")
"""The golongan; the brackets and spaces around it are added by :func:`_golongan` (a leading
``\\(?\\s*`` in the pattern made ``search`` quadratic over long runs of spaces)."""


def _golongan(text: str) -> tuple[re.Match[str], int, int] | None:
    """The golongan match and its span widened by an opening bracket and spaces before it and
    spaces and a closing bracket after it (as ``\\(?\\s*…\\s*\\)?`` would), in linear time."""
    m = _GOL.search(text)
    if m is None:
        return None
    start, end = m.start(), m.end()
    while start > 0 and text[start - 1].isspace():
        start -= 1
    if start > 0 and text[start - 1] == "(":
        start -= 1
    while end < len(text) and text[end].isspace():
        end += 1
    if end < len(text) and text[end] == ")":
        end += 1
    return m, start, end


def _pangkat_norm(text: str) -> str:
    t = norm(text.replace("Tingkat", "Tk").replace("tingkat", "tk").replace("TK.", "Tk ").replace("Tk.", "Tk "))
    return re.sub(r"\btk (i|1)\b", "tk i", t)


@rule(code="SOP112", slug="pangkat-golongan-tidak-cocok", severity=_W, catalogue="ID-11",
      summary=Teks("Pangkat tidak cocok dengan golongan", "Pangkat does not match golongan"),
      hint=Teks("pasangan yang sah mis. 'Pembina Tk. I (IV/b)', 'Penata (III/c)'",
                "valid pairs are e.g. 'Pembina Tk. I (IV/b)', 'Penata (III/c)'"))
def pangkat_golongan_tidak_cocok(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """ID-11: the pangkat–golongan pair is valid (catches OCR/typos such as "Rembina TK.I (IV/b)")."""
    who = sop.identitas.disahkan_oleh
    if who is None or is_blank(who.pangkat):
        return
    text = who.pangkat or ""
    found = _golongan(text)
    if found is None:
        return
    m, start, end = found
    gol = f"{m.group(1)}/{m.group(2).lower()}"
    name = _pangkat_norm(text[:start] + " " + text[end:])
    expected = _PANGKAT.get(gol)
    if expected and name != expected:
        shown = expected.title().replace("Tk I", "Tk. I")
        yield Finding((*_WHO, "pangkat"),
                      Teks(f"pangkat {text!r}: golongan {gol} adalah '{shown}'",
                           f"pangkat {text!r}: golongan {gol} is '{shown}'"))


_LEADER = ("kepala", "sekretaris daerah", "sekda", "bupati", "walikota", "wali kota", "gubernur",
           "camat", "lurah", "direktur", "inspektur", "menteri", "kabag", "plt", "plh", "pj",
           # the Sekretaris DPRD heads the Sekretariat DPRD, a perangkat daerah of its own (PP 18/2016)
           "sekretaris dprd", "sekretaris dewan", "sekwan")


@rule(code="SOP113", slug="pengesah-bukan-pimpinan", severity=_W, catalogue="ID-12",
      summary=Teks("Jabatan pengesah bukan pimpinan instansi/unit", "The signing jabatan is not the head of the unit"),
      hint=Teks("SOP disahkan oleh pimpinan instansi pada kop (mis. Kepala Dinas) atau atasannya",
                "an SOP is signed by the head of the kop's agency (e.g. Kepala Dinas) or a superior"))
def pengesah_bukan_pimpinan(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """ID-12: the signing jabatan heads the agency of the kop, the kop's unit, or a superior.

    Structure, not the first word (:mod:`sopdoc.validate.jabatan`): the jabatan is parsed into the
    kind and rank of the unit it heads (Dinas/Badan/Sekretariat DPRD … 1, Bagian/Bidang/
    Sekretariat of a Dinas/UPTD … 2, Subbagian/Seksi 3) and the kop into its most specific
    organisation. A head of a lower-ranked unit (a Kepala Bidang or the Sekretaris Dinas on a
    Dinas's SOP, a Kepala Subbagian on a Badan's) is reported unless the kop's ``unit`` line is
    the unit it heads. A jabatan that heads nothing (Staf …) is reported; a "Kepala" of a unit
    the parser does not know, or a kop it cannot read, falls back to the leading-word check.
    """
    who = sop.identitas.disahkan_oleh
    if who is None or is_blank(who.jabatan):
        return
    j = norm(who.jabatan or "")
    post = post_of(who.jabatan or "")
    if post is None and not j.startswith(_LEADER):
        yield Finding((*_WHO, "jabatan"),
                      Teks(f"jabatan pengesah {who.jabatan!r} tidak tampak sebagai pimpinan",
                           f"signing jabatan {who.jabatan!r} does not look like a head of unit"))
        return
    org, unit = kop_units(sop.identitas.instansi, sop.identitas.unit)
    if post is not None and not heads(post, org, unit):
        assert org is not None
        yield Finding((*_WHO, "jabatan"),
                      Teks(f"jabatan pengesah {who.jabatan!r} memimpin {post.kind}, satuan di bawah "
                           f"{org.kind} {org.name.upper()} pada kop; SOP disahkan pimpinan {org.kind}",
                           f"signing jabatan {who.jabatan!r} heads a {post.kind}, a unit below the kop's "
                           f"{org.kind} {org.name.upper()}; the SOP is signed by the head of the {org.kind}"))


_SOP_WORDS = re.compile(r"^(sop|standar operasional prosedur|standar oprasional prosedur)\s+")


def _title_key(text: str) -> str:
    t = norm(text)
    while True:
        m = _SOP_WORDS.match(t)
        if not m:
            return t.removeprefix("sop ").strip()
        t = t[m.end():]


@rule(code="SOP114", slug="nama-sop-tidak-konsisten", severity=_W, catalogue="ID-13",
      summary=Teks("Nama SOP berbeda antarbagian", "Nama SOP differs between sections"),
      hint=Teks("samakan Nama SOP pada identitas, judul flowchart dan lembar kerja",
                "use one Nama SOP in the identity, the flowchart title and the worksheet"))
def nama_sop_tidak_konsisten(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """ID-13: Nama SOP equals the flowchart title and the worksheet's Judul SOP after
    normalisation (case, punctuation and a leading "SOP"/"Standar Operasional Prosedur" ignored)."""
    nama = sop.identitas.nama
    if is_blank(nama):
        return
    key = _title_key(nama or "")
    others: list[tuple[tuple[str, ...], str | None]] = [(("judul_flowchart",), sop.judul_flowchart)]
    if sop.lembar_kerja is not None:
        others.append((("lembar_kerja", "judul_sop"), sop.lembar_kerja.judul_sop))
    for path, other in others:
        if not is_blank(other) and _title_key(other or "") != key:
            yield Finding(path, Teks(f"{other!r} berbeda dari Nama SOP {nama!r}",
                                     f"{other!r} differs from Nama SOP {nama!r}"))
