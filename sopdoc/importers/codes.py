"""The IMPxxx import findings: one table of codes, slugs, severities and texts.

Every guess and every loss of an importer is one of these (DESIGN.md §5, §7). Importing this
module registers the table in :mod:`sopdoc.codes`; importers create them with :func:`imp_diagnostic`.
"""

from __future__ import annotations

from sopdoc.codes import Code, register_table
from sopdoc.model.diagnostic import Diagnostic, Origin, Path, Severity, Teks

__all__ = ["IMP_CODES", "imp_diagnostic"]


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

IMP_CODES: dict[str, Code] = register_table("importers", [
    Code("IMP001", "format-tidak-dikenal", _E,
         Teks("Format berkas tidak dikenal untuk impor", "Unknown file format for import"),
         Teks("impor berkas .txt, .pdf atau .docx", "import .txt, .pdf or .docx files")),
    Code("IMP002", "bukan-dokumen-sop", _E,
         Teks("Isi berkas tidak tampak seperti SOP", "The content does not look like an SOP"),
         Teks("pastikan berkas memuat identitas SOP dan tabel kegiatan",
              "make sure the file holds an SOP identity and a step table")),
    Code("IMP003", "pdf-rusak", _E,
         Teks("PDF rusak atau terpotong", "The PDF is damaged or truncated"),
         Teks("ekspor ulang PDF dari dokumen aslinya", "export the PDF again from its source")),
    Code("IMP004", "pdf-terenkripsi", _E,
         Teks("PDF terenkripsi", "The PDF is encrypted"),
         Teks("simpan ulang PDF tanpa kata sandi", "save the PDF again without a password")),
    Code("IMP005", "halaman-pindaian", _W,
         Teks("Halaman hasil pindai, perlu OCR", "Scanned page, needs OCR"),
         Teks("jalankan OCR lebih dulu atau ketik ulang halaman ini",
              "run OCR first or retype this page")),
    Code("IMP006", "halaman-dibatasi", _W,
         Teks("Jumlah halaman melebihi batas; sisanya tidak dibaca",
              "Too many pages; the rest was not read"),
         Teks("satu berkas memuat satu SOP; pisahkan dokumennya",
              "one file holds one SOP; split the document")),
    Code("IMP007", "sumber-tertanam", _I,
         Teks("SOP dibaca tanpa kehilangan dari sumber YAML yang tertanam",
              "SOP read losslessly from the embedded YAML source"), None),
    Code("IMP008", "dibaca-dari-tata-letak", _I,
         Teks("Dokumen sopdoc tanpa sumber tertanam; dibaca dari tata letaknya",
              "sopdoc document without its embedded source; read from its layout"),
         Teks("isian yang tidak tampak di dokumen (periode, tanda, lembar kerja) tidak terbawa",
              "fields the document does not show (periode, tanda, lembar kerja) are not carried over")),
    Code("IMP010", "label-varian", _I,
         Teks("Label varian dikenali", "A label variant was recognised"), None),
    Code("IMP011", "nilai-identitas-hilang", _W,
         Teks("Nilai identitas tidak ditemukan", "An identity value was not found"),
         Teks("isi nilainya dari dokumen asli", "fill in the value from the original document")),
    Code("IMP012", "kotak-tidak-ditemukan", _W,
         Teks("Kotak (bagian) tidak ditemukan", "A box (section) was not found"),
         Teks("periksa dokumen asli; bagian ini mungkin hilang", "check the original; the box may be lost")),
    Code("IMP013", "markup-dibuang", _I,
         Teks("Sisa markup (HTML/markdown) dibuang", "Markup residue (HTML/markdown) removed"), None),
    Code("IMP014", "tanggal-tidak-terbaca", _W,
         Teks("Tanggal tidak terbaca", "A date cannot be read"),
         Teks("tulis tanggal sebagai '23 Januari 2023'", "write the date as '23 Januari 2023'")),
    Code("IMP020", "tabel-kegiatan-tidak-ditemukan", _E,
         Teks("Tabel kegiatan (flowchart) tidak ditemukan", "The step (flowchart) table was not found"),
         Teks("periksa apakah tabel memiliki baris judul NO / KEGIATAN / PELAKSANA",
              "check that the table has a NO / KEGIATAN / PELAKSANA header row")),
    Code("IMP021", "judul-tabel-berulang", _I,
         Teks("Baris judul tabel berulang (pindah halaman) digabung",
              "A repeated table header (page break) was merged"), None),
    Code("IMP022", "pelaksana-tidak-diketahui", _W,
         Teks("Pelaksana kegiatan tidak terbaca dari dokumen",
              "The actor of a step cannot be read from the document"),
         Teks("isi pelaksana dari dokumen asli", "fill in the actor from the original document")),
    Code("IMP023", "simbol-diasumsikan", _W,
         Teks("Simbol tidak terbaca; dianggap proses", "Symbol not readable; assumed proses"),
         Teks("periksa simbol di dokumen asli", "check the symbol in the original document")),
    Code("IMP024", "cabang-tidak-lengkap", _W,
         Teks("Tujuan cabang keputusan tidak lengkap", "Decision targets are incomplete"),
         Teks("isi cabang ya/tidak dari dokumen asli", "fill in the ya/tidak targets from the original")),
    Code("IMP025", "nomor-kegiatan-hilang", _W,
         Teks("Nomor kegiatan hilang; diberi nomor urut", "A step number was lost; numbered by order"),
         None),
    Code("IMP026", "label-cabang-tanpa-keputusan", _W,
         Teks("Label Ya/Tidak di sel pelaksana tanpa simbol keputusan",
              "Ya/Tidak labels in actor cells without a decision symbol"),
         Teks("tentukan apakah langkah ini keputusan dan isi cabangnya",
              "decide whether the step is a decision and fill in its branches")),
    Code("IMP027", "waktu-impor-tidak-terbaca", _W,
         Teks("Waktu tidak terbaca saat impor", "Waktu cannot be read on import"), None),
    Code("IMP028", "tabel-kegiatan-ganda", _I,
         Teks("Beberapa tabel kegiatan dalam satu SOP", "Several step tables in one SOP"), None),
    Code("IMP029", "baris-tak-terbaca", _W,
         Teks("Baris tabel tidak dapat dibaca", "A table row cannot be read"), None),
    Code("IMP030", "perlu-pemeriksaan-manual", _W,
         Teks("Hasil impor tidak lengkap, perlu pemeriksaan manual",
              "The import is incomplete and needs manual review"),
         Teks("bandingkan hasilnya dengan dokumen asli sebelum dipakai",
              "compare the result with the original document before use")),
    Code("IMP031", "tanda-tangan-elektronik-diabaikan", _I,
         Teks("Kode QR / catatan tanda tangan elektronik diabaikan",
              "QR code / e-signature note ignored"), None),
    Code("IMP040", "docx-rusak", _E,
         Teks("DOCX rusak, bukan arsip zip, atau terlalu besar setelah dibuka",
              "The DOCX is damaged, not a zip archive, or too large once unpacked"),
         Teks("simpan ulang dokumen dari Word/LibreOffice sebagai .docx",
              "save the document again from Word/LibreOffice as .docx")),
    Code("IMP041", "xml-dtd-ditolak", _E,
         Teks("XML dengan DTD atau entitas ditolak (tidak pernah diuraikan atau diambil)",
              "XML with a DTD or entities refused (never resolved or fetched)"),
         Teks("simpan ulang dokumen dari Word/LibreOffice", "save the document again from Word/LibreOffice")),
])


def imp_diagnostic(code: str, message: Teks, *, path: Path = (), origin: Origin | None = None,
                   hint: Teks | None = None) -> Diagnostic:
    """A located IMPxxx finding with the code's slug, severity and default hint."""
    return IMP_CODES[code].make(message, path=path, origin=origin, hint=hint)
