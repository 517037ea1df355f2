"""The chain in a real browser, in both languages: the bottleneck card, the heatmap following the sidebar, the map
drawing with no outside request, and a new chart's CSV download."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from components.data.facts import links
from components.present.i18n import Labels

from .conftest import open_page, wait_idle

pytestmark = pytest.mark.e2e
QUERY = {"en": "", "ru": "?lang=Русский"}
MONTH = {
    "en": re.compile(r"(January|February|March|April|May|June|July|August|September|October|November|December) 20\d\d"),
    "ru": re.compile(r"(январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь) 20\d\d"),
}
#: The heatmap's y and z, read from the plotly graph whose title holds the heatmap's (Streamlit wraps it in <b>).
HEAT_Z = """title => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => g.layout && g.layout.title &&
      g.layout.title.text.includes(title));
  return gd ? JSON.stringify({y: Array.from(gd.data[0].y), z: Array.from(gd.data[0].z, r => Array.from(r))}) : null;
}"""


def card_value(pg, label_start: str, timeout: float = 30) -> str:
    """The value of the card whose label starts with ``label_start`` (the page's scenario part may still be drawing)."""
    deadline = time.monotonic() + timeout
    while True:
        labels = []
        for m in pg.locator("[data-testid=stMetric]").all():
            label = m.locator("[data-testid=stMetricLabel]").inner_text().strip()
            labels.append(label)
            if label.startswith(label_start):
                return m.locator("[data-testid=stMetricValue]").inner_text().strip()
        if time.monotonic() > deadline:
            raise AssertionError(f"no card {label_start!r} among {labels}")
        time.sleep(0.3)


def heat(pg, L: Labels, before: str | None = None, timeout: float = 30) -> str:
    """The heatmap's data as drawn (JSON); with ``before``, wait until it differs from that."""
    deadline = time.monotonic() + timeout
    while True:
        now = pg.evaluate(HEAT_Z, L("chart_heatmap"))
        if now and (before is None or now != before):
            return now
        if time.monotonic() > deadline:
            raise AssertionError("the heatmap did not change" if now else "no heatmap on the page")
        time.sleep(0.3)


def open_group(pg, L: Labels) -> None:
    """Open the sidebar's capacity group, where the profile and the crossing split are."""
    sidebar = pg.locator("[data-testid=stSidebar]")
    sidebar.locator("[data-testid=stExpander] summary", has_text=L("group_capacity")).click()
    sidebar.locator(".st-key-khorgos_share").wait_for()


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("path", ["", "capacity"])
def test_bottleneck_card_names_a_link_and_a_month(page, base_url, path, lang):
    L = Labels(lang)
    open_page(page, base_url, path, QUERY[lang])
    value = card_value(page, L("k_bottleneck"))
    names = links()["name_ru" if lang == "ru" else "name_en"]
    assert any(n in value for n in names), value
    assert MONTH[lang].search(value), value


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_seasonal_profile_changes_the_heatmap(page, base_url, lang):
    L = Labels(lang)
    open_page(page, base_url, "capacity", QUERY[lang])
    before = heat(page, L)
    open_group(page, L)
    page.locator("[data-testid=stSidebar] .st-key-profile input").click()
    page.get_by_role("option", name=L("profile_grain_heavy")).click()
    after = heat(page, L, before)
    wait_idle(page)
    assert "profile=" in page.url
    assert after != before


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_sending_every_train_through_khorgos_empties_dostyk_on_the_heatmap(page, base_url, lang):
    L = Labels(lang)
    open_page(page, base_url, "capacity", QUERY[lang])
    before = heat(page, L)
    open_group(page, L)
    thumb = page.locator("[data-testid=stSidebar]").get_by_role("slider", name=L("a_khorgos_share"))
    thumb.focus()
    thumb.press("End")
    after = heat(page, L, before)
    wait_idle(page)
    assert "khorgos_share=1" in page.url
    drawn = json.loads(after)
    row = list(links().index).index("dostyk_alashankou")  # rows run in chain order
    assert "Dostyk" in drawn["y"][row] or "Достык" in drawn["y"][row]
    assert all(z == 0 for z in drawn["z"][row])


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
    open_page(page, base_url, "corridor", QUERY[lang])
    chart = page.locator("[data-testid=stPlotlyChart]").first
    chart.scroll_into_view_if_needed()
    assert chart.locator(".gtitle").text_content() == Labels(lang)("chart_map")
    assert chart.locator(".scatterlayer .trace").count() >= 6  # land, route, markers drawn
    texts = chart.locator(".annotation-text").all_text_contents()
    assert any("Dostyk" in t or "Достык" in t for t in texts) and any("Khorgos" in t or "Хоргос" in t for t in texts)
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
    assert name.startswith("link-utilisation_") and name.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert {r["link_id"] for r in rows} == set(links().index)
    months = {r["month"] for r in rows}
    assert len(rows) == len(months) * len(links())  # one row per link and month
    assert all(float(r["utilisation"]) >= 0 for r in rows)
