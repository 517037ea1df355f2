"""The economics against projects worked by hand, and its properties over the sliders' ranges."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from components.data.facts import DATA_DIR, DataError, load_macro, tables
from components.data.scenario import SHAPES, Scenario, whole_number
from components.model import economics
from components.model.projection import band_draws

PLAN = Scenario.default()
#: The stated plan with every tonne in a dry box and all of it by rail, so that FEU = tonnes / 24 t.
DRY = PLAN.with_values(reefer_share=0.0, rail_share=1.0)


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


def test_three_year_toy_project_matches_the_hand_calculation_to_the_rouble():
    # Year 0: 600 mn spent. Year 1: 400 mn spent, opens for 12 months; rent 1,000 mn and fixed cost 1,000 mn in
    # year-0 prices. Year 2: rent 1,000 mn, fixed cost 200 mn. Prices +10 % a year (index 1, 1.1, 1.21); rate 10 %;
    # tax 20 %; the 1,000 mn investment depreciated over 2 years; cap rate 50 %.
    inp = economics.Inputs(
        year=np.array([0, 1, 2]),
        k=np.array([0.0, 1.0, 2.0]),
        index=np.array([1.0, 1.1, 1.21]),
        months=np.array([0.0, 12.0, 12.0]),
        investment=np.array([600e6, 400e6, 0.0]),
        rent=np.array([0.0, 1000e6, 1000e6]),
        opex_fixed=np.array([0.0, 1000e6, 200e6]),
    )
    out = economics.project(inp, rate=0.10, tax_rate=0.20, life_years=2.0, cap_rate=0.5)
    # indexed rent: 1,000 × 1.1 = 1,100 mn; 1,000 × 1.21 = 1,210 mn
    np.testing.assert_allclose(out["rent"], [0, 1_100e6, 1_210e6])
    # EBITDA: 1,100 − 1,100 = 0; 1,210 − 200 × 1.21 = 1,210 − 242 = 968 mn
    np.testing.assert_allclose(out["ebitda"], [0, 0, 968e6], atol=1e-3)
    # depreciation 1,000 / 2 = 500 mn a year from opening
    np.testing.assert_allclose(out["depreciation"], [0, 500e6, 500e6])
    # year 1: taxable 0 − 500 = −500 mn, a loss carried forward, no tax; year 2: taxable 968 − 500 = 468 mn,
    # loss used = min(500, 50 % × 468 = 234) = 234 mn, tax = 20 % × (468 − 234) = 46.8 mn
    np.testing.assert_allclose(out["loss_used"], [0, 0, 234e6], atol=1e-3)
    np.testing.assert_allclose(out["tax"], [0, 0, -46.8e6], atol=1e-3)
    # residual value = 968 / 0.5 = 1,936 mn; net: −600; 0 − 400 = −400; 968 − 46.8 + 1,936 = 2,857.2 mn
    np.testing.assert_allclose(out["net"], [-600e6, -400e6, 2_857.2e6], atol=1e-3)
    # NPV = −600 − 400 / 1.1 + 2,857.2 / 1.21 = −600 − 363.636364 + 2,361.322314 = 1,397.685950 mn
    assert out["discounted"].sum() == pytest.approx(1_397_685_950.41, abs=1)


def test_irr_of_minus_100_then_110_is_10_percent():
    assert economics.irr(np.array([-100.0, 110.0])) == pytest.approx(0.10, abs=1e-12)


def test_irr_of_minus_100_then_two_times_60_is_13_1_percent():
    # −100 + 60 / (1 + r) + 60 / (1 + r)² = 0  →  r = (−0.4 + √(0.16 + 2.4)) / 2 ... = 0.130662
    assert economics.irr(np.array([-100.0, 60.0, 60.0])) == pytest.approx(0.130662, abs=1e-6)


def test_no_irr_when_the_flows_never_turn_positive():
    assert economics.irr(np.array([-100.0, -5.0, 0.0])) is None


def test_payback_within_the_year_is_interpolated():
    # cumulative −100, −40, +20: repaid 40 / 60 of the way through the second operating year = 1.667 years
    assert economics.payback(np.array([-100.0, 60.0, 60.0]), np.array([0.0, 12.0, 12.0])) == pytest.approx(5 / 3)
    assert economics.payback(np.array([-100.0, 10.0, 10.0]), np.array([0.0, 12.0, 12.0])) is None


# --- conventions --------------------------------------------------------------------------------------------------


def test_nominal_and_real_conventions_give_the_same_npv():
    for s in (PLAN, PLAN.with_values(delay_months=9, cpi_long_run=0.1, risk_premium=0.07)):
        nominal, real = economics.cash_flows(s), economics.cash_flows(s.with_values(convention="real"))
        assert economics.npv(s, real) == pytest.approx(economics.npv(s, nominal), rel=1e-12)
        assert not np.allclose(real["net"], nominal["net"])  # the flows themselves differ


def test_with_flat_inflation_the_real_rate_is_1_plus_n_over_1_plus_i_minus_1():
    flows = economics.cash_flows(PLAN.with_values(convention="real")).set_index("year")
    # from 2027 inflation is the flat 4 %: real rate = 1.182 / 1.04 − 1 = 0.1365385
    assert flows.at[2030, "discount_rate"] == pytest.approx(0.1365385, abs=1e-7)
    assert flows.at[2030, "discount_factor"] / flows.at[2029, "discount_factor"] == pytest.approx(
        1 / 1.1365385, rel=1e-7
    )
    # in 2026 inflation is the cited 5.0 %: 1.182 / 1.05 − 1 = 0.1257143
    assert flows.at[2026, "discount_rate"] == pytest.approx(0.1257143, abs=1e-7)


def test_real_rent_at_maturity_is_the_2025_rent_on_the_let_area():
    flows = economics.cash_flows(PLAN.with_values(convention="real")).set_index("year")
    # 2030: occupancy 1 − 4.3 % = 95.7 %; 65,000 m² × 11,005 RUB × 0.957 = 684,566,025 RUB in 2025 roubles
    assert flows.at[2030, "rent"] == pytest.approx(684_566_025, abs=1)


def test_nominal_2028_rent_and_handling_by_hand():
    flows = economics.cash_flows(DRY).set_index("year")
    # price index 2028 = 1.05 (2026) × 1.04 × 1.04 = 1.135680
    assert flows.at[2028, "price_index"] == pytest.approx(1.13568)
    # occupancy: Jan–Mar in the 2nd operating year 0.5 + 0.457 / 2 = 0.7285, Apr–Dec in the 3rd 0.957:
    # (3 × 0.7285 + 9 × 0.957) / 12 = 0.899875; rent = 65,000 × 11,005 × 0.899875 × 1.13568 = 731,040,718.86
    assert flows.at[2028, "rent"] == pytest.approx(731_040_718.86, abs=1)
    # boxes: 550,000 / 24 = 22,916.67 east, × 0.6 = 13,750 west, 9,166.67 westbound empties;
    # handling = 20,000 × 1.13568 × (22,916.67 + 13,750 + 0.5 × 9,166.67 = 41,250) = 936,936,000
    handling = flows.loc[2028, ["handling_east", "handling_west", "handling_empty"]].sum()
    assert handling == pytest.approx(936_936_000, abs=1)


def test_investment_is_spread_from_june_2024_to_march_2026_evenly():
    flows = economics.cash_flows(PLAN).set_index("year")
    # 22 months (June 2024 – March 2026): 7 in 2024, 12 in 2025, 3 in 2026, each 14e9 / 22 = 636,363,636
    assert -flows.at[2024, "investment"] == pytest.approx(4_454_545_454.5, abs=1)  # 7 × 636,363,636.4
    assert -flows.at[2025, "investment"] == pytest.approx(7_636_363_636.4, abs=1)  # 12 ×
    assert -flows.at[2026, "investment"] == pytest.approx(1_909_090_909.1, abs=1)  # 3 ×


def test_first_half_share_moves_spending_earlier():
    flows = economics.cash_flows(PLAN.with_values(capex_first_half_share=0.8)).set_index("year")
    # first 11 months carry 80 %: 2024's 7 months = 7/11 × 0.8 × 14e9 = 7,127,272,727
    assert -flows.at[2024, "investment"] == pytest.approx(7_127_272_727.3, abs=1)


def test_streams_sum_to_net_and_every_stream_is_in_the_table():
    flows = economics.cash_flows(PLAN)
    np.testing.assert_allclose(flows[list(economics.STREAMS)].sum(axis=1), flows["net"], rtol=1e-12, atol=1e-3)
    assert flows["residual_value"].iloc[:-1].eq(0).all() and flows["residual_value"].iloc[-1] > 0


# --- outputs ------------------------------------------------------------------------------------------------------


def test_break_even_tariff_gives_an_npv_within_one_rouble_of_zero():
    be = economics.appraisal(PLAN).breakeven["handling_rub_per_feu"]
    assert be.status == "found"
    assert abs(economics.npv(PLAN.with_values(handling_rub_per_feu=be.value))) < 1.0


def test_break_even_out_of_range_is_said_so():
    be = economics.breakeven(
        PLAN.with_values(
            handling_rub_per_feu=60_000, rent_rub_per_m2_year=16_000, risk_premium=0.0, risk_free_rate=0.07
        )
    )
    assert be["attainment"].status == "below_range" and be["attainment"].value is None
    be = economics.breakeven(PLAN.with_values(handling_rub_per_feu=5_000, rent_rub_per_m2_year=6_000))
    assert be["attainment"].status == "above_range" and be["attainment"].value is None


def test_irr_of_the_plan_zeroes_its_npv():
    ap = economics.appraisal(PLAN)
    s = PLAN.with_values(risk_free_rate=0.07, risk_premium=ap.irr - 0.07)
    assert abs(economics.npv(s)) < 1.0


def test_npv_distribution_quantiles_and_chance():
    d = economics.npv_distribution(PLAN, n_paths=2_000)
    assert d["p10"] < d["p50"] < d["p90"]
    assert d["p_positive"] == pytest.approx(np.mean(d["npv"] > 0))


def test_npv_distribution_by_opening_month_equals_every_path_computed():
    delay, attain = band_draws(PLAN, 300)
    rng = np.random.default_rng(7)
    over = {
        "delay_months": delay,
        "attainment": attain,
        "handling_rub_per_feu": rng.uniform(5_000, 60_000, 300),
        "ancillary_rub_per_feu": rng.uniform(0, 30_000, 300),
        "opex_fixed_rub_per_m2_year": rng.uniform(1_000, 5_000, 300),
        "opex_var_rub_per_feu": rng.uniform(2_000, 15_000, 300),
    }
    np.testing.assert_allclose(economics._npv_draws(PLAN, over), economics.npv_paths(PLAN, over), rtol=1e-9, atol=1e-2)


# --- the engine against the capacity model's monthly boxes --------------------------------------------------------


def _value(param: str) -> st.SearchStrategy:
    lo, hi = float(tables().assumptions.at[param, "min"]), float(tables().assumptions.at[param, "max"])
    if whole_number(param):
        return st.integers(int(lo), int(hi)).map(float)
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


scenarios = st.fixed_dictionaries(
    {"shape": st.sampled_from(SHAPES), **{p: _value(p) for p in tables().assumptions.index}}
).map(lambda values: PLAN.with_values(**values))


@settings(max_examples=100, deadline=None)
@given(scenarios)
def test_closed_form_npv_equals_the_cash_flow_table(s):
    assert economics.npv_paths(s)[0] == pytest.approx(economics.npv(s), rel=1e-9, abs=1e-2)


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
    got = economics.sensitivity(s).set_index("param")
    a = tables().assumptions
    for p in economics.SENSITIVITY_PARAMS:
        lo, hi = float(a.at[p, "min"]), float(a.at[p, "max"])
        assert got.at[p, "npv_low"] == pytest.approx(economics.npv(s.with_values(**{p: lo})), rel=1e-9, abs=1e-2)
        assert got.at[p, "npv_high"] == pytest.approx(economics.npv(s.with_values(**{p: hi})), rel=1e-9, abs=1e-2)
    assert got["swing"].is_monotonic_decreasing


# --- properties ---------------------------------------------------------------------------------------------------


def _last_outlay_k(s: Scenario) -> float | None:
    """Discount exponent of the last negative flow when the flows are conventional (− … − then + … +), else None."""
    flows = economics.cash_flows(s)
    net, k = flows["net"].to_numpy(), (flows["year"] - economics.price_year()).to_numpy(dtype=float)
    neg = np.nonzero(net < 0)[0]
    if neg.size == 0 or (net[neg[-1] + 1 :] < 0).any() or (net[: neg[-1] + 1] > 0).any() or neg[-1] == net.size - 1:
        return None
    return float(k[neg[-1]])


@settings(max_examples=60, deadline=None)
@given(scenarios, st.floats(0.0, 0.1), st.floats(0.0, 0.1))
def test_npv_falls_as_the_discount_rate_rises(s, p1, p2):
    # For conventional flows every term of NPV × (1 + n)^k0 (k0: the last outlay) falls as n rises: outlays are
    # compounded harder, income discounted harder. NPV at the valuation date itself need not fall when outlays lie
    # after it (a later outlay is discounted too): hypothesis found such a case, a deeply negative 5-year project.
    k0 = _last_outlay_k(s)
    assume(abs(p1 - p2) > 1e-4 and k0 is not None)
    lo, hi = (s.with_values(risk_premium=p) for p in sorted((p1, p2)))
    at_k0 = lambda x: economics.npv(x) * (1 + x.risk_free_rate + x.risk_premium) ** k0  # noqa: E731
    assert at_k0(hi) < at_k0(lo)
    if k0 <= 0:  # every outlay at or before the valuation date: NPV itself falls
        assert economics.npv(hi) < economics.npv(lo)


@settings(max_examples=40, deadline=None)
@given(
    st.floats(2_000, 15_000),
    st.floats(2_000, 15_000),
    st.sampled_from(["opex_var_rub_per_feu", "opex_fixed_rub_per_m2_year"]),
)
def test_break_even_tariff_rises_with_operating_cost(x1, x2, param):
    lo_, hi_ = float(tables().assumptions.at[param, "min"]), float(tables().assumptions.at[param, "max"])
    a, b = sorted((min(max(x1, lo_), hi_), min(max(x2, lo_), hi_)))
    assume(b - a > 1)
    be_a = economics.breakeven(PLAN.with_values(**{param: a}))["handling_rub_per_feu"]
    be_b = economics.breakeven(PLAN.with_values(**{param: b}))["handling_rub_per_feu"]
    assume(be_a.status == be_b.status == "found")
    assert be_b.value > be_a.value


_ends = st.fixed_dictionaries(
    {
        p: st.sampled_from([float(tables().assumptions.at[p, "min"]), float(tables().assumptions.at[p, "max"])])
        for p in tables().assumptions.index
    }
).map(lambda v: PLAN.with_values(**v))


@settings(max_examples=40, deadline=None)
@given(_ends, st.sampled_from(["nominal", "real"]))
def test_no_nan_or_infinity_at_slider_bounds(s, convention):
    s = s.with_values(convention=convention)
    ap = economics.appraisal(s)
    numeric = ap.flows.select_dtypes("number").to_numpy()
    assert np.isfinite(numeric).all()
    for x in (
        ap.npv,
        ap.peak_funding,
        ap.irr,
        ap.payback,
        ap.discounted_payback,
        *(b.value for b in ap.breakeven.values()),
    ):
        assert x is None or np.isfinite(x)
    d = economics.npv_distribution(s, n_paths=500)
    assert np.isfinite(d["npv"]).all()
    assert np.isfinite(economics.sensitivity(s)[["npv_low", "npv_high", "swing"]].to_numpy()).all()


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
