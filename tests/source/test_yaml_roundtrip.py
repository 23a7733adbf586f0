"""Writer and loader: load(dump(sop)) == sop, stable output, positions, YAML 1.2 scalars."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings

from sopdoc.model.sop import Simbol, Sop
from sopdoc.source.reader import load_sop, load_sop_text
from sopdoc.source.writer import sop_to_yaml
from tests.conftest import EXAMPLES
from tests.strategies import free_text, sops


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sops(absurd=True, texts=free_text))
def test_dump_then_load_gives_the_same_sop(sop: Sop) -> None:
    text = sop_to_yaml(sop)
    result = load_sop_text(text, "gen.sop.yaml")
    assert result.sop == sop, [d.message.en for d in result.diagnostics]
    assert sop_to_yaml(result.sop) == text  # stable: a second dump is identical


def test_examples_round_trip() -> None:
    files = sorted(EXAMPLES.glob("*.sop.yaml"))
    for path in files:
        sop = load_sop(path).sop
        assert sop is not None, path
        assert load_sop_text(sop_to_yaml(sop)).sop == sop, path


def test_yaml_12_scalars_stay_text() -> None:
    src = (
        "sopdoc: 1\nidentitas:\n  nama: no\n  nomor: 1:30\n  disahkan_oleh: {nip: 196708171985091001}\n"
        "pelaksana: [yes]\nkegiatan:\n  - no: 1\n    uraian: 'on'\n    pelaksana: yes\n"
        "    simbol: terminator\n"
    )
    result = load_sop_text(src)
    sop = result.sop
    assert sop is not None, result.diagnostics
    assert sop.identitas.nama == "no" and sop.identitas.nomor == "1:30"
    assert sop.identitas.disahkan_oleh is not None and sop.identitas.disahkan_oleh.nip == "196708171985091001"
    assert sop.pelaksana == ("yes",) and sop.kegiatan[0].no == 1 and sop.kegiatan[0].uraian == "on"
    assert "- no: 1" in sop_to_yaml(sop)  # the domain key `no` is written plainly


def test_indonesian_dates_and_single_actor_shorthand() -> None:
    src = ("sopdoc: 1\nidentitas:\n  tanggal_efektif: 3 Januari 2022\npelaksana: Sekretaris\n"
           "kegiatan:\n  - {no: 1, pelaksana: Sekretaris, simbol: terminator}\n")
    sop = load_sop_text(src).sop
    assert sop is not None
    assert str(sop.identitas.tanggal_efektif) == "2022-01-03"
    assert sop.pelaksana == ("Sekretaris",) and sop.kegiatan[0].pelaksana == ("Sekretaris",)
    assert sop.kegiatan[0].simbol is Simbol.TERMINATOR


def test_positions_of_nested_nodes() -> None:
    src = ("sopdoc: 1\nkegiatan:\n  - no: 1\n    uraian: a\n  - no: 2\n    mutu_baku:\n"
           "      waktu: 30 menit\n")
    result = load_sop_text(src, "p.sop.yaml")
    origin = result.origin(("kegiatan", 1, "mutu_baku", "waktu"))
    assert origin is not None and (origin.line, origin.column) == (7, 14)
    # a path that is not in the source falls back to its nearest ancestor
    missing = result.origin(("kegiatan", 1, "mutu_baku", "output"))
    assert missing is not None and (missing.line, missing.column) == (7, 7)


def test_unknown_key_suggests_the_near_one() -> None:
    result = load_sop_text("sopdoc: 1\nidentitas:\n  tangal_efektif: 2023-01-01\n", "k.sop.yaml")
    d = result.diagnostics[0]
    assert d.code == "SOP006" and d.hint is not None
    assert "tanggal_efektif" in d.hint.id and "did you mean" in d.hint.en
    assert d.origin is not None and (d.origin.line, d.origin.column) == (3, 3)


def test_wrong_enum_lists_choices() -> None:
    result = load_sop_text("sopdoc: 1\nkegiatan:\n  - {no: 1, simbol: lingkaran}\n")
    d = result.diagnostics[0]
    assert d.code == "SOP007" and "terminator" in d.message.id and "lingkaran" in d.message.id


def test_future_format_version() -> None:
    d = load_sop_text("sopdoc: 2\n").diagnostics[0]
    assert d.code == "SOP014"


def test_header_unit_applies_to_bare_numbers(tmp_path: Path) -> None:
    src = "sopdoc: 1\nsatuan_waktu: menit\nkegiatan:\n  - {no: 1, mutu_baku: {waktu: 15}}\n"
    sop = load_sop_text(src).sop
    assert sop is not None
    w = sop.kegiatan[0].mutu_baku.waktu
    assert w is not None and w.terbaca and w.satuan_dari_header and w.teks == "15"
    assert load_sop_text(sop_to_yaml(sop)).sop == sop
