"""Capacity: the chain of links month by month (bottleneck, fleet, door to door), then boxes, trains, warehouse
space and the two-way balance."""

from __future__ import annotations

import streamlit as st

from components.app import model, state, widgets
from components.data.scenario import Scenario
from components.model import capacity, projection
from components.present.i18n import Labels

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
        row = widgets.kpi_row()
        for name in ("bottleneck_card", "fleet_card", "door_card"):
            card = model.card(name, s, L.lang)
            widgets.kpi(row, card["label"], card["value"], card["help"], delta=card["delta"])
        for name in CHAIN_CHARTS:
            widgets.chart(model.view(name, s, L.lang), s, L)

    k = capacity.headline(model.boxes(s), model.warehouse(s), s)
    over = k["above_service_month"]
    with boxes:
        c = widgets.kpi_row()
        widgets.kpi(
            c,
            L("k_trains_peak"),
            L.num(k["peak_trains_per_week"], 1),
            L("h_trains_peak"),
            delta=L.month(k["peak_month"]),
        )
        widgets.kpi(c, L("k_feu_12m"), L.num(k["feu_12m"]), L("h_feu_12m"), delta=f"{L.num(k['teu_12m'])} TEU")
        widgets.kpi(
            c,
            L("k_limit_hit", limit=L.num(s.service_trains_per_week, 1)),
            L.month(over) if over is not None else L("k_never", end=L.month(projection.HORIZON_END)),
            L("h_limit"),
        )
        widgets.kpi(
            c,
            L("k_area_peak"),
            L.pct(k["area_peak_share"], 1),
            L("h_area_share"),
            delta=L("k_max_throughput", t=L.tonnes(k["max_throughput_t_year"])),
        )
        for name in BOX_CHARTS:
            widgets.chart(model.view(name, s, L.lang), s, L)


if __name__ == "__main__":
    render()
