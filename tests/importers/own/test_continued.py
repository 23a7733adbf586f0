"""Our own PDF and DOCX read back when a step continues on the next page (issue #16, item 6):
the continuation rows fold back into their step — texts joined across the break, a kelengkapan
item split between pages whole again — with and without the embedded source."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from sopdoc.importers.docx.importer import import_docx_file
from sopdoc.importers.pdf.importer import import_pdf_file
from sopdoc.layout import PageProfile, layout_sop
from sopdoc.render.docx import docx_bytes
from sopdoc.render.pdf import render_pdf
from tests.importers.shown import shown
from tests.layout.test_layout_continuation import PROFILES, long_sop


def _write(fmt: str, path: Path, profile: PageProfile, source: bool) -> Path:
    sop = long_sop()
    if fmt == "pdf":
        path.write_bytes(render_pdf(sop, layout_sop(sop, profile), attach=source))
        return path
    raw = docx_bytes(sop, profile=profile)
    with zipfile.ZipFile(io.BytesIO(raw)) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if source or not info.filename.startswith("customXml/"):
                zout.writestr(info, zin.read(info))
    return path


@pytest.mark.parametrize("profile", list(PROFILES))
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_continued_steps_read_back_whole(fmt: str, profile: str, tmp_path: Path) -> None:
    prof = PageProfile.resolve(PROFILES[profile])
    layout = layout_sop(long_sop(), prof)
    assert any(r.part > 0 for p in layout.flow_pages for r in p.table.step_rows)
    read = import_pdf_file if fmt == "pdf" else import_docx_file
    got = read(_write(fmt, tmp_path / f"x.{fmt}", prof, False)).load.sop
    assert got is not None and len(got.kegiatan) == 7
    assert shown(got) == shown(long_sop())
    lossless = read(_write(fmt, tmp_path / f"y.{fmt}", prof, True)).load
    assert lossless.sop == long_sop()
    assert "IMP015" not in {d.code for d in lossless.diagnostics}  # the pages agree with the source
