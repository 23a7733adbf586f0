"""Shared fixtures: paths of the repository's examples and data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "corpus"  # the four BPS Bengkulu PDFs (tests/data/README.md)
SEEDS = DATA / "seeds"  # the five seed text extractions (tests/data/README.md)


@pytest.fixture
def examples_dir() -> Path:
    """The bundled example SOPs."""
    return EXAMPLES
