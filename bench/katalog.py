"""Benchmark of issue #18 points 5–7: ``sopdoc katalog`` over a generated catalogue of mixed formats.

    .venv/bin/python bench/katalog.py [--sops 1000] [--5k] [--20k] [--no-cluster] [--check-memory]

Generates ``--sops`` SOPs into a temporary folder: 80 % ``*.sop.yaml`` variants of examples/ (other
agencies and units, rewritten step texts, Keterkaitan naming other SOPs of the catalogue or none,
one in ten a copy of an earlier SOP pasted into another unit), 8 % our own PDFs and 8 % our own DOCX
rendered from such variants, 4 % copies of the foreign corpus PDFs and the Basarnas XLSX
(tests/data/). Scans are added only on request (``--scans K`` copies K scanned PDFs from
``../shared/corpus/scanned`` into the catalogue, cycling): OCR takes seconds a page, so the bench
prints the run with and without them rather than hide them in the 1,000.

Prints, per size: wall time and peak RSS (the largest single process, parent or worker) of
``sopdoc katalog DIR`` writing PDF, DOCX, XLSX and JSON with 1 and with 2 local workers, and on a
2-worker Dask LocalCluster (results compared byte for byte with the local JSON). ``--check-memory``
adds the peak RSS of ``sopdoc check DIR --format json`` (streamed) at 1,000 and 5,000 YAML SOPs.
Target: 1,000 SOPs checked and reported in ≤ 90 s on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sopdoc.layout import layout_sop  # noqa: E402
from sopdoc.layout.profile import PageProfile  # noqa: E402
from sopdoc.model.sop import Sop  # noqa: E402
from sopdoc.render.docx import docx_bytes  # noqa: E402
from sopdoc.render.pdf import render_pdf  # noqa: E402
from sopdoc.source.reader import load_sop  # noqa: E402
from sopdoc.source.writer import sop_to_yaml  # noqa: E402

SOPDOC = str(Path(sys.executable).parent / "sopdoc")
DATA = ROOT / "tests" / "data"
FOREIGN = [*sorted((DATA / "corpus").glob("*.pdf")), DATA / "xlsx" / "basarnas-penerimaan-berita-call-115.xlsx"]
AGENCIES = [f"{kind} {place}" for kind in ("DINAS PENDIDIKAN", "DINAS KESEHATAN", "BAPPEDA", "DINAS SOSIAL",
                                           "BADAN KEPEGAWAIAN DAERAH", "DINAS PERHUBUNGAN", "INSPEKTORAT")
            for place in ("KABUPATEN BULELENG", "KOTA MATARAM", "KABUPATEN BALANGAN", "KOTA BENGKULU",
                          "KABUPATEN LOMBOK TIMUR", "PROVINSI KALIMANTAN BARAT")]
UNITS = ["SEKRETARIAT", "BIDANG PERENCANAAN", "SUBBAGIAN UMUM DAN KEPEGAWAIAN", "BIDANG PELAYANAN",
         "SUBBAGIAN KEUANGAN", "BIDANG PENGENDALIAN"]
VOCAB = (
    "menyusun", "memeriksa", "mengirim", "menerima", "mencatat", "mengarsipkan", "memverifikasi",
    "merekapitulasi", "menandatangani", "mendisposisikan", "surat", "laporan", "data", "dokumen", "usulan",
    "anggaran", "rencana", "kegiatan", "berkas", "permohonan", "kepala", "bidang", "sekretaris", "bendahara",
    "pegawai", "pemohon", "aplikasi", "rapat", "triwulan", "semester", "tahunan", "harian", "keuangan",
    "kinerja", "aset", "barang", "jasa", "kontrak", "perjalanan", "dinas", "cuti", "izin", "pengaduan",
    "informasi", "publik",
)
WRAP = ("import resource, subprocess, sys\n"
        "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode\n"
        "print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def _rewrite(text: str, rng: random.Random) -> str:
    words = text.split()
    out = [rng.choice(VOCAB) if rng.random() < 0.5 else w for w in words]
    return " ".join([*out, *(rng.choice(VOCAB) for _ in range(rng.randint(0, 4)))])


def _variant(seed: Sop, i: int, rng: random.Random, names: list[str], copy_of: Sop | None) -> Sop:
    agency = rng.choice(AGENCIES)
    ident = seed.identitas.model_copy(update={
        "instansi": ("PEMERINTAH DAERAH", agency), "unit": rng.choice(UNITS),
        "nama": f"{seed.identitas.nama or 'SOP'} {i:05d}",
        "nomor": f"{rng.randint(1, 999):03d}/{i}/{rng.randint(2019, 2025)}",
    })
    steps = copy_of.kegiatan if copy_of is not None else tuple(
        k.model_copy(update={"uraian": _rewrite(k.uraian, rng)}) for k in seed.kegiatan)
    links = [f"SOP {rng.choice(names)}" for _ in range(rng.randint(0, 2)) if names]
    if rng.random() < 0.5:
        links.append(f"SOP Tidak Terdaftar {rng.randrange(1000)}")
    return seed.model_copy(update={"identitas": ident, "kegiatan": steps, "keterkaitan": tuple(links) or None})


SCANS_DIR = ROOT.parent / "shared" / "corpus" / "scanned"
SCANS = sorted(SCANS_DIR.glob("*.pdf"))


def generate(folder: Path, n: int, *, yaml_only: bool = False, scans: int = 0) -> dict[str, int]:
    """Write ``n`` SOP files into ``folder`` (plus ``scans`` scanned PDFs); returns the count per format."""
    seeds = [s for s in (load_sop(p).sop for p in sorted((ROOT / "examples").glob("*.sop.yaml"))) if s is not None]
    rng = random.Random(18_2026)
    profile = PageProfile()
    made: list[Sop] = []
    names: list[str] = []
    counts = {"yaml": 0, "pdf": 0, "docx": 0, "foreign": 0, "scan": 0}
    if scans and not SCANS:
        raise SystemExit(f"--scans needs the scanned corpus at {SCANS_DIR}")
    for i in range(scans):
        src = SCANS[i % len(SCANS)]
        scan_dir = folder / "pindaian"
        scan_dir.mkdir(exist_ok=True)
        shutil.copy(src, scan_dir / f"{i:03d}-{src.name}")
        counts["scan"] += 1
    for i in range(n):
        unit_dir = folder / f"unit-{i % 37:02d}"
        unit_dir.mkdir(exist_ok=True)
        roll = 0.0 if yaml_only else rng.random()
        if roll >= 0.96:
            src = FOREIGN[i % len(FOREIGN)]
            shutil.copy(src, unit_dir / f"{i:05d}-{src.name}")
            counts["foreign"] += 1
            continue
        copy_of = made[rng.randrange(len(made))] if made and rng.random() < 0.1 else None
        sop = _variant(seeds[i % len(seeds)], i, rng, names, copy_of)
        made.append(sop)
        if len(made) > 200:
            made.pop(0)
        names.append(sop.identitas.nama or "")
        stem = unit_dir / f"sop-{i:05d}"
        if roll < 0.80:
            stem.with_suffix(".sop.yaml").write_text(sop_to_yaml(sop), encoding="utf-8")
            counts["yaml"] += 1
        elif roll < 0.88:
            stem.with_suffix(".pdf").write_bytes(render_pdf(sop, layout_sop(sop, profile), canonical=sop_to_yaml(sop)))
            counts["pdf"] += 1
        else:
            stem.with_suffix(".docx").write_bytes(docx_bytes(sop, profile=profile, canonical=sop_to_yaml(sop)))
            counts["docx"] += 1
    return counts


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB of the largest process, exit code (run outside the source
    tree, so that PYTHONPATH decides which sopdoc is imported)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", WRAP, *cmd], env=env, capture_output=True, text=True, check=False,
                          cwd=tempfile.gettempdir())
    wall = time.perf_counter() - start
    rc, rss_kib = proc.stdout.split()
    if int(rc) not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr}")
    return wall, int(rss_kib) / 1024, int(rc)


def run_size(n: int, cluster: bool, worker_counts: tuple[int, ...] = (1, 2), scans: int = 0) -> None:
    env = {**os.environ, "SOPDOC_PROGRESS": "0"}
    with tempfile.TemporaryDirectory(prefix="sopdoc-katalog-") as tmp:
        cat, out = Path(tmp) / "katalog", Path(tmp) / "out"
        cat.mkdir()
        start = time.perf_counter()
        counts = generate(cat, n, scans=scans)
        print(f"katalog {n}: generated {counts} in {time.perf_counter() - start:.1f} s")
        base = [SOPDOC, "katalog", str(cat), "--per", "2026-11-30"]
        results = {}
        for workers in worker_counts:
            wall, rss, _rc = measure([*base, "-o", str(out / f"w{workers}")], {**env, "SOPDOC_WORKERS": str(workers)})
            results[workers] = wall
            print(f"  {workers} worker(s): {wall:.1f} s ({n / wall:.0f} SOPs/s), peak RSS {rss:.0f} MiB")
        if len(results) == 2:
            print(f"  speed-up 1 → 2 cores: {results[1] / results[2]:.2f}×")
        doc = json.loads((out / f"w{worker_counts[-1]}" / "katalog.json").read_text(encoding="utf-8"))
        print(f"  report: {doc['ringkasan']}")
        if cluster:
            from distributed import LocalCluster

            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as lc:
                wall, rss, _rc = measure([*base, "-o", str(out / "dask"), "--format", "json",
                                          "--dask", lc.scheduler_address], env)
            local = out / f"w{worker_counts[-1]}" / "katalog.json"
            same = (out / "dask" / "katalog.json").read_bytes() == local.read_bytes()
            print(f"  Dask LocalCluster, 2 worker processes (JSON only): {wall:.1f} s, client peak RSS {rss:.0f} MiB, "
                  f"JSON identical to the local run: {same}")
            if not same:
                raise SystemExit("the cluster run differs from the local run")


def check_memory(sizes: list[int], base_tree: str | None) -> None:
    """Peak RSS of ``sopdoc check DIR --format json``; with ``base_tree`` (an unpacked older
    ``sopdoc/`` tree, e.g. ``git archive <commit> sopdoc templates schemas``) also of that tree."""
    env = {**os.environ, "SOPDOC_PROGRESS": "0"}
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="sopdoc-check-") as tmp:
            generate(Path(tmp), n, yaml_only=True)
            for label, extra in (("streamed", {}), ("base tree", {"PYTHONPATH": base_tree or ""})):
                if label == "base tree" and not base_tree:
                    continue
                cmd = [sys.executable, "-m", "sopdoc", "check", tmp, "--format", "json"]
                wall, rss, _rc = measure(cmd, {**env, **extra})
                print(f"check ({label}) {n} SOPs: {wall:.1f} s, peak RSS {rss:.0f} MiB")


def aggregate_scaling(sizes: list[int]) -> None:
    """The aggregating side alone (no import, no check): synthetic records of 10 steps fed to
    :class:`Katalog`, then the report built and written as JSON; time and traced peak memory, to
    show that the duplicate index, the reference index and the rows grow linearly."""
    import tracemalloc

    from sopdoc.katalog.aggregate import Katalog
    from sopdoc.katalog.record import SopRecord
    from sopdoc.katalog.similar import minhash, step_key
    from sopdoc.katalog.writers import report_json

    for n in sizes:
        rng = random.Random(n)
        records = []
        for i in range(n):
            steps = [_rewrite("menyusun laporan kinerja triwulan kepada kepala bidang", rng) for _ in range(10)]
            if i > 10 and rng.random() < 0.05:
                steps = list(records[rng.randrange(i - 10, i)][1])  # a copy
            keys = tuple((no, k, t) for no, t in enumerate(steps, 1) if (k := step_key(t)) is not None)
            rec = SopRecord(f"u{i % 50}/sop-{i}.sop.yaml", None, "yaml", True, f"SOP {i}", f"{i}/X/2024",
                            rng.choice(AGENCIES), rng.choice(UNITS), "2023-01-02", None, "2023-01-09", True, 10,
                            1, 3, 0, (("SOP102", "error", 1), ("SOP301", "warning", 3)), (), 0,
                            (f"SOP {rng.randrange(n)}", "SOP Tidak Ada"), minhash(steps), keys)
            records.append((rec, steps))
        tracemalloc.start()
        start = time.perf_counter()
        cat = Katalog("bench", years=2)
        for rec, _steps in records:
            cat.add_file((rec,))
        data = report_json(cat.finish())
        wall = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        print(f"aggregate {n} SOPs: {wall:.2f} s ({wall / n * 1e6:.0f} µs per SOP), traced peak {peak:.0f} MiB "
              f"({peak / n * 1024:.1f} KiB per SOP, JSON {len(data) / 2**20:.0f} MiB included)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sops", type=int, default=1000)
    parser.add_argument("--5k", dest="five", action="store_true", help="also 5,000 SOPs")
    parser.add_argument("--20k", dest="twenty", action="store_true", help="also 20,000 SOPs")
    parser.add_argument("--scans", type=int, default=0, metavar="K",
                        help="also put K scanned PDFs of ../shared/corpus/scanned in the catalogue (OCR)")
    parser.add_argument("--no-cluster", action="store_true", help="skip the Dask LocalCluster run")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="local worker counts to time")
    parser.add_argument("--check-memory", action="store_true", help="peak RSS of `sopdoc check` at 1k and 5k")
    parser.add_argument("--base-tree", help="with --check-memory: an older sopdoc tree to compare with")
    parser.add_argument("--only-check-memory", action="store_true", help="skip the katalog runs")
    parser.add_argument("--aggregate", type=int, nargs="*", metavar="N",
                        help="only the aggregating side at these sizes (default 1000 5000 20000)")
    args = parser.parse_args()
    try:
        import distributed  # noqa: F401
        cluster = not args.no_cluster
    except ImportError:
        cluster = False
        print("dask.distributed not installed: cluster run skipped (pip install 'sopdoc[dask]')")
    if args.aggregate is not None:
        aggregate_scaling(args.aggregate or [1000, 5000, 20000])
        return
    if not args.only_check_memory:
        for n in [args.sops, *([5000] if args.five else []), *([20000] if args.twenty else [])]:
            run_size(n, cluster, tuple(args.workers), args.scans)
    if args.check_memory or args.only_check_memory:
        check_memory([1000, 5000], args.base_tree)


if __name__ == "__main__":
    main()
