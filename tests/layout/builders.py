"""Small SOP builders for layout and render tests."""

from __future__ import annotations

from sopdoc.model.sop import Cabang, Identitas, Kegiatan, MutuBaku, Simbol, Sop
from tests.conftest import DATA, EXAMPLES


def make_sop(n: int = 10, actors: int = 4, decisions: dict[int, Cabang] | None = None,
             uraian: str = "Menyusun laporan kinerja triwulan", efektif: bool = True) -> Sop:
    """A clean SOP with ``n`` steps rotating over ``actors`` actors."""
    import datetime as dt

    names = tuple(f"Pelaksana {i + 1}" for i in range(actors))
    decisions = decisions or {}
    steps = []
    for i in range(1, n + 1):
        simbol = Simbol.TERMINATOR if i in (1, n) else (Simbol.KEPUTUSAN if i in decisions else Simbol.PROSES)
        steps.append(Kegiatan(no=i, uraian=f"{uraian} {i}", pelaksana=(names[(i - 1) % actors],), simbol=simbol,
                              cabang=decisions.get(i),
                              mutu_baku=MutuBaku(kelengkapan=(f"Dokumen {i}",), output=f"Hasil {i}")))
    return Sop(identitas=Identitas(instansi=("PEMERINTAH KABUPATEN CONTOH", "DINAS CONTOH"), nomor="800/1/2026",
                                   nama="SOP Contoh", tanggal_efektif=dt.date(2026, 1, 5) if efektif else None),
               dasar_hukum=("Undang-Undang Nomor 1 Tahun 2020",), pelaksana=names, kegiatan=tuple(steps))


# Every SOP source the layout tests run over (examples, layout and DOCX fixtures), and the page
# profiles they are laid out under.
SOURCES = (sorted(EXAMPLES.glob("*.sop.yaml")) + sorted((DATA / "layout").glob("*.sop.yaml"))
           + sorted((DATA / "docx").glob("*.sop.yaml")))
PROFILES = {
    "f4": {},
    "a4": {"kertas": "a4"},
    "a4-potret-6pt": {"kertas": "a4", "orientasi_alur": "potret", "ukuran_font": 6},
    "serif-9pt": {"font": "serif", "ukuran_font": 9},
}
