"""A draft's DOCX read back: the DRAFT watermark (outlines in the header) is no content — no field
holds its word, no finding is raised for it — and the status survives, with the embedded source
and through the tables alone (the status is the empty Tanggal Efektif, never the watermark)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from sopdoc.importers.docx.importer import import_docx_file
from sopdoc.layout import layout_sop
from sopdoc.render.docx import docx_bytes
from sopdoc.source.writer import sop_to_yaml
from tests.layout.builders import make_sop


def _without_source(raw: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if not info.filename.startswith("customXml/"):
                zout.writestr(info, zin.read(info))
    return out.getvalue()


@pytest.mark.parametrize("source", [True, False], ids=["with-source", "tables-only"])
def test_draft_docx_reads_back_as_a_draft_without_the_watermark(source: bool, tmp_path: Path) -> None:
    sop = make_sop(6, 3, efektif=False)
    assert layout_sop(sop).draft
    raw = docx_bytes(sop)
    assert b"custGeom" in zipfile.ZipFile(io.BytesIO(raw)).read("word/header1.xml")  # the outlines are there
    path = tmp_path / "draft.docx"
    path.write_bytes(raw if source else _without_source(raw))
    result = import_docx_file(path)
    got = result.load.sop
    assert got is not None
    assert got.identitas.tanggal_efektif is None
    assert layout_sop(got).draft
    assert "DRAFT" not in sop_to_yaml(got)
    assert not [d for d in result.load.diagnostics if "DRAFT" in str(d.message)]
