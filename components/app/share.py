"""The sidebar's "Copy link" button: the current page's address, with the scenario in its query, to the clipboard.

Streamlit has no clipboard API, so this is a small piece of HTML with a script (``st.html`` with JavaScript; not
an iframe, so the script reads the page's own address). The address is read at the moment of the click: the
sliders write the scenario into the URL after the page was drawn. Where the browser refuses the clipboard (plain
HTTP to a host that is not localhost, an old browser), the field below the button shows the link, selected, for
Ctrl+C. Offline: nothing is loaded from anywhere.
"""

from __future__ import annotations

import html
import json

import streamlit as st

from components.present.i18n import Labels

#: The element's key (a CSS class ``st-key-copy-link`` on its container) and the ids inside it.
KEY = "copy-link"

_TEMPLATE = """
<div class="copy-link">
  <button type="button" id="copy-link-button" class="copy-link-button">
    {label}
  </button>
  <span id="copy-link-status" class="copy-link-status" role="status" aria-live="polite"></span>
  <label for="copy-link-field" class="copy-link-label">{field}</label>
  <input id="copy-link-field" class="copy-link-field" type="text" readonly spellcheck="false" value="">
</div>
<style>
.copy-link {{ display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.5rem; font-size: 0.875rem; }}
.copy-link-button {{ font: inherit; color: inherit; background: #fff; border: 1px solid rgba(49, 51, 63, 0.2);
  border-radius: 0.5rem; padding: 0.25rem 0.75rem; min-height: 2rem; cursor: pointer; }}
.copy-link-button:hover {{ border-color: #005F94; color: #005F94; }}
.copy-link-button:focus-visible {{ outline: 2px solid #005F94; outline-offset: 2px; }}
.copy-link-status {{ color: #1a6b32; }}
.copy-link-label {{ flex-basis: 100%; color: #4a4a4a; font-size: 0.8rem; margin-top: 0.25rem; }}
.copy-link-field {{ flex-basis: 100%; min-width: 0; font: inherit; font-size: 0.75rem; color: #0E0D0C;
  background: #fafafa; border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.25rem; padding: 0.2rem 0.4rem; }}
</style>
<script>
(function () {{
  var text = {text};
  var button = document.getElementById("copy-link-button");
  var field = document.getElementById("copy-link-field");
  var status = document.getElementById("copy-link-status");
  if (!button || !field || button.dataset.ready) return;
  button.dataset.ready = "1";
  function refresh() {{ if (document.activeElement !== field) field.value = window.location.href; }}
  refresh();
  if (window.copyLinkTimer) clearInterval(window.copyLinkTimer);
  window.copyLinkTimer = setInterval(refresh, 1000);
  function fallback() {{
    field.value = window.location.href;
    field.focus();
    field.select();
    var ok = false;
    try {{ ok = document.execCommand("copy"); }} catch (e) {{ ok = false; }}
    status.textContent = ok ? text.done : text.failed;
  }}
  button.addEventListener("click", function () {{
    var url = window.location.href;
    field.value = url;
    if (navigator.clipboard && window.isSecureContext) {{
      navigator.clipboard.writeText(url).then(function () {{ status.textContent = text.done; }}, fallback);
    }} else {{
      fallback();
    }}
  }});
  field.addEventListener("focus", function () {{ field.select(); }});
}})();
</script>
"""


def snippet(L: Labels) -> str:
    """The button, its status line and the link field, in the page's language (fixed labels only)."""
    text = json.dumps({"done": L("copy_link_done"), "failed": L("copy_link_failed")}, ensure_ascii=False)
    return _TEMPLATE.format(
        label=html.escape(L("copy_link")), field=html.escape(L("copy_link_field")), text=text.replace("</", "<\\/")
    )


def copy_link(L: Labels) -> None:
    """Draw the "Copy link" button with its fallback field (in the sidebar, beside the scenario's title)."""
    with st.container(key=KEY):
        st.html(snippet(L), unsafe_allow_javascript=True)
