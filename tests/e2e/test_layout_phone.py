"""Every page on a phone (390 × 844) in both languages: nothing scrolls the page sideways, no block, card or chart
runs past the screen (a box that scrolls inside itself, as the heatmap's and the map's, counts by its own edge), no
card's text is cut with «…», nothing in a chart is cut at its edges or drawn over its legend; and no US-style date
on any English page.

Issue 22 (items 2 and 3): the review found the Sources page scrolling sideways, cards cut with «…», legends over
chart titles and footnotes cut at 390 px, and "December 5, 2026" beside ISO dates.
"""

from __future__ import annotations

import re

import pytest

from .conftest import open_page
from .test_a11y import EXTERNAL, LANGS, PAGES, settle

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}

# What runs past the screen: blocks of the main area whose right or left edge lies outside the viewport, unless a
# box between them and the main area scrolls (or clips) sideways and itself lies inside the viewport.
OVERFLOW = """() => {
  const vw = document.documentElement.clientWidth, se = document.scrollingElement;
  const main = document.querySelector('[data-testid=stMain]');
  const clipped = el => {
    for (let p = el.parentElement; p && p !== main; p = p.parentElement) {
      const ox = getComputedStyle(p).overflowX;
      if (ox === 'auto' || ox === 'scroll' || ox === 'hidden') {
        const r = p.getBoundingClientRect();
        if (r.left >= -0.5 && r.right <= vw + 0.5) return true;
      }
    }
    return false;
  };
  const out = [];
  const sel = '[data-testid=stElementContainer], [data-testid=stMetric], [data-testid=stPlotlyChart], ' +
              '[data-testid=stVerticalBlockBorderWrapper], table, [data-testid=stExpander], [data-testid=stPopover]';
  for (const el of main.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if ((r.right > vw + 0.5 || r.left < -0.5) && !clipped(el)) {
      out.push(`${el.getAttribute('data-testid') || el.tagName} [${Math.round(r.left)}, ${Math.round(r.right)}] `
               + JSON.stringify((el.innerText || '').slice(0, 60)));
    }
  }
  // a card's label, value or chip cut with «…» (Streamlit clips what does not fit in its box)
  const cut = [...main.querySelectorAll('[data-testid=stMetric] [data-testid=stMarkdownContainer]')]
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => JSON.stringify(e.innerText.slice(0, 60)));
  return {page: [se.scrollWidth, se.clientWidth], main: [main.scrollWidth, main.clientWidth], out: out.slice(0, 10),
          cut: cut.slice(0, 10)};
}"""

# Inside each chart: the title, every annotation (footnote, labels) and the legend lie within the figure, and the
# legend overlaps neither the footnote nor the x axis title. Charts that scroll inside their own box are measured
# in their own width (the figure's), not the screen's.
CHART_PARTS = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return {l: r.left, r: r.right, t: r.top, b: r.bottom}; };
  const hit = (a, b) => a.l < b.r - 1 && b.l < a.r - 1 && a.t < b.b - 1 && b.t < a.b - 1;
  const problems = [];
  document.querySelectorAll('[data-testid=stPlotlyChart]').forEach((chart, i) => {
    const svg = chart.querySelector('svg.main-svg');
    if (!svg) return;
    const fig = box(svg);
    const name = (chart.querySelector('.gtitle') || {}).textContent || `chart ${i + 1}`;
    const inside = (el, what) => {
      const b = box(el);
      if (b.r - b.l === 0) return;
      if (b.l < fig.l - 1 || b.r > fig.r + 1 || b.t < fig.t - 1 || b.b > fig.b + 1)
        problems.push(`${name}: ${what} ${JSON.stringify((el.textContent || '').slice(0, 50))} is cut at the figure's edge`);
    };
    chart.querySelectorAll('.gtitle, .annotation-text-g, .legend').forEach(el => inside(el, el.classList[0]));
    const legend = chart.querySelector('.legend');
    if (!legend) return;
    const lb = box(legend);
    const plot = chart.querySelector('.nsewdrag');
    const bottom = plot ? box(plot).b : fig.t;
    chart.querySelectorAll('.annotation-text-g, .xtitle').forEach(el => {
      const b = box(el);
      if (b.t >= bottom - 1 && hit(lb, b))
        problems.push(`${name}: the legend overlaps ${JSON.stringify((el.textContent || '').slice(0, 50))}`);
    });
  });
  return problems;
}"""

US_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},\s+\d{4}\b"
)


@pytest.fixture()
def phone(browser):
    ctx = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=False)
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    ctx.close()


def load(pg, base_url: str, name: str, lang: str):
    pg.route(EXTERNAL, lambda route: route.abort())
    open_page(pg, base_url, "" if name == "overview" else name, LANGS[lang])
    settle(pg)
    assert pg.locator("[data-testid=stException]").count() == 0, "the page shows an exception"
    return pg


@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("name", PAGES)
def test_a_phone_shows_every_page_without_sideways_scroll_or_cut_charts(phone, base_url, name, lang):
    load(phone, base_url, name, lang)
    found = phone.evaluate(OVERFLOW)
    sw, cw = found["page"]
    assert sw <= cw, f"{name} [{lang}]: the page scrolls sideways ({sw} px of content in {cw} px)"
    msw, mcw = found["main"]
    assert msw <= mcw, f"{name} [{lang}]: the main area scrolls sideways ({msw} px of content in {mcw} px)"
    assert not found["out"], f"{name} [{lang}]: blocks run past the 390 px screen:\n  " + "\n  ".join(found["out"])
    assert not found["cut"], f"{name} [{lang}]: card text cut at 390 px:\n  " + "\n  ".join(found["cut"])
    cut = phone.evaluate(CHART_PARTS)
    assert not cut, f"{name} [{lang}]: " + "\n  ".join(cut)


@pytest.mark.parametrize("name", PAGES)
def test_no_english_page_writes_a_us_style_date(page, base_url, name):
    load(page, base_url, name, "en")
    text = page.evaluate("() => document.querySelector('[data-testid=stApp]').textContent")
    found = sorted({m.group(0) for m in US_DATE.finditer(text)})
    assert not found, f"{name}: US-style dates on the English page: {found}"
