"""The network in a real browser, in both languages: the waiting card and sentence, the utilisation heatmap
following a network slider, the map drawing with no outside request, and the heatmap's CSV download."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from components.data.scenario import Scenario
from components.model import network
from components.present.i18n import Labels

from .conftest import open_page, wait_idle

pytestmark = pytest.mark.e2e
QUERY = {"en": "", "ru": "?lang=ru"}
MONTH = {
    "en": re.compile(r"(January|February|March|April|May|June|July|August|September|October|November|December) 20\d\d"),
    "ru": re.compile(r"(январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь) 20\d\d"),
}
PLACES = {"en": ("Dostyk", "Altynkol", "Selyatino"), "ru": ("Достык", "Алтынколь", "Селятино")}
#: The heatmap's y and z, read from the plotly graph whose title (line breaks dropped) holds the heatmap's.
HEAT_Z = """title => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => g.layout && g.layout.title &&
      g.layout.title.text.replace(/<br>/g, ' ').includes(title));
  return gd ? JSON.stringify({y: Array.from(gd.data[0].y), z: Array.from(gd.data[0].z, r => Array.from(r))}) : null;
}"""


def card(pg, label_start: str, timeout: float = 30) -> tuple[str, str]:
    """Value and delta of the card whose label starts with ``label_start`` (the scenario part may still be drawing)."""
    deadline = time.monotonic() + timeout
    while True:
        labels = []
        for m in pg.locator("[data-testid=stMetric]").all():
            label = m.locator("[data-testid=stMetricLabel]").inner_text().strip()
            labels.append(label)
            if label.startswith(label_start):
                value = m.locator("[data-testid=stMetricValue]").inner_text().strip()
                return value, m.locator("[data-testid=stMetricDelta]").inner_text().strip()
        if time.monotonic() > deadline:
            raise AssertionError(f"no card {label_start!r} among {labels}")
        time.sleep(0.3)


def heat(pg, L: Labels, before: str | None = None, timeout: float = 30) -> str:
    """The heatmap's data as drawn (JSON); with ``before``, wait until it differs from that."""
    deadline = time.monotonic() + timeout
    while True:
        now = pg.evaluate(HEAT_Z, L("chart_net_heat"))
        if now and (before is None or now != before):
            return now
        if time.monotonic() > deadline:
            raise AssertionError("the heatmap did not change" if now else "no heatmap on the page")
        time.sleep(0.3)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("path", ["", "capacity"])
def test_the_waiting_card_says_where_when_and_how_many_days(page, base_url, path, lang):
    L = Labels(lang)
    open_page(page, base_url, path, QUERY[lang])
    value, delta = card(page, L("k_wait"))
    su = network.run(Scenario.default()).summary
    assert L.count(su.longest_wait_days, "days", 1).replace("\u00a0", " ") == value.replace("\u00a0", " ")
    assert any(p in delta for p in PLACES[lang]) and MONTH[lang].search(delta), delta
    if path == "capacity":  # the sentence card, with the explanation of other shippers and this flow
        box = page.locator(".st-key-wait-sentence")
        text = box.inner_text()
        assert any(p in text for p in PLACES[lang]), text
        assert ("other shippers" if lang == "en" else "фоновый трафик") in text


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_heatmap_follows_the_route_split(page, base_url, lang):
    L = Labels(lang)
    open_page(page, base_url, "capacity", QUERY[lang])
    before = json.loads(heat(page, L))
    assert before["y"][:2] == [L("cr_dostyk"), L("cr_altynkol")]
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.locator("[data-testid=stExpander] summary", has_text=L("group_network")).click()
    thumb = sidebar.get_by_role("slider", name=L("a_dostyk_share"))
    thumb.focus()
    thumb.press("End")  # 70 % via Dostyk
    after = json.loads(heat(page, L, json.dumps(before)))
    wait_idle(page)
    assert "dostyk_share=0.7" in page.url
    # more of this flow at Dostyk, less at Altynkol; the background is the same, so the totals move its way
    first = next(j for j, z in enumerate(before["z"][0]) if z is not None)
    later = [j for j in range(first, len(before["z"][0])) if before["z"][0][j] is not None]
    assert all(after["z"][0][j] >= before["z"][0][j] for j in later)
    assert all(after["z"][1][j] <= before["z"][1][j] for j in later)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_map_draws_with_no_request_outside_this_machine(page, base_url, lang):
    outside = []

    def guard(route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    L = Labels(lang)
    open_page(page, base_url, "corridor", QUERY[lang])
    chart = page.locator("[data-testid=stPlotlyChart]").first
    chart.scroll_into_view_if_needed()
    drawn = re.sub(r"\s+", "", chart.locator(".gtitle").text_content())
    assert drawn == re.sub(r"\s+", "", L("chart_net_map"))
    assert chart.locator(".scatterlayer .trace").count() >= 8  # land, both paths, the trunk, markers
    texts = chart.locator(".annotation-text").all_text_contents()
    assert any(PLACES[lang][0] in t for t in texts) and any(PLACES[lang][1] in t for t in texts)
    time.sleep(1.0)  # anything late (fonts, tiles) would show up here
    assert outside == []


def _download_csv(pg, chart_index: int) -> tuple[str, bytes]:
    pg.locator("[data-testid=stPopover] button").nth(chart_index).click()
    button = pg.get_by_role("button", name="CSV", exact=True).last
    button.wait_for(state="visible")
    time.sleep(0.4)  # let the popover finish opening; a click during its animation is lost
    with pg.expect_download(timeout=90_000) as info:
        button.click()
    dl = info.value
    return dl.suggested_filename, Path(dl.path()).read_bytes()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_heatmap_downloads_as_csv(page, base_url, lang):
    open_page(page, base_url, "capacity", QUERY[lang])
    name, raw = _download_csv(page, 0)  # the heatmap is the page's first chart
    assert name.startswith("crossing-utilisation_") and name.endswith(".csv")
    # Russian Excel's CSV: ";" and a decimal comma; English: "," and "."; headers in the page's language
    sep, dec = (";", ",") if lang == "ru" else (",", ".")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=sep))
    L = Labels(lang)
    crossing, rho = L("dl_crossing"), f"{L('dl_rho')}, %"
    net = network.run(Scenario.default())
    assert len({r[crossing] for r in rows}) == len(net.crossings)  # Dostyk, Altynkol, Bakhty
    assert len(rows) == len(net.crossings) * len(net.months)  # one row per crossing and month
    assert all(float(r[rho].replace(dec, ".")) >= 0 and "." not in r[rho].replace(dec, "", 1) for r in rows)
