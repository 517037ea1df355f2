"""Corridor: Selyatino → Kazakhstan → China with the Agrohub and both crossings on a map drawn offline, each link
labelled with its peak utilisation; the border in figures."""

from __future__ import annotations

import streamlit as st

from components.app import model, state, widgets
from components.data.facts import tables
from components.data.scenario import Scenario


def render() -> None:
    L = state.labels()
    t = tables()
    st.title(L("page_corridor"))
    st.markdown(L("intro_corridor_map"))
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
        L("about") + " " + L.compact(t.fact("border_population")),
        widgets.fact_help("border_population", L),
    )
    transit = c.empty()  # reads the scenario's transit time
    st.markdown(L("corridor_notes"))

    def body(s: Scenario) -> None:
        with chart:
            widgets.chart(model.view("corridor", s, L.lang), s, L)
        widgets.kpi(
            transit, L("k_transit"), L("days", n=L.num(s.transit_days)), widgets.assumption_help("transit_days", L)
        )

    widgets.scenario_part(body, "corridor")


if __name__ == "__main__":
    render()
