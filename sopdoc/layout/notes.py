"""Layout notes: what the renderer had to compromise on, as warnings (SOP6xx: layout and rendering).

Importing this module registers the table in :mod:`sopdoc.codes`; a note's message is its summary.
"""

from __future__ import annotations

from sopdoc.codes import Code, register_table
from sopdoc.model.diagnostic import Diagnostic, Path, Severity, Teks

__all__ = ["NOTES", "note"]

NOTES: dict[str, Code] = register_table("layout", [
    Code("SOP601", "teks-terpotong", Severity.WARNING,
         Teks("teks terlalu panjang untuk satu halaman dan dipotong", "text too long for one page and clipped"),
         Teks("persingkat teks atau pecah langkah menjadi beberapa langkah",
              "shorten the text or split the step into several steps")),
    Code("SOP602", "karakter-diganti", Severity.WARNING,
         Teks("karakter yang tidak ada di font diganti dengan '?'",
              "characters missing from the font were replaced with '?'"),
         Teks("gunakan huruf Latin atau pasang font yang memuat karakter itu",
              "use Latin letters or install a font that has the characters")),
    Code("SOP603", "kolom-pelaksana-sempit", Severity.WARNING,
         Teks("jumlah pelaksana melebihi batas profil; kolom menjadi sempit",
              "more actors than the profile's limit; columns get narrow"),
         Teks("gabungkan pelaksana atau naikkan maks_pelaksana di [profil]",
              "merge actors or raise maks_pelaksana in [profil]")),
    Code("SOP604", "label-bertabrakan", Severity.INFO,
         Teks("label cabang tidak mendapat tempat bebas dan menyentuh garis lain",
              "a branch label found no free spot and touches another line"),
         Teks("perlebar kolom pelaksana (kurangi jumlah pelaksana) atau persingkat label",
              "widen actor columns (fewer actors) or shorten the label")),
    Code("SOP605", "langkah-tanpa-simbol", Severity.WARNING,
         Teks("langkah tanpa pelaksana tidak mendapat simbol pada bagan alir",
              "a step without pelaksana gets no flowchart symbol"),
         Teks("isi pelaksana langkah ini", "fill in the step's pelaksana"), catalogue="FC-12"),
    Code("SOP606", "font-bawaan", Severity.INFO,
         Teks("font Liberation tidak terpasang; memakai font bawaan PDF (tidak disematkan)",
              "Liberation fonts not installed; using the PDF built-in fonts (not embedded)"),
         Teks("pasang paket fonts-liberation2", "install the fonts-liberation2 package")),
    Code("SOP607", "tata-letak-terlalu-besar", Severity.ERROR,
         Teks("bagan alir terlalu besar untuk digambar (kegiatan × pelaksana melebihi batas)",
              "flowchart too large to draw (steps × actors over the limit)"),
         Teks("pecah SOP menjadi beberapa SOP atau gabungkan pelaksana",
              "split the SOP into several SOPs or merge actors")),
    Code("SOP608", "kop-kosong", Severity.WARNING,
         Teks("kop halaman identitas kosong (tanpa nama instansi, unit, alamat maupun logo)",
              "the identity page's letterhead (kop) is empty (no agency name, unit, address or logo)"),
         Teks("isi identitas.instansi atau instansi/logo di [profil]",
              "fill in identitas.instansi or instansi/logo in [profil]")),
    Code("SOP609", "cabang-ke-langkah-berikut", Severity.INFO,
         Teks("keluaran keputusan tanpa tujuan digambar menuju langkah berikutnya",
              "a decision exit without a target is drawn to the next step"),
         Teks("isi cabang.ya dan cabang.tidak dengan nomor langkah tujuan",
              "fill in cabang.ya and cabang.tidak with the target step numbers")),
    Code("SOP610", "langkah-dilanjutkan", Severity.INFO,
         Teks("teks langkah lebih tinggi dari satu halaman dan dilanjutkan pada baris lanjutan di halaman "
              "berikutnya", "a step's text is taller than a page and continues in a continuation row on the next page"),
         Teks("persingkat teks atau pecah langkah menjadi beberapa langkah",
              "shorten the text or split the step into several steps")),
])


def note(code: str, path: Path = ()) -> Diagnostic:
    """The layout note ``code`` at ``path``."""
    entry = NOTES[code]
    return entry.make(entry.summary, path=path)
