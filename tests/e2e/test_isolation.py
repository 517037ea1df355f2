"""Sessions do not leak into each other: two browsers on one server, and cached model results that stay unchanged.

The scenario lives in each session's URL and widgets; the model results are shared through ``st.cache_data``.
The browser test drives two sessions at once and records, with a MutationObserver, every value the
"Target month" card ever shows in each, so a value of the other session that flashes by is caught too.
"""

from __future__ import annotations

import pandas as pd
import pytest

from .conftest import open_page

DELAY_LABEL = "Delay after April 2026 (months)"
MONTHS = {
    d: f"{['April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'January', 'February', 'March'][d % 12]} {2026 + (d + 3) // 12}"
    for d in range(37)
}

# Every value a "Target month" card shows, appended whenever it changes.
RECORD_TARGET_MONTH = """
window.__seen = [];
const record = () => {
  for (const m of document.querySelectorAll('[data-testid=stMetric]')) {
    const label = m.querySelector('[data-testid=stMetricLabel]');
    const value = m.querySelector('[data-testid=stMetricValue]');
    if (label && value && label.innerText.startsWith('Target month')) {
      const t = value.innerText.trim();
      if (window.__seen[window.__seen.length - 1] !== t) window.__seen.push(t);
    }
  }
};
new MutationObserver(record).observe(document, {subtree: true, childList: true, characterData: true});
"""

SHOWS = """([expected]) => [...document.querySelectorAll('[data-testid=stMetric]')].some(m =>
  m.querySelector('[data-testid=stMetricLabel]')?.innerText.startsWith('Target month') &&
  m.querySelector('[data-testid=stMetricValue]')?.innerText.trim() === expected)"""


def test_month_table():
    assert (MONTHS[0], MONTHS[6], MONTHS[9], MONTHS[12]) == ("April 2026", "October 2026", "January 2027", "April 2027")


def _session(browser, base_url: str, delay: int):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    ctx.add_init_script(RECORD_TARGET_MONTH)
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    open_page(pg, base_url, "projections", f"?delay_months={delay}")
    pg.wait_for_function(SHOWS, arg=[MONTHS[delay]], timeout=60_000)
    return ctx, pg, errors


def _press(pg, key: str, times: int) -> None:
    thumb = pg.get_by_role("slider", name=DELAY_LABEL)
    thumb.focus()
    for _ in range(times):
        thumb.press(key)


def _expect(pg, delay: int) -> None:
    pg.wait_for_function(SHOWS, arg=[MONTHS[delay]], timeout=30_000)
    pg.wait_for_function(f"() => location.search.includes('delay_months={delay}')", timeout=30_000)


@pytest.mark.e2e
def test_two_sessions_only_ever_show_their_own_scenario(browser, base_url):
    ctx_a, a, errors_a = _session(browser, base_url, 6)
    ctx_b, b, errors_b = _session(browser, base_url, 12)
    try:
        # Session A lives in October 2026 .. January 2027, B in February .. May 2027: the two sets are disjoint,
        # including every month a slider passes through on the way.
        own_a = {MONTHS[d] for d in range(6, 10)}
        own_b = {MONTHS[d] for d in range(10, 14)}
        delay_a, delay_b = 6, 12
        steps = [
            ("A", "ArrowRight", 1),
            ("B", "ArrowRight", 1),
            ("A", "ArrowRight", 2),  # one after the other
            ("AB", "ArrowLeft", 1),
            ("AB", "ArrowLeft", 2),  # both at once
            ("B", "ArrowRight", 1),
            ("A", "ArrowRight", 3),
            ("AB", "ArrowLeft", 1),
        ]
        for who, key, times in steps:
            sign = 1 if key == "ArrowRight" else -1
            if "A" in who:
                _press(a, key, times)
                delay_a += sign * times
            if "B" in who:
                _press(b, key, times)
                delay_b += sign * times
            assert delay_a in range(6, 10) and delay_b in range(10, 14)
            _expect(a, delay_a)
            _expect(b, delay_b)
        seen_a, seen_b = a.evaluate("window.__seen"), b.evaluate("window.__seen")
        assert seen_a and set(seen_a) <= own_a, f"session A showed {seen_a}"
        assert seen_b and set(seen_b) <= own_b, f"session B showed {seen_b}"
        assert not set(seen_a) & set(seen_b)
        assert a.locator("[data-testid=stException]").count() == 0 == b.locator("[data-testid=stException]").count()
        assert not errors_a and not errors_b
        # A fresh session opened from each final link reproduces that session's month, not the other's.
        for delay in (delay_a, delay_b):
            ctx, fresh, errors = _session(browser, base_url, delay)
            assert fresh.evaluate("window.__seen")[-1] == MONTHS[delay] and not errors
            ctx.close()
    finally:
        ctx_a.close()
        ctx_b.close()


# --- cached model results are copies ----------------------------------------------------------------------------


def test_the_shared_results_tables_reach_a_reader_as_its_own_frame():
    from components.app import model
    from components.data.scenario import Scenario
    from components.model import projection

    s = Scenario.default().with_values(delay_months=7)
    fresh = projection.trajectory(s)
    first = model.result(s).trajectory  # the shared result's table, as a page reads it
    pd.testing.assert_frame_equal(first, fresh)
    first["tonnes"] = -1.0  # replace a column
    first.iloc[0, first.columns.get_loc("rate_t_year")] = 1e12  # write into a cell
    first.drop(first.index[:5], inplace=True)  # drop rows
    first["extra"] = 1  # add a column
    second = model.result(s).trajectory
    assert second is not first
    pd.testing.assert_frame_equal(second, fresh)


def test_cache_is_shared_between_sessions_but_not_their_changes():
    """Two AppTest sessions in one process share the cached result; one changing its table leaves the other's alone."""
    from streamlit.testing.v1 import AppTest

    def session(mutate: bool):
        import streamlit as st

        from components.app import model
        from components.data.scenario import Scenario

        df = model.result(Scenario.default().with_values(delay_months=11)).trajectory
        st.metric("sum", f"{df['tonnes'].sum():.6f}")
        st.metric("rows", str(len(df)))
        if mutate:
            df["tonnes"] = 0.0
            df.drop(df.index[:3], inplace=True)

    first = AppTest.from_function(session, kwargs={"mutate": True}, default_timeout=60).run()
    second = AppTest.from_function(session, kwargs={"mutate": False}, default_timeout=60).run()
    assert not first.exception and not second.exception
    assert [m.value for m in first.metric] == [m.value for m in second.metric]
    assert float(second.metric[0].value) > 0
