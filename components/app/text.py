"""User text stays text: the one helper that shows a file name, a cell, a direction, a scenario name or a URL key
inside Markdown (``st.markdown``, ``st.success``, labels, captions) as the characters it is.

Streamlit's Markdown renders links, bare URLs (``https://``, ``www.``), emphasis, headings, HTML tags, LaTeX
(``$``), coloured text and icons (``:red[...]``, ``:material/...:``). :func:`plain` puts a backslash before every
ASCII punctuation character (CommonMark shows an escaped character as itself, so the escapes never show) and folds
line breaks and control characters into spaces, so none of those can start. Escaping does not stop a bare URL or
e-mail address from becoming a link (GitHub-flavoured Markdown finds those in the text after escapes are read), so
a word joiner (U+2060, invisible) goes after ``http``/``https``/``www`` before ``:`` or ``.`` and after ``@``. ``tests/test_user_text.py`` feeds
Markdown and HTML through every place that shows user text.
"""

from __future__ import annotations

import re
import string

_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
_LINKISH = re.compile(r"(?i)(https?|www)(?=[:.])")
JOINER = "\u2060"  # word joiner: no width, no break, not part of a URL


def plain(text: object, limit: int = 200) -> str:
    """``text`` for Markdown, shown literally: punctuation escaped, control characters and newlines as spaces.

    Parameters
    ----------
    text : object
        Any user-supplied value (converted with ``str``).
    limit : int, default 200
        Characters kept before escaping (longer text ends with ``…``).

    Returns
    -------
    str
        Markdown that renders as the original characters.
    """
    s = _CONTROL.sub(" ", str(text))
    if len(s) > limit:
        s = s[:limit] + "…"
    s = _LINKISH.sub(lambda m: m[1] + JOINER, s.replace(JOINER, "")).replace("@", "@" + JOINER)
    return _PUNCT.sub(r"\\\1", s)
