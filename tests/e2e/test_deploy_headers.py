"""The public deployment's edge (issue 21): nginx's security headers, rate and size limits and readiness check
through deploy/replicas.py, the dashboard working in Chromium under that Content-Security-Policy, and owners: the
signed owner cookie keeps a browser's saved items across reloads, and a viewer of a link can only open.

Needs Debian's nginx (``apt-get install -y nginx``) and Chromium.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from deploy.replicas import Cluster, find_nginx

from .conftest import open_page, wait_idle

pytestmark = pytest.mark.e2e
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    if find_nginx() is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: .ci/run should install Debian's nginx (apt-get install -y nginx)")
        pytest.skip("nginx not installed (apt-get install -y nginx)")
    db = tmp_path_factory.mktemp("edge") / "store.sqlite3"
    with Cluster(replicas=1, db_url=f"sqlite:///{db}", log=lambda *a: None) as c:
        yield c


def _get(url: str, headers: dict | None = None, method: str = "GET", data: bytes | None = None):
    req = urllib.request.Request(url, headers=headers or {}, method=method, data=data)
    try:
        with OPENER.open(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def test_every_response_carries_the_security_headers(cluster):
    for path in ("/", "/_stcore/health", "/static/does-not-exist.js", "/_corridor/ready"):
        status, headers, _ = _get(cluster.url + path)
        csp = headers.get("Content-Security-Policy", "")
        assert "frame-ancestors 'self'" in csp and "default-src 'self'" in csp and "object-src 'none'" in csp, path
        assert headers.get("X-Content-Type-Options") == "nosniff", path
        assert headers.get("Referrer-Policy") == "strict-origin-when-cross-origin", path
        assert headers.get("X-Frame-Options") == "SAMEORIGIN", path
        assert "Strict-Transport-Security" not in headers, path  # plain HTTP: no HSTS


def test_hsts_is_sent_behind_a_tls_proxy(cluster):
    _, headers, _ = _get(cluster.url + "/", {"X-Forwarded-Proto": "https"})
    assert headers.get("Strict-Transport-Security") == "max-age=31536000; includeSubDomains"


def test_the_readiness_check_answers_through_nginx_with_the_database(cluster):
    status, _, body = _get(cluster.url + "/_corridor/ready")
    got = json.loads(body)
    assert status == 200 and got["ready"] is True and got["db"] == "ok" and got["app"] == "ok", got
    ok, details = cluster.replicas[0].ready()
    assert ok and details["db"] == "ok"


def test_an_upload_larger_than_the_limit_is_refused_by_nginx(cluster):
    body = b"x" * (5 * 1024 * 1024 + 1)  # one byte over client_max_body_size 5m
    status, _, _ = _get(cluster.url + "/_stcore/upload_file/s/f", method="PUT", data=body)
    assert status == 413


def test_a_flood_of_requests_from_one_address_meets_the_rate_limit(cluster):
    # zone "pages": 20 requests a second, a burst of 100 served at once; 300 requests at once go over it
    with ThreadPoolExecutor(max_workers=30) as pool:
        statuses = list(pool.map(lambda _: _get(cluster.url + "/")[0], range(300)))
    assert statuses.count(429) > 0 and statuses.count(200) >= 100, {s: statuses.count(s) for s in set(statuses)}


def _open_boxes(page, title: str = "Save and share") -> None:
    """Open the expander ``title`` if it is closed (a rerun that redraws it may close it)."""
    box = page.locator("details", has=page.locator("summary", has_text=title)).first
    box.wait_for(state="attached")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    page.wait_for_function(
        "t => [...document.querySelectorAll('details')].some(d => d.open && d.innerText.includes(t))", arg=title
    )


def test_the_dashboard_works_under_the_csp_and_keeps_a_browsers_items_across_reloads(cluster, browser):
    import time

    time.sleep(1.5)  # let the rate limiter's bucket of the flood test drain (20 a second)
    owner = browser.new_context(viewport={"width": 1440, "height": 1600})
    page = owner.new_page()
    page.set_default_timeout(60_000)
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    viewer = browser.new_context(viewport={"width": 1440, "height": 1600})
    try:
        open_page(page, cluster.url, "projections")  # the charts draw: Streamlit and plotly run under the CSP
        page.wait_for_selector("[data-testid=stPlotlyChart] .main-svg")
        _open_boxes(page)
        page.get_by_label("Scenario name").fill("Budget case")
        page.get_by_role("button", name="Save scenario").click()
        code = page.locator("[data-testid=stCode]", has_text="scenario=").first
        code.wait_for(state="attached")
        link = code.text_content().strip()
        _open_boxes(page)
        page.wait_for_function("() => document.cookie.includes('corridor_owner=')")  # written by the page
        assert not blocked, blocked
        # a reload is a new Streamlit session: the cookie brings back this browser's list, with Delete
        open_page(page, cluster.url, "projections")
        _open_boxes(page)
        entry = page.get_by_role("link", name="Budget case")
        entry.wait_for()
        page.get_by_role("button", name="Delete").wait_for()
        assert page.get_by_role("button", name="Delete").count() == 1
        # another browser opens the link: it can open, not delete
        other = viewer.new_page()
        other.set_default_timeout(60_000)
        other.goto(link)
        wait_idle(other)
        _open_boxes(other)
        other.get_by_role("link", name="Budget case").wait_for()
        other.get_by_role("button", name="Remove").wait_for()
        assert other.get_by_role("button", name="Delete").count() == 0
        assert other.get_by_role("button", name="Remove").count() == 1
        # the owner deletes it
        page.get_by_role("button", name="Delete").click()
        page.get_by_text("Deleted.").wait_for(state="attached")
        assert not blocked, blocked
    finally:
        owner.close()
        viewer.close()
