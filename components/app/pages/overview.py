"""Overview: every stated figure as a card with its citation, and the ratios derived from them."""

from __future__ import annotations

import streamlit as st

from components.app import answer_block, model, state, upload_panel, widgets
from components.data.facts import tables
from components.data.scenario import Scenario
from components.present import views


def render() -> None:
    L = state.labels()
    t = tables()
    answer = answer_block.frame(L, state.actuals_series())  # the first thing: what the dashboard concludes
    # filled now, before the page below it is sent, so it does not grow and push that down on load (the fragment
    # writes the same sentences again, and on a slider move alone rewrites them); the result is the fragment's own
    answer_block.fill(answer, model.result(state.scenario()), L, state.actuals_series())
    st.title(L("app_title"))
    st.caption(L("app_subtitle"))
    st.markdown(L("intro_overview"))
    r = model.result(Scenario.default()).ratios  # ratios of the stated figures: the same in every scenario's result
    h = lambda fid: widgets.fact_help(fid, L)  # noqa: E731

    st.header(L("hub_selyatino"))
    c = widgets.kpi_row()
    widgets.kpi(c, L("k_investment"), L.money(t.fact("selyatino_investment")), h("selyatino_investment"))
    widgets.kpi(c, L("k_jobs"), L.num(t.fact("selyatino_jobs")), h("selyatino_jobs"))
    widgets.kpi(
        c,
        L("k_area"),
        f"{L.num(t.fact('selyatino_area'))} {L.unit('m2')}",
        h("selyatino_area"),
    )
    widgets.kpi(
        c,
        L("k_completion"),
        L.month(t.date("selyatino_completion")),
        h("selyatino_completion"),
        delta=L("k_agreement", month=L.month(t.date("selyatino_agreement"))),
    )
    c = widgets.kpi_row()
    widgets.kpi(
        c,
        L("k_exports"),
        # the unit once, in the same words as elsewhere: «180 → 550 тыс. т», "180 → 550 kt"
        f"{L.dec(t.fact('export_china_baseline') / 1e3)} → {L.tonnes(t.fact('export_china_target'))}",
        h("export_china_target"),
        delta=L("k_multiple", x=L.num(r.at["export_multiple", "value"], 2)),
    )
    share = c.empty()  # its check reads the scenario's flow through Selyatino
    derived = views.derived_table(L)["formula"]
    widgets.kpi(
        c,
        L("k_per_job"),
        L.money(r.at["investment_per_job", "value"]),
        f"{L('derived')}: {derived['investment_per_job']}",
    )
    per_m2 = c.empty()  # its comparison reads the scenario's build cost

    st.header(L("hub_agrohub_border"))
    c = widgets.kpi_row()
    widgets.kpi(
        c,
        L("k_agrohub"),
        f"{L.num(r.at['agrohub_area_ha', 'value'])} {L('ha')}",
        h("agrohub_area") + " " + L("k_agrohub_parts_help"),
        delta=L("k_agrohub_parts"),
    )
    widgets.kpi(
        c,
        L("k_border_regions"),
        f"{L.num(t.fact('border_regions_side_a'))} + {L.num(t.fact('border_regions_side_b'))}",
        h("border_regions_side_a"),
    )
    widgets.kpi(
        c,
        L("k_population"),
        L("k_population_value", n=L.dec(t.fact("border_population") / 1e6)),
        h("border_population"),
    )
    c = widgets.kpi_row()
    bottleneck = c.empty()  # where and when this flow waits longest (the network's summary)
    # the border's length is trivia beside the answer: last among the announced figures
    widgets.kpi(c, L("k_border_rank"), L("k_longest"), h("border_longest"))

    as_of = st.container()  # "As of <today>": what the plan and the scenario expect by now (reads the scenario)
    chart = st.container()

    def body(s: Scenario) -> None:
        answer_block.fill(answer, model.result(s), L, state.actuals_series())
        card = model.card("wait_card", s, L.lang)
        widgets.kpi(
            bottleneck, card["label"], card["value"], card["sentence"] + " " + card["explain"], delta=card["delta"]
        )
        check = model.result(s).agri_share
        # a range carries its unit once: «37–47 %», "37–47%"
        lo, hi = L.num(check["share_low"] * 100), L.pct(check["share_high"])
        widgets.kpi(
            share,
            L("k_share"),
            L.pct(check["stated_share"]),
            h("selyatino_agri_share")
            + " "
            + L(
                "h_share_check",
                flow=L.tonnes(check["flow_t_year"]),
                low_t=L.tonnes(check["exports_low_t"]),
                high_t=L.tonnes(check["exports_high_t"]),
                lo=lo,
                hi=hi,
            ),
            delta=L("k_share_check", lo=lo, hi=hi),
        )
        widgets.kpi(
            per_m2,
            L("k_per_m2"),
            f"{L.num(r.at['investment_per_m2', 'value'])} {L.cur('RUB')}",
            f"{L('derived')}: {derived['investment_per_m2']}",
            delta=L("k_vs_capex", x=L.num(r.at["investment_per_m2", "value"] / s.capex_rub_per_m2, 1)),
        )
        with as_of:
            upload_panel.as_of_card(s, L, state.actuals_series())
        with chart:
            widgets.chart(model.view("stated_exports", s, L.lang), s, L)

    widgets.scenario_part(body, "overview")


if __name__ == "__main__":
    render()
