"""Accessibility in a real browser: axe-core on every page in both languages, text alternatives of the charts,
and the delay slider driven from the keyboard.

axe-core is the npm package pinned in benchmarks/package.json (``npm ci --prefix benchmarks``); the test reads
benchmarks/node_modules/axe-core/axe.min.js and injects it into each page. Without it the axe test fails under
``CI`` and is skipped elsewhere, saying why.
"""

from __future__ import annotations

import os
import re
import time

import pytest
from playwright.sync_api import expect

from .conftest import ROOT, open_page

pytestmark = pytest.mark.e2e

AXE = ROOT / "benchmarks" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["overview", "projections", "capacity", "economics", "corridor", "sources"]
LANGS = {"en": "", "ru": "?lang=Русский"}
BLOCKING = ("serious", "critical")
EXTERNAL = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")

# Serious/critical axe rules that Streamlit's own markup breaks and app code cannot fix: rule id -> a CSS
# fragment every flagged element's selector must contain (so the same rule anywhere else still fails).
# Empty on purpose: every violation found so far (color-contrast of captions and of the selected language
# button) comes from the theme in .streamlit/config.toml, which the app controls.
KNOWN_FRAMEWORK_ISSUES: dict[str, str] = {}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        reason = f"{AXE.relative_to(ROOT)} is missing: run `npm ci --prefix benchmarks`"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return AXE.read_text(encoding="utf-8")


def settle(pg, quiet: float = 1.0, timeout: float = 90) -> None:
    """Wait until Streamlit is idle, the element tree has stopped changing for ``quiet`` s and every chart drew."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        state = pg.evaluate("""() => [!!document.querySelector('[data-testid=stStatusWidget]')
                || !document.querySelector('[data-test-script-state=notRunning]'),
            document.querySelectorAll('[data-testid=stElementContainer]').length,
            [...document.querySelectorAll('[data-testid=stPlotlyChart]')].filter(c => !c.querySelector('.main-svg .trace')).length]""")
        busy, _, undrawn = state
        if state != last or busy or undrawn:
            last, since = state, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.2)
    raise AssertionError(f"page did not settle within {timeout:.0f} s (busy, element count, undrawn charts: {last})")


def load(pg, base_url: str, name: str, lang: str):
    # Loopback only: the dashboard's Material page icon would otherwise be fetched from fonts.gstatic.com.
    pg.route(EXTERNAL, lambda route: route.abort())
    open_page(pg, base_url, "" if name == "overview" else name, LANGS[lang])
    settle(pg)
    assert pg.locator("[data-testid=stException]").count() == 0, "the page shows an exception"
    if lang == "ru":  # the link really switched the language (else the "ru" run would audit English again)
        assert re.search(r"[А-Яа-яЁё]", pg.locator("h1").first.inner_text()), "the ?lang=Русский link shows English"
    return pg


def describe(v: dict) -> str:
    nodes = "\n".join(
        f"      target {n['target']}: {(n.get('failureSummary') or '').splitlines()[-1].strip()}"
        f"\n        html {n['html'][:160]}"
        for n in v["nodes"][:8]
    )
    more = f"\n      … and {len(v['nodes']) - 8} more" if len(v["nodes"]) > 8 else ""
    return f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})\n{nodes}{more}"


def known_framework_issue(v: dict) -> bool:
    scope = KNOWN_FRAMEWORK_ISSUES.get(v["id"])
    return bool(scope) and all(scope in " ".join(map(str, n["target"])) for n in v["nodes"])


@pytest.mark.parametrize("width", [1280, 390])  # a desktop and a phone (390 × 844): tables and charts differ
@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_violation_and_charts_have_text_alternatives(
    page, base_url, axe_source, name, lang, width
):
    if width < 1280:
        page.set_viewport_size({"width": width, "height": 844})
    load(page, base_url, name, lang)
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    tolerated = [v for v in blocking if known_framework_issue(v)]
    for v in tolerated:
        print(f"known framework issue on {name} [{lang}] ({KNOWN_FRAMEWORK_ISSUES[v['id']]}):\n{describe(v)}")
    problems = [describe(v) for v in blocking if v not in tolerated]

    # Streamlit's `alt=` makes the chart container a `role="figure"` with the text as its `aria-label`.
    charts = page.locator("[data-testid=stPlotlyChart]")
    for i in range(charts.count()):
        c = charts.nth(i)
        role, label = c.get_attribute("role"), (c.get_attribute("aria-label") or "").strip()
        if role != "figure" or len(label) < 15:
            problems.append(f"  chart {i + 1} has no text alternative: role={role!r}, aria-label={label!r}")
        else:
            expect(c).to_have_accessible_name(label)
            if lang == "ru" and re.search(r"[A-Za-z]{4,}", label) and not re.search(r"[А-Яа-я]", label):
                problems.append(f"  chart {i + 1} has an English text alternative on the Russian page: {label!r}")
    assert not problems, f"{name} [{lang}, {width} px]: {len(problems)} problem(s):\n" + "\n".join(problems)


def test_delay_slider_works_from_the_keyboard(page, base_url):
    load(page, base_url, "projections", "en")
    slider = page.get_by_role("slider", name="Delay after April 2026 (months)")
    assert slider.get_attribute("tabindex") != "-1", "the slider is not in the tab order"
    target = page.locator("[data-testid=stMetric]").filter(has_text="Target month")
    expect(target.locator("[data-testid=stMetricValue]")).to_have_text("April 2026")
    slider.focus()
    expect(slider).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(slider).to_have_attribute("aria-valuetext", "1")
    expect(target.locator("[data-testid=stMetricValue]")).to_have_text("May 2026", timeout=60_000)
