"""The pure model against numbers worked out by hand from the stated figures."""

import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.data.scenario import SHAPES, Scenario, parse_params, preset
from components.model import capacity, projection

PLAN = Scenario.default()


def test_tripling_reaches_550kt_by_april_2026():
    traj = projection.trajectory(PLAN).set_index("month")
    assert traj.at[pd.Timestamp("2025-09-01"), "rate_t_year"] == pytest.approx(180_000)
    assert traj.at[pd.Timestamp("2026-04-01"), "rate_t_year"] == pytest.approx(550_000)
    assert traj.at[pd.Timestamp("2026-04-01"), "tonnes"] == pytest.approx(45_833.33, abs=0.01)  # 550,000 t / 12
    assert traj.index[-1] == pd.Timestamp("2030-12-01")


def test_linear_ramp_adds_equal_steps():
    traj = projection.trajectory(PLAN.with_values(shape="linear")).set_index("month")
    # 7 months from Sep 2025 to Apr 2026: (550 - 180) / 7 = 52,857.14 t/year more each month.
    assert traj.at[pd.Timestamp("2025-10-01"), "rate_t_year"] == pytest.approx(232_857.14, abs=0.01)


def test_six_month_delay_moves_the_target_to_october_2026():
    s = PLAN.with_values(delay_months=6, shape="linear")
    traj = projection.trajectory(s).set_index("month")
    assert projection.target_month(s) == pd.Timestamp("2026-10-01")
    # 13 months of ramp: at April 2026 (month 7) the rate is 180 + 370 * 7/13 = 379.23 kt/year.
    assert traj.at[pd.Timestamp("2026-04-01"), "rate_t_year"] == pytest.approx(379_230.77, abs=0.01)
    assert traj.at[pd.Timestamp("2026-10-01"), "rate_t_year"] == pytest.approx(550_000)


def test_constant_growth_rate_taking_180kt_to_550kt_in_7_months_is_17_3_percent():
    g = projection.implied_monthly_growth(180_000, 550_000, 7)
    assert g == pytest.approx(0.17300, abs=1e-5)  # exp(1.116961 / 7) - 1 = exp(0.159566) - 1
    traj = projection.trajectory(PLAN.with_values(shape="constant_growth")).set_index("month")
    # one month of 17.300 % growth: 180,000 + 0.173 × 180,000 = 180,000 + 31,140 = 211,140 t/year
    assert traj.at[pd.Timestamp("2025-10-01"), "rate_t_year"] == pytest.approx(211_140, rel=1e-4)


def test_in_12_months_the_implied_rate_is_9_8_percent():
    assert projection.implied_monthly_growth(180_000, 550_000, 12) == pytest.approx(
        0.09755, abs=1e-5
    )  # exp(1.116961 / 12) - 1


def test_growth_after_target_compounds_yearly():
    s = PLAN.with_values(growth_after_pct=10)
    traj = projection.trajectory(s).set_index("month")
    # a year after the target (April 2026) at 10 %/year: 550,000 + 55,000 = 605,000 t/year
    assert traj.at[pd.Timestamp("2027-04-01"), "rate_t_year"] == pytest.approx(605_000)


def test_550kt_of_dry_boxes_is_22917_feu_and_7_3_trains_a_week():
    dry = PLAN.with_values(reefer_share=0)  # all in 24 t dry boxes; the blended payload is in tests/test_chain.py
    traj = projection.trajectory(dry)
    box = capacity.boxes_and_trains(traj, dry).set_index("month").loc[pd.Timestamp("2027-01-01")]
    assert box["feu"] * 12 == pytest.approx(22_916.67, abs=0.01)
    assert box["teu"] * 12 == pytest.approx(45_833.33, abs=0.01)
    assert box["feu"] * 12 / 60 == pytest.approx(381.94, abs=0.01)
    assert box["trains_per_week"] == pytest.approx(7.345, abs=0.001)


def test_180kt_of_dry_boxes_is_about_2_4_trains_a_week():
    dry = PLAN.with_values(reefer_share=0)
    traj = projection.trajectory(dry)
    first = capacity.boxes_and_trains(traj, dry).iloc[0]
    assert first["trains_per_week"] == pytest.approx(180_000 / 24 / 60 / 52, rel=1e-9)  # 2.40


def test_the_planned_seven_trains_a_week_are_outgrown_in_april_2026_on_a_linear_ramp():
    # Dry boxes only: 7 trains x 60 FEU x 24 t x 52 weeks = 524,160 t/year; the linear ramp (180 + 52,857/month)
    # passes it at month (524,160 - 180,000) / 52,857 = 6.51 -> April 2026. 8 trains carry 599,040 t > 550,000.
    s = PLAN.with_values(shape="linear", reefer_share=0)
    box = capacity.boxes_and_trains(projection.trajectory(s), s)
    assert capacity.first_month_above_service(box) == pd.Timestamp("2026-04-01")
    assert (
        capacity.first_month_above_service(
            capacity.boxes_and_trains(projection.trajectory(s), s.with_values(service_trains_per_week=8))
        )
        is None
    )


def test_warehouse_need_against_65000_m2():
    # 550,000 t x 3 days / 365 = 4,520.5 t on hand; / (0.8 t/m2 x 0.85) = 6,647.8 m2 = 10.2 % of 65,000.
    w = capacity.warehouse_need(projection.trajectory(PLAN), PLAN).set_index("month").loc[pd.Timestamp("2027-01-01")]
    assert w["on_hand_t"] == pytest.approx(4_520.55, abs=0.01)
    assert w["area_needed_m2"] == pytest.approx(6_647.86, abs=0.01)
    assert w["share_of_area"] == pytest.approx(0.10227, abs=1e-5)
    assert capacity.max_throughput_t_year(PLAN) == pytest.approx(65_000 * 0.8 * 0.85 * 365 / 3)


def test_two_way_trains_with_60_percent_backhaul_run_80_percent_loaded():
    s = PLAN.with_values(backhaul_ratio=0.6)
    box = capacity.boxes_and_trains(projection.trajectory(s), s)
    tw = capacity.two_way_balance(box, s).iloc[-1]
    assert tw["loaded_share"] == pytest.approx(0.8)  # (1 + 0.6) / (2 × 1)
    assert tw["east_empty"] == 0
    assert tw["west_empty"] == pytest.approx(tw["east_loaded"] * 0.4)


def test_with_the_cited_three_westbound_boxes_per_eastbound_two_thirds_move_loaded():
    # default 3.0 (341k / 113k TEU, KTZ 2023): each way moves 3 boxes per export box, (1 + 3) / (2 × 3) = 2/3
    # loaded; the 2 boxes a westbound load leaves over run back east empty
    box = capacity.boxes_and_trains(projection.trajectory(PLAN), PLAN)
    tw = capacity.two_way_balance(box, PLAN).iloc[-1]
    assert tw["loaded_share"] == pytest.approx(2 / 3)
    assert tw["west_empty"] == 0
    assert tw["east_empty"] == pytest.approx(tw["east_loaded"] * 2)


def test_presets_apply_their_values():
    assert preset("delayed").delay_months == 6
    assert preset("pessimistic").feu_payload_t == 20
    assert preset("plan") == PLAN


def test_band_brackets_the_median_and_10000_paths_are_fast():
    projection.band(PLAN, n_paths=100)  # warm numpy
    t0 = time.perf_counter()
    b = projection.band(PLAN, n_paths=10_000)
    elapsed = time.perf_counter() - t0
    assert (b["p10"] <= b["p50"]).all() and (b["p50"] <= b["p90"]).all()
    assert b["p90"].iloc[12] > b["p10"].iloc[12]  # spread exists after the target
    assert elapsed < 1.0  # a generous guard against an accidental Python loop; speed itself is benchmarked


def _band_every_path(s: Scenario, n_paths: int, seed: int = 2025) -> np.ndarray:
    """The band the plain way: every path at every month, then the quantiles (t/month, 3 × months)."""
    a = projection.plan_anchors()
    rng = np.random.default_rng(seed)
    delay = np.maximum(rng.normal(s.delay_months, s.delay_sd_months, n_paths), 0.0)
    attain = np.maximum(rng.normal(s.attainment, s.attainment_sd, n_paths), 0.05)
    T = projection.months_between(a["baseline_month"], a["target_month"]) + delay
    t = np.arange(len(pd.date_range(a["baseline_month"], projection.HORIZON_END, freq="MS")), dtype=float)
    paths = np.array([projection.rates(t, np.asarray(Ti), np.asarray(ai), s) for Ti, ai in zip(T, attain)]) / 12
    return np.quantile(paths, projection.BAND_QUANTILES, axis=0)


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"shape": "linear", "delay_months": 12, "delay_sd_months": 6},
        {"shape": "constant_growth", "growth_after_pct": -10, "attainment_sd": 0.3},
        {"delay_months": 36, "delay_sd_months": 12, "growth_after_pct": 20},
    ],
)
def test_band_equals_the_quantiles_of_every_path(values):
    # band() computes the months after the last path's target from one ordering of the paths; that must give
    # the same quantiles as computing each path, one at a time, at every month.
    s = PLAN.with_values(**values)
    got = projection.band(s, n_paths=2_000)
    want = _band_every_path(s, 2_000)
    np.testing.assert_allclose(got[["p10", "p50", "p90"]].to_numpy().T, want, rtol=1e-9)


def test_url_parameters_fall_back_to_defaults():
    s, notes = parse_params(
        {"delay_months": "6", "attainment": "abc", "feu_payload_t": "999", "bogus": "1", "dwell_days": ["3", "4"]}
    )
    assert s.delay_months == 6 and s.attainment == 1.0 and s.feu_payload_t == 24 and s.dwell_days == 3
    assert dict(notes) == {
        "attainment": "invalid",
        "feu_payload_t": "invalid",
        "bogus": "unknown",
        "dwell_days": "repeated",
    }


scenarios = st.builds(
    lambda shape, d, a, g, p: PLAN.with_values(
        shape=shape, delay_months=d, attainment=a, growth_after_pct=g, feu_payload_t=p
    ),
    st.sampled_from(SHAPES),
    st.integers(0, 36),
    st.floats(0.3, 1.5),
    st.floats(-10, 20),
    st.floats(18, 26.7),
)


@settings(max_examples=60, deadline=None)
@given(scenarios)
def test_no_negative_tonnes_or_boxes(s):
    traj = projection.trajectory(s)
    assert (traj["tonnes"] >= 0).all()
    assert (capacity.boxes_and_trains(traj, s)["feu"] >= 0).all()


@settings(max_examples=60, deadline=None)
@given(scenarios)
def test_ramp_is_monotone_when_target_is_above_baseline(s):
    traj = projection.trajectory(s)
    ramp = traj.loc[traj["phase"] == "ramp", "rate_t_year"].to_numpy()
    diffs = np.diff(ramp)
    if s.attainment * 550_000 >= 180_000:
        assert (diffs >= -1e-6).all()
    else:
        assert (diffs <= 1e-6).all()


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SHAPES), st.integers(0, 36))
def test_target_reached_at_target_date_with_full_attainment(shape, delay):
    s = PLAN.with_values(shape=shape, delay_months=delay)
    traj = projection.trajectory(s).set_index("month")
    assert traj.at[projection.target_month(s), "rate_t_year"] == pytest.approx(550_000)


def test_half_the_target_five_months_late_is_reached_in_september_2026_at_3_6_percent_a_month():
    k = projection.headline(PLAN.with_values(attainment=0.5, delay_months=5))
    # target: April 2026 + 5 months = September 2026; rate: 0.5 × 550 kt/year = 275 kt/year
    assert k["target_month"] == pd.Timestamp("2026-09-01") and k["target_rate"] == pytest.approx(275_000)
    # ramp: September 2025 → September 2026 = 12 months; (275/180)^(1/12) − 1: ln 1.5278 = 0.4238, /12 = 0.03532,
    # e^0.03532 − 1 = 0.0359
    assert k["monthly_growth"] == pytest.approx(0.0359, abs=0.0001)
    # no growth after the target by default: all of 2027 and December 2030 run at 275 kt/year
    assert k["tonnes_2027"] == pytest.approx(275_000) and k["rate_2030"] == pytest.approx(275_000)


def test_the_capacity_headline_of_dry_boxes_peaks_at_7_3_trains_and_22917_feu_a_year():
    dry = PLAN.with_values(reefer_share=0)  # all in 24 t dry boxes, as in the test below it refers to
    traj = projection.trajectory(dry)
    k = capacity.headline(capacity.boxes_and_trains(traj, dry), capacity.warehouse_need(traj, dry), dry)
    # 550 kt/year by rail of dry boxes: see test_550kt_of_dry_boxes_is_22917_feu_and_7_3_trains_a_week
    assert k["peak_trains_per_week"] == pytest.approx(7.345, abs=0.001) and k["peak_month"].year >= 2026
    assert k["feu_12m"] == pytest.approx(22_917, abs=1)  # twelve months at the target rate
    assert k["teu_12m"] == pytest.approx(2 * 22_917, abs=2)
    assert 0 < k["area_peak_share"] < 1
