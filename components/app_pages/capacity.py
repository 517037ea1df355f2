"""Capacity: the chain of links month by month (bottleneck, fleet, door to door), then boxes, trains, warehouse
space and the two-way balance."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import capacity, projection
from components.i18n import Labels
from components.scenario import Scenario
from components.ui import model, state, widgets

CHAIN_CHARTS = ("utilisation_heatmap", "peak_utilisation", "bottleneck_sensitivity")
BOX_CHARTS = ("trains", "containers", "warehouse", "two_way")


def render() -> None:
    L = state.labels()
    st.title(L("page_capacity"))
    st.markdown(L("intro_capacity"))
    st.header(L("chain_header"))
    st.markdown(L("chain_intro"))
    chain = st.container()
    st.header(L("boxes_header"))
    boxes = st.container()
    widgets.scenario_part(lambda s: body(s, L, chain, boxes), "capacity")


def body(s: Scenario, L: Labels, chain, boxes) -> None:
    with chain:
        c = st.columns(3)
        for col, card in zip(c, (model.card("bottleneck_card", s, L.lang), model.card("fleet_card", s, L.lang),
                                 model.card("door_card", s, L.lang))):
            widgets.kpi(col, card["label"], card["value"], card["help"], delta=card["delta"])
        for name in CHAIN_CHARTS:
            widgets.chart(model.view(name, s, L.lang), s, L)

    box, need = model.boxes(s), model.warehouse(s)
    at = projection.target_month(s)
    peak = box.loc[box["trains_per_week"].idxmax()]
    year = box[(box["month"] >= at) & (box["month"] < at + pd.DateOffset(months=12))]  # a year at the target rate
    area = need.set_index("month")["share_of_area"]
    over = capacity.first_month_above_service(box)
    with boxes:
        c = st.columns(4)
        widgets.kpi(c[0], L("k_trains_peak"), L.num(peak["trains_per_week"], 1), L("h_trains_peak"),
                    delta=L.month(peak["month"]))
        widgets.kpi(c[1], L("k_feu_12m"), L.num(year["feu"].sum()), L("h_feu_12m"),
                    delta=f'{L.num(year["teu"].sum())} TEU')
        widgets.kpi(c[2], L("k_limit_hit", limit=L.num(s.service_trains_per_week, 1)),
                    L.month(over) if over is not None else L("k_never"), L("h_limit"))
        widgets.kpi(c[3], L("k_area_peak"), L.pct(float(area.max()), 1), L("h_area_share"),
                    delta=L("k_max_throughput", t=L.tonnes(capacity.max_throughput_t_year(s))))
        for name in BOX_CHARTS:
            widgets.chart(model.view(name, s, L.lang), s, L)


if __name__ == "__main__":
    render()
