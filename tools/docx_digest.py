"""Digest of every XML part of the DOCX the painter writes, over a fixed set of SOPs.

    .venv/bin/python tools/docx_digest.py > before.txt      # before changing the DOCX painter
    .venv/bin/python tools/docx_digest.py > after.txt       # after
    diff before.txt after.txt                               # must be empty
    .venv/bin/python tools/docx_digest.py --check before.txt  # the same, exit 1 on a difference

A guard for work on the DOCX painter's speed (``sopdoc/render/docx*.py``, ``_ooxml.py``,
``sopdoc/ooxml/``): such a change must not alter a single byte of any part. The documents are
every ``examples/*.sop.yaml`` plus 30 generated SOPs (fixed seeds: long texts, many actors, joint
steps, decisions with loops and forward jumps, continuation rows over several pages, worksheets,
unsigned SOPs with the DRAFT watermark) under several page profiles (F4/A4, serif, portrait
flowchart, small fonts, a logo, a redline fill), plus each example rendered twice in a row in one
process (a cache must not leak one document into the next), through the shipped template named
as a user's template (its own identity table kept) and through a user's template (rendered in
the sandbox's child process). Each line is ``document member
sha256``, one per zip member in archive order, so a difference names the part; the zip's own
bytes (compression, member dates) are not compared. The SOPs are built here from the model, so the
digests stay put when the examples change only if the examples do not; regenerate the "before"
file from the unchanged tree when comparing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import random
import struct
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sopdoc.layout.profile import Orientation, PageProfile  # noqa: E402
from sopdoc.model.sop import (  # noqa: E402
    Cabang,
    Identitas,
    Kegiatan,
    LangkahKerja,
    LembarKerja,
    MutuBaku,
    Pengesahan,
    Simbol,
    Sop,
)
from sopdoc.render.docx import docx_bytes  # noqa: E402
from sopdoc.source.reader import load_sop  # noqa: E402

SEEDS = range(30)

_WORD_TEXT = ("menyusun menerima memeriksa memverifikasi mendisposisikan menandatangani mengarsipkan "
         "menyampaikan laporan kinerja triwulan dokumen surat permohonan data rekapitulasi anggaran "
         "kegiatan bidang sekretariat dinas kabupaten provinsi pelayanan perizinan berusaha terintegrasi "
         "secara elektronik berdasarkan peraturan daerah nomor tahun tentang pengelolaan keuangan "
         "pemerintahan administrasi kepegawaian usulan kenaikan pangkat berkala penilaian "
         "pertanggungjawaban-keuangan tindak-lanjut hasil-pemeriksaan (draf) \"final\" <revisi> & 50% "
         "Rp1.500.000,00 s.d. 3/IV-b")
WORDS = tuple(_WORD_TEXT.split())

JABATAN = ("Kepala Dinas", "Sekretaris", "Kepala Bidang Perencanaan dan Evaluasi", "Kasubag Umum dan Kepegawaian",
           "Kasubag Program", "Staf Pelaksana", "Bendahara Pengeluaran", "Pejabat Pembuat Komitmen",
           "Kepala Seksi Pelayanan Perizinan Berusaha", "Analis Kebijakan Ahli Muda", "Pengadministrasi Umum",
           "Tim Teknis", "Pemohon")


def _text(rnd: random.Random, lo: int, hi: int) -> str:
    words = [rnd.choice(WORDS) for _ in range(rnd.randint(lo, hi))]
    return " ".join(words).capitalize()


def _waktu(rnd: random.Random) -> str | None:
    return rnd.choice((None, "15 menit", "1 jam", "2 hari kerja", "1 - 5 hari kerja", "paling lambat 17 hari kerja",
                       "30 menit"))


def generated_sop(seed: int) -> Sop:
    """A random but fixed SOP for ``seed`` (3 to 45 steps, 1 to 9 actors; one in four unsigned,
    one in four with a step longer than a page, one in five with a worksheet)."""
    rnd = random.Random(seed)
    n_actors = rnd.randint(1, 9)
    actors = tuple(rnd.sample(JABATAN, n_actors))
    n = rnd.randint(3, 45)
    long_texts = seed % 3 == 0
    steps = []
    for i in range(1, n + 1):
        joint = n_actors > 1 and rnd.random() < 0.15
        who = tuple(sorted(rnd.sample(actors, rnd.randint(2, min(3, n_actors))), key=actors.index)) if joint \
            else (rnd.choice(actors),)
        decision = 2 < i < n - 1 and rnd.random() < 0.2
        cabang = None
        if decision:
            back = rnd.randint(1, i - 1)
            fwd = rnd.randint(i + 1, n)
            cabang = Cabang(ya=fwd if rnd.random() < 0.7 else None, tidak=back,
                            label_ya=rnd.choice((None, "Lengkap", "Setuju")),
                            label_tidak=rnd.choice((None, "Tidak lengkap", "Perbaiki")))
        simbol = Simbol.TERMINATOR if i in (1, n) else (Simbol.KEPUTUSAN if decision else Simbol.PROSES)
        uraian = _text(rnd, 20, 60) if long_texts and rnd.random() < 0.5 else _text(rnd, 3, 14)
        kelengkapan = tuple(_text(rnd, 1, 12 if long_texts else 5) for _ in range(rnd.randint(0, 4)))
        if seed % 4 == 3 and i == n // 2:  # a step taller than a page: continuation rows
            uraian = _text(rnd, 300, 500)
            kelengkapan = tuple(_text(rnd, 5, 20) for _ in range(25))
        steps.append(Kegiatan(
            no=i, uraian=uraian, pelaksana=who, simbol=simbol, cabang=cabang,
            mutu_baku=MutuBaku(kelengkapan=kelengkapan, waktu=_waktu(rnd),
                               output=_text(rnd, 1, 8) if rnd.random() < 0.85 else None),
            keterangan=_text(rnd, 1, 10) if rnd.random() < 0.2 else None))
    signed = seed % 4 != 1
    lembar = None
    if seed % 5 == 2:
        lembar = LembarKerja(judul_sop=_text(rnd, 2, 6), jenis_kegiatan="Pelayanan", ruang_lingkup=_text(rnd, 4, 20),
                             judul_kegiatan=_text(rnd, 2, 8),
                             langkah=tuple(LangkahKerja(no=k + 1, tahap=("awal", "utama", "akhir")[min(k, 2)],
                                                        uraian=_text(rnd, 3, 15)) for k in range(rnd.randint(1, 6))))
    boxes = {key: tuple(_text(rnd, 3, 30 if long_texts else 10) for _ in range(rnd.randint(0, 6)))
             for key in ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan",
                         "peringatan", "pencatatan_pendataan")}
    return Sop(
        identitas=Identitas(
            instansi=("PEMERINTAH KABUPATEN CONTOH", _text(rnd, 2, 8 if long_texts else 4).upper()),
            unit=_text(rnd, 1, 4).upper() if rnd.random() < 0.5 else None,
            alamat=_text(rnd, 3, 12) if rnd.random() < 0.5 else None,
            nomor=f"800/{seed:03d}/DIN/2026" if rnd.random() < 0.9 else None,
            nama=_text(rnd, 2, 20 if long_texts else 6),
            tanggal_pembuatan=dt.date(2026, 1, 1 + seed % 28),
            tanggal_efektif=dt.date(2026, 2, 1 + seed % 28) if signed else None,
            disahkan_oleh=Pengesahan(jabatan=f"Kepala {_text(rnd, 2, 9)}", nama="Drs. Contoh Nama, M.Si.",
                                     nip="19690412 199403 1 007", pangkat="Pembina (IV/a)") if signed else None),
        judul_flowchart=_text(rnd, 2, 8) if rnd.random() < 0.5 else None,
        pelaksana=actors, kegiatan=tuple(steps), lembar_kerja=lembar, **boxes)


def _png(width: int = 4, height: int = 6) -> bytes:
    """A tiny grey RGB PNG (the logo of one profile)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _profiles(logo: str) -> list[tuple[str, PageProfile]]:
    return [
        ("f4", PageProfile()),
        ("a4-serif-9", PageProfile(kertas="a4", font="serif", ukuran_font=9.0)),
        ("a4-potret-6", PageProfile(kertas="a4", orientasi_alur=Orientation.PORTRAIT, ukuran_font=6.0)),
        ("f4-logo", PageProfile(logo=logo)),
    ]


def _yellow(page, cell) -> str | None:
    """A redline-like fill: every second row's Kegiatan cell."""
    return "FFEB8C" if cell.row % 2 == 0 and cell.role == "kegiatan" else None


def _user_template(folder: Path) -> Path:
    """A user's template (python-docx's blank document with a few tags; fixed dates, so that the
    digests do not change from run to run): it renders in the sandbox's child process."""
    from docx import Document

    doc = Document()
    for text in ("SOP {{ nama }} nomor {{ nomor }}", "{%p for d in dasar_hukum %}", "{{ d }}", "{%p endfor %}"):
        doc.add_paragraph(text)
    when = dt.datetime(2026, 1, 1)
    doc.core_properties.created = doc.core_properties.modified = when
    path = folder / "user.docx"
    doc.save(str(path))
    return path


def documents(folder: Path, logo: str) -> Iterator[tuple[str, bytes]]:
    """(name, DOCX bytes) of every document of the digest, in a fixed order."""
    profiles = _profiles(logo)
    user = _user_template(folder)
    for path in sorted((ROOT / "examples").glob("*.sop.yaml")):
        sop = load_sop(path).sop
        assert sop is not None, path
        for pname, profile in profiles:
            yield f"{path.name}:{pname}", docx_bytes(sop, profile=profile)
        yield f"{path.name}:f4:again", docx_bytes(sop)
        yield f"{path.name}:f4:fills", docx_bytes(sop, fills=_yellow)
        yield f"{path.name}:f4:template-sop.docx", docx_bytes(sop, template=ROOT / "templates" / "sop.docx")
        yield f"{path.name}:f4:template-user", docx_bytes(sop, template=user)
    for seed in SEEDS:
        sop = generated_sop(seed)
        pname, profile = profiles[seed % len(profiles)]
        yield f"seed-{seed:02d}:{pname}", docx_bytes(sop, profile=profile)


def digest_lines() -> Iterator[str]:
    """One ``document member sha256`` line per zip member of every document."""
    with tempfile.TemporaryDirectory() as tmp:
        logo = Path(tmp) / "logo.png"
        logo.write_bytes(_png())
        for name, data in documents(Path(tmp), str(logo)):
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                for info in zf.infolist():
                    yield f"{name} {info.filename} {hashlib.sha256(zf.read(info)).hexdigest()}"


def main() -> int:
    """Print the digests, or compare them with a saved file (``--check``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", type=Path, help="a saved output to compare with (exit 1 on any difference)")
    args = parser.parse_args()
    lines = list(digest_lines())
    if args.check is None:
        print("\n".join(lines))
        return 0
    saved = args.check.read_text(encoding="utf-8").splitlines()
    if saved == lines:
        print(f"identical: {len(lines)} parts")
        return 0
    old, new = set(saved), set(lines)
    for line in [x for x in saved if x not in new][:20]:
        print(f"- {line}")
    for line in [x for x in lines if x not in old][:20]:
        print(f"+ {line}")
    print(f"DIFFERENT: {len(old - new)} of {len(saved)} saved parts changed or gone, {len(new - old)} new")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
