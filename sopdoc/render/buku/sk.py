"""The decree page (SK pengesahan) of a Buku SOP from a plain-data template.

The template is text with ``$name`` placeholders (:class:`string.Template`): only plain strings
reach it, so it can neither call code nor read attributes. A placeholder the book does not know
is a usage error naming it; ``$$`` is a literal dollar. A line ``# ...`` is a comment. Lines are
printed as they are; a line that is ``---`` leaves a blank gap; a line starting with ``!`` is
centred and bold (titles), one starting with ``>`` goes in the signature column; a line
``Label : text`` is set as a decree's diktum (label, colon, hanging text). Without ``--sk`` the
shipped :data:`DEFAULT_SK` is used.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sopdoc.errors import UsageError
from sopdoc.model.diagnostic import Teks
from sopdoc.safe_path import UnsafeInputError, read_regular

__all__ = ["DEFAULT_SK", "MAX_TEMPLATE", "SK_VARIABLES", "SkLine", "fill_sk", "read_sk_template"]

MAX_TEMPLATE = 64 * 1024
"""The largest decree template read (bytes)."""

SK_VARIABLES = ("instansi", "judul", "tahun", "jumlah", "nomor_sk", "tempat", "tanggal", "jabatan", "nama",
                "nip", "pangkat", "daftar")
"""Every placeholder a decree template may use (``daftar``: the SOPs, one numbered line each)."""

DEFAULT_SK = """\
!KEPUTUSAN $jabatan
!NOMOR $nomor_sk
---
!TENTANG
!PENETAPAN STANDAR OPERASIONAL PROSEDUR ADMINISTRASI PEMERINTAHAN
!DI LINGKUNGAN $instansi TAHUN $tahun
---
Menimbang : bahwa untuk meningkatkan kualitas penyelenggaraan administrasi pemerintahan perlu \
menetapkan Standar Operasional Prosedur Administrasi Pemerintahan di lingkungan $instansi.
Mengingat : Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 \
Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan.
---
!MEMUTUSKAN:
Menetapkan : KEPUTUSAN $jabatan TENTANG PENETAPAN STANDAR OPERASIONAL PROSEDUR ADMINISTRASI \
PEMERINTAHAN DI LINGKUNGAN $instansi TAHUN $tahun.
KESATU : Menetapkan $jumlah Standar Operasional Prosedur Administrasi Pemerintahan sebagaimana \
tercantum dalam Lampiran Keputusan ini:
$daftar
KEDUA : Standar Operasional Prosedur sebagaimana dimaksud dalam Diktum KESATU menjadi pedoman \
dalam pelaksanaan tugas dan fungsi di lingkungan $instansi.
KETIGA : Keputusan ini mulai berlaku pada tanggal ditetapkan.
---
>Ditetapkan di $tempat
>pada tanggal $tanggal
>$jabatan,
---
---
>$nama
>$pangkat
>NIP $nip
"""


@dataclass(frozen=True)
class SkLine:
    """One printed line of the decree: text, and how it is set."""

    text: str
    centred: bool = False
    bold: bool = False
    right: bool = False  # the signature block, set in the right half
    gap: bool = False
    indent: bool = False  # one SOP of the list


def read_sk_template(path: Path) -> str:
    """The text of a decree template file (UTF-8, at most :data:`MAX_TEMPLATE` bytes), checked:
    every placeholder must be one of :data:`SK_VARIABLES`."""
    try:
        data = read_regular(path, MAX_TEMPLATE)
    except (UnsafeInputError, OSError) as exc:
        reason = exc.reason if isinstance(exc, UnsafeInputError) else Teks(str(exc.strerror), str(exc.strerror))
        raise UsageError(Teks(f"templat SK tidak dapat dibaca: {path}: {reason.id}",
                              f"cannot read the decree template: {path}: {reason.en}")) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(Teks(f"templat SK bukan teks UTF-8: {path}",
                              f"the decree template is not UTF-8 text: {path}")) from None
    check_sk_template(text, str(path))
    return text


def check_sk_template(text: str, name: str = "templat") -> None:
    """Refuse a template with an unknown or malformed placeholder (one line naming it)."""
    template = string.Template(text)
    if not template.is_valid():
        raise UsageError(Teks(f"{name}: tanda $ yang salah (tulis $$ untuk tanda dolar)",
                              f"{name}: a malformed $ placeholder (write $$ for a dollar sign)"))
    unknown = sorted(set(template.get_identifiers()) - set(SK_VARIABLES))
    if unknown:
        known = ", ".join(SK_VARIABLES)
        raise UsageError(Teks(f"{name}: variabel tidak dikenal: ${unknown[0]} (yang tersedia: {known})",
                              f"{name}: unknown variable: ${unknown[0]} (available: {known})"))


def fill_sk(template: str, values: Mapping[str, str], daftar: list[str]) -> list[SkLine]:
    """The decree's lines: ``template`` filled with ``values`` (plain strings only) and the list of
    SOPs (``$daftar`` alone on a line becomes one line per SOP)."""
    check_sk_template(template)
    plain = {key: str(values.get(key, "")) for key in SK_VARIABLES if key != "daftar"}
    out: list[SkLine] = []
    for raw in template.splitlines():
        if raw.startswith("#"):
            continue
        if raw.strip() == "$daftar":
            out.extend(SkLine(line, indent=True) for line in daftar)
            continue
        plain["daftar"] = "; ".join(daftar)
        text = string.Template(raw).substitute(plain)
        if raw.strip() == "---":
            out.append(SkLine("", gap=True))
        elif raw.startswith("!"):
            out.append(SkLine(text[1:], centred=True, bold=True))
        elif raw.startswith(">"):
            out.append(SkLine(text[1:], right=True))
        else:
            out.append(SkLine(text))
    return out
