"""Golden outputs of ``sopdoc check`` for every example SOP (text and JSON)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from sopdoc.cli import cli

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "golden"


def examples() -> list[Path]:
    """The example SOPs, relative to the repository root."""
    return sorted(p.relative_to(ROOT) for p in (ROOT / "examples").glob("*.sop.yaml"))


def run_check(example: Path, fmt: str) -> tuple[int, str]:
    """Exit code and stdout of ``sopdoc check EXAMPLE --format FMT`` run from the repository root."""
    import os

    here = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(cli, ["check", str(example), "--format", fmt], env={"SOPDOC_SELECT": "",
                                    "SOPDOC_IGNORE": "", "SOPDOC_FAIL_ON": "", "SOPDOC_MENIT_PER_HARI_KERJA": ""})
    finally:
        os.chdir(here)
    return result.exit_code, result.stdout


def golden_path(example: Path, fmt: str) -> Path:
    """tests/data/golden/<name>.check.<txt|json>."""
    stem = example.name.removesuffix(".sop.yaml")
    return GOLDEN / f"{stem}.check.{'txt' if fmt == 'text' else 'json'}"
