"""Entry point: page config, language, the shared scenario sidebar, navigation, one error boundary.

Run with ``streamlit run dashboard.py``.
"""

from __future__ import annotations

import threading
from pathlib import Path

import streamlit as st

from components.app import state, storage, widgets
from components.export import files as export

ICON = Path(__file__).resolve().parent / "components" / "app" / "icon.png"  # local file: no icon fetched from a CDN
st.set_page_config(
    page_title="Corridor capacity dashboard", page_icon=str(ICON), layout="wide", initial_sidebar_state="auto"
)


@st.cache_resource(show_spinner=False)
def warm_image_export() -> threading.Thread:
    """Start the one kaleido/Chromium of this process in the background, so the first PNG is not a cold one."""
    thread = threading.Thread(target=export.warm_up, name="kaleido-warm-up", daemon=True)
    thread.start()
    return thread


warm_image_export()
bad_params = state.check_link()
storage.open_links()  # ?scenario=<id> sets the sliders, so before they are drawn; ?actuals=<id> the actuals
with st.sidebar:
    # The page CSS first of all, so that it applies as early as it can: once its HTML loader has run. Sent after
    # the page, it came late, and a phone's margins and the cards' placeholder heights moved the whole page (layout
    # shift 0.17–0.23 at 390 px). Its element has a height until then and collapses: at the top of the sidebar that
    # moves only the sidebar, and nothing on a phone, where the sidebar is closed.
    widgets.style()
    L = widgets.language_switch()
    with widgets.error_boundary(L, "sidebar"):
        widgets.scenario_sidebar(L)

PAGE_DIR = Path("components/app/pages")
PAGES = [
    ("overview", ":material/dashboard:"),
    ("projections", ":material/trending_up:"),
    ("capacity", ":material/train:"),
    ("economics", ":material/payments:"),
    ("corridor", ":material/route:"),
    ("sources", ":material/menu_book:"),
]
# The overview is served at "/" and, for links that name it, at "/overview": the default page still reserves a
# pathname ("home"), so "/overview" is a hidden second entry for the same file. (A redirect with st.switch_page
# would have to re-send the link's parameters, and those bound to sliders cannot be set from code.)
page = st.navigation(
    [
        st.Page(
            PAGE_DIR / f"{name}.py",
            title=L(f"page_{name}"),
            icon=icon,
            default=name == "overview",
            url_path="home" if name == "overview" else name,
        )
        for name, icon in PAGES
    ]
    + [
        st.Page(
            PAGE_DIR / "overview.py",
            title=L("page_overview"),
            icon=PAGES[0][1],
            url_path="overview",
            visibility="hidden",
        )
    ],
    position="top",
)
if bad_params:
    note, ok = st.columns([6, 1], vertical_alignment="center")
    note.warning(L("bad_link", keys=", ".join(bad_params)), icon=":material/link_off:")
    ok.button(L("dismiss"), on_click=state.dismiss_link_notice, key="dismiss-link-notice")
storage.show_notices(L)  # what opening a saved item's link, saving or deleting said, once
with widgets.error_boundary(L, f"page {page.url_path!r}"):
    page.run()  # a page's scenario part is a fragment with its own boundary (widgets.scenario_part)
