"""Text as printed in every import output: no control characters; month-year dates kept (issue #12 point 3)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sopdoc.importers.dispatch import import_source
from sopdoc.importers.report import ImportBuilder, report_to_json, report_to_text, scrub
from sopdoc.model.diagnostic import Origin
from sopdoc.model.tanggal import BulanTahun, find_tanggal, format_tanggal, parse_tanggal, tanggal_to_iso
from sopdoc.source.reader import load_sop_text
from sopdoc.source.writer import sop_to_yaml
from tests.conftest import CORPUS, DATA

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\xad]")


@pytest.mark.parametrize(("raw", "want"), [
    ("Undang\x02 Undang", "Undang-Undang"),
    ("Undang\x02\n  Undang", "Undang-Undang"),
    ("peng\xad\nolahan", "pengolahan"),
    ("a\x01b\x1fc", "abc"),
    ("tab\tdan\nbaris", "tab\tdan\nbaris"),
])
def test_scrub(raw: str, want: str) -> None:
    assert scrub(raw) == want


def test_builder_scrubs_every_value() -> None:
    b = ImportBuilder("x.pdf", "pdf")
    b.put(("dasar_hukum",), ["UU\x02 Undang", "ok"], Origin(file="x.pdf"))
    assert b.data["dasar_hukum"] == ["UU-Undang", "ok"]


def test_a_corpus_pdf_with_the_hyphen_marker_has_none_in_any_output() -> None:
    # Page 1, Dasar Hukum item 4 prints "Undang-" at a line end and "Undang Nomor 43" below it.
    result = import_source(CORPUS / "bps" / "bps-038-pengumpulan-data-publikasi.pdf")
    assert result.load.sop is not None
    texts = [sop_to_yaml(result.load.sop), report_to_text(result.report), report_to_json(result.report)]
    for text in texts:
        assert not CONTROL.search(text)
    assert any("Undang-Undang Nomor 43 Tahun 2009" in item for item in result.load.sop.dasar_hukum)


@pytest.mark.parametrize(("text", "want"), [
    ("April 2020", BulanTahun(2020, 4)),
    ("2020-04", BulanTahun(2020, 4)),
    ("Pebruari 2019", BulanTahun(2019, 2)),
    ("3 April 2020", dt.date(2020, 4, 3)),
    ("Tahun 2020", None),
    ("2020-13", None),
])
def test_month_year_dates_are_dates(text: str, want: dt.date | None) -> None:
    got = parse_tanggal(text)
    assert got == want and type(got) is type(want)


def test_month_year_prints_without_a_day() -> None:
    value = BulanTahun(2014, 1)
    assert format_tanggal(value) == "Januari 2014" and value.isoformat() == "2014-01"
    assert value == dt.date(2014, 1, 1) and value < dt.date(2014, 1, 2)
    assert tanggal_to_iso("Bengkulu, Januari 2014") == "2014-01"
    assert find_tanggal("Nomor 16 Tahun 1997, 3 Januari 2022") == dt.date(2022, 1, 3)


def test_a_month_year_date_survives_the_yaml_round_trip() -> None:
    src = ("sopdoc: 1\nidentitas:\n  nama: Uji\n  nomor: 1/2020\n  tanggal_pembuatan: April 2020\n"
           "  tanggal_efektif: 2020-05\n")
    sop = load_sop_text(src, "uji.sop.yaml").sop
    assert sop is not None
    assert isinstance(sop.identitas.tanggal_pembuatan, BulanTahun)
    assert isinstance(sop.identitas.tanggal_efektif, BulanTahun)
    text = sop_to_yaml(sop)
    assert "tanggal_pembuatan: April 2020" in text and "tanggal_efektif: Mei 2020" in text
    again = load_sop_text(text, "lagi.sop.yaml").sop
    assert again == sop and isinstance(again.identitas.tanggal_pembuatan, BulanTahun)


def test_empty_box_is_an_empty_list_and_a_missing_box_none() -> None:
    from sopdoc.importers.text.importer import import_text

    text = (DATA / "import" / "tanpa-kegiatan.txt").read_text(encoding="utf-8")
    sop = import_text(text).load.sop
    assert sop is not None
    assert sop.keterkaitan == ()  # "Keterkaitan :" then "-"
    assert sop.peralatan_perlengkapan == ("Komputer", "ATK")
    cut = text.split("Peringatan :")[0]  # Peringatan and Pencatatan headings gone: missing boxes
    sop = import_text(cut).load.sop
    assert sop is not None and sop.peringatan is None and sop.pencatatan_pendataan is None


def test_an_unreadable_date_is_imp014_and_a_month_year_is_kept() -> None:
    from sopdoc.importers.text.importer import import_text

    text = (DATA / "import" / "tanpa-kegiatan.txt").read_text(encoding="utf-8")
    text = text.replace("Tanggal Pembuatan\t: 2 Februari 2024", "Tanggal Pembuatan\t: April 2020")
    text = text.replace("Tanggal Pengesahan\t: 5 Februari 2024", "Tanggal Pengesahan\t: akhir tahun")
    result = import_text(text)
    assert result.load.sop is not None
    assert result.load.sop.identitas.tanggal_pembuatan == BulanTahun(2020, 4)
    assert result.load.sop.identitas.tanggal_efektif is None
    lost = [d for d in result.load.diagnostics if d.code == "IMP014"]
    assert [d.path for d in lost] == [("identitas", "tanggal_efektif")]
    assert "'akhir tahun'" in lost[0].message.id
