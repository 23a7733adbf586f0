"""SOP1xx: the identity block — nama, nomor, dates, pengesahan (DOMAIN.md §2.2, §7)."""

from __future__ import annotations

from collections.abc import Iterator

from sopdoc.codes import Finding, rule
from sopdoc.model.diagnostic import Severity, Teks
from sopdoc.model.sop import Sop
from sopdoc.validate.context import RuleContext
from sopdoc.validate.jabatan import holds_no_nip
from sopdoc.validate.text import is_blank, words

_E, _W = Severity.ERROR, Severity.WARNING
_ID = ("identitas",)


@rule(code="SOP101", slug="nama-sop-kosong", severity=_E, catalogue="ID-01",
      summary=Teks("Nama SOP kosong", "Nama SOP is empty"),
      hint=Teks("isi `identitas.nama`: aspek + output, mis. 'Penyusunan Renstra'",
                "fill in `identitas.nama`: aspect + output, e.g. 'Penyusunan Renstra'"))
def nama_sop_kosong(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """ID-01: the Nama SOP (identity field 7) is present and not empty."""
    if is_blank(sop.identitas.nama):
        yield Finding((*_ID, "nama"), Teks("Nama SOP kosong", "Nama SOP is empty"))


@rule(code="SOP102", slug="nomor-sop-kosong", severity=_E, catalogue="ID-02",
      summary=Teks("Nomor SOP kosong", "Nomor SOP is empty"),
      hint=Teks("isi `identitas.nomor` sesuai tata naskah dinas, mis. '800/045/DPLH/2023'",
                "fill in `identitas.nomor` per the tata naskah dinas, e.g. '800/045/DPLH/2023'"))
def nomor_sop_kosong(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """ID-02: the Nomor SOP (identity field 2) is present; Keterkaitan cites SOPs by it.

    Reported as an error on a signed SOP (one with a Tanggal Efektif); on a draft (no Tanggal
    Efektif) the message says so but the code and severity stay the same, so that configuration
    can downgrade it with ``[check.severity]``.
    """
    if is_blank(sop.identitas.nomor):
        draft = sop.identitas.tanggal_efektif is None
        yield Finding((*_ID, "nomor"),
                      Teks("Nomor SOP kosong" + (" (draf)" if draft else ""),
                           "Nomor SOP is empty" + (" (draft)" if draft else "")))


@rule(code="SOP103", slug="nomor-sop-tidak-baku", severity=_W, catalogue="ID-03",
      summary=Teks("Nomor SOP tidak berbentuk segmen/.../tahun", "Nomor SOP is not of the form seg/.../year"),
      hint=Teks("tulis nomor sebagai segmen dipisah '/', diakhiri tahun 4 angka, mis. '061/2696/Org/2021'",
                "write the number as segments joined by '/', ending in a 4-digit year, e.g. '061/2696/Org/2021'"))
def nomor_sop_tidak_baku(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """ID-03: Nomor SOP matches ``seg(/seg)+`` and ends in the year of Pembuatan or Efektif (±1).

    Markdown left in the number (``~~2696~~`` strike-through from an extraction, seed 004) is
    reported too: the printed number would show the tildes.
    """
    nomor = sop.identitas.nomor
    if is_blank(nomor):
        return
    assert nomor is not None
    path = (*_ID, "nomor")
    if "~~" in nomor or "**" in nomor:
        yield Finding(path, Teks(f"nomor {nomor!r} memuat markup markdown (coretan/tebal)",
                                 f"number {nomor!r} holds markdown markup (strike-through/bold)"))
    segments = [s.strip() for s in nomor.replace("~~", "").split("/")]
    if len(segments) < 2 or any(not s for s in segments):
        yield Finding(path, Teks(f"nomor {nomor!r} bukan segmen yang dipisah '/'",
                                 f"number {nomor!r} is not segments joined by '/'"))
        return
    last = segments[-1]
    if not (len(last) == 4 and last.isdigit()):
        yield Finding(path, Teks(f"nomor {nomor!r} tidak diakhiri tahun 4 angka",
                                 f"number {nomor!r} does not end in a 4-digit year"))
        return
    years = {d.year for d in (sop.identitas.tanggal_pembuatan, sop.identitas.tanggal_efektif) if d}
    if years and all(abs(int(last) - y) > 1 for y in years):
        shown = "/".join(str(y) for y in sorted(years))
        yield Finding(path, Teks(f"tahun nomor {last} jauh dari tahun tanggal SOP ({shown})",
                                 f"year {last} of the number is far from the SOP's dates ({shown})"))


@rule(code="SOP104", slug="tanggal-pembuatan-kosong", severity=_E, catalogue="ID-04",
      summary=Teks("Tanggal Pembuatan kosong", "Tanggal Pembuatan is empty"),
      hint=Teks("isi tanggal selesainya penyusunan SOP, mis. 2023-01-16",
                "fill in the date the SOP was finished, e.g. 2023-01-16"))
def tanggal_pembuatan_kosong(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """ID-04: Tanggal Pembuatan is present (an unparseable date is the loader's SOP011)."""
    if sop.identitas.tanggal_pembuatan is None:
        yield Finding((*_ID, "tanggal_pembuatan"), Teks("Tanggal Pembuatan kosong", "Tanggal Pembuatan is empty"))


@rule(code="SOP105", slug="tanggal-efektif-kosong", severity=_E, catalogue="ID-05",
      summary=Teks("Tanggal Efektif kosong", "Tanggal Efektif is empty"),
      hint=Teks("isi tanggal penandatanganan/pengesahan SOP", "fill in the date the SOP was signed"))
def tanggal_efektif_kosong(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """ID-05: Tanggal Efektif (or Pengesahan) is present (an unparseable date is SOP011)."""
    if sop.identitas.tanggal_efektif is None:
        yield Finding((*_ID, "tanggal_efektif"), Teks("Tanggal Efektif kosong", "Tanggal Efektif is empty"))


@rule(code="SOP106", slug="efektif-sebelum-pembuatan", severity=_E, catalogue="ID-06",
      summary=Teks("Tanggal Efektif sebelum Tanggal Pembuatan", "Tanggal Efektif before Tanggal Pembuatan"),
      hint=Teks("SOP berlaku setelah selesai disusun; periksa kedua tanggal",
                "an SOP takes effect once finished; check both dates"))
def efektif_sebelum_pembuatan(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """ID-06: Tanggal Efektif ≥ Tanggal Pembuatan."""
    made, eff = sop.identitas.tanggal_pembuatan, sop.identitas.tanggal_efektif
    if made and eff and eff < made:
        yield Finding((*_ID, "tanggal_efektif"),
                      Teks(f"Tanggal Efektif {eff.isoformat()} sebelum Tanggal Pembuatan {made.isoformat()}",
                           f"Tanggal Efektif {eff.isoformat()} is before Tanggal Pembuatan {made.isoformat()}"))


@rule(code="SOP107", slug="tanggal-revisi-janggal", severity=_W, catalogue="ID-07",
      summary=Teks("Tanggal Revisi tidak cocok dengan tanggal lain", "Tanggal Revisi does not fit the other dates"),
      hint=Teks("Tanggal Revisi adalah tanggal revisi (≥ Pembuatan) atau rencana kaji ulang (> Efektif)",
                "Tanggal Revisi is a revision date (≥ Pembuatan) or a planned review date (> Efektif)"))
def tanggal_revisi_janggal(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """ID-07: a Tanggal Revisi is ≥ Pembuatan; ≤ Efektif as a revision, > Efektif as a planned review.

    Both readings of field 4 are accepted, so only a revision before the SOP was made, or a
    revision on an SOP without a Tanggal Pembuatan (seed 004), is reported.
    """
    made, rev = sop.identitas.tanggal_pembuatan, sop.identitas.tanggal_revisi
    path = (*_ID, "tanggal_revisi")
    if rev is None:
        return
    if made is None:
        yield Finding(path, Teks(f"Tanggal Revisi {rev.isoformat()} diisi tetapi Tanggal Pembuatan kosong",
                                 f"Tanggal Revisi {rev.isoformat()} is set but Tanggal Pembuatan is empty"))
    elif rev < made:
        yield Finding(path, Teks(f"Tanggal Revisi {rev.isoformat()} sebelum Tanggal Pembuatan {made.isoformat()}",
                                 f"Tanggal Revisi {rev.isoformat()} is before Tanggal Pembuatan {made.isoformat()}"))


@rule(code="SOP108", slug="pengesah-jabatan-kosong", severity=_E, catalogue="ID-08",
      summary=Teks("Jabatan pengesah kosong", "The signing official's jabatan is empty"),
      hint=Teks("isi `identitas.disahkan_oleh.jabatan`, mis. 'Kepala Dinas Pertanian'",
                "fill in `identitas.disahkan_oleh.jabatan`, e.g. 'Kepala Dinas Pertanian'"))
def pengesah_jabatan_kosong(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """ID-08 (jabatan part, error): Disahkan oleh names the jabatan of the competent official."""
    who = sop.identitas.disahkan_oleh
    if who is None or is_blank(who.jabatan):
        yield Finding((*_ID, "disahkan_oleh") + (("jabatan",) if who else ()),
                      Teks("jabatan pengesah (Disahkan oleh) kosong", "the jabatan under 'Disahkan oleh' is empty"))


_TITLES = frozenset(
    [
        "ir",
        "drs",
        "dra",
        "dr",
        "h",
        "hj",
        "s",
        "sos",
        "si",
        "pd",
        "ag",
        "kom",
        "sh",
        "se",
        "st",
        "mm",
        "msi",
        "mpd",
        "mh",
        "mt",
        "mba",
        "mpa",
        "m",
        "ap",
        "pi",
        "kes",
        "ked",
        "psi",
        "ip",
        "ak",
        "phd",
        "prof",
        "apt",
        "spd",
        "ssos",
        "ssi",
        "amd",
        "tk",
    ]
)


def _name_is_titles_only(name: str) -> bool:
    ws = [w.lower() for w in words(name)]
    return bool(ws) and all(w in _TITLES for w in ws)


@rule(
    code="SOP109",
    slug="pengesah-nama-nip-kosong",
    severity=_W,
    catalogue="ID-08",
    summary=Teks("Nama atau NIP pengesah kosong", "The signing official's name or NIP is empty"),
    hint=Teks(
        "isi nama lengkap (dengan gelar) dan NIP pejabat yang mengesahkan",
        "fill in the official's full name (with titles) and NIP",
    ),
)
def pengesah_nama_nip_kosong(sop: Sop, ctx: RuleContext) -> Iterator[Finding]:
    """ID-08 (name and NIP part, warning): the signatory's name and NIP are given.

    A name made only of academic titles ("S.Sos, MM", seed 002) counts as no name. No NIP is
    asked of posts held by officials who are not civil servants (an elected Bupati, a Kepala
    Desa …; :func:`sopdoc.validate.jabatan.holds_no_nip`).
    """
    who = sop.identitas.disahkan_oleh
    base = (*_ID, "disahkan_oleh")
    if who is None:
        yield Finding(base, Teks("nama dan NIP pengesah kosong", "the signatory's name and NIP are empty"))
        return
    if is_blank(who.nama):
        yield Finding((*base, "nama"), Teks("nama pengesah kosong", "the signatory's name is empty"))
    elif _name_is_titles_only(who.nama or ""):
        yield Finding(
            (*base, "nama"),
            Teks(
                f"nama pengesah {who.nama!r} hanya berisi gelar", f"the signatory's name {who.nama!r} holds only titles"
            ),
        )
    if is_blank(who.nip) and not holds_no_nip(who.jabatan or ""):
        yield Finding((*base, "nip"), Teks("NIP pengesah kosong", "the signatory's NIP is empty"))
