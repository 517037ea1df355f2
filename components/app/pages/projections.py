"""Export projections: the scenario against the stated plan, its band, and a second scenario to compare."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.app import model, state, storage, upload_panel, widgets
from components.data.scenario import Scenario, preset, preset_names


def kpis(s: Scenario) -> dict[str, float | pd.Timestamp]:
    """Headline numbers of one scenario (its result's :attr:`~components.model.run.Result.projection_headline`)."""
    return model.result(s).projection_headline


def render() -> None:
    L = state.labels()
    st.title(L("page_projections"))
    st.markdown(L("intro_projections"))
    kpi_row = st.container()
    as_of = st.container()
    names = ["none", *[n for n in preset_names() if n != "plan"]]
    compare = st.selectbox(
        L("compare_with"),
        names,
        key=state.COMPARE,
        bind="query-params",
        format_func=lambda n: L("compare_none") if n == "none" else L(f"preset_{n}"),
    )
    compare = None if compare in (None, "none") else compare
    panel = upload_panel.render(L)
    actuals = None if panel.actuals is None else panel.actuals.series  # the monthly tonnes counted [t/month]
    storage.scenario_box(L)
    charts = st.container()

    def body(s: Scenario) -> None:
        # top to bottom, as the page shows them: cards drawn after the chart below them would push it down on load
        k = kpis(s)
        with kpi_row:
            c = widgets.kpi_row()
            widgets.kpi(c, L("k_target_month"), L.month(k["target_month"]), L("h_target_month"))
            widgets.kpi(c, L("k_target_rate"), L.tonnes(k["target_rate"]), L("h_target_rate"))
            widgets.kpi(c, L("k_growth"), L.pct(k["monthly_growth"], 1) + " / " + L("mo"), L("h_growth"))
            widgets.kpi(c, L("k_2027"), L.tonnes(k["tonnes_2027"]), L("h_2027"))
        with as_of:
            upload_panel.as_of_card(s, L, actuals)
        with charts:
            widgets.chart(model.view("export_projection", s, L.lang, actuals=actuals, compare=compare), s, L)
            upload_panel.progress(actuals, s, L)
        storage.actuals_link(panel.link, s)  # the saved actuals' link carries this scenario
        if compare is not None:
            with charts:
                st.header(L("side_by_side"))
                ko = kpis(preset(compare))
                rows = [
                    (L("k_target_month"), L.month(k["target_month"]), L.month(ko["target_month"])),
                    (L("k_target_rate"), L.tonnes(k["target_rate"]), L.tonnes(ko["target_rate"])),
                    (L("k_growth"), L.pct(k["monthly_growth"], 1), L.pct(ko["monthly_growth"], 1)),
                    (L("k_2027"), L.tonnes(k["tonnes_2027"]), L.tonnes(ko["tonnes_2027"])),
                    (L("k_2030"), L.tonnes(k["rate_2030"]), L.tonnes(ko["rate_2030"])),
                ]
                st.table(pd.DataFrame(rows, columns=["", L("scenario_line"), L(f"preset_{compare}")]).set_index(""))

    widgets.scenario_part(body, "projections")


if __name__ == "__main__":
    render()
