"""Two replicas behind nginx: a session sticks to one replica, and its link survives that replica's crash.

The scenario is in the URL, so when the replica that served a session dies, reloading the same link on the
other replica shows the same numbers. Needs Debian's nginx (``apt-get install -y nginx``).
"""

from __future__ import annotations

import os
import time
import urllib.request
from http.cookies import SimpleCookie

import pytest

from deploy.replicas import Cluster, find_nginx

from .conftest import open_page, wait_idle
from .test_isolation import MONTHS, SHOWS, _press

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def cluster():
    if find_nginx() is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: .ci/run should install Debian's nginx (apt-get install -y nginx)")
        pytest.skip("nginx not installed (apt-get install -y nginx); the replica test needs it")
    with Cluster(replicas=2, log=lambda *a: None) as c:
        yield c


def test_users_behind_one_address_spread_over_replicas_and_each_stays_on_its_own(cluster):
    # 16 browsers behind one address (a NAT, a proxy): each gets its own affinity cookie. They must not all land on
    # one replica, and each browser's later requests must reach the replica that served its first.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def get(cookie: str | None = None) -> str | None:
        req = urllib.request.Request(
            cluster.url + "/", headers={"Cookie": f"corridor_route={cookie}"} if cookie else {}
        )
        with opener.open(req, timeout=30) as r:
            r.read()
            jar = SimpleCookie()
            for h in r.headers.get_all("Set-Cookie") or []:
                jar.load(h)
            return jar["corridor_route"].value if "corridor_route" in jar else None

    start = len(cluster.access_log())
    cookies = [get() for _ in range(16)]
    assert all(cookies) and len(set(cookies)) == 16  # one cookie per browser
    deadline = time.monotonic() + 10  # nginx logs a request after its response: wait for the 16 lines
    while len(cluster.served_by(start)) < 16 and time.monotonic() < deadline:
        time.sleep(0.05)
    first = cluster.served_by(start)
    assert len(first) == 16 and len(set(first)) == 2, first  # both replicas serve someone
    again = len(cluster.access_log())
    for cookie in cookies:
        for _ in range(3):
            assert get(cookie) == cookie  # the cookie is kept, not replaced
    # nginx writes a request's access-log line after the response is sent: wait for all 48 lines before comparing
    # (CI once read the log one line short)
    deadline = time.monotonic() + 10
    while len(cluster.served_by(again)) < 48 and time.monotonic() < deadline:
        time.sleep(0.05)
    later = cluster.served_by(again)
    assert later == [replica for replica in first for _ in range(3)]


def test_session_sticks_to_one_replica_and_its_link_survives_a_crash(cluster, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    try:
        open_page(page, cluster.url, "projections", "?delay_months=6")
        page.wait_for_function(SHOWS, arg=[MONTHS[6]])
        _press(page, "ArrowRight", 3)
        page.wait_for_function(SHOWS, arg=[MONTHS[9]], timeout=30_000)
        page.wait_for_function("() => location.search.includes('delay_months=9')", timeout=30_000)
        assert MONTHS[9] == "January 2027"
        link = page.url

        # Which replica served the session: the one that answered the page request; every request of this
        # client went there (sticky sessions: the key is the client address, here always 127.0.0.1).
        log = cluster.access_log()
        first = next(e for e in log if e["request"].startswith("GET /projections?delay_months=6 "))
        served = cluster.served_by(log.index(first))
        assert served and set(served) == {first["upstream"]}, f"requests went to {set(served)}"
        a = cluster.replica_by_addr(first["upstream"])
        b = next(r for r in cluster.replicas if r is not a)

        cluster.kill_replica(a.index)  # SIGKILL: a crash, not a graceful stop
        assert not a.alive() and b.alive()
        before_reload = len(cluster.access_log())
        page.goto(link)  # the same link, now holding delay_months=9
        wait_idle(page)
        page.wait_for_function(SHOWS, arg=[MONTHS[9]], timeout=60_000)
        assert page.locator("[data-testid=stException]").count() == 0

        after = cluster.access_log()[before_reload:]
        i, reload = next(
            (i, e) for i, e in enumerate(after) if e["request"].startswith("GET /projections?delay_months=9 ")
        )
        assert reload["status"] == "200"
        assert cluster.served_by(before_reload + i)[0] == b.addr, reload
        assert set(cluster.served_by(before_reload + i)) == {b.addr}  # and so did everything after it
    finally:
        ctx.close()


def test_saved_actuals_survive_the_crash_of_the_replica_that_saved_them(cluster, browser):
    # Upload and save actuals through replica A, kill A, open the saved link through nginx (now B): the same
    # actuals and the same tracking cards. The replicas share one store (deploy/replicas.py: CORRIDOR_DB_URL, by
    # default one SQLite file for replicas on one machine; PostgreSQL across machines).
    import re
    from pathlib import Path

    restarted = False
    for r in cluster.replicas:  # the test above leaves one replica dead
        if not r.alive():
            cluster.restart_replica(r.index)
            restarted = True
    if restarted:
        # nginx's passive health check keeps a replica that failed out of rotation for fail_timeout seconds; until
        # then, killing the other one below would leave "no live upstreams" (seen in CI).
        time.sleep(cluster.fail_timeout + 1)
    ramp = Path(__file__).resolve().parents[1] / "corpus" / "good_ru_1c_2026_cp1251.csv"
    labels = ("Tonnes in 2026 so far", "Last 12 months, to August 2026")

    def cards(page) -> dict[str, str]:
        out = {}
        for label in labels:
            card = page.locator(
                "[data-testid=stMetric]",
                has=page.locator("[data-testid=stMetricLabel]", has_text=re.compile("^" + re.escape(label))),
            ).first
            out[label] = card.locator("[data-testid=stMetricValue]").inner_text()
        return out

    first = browser.new_context(viewport={"width": 1280, "height": 1200})
    page = first.new_page()
    page.set_default_timeout(60_000)
    try:
        start = len(cluster.access_log())
        open_page(page, cluster.url, "projections")
        page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(ramp))
        page.get_by_text("Read 12 months").wait_for()
        wait_idle(page)
        page.get_by_role("button", name="Save these actuals and get a link").click()
        code = page.locator("[data-testid=stCode]", has_text="actuals=").first
        code.wait_for()
        link = code.inner_text().strip().replace(code.inner_text().strip().split("/projections")[0], cluster.url)
        before = cards(page)
        assert before == {labels[0]: "220\u00a0kt", labels[1]: "290\u00a0kt"}  # 8 x 27,500; 12 x 24,166.67
        log = cluster.access_log()
        entry = next(e for e in log[start:] if e["request"].startswith("GET /projections "))
        upstream = cluster.served_by(log.index(entry))[0]
        a = cluster.replica_by_addr(upstream)
        b = next(r for r in cluster.replicas if r is not a)
        cluster.kill_replica(a.index)
    finally:
        first.close()

    fresh = browser.new_context(viewport={"width": 1280, "height": 1200})
    other = fresh.new_page()
    other.set_default_timeout(60_000)
    try:
        mark = len(cluster.access_log())
        other.goto(link)
        wait_idle(other)
        assert cards(other) == before
        assert other.locator("[data-testid=stException]").count() == 0
        assert set(cluster.served_by(mark)) == {b.addr}
    finally:
        fresh.close()
