"""Benchmark: ``sopdoc check`` over 1,000 varied SOPs in one process (target < 10 s, ≥ 100 SOPs/s).

Generates the SOPs from examples/*.sop.yaml into a temporary folder (renamed titles, shuffled
waktu, dropped or repeated steps, removed fields), then runs the CLI three times and prints the
median wall time and SOPs per second.
"""

from __future__ import annotations

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


def main() -> None:
    """Print the median time and throughput."""
    sopdoc = str(Path(sys.executable).with_name("sopdoc"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder)
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            proc = subprocess.run([sopdoc, "check", str(folder), "--format", "json"], capture_output=True, check=False)
            times.append(time.perf_counter() - start)
            if proc.returncode not in (0, 1):
                raise SystemExit(proc.stderr.decode())
        median = statistics.median(times)
        print(
            f"check_many: {N} SOPs, median {median:.2f} s over {RUNS} runs, {N / median:.0f} SOPs/s "
            f"(target < 10 s, ≥ 100 SOPs/s)"
        )


if __name__ == "__main__":
    main()
