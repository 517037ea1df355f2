"""Economics: investment per job and per m², cash flows, payback, NPV and its sensitivity."""
from __future__ import annotations

import streamlit as st

from components import economics
from components.facts import tables
from components.i18n import Labels
from components.scenario import CURRENCIES, Scenario
from components.ui import model, state, widgets


def render() -> None:
    L = state.labels()
    st.title(L("page_economics"))
    st.markdown(L("intro_economics"))
    cur = st.segmented_control(L("currency"), CURRENCIES, default="RUB", key=state.CURRENCY, bind="query-params",
                               required=True) or "RUB"
    widgets.scenario_part(lambda s: body(s, L, cur), "economics")
    st.caption(L("econ_scope", area=L.num(tables().fact("selyatino_area"))))


def body(s: Scenario, L: Labels, cur: str) -> None:
    conv = lambda x: economics.convert(x, cur, s)  # noqa: E731
    r = economics.ratios()
    flows = model.cash_flows(s)
    npv, pay = economics.npv(s, flows), economics.payback_years(s, flows)
    c = st.columns(4)
    widgets.kpi(c[0], L("k_per_job"), L.money(conv(r.at["investment_per_job", "value"]), cur),
                f'{L("derived")}: {r.at["investment_per_job", "formula"]}')
    widgets.kpi(c[1], L("k_per_m2"), f'{L.num(conv(r.at["investment_per_m2", "value"]))} {L.cur(cur)}',
                f'{L("derived")}: {r.at["investment_per_m2", "formula"]}',
                delta=L("k_vs_capex", x=L.num(r.at["investment_per_m2", "value"] / s.capex_rub_per_m2, 1)))
    widgets.kpi(c[2], L("k_npv", r=L.pct(s.risk_free_rate + s.risk_premium, 1), n=L.num(s.horizon_years)), L.money(conv(npv), cur),
                L("h_npv"))
    widgets.kpi(c[3], L("k_payback"), L("years", n=L.num(pay, 1)) if pay is not None else
                f'> {L("years", n=L.num(s.horizon_years))}', L("h_payback"))

    widgets.chart(model.view("cash_flow", s, L.lang, currency=cur), s, L)
    widgets.chart(model.view("tornado", s, L.lang, currency=cur), s, L)


if __name__ == "__main__":
    render()
