"""The three roles' main journeys in a real browser (issue #17 point 9): an author creates an SOP,
adds a decision step, sees the live preview and a finding come and go, saves and downloads the
PDF; a clerk opens a period, records a case and sees it late; an inspector filters the dashboard
and follows a finding down to its SOP."""

from __future__ import annotations

import time
from typing import Any

from tests.web.e2e.conftest import by_id, click_and_wait, login, wait


def _row(driver: Any, i: int, field: str) -> Any:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.NAME, f"k-{i}-{field}")


def _type(element: Any, text: str) -> None:
    element.clear()
    element.send_keys(text)


def _summary(driver: Any) -> str:
    return by_id(driver, "ringkasan-temuan").text


def test_author_creates_an_sop_with_a_decision_and_downloads_the_pdf(browser: Any, users: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    from sopdoc.source.reader import load_sop_text
    from sopdoc.web.sop.models import Sop

    b = browser
    login(b, "penyusun")
    click_and_wait(b, by_id(b, "menu-sop"))
    click_and_wait(b, by_id(b, "tombol-sop-baru"))
    by_id(b, "id_judul").send_keys("Pelayanan Surat Keterangan Domisili")
    click_and_wait(b, by_id(b, "tombol-buat"))
    first = _summary(b)
    assert "galat" in first and b.find_elements(By.ID, "tanpa-bagan")  # no step yet: no flowchart
    _type(by_id(b, "f-pelaksana"), "Staf Pelayanan\nKepala Seksi")
    for n in range(1, 4):
        click_and_wait(b, by_id(b, "tombol-tambah-langkah"))
        assert len(b.find_elements(By.CSS_SELECTOR, "#tabel-langkah tr[id^=langkah-]")) == n
    steps = [
        (
            "Menerima permohonan surat keterangan domisili",
            "Staf Pelayanan",
            "terminator",
            "15 menit",
            "Berkas permohonan",
        ),
        ("Memeriksa kelengkapan berkas permohonan", "Staf Pelayanan", "keputusan", "10 menit", "Berkas diperiksa"),
        (
            "Menandatangani surat keterangan domisili",
            "Kepala Seksi",
            "terminator",
            "30 menit",
            "Surat keterangan domisili",
        ),
    ]
    for i, (uraian, actor, simbol, waktu, output) in enumerate(steps):
        _type(_row(b, i, "uraian"), uraian)
        # a new row comes with the first actor ticked; the keyboard, not a click: the findings under
        # each row grow and shrink as previews arrive, so a click can land on the row below
        for box in b.find_elements(By.CSS_SELECTOR, f'input[name="k-{i}-pelaksana"]'):
            if box.is_selected() != (box.get_attribute("value") == actor):
                box.send_keys(Keys.SPACE)
        Select(_row(b, i, "simbol")).select_by_value(simbol)
        _type(_row(b, i, "waktu"), waktu)
        _type(_row(b, i, "output"), output)
    # the targets are picked from the steps, by the number and activity each row shows
    Select(_row(b, 1, "ya")).select_by_visible_text("3 — Menandatangani surat keterangan domisili")
    Select(_row(b, 1, "tidak")).select_by_visible_text("1 — Menerima permohonan surat keterangan domisili")
    # the live preview: the flowchart appears and the findings summary changes, nothing saved
    wait(b).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#bagan svg"))
    wait(b).until(lambda d: _summary(d) != first)
    wait(b).until(lambda d: "kegiatan[0].pelaksana" not in by_id(d, "temuan-k-0").text)  # caught up
    # a finding beside the field it concerns comes and goes as the author types
    _type(_row(b, 0, "waktu"), "kira-kira sebentar")
    wait(b).until(lambda d: "kira-kira sebentar" in by_id(d, "temuan-k-0").text)
    assert "kegiatan[0].mutu_baku.waktu" in by_id(b, "temuan-k-0").text
    _type(_row(b, 0, "waktu"), "15 menit")
    wait(b).until(lambda d: "mutu_baku.waktu" not in by_id(d, "temuan-k-0").text)
    sop = Sop.objects.get(judul="Pelayanan Surat Keterangan Domisili")
    assert sop.versi.count() == 1
    _type(by_id(b, "f-catatan"), "tiga langkah, satu keputusan")
    click_and_wait(b, by_id(b, "tombol-simpan"))
    assert "versi 2" in b.find_element(By.CSS_SELECTOR, ".pesan").text
    step = load_sop_text(sop.latest().sumber).sop.kegiatan[1]
    assert (step.no, step.simbol.value, step.cabang.ya, step.cabang.tidak) == (2, "keputusan", 3, 1)
    click_and_wait(b, by_id(b, "tautan-lihat"))
    assert by_id(b, "pratinjau").find_elements(By.TAG_NAME, "svg")
    by_id(b, "unduh-pdf").click()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done = [p for p in b.downloads.iterdir() if p.suffix == ".pdf"]
        if done:
            break
        time.sleep(0.2)
    assert done, list(b.downloads.iterdir())
    pdf = done[0].read_bytes()
    assert pdf.startswith(b"%PDF")
    import io

    from pypdf import PdfReader

    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Memeriksa kelengkapan berkas permohonan" in text and "Pelayanan Surat Keterangan Domisili" in text


def test_clerk_records_a_case_and_sees_it_late(browser: Any, users: dict[str, Any], effective_sop: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    name = f"pengumpulan-data-kinerja-{effective_sop.pk}-2026-TW3"
    b = browser
    login(b, "pelaksana")
    click_and_wait(b, by_id(b, "menu-periode"))
    Select(by_id(b, "f-sop")).select_by_value(str(effective_sop.pk))
    by_id(b, "f-periode").send_keys("2026-TW3")
    click_and_wait(b, by_id(b, "tombol-buka"))
    assert by_id(b, "judul-instans").text == name
    # the period started in October 2026 and today is later: step 1 is already overdue
    assert "TERLAMBAT" in by_id(b, "jatuh-tempo").text
    Select(by_id(b, "f-langkah")).select_by_value("1")
    assert by_id(b, "f-oleh").get_attribute("value") == "pelaksana"  # the user's name, to be replaced
    by_id(b, "f-oleh").clear()
    by_id(b, "f-oleh").send_keys("Budi / 198001012005011001")
    by_id(b, "f-peran").send_keys("Kepala Dinas")
    by_id(b, "f-mulai").send_keys("2026-10-01 08:00")
    by_id(b, "f-selesai").send_keys("2026-10-09 15:00")  # planned: 15 minutes on 1 October
    by_id(b, "f-output").send_keys("Disposisi")
    click_and_wait(b, by_id(b, "tombol-catat"))
    assert "Dicatat: entri #1 langkah 1" in b.find_element(By.CSS_SELECTOR, ".pesan").text
    log = by_id(b, "tabel-log").text
    assert "1 1 Budi / 198001012005011001 · Kepala Dinas" in log and "Disposisi" in log
    assert by_id(b, "log-utuh")
    findings = by_id(b, "temuan-kepatuhan").text
    assert "CMP" in findings, findings  # the late step is a compliance finding
    click_and_wait(b, by_id(b, "menu-periode"))
    assert by_id(b, f"instans-{name}").find_element(By.CSS_SELECTOR, "td.terlambat")
    click_and_wait(b, by_id(b, "tautan-terlambat"))
    late = by_id(b, "tabel-terlambat").text
    assert name in late and "TERLAMBAT" in late


def _sops_counted(driver: Any) -> int:
    from selenium.webdriver.common.by import By

    return sum(int(td.text) for td in by_id(driver, "sop-per-status").find_elements(By.CSS_SELECTOR, "td.angka"))


def test_inspector_filters_the_dashboard(browser: Any, users: dict[str, Any], units: dict[str, Any], sop: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from sopdoc.web.sop.models import Sop
    from sopdoc.web.sop.views import _save_version

    other = Sop.objects.create(unit=units["b"], judul="Pencairan Anggaran", dibuat_oleh=users["penyusun_b"])
    _save_version(
        other,
        "sopdoc: 1\nidentitas:\n  nama: Pencairan Anggaran\npelaksana: []\nkegiatan: []\n",
        users["penyusun_b"],
        "kosong",
    )
    b = browser
    login(b, "inspektur")
    click_and_wait(b, by_id(b, "menu-dasbor"))
    assert _sops_counted(b) == 2 and "Bagian Keuangan" in by_id(b, "temuan-per-unit").text
    Select(by_id(b, "f-unit")).select_by_visible_text("Bagian Keuangan")
    click_and_wait(b, by_id(b, "tombol-saring"))
    assert f"unit={units['b'].pk}" in b.current_url
    assert _sops_counted(b) == 1 and "Bagian Keuangan" in by_id(b, "temuan-per-unit").text
    rule = by_id(b, "temuan-per-aturan").find_element(By.TAG_NAME, "a")
    code = rule.text
    click_and_wait(b, rule)
    chosen = by_id(b, "temuan-terpilih")
    assert chosen.find_element(By.TAG_NAME, "h2").text == code
    link = chosen.find_element(By.CSS_SELECTOR, f'a[href="/sop/{other.pk}/"]')
    assert not chosen.find_elements(By.CSS_SELECTOR, f'a[href="/sop/{sop.pk}/"]')  # unit a filtered out
    click_and_wait(b, link)
    assert by_id(b, "judul-sop").text.startswith("Pencairan Anggaran")
    assert code in by_id(b, "temuan-sop").text
