"""``sopdoc katalog --dask``: the same job on a Dask cluster gives the same JSON as a local run
(a LocalCluster in this process, threads only, for speed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sopdoc.cli import cli
from tests.katalog.test_katalog_cli import CLEAN_ENV

distributed = pytest.importorskip("distributed")


def _katalog(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["katalog", *args], env={**CLEAN_ENV, "SOPDOC_DASK_TIMEOUT": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::ResourceWarning", "ignore::UserWarning")
def test_cluster_run_equals_local_run(catalogue: Path, tmp_path: Path) -> None:
    common = ["--format", "json", "--per", "2026-11-30"]
    code, stderr = _katalog(str(catalogue), "-o", str(tmp_path / "local"), *common)
    assert code == 1, stderr
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as lc:
        code, stderr = _katalog(str(catalogue), "-o", str(tmp_path / "dask"), "--dask", lc.scheduler_address, *common)
    assert code == 1, stderr
    local = (tmp_path / "local" / "katalog.json").read_bytes()
    assert (tmp_path / "dask" / "katalog.json").read_bytes() == local
    assert b'"sop": 6' in local


def test_unreachable_scheduler_is_one_line(catalogue: Path, tmp_path: Path) -> None:
    code, stderr = _katalog(str(catalogue), "-o", str(tmp_path / "out"), "--format", "json",
                            "--dask", "tcp://127.0.0.1:9")
    assert code == 2
    assert stderr.startswith("galat: penjadwal Dask tcp://127.0.0.1:9 tidak dapat dihubungi")
    assert stderr.count("\n") == 1
    assert not (tmp_path / "out" / "katalog.json").exists()
