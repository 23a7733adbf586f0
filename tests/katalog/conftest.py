"""The small test catalogue: tests/data/katalog/ (three YAML sources, a DOCX, a broken file) plus
one corpus PDF and the Basarnas XLSX, copied into a temporary folder so the inputs are mixed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPUS, DATA


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    root = tmp_path / "katalog"
    shutil.copytree(DATA / "katalog", root)
    (root / "bps").mkdir()
    shutil.copy(CORPUS / "bps-bengkulu-322-birthday-greeting-card.pdf", root / "bps")
    (root / "basarnas").mkdir()
    shutil.copy(DATA / "xlsx" / "basarnas-penerimaan-berita-call-115.xlsx", root / "basarnas")
    return root
