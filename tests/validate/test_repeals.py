"""The repeal registry (SOP212, issue #14 point 2): shipped entries, agency entries, the hint."""

from __future__ import annotations

import re

import pytest

from sopdoc.errors import UsageError
from sopdoc.model.diagnostic import Diagnostic
from sopdoc.validate.citations import parse_citation
from sopdoc.validate.engine import check
from sopdoc.validate.repeals import STATUSES, builtin_repeals, find_repeal, repeals_from
from sopdoc.validate.settings import CheckSettings
from tests.validate.cases import build_sop


def test_registry_has_at_least_40_readable_entries_with_source() -> None:
    entries = builtin_repeals()
    assert len(entries) >= 40
    keys = [e.key for e in entries]
    assert None not in keys and len(set(keys)) == len(keys)
    assert all(e.sumber and e.pengganti for e in entries)
    # no entry names a replacement that the registry itself lists as repealed, unless it says "melalui"
    repealed = set(keys)
    for e in entries:
        assert parse_citation(e.pengganti).key not in repealed or "melalui" in e.pengganti, e


def test_hint_names_the_replacement() -> None:
    sop = build_sop({"patch": {"dasar_hukum": ["Undang-Undang Nomor 32 Tahun 2004 tentang Pemerintahan Daerah"]}})
    (d,) = [d for d in check(sop) if d.code == "SOP212"]
    assert d.hint is not None and "Undang-Undang Nomor 23 Tahun 2014" in d.hint.id
    assert "UU 23/2014 Pasal 409" in d.message.id
    assert d.path == ("dasar_hukum", 0)


def test_amendment_clause_naming_the_replacement_is_not_reported() -> None:
    item = ("Peraturan Pemerintah Nomor 53 Tahun 2010 tentang Disiplin Pegawai Negeri Sipil sebagaimana telah "
            "diganti dengan Peraturan Pemerintah Nomor 94 Tahun 2021")
    sop = build_sop({"patch": {"dasar_hukum": [item]}})
    assert not [d for d in check(sop) if d.code == "SOP212"]


def test_agency_entries_from_check_section() -> None:
    settings = CheckSettings.resolve({"dicabut": [{
        "dicabut": "Peraturan Bupati Buleleng Nomor 80 Tahun 2016 tentang Tata Kerja",
        "pengganti": "Peraturan Bupati Buleleng Nomor 80 Tahun 2021 tentang Tata Kerja",
        "sumber": "Perbup Buleleng 80/2021 Pasal 120"}]})
    item = "Perbup Buleleng No. 80 Tahun 2016 tentang Tata Kerja"
    assert find_repeal(item) is None
    sop = build_sop({"patch": {"dasar_hukum": [item]}})
    (d,) = [d for d in check(sop, settings) if d.code == "SOP212"]
    assert d.hint is not None and "Nomor 80 Tahun 2021" in d.hint.en


@pytest.mark.parametrize("bad", [
    "x", [{"dicabut": "UU 1/2020"}], [{"dicabut": "Renstra", "pengganti": "a", "sumber": "b"}],
    [{"dicabut": "UU 1/2020", "pengganti": "a", "sumber": "b", "lain": "c"}],
])
def test_bad_agency_entries_are_usage_errors(bad: object) -> None:
    with pytest.raises(UsageError):
        CheckSettings.resolve({"dicabut": bad})


def test_a_repeal_lookup_parses_only_the_new_citation(monkeypatch: pytest.MonkeyPatch) -> None:
    # check_many regression: every lookup parsed the whole shipped registry again (217,000 parses
    # for 1,000 SOPs); citations are parsed once, the registry is looked up by key
    from sopdoc.validate import citations

    parsed: list[str] = []
    real = citations._family
    monkeypatch.setattr(citations, "_family", lambda text: parsed.append(text) or real(text))
    parse_citation.cache_clear()
    found = find_repeal("Undang-Undang Nomor 32 Tahun 2004 tentang Pemerintahan Daerah")
    assert found is not None and "23" in found.pengganti
    before = len(parsed)
    assert find_repeal("UU No. 32 Th. 2004") == found
    assert find_repeal("Peraturan Presiden Nomor 29 Tahun 2014 tentang SAKIP") is None
    assert parsed[before:] == ["UU No. 32 Th. 2004", "Peraturan Presiden Nomor 29 Tahun 2014 tentang SAKIP"]


# --- issue #14 item 2: every shipped entry says how far it was verified, and where ---------------

def test_every_shipped_entry_has_replacement_status_and_source() -> None:
    entries = builtin_repeals()
    verified = [e for e in entries if e.status != "belum-diperiksa"]
    assert len(verified) >= 40
    for e in entries:
        assert e.pengganti and e.status in STATUSES, e
        if e.status == "belum-diperiksa":
            continue
        assert re.fullmatch(r"https://\S+", e.url), e  # the text that was read
        if e.status == "pasal":
            assert re.search(r"\bPasal \d+", e.sumber), e
        if e.status == "sebagian":
            assert e.catatan, e


def test_every_shipped_entry_fires_with_a_hint_naming_its_replacement() -> None:
    for e in builtin_repeals():
        sop = build_sop({"patch": {"dasar_hukum": [e.dicabut]}})
        (d,) = [d for d in check(sop) if d.code == "SOP212"]
        assert d.hint is not None and e.pengganti in d.hint.id and e.pengganti in d.hint.en, e
        assert e.sumber in d.message.id and e.sumber in d.message.en, e


def _finding(item: str) -> Diagnostic:
    (d,) = [d for d in check(build_sop({"patch": {"dasar_hukum": [item]}})) if d.code == "SOP212"]
    return d


def test_unverified_entry_says_so() -> None:
    d = _finding("Peraturan Menteri Dalam Negeri Nomor 13 Tahun 2006 tentang Pedoman Pengelolaan Keuangan Daerah")
    assert "belum diverifikasi" in d.message.id and "not been verified" in d.message.en
    assert d.hint is not None and "Peraturan Menteri Dalam Negeri Nomor 77 Tahun 2020" in d.hint.id


def test_partial_repeal_says_which_part_survives() -> None:
    # PP 94/2021 Pasal 45 angka 3: PP 53/2010 is repealed "sepanjang tidak mengatur jenis Hukuman Disiplin sedang"
    d = _finding("PP No. 53 Th. 2010 tentang Disiplin PNS")
    assert d.message.id.startswith("sebagian peraturan ini sudah dicabut (PP 94/2021 Pasal 45 angka 3)")
    assert "hukuman disiplin sedang" in d.message.id
    assert d.hint is not None and "Peraturan Pemerintah Nomor 94 Tahun 2021" in d.hint.id


@pytest.mark.parametrize(("item", "sumber"), [
    # read in the repealing texts; both differ from what the registry said before they were read
    ("Undang-Undang Nomor 32 Tahun 2004 tentang Pemerintahan Daerah", "UU 23/2014 Pasal 409 huruf b"),
    ("Peraturan Pemerintah Nomor 32 Tahun 1979 tentang Pemberhentian PNS", "PP 11/2017 Pasal 362 angka 5"),
    ("PP Nomor 24 Tahun 1976 tentang Cuti Pegawai Negeri Sipil", "PP 11/2017 Pasal 362 angka 3"),
    ("UU No. 36 Tahun 2009 tentang Kesehatan", "UU 17/2023 Pasal 454 huruf d"),
    ("Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara", "UU 20/2023 Pasal 76"),
])
def test_verified_articles(item: str, sumber: str) -> None:
    found = find_repeal(item)
    assert found is not None and found.status == "pasal" and found.sumber == sumber


def test_contested_repeal_is_not_shipped() -> None:
    # PP 99/2000 (kenaikan pangkat): listed in PP 11/2017 Pasal 362 angka 10, but still applied by BKN
    assert find_repeal("Peraturan Pemerintah Nomor 99 Tahun 2000 tentang Kenaikan Pangkat PNS") is None


def test_shipped_file_is_checked_strictly_agency_entries_are_not() -> None:
    bare = {"dicabut": "Peraturan Pemerintah Nomor 1 Tahun 2001 tentang Contoh",
            "pengganti": "Peraturan Pemerintah Nomor 2 Tahun 2022 tentang Contoh", "sumber": "PP 2/2022 Pasal 9"}
    (agency,) = repeals_from([bare], "[[check.dicabut]]")
    assert agency.status == "" and agency.url == ""
    for missing in (bare, {**bare, "status": "pasal"}, {**bare, "status": "pasal", "url": "https://x.test/a",
                                                       "sumber": "PP 2/2022 Ketentuan Penutup"}):
        with pytest.raises(UsageError):
            repeals_from([missing], "dicabut.toml", strict=True)
    (ok,) = repeals_from([{**bare, "status": "pasal", "url": "https://x.test/a"}], "dicabut.toml", strict=True)
    assert ok.url == "https://x.test/a"


@pytest.mark.parametrize("extra", [
    {"status": "entah"}, {"url": "peraturan.go.id/x"}, {"status": "sebagian"}, {"catatan": ""},
])
def test_bad_optional_keys_are_usage_errors(extra: dict[str, str]) -> None:
    entry = {"dicabut": "UU No. 1 Tahun 2020", "pengganti": "UU 2/2021", "sumber": "UU 2/2021 Pasal 9", **extra}
    with pytest.raises(UsageError):
        CheckSettings.resolve({"dicabut": [entry]})


def test_agency_entry_with_status_and_url_keeps_working() -> None:
    settings = CheckSettings.resolve({"dicabut": [{
        "dicabut": "Peraturan Bupati Buleleng Nomor 80 Tahun 2016 tentang Tata Kerja",
        "pengganti": "Peraturan Bupati Buleleng Nomor 80 Tahun 2021 tentang Tata Kerja",
        "sumber": "Perbup Buleleng 80/2021 Pasal 120", "status": "sebagian",
        "catatan": "Bab III masih berlaku", "url": "https://jdih.bulelengkab.go.id/x"}]})
    sop = build_sop({"patch": {"dasar_hukum": ["Perbup Buleleng No. 80 Tahun 2016 tentang Tata Kerja"]}})
    (d,) = [d for d in check(sop, settings) if d.code == "SOP212"]
    assert "Bab III masih berlaku" in d.message.id and d.hint is not None and "Nomor 80 Tahun 2021" in d.hint.id
