"""Text stays text in the browser (issue 21, D4): Markdown and HTML in a link's keys and an upload's file name and
cells reach the rendered page as the characters typed: no link, no bold, no tag."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from .conftest import open_page, wait_idle

pytestmark = pytest.mark.e2e
LINK = "[Sign in](https://x.example/login)"


def _nothing_live(page) -> None:
    main = page.locator("[data-testid=stMain]")
    hrefs = main.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href') || '')")
    # a link to this page may carry the text in its query string; a link *to* the user's address may not exist
    assert not [h for h in hrefs if h.startswith(("https://x.example", "//x.example", "javascript:"))], hrefs
    assert main.locator("b, strong", has_text="bold").count() == 0


def test_a_links_keys_are_shown_as_typed(page, base_url):
    query = "?" + urlencode({LINK: "1", "<b>bold</b>": "2", "**bold**": "3"})
    open_page(page, base_url, "", query)
    notice = page.locator("[data-testid=stAlert]").first
    text = notice.inner_text().replace("\u2060", "")  # the word joiner that keeps a bare URL from linking
    assert LINK in text and "<b>bold</b>" in text and "**bold**" in text
    _nothing_live(page)


def test_an_uploads_name_and_cells_are_shown_as_typed(page, base_url, tmp_path):
    name = "[Sign in](javascript:alert(1)) **bold** <b>bold.csv"  # no "/" in a file name
    folder = tmp_path / "files"
    folder.mkdir()
    f = folder / name
    f.write_text(f"month,tonnes\n2025-01,{LINK}\n")
    open_page(page, base_url, "projections")
    page.get_by_text("Compare with actual volumes (upload)").click()
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(f))
    alert = page.locator("[data-testid=stAlert]", has_text="is not a number")
    alert.wait_for()
    wait_idle(page)
    assert LINK in alert.inner_text().replace("\u2060", "")
    _nothing_live(page)
    good = tmp_path / name
    good.write_text("month,tonnes,direction\n2025-01,100,**bold** <b>bold</b>\n")
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(good))
    page.get_by_text("Read 1 months from").wait_for()
    assert name in page.locator("[data-testid=stAlert]", has_text="Read 1 months").inner_text().replace("\u2060", "")
    _nothing_live(page)
