"""Capacity: boxes, trains and warehouse space the scenario needs, and the two-way balance."""
from __future__ import annotations

import streamlit as st

from components import capacity, projection
from components.i18n import Labels
from components.scenario import Scenario
from components.ui import model, state, widgets


def render() -> None:
    L = state.labels()
    st.title(L("page_capacity"))
    st.markdown(L("intro_capacity"))
    widgets.scenario_part(lambda s: body(s, L), "capacity")


def body(s: Scenario, L: Labels) -> None:
    box, need = model.boxes(s), model.warehouse(s)
    at = projection.target_month(s)
    row = box.set_index("month").loc[at]
    hit = capacity.first_month_over_limit(box)
    c = st.columns(4)
    widgets.kpi(c[0], L("k_trains_target"), L.num(row["trains_per_week"], 1), L("h_trains"))
    widgets.kpi(c[1], L("k_feu_year"), L.num(row["feu"] * 12), L("h_feu_year"), delta=f'{L.num(row["teu"] * 12)} TEU')
    widgets.kpi(c[2], L("k_limit_hit", limit=L.num(s.service_trains_per_week, 1)),
                L.month(hit) if hit is not None else L("k_never"), L("h_limit"))
    share = float(need.set_index("month").at[at, "share_of_area"])
    widgets.kpi(c[3], L("k_area_share"), L.pct(share, 1), L("h_area_share"),
                delta=L("k_max_throughput", t=L.tonnes(capacity.max_throughput_t_year(s))))

    for name in ("trains", "containers", "warehouse", "two_way"):
        widgets.chart(model.view(name, s, L.lang), s, L)


if __name__ == "__main__":
    render()
