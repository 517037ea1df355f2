"""In the browser, both languages: the today line and the As-of card, the 2025 public figure on the export chart,
and saved actuals: upload, save, copy the link, open it in a fresh browser, delete; tampered and deleted links.

The server runs with the date pinned (CORRIDOR_TODAY=2026-11-25) and its own SQLite file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import _free_port, open_page, start_server, stop_server, wait_idle

pytestmark = pytest.mark.e2e
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
RAMP = CORPUS / "good_ru_1c_2026_cp1251.csv"  # Sep 2025 - Aug 2026, China only; Jan-Aug 2026 = 220,000 t

TEXT = {
    "en": dict(
        today="today, 25 November 2026",
        asof="As of 25 November 2026",
        passed="passed 7\u00a0months ago",  # a count and its noun never split across lines
        public="Public figure: region's total (not the hub's flow)",
        read="Read 12 months",
        save="Save these actuals and get a link",
        ytd="Tonnes in 2026 so far",
        ytd_value="220\u00a0kt",
        delete="Delete the saved actuals",
        deleted="was deleted",
        unknown="Nothing is saved under this",
        malformed="is not one this dashboard gives out",
        target="Target month",
        april="April 2026",
    ),
    "ru": dict(
        today="сегодня, 25 ноября 2026\u00a0г.",
        asof="По состоянию на 25 ноября 2026\u00a0г.",
        passed="истёк 7\u00a0месяцев назад",
        public="Публичные данные: вся область (не поток хаба)",
        read="Прочитано месяцев: 12",
        save="Сохранить факт и получить ссылку",
        ytd="Тонн за 2026 год",
        ytd_value="220\u00a0тыс.\u00a0т",
        delete="Удалить сохранённый факт",
        deleted="удалено",
        unknown="ничего не сохранено",
        malformed="не похож на выданный",
        target="Месяц достижения цели",
        april="апрель 2026",
    ),
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store-e2e")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CORRIDOR_TODAY", "2026-11-25")
        mp.setenv("CORRIDOR_DB_PATH", str(folder / "store.sqlite3"))
        mp.delenv("CORRIDOR_DB_URL", raising=False)
        port = _free_port()
        proc = start_server(port)
    yield f"http://127.0.0.1:{port}"
    stop_server(proc)


def _norm(text: str) -> str:
    return text.replace("\u202f", "\u00a0")


def _metric(page, label: str) -> str:
    card = page.locator(
        "[data-testid=stMetric]",
        has=page.locator("[data-testid=stMetricLabel]", has_text=re.compile("^" + re.escape(label))),
    ).first
    return _norm(card.locator("[data-testid=stMetricValue]").inner_text())


def _no_traceback(page) -> None:
    assert page.locator("[data-testid=stException]").count() == 0


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_today_line_as_of_card_and_the_2025_public_figure(browser, server, lang):
    t = TEXT[lang]
    ctx = browser.new_context(viewport={"width": 1440, "height": 1600})
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    try:
        open_page(page, server, "projections", f"?lang={lang}")
        chart = page.locator("[data-testid=stPlotlyChart]").first
        assert t["today"] in _norm(chart.text_content())  # the today line's label, drawn in the SVG
        card = page.locator(".st-key-as-of-card")
        assert t["asof"] in _norm(card.inner_text()) and t["passed"] in _norm(card.inner_text())
        # its legend entry, which may wrap onto two lines (an SVG line each: no space where it breaks)
        assert re.sub(r"\s", "", t["public"]) in re.sub(r"\s", "", chart.text_content())
        # the tooltip of the green triangle: the figure, that it is the region's total, and its source
        hover = page.evaluate("""() => {
            const gd = document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot');
            return gd.data.filter(d => d.customdata && d.legendgroup === 'public').map(d => d.customdata[0]);
        }""")
        assert len(hover) == 1 and "296" in hover[0] and "360.ru" in hover[0]
        open_page(page, server, "", f"?lang={lang}")  # the overview has the card too, and the stated chart
        page.locator(".st-key-as-of-card", has_text=t["passed"]).wait_for()
        _no_traceback(page)
    finally:
        ctx.close()


def _upload_and_save(page, server, lang, query: str = "") -> str:
    """Upload the ramp on Projections (``query`` added to the address), save it, and return the link shown."""
    t = TEXT[lang]
    open_page(page, server, "projections", f"?lang={lang}{query}")
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(RAMP))
    page.get_by_text(t["read"]).wait_for()
    wait_idle(page)
    page.get_by_role("button", name=t["save"]).click()
    code = page.locator("[data-testid=stCode]", has_text="actuals=").first
    code.wait_for()
    link = code.inner_text().strip()
    page.wait_for_function("() => location.search.includes('actuals=')")  # the address bar holds it too
    return link


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_saved_actuals_open_from_their_link_in_a_fresh_browser_until_deleted(browser, server, lang):
    t = TEXT[lang]
    first = browser.new_context(viewport={"width": 1440, "height": 1600})
    page = first.new_page()
    page.set_default_timeout(60_000)
    try:
        link = _upload_and_save(page, server, lang)
        assert link.startswith(server) and (f"lang={lang}" in link) == (lang == "ru")  # English is the default
        before = _metric(page, t["ytd"])
        assert before == t["ytd_value"]  # Jan-Aug 2026 of the ramp: 8 x 27,500 = 220,000 t

        fresh = browser.new_context(viewport={"width": 1440, "height": 1600})  # no cookies, no session
        other = fresh.new_page()
        other.set_default_timeout(60_000)
        try:
            other.goto(link)
            wait_idle(other)
            assert _metric(other, t["ytd"]) == before  # the same plan-vs-actual
            _no_traceback(other)

            page.get_by_role("button", name=t["delete"]).click()
            page.wait_for_function("() => !location.search.includes('actuals=')")
            other.goto(link)
            wait_idle(other)
            assert t["deleted"] in _norm(other.locator("[data-testid=stAlert]").first.inner_text())
            assert other.locator("[data-testid=stMetricLabel]", has_text=re.compile("^" + t["ytd"])).count() == 0
            _no_traceback(other)
        finally:
            fresh.close()
    finally:
        first.close()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_tampered_links_give_a_notice_and_the_default_scenario(browser, server, lang):
    t = TEXT[lang]
    ctx = browser.new_context(viewport={"width": 1440, "height": 1600})
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    try:
        open_page(page, server, "projections", f"?lang={lang}&scenario=" + "Z" * 30)
        assert t["unknown"] in _norm(page.locator("[data-testid=stAlert]").first.inner_text())
        assert _metric(page, t["target"]) == t["april"]  # the stated plan's target month: the default scenario
        _no_traceback(page)
        open_page(page, server, "projections", f"?lang={lang}&actuals=%3Cscript%3E")
        assert t["malformed"] in _norm(page.locator("[data-testid=stAlert]").first.inner_text())
        _no_traceback(page)
    finally:
        ctx.close()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_saved_actuals_link_keeps_the_scenario_in_the_address(browser, server, lang):
    # issue 22 item 7: saving adds ?actuals=<id> beside the scenario's parameters; the shown link carries them; a
    # fresh browser opening it keeps them in its address, across a reload. 6 months late: the target month of the
    # stated plan (April 2026) moves to October 2026.
    t = TEXT[lang]
    october = "October 2026" if lang == "en" else "октябрь 2026"
    first = browser.new_context(viewport={"width": 1440, "height": 1600})
    page = first.new_page()
    page.set_default_timeout(60_000)
    try:
        link = _upload_and_save(page, server, lang, "&delay_months=6")
        assert "delay_months=6" in link
        page.wait_for_function(
            "() => location.search.includes('actuals=') && location.search.includes('delay_months=6')"
        )
        fresh = browser.new_context(viewport={"width": 1440, "height": 1600})
        other = fresh.new_page()
        other.set_default_timeout(60_000)
        try:
            for step in ("open", "reload"):
                if step == "open":
                    other.goto(link)
                else:
                    other.reload()
                wait_idle(other)
                search = other.evaluate("() => location.search")
                assert "delay_months=6" in search and "actuals=" in search, search
                assert _metric(other, t["target"]) == october
                assert _metric(other, t["ytd"]) == t["ytd_value"]  # the actuals opened: Jan-Aug 2026 = 220,000 t
            _no_traceback(other)
        finally:
            fresh.close()
    finally:
        first.close()
