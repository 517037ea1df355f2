"""Tracking actuals against the plan, the seasonally honest way; every expected number worked out by hand.

The stated figures used: 180,000 t/year at September 2025, 550,000 t/year at April 2026 (data/facts.csv);
550,000 / 12 = 45,833.33 t a month.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.data.scenario import Scenario
from components.model import tracking

TODAY = dt.date(2026, 11, 25)  # pinned: the day this was written
LINEAR = Scenario.default().with_values(shape="linear")
#: Every month a twelfth of the annual rate: the tracking figures as they were before the seasonal profiles.
EVEN = LINEAR.with_values(profile="even")
SEASONALITY = Path(__file__).resolve().parent.parent / "data" / "seasonality.csv"


def weights(profile: str) -> dict[int, float]:
    """A profile's monthly weights read straight from data/seasonality.csv (not through the code under test)."""
    with SEASONALITY.open(encoding="utf-8") as f:
        return {int(r["month"]): float(r["weight"]) for r in csv.DictReader(f) if r["profile"] == profile}


def series(start: str, tonnes: list[float]) -> pd.DataFrame:
    months = pd.date_range(start, periods=len(tonnes), freq="MS")
    return pd.DataFrame({"month": months.astype("datetime64[ns]"), "tonnes": [float(t) for t in tonnes]})


def test_a_harvest_peak_month_does_not_count_as_target_reached():
    # Nov 2025 - Oct 2026: eleven months of 30,000 t and an October peak of 60,000 t, above 45,833 t.
    # 12-month sum: 11 x 30,000 + 60,000 = 390,000 t < 550,000 t, so the target is not reached.
    p = tracking.progress(series("2025-11-01", [30_000] * 11 + [60_000]), LINEAR, TODAY)
    assert p.last_tonnes == 60_000 and not p.target_reached and p.reached_month is None
    assert p.sum_12m == 390_000 and p.months_missing == 0


def test_twelve_months_at_the_target_rate_reach_it_in_the_twelfth():
    # 12 x 46,000 = 552,000 t >= 550,000 t, first complete window ends at the 12th month (Oct 2026)
    p = tracking.progress(series("2025-11-01", [46_000] * 12), LINEAR, TODAY)
    assert p.target_reached and p.reached_month == pd.Timestamp("2026-10-01")


def test_trailing_twelve_month_sum_of_a_worked_series():
    # Jan 2025 .. Mar 2026 with k x 1,000 t in month k = 1..15
    ts = tracking.trailing_sum(series("2025-01-01", [1000 * k for k in range(1, 16)])).set_index("month")
    # Mar 2026 (k = 15): months 4..15 = (4 + 15) x 12 / 2 x 1,000 = 114,000 t
    assert ts.at[pd.Timestamp("2026-03-01"), "tonnes_12m"] == 114_000
    assert ts.at[pd.Timestamp("2026-03-01"), "complete"]
    # Dec 2025 (k = 12): 1..12 = 78 x 1,000 = 78,000 t, the first complete window
    assert ts.at[pd.Timestamp("2025-12-01"), "tonnes_12m"] == 78_000 and ts.at[pd.Timestamp("2025-12-01"), "complete"]
    # Nov 2025: 1..11 = 66,000 t from 11 months only
    assert ts.at[pd.Timestamp("2025-11-01"), "tonnes_12m"] == 66_000
    assert ts.at[pd.Timestamp("2025-11-01"), "months_in"] == 11


def test_a_gap_is_a_missing_month_not_a_zero():
    # Jan-Dec 2025 with June not uploaded: 11 months of 10,000 t in the window, 1 missing
    s = series("2025-01-01", [10_000] * 12)
    p = tracking.progress(s.drop(index=5), LINEAR, TODAY)
    assert p.months_missing == 1 and p.sum_12m == 110_000 and not p.target_reached


def test_fewer_than_twelve_months_say_how_many_are_missing():
    # Mar-Oct 2026: 8 months, so 12 - 8 = 4 missing, even though 8 x 50,000 t months beat 45,833 t each
    p = tracking.progress(series("2026-03-01", [50_000] * 8), LINEAR, TODAY)
    assert p.months_missing == 4 and not p.target_reached and p.needed_growth is None


def test_pace_is_year_on_year_on_twelve_month_sums():
    # 2024: 10,000 t a month (120,000 t); 2025: 12,000 t a month (144,000 t): 144,000 / 120,000 - 1 = 20 % a year
    p = tracking.progress(series("2024-01-01", [10_000] * 12 + [12_000] * 12), LINEAR, TODAY)
    assert p.pace_basis == "12m" and p.pace == pytest.approx(0.20)


def test_pace_with_thirteen_months_compares_the_same_month_a_year_apart():
    # Jan 2025 10,000 t ... Jan 2026 13,000 t: 13,000 / 10,000 - 1 = 30 % a year (neighbouring months never compared)
    p = tracking.progress(series("2025-01-01", [10_000] + [50_000] * 11 + [13_000]), LINEAR, TODAY)
    assert p.pace_basis == "month" and p.pace == pytest.approx(0.30)


def test_a_zero_last_month_gets_its_own_status_not_a_passed_target():
    # Apr 2025 - Mar 2026, the last month 0 t; today 10 April 2026: the target month (April 2026) is 1 month ahead
    p = tracking.progress(series("2025-04-01", [20_000] * 11 + [0]), LINEAR, dt.date(2026, 4, 10))
    assert p.last_status == "zero" and p.months_left == 1
    # 12-month sum 11 x 20,000 = 220,000 t; needed: (550,000 / 220,000) ^ (12 / 1) - 1 = 2.5^12 - 1 = 59,603.6
    assert p.needed_growth == pytest.approx(59_603.64, rel=1e-6)


def test_months_not_uploaded_since_the_last_one_are_counted():
    # last month August 2026, today 25 November 2026: September and October are complete and missing
    p = tracking.progress(series("2026-01-01", [10_000] * 8), LINEAR, TODAY)
    assert p.last_status == "stale" and p.months_not_uploaded == 2


def test_fit_is_refused_with_two_months():
    with pytest.raises(tracking.FitError) as err:
        tracking.fit_scenario(series("2025-09-01", [15_000, 16_000]), LINEAR)
    assert err.value.code == "too_few" and err.value.months == 2 and err.value.needed == 3


def test_months_before_the_baseline_do_not_count_towards_a_fit():
    # Jun-Oct 2025: only Sep and Oct are on or after the September 2025 baseline
    with pytest.raises(tracking.FitError) as err:
        tracking.fit_scenario(series("2025-06-01", [15_000] * 5), LINEAR)
    assert err.value.months == 2


def test_a_series_beyond_the_slider_range_is_flagged_at_the_edge():
    # 80,000 t a month = 960,000 t a year from September 2025, above the largest attainment 1.5 x 550,000 =
    # 825,000 t a year, and already in the baseline month, where every ramp starts at 15,000 t: the fit wants more
    # attainment and an earlier target than the sliders allow, and says so for both.
    fit = tracking.fit_scenario(series("2025-09-01", [80_000] * 12), LINEAR)
    assert fit.scenario.attainment == 1.5 and fit.scenario.delay_months == 0
    assert fit.at_edge == {"attainment": "max", "delay_months": "min"}


def test_the_stated_plan_fitted_to_itself_is_on_time_and_not_flagged():
    # the plan's own months (delay 0, attainment 1) sit at the delay slider's lower end, but nothing beyond fits better
    from components.model import projection

    plan = projection.trajectory(LINEAR).head(12)[["month", "tonnes"]]
    fit = tracking.fit_scenario(plan, LINEAR)
    assert (fit.scenario.delay_months, fit.scenario.attainment) == (0, 1.0) and fit.at_edge == {}


def test_a_ramp_inside_the_range_is_fitted_without_an_edge_and_says_how_well():
    # linear ramp to 80 % of 550,000 = 440,000 t/year at April 2026 + 6 months: rate = 180,000 + 20,000 k t/year
    # at month k from September 2025, i.e. 15,000 + 1,666.67 k t a month (k = 0..11)
    tonnes = [(180_000 + 20_000 * k) / 12 for k in range(12)]
    fit = tracking.fit_scenario(series("2025-09-01", tonnes), LINEAR)
    assert (fit.scenario.delay_months, fit.scenario.attainment) == (6, 0.8)
    assert fit.at_edge == {} and fit.months == 12 and fit.rmse == pytest.approx(0, abs=1e-6)
    # average month: (15,000 + 33,333.33) / 2 = 24,166.67 t
    assert fit.mean_month == pytest.approx(24_166.67, abs=0.01)


def test_as_of_a_pinned_date_against_plan_and_scenario_in_even_months():
    # With the even profile the figures are as before the seasonal profiles. Today 25 November 2026, both linear. Plan: 180,000 t/year in Sep 2025 (k = 0) to 550,000 in Apr 2026 (k = 7):
    # rate(k) = 180,000 + 370,000 k / 7. Jan-Oct 2026 is k = 4..13:
    #   Jan 391,428.57 + Feb 444,285.71 + Mar 497,142.86 + 7 x 550,000 = 5,182,857.14 t/year-months
    #   / 12 = 431,904.76 t
    # Scenario delay 6, attainment 0.8: rate(k) = 180,000 + 20,000 k up to k = 13 (Oct 2026), then 440,000.
    #   k = 4..13: 10 x 180,000 + 20,000 x (4 + ... + 13 = 85) = 3,500,000 / 12 = 291,666.67 t
    s = EVEN.with_values(delay_months=6, attainment=0.8)
    a = tracking.as_of(s, TODAY, plan=EVEN)
    assert a.month == pd.Timestamp("2026-11-01") and a.ytd_months == 10
    assert a.plan.rate_t_year == pytest.approx(550_000) and a.scenario.rate_t_year == pytest.approx(440_000)
    assert a.plan.tonnes_ytd == pytest.approx(431_904.76, abs=0.01)
    assert a.scenario.tonnes_ytd == pytest.approx(291_666.67, abs=0.01)
    assert a.completion_months_ago == 7  # April -> November 2026
    assert a.actual_ytd is None


def test_as_of_with_actuals_compares_like_with_like_in_even_months():
    # Actuals on the scenario's ramp, Sep 2025 - Aug 2026: (180,000 + 20,000 k) / 12 t, k = 0..11
    s = EVEN.with_values(delay_months=6, attainment=0.8)
    actuals = series("2025-09-01", [(180_000 + 20_000 * k) / 12 for k in range(12)])
    a = tracking.as_of(s, TODAY, actuals, plan=EVEN)
    # Jan-Aug 2026 (k = 4..11): 8 x 180,000 + 20,000 x (4 + ... + 11 = 60) = 2,640,000 / 12 = 220,000 t
    assert a.actual_ytd_months == 8 and a.actual_ytd == pytest.approx(220_000)
    assert a.gap(a.actual_ytd, a.scenario_ytd_same) == pytest.approx(0, abs=1e-6)
    # plan over Jan-Aug: (391,428.57 + 444,285.71 + 497,142.86 + 5 x 550,000) / 12 = 340,238.10 t
    assert a.gap(a.actual_ytd, a.plan_ytd_same) == pytest.approx(220_000 - 340_238.10, abs=0.01)
    # 12 months to Aug 2026: 12 x (15,000 + 33,333.33) / 2 = 290,000 t/year
    assert a.actual_rate == pytest.approx(290_000) and a.actual_rate_month == pd.Timestamp("2026-08-01")


def test_before_the_stated_completion_it_is_still_ahead():
    a = tracking.as_of(EVEN, dt.date(2026, 1, 15), plan=EVEN)
    assert a.completion_months_ago == -3 and a.ytd_months == 0 and a.plan.tonnes_ytd == 0


# --- month by month with the seasonal profile ------------------------------------------------------------------
# The stated plan (S-curve, agri_mix, growth 0 after April 2026) is flat at 550,000 t/year through 2027. In a flat
# year chain.seasonalise gives each month exactly the annual rate x that month's weight. agri_mix weights from
# data/seasonality.csv (the season of the Moscow region's exports to China, issue 18): Jan 0.095833, Feb-Mar 0.075
# each, Apr-Sep 0.077778 each, Oct 0.085949, Nov 0.095833, Dec 0.105717.
PLAN = Scenario.default()


def test_the_plan_in_october_is_the_annual_rate_times_octobers_weight():
    from components.model import chain

    w = weights("agri_mix")
    # 550,000 x 0.085949 = 47,271.95 t in October 2027, against 550,000 / 12 = 45,833.33 t in even months
    october = chain.seasonal_trajectory(PLAN).set_index("month").at[pd.Timestamp("2027-10-01"), "tonnes"]
    assert october == pytest.approx(550_000 * w[10], rel=1e-5)
    assert october == pytest.approx(47_271.95, rel=1e-5)


def test_as_of_counts_the_plans_seasonal_months_so_far_this_year():
    w = weights("agri_mix")
    # Today 25 November 2027: January-October 2027 =
    # 550,000 x (0.095833 + 2 x 0.075 + 6 x 0.077778 + 0.085949 = 0.798450) = 439,147.5 t
    a = tracking.as_of(PLAN, dt.date(2027, 11, 25))
    assert a.ytd_months == 10
    assert a.plan.tonnes_ytd == pytest.approx(550_000 * sum(w[m] for m in range(1, 11)), rel=1e-5)
    assert a.plan.tonnes_ytd == pytest.approx(439_147.5, rel=1e-5)
    assert a.plan.rate_t_year == pytest.approx(550_000)  # the annual rate is the trend's, whatever the profile
    # the same date with even months: 10 x 45,833.33 = 458,333.33 t, as before the profiles
    even = PLAN.with_values(profile="even")
    assert tracking.as_of(even, dt.date(2027, 11, 25), plan=even).plan.tonnes_ytd == pytest.approx(458_333.33, abs=0.01)


def test_actuals_in_the_harvest_shape_are_on_the_seasonal_plan():
    w = weights("agri_mix")
    # Jan-Aug 2027 uploaded as 550,000 x each month's weight: 550,000 x (0.095833 + 2 x 0.075 + 5 x 0.077778 =
    # 0.634723) = 349,097.65 t; on the seasonal plan over the same months the gap is 0, while against even months it
    # would be 349,097.65 - 8 x 45,833.33 = -17,569.02 t
    actuals = series("2027-01-01", [550_000 * w[m] for m in range(1, 9)])
    a = tracking.as_of(PLAN, dt.date(2027, 9, 15), actuals)
    assert a.actual_ytd == pytest.approx(349_097.65, abs=0.01)
    assert a.gap(a.actual_ytd, a.plan_ytd_same) == pytest.approx(0, abs=1.0)
    assert a.gap(a.actual_ytd, a.scenario_ytd_same) == pytest.approx(0, abs=1.0)
    even = PLAN.with_values(profile="even")
    e = tracking.as_of(even, dt.date(2027, 9, 15), actuals, plan=even)
    assert e.gap(e.actual_ytd, e.plan_ytd_same) == pytest.approx(-17_569.02, abs=0.01)


def test_the_fit_reads_a_harvest_year_with_the_profile_not_as_a_miss():
    w = weights("agri_mix")
    # 2027 at 80 % of 550,000 = 440,000 t/year in the harvest shape: 440,000 x weight a month. Every delay up to
    # 8 months reaches 440,000 t/year before 2027, so they tie and the first (0) is kept.
    actuals = series("2027-01-01", [440_000 * w[m] for m in range(1, 13)])
    fit = tracking.fit_scenario(actuals, PLAN, seasonal=tracking.seasonal_weights("agri_mix"))
    assert (fit.scenario.delay_months, fit.scenario.attainment) == (0, 0.8) and fit.seasonal
    assert fit.rmse == pytest.approx(0, abs=1.0) and fit.at_edge == {}
    # Without the profile the fit cannot follow the season: a ramp that reached its rate before 2027 is flat and
    # misses by the whole season, 440,000 x sqrt(mean((w - 1/12)^2)) = 440,000 x 0.009766 = 4,297 t a month. (With the
    # old grain-shaped agri_mix, Sep-Dec far above Feb-Aug, a later ramp fitted better and told the wrong story; the
    # season of this flow (issue 18) is milder, Dec at 1.27 x and Feb-Mar at 0.9 x the even month, and no later ramp
    # beats the flat year, so the fit without the profile keeps delay 0 and carries the season as its miss.)
    flat = tracking.fit_scenario(actuals, PLAN)
    spread = (sum((w[m] - 1 / 12) ** 2 for m in w) / 12) ** 0.5
    assert 440_000 * spread == pytest.approx(4_297, rel=1e-3)
    assert flat.scenario.delay_months == 0 and not flat.seasonal
    assert flat.rmse == pytest.approx(440_000 * spread, rel=1e-6)


def test_with_even_weights_the_fit_is_as_without_a_profile():
    # even months: every month rate / 12 in the fit as before, so the delayed linear ramp of the test above is
    # found the same way (delay 6, attainment 0.8, no miss)
    tonnes = [(180_000 + 20_000 * k) / 12 for k in range(12)]
    fit = tracking.fit_scenario(series("2025-09-01", tonnes), EVEN, seasonal=tracking.seasonal_weights("even"))
    assert (fit.scenario.delay_months, fit.scenario.attainment) == (6, 0.8)
    assert fit.rmse == pytest.approx(0, abs=1e-3)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 45_000), min_size=12, max_size=30), st.integers(0, 29), st.floats(45_834, 400_000))
def test_no_single_month_makes_a_short_year_reach_the_target(tonnes, at, spike):
    # Every other month at most 45,000 t; one spike anywhere. The target is reached only if a full 12-month window
    # sums to 550,000 t, which the property checks against a plain sum of each window.
    tonnes = list(tonnes)
    tonnes[at % len(tonnes)] = spike
    p = tracking.progress(series("2024-01-01", tonnes), LINEAR, TODAY)
    windows = [sum(tonnes[i - 11 : i + 1]) for i in range(11, len(tonnes))]
    assert p.target_reached == any(w >= 550_000 for w in windows)
    assert p.sum_12m == pytest.approx(sum(tonnes[-12:]))


def test_the_results_as_of_without_actuals_is_kept_and_actuals_are_never_mixed_into_it():
    from components.model import run

    # the scenario of test_as_of_a_pinned_date_against_plan_and_scenario_in_even_months: 291,666.67 t so far in 2026
    # (10 × 180,000 + 20,000 × 85) / 12, at 440,000 t/year in November 2026
    r = run.run(EVEN.with_values(delay_months=6, attainment=0.8), TODAY)
    a = r.as_of()
    assert a.scenario.tonnes_ytd == pytest.approx(291_666.67, abs=0.01)
    assert a.scenario.rate_t_year == pytest.approx(440_000) and a.actual_ytd is None
    assert r.as_of() is a  # made once, kept with the result
    # with the actuals of test_as_of_with_actuals_compares_like_with_like_in_even_months: Jan-Aug 2026 220,000 t
    actuals = series("2025-09-01", [(180_000 + 20_000 * k) / 12 for k in range(12)])
    assert r.as_of(actuals).actual_ytd == pytest.approx(220_000)
    assert r.as_of().actual_ytd is None and r.as_of() is a  # the kept one is still the plan's
