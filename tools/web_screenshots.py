"""Screenshots of the web application's main pages into docs/img/web-*.png (``make screenshots``).

Builds a throw-away site (one SQLite database in a temporary directory: a unit, one user per role,
the example SOP taken to *effective*, a draft with findings), starts ``sopdoc serve`` on a free
loopback port, and drives the same headless Chromium as the end-to-end tests
(tests/web/e2e/browser.py): the clerk opens a period and records a step through the forms, then each
main page is photographed. Needs the ``web`` and ``dev`` extras, chromium and chromedriver.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "examples" / "pengumpulan-data-kinerja.sop.yaml"
PASSWORD = "kata-sandi-contoh-2026"


def _site(db: Path) -> tuple[int, int]:
    """Users, units and SOPs in the database at ``db``; returns the pks of the effective SOP and the draft."""
    from sopdoc.web import serve

    serve.setup(str(db), http=True, hosts="127.0.0.1,localhost")
    serve.migrate()
    from sopdoc.web.akun.models import Pengguna, Unit
    from sopdoc.web.sop import lifecycle
    from sopdoc.web.sop.models import Sop
    from sopdoc.web.sop.views import _save_version

    ortala = Unit.objects.create(kode="ortala", nama="Bagian Organisasi")
    Unit.objects.create(kode="keuangan", nama="Bagian Keuangan")
    users = {role: Pengguna.objects.create_user(role, password=PASSWORD, peran=role,
                                                unit=None if role in ("inspektur", "admin") else ortala)
             for role in ("penyusun", "pelaksana", "inspektur", "admin")}
    users["pelaksana"].jabatan = "Sekretaris\nKasubag Program"  # her steps: 'my steps waiting'
    users["pelaksana"].save()
    users["penyusun2"] = Pengguna.objects.create_user("penyusun2", password=PASSWORD, peran="penyusun", unit=ortala)
    sop = Sop.objects.create(unit=ortala, judul="Pengumpulan Data Kinerja", dibuat_oleh=users["penyusun"])
    _save_version(sop, EXAMPLE.read_text(encoding="utf-8"), users["penyusun"], "contoh")
    for move, who in (("ajukan", "penyusun"), ("setujui", "penyusun2"), ("berlakukan", "penyusun2")):
        sop.refresh_from_db()
        lifecycle.apply(sop, lifecycle.MOVES[move], users[who], "")
    draft = Sop.objects.create(unit=ortala, judul="Pengumpulan Data Kinerja (revisi)", dibuat_oleh=users["penyusun"])
    text = EXAMPLE.read_text(encoding="utf-8").replace("waktu: 1 jam", "waktu: kira-kira sebentar", 1)
    _save_version(draft, text, users["penyusun"], "revisi")
    return sop.pk, draft.pk


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()  # loopback only
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not start: {url}")


def _shoot(driver: object, path: Path, height: int = 1000) -> None:
    """The page at 1280 px wide, as tall as its content (at most ``height`` px)."""
    metrics = {"width": 1280, "height": 600, "deviceScaleFactor": 1, "mobile": False}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)  # type: ignore[attr-defined]
    full = driver.execute_script("return document.documentElement.scrollHeight")  # type: ignore[attr-defined]
    metrics["height"] = min(max(int(full), 600), height)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)  # type: ignore[attr-defined]
    time.sleep(0.3)
    driver.save_screenshot(str(path))  # type: ignore[attr-defined]
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = ap.parse_args()
    from tests.web.e2e.browser import missing, start, stop

    why = missing()
    if why:
        print(f"web_screenshots: {why}", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="sopdoc-screens-"))
    db = tmp / "sopdoc.db"
    effective, draft = _site(db)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOPDOC_", "DJANGO_"))}
    server = subprocess.Popen([sys.executable, "-m", "sopdoc", "serve", "--db", str(db), "--port", str(port)],
                              cwd=tmp, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    driver = None
    try:
        _wait_up(base + "/akun/masuk/")
        driver = start(tmp / "unduhan")
        driver.implicitly_wait(15)
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import Select

        def login(user: str) -> None:
            driver.delete_all_cookies()
            driver.get(base + "/akun/masuk/")
            driver.find_element(By.ID, "id_username").send_keys(user)
            driver.find_element(By.ID, "id_password").send_keys(PASSWORD)
            driver.find_element(By.ID, "tombol-masuk").click()
            driver.find_element(By.ID, "pengguna-aktif")

        args.out.mkdir(parents=True, exist_ok=True)
        driver.get(base + "/akun/masuk/")
        _shoot(driver, args.out / "web-masuk.png", 600)
        login("penyusun")
        driver.get(base + "/sop/")
        _shoot(driver, args.out / "web-daftar-sop.png")
        driver.get(base + f"/sop/{draft}/ubah/")
        time.sleep(1)
        _shoot(driver, args.out / "web-editor.png", 2300)  # down to the first rows of the step table
        driver.get(base + f"/sop/{effective}/")
        _shoot(driver, args.out / "web-sop.png", 1200)
        login("pelaksana")
        driver.get(base + "/periode/")
        Select(driver.find_element(By.ID, "f-sop")).select_by_value(str(effective))
        driver.find_element(By.ID, "f-periode").send_keys("2026-TW3")
        driver.find_element(By.ID, "tombol-buka").click()
        for field, value in (("f-oleh", "Budi Santoso / 198001012005011001"), ("f-peran", "Kepala Dinas"),
                             ("f-mulai", "2026-10-01 08:00"), ("f-selesai", "2026-10-02 09:00"),
                             ("f-output", "Disposisi")):
            driver.find_element(By.ID, field).clear()  # Oleh comes filled with the user name
            driver.find_element(By.ID, field).send_keys(value)
        driver.find_element(By.ID, "tombol-catat").click()
        driver.find_element(By.ID, "tabel-log")
        _shoot(driver, args.out / "web-periode.png", 1400)
        driver.get(base + "/periode/terlambat/")
        _shoot(driver, args.out / "web-terlambat.png", 800)
        login("inspektur")
        driver.get(base + "/inspeksi/")
        _shoot(driver, args.out / "web-dasbor.png", 1400)
        driver.get(base + "/akun/audit/")
        _shoot(driver, args.out / "web-audit.png", 900)
        login("admin")
        driver.get(base + "/akun/pengguna/")
        _shoot(driver, args.out / "web-pengguna.png", 900)
    finally:
        if driver is not None:
            stop(driver)
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
