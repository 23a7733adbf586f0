"""Reading and structurally checking the example SOPs 100 times, in one process (budget: < 2 s)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from sopdoc.source.reader import load_sop

ROOT = Path(__file__).resolve().parents[1]
REPEATS = 100
RUNS = 5


def main() -> None:
    """Print the median time of RUNS rounds of REPEATS × every example."""
    files = sorted((ROOT / "examples").glob("*.sop.yaml"))
    rounds = []
    for _ in range(RUNS):
        start = time.perf_counter()
        for _ in range(REPEATS):
            for f in files:
                load_sop(f)
        rounds.append(time.perf_counter() - start)
    med = statistics.median(rounds)
    print(f"read+structure check: {len(files)} examples × {REPEATS}: median {med:.2f} s "
          f"({len(files) * REPEATS / med:.0f} files/s) over {RUNS} runs (budget 2 s)")


if __name__ == "__main__":
    main()
