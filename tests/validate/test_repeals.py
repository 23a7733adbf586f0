"""The repeal registry (SOP212, issue #14 point 2): shipped entries, agency entries, the hint."""

from __future__ import annotations

import pytest

from sopdoc.errors import UsageError
from sopdoc.validate.citations import parse_citation
from sopdoc.validate.engine import check
from sopdoc.validate.repeals import builtin_repeals, find_repeal
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
