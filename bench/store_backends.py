"""Benchmark: the log store on SQLite and on PostgreSQL in the same run (issue #17 point 3).

For each database: ``sopdoc log add`` as a whole process (median of 21 runs: start-up, validation,
one write transaction with its hash link and heads row) and ``sopdoc log import`` of a 10,000-row
CSV as a whole process (median of 3 runs, each into a new instance); then the store alone,
in-process: one ``append`` of one entry (median of 200) and of 10,000 entries (median of 3). PostgreSQL is the server of
``--pg URL``, else a throw-away cluster started by tests/pg_server.sh with fsync on (root, Debian's
postgresql package), else the tests' server of ``SOPDOC_TEST_PG`` (whose fsync may be off: said so);
without any, its lines say why they are missing. SQLite runs with its defaults (WAL,
synchronous=FULL).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sopdoc.execution.entries import EntryInput
from sopdoc.execution.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SOPDOC = str(Path(sys.executable).parent / "sopdoc")
SOP = ROOT / "tests" / "data" / "execution" / "keputusan-loop.sop.yaml"
NAME = "keputusan-loop-2026-TW3"
ADD_RUNS, IMPORT_RUNS, ROWS = 21, 3, 10_000


def _run(args: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    _sopdoc(args, env)
    return time.perf_counter() - t0


def _sopdoc(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run([SOPDOC, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"sopdoc {' '.join(args[:2])}: exit {done.returncode}: {done.stderr.strip()[-500:]}")


def _csv(path: Path) -> None:
    lines = ["langkah,oleh,peran,mulai,selesai,output,kelengkapan"]
    for i in range(ROWS):
        minute = i % 50
        lines.append(f"1,Pegawai {i},Kepala Dinas,2026-10-01 08:{minute:02d},2026-10-01 08:{minute + 5:02d},"
                     "Surat permintaan,lengkap")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def measure(db: str, tmp: Path, label: str) -> None:
    env = {**os.environ, "SOPDOC_DB": db, "SOPDOC_USER": "bench", "XDG_CONFIG_HOME": str(tmp / "config")}
    _sopdoc(["period", "open", str(SOP), "--period", "2026-TW3"], env)
    adds = [_run(["log", "add", NAME, "--langkah", "1", "--oleh", f"Pegawai {i} / 1980", "--peran", "Kepala Dinas",
                  "--mulai", "2026-10-01 08:00+08:00", "--selesai", "2026-10-01 08:15+08:00",
                  "--output", "Surat permintaan", "--kelengkapan", "lengkap"], env) for i in range(ADD_RUNS)]
    csv = tmp / "log.csv"
    _csv(csv)
    imports = []
    for i in range(IMPORT_RUNS):
        name = f"impor-{i}"
        _sopdoc(["period", "open", str(SOP), "--period", "2026-TW3", "--name", name], env)
        imports.append(_run(["log", "import", name, str(csv)], env))
    _sopdoc(["log", "verify"], env)
    print(f"{label}: log add median {statistics.median(adds) * 1000:.0f} ms (min {min(adds) * 1000:.0f}) "
          f"over {ADD_RUNS} whole-process runs; log import of {ROWS:,} rows median "
          f"{statistics.median(imports):.2f} s (min {min(imports):.2f}) over {IMPORT_RUNS} runs")
    os.environ["XDG_CONFIG_HOME"] = env["XDG_CONFIG_HOME"]  # the key of a URL store
    rows = [EntryInput(langkah=1, oleh=f"Pegawai {i}", peran="Kepala Dinas", mulai="2026-10-01T08:00:00+08:00",
                       selesai="2026-10-01T08:05:00+08:00", output="Surat permintaan") for i in range(ROWS)]
    with open_store(db, create=False) as store:
        one = []
        for i in range(200):
            t0 = time.perf_counter()
            store.append(NAME, rows[i:i + 1], "bench")
            one.append(time.perf_counter() - t0)
        many = []
        for i in range(IMPORT_RUNS):
            t0 = time.perf_counter()
            store.append(f"impor-{i}", rows, "bench")
            many.append(time.perf_counter() - t0)
    print(f"{label}: in-process append of 1 entry median {statistics.median(one) * 1000:.1f} ms over 200; "
          f"of {ROWS:,} entries median {statistics.median(many):.2f} s over {IMPORT_RUNS}")


def _server(explicit: str | None) -> tuple[str | None, str | None, str]:
    """(URL, cluster folder to stop, where it came from) — URL None when there is no server."""
    if explicit:
        return explicit, None, "--pg"
    done = subprocess.run(["bash", str(ROOT / "tests" / "pg_server.sh"), "start"], capture_output=True, text=True,
                          env={**os.environ, "SOPDOC_PG_DURABLE": "1"})
    if done.returncode == 0:
        found = dict(line.removeprefix("export ").split("=", 1) for line in done.stdout.splitlines())
        return found["SOPDOC_TEST_PG"], found["SOPDOC_TEST_PG_DIR"], "throw-away cluster, fsync on"
    url = os.environ.get("SOPDOC_TEST_PG", "").strip()
    if url:
        return url, None, "SOPDOC_TEST_PG; fsync may be off"
    return None, None, done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "pg_server.sh failed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", help="postgresql:// URL of a server to measure (a schema is created and dropped)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        (tmp / "sqlite").mkdir()
        measure(str(tmp / "sqlite" / "bench.db"), tmp / "sqlite", "sqlite")
        url, cluster, source = _server(args.pg)
        if url is None:
            print(f"postgresql: not measured ({source})")
            return
        try:
            import psycopg

            schema = f"bench_{uuid.uuid4().hex[:12]}"
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute(f"CREATE SCHEMA {schema}")
                try:
                    (tmp / "pg").mkdir()
                    measure(f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}", tmp / "pg",
                            f"postgresql ({source})")
                finally:
                    admin.execute(f"DROP SCHEMA {schema} CASCADE")
        finally:
            if cluster:
                subprocess.run(["bash", str(ROOT / "tests" / "pg_server.sh"), "stop", cluster], check=False)


if __name__ == "__main__":
    main()
