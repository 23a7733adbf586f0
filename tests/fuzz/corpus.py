"""Seeds, mutants and targeted attacks for the fuzz suite and ``bench/hostile.py``.

Everything is built deterministically at run time (no stored binaries): seeds from the examples
and the test fixtures, mutants from a seeded ``random.Random``, attacks from the descriptions of
the hostile-input run (decompression bombs, dense grids, huge spans, quadratic text). Each case is
``(name, suffix, bytes)``; :func:`run_cli` runs sopdoc on one in a child process with a memory and
time limit, as a user's shell would.
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "seed-000-distan-buleleng.sop.yaml"
LOOP_SOP = ROOT / "tests" / "data" / "execution" / "keputusan-loop.sop.yaml"
TEXT_SEED = ROOT / "tests" / "data" / "import" / "label-varian-dua-halaman.txt"
CORPUS = ROOT.parent / "shared" / "corpus"

MEMORY_LIMIT = 1024 ** 3  # 1 GiB of address space per input
TIME_LIMIT = 30.0  # seconds per input
EXIT_CODES = {0, 1, 2}  # documented: 0 clean, 1 findings / not everything done, 2 usage or unreadable input

_CHILD = (
    "import resource, sys\n"
    "limit = int(sys.argv[1])\n"
    "resource.setrlimit(resource.RLIMIT_AS, (limit, limit))\n"
    "from sopdoc.cli import main\n"
    "sys.exit(main(sys.argv[2:]))\n"
)


@dataclass(frozen=True)
class Outcome:
    """One child run: exit code (None on timeout), output, seconds, files left in the output folder."""

    code: int | None
    out: str
    seconds: float
    leftovers: tuple[str, ...] = ()

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.out or self.code not in EXIT_CODES | {None}

    @property
    def clean(self) -> bool:
        return self.code in EXIT_CODES and not self.traceback


def run_cli(args: list[str], cwd: Path, *, timeout: float = TIME_LIMIT, memory: int = MEMORY_LIMIT,
            out_dir: Path | None = None) -> Outcome:
    """``sopdoc ARGS`` in a child process limited to ``memory`` bytes and ``timeout`` seconds."""
    start = time.monotonic()
    try:
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(memory), *args], cwd=cwd, capture_output=True,
                              text=True, errors="replace", timeout=timeout, env=_env())
        code, out = proc.returncode, proc.stdout + proc.stderr
    except subprocess.TimeoutExpired as exc:
        code, out = None, f"timeout after {exc.timeout} s"
    left: tuple[str, ...] = ()
    if out_dir is not None and out_dir.is_dir() and code not in (0, None):  # the import report is meant to stay
        left = tuple(sorted(p.name for p in out_dir.iterdir() if not p.name.endswith((".import.txt", ".import.json"))))
    return Outcome(code, out, time.monotonic() - start, left)


def _env() -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("SOPDOC_")}
    env["PYTHONPATH"] = str(ROOT)
    return env


# --- seeds -----------------------------------------------------------------------------------

def seed_yaml() -> bytes:
    return EXAMPLE.read_bytes()


def seed_txt() -> bytes:
    return TEXT_SEED.read_bytes()


def _example_sop():
    from sopdoc.source.reader import load_sop

    sop = load_sop(EXAMPLE).sop
    assert sop is not None
    return sop


def seed_pdf() -> bytes:
    """sopdoc's own PDF of the example (with its YAML attachment)."""
    from sopdoc.layout.document import layout_sop
    from sopdoc.render.pdf import render_pdf

    sop = _example_sop()
    return render_pdf(sop, layout_sop(sop))


def seed_pdf_layout() -> bytes:
    """sopdoc's own PDF without the attachment: read back from the page geometry."""
    from sopdoc.layout.document import layout_sop
    from sopdoc.render.pdf import render_pdf

    sop = _example_sop()
    return render_pdf(sop, layout_sop(sop), attach=False)


def seed_pdf_foreign() -> bytes | None:
    """The smallest signed SOP of the shared corpus (a foreign PDF), when the corpus is there."""
    found = sorted(CORPUS.glob("*.pdf"), key=lambda p: p.stat().st_size) if CORPUS.is_dir() else []
    return found[0].read_bytes() if found else None


def seed_docx() -> bytes:
    from sopdoc.render.docx import docx_bytes

    return docx_bytes(_example_sop())


def seed_docx_foreign(tmp: Path) -> bytes:
    from tests.importers.docx.fixtures import docx_bentuk_drawingml

    return docx_bentuk_drawingml(tmp / "asing.docx").read_bytes()


def seed_xlsx() -> bytes:
    """A two-row log of the loop SOP (instance ``keputusan-loop-2026-TW3``)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["langkah", "oleh", "peran", "mulai", "selesai", "output"])
    ws.append([1, "Budi / 1980", "Kepala Dinas", "2026-10-01 08:00", "2026-10-01 08:20", "Surat"])
    ws.append([2, "Sari / 1985", "Kasubag Perencanaan", "2026-10-01 08:30", "2026-10-01 09:00", "Draf"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- mutants ---------------------------------------------------------------------------------

def mutate(data: bytes, rnd: random.Random) -> bytes:
    """One structural or byte-level damage: flips, truncation, a repeated or deleted chunk, junk."""
    if not data:
        return bytes(rnd.randrange(256) for _ in range(16))
    buf = bytearray(data)
    kind = rnd.randrange(6)
    if kind == 0:
        for _ in range(rnd.randint(1, 16)):
            buf[rnd.randrange(len(buf))] ^= 1 << rnd.randrange(8)
    elif kind == 1:
        del buf[rnd.randrange(len(buf)):]
    elif kind == 2:
        a = rnd.randrange(len(buf))
        b = min(len(buf), a + rnd.randint(1, 4096))
        buf[a:a] = buf[a:b] * rnd.randint(2, 8)
    elif kind == 3:
        a = rnd.randrange(len(buf))
        del buf[a:a + rnd.randint(1, 4096)]
    elif kind == 4:
        a = rnd.randrange(len(buf))
        buf[a:a] = bytes(rnd.choice(b"0123456789-.e NaN\n\t:,[]{}<>/") for _ in range(rnd.randint(1, 64)))
    else:
        for _ in range(rnd.randint(1, 8)):
            buf[rnd.randrange(len(buf))] = rnd.choice(b"\x00\xff0-9eE.")
    return bytes(buf)


def mutate_zip(data: bytes, rnd: random.Random) -> bytes:
    """Damage one XML part inside an OOXML zip (so the XML parsers see the damage, not only zipfile)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in src.namelist() if n.endswith(".xml")]
    victim = rnd.choice(names) if names else None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == victim:
                part = mutate(part, rnd)
            dst.writestr(info.filename, part)
    return out.getvalue()


def mutants(seed: bytes, count: int, salt: int, zipped: bool = False) -> list[bytes]:
    """``count`` deterministic mutants of ``seed`` (``salt`` picks the sequence)."""
    rnd = random.Random(salt)
    return [(mutate_zip if zipped and rnd.random() < 0.5 else mutate)(seed, rnd) for _ in range(count)]


# --- targeted attacks ------------------------------------------------------------------------

def _pdf(objects: list[bytes]) -> bytes:
    """A minimal PDF with a valid xref from object bodies (object 1 is the catalog)."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, len(objects), xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def attack_attachment_bomb() -> bytes:
    """A sopdoc PDF whose ``sop.sop.yaml`` attachment is FlateDecode twice (2 GB inflated)."""
    payload = _two_level_bomb()
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(sop.sop.yaml) 5 0 R] >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        _stream(b"BT /F1 12 Tf 72 720 Td (x) Tj ET"),
        b"<< /Type /Filespec /F (sop.sop.yaml) /EF << /F 6 0 R >> >>",
        _stream(payload, b"/Type /EmbeddedFile /Filter [/FlateDecode /FlateDecode]"),
        b"<< /Creator (sopdoc 0.1.0) /Producer (sopdoc) >>",
    ])


def _two_level_bomb() -> bytes:
    """zlib(zlib(1 GiB of zeros)) built without holding the gigabyte: ~1 MB inner, a few KB outer."""
    inner = zlib.compressobj(9)
    chunk = b"\0" * (1 << 20)
    parts = [inner.compress(chunk) for _ in range(1024)]
    parts.append(inner.flush())
    return zlib.compress(b"".join(parts), 9)


def attack_content_bomb() -> bytes:
    """A page whose content stream is 1 MB of deflate inflating to ~1 GB."""
    inner = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join([inner.compress(chunk) for _ in range(1000)] + [inner.flush()])
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        _stream(data, b"/Filter /FlateDecode"),
        b"<< /Producer (uji) >>",
    ])


def attack_dense_grid(pages: int = 1, cells: int = 150, pitch: float = 4.0) -> bytes:
    """``pages`` pages with five ``cells``×``cells`` grids of thin rules each (pdfplumber's table
    finder: minutes per page). The pitch is above pdfplumber's 3 pt snapping, which would
    otherwise merge the rules into a few edges and hide the attack."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    side = cells * pitch
    c = canvas.Canvas(buf, pagesize=(5 * (side + 20) + 20, side + 40))
    for _ in range(pages):
        c.setLineWidth(0.5)
        for g in range(5):
            ox = 20 + g * (side + 20)
            for i in range(cells + 1):
                c.line(ox + i * pitch, 20, ox + i * pitch, 20 + side)
                c.line(ox, 20 + i * pitch, ox + side, 20 + i * pitch)
            for i in range(cells):
                c.drawString(ox + i * pitch, 21 + i * pitch, "x")
        c.showPage()
    c.save()
    return buf.getvalue()


def _docx_with_table(tbl_xml: str) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{w}"><w:body>'
           f"{tbl_xml}</w:body></w:document>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", doc)
    return out.getvalue()


def attack_docx_gridspan() -> bytes:
    """A table without tblGrid whose cells span 1e8 columns."""
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="100000000"/></w:tcPr><w:p><w:r><w:t>NO</w:t></w:r></w:p></w:tc>'
    return _docx_with_table("<w:tbl>" + ("<w:tr>" + cell * 3 + "</w:tr>") * 20 + "</w:tbl>")


def attack_docx_nan() -> bytes:
    """Numbers that are not numbers: NaN spans, inf heights, huge widths and font sizes."""
    return _docx_with_table(
        '<w:tbl><w:tblGrid><w:gridCol w:w="NaN"/><w:gridCol w:w="1e999"/></w:tblGrid>'
        '<w:tr><w:trPr><w:trHeight w:val="inf"/><w:gridBefore w:val="-5"/></w:trPr>'
        '<w:tc><w:tcPr><w:gridSpan w:val="NaN"/></w:tcPr><w:p><w:r><w:rPr><w:sz w:val="99999999999999999999"/>'
        '</w:rPr><w:t>NO</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')


def attack_xlsx_bomb() -> bytes:
    """An XLSX whose sheet inflates ~1000:1 (1 MB → 1 GB)."""
    good = zipfile.ZipFile(io.BytesIO(seed_xlsx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in good.infolist():
            data = good.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
                    fh.write(data.replace(b"</worksheet>", b""))
                    pad = b"<!-- " + b" " * (1 << 20) + b" -->"
                    for _ in range(1000):
                        fh.write(pad)
                    fh.write(b"</worksheet>")
                continue
            z.writestr(info, data)
    return out.getvalue()


def attack_xlsx_xxe() -> bytes:
    """An XLSX whose shared strings declare an external entity."""
    good = zipfile.ZipFile(io.BytesIO(seed_xlsx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in good.infolist():
            data = good.read(info)
            if info.filename == "xl/workbook.xml":
                dtd = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                data = data.replace(b"?>", b"?>" + dtd, 1) if data.startswith(b"<?xml") else dtd + data
            z.writestr(info, data)
    return out.getvalue()


def attack_long_cell_txt() -> bytes:
    """A text SOP whose kelengkapan cell holds 40,000 U+3000 (quadratic split_items: 31 s)."""
    text = TEXT_SEED.read_text(encoding="utf-8")
    return (text + "\n" + "\u3000" * 40_000 + ",x\n").encode("utf-8")


def attack_huge_layout() -> bytes:
    """999 steps × 200 actors (63 s and 5.6 GB before a MemoryError)."""
    actors = [f"Pelaksana {i}" for i in range(200)]
    lines = ["sopdoc: 1", "identitas:", "  nama: Uji Tata Letak Besar", "  nomor: 1/2026",
             "pelaksana: [" + ", ".join(actors) + "]", "kegiatan:"]
    for i in range(1, 1000):
        lines += [f"  - no: {i}", f"    uraian: Langkah {i}", f"    pelaksana: [{actors[i % 200]}]"]
    return ("\n".join(lines) + "\n").encode("utf-8")


ATTACKS = {
    "pdf-lampiran-bom": (".pdf", attack_attachment_bomb),
    "pdf-isi-bom": (".pdf", attack_content_bomb),
    "pdf-kisi-padat": (".pdf", attack_dense_grid),
    "docx-gridspan-1e8": (".docx", attack_docx_gridspan),
    "docx-nan": (".docx", attack_docx_nan),
    "xlsx-bom": (".xlsx", attack_xlsx_bomb),
    "xlsx-xxe": (".xlsx", attack_xlsx_xxe),
    "txt-sel-panjang": (".txt", attack_long_cell_txt),
    "yaml-999x200": (".sop.yaml", attack_huge_layout),
}


# --- running one case the way a user would ----------------------------------------------------

INSTANCE = "keputusan-loop-2026-TW3"


def make_db(folder: Path) -> Path:
    """A log database with the loop SOP's period open (the target of ``log import``)."""
    db = folder / "dasar.db"
    if not db.exists():
        out = run_cli(["period", "open", str(LOOP_SOP), "--period", "2026-TW3", "--db", str(db)], folder)
        assert out.code == 0, out.out
    return db


def commands(suffix: str, file: Path, out_dir: Path, db: Path | None = None) -> list[list[str]]:
    """The CLI commands one input of this kind goes through."""
    if suffix == ".sop.yaml":
        return [["check", str(file)], ["render", str(file), "--to", "pdf,svg,docx", "-o", str(out_dir)]]
    if suffix in (".txt", ".pdf", ".docx"):
        return [["check", str(file)], ["import", str(file), "-o", str(out_dir)]]
    if suffix == ".xlsx":
        assert db is not None
        return [["log", "import", INSTANCE, str(file), "--dicatat-oleh", "uji", "--db", str(db)]]
    if suffix == ".db":
        return [["log", "list", INSTANCE, "--db", str(file)], ["period", "status", INSTANCE, "--db", str(file)]]
    raise ValueError(suffix)


def run_case(name: str, suffix: str, data: bytes, folder: Path, *, timeout: float = TIME_LIMIT,
             base_db: Path | None = None) -> list[tuple[list[str], Outcome]]:
    """Write ``data`` to ``folder/name+suffix`` and run every command of its kind on it."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    file = folder / f"{name}{suffix}"
    file.write_bytes(data)
    db = None
    if suffix == ".xlsx":
        db = folder / f"{name}.db"
        shutil.copyfile(base_db or make_db(folder), db)
    results = []
    for k, args in enumerate(commands(suffix, file, folder / f"{name}-out{0}", db)):
        out_dir = folder / f"{name}-out{k}"
        args = [a if a != str(folder / f"{name}-out0") else str(out_dir) for a in args]
        results.append((args, run_cli(args, folder, timeout=timeout, out_dir=out_dir)))
    return results


def seeds(tmp: Path) -> dict[str, tuple[str, bytes, bool]]:
    """Every seed by format: (suffix, bytes, zipped). The mutants of tests/fuzz and bench/hostile.py
    start from these."""
    found = {
        "yaml": (".sop.yaml", seed_yaml(), False),
        "txt": (".txt", seed_txt(), False),
        "pdf": (".pdf", seed_pdf(), False),
        "pdf-tata-letak": (".pdf", seed_pdf_layout(), False),
        "docx": (".docx", seed_docx(), True),
        "docx-asing": (".docx", seed_docx_foreign(tmp), True),
        "xlsx": (".xlsx", seed_xlsx(), True),
    }
    foreign = seed_pdf_foreign()
    if foreign is not None:
        found["pdf-asing"] = (".pdf", foreign, False)
    return found
