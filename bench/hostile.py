"""Hostile-input run: mutants of one seed per format plus the targeted attacks, each through the CLI
in a child process limited to 1 GiB and 30 s (as ``tests/fuzz`` does, but hundreds to thousands).

Prints per format: attempts (CLI runs), clean errors (exit 1 or 2 without a traceback), tracebacks
(a traceback or an undocumented exit code such as 3), hangs (timeouts) and leftovers (files left in
the output folder after a failure, the import report excepted), then the worst times.

    python bench/hostile.py [--mutants N] [--workers W] [--seed S]

``--mutants`` is per seed (default 40; 8 seeds, so 320 mutants and about 500 CLI runs).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fuzz import corpus  # noqa: E402 - after the path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mutants", type=int, default=40, help="mutants per seed")
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="sopdoc-hostile-"))
    try:
        base_db = corpus.make_db(tmp)
        jobs: list[tuple[str, str, str, bytes]] = []  # (group, name, suffix, data)
        for name, (suffix, make) in corpus.ATTACKS.items():
            jobs.append(("serangan", name, suffix, make()))
        for k, (kind, (suffix, seed, zipped)) in enumerate(sorted(corpus.seeds(tmp).items())):
            for i, data in enumerate(corpus.mutants(seed, args.mutants, salt=args.seed * 100 + k, zipped=zipped)):
                jobs.append((kind, f"{kind}-{i}", suffix, data))
        db_seed = tmp / "log.xlsx"
        db_seed.write_bytes(corpus.seed_xlsx())
        corpus.run_cli(["log", "import", corpus.INSTANCE, str(db_seed), "--dicatat-oleh", "uji", "--db",
                        str(base_db)], tmp)
        for i, data in enumerate(corpus.mutants(base_db.read_bytes(), max(args.mutants // 2, 1), salt=args.seed)):
            jobs.append(("sqlite", f"db-{i}", ".db", data))

        def run(job: tuple[str, str, str, bytes]) -> tuple[str, str, list]:
            group, name, suffix, data = job
            folder = tmp / "kasus" / name
            try:
                return group, name, corpus.run_case(name, suffix, data, folder, base_db=base_db)
            finally:
                shutil.rmtree(folder, ignore_errors=True)

        start = time.monotonic()
        with ThreadPoolExecutor(args.workers) as pool:
            results = list(pool.map(run, jobs))
        wall = time.monotonic() - start
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    worst: list[tuple[float, str, str]] = []
    bad: list[str] = []
    for group, name, runs in results:
        for argv, out in runs:
            row = table[group]
            row["attempts"] += 1
            if out.code is None:
                row["hangs"] += 1
                bad.append(f"hang: {name} {argv[0]}")
            elif out.traceback:
                row["tracebacks"] += 1
                bad.append(f"traceback: {name} {' '.join(argv[:2])}: {out.out.strip().splitlines()[-1][:160]}")
            elif out.code in (1, 2):
                row["clean errors"] += 1
            if out.leftovers:
                row["leftovers"] += 1
                bad.append(f"leftovers: {name} {argv[0]}: {', '.join(out.leftovers)}")
            worst.append((out.seconds, name, argv[0]))
    cols = ["attempts", "clean errors", "tracebacks", "hangs", "leftovers"]
    print(f"{'group':16}" + "".join(f"{c:>14}" for c in cols))
    total: dict[str, int] = defaultdict(int)
    for group in sorted(table):
        print(f"{group:16}" + "".join(f"{table[group][c]:>14}" for c in cols))
        for c in cols:
            total[c] += table[group][c]
    print(f"{'total':16}" + "".join(f"{total[c]:>14}" for c in cols))
    print(f"\n{len(jobs)} inputs, wall time {wall:.0f} s; slowest runs:")
    for seconds, name, cmd in sorted(worst, reverse=True)[:5]:
        print(f"  {seconds:6.1f} s  {name} {cmd}")
    for line in bad[:40]:
        print("  " + line)


if __name__ == "__main__":
    main()
