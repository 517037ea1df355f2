"""Smoke tests of the server load test: its protocol client does real work, and the quick run passes.

The first test proves :mod:`benchmarks.st_client` speaks Streamlit's protocol well enough that the server
recomputes the page: moving the delay slider from 3 to 6 months on Projections must bring back the card
"October 2026" and a new chart. The second runs ``benchmarks/load_test.py --quick`` (3 sessions, 3 moves) as a
subprocess, on its own loopback server, and checks it exits 0 with a table that reports 0 errors.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from st_client import StClient, user_key

# The browser tests' server fixture (a `streamlit run` on a free loopback port), used here as it is.
from tests.e2e.conftest import base_url  # noqa: E402,F401 - a pytest fixture, requested by name


def test_user_key_from_element_id():
    assert user_key("$$ID-f002bb99742a81b3b6112db81ae91be0-delay_months") == "delay_months"
    assert user_key("$$ID-37c063e12c598ee586a160b03406757e-dl-report-zip") == "dl-report-zip"
    assert user_key("$$ID-0123-None") is None


@pytest.mark.timeout(180)
def test_client_moves_delay_slider_and_gets_october_2026(base_url):  # noqa: F811 - the fixture
    async def scenario():
        async with StClient(base_url, timeout=90) as c:
            opened = await c.open("projections", "delay_months=3")
            slider = c.widget("delay_months")
            moved = await c.set_value("delay_months", 6)
            return c, opened, slider, moved

    # its own thread: the browser tests' Playwright keeps an event loop running in this one for the session
    with ThreadPoolExecutor(max_workers=1) as pool:
        c, opened, slider, moved = pool.submit(asyncio.run, scenario()).result(timeout=120)
    assert opened.status == "ok" and not opened.errors
    assert opened.metrics["Target month"] == "July 2026"  # the link's delay_months=3 reached the server
    assert slider.kind == "slider" and slider.id.endswith("-delay_months")
    assert (slider.proto.min, slider.proto.max) == (0, 36)
    assert moved.status == "fragment ok" and not moved.errors  # the move reran the page fragment, not the app
    assert moved.metrics["Target month"] == "October 2026"
    assert "October 2026" in moved.texts()
    assert moved.first_chart is not None and moved.chart_hashes  # a chart was sent in the move's run
    assert 0 < moved.chart_latency <= moved.latency
    assert c.value("delay_months") == [6.0]  # what the next rerun will send
    assert ("delay_months", "6") in c.query  # the bound URL parameter, as the frontend writes it
    assert len(c.states) > 20  # every sidebar slider's state went along


@pytest.mark.timeout(240)
def test_load_test_quick_runs_without_errors():
    proc = subprocess.run(
        [sys.executable, "benchmarks/load_test.py", "--quick"],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| realistic")]
    assert rows, proc.stdout
    cells = [c.strip() for c in rows[0].strip("|").split("|")]
    assert cells[1] == "3"  # sessions
    assert cells[3] == "0", proc.stdout  # errors
    done, planned = map(int, re.fullmatch(r"(\d+) of (\d+)", cells[2]).groups())
    assert done == planned > 0, proc.stdout  # every open, move and page switch happened
