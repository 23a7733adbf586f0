"""``sopdoc render`` without --profile: each file takes the [profil] of the sopdoc.toml above it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber

from sopdoc.cli import main
from tests.conftest import EXAMPLES


def _page_sizes(pdf: Path) -> list[tuple[int, int]]:
    with pdfplumber.open(pdf) as doc:
        return [(round(p.width), round(p.height)) for p in doc.pages]


def test_each_file_uses_its_own_agency_profile(tmp_path: Path) -> None:
    a, b = tmp_path / "dinas-a", tmp_path / "dinas-b"
    a.mkdir()
    b.mkdir()
    shutil.copy(EXAMPLES / "pengumpulan-data-kinerja.sop.yaml", a)
    shutil.copy(EXAMPLES / "seed-004-setda-buleleng.sop.yaml", b)
    (a / "sopdoc.toml").write_text('[profil]\nkertas = "a4"\n', encoding="utf-8")
    (b / "sopdoc.toml").write_text('[profil]\nkertas = "f4"\norientasi_alur = "potret"\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(a), str(b), "-o", str(out)]) == 0
    sizes_a = _page_sizes(out / "pengumpulan-data-kinerja.pdf")
    sizes_b = _page_sizes(out / "seed-004-setda-buleleng.pdf")
    assert set(sizes_a) == {(842, 595)}  # A4 landscape throughout
    assert sizes_b[0] == (935, 609) and sizes_b[1] == (609, 935)  # F4: landscape identity, portrait flowchart
