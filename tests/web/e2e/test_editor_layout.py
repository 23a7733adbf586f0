"""The editor page's layout in a real headless Chromium, at the screen sizes of its users (Word and
Excel users on 1280-1920 px screens and 1366 x 768 laptops): the step table across the page, text
fields that grow with their text and break no word, Waktu and Output wide enough, no horizontal page
scroll down to 1024 px. Measured in the browser; the numbers are the issue's, not the stylesheet's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.e2e.conftest import by_id, login, wait

LONG_URAIAN = (
    "Mendisposisikan pengumpulan data capaian kinerja triwulan seluruh bidang kepada Sekretaris "
    "untuk ditindaklanjuti dengan surat permintaan data kepada setiap bidang"
)
SIX_LINES = [
    "Perjanjian Kinerja",
    "Rencana Aksi",
    "Indikator Kinerja Utama",
    "Rencana Strategis",
    "Laporan Kinerja Triwulan sebelumnya",
    "Format Pengumpulan Data",
]

# Every textarea of the step table whose content overflows its box (a vertical scroll bar).
SCROLLING = """return [...document.querySelectorAll('#tabel-langkah textarea')]
    .filter(t => t.scrollHeight > t.clientHeight + 1).map(t => t.name);"""
NO_PAGE_SCROLL = "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"


@pytest.fixture
def long_sop(sop: Any, users: dict[str, Any]) -> Any:
    """The example SOP with long texts in its first rows: a six-line Kelengkapan, an Uraian of five
    lines or so, a long Output and the Waktu '1 - 5 hari kerja'."""
    from sopdoc.source.reader import load_sop_text
    from sopdoc.source.writer import sop_to_dict
    from sopdoc.web.sop.engine import dump
    from sopdoc.web.sop.views import _save_version

    read = load_sop_text(sop.latest().sumber).sop
    assert read is not None
    data = sop_to_dict(read)
    first = data["kegiatan"][0]
    first["uraian"] = LONG_URAIAN
    first["mutu_baku"]["kelengkapan"] = SIX_LINES
    first["mutu_baku"]["output"] = "Disposisi Pengumpulan Data Capaian Kinerja Triwulan"
    data["kegiatan"][2]["mutu_baku"]["waktu"] = "1 - 5 hari kerja"
    _save_version(sop, dump(data), users["penyusun"], "teks panjang")
    return sop


@pytest.fixture
def screen(browser: Any) -> Iterator[Any]:
    """Set the browser's viewport to ``width x height`` (CSS pixels); the shared browser gets its
    own size back afterwards."""

    def size(width: int, height: int) -> None:
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    yield size
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _open_editor(b: Any, sop: Any) -> None:
    from selenium.webdriver.common.by import By

    b.get(f"{b.base}/sop/{sop.pk}/ubah/")
    by_id(b, "tabel-langkah")
    wait(b).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#bagan svg"))
    wait(b).until(lambda d: d.execute_script("return document.readyState") == "complete")


def _el(b: Any, name: str) -> Any:
    from selenium.webdriver.common.by import By

    return b.find_element(By.NAME, name)


def _px(b: Any, element: Any, prop: str) -> float:
    return float(b.execute_script(f"return arguments[0].{prop};", element))


def test_editor_at_1280_gives_the_step_fields_room(browser: Any, screen: Any, users: dict[str, Any],
                                                   long_sop: Any) -> None:
    b = browser
    login(b, "penyusun")
    screen(1280, 900)
    _open_editor(b, long_sop)
    waktu = _el(b, "k-2-waktu")
    assert waktu.get_attribute("value") == "1 - 5 hari kerja"
    assert _px(b, waktu, "scrollWidth") <= _px(b, waktu, "clientWidth")  # not clipped
    uraian = _el(b, "k-0-uraian")
    assert b.execute_script("return arguments[0].getBoundingClientRect().width", uraian) >= 240
    # the step table spans the page: wider than the identity card above it
    table = b.execute_script("return document.getElementById('tabel-langkah').getBoundingClientRect().width")
    identity = b.execute_script("return document.getElementById('bagian-identitas').getBoundingClientRect().width")
    assert table > identity * 1.2
    # the label columns of Identitas and Enam kotak: a quarter to 30 % of their tables
    for card in ("bagian-identitas", "bagian-kotak"):
        share = b.execute_script(
            "const t = document.querySelector('#' + arguments[0] + ' table');"
            "return t.querySelector('th').getBoundingClientRect().width / t.getBoundingClientRect().width;",
            card,
        )
        assert 0.25 <= share <= 0.30, card
    preview = b.execute_script("return document.getElementById('pratinjau').getBoundingClientRect().bottom")
    assert preview <= b.execute_script("return document.getElementById('tabel-langkah').getBoundingClientRect().top")
    # no textarea of the step table scrolls: six lines of Kelengkapan, the long Uraian, every row
    assert b.execute_script(SCROLLING) == []
    ems = b.execute_script(
        "const t = arguments[0]; return t.clientHeight / parseFloat(getComputedStyle(t).fontSize);",
        _el(b, "k-0-kelengkapan"),
    )
    assert ems >= 6 * 1.1  # six lines shown (a line is 1.1 em at least)
    # no word broken inside a text field; Output shows at least 20 characters a line
    for name in ("k-0-uraian", "k-0-kelengkapan", "k-0-output"):
        style = b.execute_script(
            "const s = getComputedStyle(arguments[0]); return [s.overflowWrap, s.wordBreak];", _el(b, name)
        )
        assert style == ["normal", "normal"], name
    output = _el(b, "k-0-output")
    twenty = b.execute_script(
        "const c = document.createElement('canvas').getContext('2d'); c.font = getComputedStyle(arguments[0]).font;"
        "return c.measureText('Disposisi Pengumpula').width;",
        output,
    )
    assert _px(b, output, "clientWidth") >= twenty
    assert b.execute_script(NO_PAGE_SCROLL)


def test_actors_are_packed_and_the_row_buttons_keep_one_narrow_column(browser: Any, screen: Any,
                                                                       users: dict[str, Any], long_sop: Any) -> None:
    b = browser
    login(b, "penyusun")
    screen(1280, 900)
    _open_editor(b, long_sop)
    boxes = b.execute_script(
        "return [...document.querySelectorAll('#langkah-0 input[name=\"k-0-pelaksana\"]')]"
        ".map(e => Math.round(e.getBoundingClientRect().top));"
    )
    assert len(boxes) == 5 and len(set(boxes)) < len(boxes)  # some side by side, not one a line
    buttons = b.execute_script(
        "return [...document.querySelectorAll('#langkah-0 .tombol-baris button')]"
        ".map(e => Math.round(e.getBoundingClientRect().left));"
    )
    assert len(buttons) == 4 and len(set(buttons)) == 1  # one column
    column = b.execute_script("return document.querySelector('#langkah-0 .tombol-baris').getBoundingClientRect().width")
    assert column <= 40
    # every button keeps its spoken label
    labels = b.execute_script(
        "return [...document.querySelectorAll('#langkah-0 .tombol-baris button')]"
        ".map(e => e.getAttribute('aria-label'));"
    )
    assert all(labels)


@pytest.mark.parametrize("width, height", [(1024, 768), (1366, 768), (1920, 1080)])
def test_no_horizontal_page_scroll(browser: Any, screen: Any, users: dict[str, Any], long_sop: Any,
                                   width: int, height: int) -> None:
    b = browser
    login(b, "penyusun")
    screen(width, height)
    _open_editor(b, long_sop)
    assert b.execute_script(NO_PAGE_SCROLL)
    assert b.execute_script(SCROLLING) == []
    if width >= 1366:
        assert b.execute_script("return arguments[0].getBoundingClientRect().width", _el(b, "k-0-uraian")) >= 240
    if width >= 1700:  # wide screens: the preview stays beside the step table
        left = b.execute_script("return document.getElementById('pratinjau').getBoundingClientRect().left")
        right = b.execute_script("return document.getElementById('tabel-langkah').getBoundingClientRect().right")
        assert left > right
        # and stays in sight (sticky) while the author scrolls down the steps
        b.execute_script("document.getElementById('langkah-6').scrollIntoView()")
        top = b.execute_script("return document.getElementById('pratinjau').getBoundingClientRect().top")
        assert 0 <= top < 50


def test_a_textarea_grows_as_lines_are_typed(browser: Any, screen: Any, users: dict[str, Any], long_sop: Any) -> None:
    b = browser
    login(b, "penyusun")
    screen(1280, 900)
    _open_editor(b, long_sop)
    area = _el(b, "k-3-kelengkapan")
    before = _px(b, area, "clientHeight")
    area.clear()
    area.send_keys("\n".join(SIX_LINES))
    assert _px(b, area, "clientHeight") > before
    assert b.execute_script(SCROLLING) == []


def test_without_field_sizing_the_script_sizes_the_textareas(browser: Any, screen: Any, users: dict[str, Any],
                                                             long_sop: Any) -> None:
    """A browser without CSS field-sizing (Firefox, older Chromium): sopdoc-editor.js fits each
    textarea to its text on load and as it is typed in. Simulated: CSS.supports answers no and the
    page's textareas are forced to fixed sizing."""
    b = browser
    fake = b.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {
            "source": "CSS.supports = function () { return false; };"
            "document.addEventListener('DOMContentLoaded', function () {"
            " var s = document.createElement('style');"
            " s.textContent = '.editor textarea { field-sizing: fixed !important; }';"
            " document.head.appendChild(s); });"
        },
    )
    try:
        login(b, "penyusun")
        screen(1280, 900)
        _open_editor(b, long_sop)
        assert b.execute_script(
            "return getComputedStyle(document.querySelector('#tabel-langkah textarea')).fieldSizing"
        ) in ("fixed", None)
        assert b.execute_script(SCROLLING) == []  # fitted on load
        assert _el(b, "k-0-kelengkapan").get_attribute("style")  # by the script
        area = _el(b, "k-3-kelengkapan")
        area.clear()
        area.send_keys("\n".join(SIX_LINES))
        assert b.execute_script(SCROLLING) == []  # and as it is typed in
    finally:
        b.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": fake["identifier"]})
