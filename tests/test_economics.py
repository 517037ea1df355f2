"""The economics against projects worked by hand, and its properties over the sliders' ranges."""

import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from components.data.facts import DATA_DIR, DataError, load_macro, tables
from components.data.scenario import REPAYMENTS, SHAPES, Scenario, whole_number
from components.model import economics, streams

PLAN = Scenario.default()
cash_flows = economics.cash_flows


# --- stated ratios and currencies ---------------------------------------------------------------------------------


def test_stated_growth_is_a_tripling_of_3_06():
    assert economics.ratios().at["export_multiple", "value"] == pytest.approx(3.0556, abs=1e-4)  # 550 / 180


def test_investment_per_job_is_about_9_33_mn_rub():
    assert economics.ratios().at["investment_per_job", "value"] == pytest.approx(9_333_333.33, rel=1e-9)  # 14e9 / 1,500


def test_investment_per_m2_is_about_215_400_rub():
    assert economics.ratios().at["investment_per_m2", "value"] == pytest.approx(215_384.6, abs=0.1)  # 14e9 / 65,000


def test_currency_conversion_of_the_investment():
    assert economics.convert(14e9, "USD", PLAN) == pytest.approx(164_705_882.35, abs=0.01)  # 14e9 / 85
    assert economics.convert(14e9, "KZT", PLAN) == pytest.approx(84_000_000_000)  # 14e9 / 85 × 510
    with pytest.raises(ValueError):
        economics.convert(1, "EUR", PLAN)


def test_building_today_costs_5_12_bn_and_the_stated_14_bn_is_2_7_times_that():
    b = economics.build_today(PLAN)
    # 0.69 × 70,600 + 0.31 × 97,000 = 48,714 + 30,070 = 78,784 RUB/m²; × 65,000 m² = 5,120,960,000 RUB
    assert b["cost_per_m2"] == pytest.approx(78_784)
    assert b["cost"] == pytest.approx(5_120_960_000)
    assert b["ratio"] == pytest.approx(2.7339, abs=1e-4)  # 14e9 / 5,120,960,000


# --- the core on a toy project worked by hand ---------------------------------------------------------------------


def _toy(debt_share: float = 0.5, sculpted: bool = False, shift: float = 0.0) -> dict:
    # 2025: 1,000 mn spent (a construction year). 2026 and 2027: 12 months of operation, rent 300 mn and payroll
    # 50 mn in 2025 prices, prices +10 % a year (index 1, 1.1, 1.21). Key rate 10 % flat (+ shift), no margin, no
    # premium; tax 20 %; 10-year life; property tax 2 %; half debt over 2 years, no grace, covenant 1.2.
    inp = economics.Inputs(
        year=np.array([2025, 2026, 2027]),
        index=np.array([1.0, 1.1, 1.21]),
        months=np.array([0.0, 12.0, 12.0]),
        investment=np.array([1_000e6, 0.0, 0.0]),
        streams={"rent": np.array([0.0, 300e6, 300e6]), "payroll": np.array([0.0, 50e6, 50e6])},
    )
    key = np.full((1, 3), 0.10 + shift)
    terms = economics.Terms(
        key=key,
        rf=key,
        tax_rate=0.20,
        life_years=10.0,
        property_tax_rate=0.02,
        debt_share=debt_share,
        tenor=2.0,
        grace=0.0,
        covenant=1.2,
        sculpted=sculpted,
    )
    return economics.evaluate(inp, terms)


def test_one_year_by_hand_revenue_payroll_property_tax_interest_tax_dscr():
    out = {k: np.ravel(v) for k, v in _toy().items() if np.ndim(v)}
    # 2025: the loan draws 50 % × 1,000 = 500 mn; interest during construction on half the drawing,
    # 10 % × 500 / 2 = 25 mn, is capitalised: balance 525 mn, book value 1,025 mn
    np.testing.assert_allclose(out["debt_drawdown"], [500e6, 0, 0])
    np.testing.assert_allclose(out["capitalised_interest"], [25e6, 0, 0])
    # 2026: rent 300 × 1.1 = 330 mn; payroll 50 × 1.1 = 55 mn
    assert out["rent"][1] == pytest.approx(330e6)
    assert out["payroll"][1] == pytest.approx(-55e6)
    # book depreciation 1,025 / 10 = 102.5 mn; average book value (1,025 + 922.5) / 2 = 973.75 mn;
    # property tax 2 % × 973.75 = 19.475 mn (without the loan: (1,000 + 900) / 2 × 2 % = 19.0 mn)
    assert out["property_tax"][1] == pytest.approx(-19.0e6)
    assert out["idc_costs"][1] == pytest.approx(-(19.475e6 - 19.0e6))
    # interest in cash 10 % × 525 = 52.5 mn; equal principal 525 / 2 = 262.5 mn
    assert out["interest"][1] == pytest.approx(-52.5e6)
    assert out["principal"][1] == pytest.approx(-262.5e6)
    # profit tax with the loan: 2025 loses the 25 mn interest (deducted when incurred); 2026 base = EBITDA
    # (330 − 55 − 19.475 = 255.525) − tax depreciation 100 − interest 52.5 = 103.025 mn; the loss offsets
    # min(25, 50 % × 103.025) = 25 mn; tax = 20 % × 78.025 = 15.605 mn. Without it: 20 % × (256 − 100) = 31.2 mn.
    assert out["tax"][1] == pytest.approx(-31.2e6)
    assert out["tax_financing"][1] == pytest.approx(31.2e6 - 15.605e6)
    # DSCR = (255.525 − 15.605) / (52.5 + 262.5) = 239.92 / 315 = 0.7616508
    assert out["cfads"][1] / out["debt_service"][1] == pytest.approx(0.7616508, abs=1e-7)


def test_gordon_exit_value_by_hand():
    out = {k: np.ravel(v) for k, v in _toy(debt_share=0.0).items() if np.ndim(v)}
    # 2027 unlevered: EBITDA = 363 − 60.5 − 2 % × (900 + 800) / 2 = 363 − 60.5 − 17 = 285.5 mn; tax 20 % ×
    # (285.5 − 100) = 37.1 mn; FCF 248.4 mn; WACC = key rate 10 % (no debt, no premium), g = 0:
    # exit = 248.4 / 0.10 = 2,484 mn
    assert out["exit_value"][2] == pytest.approx(2_484e6)
    assert out["exit_value"][:2].sum() == 0


def test_sculpted_repayment_meets_the_covenant_where_cash_allows():
    out = {k: np.ravel(v) for k, v in _toy(sculpted=True).items() if np.ndim(v)}
    # 2026: principal = CFADS / 1.2 − interest = 239.92 / 1.2 − 52.5 = 147.433 mn, so DSCR = 1.2 exactly
    assert -out["principal"][1] == pytest.approx(239.92e6 / 1.2 - 52.5e6)
    assert out["cfads"][1] / out["debt_service"][1] == pytest.approx(1.2)
    # the last year of the tenor repays the rest: 525 − 147.433 = 377.567 mn
    assert -out["principal"][2] == pytest.approx(525e6 - (239.92e6 / 1.2 - 52.5e6))


def test_zero_debt_gives_equity_flows_equal_to_the_project_flows():
    out = _toy(debt_share=0.0)
    np.testing.assert_allclose(out["equity_net"], out["net"], rtol=0, atol=1e-6)
    assert out["equity_npv"] == pytest.approx(out["npv"])


@settings(max_examples=30, deadline=None)
@given(st.floats(-0.05, 0.0), st.floats(0.0, 0.05), st.floats(0.0, 0.04))
def test_a_lower_rate_path_never_lowers_the_npv_of_a_positive_cash_project(s1, s2, growth):
    # no investment, only rent: every flow (and the exit value) is positive and lies at or after the valuation date
    def npv(shift):
        inp = economics.Inputs(
            year=np.array([2025, 2026, 2027, 2028]),
            index=np.array([1.0, 1.05, 1.1, 1.15]),
            months=np.array([0.0, 12.0, 12.0, 12.0]),
            investment=np.zeros(4),
            streams={"rent": np.array([0.0, 100e6, 100e6, 100e6])},
        )
        key = np.full((1, 4), 0.10 + shift)
        terms = economics.Terms(key=key, rf=key, exit_growth=growth)
        return float(np.ravel(economics.evaluate(inp, terms, levered=False)["npv"])[0])

    assert npv(s1) >= npv(s2)


# --- the scenario by hand -----------------------------------------------------------------------------------------


def test_key_rate_path_is_the_cited_path_then_the_long_run_rate():
    years = np.arange(2025, 2031)
    # 2025: decisions in force Jan–May 21 %, Jun 20, Jul–Aug 18, Sep 17, Oct–Nov 16.5, Dec 16:
    # (5 × 21 + 20 + 2 × 18 + 17 + 2 × 16.5 + 16) / 12 = 227 / 12 = 18.9167 %; then 14, 9, 8.5 % (research §8),
    # then the 10-year OFZ 13.8 %
    np.testing.assert_allclose(
        economics.key_rate_path(years, 0.0, 0.138)[0], [227 / 1200, 0.14, 0.09, 0.085, 0.138, 0.138]
    )
    # a shift moves the forecasts and the long run, not the decisions already taken
    np.testing.assert_allclose(
        economics.key_rate_path(years, -0.01, 0.138)[0], [227 / 1200, 0.13, 0.08, 0.075, 0.128, 0.128]
    )


def test_wacc_by_hand():
    flows = cash_flows(PLAN).set_index("year")
    # 2029: r_f = 13.8 %, k_e = 16.8 %, k_d = 13.8 + 3 = 16.8 %; WACC = 0.4 × 16.8 + 0.6 × 16.8 × 0.75 = 14.28 %
    assert flows.at[2029, "wacc"] == pytest.approx(0.1428)
    # 2026: k_e = 14 + 3 = 17 %, k_d = 17 %: 0.4 × 17 + 0.6 × 17 × 0.75 = 6.8 + 7.65 = 14.45 %
    assert flows.at[2026, "wacc"] == pytest.approx(0.1445)


def test_payroll_is_headcount_times_loaded_wage_indexed():
    flows = cash_flows(PLAN).set_index("year")
    # 300 jobs × 120,000 RUB × 12 = 432 mn in 2025 prices; × 1.05 (2026) × 1.04 (2027) = 471.744 mn in 2027
    assert flows.at[2027, "payroll"] == pytest.approx(-471_744_000)
    # 2026 opens in April: 9 months, 300 × 120,000 × 9 × 1.05 = 340.2 mn
    assert flows.at[2026, "payroll"] == pytest.approx(-340_200_000)


def test_property_tax_on_the_declining_book_value_by_hand():
    flows = cash_flows(PLAN.with_values(debt_share=0.0)).set_index("year")
    # without debt the book value is the 14 bn; 30-year life from April 2026: 2026 depreciation 14 bn × 9/12 / 30
    # = 350 mn; average value (14,000 + 13,650) / 2 = 13,825 mn × 9/12 of a year × 2.2 % = 228.1125 mn
    assert flows.at[2026, "property_tax"] == pytest.approx(-228_112_500)
    # 2027: depreciation 466.667 mn; (13,650 + 13,183.333) / 2 = 13,416.667 mn × 2.2 % = 295.1667 mn
    assert flows.at[2027, "property_tax"] == pytest.approx(-295_166_666.67, abs=1)


def test_property_tax_falls_with_the_book_value():
    flows = cash_flows(PLAN)
    full = flows[flows["months_operating"] == 12]
    tax = -full["property_tax_financed"].to_numpy()
    book = full["book_value"].to_numpy()
    assert (np.diff(book) < 0).all() and (np.diff(tax) < 0).all()


def test_counterfactual_and_both_directions_by_hand():
    flows = cash_flows(PLAN).set_index("year")
    # 550 kt − the 180 kt baseline carried anyway = 370 kt; boxes 370,000 × (0.69 / 24 + 0.31 / 25) = 15,225.5 FEU
    # demanded (all cross: the plan's network crossing share is 1 in 2027)
    assert flows.at[2027, "tonnes"] == pytest.approx(370_000)
    assert flows.at[2027, "feu_east_demand"] == pytest.approx(15_225.5)
    # the counterfactual: 180,000 t, 180,000 × 0.04115 = 7,407 FEU east
    assert flows.at[2027, "tonnes_counterfactual"] == pytest.approx(180_000)
    assert flows.at[2027, "feu_east_counterfactual"] == pytest.approx(7_407)
    # the hub terminal binds: 250 FEU/day × 365 = 91,250 moves; 2 × max(1, 3.0) = 6 moves per eastbound box
    # (itself, 3 westbound, 2 empties back east) = 15,208.333 eastbound boxes in all; the counterfactual's 7,407
    # first: the project keeps 7,801.333, and 15,225.5 − 7,801.333 = 7,424.167 are lost
    assert flows.at[2027, "feu_east"] == pytest.approx(7_801.333, abs=1e-3)
    assert flows.at[2027, "feu_east_lost_terminal"] == pytest.approx(7_424.167, abs=1e-3)
    # westbound 3.0 × eastbound (341k / 113k TEU, KTZ 2023) = 23,404; eastbound empties 23,404 − 7,801.333
    assert flows.at[2027, "feu_west"] == pytest.approx(23_404.0)
    assert flows.at[2027, "feu_empty_east"] == pytest.approx(15_602.667, abs=1e-3)
    # handling east 7,801.333 × 5,200 = 40,566,933.3 × 1.092 = 40,566,933.3 + 3,732,157.9 = 44,299,091.2;
    # west 23,404 × 7,800 = 182,551,200 × 1.092 = 182,551,200 + 16,794,710.4 = 199,345,910.4
    assert flows.at[2027, "handling_east"] == pytest.approx(44_299_091.2, abs=1)
    assert flows.at[2027, "handling_west"] == pytest.approx(199_345_910.4, abs=1)


def test_the_hub_terminal_cap_in_a_partial_year_and_the_revenue_of_its_boxes_by_hand():
    flows = cash_flows(PLAN).set_index("year")
    # 2026 opens in April: 9 months. Cap 250 × 365 × 9 / 12 = 68,437.5 moves / 6 = 11,406.25 eastbound boxes; the
    # counterfactual carries 180,000 × 9 / 12 = 135,000 t = 135,000 × 0.04115 = 5,555.25 of them, the project
    # 11,406.25 − 5,555.25 = 5,851.0; demand 370,000 × 9 / 12 × 0.04115 = 11,419.125, lost 5,568.125
    assert flows.at[2026, "feu_east"] == pytest.approx(5_851.0)
    assert flows.at[2026, "feu_east_lost_terminal"] == pytest.approx(5_568.125)
    # revenue per eastbound box: 5,200 handling + 8,000 services + 3 × (7,800 + 3,900) westbound + 2 empties ×
    # 0.5 × 5,200 = 13,200 + 35,100 + 5,200 = 53,500 RUB (2025 prices). 2027: 7,801.333 × 53,500 =
    # 417,371,333.3 × 1.092 (CPI 2026 5 %, 2027 4 %) = 417,371,333.3 + 38,398,162.7 = 455,769,496.0
    box = ["handling_east", "handling_west", "handling_empty_east", "handling_empty_west", "ancillary", "storage_west"]
    assert flows.loc[2027, box].sum() == pytest.approx(455_769_496.0, abs=1)
    # the boxes' variable cost: 6 moves × 7,801.333 × 2,000 = 93,616,000 × 1.092 = 102,228,672
    assert flows.at[2027, "opex_var"] == pytest.approx(-102_228_672, abs=1)


def test_growth_beyond_the_terminal_cap_no_longer_changes_revenue():
    # at the plan's 250 FEU/day the cap binds from the opening year (7,801 of 15,226 boxes kept in 2027), so faster
    # growth after the target brings only lost boxes: in every year the cap binds under both, revenue is the same
    slow, fast = (cash_flows(PLAN.with_values(growth_after_pct=g)).set_index("year") for g in (5.0, 20.0))
    capped = (slow["feu_east_lost_terminal"] > 0) & (fast["feu_east_lost_terminal"] > 0)
    assert capped.sum() >= 19  # April 2026 – 2045: every operating year
    rev = list(streams.REVENUE)
    np.testing.assert_allclose(slow.loc[capped, rev].to_numpy(), fast.loc[capped, rev].to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(slow.loc[capped, "feu_east"], fast.loc[capped, "feu_east"], rtol=1e-12)
    assert (fast.loc[capped, "feu_east_lost_terminal"] > slow.loc[capped, "feu_east_lost_terminal"]).loc[2030:].all()
    # without the cap (1,000 FEU/day: 365,000 moves ≥ 6 × 22,633 = 135,797 at growth 0) growth pays, the network
    # held at the plan's result as in the tornado
    wide = PLAN.with_values(terminal_capacity_feu_day=1000)
    low, high = economics.npv_paths(wide, {"growth_after_pct": np.array([5.0, 20.0])}, network_scenario=wide)
    assert high > low


@settings(max_examples=40, deadline=None)
@given(
    st.floats(0.0, 3.5),
    st.floats(0.0, 3.5),
    st.floats(2_600, 20_000),
    st.floats(2_600, 20_000),
    st.floats(0.0, 1.0),
    st.floats(0.0, 20_000),
)
def test_more_westbound_boxes_never_lower_revenue(r1, r2, east, west, empty, storage):
    s = PLAN.with_values(
        handling_rub_per_feu=east,
        handling_west_rub_per_feu=west,
        empty_handling_share=empty,
        storage_west_rub_per_feu=storage,
    )
    lo, hi = sorted((r1, r2))
    # with the hub terminal wide (1,000 FEU/day = 365,000 moves a year against at most (15,225.5 + 7,407) × 7 =
    # 158,427 at ratio 3.5): under a binding cap a higher ratio takes moves from the eastbound boxes and the
    # westbound boxes no longer rise with it (see test_the_project_never_moves_more_boxes_than_the_terminal_leaves_it)
    s = s.with_values(terminal_capacity_feu_day=1000)
    revenue = lambda x: cash_flows(s.with_values(backhaul_ratio=x))[list(streams.REVENUE)].sum(axis=1)  # noqa: E731
    assert (revenue(hi).to_numpy() >= revenue(lo).to_numpy() - 1e-6).all()


def test_streams_sum_to_net_and_equity_streams_to_equity_net():
    flows = cash_flows(PLAN)
    np.testing.assert_allclose(flows[list(streams.PROJECT)].sum(axis=1), flows["net"], rtol=1e-12, atol=1e-3)
    np.testing.assert_allclose(
        flows["net"] + flows[list(streams.EQUITY)].sum(axis=1), flows["equity_net"], rtol=1e-12, atol=1e-3
    )
    assert flows["exit_value"].iloc[:-1].eq(0).all() and flows["exit_value"].iloc[-1] > 0


def test_the_tornado_and_the_distribution_draw_on_the_registry():
    drivers = {p for x in streams.STREAMS if x.view == "project" for p in x.params}
    a = tables().assumptions
    # every estimate drawn in the distribution drives a stream and is flagged as an estimate on its slider
    assert set(economics.UNCERTAIN_PARAMS) <= drivers
    assert all(a.at[p, "estimate"] for p in economics.UNCERTAIN_PARAMS)
    # the tornado varies every stream's drivers
    assert drivers <= set(economics.SENSITIVITY_PARAMS) | {"delay_months"}


def test_every_registry_stream_is_a_column_and_has_both_names():
    from components.present.i18n import LANGS, Labels

    flows = cash_flows(PLAN)
    for x in streams.STREAMS:
        assert x.id in flows.columns and x.sign in (-1, 1) and x.source
        assert all(Labels(lang).has(f"stream_{x.id}") for lang in LANGS), x.id  # its name in the catalogues
        assert set(x.params) <= set(tables().assumptions.index), x.id


# --- conventions --------------------------------------------------------------------------------------------------


def test_nominal_and_real_conventions_give_the_same_npv():
    for s in (PLAN, PLAN.with_values(delay_months=9, cpi_long_run=0.1, risk_premium=0.07)):
        nominal, real = cash_flows(s), cash_flows(s.with_values(convention="real"))
        assert economics.npv(s, real) == pytest.approx(economics.npv(s, nominal), rel=1e-12)
        assert not np.allclose(real["net"], nominal["net"])  # the flows themselves differ


def test_real_rates_are_the_year_by_year_wacc_deflated():
    flows = cash_flows(PLAN.with_values(convention="real")).set_index("year")
    # 2030: nominal WACC 14.28 %, inflation the flat 4 %: 1.1428 / 1.04 − 1 = 9.8846 %
    assert flows.at[2030, "discount_rate"] == pytest.approx(1.1428 / 1.04 - 1, abs=1e-9)
    # 2026: 14.45 % and the cited 5.0 %: 1.1445 / 1.05 − 1 = 9.0 %
    assert flows.at[2026, "discount_rate"] == pytest.approx(0.09, abs=1e-9)


def test_real_rent_at_maturity_is_the_2025_rent_on_the_let_area():
    flows = cash_flows(PLAN.with_values(convention="real")).set_index("year")
    # 2030: occupancy 1 − 4.3 % = 95.7 %; 65,000 m² × 11,005 RUB × 0.957 = 684,566,025 RUB in 2025 roubles
    assert flows.at[2030, "rent"] == pytest.approx(684_566_025, abs=1)


def test_investment_is_spread_from_june_2024_to_march_2026_evenly():
    flows = cash_flows(PLAN).set_index("year")
    # 22 months (June 2024 – March 2026): 7 in 2024, 12 in 2025, 3 in 2026, each 14e9 / 22 = 636,363,636
    assert -flows.at[2024, "investment"] == pytest.approx(4_454_545_454.5, abs=1)  # 7 × 636,363,636.4
    assert -flows.at[2025, "investment"] == pytest.approx(7_636_363_636.4, abs=1)  # 12 ×
    assert -flows.at[2026, "investment"] == pytest.approx(1_909_090_909.1, abs=1)  # 3 ×


def test_first_half_share_moves_spending_earlier():
    flows = cash_flows(PLAN.with_values(capex_first_half_share=0.8)).set_index("year")
    # first 11 months carry 80 %: 2024's 7 months = 7/11 × 0.8 × 14e9 = 7,127,272,727
    assert -flows.at[2024, "investment"] == pytest.approx(7_127_272_727.3, abs=1)


# --- outputs ------------------------------------------------------------------------------------------------------

#: A scenario whose three break-evens all lie inside their ranges (long-run rate 9 %, path 2 points lower, 100 staff,
#: the hub terminal at 1,000 FEU/day so that attainment is not cut off by its cap).
VIABLE = PLAN.with_values(risk_free_rate=0.09, key_rate_shift=-0.02, headcount=100, terminal_capacity_feu_day=1000)


def test_break_evens_give_an_npv_within_one_rouble_of_zero():
    for p, be in economics.appraisal(VIABLE).breakeven.items():
        assert be.status == "found", p
        assert abs(economics.npv(VIABLE.with_values(**{p: be.value}))) < 1.0, p


def test_break_even_out_of_range_is_said_so():
    be = economics.breakeven(PLAN)
    assert be["attainment"].status == "above_range" and be["attainment"].value is None
    # a rich scenario, its hub terminal wide (1,000 FEU/day) so that all its boxes earn
    rich = PLAN.with_values(
        risk_free_rate=0.08,
        key_rate_shift=-0.02,
        headcount=100,
        rent_rub_per_m2_year=13_000,
        terminal_capacity_feu_day=1000,
    )
    assert economics.breakeven(rich)["handling_rub_per_feu"].status == "below_range"


def test_project_irr_zeroes_the_npv_at_that_flat_rate():
    ap = economics.appraisal(VIABLE)
    flows = ap.flows
    k = (flows["year"] - economics.price_year()).to_numpy(dtype=float)
    assert abs(np.sum(flows["net"].to_numpy() / (1 + ap.irr) ** k)) < 1.0


@settings(max_examples=20, deadline=None)
@given(st.sampled_from([PLAN, VIABLE, PLAN.with_values(delay_months=7, attainment=0.7)]))
def test_zero_debt_gives_equity_irr_equal_to_project_irr(s):
    ap = economics.appraisal(s.with_values(debt_share=0.0))
    assert (ap.irr is None) == (ap.equity_irr is None)
    if ap.irr is not None:
        assert ap.equity_irr == pytest.approx(ap.irr, abs=1e-10)
    assert ap.equity_npv == pytest.approx(ap.npv, rel=1e-9, abs=1e-3)
    assert ap.min_dscr is None  # nothing to cover


def test_bridge_steps_sum_to_the_npv_difference():
    s = PLAN.with_values(
        attainment=0.8,
        handling_rub_per_feu=9_000,
        headcount=500,
        maintenance_capex_share=0.02,
        debt_share=0.3,
        property_tax_rate=0.0,
        exit_growth=0.02,
        hub_wait_share=0.5,
        delay_sd_months=5,
    )
    b = economics.bridge(s)
    start, end = b["value"].iloc[0], b["value"].iloc[-1]
    assert start == pytest.approx(economics.npv(PLAN)) and end == pytest.approx(economics.npv(s))
    steps = b[b["kind"] == "step"]
    assert steps["value"].sum() == pytest.approx(end - start, rel=1e-12, abs=1e-3)
    assert list(steps["step"])[:8] == list(streams.BRIDGE_STEPS)
    # the exit step carries only the growth; a change that moves no NPV (the band's spread) lands in "other" as zero
    assert b.set_index("step").at["exit", "params"] == "exit_growth"
    assert b.set_index("step").at["other", "value"] == pytest.approx(0.0, abs=1e-6)


def test_year_waterfall_adds_up_and_ends_in_the_cash_to_equity():
    table = economics.year_waterfall(PLAN)
    w = table.set_index("step")["value"]
    # the first full year of repayment: opening April 2026 + the 2-year grace = 2028
    assert table.attrs["year"] == 2028
    flows = cash_flows(PLAN).set_index("year").loc[2028]
    assert w["principal"] == pytest.approx(flows["principal"]) and w["principal"] < 0
    assert w["ebitda"] == pytest.approx(w["revenue"] + w["payroll"] + w["property_tax"] + w["other_opex"])
    steps = w[["maintenance", "profit_tax", "interest", "principal"]].sum()
    assert w["equity"] == pytest.approx(w["ebitda"] + steps)
    # the cash to equity of an operating year without drawdowns or investment is the table's equity flow
    assert w["equity"] == pytest.approx(flows["equity_net"], rel=1e-12)


def test_npv_distribution_quantiles_and_chance():
    d = economics.npv_distribution(PLAN, n_paths=2_000)
    assert d["p10"] < d["p50"] < d["p90"]
    assert d["p_positive"] == pytest.approx(np.mean(d["npv"] > 0))


def test_one_engine_the_batched_paths_equal_the_table_path_by_path():
    over = economics.draws(PLAN, 200, seed=7)
    values = economics.npv_paths(PLAN, over)
    for i in (0, 57, 199):
        s = PLAN.with_values(**{k: float(v[i]) for k, v in over.items()})
        assert values[i] == pytest.approx(economics.npv_paths(s, network_scenario=PLAN)[0], rel=1e-9, abs=1e-2)


# --- the engine over the sliders' ranges --------------------------------------------------------------------------


def _value(param: str) -> st.SearchStrategy:
    lo, hi = float(tables().assumptions.at[param, "min"]), float(tables().assumptions.at[param, "max"])
    if whole_number(param):
        return st.integers(int(lo), int(hi)).map(float)
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


#: Assumptions of the economics (network fields stay at the plan: each network run takes a quarter of a second).
_ECON = [p for p in tables().assumptions.index if tables().assumptions.at[p, "group"] != "network"]
scenarios = st.fixed_dictionaries(
    {
        "shape": st.sampled_from(SHAPES),
        "repayment": st.sampled_from(REPAYMENTS),
        **{p: _value(p) for p in _ECON},
    }
).map(lambda values: PLAN.with_values(**values))


@settings(max_examples=60, deadline=None)
@given(scenarios)
def test_batched_npv_equals_the_cash_flow_table(s):
    assert economics.npv_paths(s)[0] == pytest.approx(economics.npv(s), rel=1e-9, abs=1e-2)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(_value("terminal_capacity_feu_day"), min_size=2, max_size=6),
    _value("growth_after_pct"),
    _value("attainment"),
    _value("backhaul_ratio"),
    _value("counterfactual_share"),
)
def test_raising_the_terminal_capacity_never_lowers_the_npv(caps, growth, attainment, ratio, cf):
    # at the plan's tariffs every box earns more than it costs (53,500 RUB against 6 × 2,000 at ratio 3; the
    # plan's network has no slot wait at Selyatino), so a terminal that takes more of them can only add value
    s = PLAN.with_values(growth_after_pct=growth, attainment=attainment, backhaul_ratio=ratio, counterfactual_share=cf)
    caps = np.sort(np.asarray(caps))
    values = economics.npv_paths(s, {"terminal_capacity_feu_day": caps}, network_scenario=PLAN)
    assert (np.diff(values) >= -1e-3).all()


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_the_project_never_moves_more_boxes_than_the_terminal_leaves_it(data):
    s = data.draw(scenarios)
    flows = cash_flows(s)
    moves = flows[["feu_east", "feu_west", "feu_empty_east", "feu_empty_west"]].sum(axis=1)
    cap = s.terminal_capacity_feu_day * 365 * flows["months_operating"] / 12
    cf_moves = flows["feu_east_counterfactual"] * 2 * max(1.0, s.backhaul_ratio)
    assert (moves <= np.maximum(cap - cf_moves, 0.0) + 1e-6).all()
    assert (flows["feu_east"] + flows["feu_east_lost_terminal"] <= flows["feu_east_demand"] + 1e-6).all()


@pytest.mark.parametrize(
    "s",
    [
        PLAN,
        PLAN.with_values(
            shape="linear", delay_months=7, attainment=0.6, growth_after_pct=5.5, horizon_years=12, risk_premium=0.08
        ),
    ],
    ids=["plan", "linear-late"],
)
def test_sensitivity_equals_one_scenario_at_a_time(s):
    # the tornado holds the network at the scenario's result; so does each one-at-a-time evaluation here
    got = economics.sensitivity(s).set_index("param")
    a = tables().assumptions
    one = lambda p, x: economics.npv_paths(s.with_values(**{p: x}), network_scenario=s)[0]  # noqa: E731
    for p in economics.SENSITIVITY_PARAMS:
        lo, hi = float(a.at[p, "min"]), float(a.at[p, "max"])
        assert got.at[p, "npv_low"] == pytest.approx(one(p, lo), rel=1e-9, abs=1e-2)
        assert got.at[p, "npv_high"] == pytest.approx(one(p, hi), rel=1e-9, abs=1e-2)
    # and npv_paths of one scenario is the cash-flow table's NPV
    assert economics.npv_paths(s)[0] == pytest.approx(economics.npv(s), rel=1e-9, abs=1e-2)
    assert got["swing"].is_monotonic_decreasing


@settings(max_examples=40, deadline=None)
@given(
    st.floats(500, 6_000),
    st.floats(500, 6_000),
)
def test_break_even_tariff_rises_with_variable_cost(x1, x2):
    a, b = sorted((x1, x2))
    assume(b - a > 1)
    be_a = economics.breakeven(VIABLE.with_values(opex_var_rub_per_feu=a))["handling_rub_per_feu"]
    be_b = economics.breakeven(VIABLE.with_values(opex_var_rub_per_feu=b))["handling_rub_per_feu"]
    assume(be_a.status == be_b.status == "found")
    assert be_b.value > be_a.value


_ends = st.fixed_dictionaries(
    {
        "repayment": st.sampled_from(REPAYMENTS),
        **{
            p: st.sampled_from([float(tables().assumptions.at[p, "min"]), float(tables().assumptions.at[p, "max"])])
            for p in _ECON
        },
    }
).map(lambda v: PLAN.with_values(**v))


@settings(max_examples=40, deadline=None)
@given(_ends, st.sampled_from(["nominal", "real"]))
def test_no_nan_or_infinity_at_slider_bounds(s, convention):
    s = s.with_values(convention=convention)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        ap = economics.appraisal(s)
        d = economics.npv_distribution(s, n_paths=500)
        sens = economics.sensitivity(s)
    numeric = ap.flows.select_dtypes("number").to_numpy()
    assert np.isfinite(numeric).all()
    for x in (
        ap.npv,
        ap.peak_funding,
        ap.irr,
        ap.equity_irr,
        ap.equity_npv,
        ap.min_dscr,
        ap.exit_share,
        ap.nominal_rate,
        ap.payback,
        ap.discounted_payback,
        *(b.value for b in ap.breakeven.values()),
    ):
        assert x is None or np.isfinite(x)  # None is shown as "not defined"
    assert np.isfinite(ap.dscr.to_numpy()).all()
    assert np.isfinite(d["npv"]).all()
    assert np.isfinite(sens[["npv_low", "npv_high", "swing"]].to_numpy()).all()


def test_the_model_raises_no_runtime_warning_at_the_plan_and_the_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        for s in (PLAN, PLAN.with_values(growth_after_pct=-10, attainment=0.3, delay_months=36, horizon_years=30)):
            economics.appraisal(s)
            economics.npv_distribution(s)
            economics.sensitivity(s)
            economics.bridge(s)


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(REPAYMENTS),
    st.floats(0.05, 0.8),
    st.integers(3, 20).map(float),
    st.integers(0, 5).map(float),
    st.sampled_from([10.0, 20.0, 30.0]),
)
def test_the_loan_is_repaid_in_full_by_the_horizon(repayment, share, tenor, grace, horizon):
    s = PLAN.with_values(
        repayment=repayment, debt_share=share, debt_tenor_years=tenor, debt_grace_years=grace, horizon_years=horizon
    )
    flows = cash_flows(s)
    # everything drawn plus the interest capitalised during construction comes back as principal
    owed = flows["debt_drawdown"].sum() + flows["capitalised_interest"].sum()
    assert -flows["principal"].sum() == pytest.approx(owed, rel=1e-9)
    assert flows["debt_balance"].iloc[-1] == pytest.approx(0.0, abs=1e-3 * owed)


def test_exit_share_is_flagged_above_half_when_growth_nears_the_discount_rate():
    low = economics.appraisal(PLAN)
    # long-run rate 9 %: WACC = 0.4 × (9 + 3) % + 0.6 × (9 + 3) % × 0.75 = 10.2 %; with 8 % growth the exit is
    # FCF × 1.08 / 0.022 ≈ 49 × the last year's flow (at the plan's 4 % and 14.28 %: 1.04 / 0.1028 ≈ 10 ×)
    high = economics.appraisal(PLAN.with_values(exit_growth=0.08, risk_free_rate=0.09))
    assert low.exit_share < economics.EXIT_SHARE_WARNING < high.exit_share < 1


def test_network_boxes_above_the_slots_are_deferred_and_cost_the_hub_waiting():
    s = PLAN.with_values(slots_per_week=6)
    flows = cash_flows(s).set_index("year")
    # 6 trains a week × 60 FEU × 52 ≈ 18,720 FEU a year cross against ≈ 22,600 demanded (network): the project's
    # eastbound boxes are cut by the crossed share, and the boxes held at Selyatino cost the hub
    assert (flows["feu_east"] <= flows["feu_east_demand"] + 1e-9).all()
    assert flows.loc[2028, "feu_east"] < flows.loc[2028, "feu_east_demand"]
    assert flows["waiting_hub"].sum() < 0
    assert economics.npv(s) < economics.npv(PLAN)


# --- the macro table ----------------------------------------------------------------------------------------------


def test_cited_cpi_indexes_2025_prices():
    infl = economics.inflation(np.arange(2024, 2029), 0.04)
    np.testing.assert_allclose(infl, [0.0952, 0.0559, 0.05, 0.04, 0.04])  # Rosstat 2024, 2025; CBR midpoint 2026


def test_a_macro_row_with_a_gap_in_cpi_years_is_refused(tmp_path):
    text = (
        (DATA_DIR / "macro.csv")
        .read_text(encoding="utf-8")
        .replace("cpi_2025,cpi_dec_dec,2025", "cpi_2025,cpi_dec_dec,2023")
    )
    (tmp_path / "macro.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="without a gap"):
        load_macro(tmp_path / "macro.csv")


def test_a_macro_forecast_outside_its_range_is_refused_naming_the_row(tmp_path):
    text = (
        (DATA_DIR / "macro.csv").read_text(encoding="utf-8").replace("2026,0.05,0.045,0.055", "2026,0.06,0.045,0.055")
    )
    (tmp_path / "macro.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="row 4, column 'value'"):
        load_macro(tmp_path / "macro.csv")
