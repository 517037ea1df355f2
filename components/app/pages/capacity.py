"""Capacity: the crossings shared with other shippers (utilisation, waiting, sensitivity), door to door, the fleet
and the route split, all read from the scenario's one result; then boxes, trains, warehouse space and the two-way
balance at the hub."""

from __future__ import annotations

import streamlit as st

from components.app import model, state, widgets
from components.data.scenario import Scenario
from components.model.projection import HORIZON_END
from components.present import views
from components.present.i18n import Labels

NETWORK_CHARTS = views.charts_in("network")
PATH_CARDS = ("d2d_dostyk_card", "d2d_altynkol_card", "fleet_net_card", "split_card")
BOX_CHARTS = views.charts_in("boxes")


def render() -> None:
    L = state.labels()
    st.title(L("page_capacity"))
    st.markdown(L("net_intro_capacity"))
    st.header(L("net_header"))
    net = st.container()
    st.header(L("net_paths_header"))
    paths = st.container()
    st.header(L("boxes_header"))
    boxes = st.container()
    widgets.scenario_part(lambda s: body(s, L, net, paths, boxes), "capacity")


def body(s: Scenario, L: Labels, net, paths, boxes) -> None:
    with net:
        wait = model.card("wait_card", s, L.lang)
        widgets.sentence_card(wait["sentence"], wait["explain"], wait["help"], key="wait-sentence")
        row = widgets.kpi_row()
        for name in ("wait_card", "selyatino_card"):
            card = model.card(name, s, L.lang)
            widgets.kpi(row, card["label"], card["value"], card["help"], delta=card["delta"])
        for name in NETWORK_CHARTS:
            widgets.chart(model.view(name, s, L.lang), s, L, scroll=name == "network_heatmap")
    with paths:
        row = widgets.kpi_row()
        for name in PATH_CARDS:
            card = model.card(name, s, L.lang)
            widgets.kpi(row, card["label"], card["value"], card["help"], delta=card["delta"])

    k = model.result(s).capacity_headline
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
        widgets.kpi(c, L("k_feu_12m"), L.num(k["feu_12m"]), L("h_feu_12m"), delta=L("k_teu_12m", n=L.num(k["teu_12m"])))
        widgets.kpi(
            c,
            L("k_limit_hit", limit=L.dec(s.service_trains_per_week)),
            L.month(over) if over is not None else L("k_never", end=L.month(HORIZON_END)),
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
