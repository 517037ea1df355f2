"""The corridor chain against numbers worked out by hand from data/links.csv, data/seasonality.csv and the plan."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.data import facts
from components.data.scenario import PROFILES, Scenario
from components.model import chain, projection

PLAN = Scenario.default()
OCT_2027 = pd.Timestamp("2027-10-01")
DEC_2027 = pd.Timestamp("2027-12-01")


def _row(util: pd.DataFrame, link_id: str, month: pd.Timestamp) -> pd.Series:
    return util[(util["link_id"] == link_id) & (util["month"] == month)].iloc[0]


# --- seasonality ------------------------------------------------------------------------------------------------


def test_agri_mix_spreads_a_flat_550kt_year_into_months_that_sum_to_550kt():
    months = pd.date_range("2027-01-01", "2027-12-01", freq="MS")
    flat = np.full(12, 550_000 / 12)
    out = chain.seasonalise(months, flat, chain.profile_weights("agri_mix"))
    # agri_mix is the season of the Moscow region's exports to China (data/seasonality.csv, issue 18): factors
    # 0.9 Feb-Mar, 5.6 / 6 = 0.933333 Apr-Sep, Oct-Jan averaging 1.15 with Oct : Nov : Dec : Jan = 1 : 1.115 : 1.23
    # : 1.115 -> Oct = 4 x 1.15 / 4.46 = 1.031390; weights = factor / 12; the twelve factors sum to 12, so the year
    # keeps its 550,000 t.
    assert out.sum() == pytest.approx(550_000, rel=1e-9)
    # October: 1.031390 / 12 = 0.085949 -> 550,000 x 0.085949 = 47,271.95 t
    assert out[9] == pytest.approx(47_271.95, rel=1e-5)
    # April (off season): 0.933333 / 12 = 0.077778 -> 42,777.9 t
    assert out[3] == pytest.approx(42_777.9, rel=1e-5)


def test_the_plan_peaks_in_december_with_58_1_kt():
    f = chain.flow(PLAN).set_index("month")
    year = f.loc["2027"]
    assert year["tonnes"].idxmax() == DEC_2027
    assert year["tonnes"].sum() == pytest.approx(550_000, rel=1e-9)  # a flat year after the April 2026 target
    # December: 1.23 x 1.031390 = 1.268610 / 12 = 0.105717 -> 550,000 x 0.105717 = 58,144.35 t
    assert f.at[DEC_2027, "tonnes"] == pytest.approx(58_144.35, rel=1e-5)


def test_peak_month_trains_a_week_in_december_2027():
    # 58,144.35 t in December 2027 (above), 31 % in 25 t reefer boxes, 69 % in 24 t dry boxes:
    # boxes = 58,144.35 x (0.69 / 24 + 0.31 / 25) = 58,144.35 x (0.02875 + 0.0124) = 58,144.35 x 0.04115 = 2,392.64 FEU;
    # trains = 2,392.64 / 60 = 39.877 in the month; a week: 39.877 / 31 days x 7 = 9.0046 trains/week,
    # against the planned 7 (even profile: 550,000 x 0.04115 / 12 / 60 x 12 / 52 = 7.25 a week).
    f = chain.flow(PLAN).set_index("month")
    assert f.at[DEC_2027, "feu"] == pytest.approx(2_392.64, abs=0.05)
    assert f.at[DEC_2027, "trains"] == pytest.approx(39.877, abs=0.001)
    assert f.at[DEC_2027, "trains_per_week"] == pytest.approx(9.0046, abs=0.001)


def test_rail_share_takes_the_other_routes_out_of_the_chain():
    # Half by rail via Selyatino: October 2027 carries 47,271.95 x 0.5 = 23,635.975 t.
    f = chain.flow(PLAN.with_values(rail_share=0.5)).set_index("month")
    assert f.at[OCT_2027, "tonnes"] == pytest.approx(23_635.975, rel=1e-5)


# --- utilisation ------------------------------------------------------------------------------------------------


def test_dostyk_runs_at_115_percent_of_its_open_share_in_december_2027():
    util = chain.utilisation(PLAN)
    r = _row(util, "dostyk_alashankou", DEC_2027)
    # demand: half the trains (khorgos_share 0.5) = 39.877 x 0.5 = 19.939 trains;
    # open capacity: 14 trains/day x 31 days x 0.04 open to this flow = 17.36 trains; 19.939 / 17.36 = 1.1485.
    assert r["demand"] == pytest.approx(19.939, abs=0.001)
    assert r["capacity_open"] == pytest.approx(17.36, abs=1e-9)
    assert r["utilisation"] == pytest.approx(1.1485, abs=1e-4)
    assert r["headroom"] == pytest.approx(-2.579, abs=0.001)
    assert r["unit"] == "trains/month"


def test_the_dry_warehouse_in_october_2027_by_hand():
    r = _row(chain.utilisation(PLAN), "selyatino_warehouse", OCT_2027)
    # dry tonnes 47,271.95 x 0.69 = 32,617.65 t; turnover 65,000 m2 x 0.8 t/m2 x 0.85 / 3 days = 14,733.3 t/day,
    # x 31 days x 0.6 open = 274,040 t; 32,617.65 / 274,040 = 0.11903.
    assert r["capacity_open"] == pytest.approx(274_040, abs=0.5)
    assert r["utilisation"] == pytest.approx(0.11903, abs=1e-5)


def test_agrohub_capacity_counts_the_days_of_the_month():
    r = _row(chain.utilisation(PLAN), "agrohub_terminal", pd.Timestamp("2027-02-01"))
    # 108,750 TEU/year / 365 x 28 days x 0.6 open = 5,005.5 TEU in February
    assert r["capacity_open"] == pytest.approx(5_005.48, abs=0.01)
    assert r["unit"] == "TEU/month"


def test_the_stated_plan_and_a_scenario_both_give_one_row_per_month_and_link():
    n_links = len(facts.links())
    n_months = len(projection.trajectory(PLAN))  # Sep 2025 .. Dec 2030 = 64 months
    assert n_months == 64
    for s in (PLAN, PLAN.with_values(delay_months=6, profile="grain_heavy")):
        util = chain.utilisation(s)
        assert len(util) == 64 * n_links
        assert list(util.columns) == [
            "month",
            "link_id",
            "name_en",
            "name_ru",
            "kind",
            "order",
            "estimate",
            "demand",
            "capacity_open",
            "unit",
            "utilisation",
            "headroom",
        ]


# --- bottleneck -------------------------------------------------------------------------------------------------


def _toy_links() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "kind": ["terminal", "service", "border", "terminal"],
            "order": [1, 2, 3, 4],
            "flow": ["all"] * 4,
            "capacity": [58.0, 1.0, 0.9, 70.0],
            "capacity_unit": ["FEU/day", "trains/week", "trains/day", "FEU/day"],
            "capacity_from": [""] * 4,
            "share_open": [1.0] * 4,
            "estimate": [False, False, False, True],
        },
        index=pd.Index(["upstream", "plan", "border", "downstream"], name="id"),
    )


def test_a_downstream_border_binds_first_in_a_made_up_chain():
    # Linear ramp 180 -> 550 kt/year over the 7 months Sep 2025 -> Apr 2026 (+52,857 t/year a month), even
    # profile, all dry 24 t boxes, 60 a train.
    # Feb 2026 (month 5, 28 days): 180,000 + 5 x 52,857.1 = 444,285.7 t/yr -> 37,023.8 t -> 1,542.66 FEU
    #   -> 25.711 trains; border 0.9/day x 28 = 25.2 -> 1.0203: binds.
    # Jan 2026 (month 4, 31 days): 391,428.6 t/yr -> 32,619.0 t -> 1,359.13 FEU -> 22.652 trains / 27.9 = 0.81.
    # upstream 58 FEU/day: Feb 2026 1,542.66 / 1,624 = 0.95; it first binds Apr 2026 (1,909.72 / 1,740 = 1.0975).
    # The planned service (1 a week) is exceeded from Sep 2025 (10.42 trains needed / 4.29 planned), but a plan
    # is not the bottleneck. Peak of the border: Feb 2027, 31.829 trains / 25.2 = 1.2631.
    s = PLAN.with_values(shape="linear", profile="even", reefer_share=0)
    util = chain.utilisation(s, links=_toy_links())
    assert _row(util, "border", pd.Timestamp("2026-02-01"))["utilisation"] == pytest.approx(1.0203, abs=1e-4)
    b = chain.bottleneck(util)
    assert (b.link_id, b.month) == ("border", pd.Timestamp("2026-02-01"))
    assert b.peak_month == pd.Timestamp("2027-02-01")
    assert b.peak_utilisation == pytest.approx(1.2631, abs=1e-4)
    assert b.service_month == pd.Timestamp("2025-09-01")
    assert not b.estimate


def test_none_before_the_horizon_names_the_highest_link_instead():
    links = _toy_links().assign(capacity=[58.0 * 2, 1.0, 0.9 * 2, 70.0])
    b = chain.bottleneck(chain.utilisation(PLAN.with_values(profile="even", reefer_share=0), links=links))
    # highest physical link: the border at 1.2631 / 2 = 0.6315 in Feb 2027 (downstream: 1,909.72 / 1,960 = 0.974 in
    # February is higher still -> downstream at 0.9743).
    assert b.link_id is None and b.month is None
    assert b.peak_link_id == "downstream"
    assert b.peak_utilisation == pytest.approx(0.9743, abs=1e-4)
    assert b.estimate


def test_peak_by_link_follows_the_chain_order():
    peaks = chain.peak_by_link(chain.utilisation(PLAN))
    assert list(peaks["link_id"]) == list(facts.links().index)
    dostyk = peaks.set_index("link_id").loc["dostyk_alashankou"]
    assert dostyk["peak_month"] == DEC_2027  # December: highest weight, 31 days (Dec 2028.. equal; first kept)
    assert dostyk["peak_utilisation"] == pytest.approx(1.1485, abs=1e-4)


def test_the_stated_plan_binds_at_a_china_crossing_in_the_first_november_after_the_target():
    b = chain.bottleneck(chain.utilisation(PLAN))
    assert b.link_id in {"dostyk_alashankou", "altynkol_khorgos"}
    # A flat year's November: 550,000 x 0.095833 x 0.04115 / 60 / 2 = 18.075 trains against 14 x 30 x 0.04 = 16.8
    # open -> 1.076, binds; its October 16.21 / 17.36 = 0.934 and September 14.67 / 16.8 = 0.873 do not.
    assert b.month == pd.Timestamp("2026-11-01")


def test_moving_trains_to_khorgos_moves_the_bottleneck_there():
    b = chain.bottleneck(chain.utilisation(PLAN.with_values(khorgos_share=0.8)))
    assert b.link_id == "altynkol_khorgos"


# --- fleet, time, 40 % ------------------------------------------------------------------------------------------


def test_round_trip_and_fleet_of_the_plan_by_hand():
    # Typical round trip: 2 x (10 transit + 3 dwell) = 26 days, plus the links' times both ways:
    # terminal 4 h + Russia-Kazakhstan 6 h + Agrohub 6 h + crossings 0.5 x 30.5 + 0.5 x 34.8 = 32.65 h -> 48.65 h
    # one way, 97.3 h both = 4.0542 days -> 30.054 days. Congested: eastbound 52 + 24 + 72 + 0.5 x 186.5 +
    # 0.5 x 214.8 = 348.65 h, westbound typical 48.65 h: 397.3 h = 16.554 days -> 42.554 days.
    rt = chain.round_trip(PLAN)
    assert rt["typical_days"] == pytest.approx(30.0542, abs=1e-4)
    assert rt["congested_days"] == pytest.approx(42.5542, abs=1e-4)
    fl = chain.fleet(PLAN)
    # Peak month December 2027: 2,392.64 FEU / 31 days = 77.182 FEU/day x 30.0542 days = 2,319.6 boxes.
    assert fl["peak_month"] == DEC_2027
    assert fl["feu_per_day_peak"] == pytest.approx(77.182, abs=0.001)
    assert fl["fleet_peak"] == pytest.approx(2_319.6, abs=0.1)
    # Average of 2027: 550,000 t x 0.04115 = 22,632.5 FEU / 365 = 62.007 FEU/day x 30.0542 = 1,863.6 boxes.
    assert fl["fleet_avg"] == pytest.approx(1_863.6, abs=0.1)


def test_door_to_door_typical_and_congested():
    # 3 days dwell + 10 days transit + 48.65 h = 15.027 days; congested 13 + 348.65 h / 24 = 27.527 days.
    d = chain.door_to_door(PLAN)
    assert d["typical_days"] == pytest.approx(15.027, abs=0.001)
    assert d["congested_days"] == pytest.approx(27.527, abs=0.001)


def test_550kt_is_37_to_47_percent_of_the_regions_agri_exports():
    c = chain.agri_share_check(PLAN)
    # 550 kt / 1.47 Mt = 0.3741; 550 kt / 1.18 Mt = 0.4661; the stated 40 % lies between.
    assert c["share_low"] == pytest.approx(0.3741, abs=1e-4)
    assert c["share_high"] == pytest.approx(0.4661, abs=1e-4)
    assert c["share_low"] < c["stated_share"] < c["share_high"]
    # Half by rail: 275 kt / 1.47 Mt = 0.1871.
    assert chain.agri_share_check(PLAN.with_values(rail_share=0.5))["share_low"] == pytest.approx(0.1871, abs=1e-4)


# --- sensitivity ------------------------------------------------------------------------------------------------


def test_bottleneck_sensitivity_is_sorted_by_effect_and_names_both_ends():
    sens = chain.bottleneck_sensitivity(PLAN)
    eff = sens.drop_duplicates("param")["effect_months"].to_numpy()
    assert (np.diff(eff) <= 0).all()
    assert set(sens.loc[sens["param"] == "khorgos_share", "end"]) == {"min", "max"}
    assert set(sens.loc[sens["param"] == "profile", "end"]) == {"even", "grain_heavy"}
    # The even profile has no harvest peak: Dostyk binds only in the 28 days of February 2027
    # (550,000 x 0.04115 / 12 / 60 / 2 = 15.717 trains against 14 x 28 x 0.04 = 15.68).
    even = sens[(sens["param"] == "profile") & (sens["end"] == "even")].iloc[0]
    assert even["binding_month"] == pd.Timestamp("2027-02-01")
    assert even["shift_months"] == 3  # from November 2026 (the agri_mix season) to February 2027
    # All Dostyk capacity open (0.10): Khorgos (same 14 a day, same 0.04) still binds in November 2026.
    wide = sens[(sens["param"] == "dostyk_alashankou.share_open") & (sens["end"] == "max")].iloc[0]
    assert wide["binding_link_id"] == "altynkol_khorgos"


# --- properties -------------------------------------------------------------------------------------------------


def _util_matrix(s: Scenario) -> np.ndarray:
    return chain.utilisation(s)["utilisation"].to_numpy()


@settings(max_examples=40, deadline=None)
@given(st.floats(0.3, 1.5), st.floats(0.3, 1.5), st.sampled_from(PROFILES), st.integers(0, 36))
def test_utilisation_is_monotone_in_tonnes(a1, a2, profile, delay):
    lo, hi = sorted((a1, a2))
    base = PLAN.with_values(profile=profile, delay_months=delay)
    u_lo, u_hi = _util_matrix(base.with_values(attainment=lo)), _util_matrix(base.with_values(attainment=hi))
    assert (u_hi >= u_lo - 1e-9).all()


@settings(max_examples=40, deadline=None)
@given(
    st.floats(0.3, 1.5),
    st.integers(0, 36),
    st.floats(-10, 20),
    st.sampled_from(["s_curve", "linear", "constant_growth"]),
)
def test_annual_totals_do_not_change_with_the_profile(attain, delay, growth, shape):
    s = PLAN.with_values(attainment=attain, delay_months=delay, growth_after_pct=growth, shape=shape)
    totals = []
    for p in PROFILES:
        f = chain.flow(s.with_values(profile=p))
        full = f.groupby(f["month"].dt.year)["tonnes"].agg(["sum", "size"])
        totals.append(full.loc[full["size"] == 12, "sum"].to_numpy())
    assert len(totals[0]) == 5  # 2026..2030
    for t in totals[1:]:
        np.testing.assert_allclose(t, totals[0], rtol=1e-12)


BOUNDS = {
    f: (float(facts.tables().assumptions.at[f, "min"]), float(facts.tables().assumptions.at[f, "max"]))
    for f in (*chain.SENSITIVE_FIELDS, "service_trains_per_week", "transit_days")
}


@settings(max_examples=40, deadline=None)
@given(st.fixed_dictionaries({f: st.sampled_from(b) for f, b in BOUNDS.items()}), st.sampled_from(PROFILES))
def test_no_nan_or_infinity_with_every_slider_at_a_bound(values, profile):
    s = PLAN.with_values(profile=profile, **values)
    util = chain.utilisation(s)
    assert np.isfinite(util[["demand", "capacity_open", "utilisation", "headroom"]].to_numpy(dtype=float)).all()
    b = chain.bottleneck(util)
    assert math.isfinite(b.peak_utilisation)
    assert all(math.isfinite(v) for k, v in chain.fleet(s).items() if k != "peak_month")
    assert all(math.isfinite(v) for v in chain.door_to_door(s).values())
