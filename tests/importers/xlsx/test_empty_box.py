"""A cover-sheet box whose label is there but whose cells are blank is an empty box ([], SOP202),
not a box the import could not find (IMP012) — issue #14 point 4."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from sopdoc.importers.xlsx.importer import import_xlsx_file
from sopdoc.validate.engine import check_loaded

GOOD = Path(__file__).parents[2] / "data" / "xlsx" / "basarnas-penerimaan-berita-call-115.xlsx"
PERINGATAN = b"Bila SOP tidak dilaksanakan maka proses penerimaan berita kejadian akan terhambat"


def _with_peringatan(tmp_path: Path, text: bytes) -> Path:
    out = io.BytesIO()
    with zipfile.ZipFile(GOOD) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/sharedStrings.xml":
                assert PERINGATAN in data
                data = data.replace(PERINGATAN, text)
            dst.writestr(info.filename, data)
    path = tmp_path / "sampul.xlsx"
    path.write_bytes(out.getvalue())
    return path


def test_blank_box_under_its_label_is_empty_not_lost(tmp_path: Path) -> None:
    for text, expected in ((b" ", ()), (b"-", ("-",))):
        loaded = import_xlsx_file(_with_peringatan(tmp_path, text)).load
        assert loaded.sop is not None and loaded.sop.peringatan == expected
        codes = [d.code for d in check_loaded(loaded) if d.path[:1] == ("peringatan",)]
        assert codes == ["SOP202"]
