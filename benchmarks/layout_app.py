"""The same-layout reference for the dashboard's benchmarks: the dashboard's layout with no model behind it.

Run with ``streamlit run benchmarks/layout_app.py``. It draws what the dashboard's browser has to draw on every
run: top navigation with six pages; a sidebar with the language switch, the preset buttons, every scenario
widget of ``data/assumptions.csv`` (the choice boxes and one slider per row, in the same expanders, bound to the
URL, with the same percentage format) and two report buttons; and on each page a title and one 64-point Plotly
line that moves with the delay slider. Slider moves rerun only the page fragment and the sidebar status, as in
the dashboard. What the dashboard costs beyond this app is its own code: the model, its charts, its cards.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import streamlit as st
from streamlit.errors import StreamlitAPIException

ROOT = Path(__file__).resolve().parent.parent
ROWS = list(csv.DictReader((ROOT / "data" / "assumptions.csv").open(encoding="utf-8")))
GROUPS = ("projection", "capacity", "economics", "currency")
CHOICES = {
    "projection": ("shape", ("s_curve", "linear", "constant_growth")),
    "capacity": ("profile", ("agri_mix", "even", "grain_heavy")),
    "economics": ("convention", ("nominal", "real")),
}
PRESETS = ("Stated plan", "Delayed 6 months", "Optimistic", "Pessimistic")
PAGES = ("overview", "projections", "capacity", "economics", "corridor", "sources")


def whole(r: dict) -> bool:
    return all(float(r[c]).is_integer() for c in ("min", "max", "step", "default"))


def changed() -> None:
    for keys in (["page", "status"], ["status"]):
        try:
            st.rerun(keys)
        except StreamlitAPIException:
            continue


st.set_page_config(page_title="Same-layout reference", layout="wide")

with st.sidebar:
    st.segmented_control("Language / Язык", ["en", "ru"], default="en", key="lang", bind="query-params", required=True)
    st.subheader("Scenario")
    for i, name in enumerate(PRESETS):
        st.button(name, key=f"preset-{i}", width="stretch", type="primary" if i == 0 else "secondary")
    caption = st.empty()
    for group in GROUPS:
        with st.expander(group.capitalize(), expanded=group == "projection"):
            if group in CHOICES:
                key, options = CHOICES[group]
                st.selectbox(key, options, key=key, bind="query-params", on_change=changed)
            for r in (r for r in ROWS if r["group"] == group):
                cast = int if whole(r) else float
                st.slider(
                    r["id"],
                    cast(r["min"]),
                    cast(r["max"]),
                    value=cast(r["default"]),
                    step=cast(r["step"]),
                    key=r["id"],
                    bind="query-params",
                    on_change=changed,
                    format="percent" if r["unit"] in ("share", "share/year") else None,
                )
    st.caption("The address bar holds this scenario.")
    st.subheader("Report")

    @st.fragment(key="status")
    def status() -> None:
        caption.caption(f"delay = {st.session_state.get('delay_months', 0)}")
        st.button("Report pack (ZIP)", key="zip", width="stretch")
        st.button("Report (one HTML page)", key="html", width="stretch")

    status()


def page_body(name: str):
    def body() -> None:
        st.title(name.capitalize())

        @st.fragment(key="page")
        def chart() -> None:
            shift = st.session_state.get("delay_months", 0)
            x = np.arange(64)
            y = 1_000 * (1 + np.tanh((x - 12 - shift) / 6))
            fig = go.Figure(go.Scatter(x=x, y=y, mode="lines", name="tonnes"))
            fig.update_layout(
                height=440, margin={"l": 40, "r": 10, "t": 30, "b": 40}, xaxis_title="month", yaxis_title="tonnes"
            )
            st.plotly_chart(fig, alt=f"Line chart of 64 monthly values delayed by {shift} months", width="stretch")

        chart()

    body.__name__ = f"page_{name}"
    return body


st.navigation(
    [st.Page(page_body(n), title=n.capitalize(), url_path=n, default=n == "overview") for n in PAGES], position="top"
).run()
