"""Capacity: boxes, trains and warehouse space the scenario needs, and the two-way balance."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import capacity, charts, projection
from components.scenario import Scenario
from components.ui import model, state, widgets


def render() -> None:
    L, s = state.labels(), state.scenario()
    st.title(L("page_capacity"))
    st.markdown(L("intro_capacity"))
    box, plan_box, need = model.boxes(s), model.boxes(Scenario.default()), model.warehouse(s)
    at = projection.target_month(s)
    row = box.set_index("month").loc[at]
    hit = capacity.first_month_over_limit(box)
    c = st.columns(4)
    widgets.kpi(c[0], L("k_trains_target"), L.num(row["trains_per_week"], 1), L("h_trains"))
    widgets.kpi(c[1], L("k_feu_year"), L.num(row["feu"] * 12), L("h_feu_year"), delta=f'{L.num(row["teu"] * 12)} TEU')
    widgets.kpi(c[2], L("k_limit_hit", limit=L.num(s.train_limit_per_week, 1)),
                L.month(hit) if hit is not None else L("k_never"), L("h_limit"))
    share = float(need.set_index("month").at[at, "share_of_area"])
    widgets.kpi(c[3], L("k_area_share"), L.pct(share, 1), L("h_area_share"),
                delta=L("k_max_throughput", t=L.tonnes(capacity.max_throughput_t_year(s))))

    widgets.chart("trains-per-week", charts.trains_per_week(box, plan_box, s.train_limit_per_week, L),
                  box[["month", "tonnes", "feu", "teu", "trains_per_week", "over_limit"]],
                  L("alt_trains", n=L.num(row["trains_per_week"], 1), month=L.month(at)), s, L)
    widgets.chart("containers", charts.containers(box, L), box[["month", "feu", "teu"]],
                  L("alt_boxes", feu=L.num(row["feu"])), s, L)
    widgets.chart("warehouse-area", charts.warehouse(need, L), need,
                  L("alt_warehouse", share=L.pct(share, 1)), s, L)

    year = at.year + 1
    tw = capacity.two_way_balance(box, s)
    tw_year = tw[tw["month"].dt.year == year].drop(columns=["month", "loaded_share"]).sum()
    bars = pd.DataFrame({"direction": [L("eastbound"), L("westbound")],
                         "loaded": [tw_year["east_loaded"], tw_year["west_loaded"]],
                         "empty": [tw_year["east_empty"], tw_year["west_empty"]]})
    loaded_share = (bars["loaded"].sum() / (bars["loaded"].sum() + bars["empty"].sum()))
    widgets.chart("two-way-boxes", charts.two_way(bars, year, L), bars,
                  L("alt_two_way", share=L.pct(loaded_share), year=year), s, L)


if __name__ == "__main__":
    render()
