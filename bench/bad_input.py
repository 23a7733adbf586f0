"""How long `sopdoc check` takes to refuse hostile sources (budget: a second or two each)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5


def _make_inputs(tmp: Path) -> dict[str, Path]:
    big = tmp / "50mb.sop.yaml"
    with big.open("wb") as fh:
        fh.write(b"sopdoc: 1\n")
        fh.truncate(50 * 1024 * 1024)
    steps = "".join(
        f"  - no: {i}\n    uraian: Menyusun laporan {i}\n    pelaksana: Staf\n    simbol: proses\n"
        f"    mutu_baku: {{waktu: 30 menit, output: Laporan}}\n" for i in range(1, 10_001))
    many = tmp / "10000-steps.sop.yaml"
    many.write_text(f"sopdoc: 1\npelaksana: [Staf]\nkegiatan:\n{steps}", encoding="utf-8")
    files = {p.name: p for p in sorted((ROOT / "tests" / "data" / "bad").glob("*.sop.yaml"))}
    return {**files, big.name: big, many.name: many}


def main() -> None:
    """Print the median wall time of `sopdoc check FILE` (whole process) per hostile input."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in _make_inputs(Path(tmp)).items():
            times, code = [], None
            for _ in range(RUNS):
                start = time.perf_counter()
                code = subprocess.run([sys.executable, "-m", "sopdoc", "check", str(path)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
                times.append(time.perf_counter() - start)
            print(f"{name:40s} exit {code}  median {statistics.median(times) * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
