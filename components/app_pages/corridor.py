"""Corridor: Selyatino → Kazakhstan → China with the Agrohub, drawn as a schematic that needs no map tiles."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import charts
from components.facts import tables
from components.ui import state, widgets

# Approximate positions (° E, ° N) for a schematic; the report gives no route, so the path is illustrative.
NODES = [
    ("selyatino", 36.97, 55.52, "hub", "top center"),
    ("ru_kz_border", 61.0, 52.5, "border", "top center"),
    ("agrohub", 77.0, 43.6, "hub", "bottom center"),
    ("dostyk", 82.6, 45.2, "border", "top right"),
    ("xian", 108.9, 34.3, "city", "top center"),
]


def render() -> None:
    L, s = state.labels(), state.scenario()
    t = tables()
    st.title(L("page_corridor"))
    st.markdown(L("intro_corridor"))
    hover = {
        "selyatino": L("n_selyatino_h", area=L.num(t.fact("selyatino_area")), inv=L.money(t.fact("selyatino_investment"))),
        "ru_kz_border": L("n_border_h", a=L.num(t.fact("border_regions_side_a")), b=L.num(t.fact("border_regions_side_b")),
                          p=L.compact(t.fact("border_population"))),
        "agrohub": L("n_agrohub_h", ha=L.num(t.fact("agrohub_area") / 10_000)),
        "dostyk": L("n_dostyk_h"),
        "xian": L("n_xian_h", days=L.num(s.transit_days)),
    }
    nodes = pd.DataFrame(NODES, columns=["id", "lon", "lat", "kind", "textpos"]).assign(
        name=lambda d: [L(f"n_{i}") for i in d["id"]], hover=lambda d: [hover[i] for i in d["id"]],
        kind_label=lambda d: [L(f"kind_{k}") for k in d["kind"]])
    widgets.chart("corridor-schematic", charts.corridor(nodes, L), nodes[["id", "name", "lon", "lat", "kind"]],
                  L("alt_corridor", days=L.num(s.transit_days)), s, L)
    st.subheader(L("border_facts"))
    c = st.columns(3)
    widgets.kpi(c[0], L("k_border_regions"), f'{L.num(t.fact("border_regions_side_a"))} + '
                f'{L.num(t.fact("border_regions_side_b"))}', widgets.fact_help("border_regions_side_a", L))
    widgets.kpi(c[1], L("k_population"), L("about") + " " + L.compact(t.fact("border_population")),
                widgets.fact_help("border_population", L))
    widgets.kpi(c[2], L("k_transit"), L("days", n=L.num(s.transit_days)), tables().assumptions.at["transit_days", "source"])
    st.markdown(L("corridor_notes"))


if __name__ == "__main__":
    render()
