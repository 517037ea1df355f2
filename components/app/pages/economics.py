"""Economics: the hub's appraisal (conventions, NPV, IRR, paybacks, funding, break-evens, NPV distribution)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from components.app import model, state, widgets
from components.data.facts import macro, tables
from components.data.scenario import CURRENCIES, Scenario
from components.model import economics
from components.present.i18n import Labels
from components.present.i18n_economics import years


def render() -> None:
    L = state.labels()
    st.title(L("page_economics"))
    st.markdown(L("intro_economics"))
    cur = (
        st.segmented_control(
            L("currency"), CURRENCIES, default="RUB", key=state.CURRENCY, bind="query-params", required=True
        )
        or "RUB"
    )
    widgets.scenario_part(lambda s: body(s, L, cur), "economics")
    st.caption(L("econ_scope", area=L.num(tables().fact("selyatino_area"))))


def conventions_line(s: Scenario, L: Labels, flows) -> str:
    """Which convention is in use, the CPI path, the nominal rate built up and its real equivalents."""
    m = macro()
    cited = m.loc[m["series"] == "cpi_dec_dec"].sort_values("year")
    cpi = ", ".join(
        [
            L("conv_cpi_item", year=int(r.year), pct=L.pct(r.value, 2 if r.kind == "actual" else 1))
            for r in cited.itertuples()
        ]
        + [L("conv_cpi_after", pct=L.pct(s.cpi_long_run, 1))]
    )
    n = s.risk_free_rate + s.risk_premium
    op = flows[flows["months_operating"] > 0]
    real = economics.real_rates(n, op["inflation"].to_numpy())
    runs = []  # (first year, rate) of each run of equal real rates over the operating years
    for y, r in zip(op["year"], real):
        if not runs or not np.isclose(runs[-1][1], r):
            runs.append((int(y), float(r)))
    parts = [
        L("conv_real_after" if i == len(runs) - 1 else "conv_real_item", pct=L.pct(r, 1), year=y)
        for i, (y, r) in enumerate(runs)
    ]
    return L(
        f"conv_line_{s.convention}",
        n=L.pct(n, 1),
        rf=L.pct(s.risk_free_rate, 1),
        rp=L.pct(s.risk_premium, 1),
        cpi=cpi,
        real=" → ".join(parts),
    )


def _be_card(col, s: Scenario, L: Labels, be: economics.BreakEven, cur: str) -> None:
    conv = lambda x: economics.convert(x, cur, s)  # noqa: E731
    fmt = {
        "handling_rub_per_feu": lambda v: f"{L.num(conv(v))} {L.cur(cur)}/FEU",
        "rent_rub_per_m2_year": lambda v: f"{L.num(conv(v))} {L.cur(cur)}/{'m²/yr' if L.lang == 'en' else 'м²/год'}",
        "attainment": lambda v: L("be_tonnes", t=L.tonnes(v * tables().fact("export_china_target"))),
    }[be.param]
    if be.status == "found":
        value, delta = fmt(be.value), L("be_now", v=fmt(getattr(s, be.param)))
    elif be.status == "above_range":
        value, delta = f"> {fmt(be.high)}", L("be_above")
    else:
        value, delta = f"< {fmt(be.low)}", L("be_below")
    widgets.kpi(col, L(f"k_be_{be.param}"), value, L("h_be", lo=fmt(be.low), hi=fmt(be.high)), delta=delta)


def body(s: Scenario, L: Labels, cur: str) -> None:
    conv = lambda x: economics.convert(x, cur, s)  # noqa: E731
    ap = model.appraisal(s)
    dist = model.npv_distribution(s)
    st.info(conventions_line(s, L, ap.flows), icon=":material/balance:")

    c = widgets.kpi_row()
    n = ap.nominal_rate
    widgets.kpi(c, L("k_npv", r=L.pct(n, 1), n=years(L, s.horizon_years, 0)), L.money(conv(ap.npv), cur), L("h_npv"))
    widgets.kpi(
        c,
        L("k_irr", conv=L(f"conv_{s.convention}")),
        L.pct(ap.irr, 1) if ap.irr is not None else L("k_no_irr"),
        L("h_irr", r=L.pct(n, 1)),
    )
    never = L("k_not_within", n=years(L, s.horizon_years, 0))
    widgets.kpi(
        c,
        L("k_dpayback"),
        years(L, ap.discounted_payback) if ap.discounted_payback is not None else never,
        L("h_dpayback"),
        delta=L("k_simple_payback", v=years(L, ap.payback) if ap.payback is not None else never),
    )
    widgets.kpi(c, L("k_peak"), L.money(conv(ap.peak_funding), cur), L("h_peak"))
    widgets.kpi(
        c,
        L("k_p_positive"),
        L.pct(dist["p_positive"]),
        L("h_p_positive"),
        delta=L("k_p_median", v=L.money(conv(dist["p50"]), cur, 1)),
    )

    st.subheader(L("be_title"))
    c = widgets.kpi_row()
    for p in economics.BREAKEVEN_PARAMS:
        _be_card(c, s, L, ap.breakeven[p], cur)

    widgets.chart(model.view("cash_flow", s, L.lang, currency=cur), s, L)
    widgets.chart(model.view("npv_distribution", s, L.lang, currency=cur), s, L)
    widgets.chart(model.view("tornado", s, L.lang, currency=cur), s, L)

    st.subheader(L("build_title"))
    r, b = economics.ratios(), economics.build_today(s)
    c = widgets.kpi_row()
    widgets.kpi(
        c,
        L("k_per_job"),
        L.money(conv(r.at["investment_per_job", "value"]), cur),
        f"{L('derived')}: {r.at['investment_per_job', 'formula']}",
    )
    widgets.kpi(
        c,
        L("k_per_m2"),
        f"{L.num(conv(r.at['investment_per_m2', 'value']))} {L.cur(cur)}",
        f"{L('derived')}: {r.at['investment_per_m2', 'formula']}",
    )
    widgets.kpi(
        c,
        L("k_build_today"),
        L.money(conv(b["cost"]), cur),
        L("h_build_today"),
        delta=L("k_build_per_m2", v=L.num(conv(b["cost_per_m2"]))).replace("RUB", L.cur(cur)).replace("₽", L.cur(cur)),
    )
    widgets.kpi(c, L("k_stated_vs_build"), L("k_times", x=L.num(b["ratio"], 1)), L("h_stated_vs_build"))

    with st.expander(L("econ_limits_title")):
        st.markdown(L("econ_limits"))


if __name__ == "__main__":
    render()
