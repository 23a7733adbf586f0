"""End-to-end tests in a real headless Chromium (issue #17 point 9) against pytest-django's live
server: Debian's chromium and chromedriver through Selenium (browser.py); skipped cleanly when any of
them is missing. Django's database is the suite's (SQLite); with ``SOPDOC_TEST_PG`` set,
test_on_postgresql.py runs this folder again with Django and the store on that PostgreSQL server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from sopdoc.execution.store import open_store
from tests.web.conftest import PASSWORD
from tests.web.e2e.browser import missing, start, stop

WAIT = 30  # seconds: the machine running the tests may be busy


@pytest.fixture(scope="session")
def _chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    why = missing()
    if why:
        pytest.skip(why)
    driver = start(tmp_path_factory.mktemp("downloads"))
    yield driver
    stop(driver)


@pytest.fixture
def browser(_chromium: Any, tmp_path: Path, live_server: Any) -> Iterator[Any]:
    """The browser, logged out, downloading into this test's ``tmp_path / 'unduhan'``."""
    downloads = tmp_path / "unduhan"
    downloads.mkdir()
    _chromium.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    _chromium.downloads = downloads
    _chromium.base = live_server.url
    _chromium.delete_all_cookies()
    yield _chromium
    _chromium.get("about:blank")
    _chromium.delete_all_cookies()


@pytest.fixture(autouse=True)
def _store_beside_django(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _fresh_store: None) -> Iterator[None]:
    """On PostgreSQL the store goes into Django's own test database (a fresh schema of it per test),
    as in a deployment; on SQLite it stays the test's file (_fresh_store)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        yield
        return
    from django.db import connection

    schema = f"e2e_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cur:
        cur.execute(f"CREATE SCHEMA {schema}")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # the URL store's key
    url = (
        f"postgresql://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{connection.settings_dict['NAME']}"
        f"?options=-csearch_path%3D{schema}"
    )
    open_store(url, create=True).close()  # as `sopdoc serve` does before Django migrates
    saved = settings.SOPDOC_STORE
    settings.SOPDOC_STORE = url
    yield
    settings.SOPDOC_STORE = saved
    with connection.cursor() as cur:
        cur.execute(f"DROP SCHEMA {schema} CASCADE")


def wait(driver: Any, timeout: float = WAIT) -> Any:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # htmx replaces the findings slots while a condition reads them: read again
    return WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,))


def by_id(driver: Any, element_id: str) -> Any:
    from selenium.webdriver.common.by import By

    return wait(driver).until(lambda d: d.find_element(By.ID, element_id))


def login(driver: Any, username: str) -> None:
    """Log in through the login form, as a person does."""
    driver.get(driver.base + "/akun/masuk/")
    by_id(driver, "id_username").send_keys(username)
    by_id(driver, "id_password").send_keys(PASSWORD)
    by_id(driver, "tombol-masuk").click()
    assert by_id(driver, "pengguna-aktif").text.startswith(username)


def click_and_wait(driver: Any, element: Any) -> None:
    """Click something that loads a new page, and wait until it has."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    # Mark the old document and wait until a document without the mark is complete.
    # Selenium's staleness_of asks the old element, and Chromium sometimes answers that
    # with "Node with given id does not belong to the document" instead of a stale
    # reference while the new page replaces it (CI flake, 2026-11).
    driver.execute_script("document.documentElement.setAttribute('data-e2e-old', '1')")
    element.click()

    def loaded(d: Any) -> bool:
        return bool(
            d.execute_script(
                "return document.readyState === 'complete' && !document.documentElement.hasAttribute('data-e2e-old')"
            )
        )

    WebDriverWait(driver, WAIT, ignored_exceptions=(WebDriverException,)).until(loaded)
