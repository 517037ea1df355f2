"""Economics: the hub's appraisal (conventions, NPV, IRR, paybacks, funding, break-evens, NPV distribution)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from components.app import model, state, widgets
from components.data.facts import macro, tables
from components.data.scenario import CURRENCIES, Scenario
from components.model.economics import BREAKEVEN_PARAMS, EXIT_SHARE_WARNING, BreakEven
from components.model.run import Result
from components.present import views
from components.present.i18n import Labels


def render() -> None:
    L = state.labels()
    st.title(L("page_economics"))
    st.markdown(L("intro_economics"))
    cur = (
        st.segmented_control(
            L("currency"),
            CURRENCIES,
            format_func=L.cur,  # «₽ / $ / ₸» on a Russian page, not RUB/USD/KZT
            default="RUB",
            key=state.CURRENCY,
            bind="query-params",
            required=True,
        )
        or "RUB"
    )
    widgets.scenario_part(lambda s: body(s, L, cur), "economics")
    st.caption(L("econ_scope", area=L.num(tables().fact("selyatino_area"))))


def conventions_line(r: Result, L: Labels) -> str:
    """Which convention is in use, the CPI path, the key-rate path, the WACC it implies and its real equivalents."""
    s, flows = r.scenario, r.economics.flows
    m = macro()
    cited = m.loc[m["series"] == "cpi_dec_dec"].sort_values("year")
    cpi = ", ".join(
        [
            L("conv_cpi_item", year=int(r.year), pct=L.pct(r.value, 2 if r.kind == "actual" else 1))
            for r in cited.itertuples()
        ]
        + [L("conv_cpi_after", pct=L.pct(s.cpi_long_run, 1))]
    )
    op = flows[flows["months_operating"] > 0]
    last_cited = int(m.loc[m["series"] == "key_rate_avg", "year"].max())
    path = ", ".join(
        L("conv_real_item", pct=L.pct(r, 1), year=int(y)) for y, r in zip(op["year"], op["key_rate"]) if y <= last_cited
    )
    nominal = r.nominal_flows
    nom_op = nominal[nominal["months_operating"] > 0]
    runs = []  # (first year, rate) of each run of equal rates over the operating years
    for y, r in zip(op["year"], op["wacc"]):
        if not runs or not np.isclose(runs[-1][1], r):
            runs.append((int(y), float(r)))
    parts = [
        L("conv_real_after" if i == len(runs) - 1 else "conv_real_item", pct=L.pct(r, 1), year=y)
        for i, (y, r) in enumerate(runs)
    ]
    wacc_runs = []
    for y, r in zip(nom_op["year"], nom_op["wacc"]):
        if not wacc_runs or not np.isclose(wacc_runs[-1][1], r):
            wacc_runs.append((int(y), float(r)))
    wacc_path = " → ".join(
        L("conv_real_after" if i == len(wacc_runs) - 1 else "conv_real_item", pct=L.pct(r, 1), year=y)
        for i, (y, r) in enumerate(wacc_runs)
    )
    mean = float(np.expm1(np.mean(np.log1p(nom_op["wacc"].to_numpy())))) if len(nom_op) else 0.0
    return L(
        f"conv_line_{s.convention}",
        cpi=cpi,
        path=path,
        rf=L.pct(s.risk_free_rate + s.key_rate_shift, 1),
        rp=L.pct(s.risk_premium, 1),
        spread=L.pct(s.debt_spread, 1),
        debt=L.pct(s.debt_share),
        wacc=L.pct(mean, 1),
        wacc_path=wacc_path,
        real=" → ".join(parts),
    )


def _be_card(col, r: Result, L: Labels, be: BreakEven, cur: str) -> None:
    s = r.scenario
    conv = lambda x: r.convert(x, cur)  # noqa: E731
    fmt = {
        "handling_rub_per_feu": lambda v: f"{L.num(conv(v))} {L.cur(cur)}/{L.unit('FEU')}",
        "rent_rub_per_m2_year": lambda v: f"{L.num(conv(v))} {L.cur(cur)}/{L.unit('m2/year')}",
        "attainment": lambda v: L("be_tonnes", t=L.tonnes(v * tables().fact("export_china_target"))),
    }[be.param]
    if be.status == "found":
        value, delta = fmt(be.value), L("be_now", v=fmt(getattr(s, be.param)))
    elif be.status == "above_range":
        value, delta = f"> {fmt(be.high)}", L("be_above")
    else:
        value, delta = f"< {fmt(be.low)}", L("be_below")
    widgets.kpi(col, L(f"k_be_{be.param}"), value, L("h_be", lo=fmt(be.low), hi=fmt(be.high)), delta=delta)


def _irr_text(L: Labels, x: float | None) -> str:
    return L.pct(x, 1) if x is not None else L("k_no_irr")


def body(s: Scenario, L: Labels, cur: str) -> None:
    res = model.result(s)
    conv = lambda x: res.convert(x, cur)  # noqa: E731
    ap = res.economics
    dist = res.npv_distribution
    flows = ap.flows.set_index("year")
    st.info(conventions_line(res, L), icon=":material/balance:")

    c = widgets.kpi_row()
    n = ap.nominal_rate
    widgets.kpi(c, L("k_npv", n=L.years(s.horizon_years, 0)), L.money(conv(ap.npv), cur), L("h_npv", r=L.pct(n, 1)))
    widgets.kpi(
        c,
        L("k_irr", conv=L(f"conv_{s.convention}")),
        _irr_text(L, ap.irr),
        L("h_irr", r=L.pct(n, 1)),
    )
    widgets.kpi(
        c,
        L("k_equity_irr"),
        _irr_text(L, ap.equity_irr),
        L("h_equity_irr"),
        delta=L("k_equity_npv", v=L.money(conv(ap.equity_npv), cur, 1)),
    )
    if ap.min_dscr is None:
        widgets.kpi(c, L("k_min_dscr"), L("k_no_debt"), L("h_min_dscr"))
    else:
        below = [int(y) for y, v in ap.dscr.items() if v < ap.covenant]
        cov = L.num(ap.covenant, 2)
        widgets.kpi(
            c,
            L("k_min_dscr"),
            L.num(ap.min_dscr, 2),
            L("h_min_dscr"),
            delta=L("k_dscr_breach", cov=cov, n=L.years(len(below), 0)) if below else L("k_dscr_ok", cov=cov),
        )
    ke = ap.flows.loc[ap.flows["months_operating"] > 0, "cost_of_equity"].to_numpy()
    widgets.kpi(
        c,
        L("k_wacc"),
        L.pct(n, 1),
        L("h_wacc"),
        delta=L("k_cost_equity", v=L.pct(float(np.expm1(np.mean(np.log1p(ke)))) if ke.size else 0.0, 1)),
    )

    c = widgets.kpi_row()
    yx = ap.year_x
    widgets.kpi(
        c,
        L("k_property_tax", year=yx),
        L.money(conv(-flows.at[yx, "property_tax_financed"]), cur),
        L("h_property_tax"),
        delta=L("k_book_value", v=L.money(conv(flows.at[yx, "book_value"]), cur, 1)),
    )
    widgets.kpi(
        c,
        L("k_payroll", year=yx),
        L.money(conv(-flows.at[yx, "payroll"]), cur),
        L("h_payroll"),
        delta=L("k_staff_wage", n=L.num(s.headcount), w=L.money(conv(s.wage_rub_month), cur)),
    )
    widgets.kpi(
        c,
        L("k_exit_share"),
        L.pct(ap.exit_share) if ap.exit_share is not None else L("k_no_irr"),
        L("h_exit_share"),
        delta=L("k_exit_pv", v=L.money(conv(ap.exit_pv), cur, 1)),
    )
    widgets.kpi(
        c,
        L("k_counterfactual", year=yx),
        L(
            "k_cf_value",
            t=L.tonnes(flows.at[yx, "tonnes_counterfactual"]),
            feu=L.num(flows.at[yx, "feu_east_counterfactual"]),
        ),
        L("h_counterfactual"),
        delta=L("k_cf_revenue", v=L.money(conv(flows.at[yx, "revenue_counterfactual"]), cur, 1)),
    )
    widgets.kpi(
        c,
        L("k_p_positive"),
        L.pct(dist["p_positive"]),
        L("h_p_positive"),
        delta=L("k_p_median", v=L.money(conv(dist["p50"]), cur, 1)),
    )
    if ap.exit_share is not None and ap.exit_share > EXIT_SHARE_WARNING:
        st.warning(L("exit_warning", share=L.pct(ap.exit_share)), icon=":material/warning:")
    net = res.network_effects
    demand, crossed = float(net["feu_demand"].sum()), float(net["feu_crossed"].sum())
    st.caption(
        L(
            "net_caption",
            crossed=L.pct(min(crossed / demand, 1.0) if demand > 0 else 1.0),
            first=int(net.index.min()),
            last=int(net.index.max()),
            hub=L.money(conv(0.0 - float(ap.flows["waiting_hub"].sum())), cur),
            ship=L.money(conv(0.0 - float(ap.flows["waiting_shippers"].sum())), cur),
        )
    )
    lost = float(ap.flows["feu_east_lost_terminal"].sum())
    if lost > 0.5:
        st.caption(L("terminal_caption", cap=L.num(s.terminal_capacity_feu_day), lost=L.num(lost)))

    st.header(L("be_title"))  # h2: the page title is the h1 above it (no level skipped)
    c = widgets.kpi_row()
    for p in BREAKEVEN_PARAMS:
        _be_card(c, res, L, ap.breakeven[p], cur)
    never = L("k_not_within", n=L.years(s.horizon_years, 0))
    c = widgets.kpi_row()
    widgets.kpi(
        c,
        L("k_dpayback"),
        L.years(ap.discounted_payback) if ap.discounted_payback is not None else never,
        L("h_dpayback"),
        delta=L("k_simple_payback", v=L.years(ap.payback) if ap.payback is not None else never),
    )
    widgets.kpi(c, L("k_peak"), L.money(conv(ap.peak_funding), cur), L("h_peak"))

    widgets.chart(model.view("cash_flow", s, L.lang, currency=cur), s, L)
    widgets.chart(model.view("bridge", s, L.lang, currency=cur), s, L)
    widgets.chart(model.view("year_waterfall", s, L.lang, currency=cur), s, L)
    widgets.chart(model.view("dscr", s, L.lang), s, L)
    with st.expander(L("streams_title", year=ap.year_x)):
        table = views.streams_table(res, L, cur)
        st.dataframe(
            table.rename(
                columns={
                    "stream": L("col_stream"),
                    "kind": L("col_kind"),
                    "year": L("col_year", year=ap.year_x),
                    "pv": L("col_pv"),
                }
            ),
            hide_index=True,
        )
        st.caption(L("streams_note"))
    widgets.chart(model.view("npv_distribution", s, L.lang, currency=cur), s, L)
    widgets.chart(model.view("tornado", s, L.lang, currency=cur), s, L)

    st.header(L("build_title"))
    r, b = res.ratios, res.build_today
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
