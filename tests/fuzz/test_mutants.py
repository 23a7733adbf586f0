"""Mutation fuzzing through the CLI: a few deterministic mutants of one seed per format (YAML, TXT,
PDF, DOCX, XLSX logs, SQLite log databases), each run as a user would in a child process limited
to 1 GiB and 30 s. Every run must end with a documented exit code (0, 1, 2; 3 would be an internal
error), without a traceback and without files left behind by a failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz import corpus

PER_FORMAT = 3  # mutants per seed in CI (bench/hostile.py runs hundreds)


SEEDS = ["yaml", "txt", "pdf", "pdf-tata-letak", "pdf-asing", "docx", "docx-asing", "xlsx"]


def _assert_clean(name: str, results: list) -> None:
    for args, out in results:
        assert out.code is not None, f"{name} {args[:2]}: hang (> {corpus.TIME_LIMIT} s)"
        assert out.code in corpus.EXIT_CODES, f"{name} {args[:2]}: exit {out.code}: {out.out[-2000:]}"
        assert not out.traceback, f"{name} {args[:2]}: {out.out[-2000:]}"
        assert out.leftovers == (), f"{name} {args[:2]} left {out.leftovers}"


@pytest.mark.parametrize("kind", SEEDS)
def test_mutants_exit_cleanly(kind: str, tmp_path: Path) -> None:
    seeds = corpus.seeds(tmp_path)
    if kind not in seeds:
        pytest.skip("the shared corpus is not here")
    suffix, seed, zipped = seeds[kind]
    base_db = corpus.make_db(tmp_path) if suffix == ".xlsx" else None
    for i, data in enumerate(corpus.mutants(seed, PER_FORMAT, salt=SEEDS.index(kind), zipped=zipped)):
        name = f"{kind}-{i}"
        _assert_clean(name, corpus.run_case(name, suffix, data, tmp_path / name, base_db=base_db))


def test_damaged_database_exits_cleanly(tmp_path: Path) -> None:
    import shutil

    db = corpus.make_db(tmp_path)
    xlsx = tmp_path / "log.xlsx"
    xlsx.write_bytes(corpus.seed_xlsx())
    out = corpus.run_cli(["log", "import", corpus.INSTANCE, str(xlsx), "--dicatat-oleh", "uji", "--db", str(db)],
                         tmp_path)
    assert out.code == 0, out.out
    seed = db.read_bytes()
    for i, data in enumerate(corpus.mutants(seed, PER_FORMAT, salt=99)):
        name = f"db-{i}"
        _assert_clean(name, corpus.run_case(name, ".db", data, tmp_path / name))
    shutil.rmtree(tmp_path / "db-0", ignore_errors=True)
