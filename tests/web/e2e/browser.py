"""Headless Chromium for the end-to-end tests and the screenshots: Debian's ``chromium`` driven by
Debian's ``chromedriver`` through Selenium (nothing is downloaded: Selenium Manager is bypassed by
naming both binaries). :func:`missing` says why it cannot run here, for a clean skip."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

CHROMIUM = ("chromium", "chromium-browser")
DRIVER = "chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
)


def _which(names: tuple[str, ...]) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def missing() -> str | None:
    """Why no browser can run here (None: it can)."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    if _which(CHROMIUM) is None:
        return "chromium is not installed (apt-get install -y chromium)"
    if _which((DRIVER,)) is None:
        return "chromedriver is not installed (apt-get install -y chromium-driver)"
    return None


def start(downloads: Path, width: int = 1400, height: int = 1000) -> Any:
    """A new headless Chromium with a fresh profile; files it downloads land in ``downloads``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _which(CHROMIUM) or CHROMIUM[0]
    profile = tempfile.mkdtemp(prefix="sopdoc-chromium-")
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}", "--lang=id"):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "plugins.always_open_pdf_externally": True,
        },
    )
    driver = webdriver.Chrome(options=options, service=Service(executable_path=_which((DRIVER,)) or DRIVER))
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver._sopdoc_profile = profile  # removed by stop()
    return driver


def stop(driver: Any) -> None:
    profile = getattr(driver, "_sopdoc_profile", None)
    try:
        driver.quit()
    finally:
        if profile:
            shutil.rmtree(profile, ignore_errors=True)
