"""What the browser tests share: a live junheng server in this process and headless Chromium driving it.

`LiveServer` runs a WSGI app under waitress on a loopback port, in a thread that stops when asked. waitress's own
`run()` loops until its sockets are closed under it, and then its `select` fails on a closed descriptor in that
thread (pytest reports it against whichever test runs next); this loop checks a flag between short polls and is
joined before the sockets close.
"""
from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# the mark every browser test module carries: skipped only where Chromium or its driver is absent
BROWSER_MARKS = [pytest.mark.browser,
                 pytest.mark.skipif(not (Path(CHROMIUM).exists() and Path(DRIVER).exists()),
                                    reason="Chromium and chromedriver not installed "
                                           "(apt-get install chromium chromium-driver)")]


class LiveServer:
    """`app` served on 127.0.0.1 at a free port until `close()`."""

    def __init__(self, app, threads: int = 4):
        from waitress.server import create_server
        self.server = create_server(app, host="127.0.0.1", port=0, threads=threads)
        self.url = f"http://127.0.0.1:{self.server.effective_port}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self):
        while not self._stop.is_set():
            self.server.asyncore.loop(timeout=0.05, map=self.server._map, count=1)

    def close(self):
        self._stop.set()
        self._thread.join(timeout=5)
        self.server.task_dispatcher.shutdown(timeout=5)      # its threads finish before the sockets close
        self.server.close()


def chromium(tmp_path_factory):
    """Headless Chromium (Debian's, through its chromedriver: selenium downloads nothing) that saves downloads
    into `driver.downloads`; the caller quits it."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=zh-CN",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    return driver


def submit(driver, selector):
    """Click a button that submits and wait until the next page has replaced this one."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, selector).click()
    # while the old page goes, chromedriver may answer a probe with an error of its own ("unhandled inspector
    # error", "cannot find context"): that is the navigation under way, asked again
    WebDriverWait(driver, 60, ignored_exceptions=(WebDriverException,)).until(
        expected_conditions.staleness_of(page))


def wait_file(folder: Path, suffix: str, timeout=30) -> Path:
    """The first finished download with this suffix in `folder`."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done = [p for p in folder.iterdir() if p.suffix == suffix]
        if done and not any(p.suffix == ".crdownload" for p in folder.iterdir()):
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} downloaded into {folder}: {list(folder.iterdir())}")
