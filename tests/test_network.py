"""The shared network (components/model/network.py) against numbers worked out by hand from data/ and the research.

Hand figures used below (all from data/*.csv and data/assumptions.csv defaults):
- Dostyk EB capacity 14 (2025) → 24 trains/day in 2028 (crossings.csv, attainment 1.0: 14 + 1.0 × (24 − 14)); Altynkol
  19 in 2028 (acceptance 1.0); Bakhty 5 in 2028.
- Background: ρ₀ Dostyk 0.955 and Altynkol 0.93 against 14/day in 2025 → 13.37 and 13.02 trains/day, × 1.08^3 =
  1.259712 in 2028: 16.842349 and 16.401450 trains/day; the monthly profile is even.
- This flow in June 2028 (a flat year at 550 kt, agri_mix June weight 0.077778): 42,777.9 t × (0.69/24 + 0.31/25 =
  0.04115) = 1,760.3106 FEU = 29.33851 trains / 30 days = 0.977950 trains/day; half via Dostyk: 0.488975.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.data import facts
from components.data.facts import DataError
from components.data.network_tables import (
    load_background,
    load_background_months,
    load_crossings,
    load_episodes,
    network_tables,
)
from components.data.scenario import CHOICES, EPISODES, Scenario
from components.model import network

PLAN = Scenario.default()
JUN_2028 = pd.Timestamp("2028-06-01")
OCT_2027 = pd.Timestamp("2027-10-01")
DATA = Path(__file__).resolve().parents[1] / "data"
D, A, B = 0, 1, 2


def _m(n: network.Network, month: pd.Timestamp) -> int:
    return int(np.nonzero(n.months == month)[0][0])


# --- one month by hand ------------------------------------------------------------------------------------------


def test_kingman_at_dostyk_in_june_2028_by_hand():
    # No episodes, Bakhty closed: λ = 16.842349 background + 0.488975 this flow = 17.331325 trains/day;
    # μ = 24; ρ = 17.331325 / 24 = 0.722139; Wq = V ρ / (1 − ρ) / μ = 3 × 0.722139 / 0.277861 / 24 = 0.324864 days.
    # No month before it has ρ ≥ 1 (no episodes; Sep 2025: (13.37 + 0.12) / 14 < 1), so the backlog is empty.
    n = network.run(PLAN.with_values(episodes="none", bakhty_open=0))
    j = _m(n, JUN_2028)
    assert n.capacity[D, j] == pytest.approx(24.0)
    assert n.background[D, j] == pytest.approx(16.842349, abs=1e-5)
    assert n.flow[D, j] == pytest.approx(0.488975, abs=1e-5)
    assert n.rho[D, j] == pytest.approx(0.722139, abs=1e-5)
    assert n.wait_kingman[D, j] == pytest.approx(0.324864, abs=1e-5)
    assert n.backlog_trains[:, : j + 1].max() == 0.0
    assert n.wait_days[D, j] == pytest.approx(0.324864, abs=1e-5)
    assert n.border_days[D, j] == pytest.approx(0.5 + 0.324864, abs=1e-5)  # + processing 0.5 day


def test_bakhty_takes_at_most_90_percent_of_its_capacity_from_the_others():
    # June 2028, Bakhty open: 20 % of 16.842349 + 16.401450 = 6.6488 trains/day would move, more than 0.9 × 5 = 4.5,
    # so 4.5 move, taken pro rata: keep 1 − 4.5 / 33.2438 = 0.864636 → Dostyk 14.562509, Altynkol 14.181291.
    n = network.run(PLAN.with_values(episodes="none"))
    j = _m(n, JUN_2028)
    assert n.background[B, j] == pytest.approx(4.5)
    assert n.background[D, j] == pytest.approx(14.562509, abs=1e-5)
    assert n.background[A, j] == pytest.approx(14.181291, abs=1e-5)


def test_door_to_door_in_june_2028_by_hand_and_within_10_to_20_days_in_normal_months():
    # Dostyk path: 4,200 + 3,100 = 7,300 km / 800 km/day = 9.125 days + processing 0.5 + China-side station 1.0 +
    # terminals 2.0 + wait (λ 15.051484 / μ 24 = ρ 0.627145 → 3 × 0.627145 / 0.372855 / 24 = 0.210251) = 12.835251.
    # Altynkol path: 4,450 + 3,100 = 7,550 / 800 = 9.4375 + 3.5 + Agrohub 0.5 + wait (14.670266 / 19 = 0.772119 →
    # 3 × 0.772119 / 0.227881 / 19 = 0.534989) = 13.972489. Half each: 13.403870 days.
    n = network.run(PLAN.with_values(episodes="none"))
    m = n.monthly.set_index("month")
    assert m.at[JUN_2028, "d2d_dostyk_days"] == pytest.approx(12.835251, abs=1e-4)
    assert m.at[JUN_2028, "d2d_altynkol_days"] == pytest.approx(13.972489, abs=1e-4)
    assert m.at[JUN_2028, "d2d_days"] == pytest.approx(13.403870, abs=1e-4)
    # every month without an episode (the whole horizon here) lands in the cited 10–20 days
    assert m["d2d_days"].between(10, 20).all()
    # and with the default typical year, the months outside Sep–Feb still do
    quiet = network.run(PLAN).monthly.set_index("month").loc["2028-03":"2028-08", "d2d_days"]
    assert quiet.between(10, 20).all()


def test_altynkols_acceptance_is_capped_by_the_line():
    # acceptance × 1.3: 2026 15 × 1.3 = 19.5 > the line's 18 trains/day → 18; 2028 19 × 1.3 = 24.7 < 33 → 24.7
    n = network.run(PLAN.with_values(altynkol_acceptance=1.3, episodes="none"))
    assert n.capacity[A, _m(n, pd.Timestamp("2026-06-01"))] == pytest.approx(18.0)
    assert n.capacity[A, _m(n, JUN_2028)] == pytest.approx(24.7)


def test_the_agrohub_is_only_on_the_altynkol_path():
    a = network.run(PLAN.with_values(agrohub_days=0.5)).monthly
    b = network.run(PLAN.with_values(agrohub_days=3.0)).monthly
    assert np.allclose(b["d2d_dostyk_days"], a["d2d_dostyk_days"])
    assert np.allclose(b["d2d_altynkol_days"] - a["d2d_altynkol_days"], 2.5)


def test_typical_episode_cuts_altynkol_in_october_by_days_times_depth():
    # typical: Altynkol from 1 October for 4 weeks = 28 of 31 days at −45 % → 0.45 × 28 / 31 = 0.406452
    n = network.run(PLAN)
    j = _m(n, OCT_2027)
    assert n.episode_cut[A, j] == pytest.approx(0.406452, abs=1e-6)
    assert n.capacity_effective[A, j] == pytest.approx(18.0 * (1 - 0.406452), abs=1e-5)
    assert n.episode_cut[D, j] == 0.0  # Dostyk's typical episode is in September
    # 2025 is history: the typical year takes the recorded Oct 2025 Altynkol cut (14 → 10 trains/day, the whole
    # month: 1 − 10/14 = 0.29) and no invented September episode at Dostyk; its own pattern starts in 2026
    assert n.episode_cut[A, _m(n, pd.Timestamp("2025-10-01"))] == pytest.approx(0.29)
    assert n.episode_cut[D, _m(n, pd.Timestamp("2025-09-01"))] == 0.0
    assert n.episode_cut[D, _m(n, pd.Timestamp("2026-09-01"))] == pytest.approx(0.45 * 28 / 30)
    # Oct 2025 named episode: the whole month at 1 − 10/14 = 0.29
    n2 = network.run(PLAN.with_values(episodes="altynkol_oct2025"))
    assert n2.episode_cut[A, _m(n2, OCT_2027)] == pytest.approx(0.29)


def test_background_in_2024_reproduces_dostyks_18_mt_within_10_percent():
    # 35 Mt in 2025 / 1.08 = 32.407 Mt in 2024 (the cited 2024 total is 32 Mt) × 0.54 = 17.50 Mt at Dostyk, against the
    # cited 18.0 Mt (index1520 2025-01-10): 2.8 % low.
    mt = network.background_mt(PLAN, 2024)
    assert mt["dostyk"] == pytest.approx(17.50, abs=0.005)
    cited = network_tables().background.loc[("dostyk_2024", "dostyk"), "value"]
    assert cited == 18.0
    assert abs(mt["dostyk"] / cited - 1) < 0.10


def test_the_fleet_counts_the_reload_share_and_the_round_trip_with_the_china_leg():
    # 2030: dry 550,000 t × 0.69 / 24 = 15,812.5 FEU, reefer 550,000 × 0.31 / 25 = 6,820 FEU.
    # Own boxes per day of round trip: 0.40 × 15,812.5 + 0.75 × 6,820 = 6,325 + 5,115 = 11,440 FEU-yr; research check:
    # at 30 days that is 11,440 × 30 / 365 = 940 FEU (crossings-network.md: ≈ 980 at 35 % reefer).
    f = network.run(PLAN).fleet.set_index("year").loc[2030]
    assert f["feu_dry"] == pytest.approx(15_812.5, abs=0.01)
    assert f["feu_reefer"] == pytest.approx(6_820.0, abs=0.01)
    assert f["pool"] / f["round_trip_days"] * 365 == pytest.approx(11_440.0, abs=0.01)
    # round trip: out (≈ 13.4) + 3 at destination + back 7,425 km / 800 = 9.28 + 3.5 + 3 at Selyatino ≈ 32.2 days,
    # inside the research's 25–45
    assert 25 <= f["round_trip_days"] <= 45
    assert f["pool_no_reload"] > f["pool"]


# --- queues -----------------------------------------------------------------------------------------------------


def test_lindley_and_the_mean_of_a_draining_backlog_by_hand():
    # net +10, +5, −3, −20, −4 → queue 10, 15, 12, 0, 0
    q = network._lindley(np.array([10.0, 5.0, -3.0, -20.0, -4.0]))
    assert q.tolist() == [10.0, 15.0, 12.0, 0.0, 0.0]
    # a step from 12 that drains at 20 per step empties after 0.6 of it: mean = 12 × 0.6 / 2 = 3.6
    assert network._mean_queue(np.array([12.0]), np.array([0.0]), np.array([-20.0]))[0] == pytest.approx(3.6)
    # a step from 10 to 15: mean 12.5
    assert network._mean_queue(np.array([10.0]), np.array([15.0]), np.array([5.0]))[0] == pytest.approx(12.5)


def test_the_backlog_drains_after_an_episode_ends():
    n = network.run(PLAN)
    j = _m(n, OCT_2027)
    b = n.backlog_trains[A]
    assert b[j] > 0  # the October episode leaves a backlog
    after = b[j : j + 8]
    assert (np.diff(after) <= 1e-9).all()  # it only shrinks once the cut is over
    assert after[-1] == 0.0  # and is gone within the following months
    assert n.wait_backlog[A, j + 6] == 0.0


def test_zero_flow_leaves_background_utilisation_unchanged():
    fl = network.flow_arrays(PLAN)
    zero = {**fl, "feu": np.zeros_like(fl["feu"]), "trains": np.zeros_like(fl["trains"])}
    n0 = network.run(PLAN, flow=zero)
    n1 = network.run(PLAN)
    assert np.array_equal(n0.rho_background, n1.rho_background)
    assert np.array_equal(n0.rho, n0.rho_background)
    assert (n1.rho >= n1.rho_background).all()


def test_cutting_this_flow_to_its_minimum_changes_the_crossings_only_by_its_share():
    # rail_share at its minimum 0.2: June 2028 Dostyk flow 0.2 × 0.488975 = 0.097795 trains/day; ρ_flow =
    # 0.097795 / 24 = 0.0040748; the background's ρ is the same as at the full flow.
    lo = network.run(PLAN.with_values(rail_share=0.2, episodes="none"))
    hi = network.run(PLAN.with_values(episodes="none"))
    j = _m(lo, JUN_2028)
    assert np.array_equal(lo.rho_background, hi.rho_background)
    assert lo.flow[D, j] == pytest.approx(0.097795, abs=1e-6)
    assert lo.rho[D, j] - lo.rho_background[D, j] == pytest.approx(0.0040748, abs=1e-7)
    assert np.allclose(
        hi.rho - lo.rho, (hi.flow - lo.flow) / np.where(hi.capacity_effective > 0, hi.capacity_effective, 1)
    )


def test_contracted_slots_cap_this_flow_and_the_rest_waits_at_selyatino():
    # 5 slots a week = 22.142857 trains in a 31-day month; the Dec 2027 demand (2,392.64 FEU / 60 = 39.877) exceeds it
    s = PLAN.with_values(slots_per_week=5)
    n = network.run(s)
    m = n.monthly
    cap = 5 / 7 * m["month"].dt.days_in_month
    assert (m["sent_trains"] <= cap + 1e-9).all()
    # nothing is lost: sent + still waiting at the end = demand
    assert m["sent_trains"].sum() + m["deferred_trains"].iloc[-1] == pytest.approx(m["demand_trains"].sum())
    dec = m.set_index("month").loc[pd.Timestamp("2027-12-01")]
    assert dec["demand_trains"] == pytest.approx(39.877, abs=1e-3)
    assert dec["sent_trains"] == pytest.approx(5 / 7 * 31)
    assert dec["selyatino_wait_days"] > 0
    # the slots are never part of ρ: the background's utilisation is the same with any slots
    assert np.array_equal(n.rho_background, network.run(PLAN).rho_background)


def test_summary_names_the_longest_wait_and_separates_background_from_this_flow():
    n = network.run(PLAN)
    sm = n.summary
    assert sm.longest_wait_where in network.WAIT_PLACES
    k = network.CROSSINGS.index(sm.binding_crossing)
    j = _m(n, sm.binding_month)
    assert sm.binding_rho == pytest.approx(n.rho[k, j])
    assert sm.binding_rho_background + sm.binding_rho_flow == pytest.approx(sm.binding_rho)
    # the default's queues all clear by December 2030 (the typical October episode's backlog drains by then)
    assert sm.backlog_end_trains == {"dostyk": 0.0, "altynkol": 0.0, "bakhty": 0.0}
    assert sm.selyatino_end_trains == 0.0
    # Dostyk stuck at 14 trains/day while the background grows 8 %/yr: the queue never clears
    stuck = network.run(PLAN.with_values(dostyk_attainment=0.0)).summary
    assert stuck.backlog_end_trains["dostyk"] > 0
    # this flow is a few per cent of each crossing it uses (≈ 1 train/day out of ≈ 30: crossings-network.md §7)
    assert 0.01 < sm.flow_share["dostyk"] < 0.06 and sm.flow_share["bakhty"] == 0.0
    t = n.table
    assert len(t) == 3 * len(n.months)
    assert {"crossing", "month", "direction", "capacity", "background", "flow", "rho", "wait_days"} <= set(t.columns)


# --- properties -------------------------------------------------------------------------------------------------

A_ = facts.tables().assumptions
NETWORK_FIELDS = list(A_.index[A_["group"] == "network"])


def _value(name: str):
    r = A_.loc[name]
    return st.sampled_from([float(r["min"]), float(r["default"]), float(r["max"])])


@st.composite
def scenarios(draw):
    fields = {k: draw(_value(k)) for k in NETWORK_FIELDS}
    fields["rail_share"] = draw(_value("rail_share"))
    fields["attainment"] = draw(_value("attainment"))
    fields["episodes"] = draw(st.sampled_from(EPISODES))
    return PLAN.with_values(**fields)


def _waits(s: Scenario) -> np.ndarray:
    return network.run(s).wait_days


def _up(s: Scenario, field: str, to: float) -> Scenario:
    return dataclasses.replace(s, **{field: to})


# With the background regulated, a crossing's wait depends on the other's capacity and background (its excess
# spills into this one's headroom), and in the month after a cut background is held back to clear the queue. The
# properties still hold for every crossing and month because (i) spill only adds to the receiving crossing, up to
# its plan, and more background or less capacity elsewhere only raises it, and (ii) Kingman's term reads the
# server's load (arrivals + the background's backlog served in place of the trains held back), which the holding
# does not lower. Checked with 400 examples each once; 60 here.
@settings(max_examples=60, deadline=None)
@given(scenarios(), st.sampled_from(["rail_share", "bg_growth_pct", "rho0_dostyk", "rho0_altynkol", "kingman_v"]))
def test_waiting_never_falls_when_flow_background_or_v_rises(s, field):
    hi = float(A_.at[field, "max"])
    lo_w, hi_w = _waits(s), _waits(_up(s, field, hi))
    assert (hi_w >= lo_w - 1e-9).all()


@settings(max_examples=60, deadline=None)
@given(scenarios(), st.sampled_from(["dostyk_attainment", "altynkol_acceptance"]))
def test_waiting_never_falls_when_capacity_falls(s, field):
    lo = float(A_.at[field, "min"])
    assert (_waits(_up(s, field, lo)) >= _waits(s) - 1e-9).all()


@settings(max_examples=80, deadline=None)
@given(scenarios())
def test_nothing_is_nan_infinite_or_negative_at_the_slider_bounds(s):
    n = network.run(s)
    for f in ("capacity", "episode_cut", "capacity_effective", "background", "flow", "rho", "rho_background"):
        a = getattr(n, f)
        assert np.isfinite(a).all() and (a >= 0).all(), f
    for f in ("wait_kingman", "wait_backlog", "wait_days", "backlog_trains", "border_days"):
        a = getattr(n, f)
        assert np.isfinite(a).all() and (a >= 0).all(), f
    for df in (n.table, n.monthly.drop(columns="month"), n.fleet):
        num = df.select_dtypes("number").to_numpy(dtype=float)
        assert np.isfinite(num).all() and (num >= 0).all()
    sm = n.summary
    assert np.isfinite(sm.longest_wait_days) and sm.longest_wait_days >= 0
    assert np.isfinite(sm.fleet_pool) and sm.fleet_pool >= 0


def test_sensitivity_covers_every_uncertain_input_sorted_by_swing():
    sens = network.sensitivity(PLAN)
    assert set(sens["input"]) == set(network.SENSITIVE_FIELDS)
    assert (np.diff(sens["swing"].to_numpy()) <= 0).all()
    assert (sens["base"] == network.run(PLAN).summary.longest_wait_days).all()
    # a higher V can only lengthen the longest wait
    v = sens.set_index("input").loc["kingman_v"]
    assert v["wait_high"] >= v["base"] >= v["wait_low"]


# --- data files -------------------------------------------------------------------------------------------------


def _copy(tmp_path: Path, name: str, edit) -> Path:
    text = (DATA / name).read_text(encoding="utf-8")
    p = tmp_path / name
    p.write_text(edit(text), encoding="utf-8")
    return p


def test_a_negative_capacity_is_refused_naming_file_row_and_column(tmp_path):
    # row 3 of crossings.csv is dostyk 2026 (header = row 1)
    p = _copy(tmp_path, "crossings.csv", lambda t: t.replace("dostyk,2026,EB,18,", "dostyk,2026,EB,-18,", 1))
    with pytest.raises(DataError) as e:
        load_crossings(p)
    assert (e.value.file, e.value.row, e.value.column) == ("crossings.csv", 3, "capacity_trains_day")
    assert "greater_than_or_equal_to" in str(e.value)


def test_a_missing_year_of_a_crossing_is_refused(tmp_path):
    def drop(t: str) -> str:
        return "\n".join(line for line in t.splitlines() if not line.startswith("altynkol,2028,")) + "\n"

    with pytest.raises(DataError) as e:
        load_crossings(_copy(tmp_path, "crossings.csv", drop))
    assert (e.value.file, e.value.column) == ("crossings.csv", "year")
    assert "2028" in str(e.value) and "altynkol" in str(e.value)


def test_a_missing_month_of_the_background_profile_is_refused(tmp_path):
    def drop(t: str) -> str:
        return "\n".join(line for line in t.splitlines() if not line.startswith("7,")) + "\n"

    with pytest.raises(DataError) as e:
        load_background_months(_copy(tmp_path, "background_months.csv", drop))
    assert (e.value.file, e.value.column) == ("background_months.csv", "month")
    assert "month 7" in str(e.value)


def test_an_episode_at_an_unknown_crossing_is_refused(tmp_path):
    # row 3 is the typical year's Altynkol row
    p = _copy(tmp_path, "episodes.csv", lambda t: t.replace("typical,altynkol,", "typical,khorgos,", 1))
    with pytest.raises(DataError) as e:
        load_episodes(p)
    assert (e.value.file, e.value.row, e.value.column) == ("episodes.csv", 3, "crossing")
    assert "khorgos" in str(e.value)


def test_a_background_row_at_an_unknown_crossing_is_refused(tmp_path):
    p = _copy(tmp_path, "background.csv", lambda t: t.replace("rho0,altynkol,", "rho0,alashankou,", 1))
    with pytest.raises(DataError) as e:
        load_background(p)
    assert (e.value.file, e.value.column) == ("background.csv", "crossing")
    assert e.value.row is not None and "alashankou" in str(e.value)


def test_the_scenario_knows_every_episode_and_the_defaults_match_the_calibration():
    names = set(network_tables().episodes["episode"])
    assert set(EPISODES) == names | {"none"}
    assert CHOICES["episodes"][0] == "typical"
    b = network_tables().background
    assert PLAN.rho0_dostyk == b.loc[("rho0", "dostyk"), "value"]
    assert PLAN.rho0_altynkol == b.loc[("rho0", "altynkol"), "value"]


def test_old_urls_with_khorgos_share_still_parse():
    from components.data.scenario import parse_params

    s, notices = parse_params({"khorgos_share": "0.3", "episodes": "dostyk_sep2023"})
    assert notices == [] and s.khorgos_share == 0.3 and s.episodes == "dostyk_sep2023"


def test_the_chosen_episodes_are_listed_for_the_charts():
    # typical: the recorded Oct 2025 Altynkol cut, then Dostyk in September and Altynkol in October of 2026–2030
    # (2 × 5 = 10 windows): 11 windows, each cited
    ep = network.run(PLAN).episodes
    assert len(ep) == 11
    assert ep.iloc[0][["crossing", "start", "end"]].tolist() == [
        "altynkol",
        pd.Timestamp("2025-10-01"),
        pd.Timestamp("2025-10-31"),
    ]
    assert (ep["source"].str.len() > 0).all() and (ep["source_ru"].str.len() > 0).all()
    assert network.run(PLAN.with_values(episodes="none")).episodes.empty


def test_the_map_segments_put_the_agrohub_only_on_the_altynkol_path():
    seg = network.run(PLAN.with_values(dostyk_share=0.3)).segments
    nodes = set(seg["node_from"]) | set(seg["node_to"])
    assert "agrohub" in nodes
    on = seg[(seg["node_from"] == "agrohub") | (seg["node_to"] == "agrohub")]
    assert set(on["path"]) == {"altynkol"}
    # km per path: 2,900 + 400 + 900 + 3,100 = 7,300 (Dostyk); 2,900 + 400 + 857 + 293 + 3,100 = 7,550 (Altynkol)
    assert seg.groupby("path")["km"].sum().to_dict() == {"altynkol": 7550.0, "dostyk": 7300.0}
    assert set(seg.loc[seg["path"] == "dostyk", "share"]) == {0.3}
    assert np.allclose(seg.loc[seg["path"] == "altynkol", "share"], 0.7)
    assert seg[["lat_from", "lon_from", "lat_to", "lon_to"]].notna().all().all()


def test_the_recorded_october_2025_cut_at_altynkol_waits_as_long_as_reported():
    # Oct 2025: acceptance cut 14 → 10 trains/day for the month: μ = 14 × (1 − 0.29) = 9.94; λ = 13.02 background +
    # this flow > μ, so ρ > 0.97 and Kingman's wait is frozen at 3 × 0.97 / 0.03 / 9.94 = 9.759 days; the backlog
    # grows from 0 to ≈ 100 trains (mean ≈ 50 → 5.1 days), below it, so the wait is 9.76 days. Reported: 3,000 wagons
    # queued, 5.3–8.8 days by Little's law, 5–10 days for grain inspection (baq.kz 2025-10-28; crossings-network.md
    # §7): the model sits at the top of that range.
    n = network.run(PLAN)
    j = _m(n, pd.Timestamp("2025-10-01"))
    assert n.capacity_effective[A, j] == pytest.approx(9.94)
    assert n.wait_kingman[A, j] == pytest.approx(9.759, abs=1e-3)
    assert n.wait_backlog[A, j] < n.wait_kingman[A, j]
    assert n.wait_days[A, j] == pytest.approx(9.759, abs=1e-3)
    assert 5.0 <= n.wait_days[A, j] <= 10.0


# --- regulation of the background (exchange plans, spill, held at origin) ----------------------------------------
# ρ_plan = 0.96 (data/background.csv, est. 0.93–0.97). Background 2026: Dostyk 13.37 × 1.08 = 14.4396, Altynkol
# 13.02 × 1.08 = 14.0616 trains/day (Bakhty closed in 2026, even monthly profile).


def test_an_episode_is_queued_at_the_plan_then_the_excess_spills_and_is_held_and_the_backlog_drains():
    # Oct 2026 at Altynkol: the typical cut 0.45 for 28 of 31 days: μ = 15 × (1 − 0.45 × 28/31) = 8.903226. The cut
    # is new this month, so the background arrives at the plan: 14.0616 + Dostyk's excess spilled into Altynkol's
    # headroom 0.96 × 15 − 14.0616 = 0.3384 → 14.4; background's own queue (14.4 − 8.903226) × 31 = 170.4 trains.
    # ρ > 0.97: Kingman frozen: 3 × 0.97 / 0.03 / 8.903226 = 10.89493 days, the longest wait of the default.
    # Nov 2026: KTZ loads toward Altynkol 0.96 × 15 − 170.4 / 30 = 8.72 (the queue clears within the month); the
    # excess 14.0616 − 8.72 = 5.3416 goes to Dostyk up to its headroom 0.96 × 18 − 14.4396 = 2.8404; held at
    # origin 5.3416 − 2.8404 = 2.5012 trains/day.
    n = network.run(PLAN)
    o, nv = _m(n, pd.Timestamp("2026-10-01")), _m(n, pd.Timestamp("2026-11-01"))
    assert n.capacity_effective[A, o] == pytest.approx(8.903226, abs=1e-6)
    assert n.background[A, o] == pytest.approx(14.4)
    assert n.background_spill_in[A, o] == pytest.approx(0.3384)
    assert n.wait_days[A, o] == pytest.approx(10.89493, abs=1e-5)
    assert n.background[A, nv] == pytest.approx(8.72)
    assert n.background_spill_in[D, nv] == pytest.approx(2.8404)
    assert n.background[D, nv] == pytest.approx(0.96 * 18)
    assert n.background_held[A, nv] == pytest.approx(2.5012)
    sm = n.summary
    assert (sm.longest_wait_where, sm.longest_wait_month) == ("altynkol", pd.Timestamp("2026-10-01"))
    assert sm.longest_wait_days == pytest.approx(10.89493, abs=1e-5)
    # what is left is this flow's own trains (≈ 0.5 a day in October); the plan leaves 15 × 0.04 = 0.6 a day of
    # slack plus the background's absence: the queue is gone within three months of the cut (weeks–months)
    assert n.backlog_trains[A, o] > 150
    assert n.backlog_trains[A, nv] < 20
    assert n.backlog_trains[A, o + 3] == 0.0


def test_a_crossing_stuck_at_14_a_day_holds_background_back_by_hand():
    # Dostyk attainment 0, June 2030, no episodes, Bakhty closed: demand 13.37 × 1.08^5 = 13.37 × 1.469328 = 19.6449
    # → Dostyk takes 0.96 × 14 = 13.44; Altynkol demand 13.02 × 1.469328 = 19.1307 under its limit 0.96 × 20 = 19.2,
    # headroom 0.0693 → spill 0.0693; held 19.6449 − 13.44 − 0.0693 = 6.1356 trains/day. In tonnes: Dostyk's EB
    # tonnes per background train 35 Mt × 0.54 × 0.675 / 365 / 13.37 = 0.00261422 Mt → 6.1356 × 30 × 0.00261422
    # = 0.48119 Mt held in the month.
    n = network.run(PLAN.with_values(dostyk_attainment=0.0, bakhty_open=0.0, episodes="none"))
    j = _m(n, JUN_2028.replace(year=2030))
    assert n.background_demand[D, j] == pytest.approx(19.6449, abs=1e-4)
    assert n.background[D, j] == pytest.approx(13.44)
    assert n.background_spill_in[A, j] == pytest.approx(0.0693, abs=1e-4)
    assert n.background[A, j] == pytest.approx(19.2)
    assert n.background_held[D, j] == pytest.approx(6.1356, abs=1e-4)
    assert n.background_held_mt[D, j] == pytest.approx(0.48119, abs=1e-5)
    assert n.summary.background_held_mt["dostyk"] > 0.48


@settings(max_examples=40, deadline=None)
@given(scenarios())
def test_spill_conserves_trains_held_plus_carried_equals_demanded(s):
    n = network.run(s)
    dem, car, held, sp_in = n.background_demand, n.background, n.background_held, n.background_spill_in
    sp_out = sp_in[[A, D]]  # what Dostyk sends is what Altynkol receives, and the other way
    assert (held >= -1e-12).all() and (sp_in >= -1e-12).all()
    # per crossing: demanded = carried − spill in + spill out + held
    assert np.allclose(dem[:2], car[:2] - sp_in[:2] + sp_out + held[:2])
    # over the two crossings: demanded = carried + held (trains are neither lost nor made)
    assert np.allclose(dem[:2].sum(axis=0), car[:2].sum(axis=0) + held[:2].sum(axis=0))
    # the plan is respected: background carried ≤ 0.96 × planned capacity
    assert (car[:2] <= 0.96 * n.capacity[:2] + 1e-9).all()


@settings(max_examples=40, deadline=None)
@given(scenarios(), st.sampled_from([0.0, 0.3, 3.0]), st.sampled_from([2.0, 14.0]))
def test_background_never_depends_on_this_flow(s, scale, slots):
    fl = network.flow_arrays(s)
    other = {**fl, "feu": fl["feu"] * scale, "trains": fl["trains"] * scale}
    a, b = network.run(s, flow=fl), network.run(dataclasses.replace(s, slots_per_week=slots), flow=other)
    for f in ("background_demand", "background", "background_held", "background_spill_in", "background_held_mt"):
        assert np.array_equal(getattr(a, f), getattr(b, f)), f


def _ends():
    rows = [(k, float(A_.at[k, "min"])) for k in [*NETWORK_FIELDS, "rail_share", "attainment", "delay_months"]]
    rows += [(k, float(A_.at[k, "max"])) for k in [*NETWORK_FIELDS, "rail_share", "attainment", "delay_months"]]
    return rows


@pytest.mark.parametrize(("field", "value"), _ends())
def test_the_longest_wait_at_every_slider_end_is_below_60_days_or_flagged_as_never_clearing(field, value):
    # Bound: 60 days (network.DISPLAY_CAP_DAYS, two months). With the background held to the plan, a crossing's
    # wait is at most Kingman's frozen 3 (V up to 5) × 0.97 / 0.03 / μ plus this flow's own backlog; the worst single
    # slider end measured is Altynkol acceptance 0.65 (≈ 26 days, a queue that does not clear). Before the
    # regulation these ends gave ≈ 400 days (Dostyk attainment 0) and ≈ 870 days (Altynkol acceptance 0.65).
    sm = network.run(PLAN.with_values(**{field: value})).summary
    assert sm.longest_border_wait_days <= 60.0
    if sm.longest_wait_days > 60.0:
        assert sm.longest_wait_over_cap and sm.never_clears[sm.longest_wait_where]
        assert sm.longest_wait_days_display == 60.0
    else:
        assert not sm.longest_wait_over_cap and sm.longest_wait_days_display == sm.longest_wait_days


def test_queues_that_never_clear_are_named_with_the_boxes_left_waiting():
    # Default: every queue clears in the last year.
    sm = network.run(PLAN).summary
    assert sm.never_clears == {"dostyk": False, "altynkol": False, "bakhty": False, "selyatino": False}
    assert sm.end_month == pd.Timestamp("2030-12-01")
    # 2 slots a week = 2/7 × 31 = 8.857 trains in December against ≈ 0.95 train a day of demand: the Selyatino queue
    # grows for good; the display figure stops at 60 days and the summary names the boxes left waiting
    slow = network.run(PLAN.with_values(slots_per_week=2)).summary
    assert slow.never_clears["selyatino"] and slow.longest_wait_where == "selyatino"
    assert slow.longest_wait_over_cap and slow.longest_wait_days_display == 60.0
    assert slow.end_backlog_feu["selyatino"] == pytest.approx(slow.selyatino_end_trains * 60.0, rel=1e-9)
    # Dostyk stuck at 14 a day with the background at the plan: 0.04 × 14 = 0.56 a day of slack against ≈ 0.5 of
    # this flow plus each September's episode: the queue never empties in 2030
    stuck = network.run(PLAN.with_values(dostyk_attainment=0.0)).summary
    assert stuck.never_clears["dostyk"] and not stuck.never_clears["altynkol"]
    assert stuck.end_backlog_feu["dostyk"] > 0


@st.composite
def whole_scenarios(draw):
    """Every numeric field of the scenario anywhere in its slider range, and every choice."""
    a = facts.tables().assumptions
    values = {k: draw(st.floats(float(a.at[k, "min"]), float(a.at[k, "max"]))) for k in Scenario.numeric_fields()}
    choices = {k: draw(st.sampled_from(options)) for k, options in CHOICES.items()}
    return PLAN.with_values(**values, **choices)


@settings(max_examples=25, deadline=None)
@given(whole_scenarios())
def test_the_shared_network_equals_one_computed_from_the_whole_scenario(s):
    # run(s) is computed once per network.key(s) (every field it does not read at its default) and shared with the
    # economics; if the network read a field outside the key, this comparison with a computation from the whole
    # scenario would differ (planted once: a key without 'slots_per_week' fails it)
    shared = network.run(s)
    whole = network._run(s, network.flow_arrays(s))
    pd.testing.assert_frame_equal(shared.table, whole.table)
    pd.testing.assert_frame_equal(shared.monthly, whole.monthly)
    pd.testing.assert_frame_equal(shared.fleet, whole.fleet)
    assert shared.summary == whole.summary
