"""PageProfile.resolve: keys, values, did-you-mean, page sizes."""

from __future__ import annotations

import pytest

from sopdoc.errors import UsageError
from sopdoc.layout.geometry import Orientation
from sopdoc.layout.profile import PageProfile


def test_defaults_are_f4_landscape_flowchart():
    p = PageProfile.resolve({})
    assert p.kertas == "f4" and p.orientasi_alur is Orientation.LANDSCAPE
    w, h = p.page_size(Orientation.LANDSCAPE)
    assert (round(w, 1), round(h, 1)) == (935.4, 609.4)  # 330 x 215 mm


def test_resolve_reads_indonesian_keys_and_ignores_calendar_keys():
    p = PageProfile.resolve({"kertas": "A4", "orientasi_alur": "potret", "font": "serif", "margin_mm": 10,
                             "instansi": "PEMERINTAH KOTA X", "zona_waktu": "WITA", "ukuran_font": 9})
    assert p.kertas == "a4" and p.orientasi_alur is Orientation.PORTRAIT and p.font == "serif"
    assert p.margin_mm == (10.0, 10.0, 10.0, 10.0) and p.instansi == ("PEMERINTAH KOTA X",)
    assert p.page_size(Orientation.PORTRAIT)[0] == pytest.approx(595.28, abs=0.01)


def test_unknown_key_names_it_with_did_you_mean():
    with pytest.raises(UsageError) as err:
        PageProfile.resolve({"kertass": "f4"})
    assert "'kertass'" in err.value.get("id") and "Maksud Anda 'kertas'" in err.value.get("id")
    assert "Did you mean 'kertas'" in err.value.get("en")


@pytest.mark.parametrize("key,value", [("kertas", "letter"), ("orientasi_alur", "miring"), ("font", "mono"),
                                       ("margin_mm", [1, 2]), ("ukuran_font", 40), ("ukuran_font", True),
                                       ("qr", "ya"), ("instansi", [1])])
def test_bad_values_raise_usage_error(key, value):
    with pytest.raises(UsageError) as err:
        PageProfile.resolve({key: value})
    assert key in err.value.get("id") and key in err.value.get("en")
