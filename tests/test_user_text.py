"""Text stays text (issue 21, D4): every place that shows user-supplied text shows it through
``components.app.text.plain``, so Markdown and HTML in a file name, a cell, a header, a direction, a scenario name
or a link's key are shown as typed, never as a link, emphasis or a tag.

AppTest holds the Markdown source each element was given; a source in which every punctuation character of the
hostile text is escaped renders as the text itself (CommonMark: a backslash-escaped ASCII punctuation character is
a literal). tests/e2e/test_user_text_browser.py looks at the rendered page in Chromium.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from components.app.text import JOINER, plain

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ["[Sign in](https://x.example/login)", "<b>bold</b>", "**x**", ":red[alarm]", "$x^2$", "www.x.example"]


def _escaped(source: str, text: str) -> bool:
    """``text`` appears in the Markdown ``source`` with each punctuation character backslash-escaped."""
    return plain(text) in source


def _unescaped_link(source: str) -> bool:
    return bool(re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\((?!\s)", source)) or bool(re.search(r"(?<!\\)<b>", source))


@given(st.text(max_size=80))
def test_plain_escapes_every_punctuation_mark_and_folds_line_breaks(text):
    out = plain(text, limit=1000)
    i = 0
    while i < len(out):  # every punctuation character is preceded by its escaping backslash
        ch = out[i]
        if ch == "\\":
            assert i + 1 < len(out) and out[i + 1] in string.punctuation
            i += 2
            continue
        assert ch not in string.punctuation and ch not in "\n\r\x00"
        i += 1
    # removing the escapes and the word joiners gives back the text, control characters as spaces
    back = re.sub(r"\\(.)", r"\1", out).replace(JOINER, "")
    assert back == re.sub(r"[\x00-\x1f\x7f\u2028\u2029]+", " ", text).replace(JOINER, "")
    # no bare URL or e-mail address left for GitHub-flavoured Markdown to link
    assert not re.search(r"(?i)(https?:|www\.)", out.replace("\\", ""))
    assert "@" not in out.replace("@" + JOINER, "")


def _sources(at: AppTest) -> list[str]:
    out = []
    for kind in ("markdown", "caption", "success", "warning", "error", "info"):
        out += [e.value for e in at.get(kind)]
    return out


@pytest.fixture()
def at(tmp_path, monkeypatch):
    monkeypatch.setenv("CORRIDOR_DB_PATH", str(tmp_path / "store.sqlite3"))
    monkeypatch.delenv("CORRIDOR_DB_URL", raising=False)
    a = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    return a


def test_a_links_unknown_keys_are_shown_as_text(at):
    for i, h in enumerate(HOSTILE):
        at.query_params[h] = str(i)
    at.run()
    notice = next(s for s in _sources(at) if "not valid" in s)
    for h in HOSTILE:
        assert _escaped(notice, h[:40]), (h, notice)
    assert not _unescaped_link(notice)


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.switch_page("components/app/pages/projections.py").run()
    at.get("file_uploader")[0].set_value((name, data, "text/csv"))
    return at.run()


def test_a_file_name_and_its_directions_are_shown_as_text_and_saved_as_text(at):
    name = "[Sign in](https://x.example) <b>b</b> **x**.csv"
    data = b"month,tonnes,direction\n2025-01,100,[Sign in](https://x.example)\n2025-02,200,**x** <b>b</b>\n"
    _upload(at, name, data)
    assert not at.exception
    ok = next(s for s in _sources(at) if s.startswith("Read 2 months"))
    assert _escaped(ok, name) and not _unescaped_link(ok)
    # no value means China: every direction counts; save, and the saved box names the file and what was counted
    at.button(key="save-actuals").click().run()
    assert not at.exception
    text = "\n".join(_sources(at))
    assert _escaped(text, name) and _escaped(text, "[Sign in](https://x.example), **x** <b>b</b>")
    assert not _unescaped_link(text)


@pytest.mark.parametrize(
    ("csv", "shown"),
    [
        ("month,tonnes\n2025-01,[Sign in](https://x.example)\n", "[Sign in](https://x.example)"),  # a cell
        ("month,**x** <b>b</b>\n2025-01,1\n", "**x** <b>b</b>"),  # a header the parser quotes as found
        ("month,tonnes\n[Sign in](https://x.example),1\n", "[Sign in](https://x.example)"),  # a month cell
    ],
)
def test_cells_and_headers_quoted_in_an_upload_error_are_shown_as_text(at, csv, shown):
    _upload(at, "bad.csv", csv.encode())
    assert not at.exception
    err = at.error[0].value
    assert _escaped(err, shown) and not _unescaped_link(err), err


def test_a_scenario_name_is_shown_as_text_in_the_notice_the_link_and_the_recent_list(at):
    name = "[Sign in](https://x.example) <b>b</b> **x**"
    at.switch_page("components/app/pages/projections.py").run()
    at.text_input(key="save_scenario_name").set_value(name).run()
    at.button(key="save-scenario").click().run()
    assert not at.exception
    sources = _sources(at)
    saved = [s for s in sources if _escaped(s, name)]
    # the notice ("saved"), the link's title and the recent list's entry
    assert len(saved) >= 3, sources
    for s in saved:
        # the recent list's own link (to the item) is the only link, and its text is the escaped name
        assert not _unescaped_link(s.replace(f"[{plain(name)}](", "")), s
