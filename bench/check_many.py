"""Benchmark: ``sopdoc check`` over 1,000 varied SOPs in one process (target < 10 s, ≥ 100 SOPs/s).

Generates the SOPs from examples/*.sop.yaml into a temporary folder (renamed titles, shuffled
waktu, dropped or repeated steps, removed fields), then runs the CLI three times and prints the
median wall time and SOPs per second, and the CPU time of the process and its workers.
``--base PATH`` times another installation's ``sopdoc`` (e.g. the pre-restructure tree's
``.venv/bin/sopdoc``) on the same SOPs, alternating with this tree's runs, and prints the ratios.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
N = 1000
RUNS = 3


def _vary(sop, rng: random.Random):  # type: ignore[no-untyped-def]
    from sopdoc.model.sop import MutuBaku
    from sopdoc.model.waktu import parse_waktu

    steps = list(sop.kegiatan)
    if len(steps) > 3 and rng.random() < 0.3:
        del steps[rng.randrange(1, len(steps) - 1)]
    if rng.random() < 0.3:
        steps.append(steps[rng.randrange(len(steps))])
    new_steps = []
    for step in steps:
        waktu = rng.choice(
            ["15 menit", "2 Menit", "1 jam", "3 hari kerja", "120 Hari", "660 menit", "1 - 5 hari kerja"]
        )
        mb = MutuBaku(kelengkapan=step.mutu_baku.kelengkapan, waktu=parse_waktu(waktu), output=step.mutu_baku.output)
        new_steps.append(step.model_copy(update={"mutu_baku": mb}))
    ident = sop.identitas.model_copy(update={"nama": f"{sop.identitas.nama or 'SOP'} {rng.randrange(10_000)}"})
    return sop.model_copy(
        update={
            "identitas": ident,
            "kegiatan": tuple(new_steps),
            "dasar_hukum": None if rng.random() < 0.1 else sop.dasar_hukum,
        }
    )


def generate(folder: Path) -> int:
    """Write N varied SOPs into ``folder``; returns the count."""
    from sopdoc.source.reader import load_sop
    from sopdoc.source.writer import sop_to_yaml

    seeds = [s for s in (load_sop(p).sop for p in sorted((ROOT / "examples").glob("*.sop.yaml"))) if s is not None]
    rng = random.Random(35_2012)
    for i in range(N):
        sop = _vary(seeds[i % len(seeds)], rng)
        (folder / f"sop-{i:04d}.sop.yaml").write_text(sop_to_yaml(sop), encoding="utf-8")
    return N


def _run(sopdoc: str, folder: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU time (the process and its workers) of one ``sopdoc check`` over ``folder``."""
    before = os.times()
    start = time.perf_counter()
    proc = subprocess.run([sopdoc, "check", str(folder), "--format", "json"], capture_output=True, check=False,
                          env=env)
    wall = time.perf_counter() - start
    after = os.times()
    if proc.returncode not in (0, 1):
        raise SystemExit(proc.stderr.decode())
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def main() -> None:
    """Print the median time and throughput (and, with ``--base PATH``, those of another
    installation's ``sopdoc`` run alternately on the same SOPs, and the ratios)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", help="another sopdoc executable to compare with, run alternately")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    exes = {"this tree": str(Path(sys.executable).with_name("sopdoc")), **({"base": args.base} if args.base else {})}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sop"
        folder.mkdir()
        generate(folder)
        envs = {}
        for label, exe in exes.items():
            env = dict(os.environ)
            if env.pop("PYTHONDONTWRITEBYTECODE", None) is not None:  # run from bytecode, as installed
                env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / f"pycache-{label}")
            subprocess.run([exe, "--help"], capture_output=True, check=True, env=env)  # warm it
            envs[label] = env
        figures: dict[str, list[tuple[float, float]]] = {label: [] for label in exes}
        for _ in range(args.runs):
            for label, exe in exes.items():
                figures[label].append(_run(exe, folder, envs[label]))
    wall = {label: statistics.median(w for w, _ in f) for label, f in figures.items()}
    cpu = {label: statistics.median(c for _, c in f) for label, f in figures.items()}
    line = (f"check_many: {N} SOPs, median {wall['this tree']:.2f} s over {args.runs} runs, "
            f"{N / wall['this tree']:.0f} SOPs/s (target < 10 s, ≥ 100 SOPs/s); CPU {cpu['this tree']:.2f} s")
    if "base" in exes:
        line += (f"; base {wall['base']:.2f} s, CPU {cpu['base']:.2f} s; ratio {wall['this tree'] / wall['base']:.2f}"
                 f" (CPU {cpu['this tree'] / cpu['base']:.2f})")
    print(line)


if __name__ == "__main__":
    main()
