"""Corridor: the two rail paths Selyatino → Xi'an (via Dostyk; via Zhetygen, the Agrohub and Altynkol) on a map drawn
offline, each crossing labelled with its peak utilisation from the scenario's one result; the border in figures."""

from __future__ import annotations

import streamlit as st

from components.app import model, state, widgets
from components.data.facts import tables
from components.data.scenario import Scenario


def render() -> None:
    L = state.labels()
    t = tables()
    st.title(L("page_corridor"))
    st.markdown(L("net_intro_corridor"))
    chart = st.container()
    st.header(L("border_facts"))
    c = widgets.kpi_row()
    widgets.kpi(
        c,
        L("k_border_regions"),
        f"{L.num(t.fact('border_regions_side_a'))} + {L.num(t.fact('border_regions_side_b'))}",
        widgets.fact_help("border_regions_side_a", L),
    )
    widgets.kpi(
        c,
        L("k_population"),
        L("k_population_value", n=L.dec(t.fact("border_population") / 1e6)),
        widgets.fact_help("border_population", L),
    )
    door = [c.empty(), c.empty()]  # door to door on each path: read from the scenario's result
    st.markdown(L("corridor_notes"))

    def body(s: Scenario) -> None:
        with chart:
            widgets.chart(model.view("network_map", s, L.lang), s, L, scroll=True)
        for slot, name in zip(door, ("d2d_dostyk_card", "d2d_altynkol_card")):
            card = model.card(name, s, L.lang)
            widgets.kpi(slot, card["label"], card["value"], card["help"], delta=card["delta"])

    widgets.scenario_part(body, "corridor")


if __name__ == "__main__":
    render()
