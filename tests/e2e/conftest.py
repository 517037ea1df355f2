"""Start the dashboard on a free loopback port and drive it with Playwright on Debian's Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# One copy of the server helpers for the tests, the benchmarks and deploy/; the names imported from here stay.
from deploy.serverctl import LAUNCHERS, start_server, stop_server  # noqa: F401 - re-exported
from deploy.serverctl import free_port as _free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def base_url():
    port = _free_port()
    proc = start_server(port)
    yield f"http://127.0.0.1:{port}"
    stop_server(proc)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run should have installed Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    ctx.close()


def open_page(pg, base_url: str, path: str = "", query: str = ""):
    """Open a page and wait until Streamlit has finished running it and its charts have drawn."""
    pg.goto(f"{base_url}/{path}{query}")
    wait_idle(pg)
    return pg


def wait_idle(pg, charts: bool = True) -> None:
    """Wait until the page has a title and Streamlit reports its script as not running (and charts drew).

    After an interaction the rerun may not have started yet: tests then also wait for what should change.
    """
    pg.wait_for_selector("h1")
    pg.wait_for_selector("[data-test-script-state=notRunning]", state="attached", timeout=60_000)
    pg.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000)
    if charts and pg.locator("[data-testid=stPlotlyChart]").count():
        pg.wait_for_selector("[data-testid=stPlotlyChart] .main-svg")
