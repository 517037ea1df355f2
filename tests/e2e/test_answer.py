"""The Overview's answer block in a browser: within the first 900 px at 1440 × 900, the first thing at 390 × 844, in
English and Russian; its links keep the scenario; the sidebar's "Copy link" puts the page's address on the clipboard.

The expected figures are computed here from the model's own tables (not from the answer's sentences) and formatted
by hand: the NPV from the cash-flow table, the longest wait from the network's cell table, the day from the clock.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from components import clock
from components.data.scenario import Scenario
from components.model import economics, network

from .conftest import ROOT, open_page, wait_idle

pytestmark = pytest.mark.e2e

RU_MONTHS_GEN = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()
EN_MONTHS = "January February March April May June July August September October November December".split()


def expected(lang: str) -> dict[str, str]:
    """The NPV, the longest wait and today's date as the page should write them (no-break spaces as spaces)."""
    s = Scenario.default()
    npv = float(economics.cash_flows(s)["discounted"].sum())  # Σ discounted free cash flow [RUB]
    t = network.run(s).table
    days = float(t.loc[t["crossing"].isin(["dostyk", "altynkol"]), "wait_days"].max())  # both crossings are used
    d = clock.today()
    bn = f"{'−' if npv < 0 else '+'}{abs(npv) / 1e9:.2f}".rstrip("0").rstrip(".")
    if lang == "ru":
        return {
            "npv": bn.replace(".", ",") + " млрд ₽",
            "wait": f"{days:.1f}".replace(".", ",") + " сут.",
            "today": f"{d.day} {RU_MONTHS_GEN[d.month - 1]} {d.year} г.",
        }
    return {"npv": bn + " bn RUB", "wait": f"{days:.1f} days", "today": f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"}


#: The text of the main area that lies within the first ``limit`` pixels of the page (top of the document).
TEXT_ABOVE = """(limit) => {
  const main = document.querySelector('[data-testid=stMain]');
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const parts = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = Array.from(range.getClientRects()).filter(r => r.width > 0 && r.height > 0);
    if (rects.length && rects.every(r => r.bottom + window.scrollY <= limit)) parts.push(node.textContent);
  }
  return parts.join(' ').replace(/[\\u00a0\\u202f]/g, ' ');
}"""

#: The answer block's box, and the topmost box of anything else drawn in the main area (its height > 0).
BOXES = """() => {
  const block = document.querySelector('.st-key-answer');
  const box = block.getBoundingClientRect();
  let first = Infinity;
  for (const el of document.querySelectorAll('[data-testid=stMainBlockContainer] [data-testid=stElementContainer]')) {
    if (block.contains(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.height > 0 && r.width > 0) first = Math.min(first, r.top);
  }
  const main = document.querySelector('[data-testid=stMain]');
  return {top: box.top, bottom: box.bottom, left: box.left, right: box.right, first,
          scrollWidth: main.scrollWidth, clientWidth: main.clientWidth};
}"""


def _open(browser, base_url: str, lang: str, width: int, height: int, path: str = "", query: str = ""):
    ctx = browser.new_context(viewport={"width": width, "height": height})
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    q = "?lang=ru" if lang == "ru" else ""
    if query:
        q = (q + "&" if q else "?") + query
    open_page(pg, base_url, path, q)
    pg.wait_for_selector(".st-key-answer [data-testid=stPageLink]")
    return pg


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_answer_is_in_the_first_900_px_at_1440(browser, base_url, lang):
    pg = _open(browser, base_url, lang, 1440, 900)
    try:
        text = pg.evaluate(TEXT_ABOVE, 900)
        want = expected(lang)
        assert want["npv"] in text, (want["npv"], text[:1500])
        assert want["wait"] in text, (want["wait"], text[:1500])
        assert want["today"] in text, (want["today"], text[:1500])
        # the standing: the stated completion (April 2026) has passed, and no actuals are loaded yet
        standing = ("истёк", "Фактические объёмы не загружены") if lang == "ru" else ("passed", "No actual volumes")
        assert all(w in text for w in standing), text[:1500]
        assert pg.evaluate(BOXES)["bottom"] <= 900
    finally:
        pg.context.close()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_answer_is_the_first_thing_in_the_main_area_at_390(browser, base_url, lang):
    pg = _open(browser, base_url, lang, 390, 844)
    try:
        b = pg.evaluate(BOXES)
        assert b["top"] < 844 / 4  # at the top of the first screen
        assert b["bottom"] <= b["first"], b  # nothing of the page above or beside it: the title comes after it
        assert 0 <= b["left"] and b["right"] <= 390 and b["scrollWidth"] <= b["clientWidth"], b  # no sideways scroll
        text = pg.locator(".st-key-answer").inner_text().replace("\u00a0", " ").replace("\u202f", " ")
        assert expected(lang)["npv"] in text and expected(lang)["wait"] in text
        assert pg.locator(".st-key-answer [data-testid=stPageLink]").count() == 4
    finally:
        pg.context.close()


def test_a_slider_rewrites_the_answer_and_its_link_keeps_the_scenario(browser, base_url):
    pg = _open(browser, base_url, "en", 1440, 900)
    try:
        block = pg.locator(".st-key-answer")
        before = block.inner_text()
        assert expected("en")["npv"] in before.replace("\u00a0", " ")
        thumb = pg.get_by_role("slider", name="Delay after April 2026 (months)")
        thumb.focus()
        for _ in range(6):
            thumb.press("ArrowRight")
        pg.wait_for_url("**delay_months=6**")
        wait_idle(pg)
        pg.wait_for_function("(t) => document.querySelector('.st-key-answer').innerText !== t", arg=before)
        # six months' delay: the NPV of the delayed scenario, from its own cash-flow table
        s = Scenario.default().with_values(delay_months=6)
        npv = float(economics.cash_flows(s)["discounted"].sum())
        bn = f"{'−' if npv < 0 else '+'}{abs(npv) / 1e9:.2f}".rstrip("0").rstrip(".") + " bn RUB"
        pg.wait_for_function(
            "(t) => document.querySelector('.st-key-answer').innerText.replace(/\u00a0/g, ' ').includes(t)", arg=bn
        )
        assert pg.locator("[data-testid=stAlert], [data-testid=stException]").count() == 0  # no error box anywhere
        assert block.locator("[data-testid=stPageLink]").count() == 4
        block.get_by_role("link", name="Waiting by month").click()
        pg.wait_for_url("**/capacity**")
        wait_idle(pg)
        assert "delay_months=6" in pg.url  # the scenario went along
        assert pg.locator("h1").first.inner_text().startswith("Capacity")
    finally:
        pg.context.close()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_copy_link_puts_the_address_with_the_scenario_on_the_clipboard(browser, base_url, lang):
    ctx = browser.new_context(
        viewport={"width": 1440, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    try:
        open_page(pg, base_url, "capacity", "?delay_months=6" + ("&lang=ru" if lang == "ru" else ""))
        name, done = ("Копировать ссылку", "Ссылка скопирована") if lang == "ru" else ("Copy link", "Link copied")
        pg.get_by_role("button", name=name).click()
        pg.wait_for_function(f"() => document.getElementById('copy-link-status').textContent === {done!r}")
        copied = pg.evaluate("() => navigator.clipboard.readText()")
        assert copied == pg.url and "/capacity" in copied and "delay_months=6" in copied
        field = pg.get_by_label(
            "Ссылка на эту страницу и сценарий" if lang == "ru" else "Link to this page and scenario"
        )
        assert field.input_value() == pg.url  # the fallback shows the same link
    finally:
        ctx.close()


def test_with_the_sample_actuals_uploaded_the_answer_compares_them_with_the_plan(browser, base_url):
    sample = ROOT / "data" / "samples" / "actuals_sample_en.csv"
    with sample.open(encoding="utf-8-sig") as f:
        next(f)  # the title row: "Illustrative sample: made-up figures..."
        rows = list(csv.DictReader(f))
    # by hand: the China rows of this year's months (the upload counts China by default)
    year = str(clock.today().year)
    months = {r["month"] for r in rows if r["direction"] == "China" and r["month"].startswith(year)}
    tonnes = sum(float(r["tonnes"]) for r in rows if r["direction"] == "China" and r["month"].startswith(year))
    ctx = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    try:
        open_page(pg, base_url)
        with pg.expect_download() as info:  # the answer offers the sample beside its invitation to upload
            pg.locator(".st-key-answer").get_by_role("button", name="Sample file").click()
        assert info.value.suggested_filename == sample.name
        assert Path(info.value.path()).read_bytes() == sample.read_bytes()
        open_page(pg, base_url, "projections")
        pg.get_by_text("Compare with actual volumes (upload)").click()
        pg.locator("input[type=file]").set_input_files(str(sample))
        pg.wait_for_selector("text=Read ")
        wait_idle(pg)
        pg.get_by_role("link", name="Overview").first.click()
        pg.wait_for_selector(".st-key-answer [data-testid=stPageLink]")
        wait_idle(pg)
        text = pg.locator(".st-key-answer").inner_text().replace("\u00a0", " ")
        assert f"Actuals for {year} ({len(months)} months uploaded): {tonnes / 1e3:.1f} kt" in text, text
        assert "against the stated plan over the same months" in text and "No actual volumes" not in text
    finally:
        ctx.close()
