"""Start the dashboard on a free loopback port and drive it with Playwright on Debian's Chromium."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


#: How an app is started, the script's path following: as ``streamlit run`` does, or as the deployment does
#: (deploy/serve.py: ``streamlit run`` with TCP_NODELAY). The tests and the benchmarks share these.
LAUNCHERS = {"stock": [sys.executable, "-m", "streamlit", "run"],
             "nodelay": [sys.executable, str(ROOT / "deploy" / "serve.py"), "--app"]}


def start_server(port: int, script: str = "dashboard.py", cwd: Path = ROOT,
                 launcher: str = "stock") -> subprocess.Popen:
    proc = subprocess.Popen(
        [*LAUNCHERS[launcher], script, "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"streamlit did not answer on port {port} within 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    """Terminate a server started by :func:`start_server`, killing it if it does not stop within 20 s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


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
