"""Hypothesis strategies for SOP models, shared by the whole suite.

``sops()`` builds valid SOPs with 1–``max_steps`` steps and 1–``max_actors`` actors, decisions
pointing forward and backward, long texts and odd characters; ``absurd=True`` also lets steps
name unknown actors, duplicate numbers, dangling branch targets and unreadable waktu.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from sopdoc.model.sop import (
    Cabang,
    Identitas,
    Kegiatan,
    LangkahKerja,
    LembarKerja,
    MutuBaku,
    PenanggungJawab,
    Pengesahan,
    Periode,
    Simbol,
    Sop,
)
from sopdoc.model.waktu import parse_waktu

_WORDS = st.sampled_from(
    ["Menyusun", "Memeriksa", "laporan", "kinerja", "triwulan", "data", "Kepala", "Bidang", "Sekretaris", "draf",
     "dokumen", "rekapitulasi", "menyampaikan", "mengolah", "SKPD", "LKjIP", "&", "<b>", '"kutip"', "'x'", "ümlaut",
     "数据", "—", "–", "ﬁ"]
)
text = st.lists(_WORDS, min_size=1, max_size=12).map(" ".join)
long_text = st.one_of(text, st.lists(_WORDS, min_size=30, max_size=120).map(" ".join))
free_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)

WAKTU_TEXTS = st.sampled_from([
    "30 menit", "60 Menit", "2 jam", "1,5 jam", "1 hari kerja", "5 Hari", "1 - 5 hari kerja",
    "1 x 24 jam", "paling lambat 17 hari kerja", "2 minggu", "3 bulan", "15 menit", "10 Menit",
])
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31))


@st.composite
def sops(draw: st.DrawFn, max_steps: int = 20, max_actors: int = 6, absurd: bool = False,
         texts: st.SearchStrategy[str] = text) -> Sop:
    """A generated SOP (see module docstring)."""
    n_actors = draw(st.integers(1, max_actors))
    actors = tuple(f"{draw(st.sampled_from(['Kepala', 'Staf', 'Kasubag', 'Sekretaris']))} {i + 1}"
                   for i in range(n_actors))
    n = draw(st.integers(1, max_steps))
    steps = []
    for i in range(1, n + 1):
        simbol = Simbol.TERMINATOR if i in (1, n) else draw(
            st.sampled_from([Simbol.PROSES, Simbol.PROSES, Simbol.KEPUTUSAN]))
        cabang = None
        if simbol is Simbol.KEPUTUSAN:
            back = draw(st.integers(1, i))
            fwd = min(i + 1, n)
            cabang = Cabang(ya=fwd, tidak=back)
            if absurd and draw(st.booleans()):
                cabang = Cabang(ya=draw(st.integers(-5, n + 5)), tidak=None)
        pel = (draw(st.sampled_from(actors)),)
        if absurd and draw(st.integers(0, 9)) == 0:
            pel = draw(st.sampled_from([(), ("Tidak Ada",), actors]))
        waktu_text = draw(WAKTU_TEXTS)
        if absurd and draw(st.integers(0, 5)) == 0:
            waktu_text = draw(free_text)
        waktu = None if draw(st.integers(0, 9)) == 0 else parse_waktu(waktu_text)
        steps.append(Kegiatan(
            no=draw(st.integers(-3, n + 3)) if absurd and draw(st.integers(0, 9)) == 0 else i,
            uraian=draw(texts if not absurd else st.one_of(texts, free_text)),
            pelaksana=pel,
            simbol=None if absurd and draw(st.integers(0, 9)) == 0 else simbol,
            cabang=cabang,
            mutu_baku=MutuBaku(
                kelengkapan=tuple(draw(st.lists(text, max_size=3))),
                waktu=waktu,
                output=draw(st.one_of(st.none(), text)),
            ),
            keterangan=draw(st.one_of(st.none(), st.just("-"), text)),
        ))
    made = draw(st.one_of(st.none(), dates))
    ident = Identitas(
        instansi=tuple(draw(st.lists(text, max_size=3))),
        nomor=draw(st.one_of(st.none(), st.just("800/045/DPLH/2023"), free_text if absurd else text)),
        nama=draw(st.one_of(st.none(), text)),
        tanggal_pembuatan=made,
        tanggal_revisi=draw(st.one_of(st.none(), dates)),
        tanggal_efektif=draw(st.one_of(st.none(), dates)),
        disahkan_oleh=draw(st.one_of(st.none(), st.builds(
            Pengesahan,
            jabatan=st.one_of(st.none(), text),
            nama=st.one_of(st.none(), text),
            nip=st.one_of(st.none(), st.just("19650215 199703 1 003"), st.text("0123456789 .", max_size=22)),
            pangkat=st.one_of(st.none(), st.just("Pembina Tk. I (IV/b)")),
        ))),
    )
    box = st.one_of(st.none(), st.lists(text, max_size=4).map(tuple))
    lembar = draw(st.one_of(st.none(), st.builds(
        LembarKerja, judul_sop=st.one_of(st.none(), text), jenis_kegiatan=st.sampled_from(["Rutin", "Pelayanan", "x"]),
        penanggung_jawab=st.one_of(st.none(), st.builds(PenanggungJawab, produk=st.one_of(st.none(), text),
                                                        kegiatan=st.one_of(st.none(), text))),
        ruang_lingkup=st.one_of(st.none(), text), langkah_utama=st.one_of(st.none(), long_text),
        langkah=st.lists(st.builds(LangkahKerja, no=st.integers(1, 9),
                                   tahap=st.sampled_from(["awal", "utama", "akhir"]),
                                   uraian=text), max_size=4).map(tuple))))
    return Sop(
        identitas=ident,
        dasar_hukum=draw(box), kualifikasi_pelaksana=draw(box), keterkaitan=draw(box),
        peralatan_perlengkapan=draw(box), peringatan=draw(box), pencatatan_pendataan=draw(box),
        periode=draw(st.one_of(st.none(), st.sampled_from(list(Periode)))),
        judul_flowchart=draw(st.one_of(st.none(), text)),
        pelaksana=actors,
        kegiatan=tuple(steps),
        lembar_kerja=lembar,
    )
