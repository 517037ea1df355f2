"""The Russian file uploader shows no English (issue 22's proof): what the reader sees of it, Streamlit's own words
included, is Russian; only the file types' names (CSV, XLSX, TXT) and the size unit's number stay as written."""

from __future__ import annotations

import re

import pytest

from .conftest import open_page, wait_idle

pytestmark = pytest.mark.e2e
#: Latin words allowed on the Russian uploader: the file types it takes.
FILE_TYPES = {"CSV", "XLSX", "TXT"}

# What a reader sees of the uploader: its text nodes that are rendered (not under display: none), leaving out the
# names of Material icons (a ligature font draws "upload" as an icon, aria-hidden), and the text that CSS puts after
# an element (content: "…"), which is how the page replaces Streamlit's English button and limits.
SEEN_JS = """(box) => {
  const shown = [];
  const walk = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const el = n.parentElement;
    if (el.closest('[data-testid=stIconMaterial]') || !el.checkVisibility()) continue;
    shown.push(n.textContent);
  }
  for (const el of box.querySelectorAll('*')) {
    const after = getComputedStyle(el, '::after').content;
    if (after && after !== 'none' && after !== 'normal' && el.checkVisibility()) shown.push(after);
  }
  return shown.join(' ');
}"""


@pytest.mark.parametrize("viewport", [{"width": 1440, "height": 900}, {"width": 390, "height": 844}])
def test_the_russian_uploader_has_no_english(browser, base_url, viewport):
    ctx = browser.new_context(viewport=viewport)
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    try:
        open_page(page, base_url, "projections", "?lang=ru")
        page.get_by_text("Сравнить с фактическими объёмами", exact=False).first.click()
        box = page.locator("[data-testid=stFileUploader]").first
        box.wait_for()
        wait_idle(page, charts=False)
        seen = box.evaluate(SEEN_JS)
        latin = {w for w in re.findall(r"[A-Za-z]+", seen)} - FILE_TYPES
        assert not latin, (latin, seen)
        assert re.search(r"[а-яё]", seen, re.I), seen  # the Russian words are really there
    finally:
        ctx.close()


def test_the_check_sees_streamlits_english_when_it_shows(browser, base_url):
    # the probe can fail: on an English page Streamlit's and our words are English
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    try:
        open_page(page, base_url, "projections", "?lang=en")
        page.get_by_text("Compare with actual volumes (upload)").click()
        box = page.locator("[data-testid=stFileUploader]").first
        box.wait_for()
        wait_idle(page, charts=False)
        latin = set(re.findall(r"[A-Za-z]+", box.evaluate(SEEN_JS))) - FILE_TYPES
        assert latin
    finally:
        ctx.close()
