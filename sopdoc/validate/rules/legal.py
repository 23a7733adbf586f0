"""SOP203–SOP207, SOP212: Dasar Hukum citations — form, order, titles, dates, truncation, repeals (DOMAIN.md §7.3)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sopdoc.codes import Finding, rule
from sopdoc.model.diagnostic import Severity, Teks
from sopdoc.model.sop import Sop
from sopdoc.validate.citations import FAMILY_NAMES, KNOWN_TITLES, Citation, parse_citation
from sopdoc.validate.context import RuleContext
from sopdoc.validate.repeals import find_repeal
from sopdoc.validate.text import is_blank, norm

_E, _W = Severity.ERROR, Severity.WARNING


def _items(sop: Sop) -> Iterator[tuple[int, str, Citation]]:
    for i, item in enumerate(sop.dasar_hukum or ()):
        if not is_blank(item):
            yield i, item, parse_citation(item)


@rule(code="SOP203", slug="dasar-hukum-tidak-baku", severity=_W, catalogue="SEC-02",
      summary=Teks("Butir Dasar Hukum tidak lengkap (jenis, nomor, tahun, tentang)",
                   "A Dasar Hukum item lacks kind, number, year or title"),
      hint=Teks("tulis '{Jenis} Nomor {n} Tahun {yyyy} tentang {Judul}'",
                "write '{Jenis} Nomor {n} Tahun {yyyy} tentang {Judul}'"))
def dasar_hukum_tidak_baku(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """SEC-02: each Dasar Hukum item reads as jenis + nomor + tahun, with a "tentang" title.

    "No." is accepted for "Nomor"; abbreviations (Perpres, Permen PAN & RB, Permendagri,
    Perbup …) are recognised as kinds.
    """
    for i, item, c in _items(sop):
        missing_id, missing_en = [], []
        if c.family is None:
            missing_id.append("jenis peraturan")
            missing_en.append("kind of regulation")
        if c.nomor is None or c.tahun is None:
            missing_id.append("nomor dan tahun")
            missing_en.append("number and year")
        if c.judul is None:
            missing_id.append("judul 'tentang …'")
            missing_en.append("'tentang …' title")
        if missing_id:
            yield Finding(("dasar_hukum", i),
                          Teks(f"{item!r}: tidak ada {', '.join(missing_id)}",
                               f"{item!r}: no {', '.join(missing_en)}"))


_NAMES = FAMILY_NAMES


@rule(code="SOP204", slug="dasar-hukum-tidak-berurutan", severity=_W, catalogue="SEC-03",
      summary=Teks("Dasar Hukum tidak berurutan menurut hierarki", "Dasar Hukum not in hierarchy order"),
      hint=Teks("urutkan: UUD > UU/Perppu > PP > Perpres > Peraturan Menteri > Perda > Perkada",
                "order: UUD > UU/Perppu > PP > Perpres > ministerial rules > Perda > head-of-region rules"))
def dasar_hukum_tidak_berurutan(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """SEC-03: Dasar Hukum follows the hierarchy of UU 12/2011 (ministerial and head-of-region
    rules after Perpres and after their Perda, by practice). One finding per place where a
    higher-ranked item follows a lower-ranked one; unrecognised items are skipped."""
    prev: tuple[int, str] | None = None
    for i, _item, c in _items(sop):
        if c.rank is None or c.family is None:
            continue
        if prev is not None and c.rank < prev[0]:
            yield Finding(("dasar_hukum", i),
                          Teks(f"{_NAMES[c.family]} tercantum setelah {_NAMES[prev[1]]}",
                               f"{_NAMES[c.family]} is listed after {_NAMES[prev[1]]}"))
        prev = (c.rank, c.family)


_MISSPELT = {"system": "Sistem", "review": "Reviu", "pemerintah daerah": "Pemerintahan Daerah",
             "peraturan atas": "Perubahan atas"}


def _known(c: Citation) -> str | None:
    if c.family is None or c.nomor is None or c.tahun is None:
        return None
    return KNOWN_TITLES.get((c.family, c.nomor, c.tahun))


def _truncated(c: Citation) -> bool:
    known = _known(c)
    if known is None or c.judul is None:
        return False
    given, full = norm(c.judul), norm(known)
    for wrong, right in _MISSPELT.items():
        if re.search(rf"\b{wrong}\b", full):
            continue
        given = re.sub(rf"\b{wrong}\b", right.lower(), given)
    return given != full and full.startswith(given + " ")


@rule(code="SOP205", slug="judul-peraturan-salah-eja", severity=_W, catalogue="SEC-04",
      summary=Teks("Judul peraturan berbeda dari judul resminya", "A cited title differs from the official title"),
      hint=Teks("salin judul dari naskah resmi peraturan", "copy the title from the regulation's official text"))
def judul_peraturan_salah_eja(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """SEC-04: a cited title matches the registry of known titles (Perpres 29/2014,
    PermenPAN-RB 53/2014 and 35/2012, UU 23/2014 …), compared without case and punctuation.

    Known misspellings are named ("System" → Sistem, "Review" → Reviu, "Peraturan atas" →
    Perubahan atas); a title that is only cut short is SOP207's finding, not this one.
    """
    for i, _item, c in _items(sop):
        if c.judul is None:
            continue
        given = norm(c.judul)
        known = _known(c)
        wrong = [w for w in _MISSPELT if re.search(rf"\b{w}\b", given)
                 and (re.search(rf"\b{w}\b", norm(known)) is None if known else w != "pemerintah daerah")]
        path = ("dasar_hukum", i)
        if wrong:
            fixes = ", ".join(f"'{w.title()}' → '{_MISSPELT[w]}'" for w in wrong)
            yield Finding(path, Teks(f"ejaan judul: {fixes}", f"title spelling: {fixes}"))
        elif known is not None and norm(known) != given and not _truncated(c):
            yield Finding(path, Teks(f"judul resmi: '{known}'", f"official title: '{known}'"))


@rule(code="SOP206", slug="peraturan-lebih-baru", severity=_E, catalogue="SEC-05",
      summary=Teks("Peraturan yang dikutip lebih baru dari SOP", "A cited regulation is newer than the SOP"),
      hint=Teks("periksa tahun peraturan atau tanggal efektif SOP", "check the regulation's year or the SOP's date"))
def peraturan_lebih_baru(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """SEC-05: no cited regulation is dated after Tanggal Efektif (or Pembuatan when Efektif is empty).

    The enactment date is compared when it is known (written in the citation, or in the
    parser's table of known dates), so a regulation of the same year but a later day is
    reported; otherwise only the year can be compared."""
    day = sop.identitas.tanggal_efektif or sop.identitas.tanggal_pembuatan
    if day is None:
        return
    for i, _item, c in _items(sop):
        if c.tanggal is not None and c.tanggal > day:
            yield Finding(("dasar_hukum", i),
                          Teks(f"peraturan tanggal {c.tanggal.isoformat()} lebih baru dari tanggal SOP "
                               f"{day.isoformat()}",
                               f"regulation of {c.tanggal.isoformat()} is newer than the SOP's date {day.isoformat()}"))
        elif c.tanggal is None and c.tahun is not None and c.tahun > day.year:
            yield Finding(("dasar_hukum", i),
                          Teks(f"peraturan tahun {c.tahun} lebih baru dari tanggal SOP {day.isoformat()}",
                               f"regulation of {c.tahun} is newer than the SOP's date {day.isoformat()}"))


_OPEN_END = frozenset(
    [
        "dan",
        "atau",
        "serta",
        "tentang",
        "atas",
        "di",
        "ke",
        "dari",
        "untuk",
        "pada",
        "yang",
        "dengan",
        "oleh",
        "dalam",
        "beserta",
        "tata",
        "cara",
    ]
)


@rule(
    code="SOP207",
    slug="dasar-hukum-terpotong",
    severity=_W,
    catalogue="SEC-06",
    summary=Teks("Judul peraturan terpotong", "A cited title is cut short"),
    hint=Teks("lengkapi judul dari naskah resmi peraturan", "complete the title from the official text"),
)
def dasar_hukum_terpotong(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """SEC-06: an item's title does not end mid-phrase.

    Heuristic: the title ends in a connecting word (dan, serta, tentang, atas, untuk, "Tata
    Cara" …) or a comma, or it is a proper beginning of the title in the known-title registry
    (seed 002's Permendagri 86/2017).
    """
    for i, _item, c in _items(sop):
        title = (c.judul or "").rstrip().rstrip(".;")
        last = norm(title).split(" ")[-1] if title else ""
        if c.judul is not None and (last in _OPEN_END or title.endswith(",") or _truncated(c)):
            yield Finding(
                ("dasar_hukum", i), Teks(f"judul terpotong: '…{title[-40:]}'", f"title cut short: '…{title[-40:]}'")
            )


@rule(code="SOP212", slug="dasar-hukum-dicabut", severity=_W, catalogue="SEC-10",
      summary=Teks("Dasar hukum sudah dicabut/diganti", "A cited regulation has been repealed or replaced"),
      hint=Teks("ganti dengan peraturan yang berlaku", "cite the regulation in force instead"))
def dasar_hukum_dicabut(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """SEC-10: no Dasar Hukum item cites a regulation that has been repealed or replaced.

    Matched by kind, number and year against the shipped registry ``sopdoc/data/dicabut.toml``
    and the agency's ``[[check.dicabut]]`` entries (``sopdoc.validate.repeals``); the hint names
    the replacement and the provision that repeals it; a partial repeal or an entry not yet
    verified against a source says so (``Repeal.pesan``). An item that itself names its
    replacement ("… sebagaimana telah diubah/diganti dengan …" quoting the replacement's
    number) is not reported."""
    for i, item, c in _items(sop):
        repeal = find_repeal(item, ctx.options.dicabut)
        if repeal is None:
            continue
        new = parse_citation(repeal.pengganti)
        if c.perubahan and new.nomor is not None and re.search(
                rf"\b{re.escape(new.nomor)}\s+tahun\s+{new.tahun}\b", c.perubahan, re.I):
            continue
        yield Finding(("dasar_hukum", i), repeal.pesan(), hint=repeal.saran())
