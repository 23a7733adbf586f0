"""The SOP0xx reading and structure findings: one table of codes, slugs and texts.

Importing this module registers the table in :mod:`sopdoc.codes`.
"""

from __future__ import annotations

from sopdoc.codes import Code, register_table
from sopdoc.model.diagnostic import Diagnostic, Origin, Path, Severity, Teks

__all__ = ["READING_CODES", "reading_diagnostic"]


_E, _W = Severity.ERROR, Severity.WARNING

READING_CODES: dict[str, Code] = register_table("source", [
    Code("SOP001", "berkas-tidak-terbaca", _E,
         Teks("Berkas tidak dapat dibaca", "The file cannot be read"),
         Teks("periksa nama berkas dan hak aksesnya", "check the file name and its permissions")),
    Code("SOP002", "berkas-terlalu-besar", _E,
         Teks("Berkas melebihi batas ukuran", "The file exceeds the size limit"),
         Teks("satu berkas memuat satu SOP; pisahkan atau periksa isinya",
              "one file holds one SOP; split it or check its content")),
    Code("SOP003", "bukan-utf8", _E,
         Teks("Berkas bukan teks UTF-8", "The file is not UTF-8 text"),
         Teks("simpan ulang berkas sebagai UTF-8 (mis. di editor: Save with Encoding → UTF-8)",
              "save the file again as UTF-8 (e.g. in the editor: Save with Encoding → UTF-8)")),
    Code("SOP004", "yaml-tidak-valid", _E,
         Teks("Sintaks YAML tidak valid", "Invalid YAML syntax"),
         Teks("periksa indentasi dan tanda baca di sekitar posisi ini",
              "check indentation and punctuation around this position")),
    Code("SOP005", "kunci-ganda", _E,
         Teks("Kunci yang sama muncul dua kali", "The same key appears twice"),
         Teks("hapus salah satunya; YAML tidak menggabungkan kunci ganda",
              "remove one of them; YAML does not merge duplicate keys")),
    Code("SOP006", "kunci-tidak-dikenal", _E,
         Teks("Kunci tidak dikenal", "Unknown key"),
         Teks("lihat `sopdoc schema` untuk daftar kunci yang sah",
              "see `sopdoc schema` for the valid keys")),
    Code("SOP007", "tipe-nilai-salah", _E,
         Teks("Nilai tidak sesuai jenisnya", "A value has the wrong type"),
         Teks("lihat `sopdoc schema` untuk bentuk nilai yang sah",
              "see `sopdoc schema` for the valid form"), catalogue="FC-05"),
    Code("SOP008", "alias-berlebihan", _E,
         Teks("Alias YAML mengembang tanpa batas", "YAML aliases expand without bound"),
         Teks("tulis nilai secara langsung tanpa anchor/alias bertingkat",
              "write the values out instead of nesting anchors and aliases")),
    Code("SOP009", "berkas-kosong", _E,
         Teks("Berkas kosong", "The file is empty"),
         Teks("mulai dari contoh di examples/ atau `sopdoc schema`",
              "start from an example in examples/ or from `sopdoc schema`")),
    Code("SOP010", "kunci-wajib-hilang", _E,
         Teks("Kunci wajib tidak ada", "A required key is missing"), None),
    Code("SOP011", "tanggal-tidak-valid", _E,
         Teks("Tanggal tidak valid", "Invalid date"),
         Teks("tulis tanggal sebagai YYYY-MM-DD, mis. 2023-01-23, atau '23 Januari 2023'",
              "write dates as YYYY-MM-DD, e.g. 2023-01-23, or '23 Januari 2023'")),
    Code("SOP012", "waktu-tidak-terbaca", _E,
         Teks("Waktu tidak terbaca", "Waktu cannot be read"),
         Teks("tulis angka lalu satuan, mis. '30 menit', '2 jam', '1 hari kerja', "
              "'1 - 5 hari kerja', 'paling lambat 17 hari kerja'",
              "write a number then a unit, e.g. '30 menit', '2 jam', '1 hari kerja', "
              "'1 - 5 hari kerja', 'paling lambat 17 hari kerja'"), catalogue="MB-02"),
    Code("SOP013", "kegiatan-terlalu-banyak", _E,
         Teks("Jumlah kegiatan melebihi batas", "Too many steps"),
         Teks("pecah prosedur menjadi beberapa SOP yang saling terkait (Keterkaitan)",
              "split the procedure into several related SOPs (Keterkaitan)")),
    Code("SOP014", "versi-format-tidak-dikenal", _E,
         Teks("Versi format sumber tidak dikenal", "Unknown source format version"),
         Teks("gunakan `sopdoc: 1`", "use `sopdoc: 1`")),
])


def reading_diagnostic(code: str, message: Teks, *, path: Path = (), origin: Origin | None = None,
                       hint: Teks | None = None) -> Diagnostic:
    """A located SOP0xx finding with the code's slug, severity and default hint."""
    return READING_CODES[code].make(message, path=path, origin=origin, hint=hint)
