"""The corridor as shared infrastructure: every crossing carries everyone's traffic, and this flow waits in its queue.

API (read this first)
---------------------
``run(s)`` → :class:`Network`, computed once per scenario (pure; no Streamlit). ``flow`` may be given (the monthly
flow of :func:`flow_arrays`); by default it is computed from the scenario. ``sensitivity(s)`` → DataFrame of which
uncertain input moves this flow's longest wait most.

:class:`Network` fields (arrays are ``(crossing, month)``, crossings in the order of :attr:`Network.crossings`,
months in :attr:`Network.months`; direction is eastbound, toward China, the direction of this flow):

- ``crossings`` tuple[str]: ``("dostyk", "altynkol", "bakhty")``; ``months`` DatetimeIndex (first of each month).
- ``capacity`` [trains/day]: dated eastbound hand-over capacity (``data/crossings.csv``; Dostyk by the plan
  attainment, Altynkol by the China-side acceptance up to the line's 18 → 33 trains/day, Bakhty when open), before
  episodes.
- ``episode_cut`` [share]: share of the month's capacity lost to China-side acceptance episodes (days × depth).
- ``capacity_effective`` [trains/day] = capacity × (1 − episode_cut).
- ``background`` [trains/day]: everyone else's eastbound trains that arrive at the crossing (ρ₀ calibrated from
  counts, grown by ``bg_growth_pct``; part moved to Bakhty once open; regulated by the exchange plans, with spill
  between Dostyk and Altynkol: Method 2b). Never depends on this flow.
- ``background_demand`` [trains/day]: the background that would cross before regulation; ``background_held``
  [trains/day]: the part held at origin or diverted off the two crossings, by the crossing it was bound for;
  ``background_held_mt`` [Mt in the month]: the same in eastbound tonnes; ``background_spill_in`` [trains/day]:
  background moved in from the other crossing. At each crossing demand = background − spill in + spill out +
  held; over the two crossings demand = background + held (trains are conserved).
- ``rho_server`` [share]: the server's load, (background + flow + the background's own backlog served in place of
  the trains held back) / capacity_effective; Kingman's term uses it (so holding background back to clear a
  queue does not shorten anyone's wait that month).
- ``flow`` [trains/day]: this flow's trains sent that month (after the slot cap), split by ``dostyk_share``.
- ``rho`` [share] = (background + flow) / capacity_effective; ``rho_background`` [share] = background /
  capacity_effective. 0 where a crossing has no capacity (Bakhty before it opens).
- ``wait_kingman`` [days]: Kingman's Wq = V·ρ/(1−ρ)/μ with ρ = ``rho_server`` capped at :data:`RHO_CAP`
  (μ = capacity_effective).
- ``backlog_trains`` [trains]: fluid backlog at month end, carried month to month (grows by λ − μ, drains with
  slack); ``wait_backlog`` [days]: the month's mean backlog ÷ μ (Little's law).
- ``wait_days`` [days] = max(wait_kingman, wait_backlog): the fluid backlog replaces Kingman's stationary wait where
  it is the longer (ρ ≥ 1, an episode, or the months its backlog drains); ``border_days`` [days] =
  processing_days + wait_days.
- ``table`` DataFrame (tidy, one row per crossing × month): ``crossing``, ``month``, ``direction``, ``capacity``,
  ``capacity_effective``, ``episode_cut``, ``background``, ``flow``, ``rho``, ``rho_background``, ``rho_flow``
  (= rho − rho_background), ``flow_share`` (flow / (background + flow)), ``wait_kingman_days``,
  ``wait_backlog_days``, ``wait_days``, ``backlog_trains``, ``border_days``, ``background_demand``,
  ``background_held``, ``background_held_mt``, ``background_spill_in``, ``rho_server``. Units as above.
- ``monthly`` DataFrame (this flow, one row per month): ``month``; ``demand_trains``, ``sent_trains``,
  ``deferred_trains`` (waiting at Selyatino at month end) [trains/month, trains]; ``feu_demand``, ``feu_crossed``,
  ``feu_crossed_dostyk``, ``feu_crossed_altynkol``, ``feu_deferred`` [FEU/month; deferred: FEU at month end];
  ``feu_dry_crossed``, ``feu_reefer_crossed`` [FEU/month]; ``selyatino_wait_days`` [days]; ``border_wait_days``
  (flow-weighted over the two crossings) [days]; ``d2d_dostyk_days``, ``d2d_altynkol_days``, ``d2d_days``
  (Selyatino → Xi'an, flow-weighted) [days]; ``box_days_border``, ``box_days_selyatino`` [FEU·days in the
  month]; ``waiting_cost_rub`` [RUB in the month, dry and reefer boxes at their waiting costs];
  ``gen_cost_dostyk_rub_feu``, ``gen_cost_altynkol_rub_feu`` (generalized time cost of a box on each path:
  door-to-door days × the box-day waiting cost, dry/reefer blended [RUB/FEU]; rail tariffs are not found, so this
  compares paths by time only; the split stays the ``dostyk_share`` slider).
- ``fleet`` DataFrame (one row per calendar year): ``year``, ``feu_dry``, ``feu_reefer`` [FEU/yr], ``round_trip_days``
  [days], ``pool_dry``, ``pool_reefer``, ``pool`` (operator's own boxes = (1 − reload) × FEU × round trip / 365),
  ``pool_no_reload`` [FEU].
- ``paths`` DataFrame: ``path``, ``km`` (Selyatino → Xi'an), ``km_to_border``, ``running_days`` [km, days].
- ``segments`` DataFrame (for the map): ``path``, ``seq``, ``node_from``, ``node_to``, ``name_from_en``,
  ``name_from_ru``, ``name_to_en``, ``name_to_ru``, ``lat_from``, ``lon_from``, ``lat_to``, ``lon_to`` [degrees],
  ``km`` [km], ``share`` (this flow's share on the path [share]: ``dostyk_share`` or 1 − it), ``source``,
  ``source_ru``. The Agrohub lies only on the ``altynkol`` path.
- ``episodes`` DataFrame: the chosen episodes as replayed in the horizon, one row per window: ``episode``,
  ``crossing``, ``start``, ``end`` (first and last day, Timestamps), ``depth`` [share of capacity lost], ``name_en``,
  ``name_ru``, ``source``, ``source_ru`` (for marking them on charts, with tooltips).
- ``summary`` :class:`Summary`: where and when this flow waits longest and how long, the binding crossing and
  month with background and this flow separated, peak ρ per crossing, this flow's share of each crossing,
  door-to-door in a normal month, fleet, the backlog left at the end, whether each queue clears
  (``never_clears``, with this flow's boxes still waiting, ``end_backlog_feu``), a display figure capped at
  :data:`DISPLAY_CAP_DAYS`, and the background held back (trains, Mt) and moved to the other crossing.

Method
------
1. Capacity μ(c, m) from ``data/crossings.csv`` by year; episodes of ``data/episodes.csv`` (the scenario's
   ``episodes`` choice: ``typical`` = the recorded Oct 2025 Altynkol cut, then Dostyk in September and Altynkol in
   October every year from 2026; a named episode is replayed on its calendar dates every year) cut it by
   depth × days in episode / days.
2. Background λ_bg(c, m) = ρ₀(c) × μ(c, 2025) × (1 + g)^(year − 2025) × 12 × month weight; ρ₀ comes from
   independent counts (``data/background.csv``), never from tonnes ÷ the capacity itself, never from this flow.
   Once Bakhty opens it takes ``bakhty_share`` of Dostyk's and Altynkol's background, at most ``bakhty_cap_use`` of
   its capacity.
2b. Regulation (``rho_plan`` in ``data/background.csv``: 0.96, est. 0.93–0.97, the regulated utilisation of
   2025 from independent counts; the Dostyk–Alashankou "exchange agreed 14 trains/day", KTZ's loading stops toward
   Dostyk in Sep 2023 and its 3-a-day limit in the Oct 2025 Altynkol cut). KTZ loads background toward a crossing
   up to ρ_plan × its planned capacity. A cut that starts in a month is not known in advance: that month's
   background arrives at the plan and queues (the recorded Oct 2025 queue). From the next month KTZ loads toward
   the cut crossing only up to ρ_plan × the capacity still cut, less what the background's own queue needs to
   clear within the month; the excess goes to the other crossing up to its own limit (the rerouting is an
   estimate: not cited), the rest is held at origin (:func:`_regulate`). The background's own queue is tracked
   apart, so the regulation never sees this flow. This flow is not regulated: capped only by its slots, it
   queues with whatever slack the plan leaves, (1 − ρ_plan) × μ. Where that is less than this flow, its queue
   does not clear, and the summary says so (``never_clears``).
3. This flow: monthly trains (:func:`flow_arrays`, from :mod:`components.model.chain`'s seasonal flow), capped by
   the contracted slots (``slots_per_week``; never part of ρ). Demand above the cap waits at Selyatino (Lindley
   recursion), and is sent when slots are free.
4. Per crossing and month: ρ, Kingman's Wq, the fluid backlog (Lindley recursion on (λ − μ) × days), waiting.
   Kingman's term is frozen at ρ = :data:`RHO_CAP` above it, and the wait is the larger of it and the backlog's
   wait (so waiting never falls as ρ passes 1). Check against the cited Oct 2025 Altynkol cut (14 → 10 trains/day):
   the model's month-end queue is ≈ 100 trains and its wait ≈ 10 days, against ≈ 3,000 wagons (53–79 trains at
   38–57 wagons) and 5.3–8.8 days by Little's law (crossings-network.md §7). Only the eastbound direction is a queue: no cited westbound capacity or ρ₀ exists, and this
   flow's boxes travel loaded eastbound; the return leg takes processing and the China-side station without queueing.
5. Door-to-door per path = Selyatino slot wait + km / speed + processing + border wait + China-side station +
   terminals (+ Agrohub stop on the Altynkol path). Fleet from the round trip including the China leg.

Sources: ``shared/research/crossings-network.md`` (What this means for the model, §1.2, §1.3, §1.5, §3, §4, §5, §7).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from types import SimpleNamespace

import numpy as np
import pandas as pd

from components.data import facts
from components.data.network_tables import CROSSINGS, EPISODE_COLUMNS, YEARS, network_tables
from components.data.scenario import Scenario
from components.model import chain, projection

#: Kingman's ρ is capped here: above it the stationary wait is frozen and the fluid backlog takes over. 0.97 is the
#: top of the forwarders' 6–7 days at Dostyk (≈ 2023, index1520), which fit ρ 0.96–0.97 with V = 3, μ = 14 (§7).
RHO_CAP = 0.97
#: Days a box stays at the destination and at Selyatino between trips (crossings-network.md, round trip ≈ 30 days
#: = 13 out + 3 at destination + 10–13 back + 3 at Selyatino; est.).
DEST_DAYS = 3.0
HOME_DAYS = 3.0
DAYS_PER_WEEK = 7.0
DAYS_PER_YEAR = 365.0
#: Where this flow can wait: the two crossings on its paths, or Selyatino (for a contracted slot).
WAIT_PLACES = ("dostyk", "altynkol", "selyatino")
#: Above this the page shows "more than 60 days" instead of the figure (Summary.longest_wait_days_display): two
#: months is above every wait in the episode library of crossings-network.md §1.5 except 2011's ~3 months at
#: Alashankou (oceanfreight.com, L), and at that length the fluid queue's days depend on the horizon (decision, est.).
DISPLAY_CAP_DAYS = 60.0
#: A queue "does not clear" when it is never below this in the horizon's last twelve months [trains]: less than a
#: train is no queue.
CLEAR_TRAINS = 0.5
#: Places whose queue may not clear (Summary.never_clears).
QUEUE_PLACES = ("dostyk", "altynkol", "bakhty", "selyatino")
#: Base year of the background and of ρ₀.
BASE_YEAR = 2025
#: Fields of the scenario that change this flow's monthly volumes (the rest change only the network).
FLOW_FIELDS = (
    "shape",
    "profile",
    "delay_months",
    "attainment",
    "growth_after_pct",
    "rail_share",
    "reefer_share",
    "feu_payload_t",
    "reefer_payload_t",
    "feu_per_train",
)
#: Uncertain inputs that :func:`sensitivity` sets to the low and high ends of their ranges. The contracted slots are
#: a decision, not an uncertainty, and are left out (at 2 a week the queue at Selyatino never clears).
SENSITIVE_FIELDS = (
    "bg_growth_pct",
    "rho0_dostyk",
    "rho0_altynkol",
    "dostyk_attainment",
    "altynkol_acceptance",
    "kingman_v",
    "bakhty_open",
    "bakhty_share",
    "dostyk_share",
    "typical_episode_depth",
    "typical_episode_weeks",
    "processing_days",
    "attainment",
    "delay_months",
    "feu_per_train",
    "feu_payload_t",
    "reefer_share",
)


@dataclass(frozen=True)
class Summary:
    """The network's answer in a few numbers.

    Attributes
    ----------
    longest_wait_days : float
        This flow's longest wait over the months [days]: a border wait (Kingman + backlog) at a crossing it uses,
        or the wait for a contracted slot at Selyatino, whichever is longer.
    longest_wait_where : str
        Where: one of :data:`WAIT_PLACES` (``dostyk``, ``altynkol``, ``selyatino``). longest_wait_month : Timestamp.
    longest_border_wait_days : float; longest_border_wait_crossing : str; longest_border_wait_month : Timestamp
        The same over the two crossings only [days].
    longest_selyatino_wait_days : float
        Longest wait for a contracted slot at Selyatino [days]; 0 when the slots never bind.
    binding_crossing, binding_month : str, Timestamp
        The crossing-month with the highest ρ among the crossings this flow uses.
    binding_rho, binding_rho_background, binding_rho_flow : float
        Its ρ and the parts from background and from this flow [share].
    peak_rho : dict[str, float]
        Highest ρ per crossing [share]; ``peak_rho_month`` dict[str, Timestamp] when.
    flow_share : dict[str, float]
        This flow's share of each crossing's eastbound trains over the horizon [share].
    d2d_normal_days : float
        Door-to-door Selyatino → Xi'an, flow-weighted, median month of the last full year [days].
    d2d_range_days : tuple[float, float]
        Lowest and highest flow-weighted door-to-door over the months with flow [days].
    fleet_year : int; fleet_pool : float
        The last full year and the operator's own box pool then [FEU].
    waiting_cost_rub : float
        Waiting cost of this flow over the horizon, border and Selyatino [RUB].
    backlog_end_trains : dict[str, float]
        Backlog left at each crossing at the end of the horizon [trains] (background and this flow). Above 0 it may
        be an episode's tail that is still draining; ``never_clears`` says whether the queue clears at all.
    selyatino_end_trains : float
        This flow's trains still waiting for a slot at Selyatino at the end of the horizon [trains].
    never_clears : dict[str, bool]
        Per place of :data:`QUEUE_PLACES` (``dostyk``, ``altynkol``, ``bakhty``, ``selyatino``): True when its queue
        is never below :data:`CLEAR_TRAINS` in the horizon's last twelve months, so the queue does not clear and
        its waiting days grow with the horizon (the page says so instead of a number of days).
    end_backlog_feu : dict[str, float]
        This flow's boxes in each place's queue at the end of the horizon [FEU]: at a crossing its share of the
        month's arrivals × the backlog × boxes per train; at Selyatino the boxes waiting for a slot.
    end_month : Timestamp
        The horizon's last month (for "N boxes waiting by Dec 2030").
    longest_wait_days_display : float
        ``longest_wait_days`` capped at :data:`DISPLAY_CAP_DAYS` [days]; ``longest_wait_over_cap`` bool: above it.
    background_held_trains : dict[str, float]
        Background held at origin (or diverted off the two crossings) over the horizon, by the crossing it was
        bound for [trains]; ``background_held_mt`` the same in [Mt] (eastbound tonnes per background train of the
        crossing); ``background_spilled_trains`` background moved to the other crossing, by the crossing it was
        bound for [trains]. 0 for Bakhty (not regulated).
    """

    longest_wait_days: float
    longest_wait_where: str
    longest_wait_month: pd.Timestamp
    longest_border_wait_days: float
    longest_border_wait_crossing: str
    longest_border_wait_month: pd.Timestamp
    longest_selyatino_wait_days: float
    binding_crossing: str
    binding_month: pd.Timestamp
    binding_rho: float
    binding_rho_background: float
    binding_rho_flow: float
    peak_rho: dict
    peak_rho_month: dict
    flow_share: dict
    d2d_normal_days: float
    d2d_range_days: tuple
    fleet_year: int
    fleet_pool: float
    waiting_cost_rub: float
    backlog_end_trains: dict
    selyatino_end_trains: float
    never_clears: dict
    end_backlog_feu: dict
    end_month: pd.Timestamp
    longest_wait_days_display: float
    longest_wait_over_cap: bool
    background_held_trains: dict
    background_held_mt: dict
    background_spilled_trains: dict


@dataclass(frozen=True)
class Network:
    """One scenario's network result; see the module docstring for every field and its unit."""

    crossings: tuple
    months: pd.DatetimeIndex
    capacity: np.ndarray
    episode_cut: np.ndarray
    capacity_effective: np.ndarray
    background: np.ndarray
    flow: np.ndarray
    rho: np.ndarray
    rho_background: np.ndarray
    wait_kingman: np.ndarray
    wait_backlog: np.ndarray
    wait_days: np.ndarray
    backlog_trains: np.ndarray
    border_days: np.ndarray
    table: pd.DataFrame
    monthly: pd.DataFrame
    fleet: pd.DataFrame
    paths: pd.DataFrame
    segments: pd.DataFrame
    episodes: pd.DataFrame
    summary: Summary
    background_demand: np.ndarray
    background_held: np.ndarray
    background_spill_in: np.ndarray
    background_held_mt: np.ndarray
    rho_server: np.ndarray


# ---------------------------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------------------------
def flow_arrays(s: Scenario, end: pd.Timestamp = projection.HORIZON_END) -> dict[str, np.ndarray]:
    """This flow month by month, as :func:`components.model.chain.flow` computes it.

    Parameters
    ----------
    s : Scenario
        The scenario (projection, profile, rail share, payloads, reefer share, boxes per train).
    end : Timestamp
        Last month of the horizon.

    Returns
    -------
    dict of arrays
        ``month`` (DatetimeIndex), ``year``, ``moy`` (calendar year and month 1–12, int arrays), ``tonnes``
        [t/month], ``feu`` [FEU/month], ``trains`` [trains/month], ``days`` [days in the month],
        ``reefer_feu_share`` (share of boxes that are reefers [share], scalar).
    """
    months, tonnes, days, year, moy = _seasonal_tonnes(
        s.shape, s.profile, s.delay_months, s.attainment, s.growth_after_pct, s.rail_share, end
    )
    dry = (1.0 - s.reefer_share) / s.feu_payload_t
    reefer = s.reefer_share / s.reefer_payload_t
    feu = tonnes * (dry + reefer)  # as capacity.feu_for
    return {
        "month": months,
        "year": year,
        "moy": moy,
        "tonnes": tonnes,
        "feu": feu,
        "trains": feu / s.feu_per_train,
        "days": days,
        "reefer_feu_share": reefer / (dry + reefer) if dry + reefer > 0 else 0.0,
    }


@lru_cache(maxsize=128)
def _seasonal_tonnes(
    shape: str, profile: str, delay: float, attainment: float, growth: float, rail_share: float, end: pd.Timestamp
) -> tuple[pd.DatetimeIndex, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """This flow's seasonal tonnes by rail via Selyatino [t/month] (as :func:`components.model.chain.flow`), the
    days in each month [days], its calendar year and month (1–12)."""
    s = Scenario.default().with_values(
        shape=shape,
        profile=profile,
        delay_months=delay,
        attainment=attainment,
        growth_after_pct=growth,
        rail_share=rail_share,
    )
    traj = projection.trajectory(s, end)
    months = pd.DatetimeIndex(traj["month"])
    t = chain.seasonalise(months, traj["tonnes"].to_numpy(), chain.profile_weights(profile)) * rail_share
    days = months.days_in_month.to_numpy().astype(float)
    year, moy = months.year.to_numpy(), months.month.to_numpy()  # kept too: ~0.1 ms to read off the index
    for a in (t, days, year, moy):
        a.setflags(write=False)
    return months, t, days, year, moy


@lru_cache(maxsize=8)
def _static() -> dict:
    """Tables turned into arrays once per process."""
    t = network_tables()
    c = t.crossings
    central = np.zeros((len(CROSSINGS), len(YEARS)))
    line = np.full((len(CROSSINGS), len(YEARS)), np.inf)
    for i, name in enumerate(CROSSINGS):
        rows = c[c["crossing"] == name].set_index("year")
        central[i] = rows.loc[list(YEARS), "capacity_trains_day"].to_numpy(dtype=float)
        line[i] = rows.loc[list(YEARS), "line_trains_day"].fillna(np.inf).to_numpy(dtype=float)
    b = t.background
    r = t.routes
    km = {p: float(r.loc[r["path"] == p, "km"].sum()) for p in ("dostyk", "altynkol")}
    km_border = {
        p: float(r.loc[(r["path"] == p) & (r["destination"].str.strip() == ""), "km"].sum())
        for p in ("dostyk", "altynkol")
    }
    return {
        "central": central,
        "line": line,
        "month_weight": t.background_months["weight"].to_numpy(dtype=float),
        "total_2025": float(b.loc[("total_2025", "all"), "value"]),
        "share_dostyk": float(b.loc[("share", "dostyk"), "value"]),
        "bakhty_cap_use": float(b.loc[("bakhty_cap_use", "bakhty"), "value"]),
        "rho_plan": float(b.loc[("rho_plan", "all"), "value"]),
        "share_eb": (float(b.loc[("eb_share", "dostyk"), "value"]), float(b.loc[("eb_share", "altynkol"), "value"])),
        "km": km,
        "km_border": km_border,
    }


def _episode_cut(choice: str, start: pd.Timestamp, n_months: int, depth: float, weeks: float) -> np.ndarray:
    """(crossing, month) share of capacity lost: see :func:`_episodes`."""
    return _episodes(choice, start, n_months, depth, weeks)[0]


#: an episode's name and source in every language ``episodes.csv`` gives (the presentation picks the reader's)
EPISODE_TEXT = [*facts.text_columns(EPISODE_COLUMNS, "name"), *facts.text_columns(EPISODE_COLUMNS, "source")]
EPISODE_WINDOW_COLUMNS = ["episode", "crossing", "start", "end", "depth", *EPISODE_TEXT]


@lru_cache(maxsize=1)
def _episode_rows() -> dict[str, list[dict]]:
    """The episodes of ``data/episodes.csv`` as plain records, by episode name."""
    out: dict[str, list[dict]] = {}
    for r in network_tables().episodes.to_dict("records"):
        out.setdefault(r["episode"], []).append(
            {
                "i": CROSSINGS.index(r["crossing"]),
                "crossing": r["crossing"],
                "year": r["start"].year,
                "month": r["start"].month,
                "day": min(r["start"].day, 28) if r["start"].month == 2 else r["start"].day,
                "length": (r["end"] - r["start"]).days + 1,
                "depth": float(r["depth"]),
                "yearly": r["repeat"] == "yearly",
                "cite": tuple(r[c] for c in EPISODE_TEXT),
            }
        )
    return out


@lru_cache(maxsize=64)
def _episodes(choice: str, start: pd.Timestamp, n_months: int, depth: float, weeks: float) -> tuple[np.ndarray, list]:
    """Share of each crossing-month's capacity lost to the chosen episodes, and the windows inside the horizon.

    A ``yearly`` row is replayed on its calendar dates every year from its start year (a historical episode, which
    started before the horizon, every year of it); a ``once`` row only on its dates. The typical year's yearly rows
    take ``depth`` and a length of ``weeks`` from their start date; other rows keep theirs. Overlapping cuts add up,
    capped at 0.95. The windows are tuples in the order of :data:`EPISODE_WINDOW_COLUMNS`.
    """
    first = np.datetime64(f"{start.year:04d}-{start.month:02d}", "M")
    m0 = (first + np.arange(n_months)).astype("datetime64[D]")
    m1 = (first + np.arange(1, n_months + 1)).astype("datetime64[D]")
    days = (m1 - m0).astype(float)
    y0 = start.year
    y1 = int(str(first + (n_months - 1))[:4])
    cut = np.zeros((len(CROSSINGS), n_months))
    windows: list[tuple] = []
    for row in _episode_rows().get(choice, []):
        scaled = choice == "typical" and row["yearly"]
        d = depth if scaled else row["depth"]
        length = int(round(weeks * DAYS_PER_WEEK)) if scaled else row["length"]
        years = range(max(row["year"], y0 - 1), y1 + 1) if row["yearly"] else (row["year"],)
        for year in years:
            a64 = np.datetime64(f"{year:04d}-{row['month']:02d}-{row['day']:02d}", "D")
            b64 = a64 + np.timedelta64(length, "D")
            overlap = np.clip(np.minimum(m1, b64) - np.maximum(m0, a64), 0, None).astype(float)
            if overlap.sum() > 0:
                cut[row["i"]] += d * overlap / days
                windows.append((choice, row["crossing"], a64, b64 - np.timedelta64(1, "D"), d) + row["cite"])
    np.clip(cut, 0.0, 0.95, out=cut)
    cut.setflags(write=False)
    return cut, windows


@lru_cache(maxsize=64)
def _episode_table(choice: str, start: pd.Timestamp, n_months: int, depth: float, weeks: float) -> pd.DataFrame:
    """The windows of :func:`_episodes` as a table, kept per its arguments (~0.5 ms to make; most scenarios share
    their episodes)."""
    rows = sorted(_episodes(choice, start, n_months, depth, weeks)[1], key=lambda w: (w[2], w[1]))
    cols = {c: [w[k] for w in rows] for k, c in enumerate(EPISODE_WINDOW_COLUMNS)}
    for c in ("start", "end"):
        cols[c] = np.array(cols[c], dtype="datetime64[D]").astype("datetime64[ns]")
    cols["depth"] = np.array(cols["depth"], dtype=float)
    return pd.DataFrame(cols)


def _lindley(net: np.ndarray) -> np.ndarray:
    """Queue at each step's end for increments ``net`` along the last axis, starting empty: max(0, q + net)."""
    x = np.cumsum(net, axis=-1)
    return x - np.minimum(np.minimum.accumulate(x, axis=-1), 0.0)


def _mean_queue(q0: np.ndarray, q1: np.ndarray, net: np.ndarray) -> np.ndarray:
    """Mean of a linear fluid queue over a step that starts at ``q0``, ends at ``q1`` after increment ``net``."""
    emptied = (q1 <= 0.0) & (q0 > 0.0)
    tri = np.where(emptied, q0 * q0 / (2.0 * np.maximum(-net, 1e-12)), 0.0)
    return np.where(emptied, tri, 0.5 * (q0 + q1))


def _regulate(dem_d, dem_a, cap_d, cap_a, cut_d, cut_a, mu_d, mu_a, days, rho_plan: float) -> dict:
    """Background loading regulated by the exchange plans, with spill between Dostyk and Altynkol.

    Month by month, for each of the two crossings c (background only; this flow never enters):

    - reference capacity ref = cap × (1 − min(cut, cut of the month before)): the plan before episodes, or the
      part of a cut that was already in force the month before (KTZ reacts to a cut it knows; a cut starting this
      month is not yet known, so its month queues at the planned loading);
    - limit = max(0, ρ_plan × ref − B_bg / days): the plan, less what the background's own queue B_bg (carried
      from the month before) needs to clear within the month;
    - own = min(demand, limit); excess = demand − own; headroom = limit − own;
    - spill to the other crossing = min(excess, the other's headroom); held = excess − spill (held at origin);
    - carried = own + spill in; B_bg ← max(0, B_bg + (carried − μ) × days) with μ the effective capacity.

    Parameters
    ----------
    dem_d, dem_a : ndarray
        Background that wants to cross at Dostyk and Altynkol [trains/day], by month.
    cap_d, cap_a : ndarray
        Planned capacity before episodes [trains/day]. cut_d, cut_a : ndarray, episode cut [share].
    mu_d, mu_a : ndarray
        Effective capacity [trains/day]. days : ndarray, days in the month [days].
    rho_plan : float
        Utilisation of the plan up to which background is loaded [share].

    Returns
    -------
    dict of (2, month) arrays, rows Dostyk and Altynkol
        ``carried`` [trains/day] (own + spill in), ``held`` [trains/day] (demand held at origin),
        ``spill_in`` [trains/day], ``drain`` (the background's backlog from the month before served this month
        ÷ days [trains/day], at most the backlog), ``backlog`` (background's own queue at month end [trains]).
        demand = carried − spill in + spill out + held at each crossing, and over both: demand = carried + held.
    """
    # plain Python floats in lists, made arrays once at the end: the same arithmetic (bitwise), without writing each
    # month into numpy arrays item by item (0.10 → 0.07 ms a call)
    n = len(days)
    dd, da = dem_d.tolist(), dem_a.tolist()
    cd, ca = cap_d.tolist(), cap_a.tolist()
    kd, ka = cut_d.tolist(), cut_a.tolist()
    md, ma = mu_d.tolist(), mu_a.tolist()
    dy = days.tolist()
    rows: list[tuple[float, ...]] = []
    bd = ba = 0.0
    pkd = pka = 0.0
    for m in range(n):
        t = dy[m]
        ld = rho_plan * cd[m] * (1.0 - min(kd[m], pkd)) - bd / t
        la = rho_plan * ca[m] * (1.0 - min(ka[m], pka)) - ba / t
        ld = ld if ld > 0.0 else 0.0
        la = la if la > 0.0 else 0.0
        od = dd[m] if dd[m] < ld else ld
        oa = da[m] if da[m] < la else la
        ed, ea = dd[m] - od, da[m] - oa
        hd, ha = ld - od, la - oa
        sda = ed if ed < ha else ha  # Dostyk's excess into Altynkol's headroom
        sad = ea if ea < hd else hd
        cdm, cam = od + sad, oa + sda
        drain_d, drain_a = bd / t, ba / t
        bd = bd + (cdm - md[m]) * t
        ba = ba + (cam - ma[m]) * t
        bd = bd if bd > 0.0 else 0.0
        ba = ba if ba > 0.0 else 0.0
        # carried, held, spill in, drain, backlog; Dostyk then Altynkol
        rows.append((cdm, cam, ed - sda, ea - sad, sad, sda, drain_d, drain_a, bd, ba))
        pkd, pka = kd[m], ka[m]
    out = np.array(rows, dtype=float).reshape(n, 10).T.reshape(5, 2, n)
    carried, held, spill_in, drain, backlog = out
    return {"carried": carried, "held": held, "spill_in": spill_in, "drain": drain, "backlog": backlog}


# ---------------------------------------------------------------------------------------------------------------
# The core (arrays only; used by run and by sensitivity)
# ---------------------------------------------------------------------------------------------------------------
@lru_cache(maxsize=64)
def _background(values: tuple, month_dtype: str, month_bytes: bytes, day_bytes: bytes) -> dict:
    """Steps 1–2b of the method for the :data:`BACKGROUND_FIELDS` ``values`` over the flow's months (given as the
    bytes of their datetime64 array and of their days [days], so that they key the cache): capacity, episode cut
    and effective capacity [trains/day, share], the background before and after regulation [trains/day] and
    :func:`_regulate`'s arrays. Read-only: :func:`_core` copies what it hands on."""
    s = SimpleNamespace(**dict(zip(BACKGROUND_FIELDS, values)))
    st = _static()
    months = pd.DatetimeIndex(np.frombuffer(month_bytes, dtype=np.dtype(month_dtype)))
    days = np.frombuffer(day_bytes, dtype=float)
    year, moy = months.year.to_numpy(), months.month.to_numpy()
    yi = np.clip(year - YEARS[0], 0, len(YEARS) - 1)
    central = st["central"][:, yi]  # (C, M)
    d, a, b = 0, 1, 2
    # 1. capacity
    cap = np.empty_like(central)
    # Dostyk: the 2025 capacity plus the attained share of the plan's growth since
    cap[d] = st["central"][d, 0] + s.dostyk_attainment * (central[d] - st["central"][d, 0])
    cap[a] = s.altynkol_acceptance * central[a]
    cap[b] = s.bakhty_open * central[b]
    np.minimum(cap, st["line"][:, yi], out=cap)  # China-side acceptance binds under the Kazakh line's limit
    np.maximum(cap, 0.0, out=cap)
    cut = _episode_cut(s.episodes, months[0], len(months), s.typical_episode_depth, s.typical_episode_weeks)
    mu = cap * (1.0 - cut)
    # 2. background
    growth = (1.0 + s.bg_growth_pct / 100.0) ** (year - BASE_YEAR)
    season = 12.0 * st["month_weight"][moy - 1]
    bg = np.zeros_like(cap)
    bg[d] = s.rho0_dostyk * st["central"][d, 0] * growth * season
    bg[a] = s.rho0_altynkol * st["central"][a, 0] * growth * season
    pool = bg[d] + bg[a]
    moved = np.minimum(s.bakhty_share * pool, st["bakhty_cap_use"] * cap[b])
    keep = 1.0 - np.divide(moved, pool, out=np.zeros_like(pool), where=pool > 0)
    bg[d] *= keep
    bg[a] *= keep
    bg[b] = moved
    # 2b. regulation: KTZ loads background toward a crossing only up to its plan; the excess goes to the other
    # crossing up to its plan, the rest is held at origin. Background only: never this flow.
    reg = _regulate(bg[d], bg[a], cap[d], cap[a], cut[d], cut[a], mu[d], mu[a], days, st["rho_plan"])
    bg_demand = bg.copy()
    bg[d], bg[a] = reg["carried"]
    out = {"capacity": cap, "cut": cut, "mu": mu, "bg": bg, "bg_demand": bg_demand, "reg": reg}
    for x in (cap, mu, bg, bg_demand, *reg.values()):
        x.setflags(write=False)
    return out


#: Fields of the scenario that steps 1–2b (capacity, episodes, background and its regulation) read: the background
#: never depends on this flow, so scenarios that share these share it (:func:`_background`).
BACKGROUND_FIELDS = (
    "dostyk_attainment",
    "altynkol_acceptance",
    "bakhty_open",
    "episodes",
    "typical_episode_depth",
    "typical_episode_weeks",
    "bg_growth_pct",
    "rho0_dostyk",
    "rho0_altynkol",
    "bakhty_share",
)


def _queues(bg, mu, drain, demand, days, slots_per_week, dostyk_share, kingman_v) -> dict[str, np.ndarray]:
    """Steps 3–4 of the method: this flow under its slot cap, then each crossing's queue.

    Every array may carry leading axes (variants of the scenario, as :func:`sensitivity` runs them at once); the
    scalars are then arrays of those axes. Each variant's numbers are the ones it gets alone.

    Parameters
    ----------
    bg, mu : ndarray (..., crossing, month)
        Background carried [trains/day] and effective capacity [trains/day].
    drain : ndarray (..., 2, month)
        The background's own backlog served each month, Dostyk and Altynkol [trains/day].
    demand : ndarray (..., month)
        This flow's trains [trains/month]. days : ndarray (month,), days in the month [days].
    slots_per_week : float or ndarray (...)
        Contracted slots [trains/week]. dostyk_share : float or ndarray (...), this flow's share via Dostyk [share].
    kingman_v : float or ndarray (...)
        Kingman's variability factor [x].

    Returns
    -------
    dict of ndarrays
        ``fl_day`` [trains/day], ``sent``, ``deferred`` [trains/month, trains], ``sel_wait`` [days], ``rho``,
        ``rho_bg``, ``rho_server`` [share], ``wq``, ``wb``, ``wait`` [days], ``backlog`` [trains], ``has`` (bool:
        the crossing has capacity).
    """
    d, a = 0, 1
    # 3. this flow and the slot cap (Lindley at Selyatino)
    slots = np.asarray(slots_per_week, dtype=float)[..., None] / DAYS_PER_WEEK * days  # trains/month
    deferred = _lindley(demand - slots)
    prev_def = np.concatenate((np.zeros_like(deferred[..., :1]), deferred[..., :-1]), axis=-1)
    sent = demand + prev_def - deferred
    sent = np.maximum(sent, 0.0)
    mean_def = _mean_queue(prev_def, deferred, demand - slots)
    sel_wait = np.divide(mean_def, slots / days, out=np.zeros_like(mean_def), where=slots > 0)
    p = np.asarray(dostyk_share, dtype=float)[..., None]
    split = np.stack([p, 1.0 - p, np.zeros_like(p)], axis=-2)  # (..., crossing, 1)
    fl_day = split * (sent / days)[..., None, :]
    # 4. queues
    lam = bg + fl_day
    has = mu > 1e-9
    rho = np.divide(lam, mu, out=np.zeros_like(lam), where=has)
    rho_bg = np.divide(bg, mu, out=np.zeros_like(bg), where=has)
    # the server's load: arrivals plus the background's own backlog served in place of the trains held back
    server = lam.copy()
    server[..., d, :] += drain[..., 0, :]
    server[..., a, :] += drain[..., 1, :]
    rho_server = np.divide(server, mu, out=np.zeros_like(lam), where=has)
    rk = np.minimum(rho_server, RHO_CAP)
    kv = np.asarray(kingman_v, dtype=float)[..., None, None]
    wq = np.divide(kv * rk / (1.0 - rk), mu, out=np.zeros_like(mu), where=has)
    net = (lam - mu) * days
    backlog = _lindley(net)
    prev = np.concatenate((np.zeros_like(backlog[..., :1]), backlog[..., :-1]), axis=-1)
    mean_b = _mean_queue(prev, backlog, net)
    wb = np.divide(mean_b, mu, out=np.zeros_like(mu), where=has)
    # a crossing with no capacity carries nothing: no traffic, no wait
    # the fluid backlog replaces Kingman's stationary wait once it is the longer (ρ ≥ 1, an episode, or draining
    # after one): the larger of the two, so waiting never falls as ρ passes 1
    wait = np.where(has, np.maximum(wq, wb), 0.0)
    return dict(
        fl_day=fl_day,
        sent=sent,
        deferred=deferred,
        sel_wait=sel_wait,
        rho=rho,
        rho_bg=rho_bg,
        rho_server=rho_server,
        wq=wq,
        wb=wb,
        wait=wait,
        backlog=backlog,
        has=has,
    )


def _core(s: Scenario, fl: dict) -> dict[str, np.ndarray]:
    months: pd.DatetimeIndex = fl["month"]
    days = fl["days"]
    # 1–2b, kept per BACKGROUND_FIELDS and months: a scenario that moves only this flow's fields (and the sensitivity's
    # runs of those) reuses them (network_sensitivity 16 → 10 ms on a new scenario); copies, so that no reader of a
    # result can change the kept arrays
    m64 = months.to_numpy()
    bk = _background(tuple(getattr(s, k) for k in BACKGROUND_FIELDS), m64.dtype.str, m64.tobytes(), days.tobytes())
    cap, cut, mu = bk["capacity"].copy(), bk["cut"], bk["mu"].copy()
    bg, bg_demand = bk["bg"].copy(), bk["bg_demand"].copy()
    reg = bk["reg"]
    demand = fl["trains"]
    q = _queues(bg, mu, reg["drain"], demand, days, s.slots_per_week, s.dostyk_share, s.kingman_v)
    rho, rho_bg, rho_server, wq, wb, wait, backlog = (
        q[k] for k in ("rho", "rho_bg", "rho_server", "wq", "wb", "wait", "backlog")
    )
    fl_day, sent, deferred, sel_wait, has = q["fl_day"], q["sent"], q["deferred"], q["sel_wait"], q["has"]
    return {
        "months": months,
        "days": days,
        "capacity": cap,
        "cut": cut,
        "mu": mu,
        "bg": bg,
        "fl_day": fl_day,
        "rho": rho,
        "rho_bg": rho_bg,
        "wq": np.where(has, wq, 0.0),
        "wb": np.where(has, wb, 0.0),
        "wait": wait,
        "backlog": np.where(has | (backlog > 0), backlog, 0.0),
        "demand": demand,
        "sent": sent,
        "deferred": deferred,
        "sel_wait": sel_wait,
        "bg_demand": bg_demand,
        "held": np.vstack([reg["held"], np.zeros((1, len(days)))]),
        "spill_in": np.vstack([reg["spill_in"], np.zeros((1, len(days)))]),
        "bg_backlog": np.vstack([reg["backlog"], np.zeros((1, len(days)))]),
        "rho_server": rho_server,
    }


def _longest_many(dostyk_share: np.ndarray, wait: np.ndarray, sel_wait: np.ndarray) -> list[float]:
    """:func:`_longest`'s days for many variants at once: ``dostyk_share`` (variant,) [share], ``wait`` (variant,
    crossing, month) and ``sel_wait`` (variant, month) [days]; the same first maximum per variant."""
    used = np.stack([dostyk_share > 0, dostyk_share < 1], axis=-1)  # (variant, 2)
    w = np.concatenate([np.where(used[:, :, None], wait[:, :2], -1.0), sel_wait[:, None, :]], axis=1)
    flat = w.reshape(len(w), -1)
    return [float(x) for x in flat[np.arange(len(flat)), np.argmax(flat, axis=1)]]


def _longest(s: Scenario, c: dict) -> tuple[float, int, int]:
    """This flow's longest wait: (days, where, month index).

    ``where`` indexes :data:`WAIT_PLACES`: a crossing the flow uses (its border wait) or Selyatino (the wait for a
    contracted slot). Ties go to the earlier place and month.
    """
    used = np.array([s.dostyk_share > 0, s.dostyk_share < 1])
    w = np.vstack([np.where(used[:, None], c["wait"][:2], -1.0), c["sel_wait"][None, :]])
    i, j = np.unravel_index(int(np.argmax(w)), w.shape)
    return float(w[i, j]), int(i), int(j)


# ---------------------------------------------------------------------------------------------------------------
# The result
# ---------------------------------------------------------------------------------------------------------------
def _paths(s: Scenario) -> pd.DataFrame:
    st = _static()
    ps = ("dostyk", "altynkol")  # a frame from columns (from a list of dicts it cost ~0.3 ms); same values
    return pd.DataFrame(
        {
            "path": list(ps),
            "km": [st["km"][p] for p in ps],
            "km_to_border": [st["km_border"][p] for p in ps],
            "running_days": [st["km"][p] / s.speed_km_day for p in ps],
        }
    )


@lru_cache(maxsize=1)
def _segment_base() -> pd.DataFrame:
    t = network_tables()
    r, n = t.routes, t.route_nodes
    out = pd.DataFrame(
        {
            "path": r["path"],
            "seq": r["seq"],
            "node_from": r["node_from"],
            "node_to": r["node_to"],
            # the ends' names in every language route_nodes.csv gives: name_from_en, name_to_en, ...
            **{"name_from" + c[4:]: r["node_from"].map(n[c]) for c in facts.text_columns(n.columns, "name")},
            **{"name_to" + c[4:]: r["node_to"].map(n[c]) for c in facts.text_columns(n.columns, "name")},
            "lat_from": r["node_from"].map(n["lat"]),
            "lon_from": r["node_from"].map(n["lon"]),
            "lat_to": r["node_to"].map(n["lat"]),
            "lon_to": r["node_to"].map(n["lon"]),
            "km": r["km"],
            **{c: r[c] for c in facts.text_columns(r.columns, "source")},
        }
    )
    return out


def _segments(s: Scenario) -> pd.DataFrame:
    base = _segment_base()
    share = np.where(base["path"].to_numpy() == "dostyk", s.dostyk_share, 1.0 - s.dostyk_share)
    return base.assign(share=share)


def key(s: Scenario) -> Scenario:
    """The scenario as the network sees it: :data:`FLOW_FIELDS`, the ``network`` group and the ``episodes`` choice
    taken from ``s``, every other field at its default (the network reads no other field).

    Two scenarios with the same key have the same network; :func:`run` computes it once per key, so the pages (through
    :func:`components.model.run.run`) and the economics (:func:`components.model.economics.network_effects`) share
    one computation.
    """
    return replace(Scenario.default(), **{k: getattr(s, k) for k in _key_fields()})


@lru_cache(maxsize=1)
def _key_fields() -> tuple[str, ...]:
    """The fields :func:`key` takes from a scenario, read from the assumptions once (~0.1 ms a look-up)."""
    a = facts.tables().assumptions
    return (*FLOW_FIELDS, *a.index[a["group"] == "network"], "episodes")


@lru_cache(maxsize=64)
def _run_key(k: Scenario) -> Network:
    return _run(k, flow_arrays(k))


def run(s: Scenario, flow: dict | None = None) -> Network:
    """The network for one scenario: utilisation, waiting, backlog, route split, door-to-door, fleet.

    Without ``flow`` the result is computed once per :func:`key` and shared (treat it as read-only).

    Parameters
    ----------
    s : Scenario
        The scenario (its ``network`` group and the projection fields of this flow).
    flow : dict, optional
        This flow's monthly arrays as :func:`flow_arrays` returns them (``month``, ``feu`` [FEU/month],
        ``trains`` [trains/month], ``days``, ``reefer_feu_share``). Default: computed from ``s``.

    Returns
    -------
    Network
        See the module docstring for every field and its unit. Nothing is NaN, infinite or negative.
    """
    return _run_key(key(s)) if flow is None else _run(s, flow)


def _run(s: Scenario, fl: dict) -> Network:
    c = _core(s, fl)
    months, days = c["months"], c["days"]
    n_c, n_m = c["rho"].shape
    border = s.processing_days + c["wait"]

    # door-to-door per path and month [days]
    paths = _paths(s)
    run_d, run_a = paths["running_days"].to_numpy()
    fixed = s.processing_days + s.china_station_days + s.terminal_days
    d2d_d = c["sel_wait"] + run_d + fixed + c["wait"][0]
    d2d_a = c["sel_wait"] + run_a + fixed + c["wait"][1] + s.agrohub_days
    p = s.dostyk_share
    d2d = p * d2d_d + (1.0 - p) * d2d_a
    border_wait = p * c["wait"][0] + (1.0 - p) * c["wait"][1]

    # this flow's boxes
    feu_per_train = np.divide(fl["feu"], fl["trains"], out=np.full(n_m, float(s.feu_per_train)), where=fl["trains"] > 0)
    feu_crossed = c["sent"] * feu_per_train
    feu_deferred = c["deferred"] * feu_per_train
    rs = float(fl["reefer_feu_share"])
    box_border = feu_crossed * border_wait
    sel_mean_def_feu = c["sel_wait"] * (s.slots_per_week / DAYS_PER_WEEK) * feu_per_train
    box_sel = sel_mean_def_feu * days
    cost_rate = (1.0 - rs) * s.wait_cost_dry + rs * s.wait_cost_reefer
    monthly = pd.DataFrame(
        {
            "month": months,
            "demand_trains": c["demand"],
            "sent_trains": c["sent"],
            "deferred_trains": c["deferred"],
            "feu_demand": fl["feu"],
            "feu_crossed": feu_crossed,
            "feu_crossed_dostyk": p * feu_crossed,
            "feu_crossed_altynkol": (1.0 - p) * feu_crossed,
            "feu_deferred": feu_deferred,
            "feu_dry_crossed": (1.0 - rs) * feu_crossed,
            "feu_reefer_crossed": rs * feu_crossed,
            "selyatino_wait_days": c["sel_wait"],
            "border_wait_days": border_wait,
            "d2d_dostyk_days": d2d_d,
            "d2d_altynkol_days": d2d_a,
            "d2d_days": d2d,
            "box_days_border": box_border,
            "box_days_selyatino": box_sel,
            "waiting_cost_rub": (box_border + box_sel) * cost_rate,
            "gen_cost_dostyk_rub_feu": d2d_d * cost_rate,
            "gen_cost_altynkol_rub_feu": d2d_a * cost_rate,
        }
    )

    # fleet by calendar year
    years = months.year.to_numpy()
    back = (paths["km"].to_numpy() @ np.array([p, 1.0 - p])) / s.speed_km_day + fixed
    # the columns as lists and one frame at the end (a frame from a list of dicts cost ~0.4 ms); same values
    cols: dict[str, list] = {k: [] for k in ("year", "months", "feu_dry", "feu_reefer", "round_trip_days")}
    cols |= {k: [] for k in ("pool_dry", "pool_reefer", "pool", "pool_no_reload")}
    for y in np.unique(years):
        m = years == y
        feu_y = float(fl["feu"][m].sum())
        w = np.maximum(fl["feu"][m], 1e-12)
        out = float(np.average(d2d[m], weights=w))
        rt = out + DEST_DAYS + back + HOME_DAYS
        dry, ref = (1.0 - rs) * feu_y, rs * feu_y
        pool_d = (1.0 - s.reload_dry) * dry * rt / DAYS_PER_YEAR
        pool_r = (1.0 - s.reload_reefer) * ref * rt / DAYS_PER_YEAR
        for k, x in (
            ("year", int(y)),
            ("months", int(m.sum())),
            ("feu_dry", dry),
            ("feu_reefer", ref),
            ("round_trip_days", rt),
            ("pool_dry", pool_d),
            ("pool_reefer", pool_r),
            ("pool", pool_d + pool_r),
            ("pool_no_reload", (dry + ref) * rt / DAYS_PER_YEAR),
        ):
            cols[k].append(x)
    fleet = pd.DataFrame(cols)

    # background held at origin in Mt: eastbound tonnes per background train of each crossing, from the
    # background's own figures (35 Mt × share × EB share ÷ 365 ÷ (ρ₀ × 2025 capacity)); never from this flow
    st = _static()
    tpt = np.zeros(n_c)
    for i, (sh, eb, r0) in enumerate(
        zip((st["share_dostyk"], 1.0 - st["share_dostyk"]), st["share_eb"], (s.rho0_dostyk, s.rho0_altynkol))
    ):
        tpt[i] = st["total_2025"] * sh * eb / DAYS_PER_YEAR / max(r0 * st["central"][i, 0], 1e-9)  # Mt/train
    held_trains = c["held"] * days[None, :]
    held_mt = held_trains * tpt[:, None]

    # tidy table
    total = c["bg"] + c["fl_day"]
    table = pd.DataFrame(
        {
            "crossing": np.repeat(np.array(CROSSINGS), n_m),
            "month": np.tile(months.to_numpy(), n_c),
            "direction": "EB",
            "capacity": c["capacity"].ravel(),
            "capacity_effective": c["mu"].ravel(),
            "episode_cut": c["cut"].ravel(),
            "background": c["bg"].ravel(),
            "flow": c["fl_day"].ravel(),
            "rho": c["rho"].ravel(),
            "rho_background": c["rho_bg"].ravel(),
            "rho_flow": (c["rho"] - c["rho_bg"]).ravel(),
            "flow_share": np.divide(c["fl_day"], total, out=np.zeros_like(total), where=total > 0).ravel(),
            "wait_kingman_days": c["wq"].ravel(),
            "wait_backlog_days": c["wb"].ravel(),
            "wait_days": c["wait"].ravel(),
            "backlog_trains": c["backlog"].ravel(),
            "border_days": border.ravel(),
            "background_demand": c["bg_demand"].ravel(),
            "background_held": c["held"].ravel(),
            "background_held_mt": held_mt.ravel(),
            "background_spill_in": c["spill_in"].ravel(),
            "rho_server": c["rho_server"].ravel(),
        }
    )

    # summary
    lw, li, lj = _longest(s, c)
    used2 = np.array([p > 0, p < 1])
    wb2 = np.where(used2[:, None], c["wait"][:2], -1.0)
    bi2, bj2 = np.unravel_index(int(np.argmax(wb2)), wb2.shape)
    used = np.array([p > 0, p < 1, False])
    r = np.where(used[:, None], c["rho"], -1.0)
    bi, bj = np.unravel_index(int(np.argmax(r)), r.shape)
    ys, counts = np.unique(years, return_counts=True)  # months of each calendar year
    last_full = int(ys[counts == 12].max()) if (counts == 12).any() else int(years[-1])
    in_last = years == last_full
    has_flow = fl["feu"] > 0
    sums = total.sum(axis=1)
    summary = Summary(
        longest_wait_days=lw,
        longest_wait_where=WAIT_PLACES[li],
        longest_wait_month=months[lj],
        longest_border_wait_days=float(c["wait"][bi2, bj2]),
        longest_border_wait_crossing=CROSSINGS[bi2],
        longest_border_wait_month=months[bj2],
        longest_selyatino_wait_days=float(c["sel_wait"].max()),
        binding_crossing=CROSSINGS[bi],
        binding_month=months[bj],
        binding_rho=float(c["rho"][bi, bj]),
        binding_rho_background=float(c["rho_bg"][bi, bj]),
        binding_rho_flow=float(c["rho"][bi, bj] - c["rho_bg"][bi, bj]),
        peak_rho={k: float(c["rho"][i].max()) for i, k in enumerate(CROSSINGS)},
        peak_rho_month={k: months[int(np.argmax(c["rho"][i]))] for i, k in enumerate(CROSSINGS)},
        flow_share={k: float(c["fl_day"][i].sum() / sums[i]) if sums[i] > 0 else 0.0 for i, k in enumerate(CROSSINGS)},
        d2d_normal_days=float(np.median(d2d[in_last])),
        d2d_range_days=(float(d2d[has_flow].min()), float(d2d[has_flow].max())) if has_flow.any() else (0.0, 0.0),
        fleet_year=last_full,
        fleet_pool=float(cols["pool"][cols["year"].index(last_full)]),
        waiting_cost_rub=float(monthly["waiting_cost_rub"].sum()),
        backlog_end_trains={k: float(c["backlog"][i, -1]) for i, k in enumerate(CROSSINGS)},
        selyatino_end_trains=float(c["deferred"][-1]),
        never_clears=_never_clears(c),
        end_backlog_feu=_end_backlog_feu(c, feu_per_train[-1]),
        end_month=months[-1],
        longest_wait_days_display=min(lw, DISPLAY_CAP_DAYS),
        longest_wait_over_cap=bool(lw > DISPLAY_CAP_DAYS),
        background_held_trains={k: float(held_trains[i].sum()) for i, k in enumerate(CROSSINGS)},
        background_held_mt={k: float(held_mt[i].sum()) for i, k in enumerate(CROSSINGS)},
        background_spilled_trains={
            "dostyk": float((c["spill_in"][1] * days).sum()),
            "altynkol": float((c["spill_in"][0] * days).sum()),
            "bakhty": 0.0,
        },
    )
    return Network(
        crossings=CROSSINGS,
        months=months,
        capacity=c["capacity"],
        episode_cut=c["cut"],
        capacity_effective=c["mu"],
        background=c["bg"],
        flow=c["fl_day"],
        rho=c["rho"],
        rho_background=c["rho_bg"],
        wait_kingman=c["wq"],
        wait_backlog=c["wb"],
        wait_days=c["wait"],
        backlog_trains=c["backlog"],
        border_days=border,
        table=table,
        monthly=monthly,
        fleet=fleet,
        paths=paths,
        segments=_segments(s),
        episodes=_episode_table(
            s.episodes, months[0], len(months), s.typical_episode_depth, s.typical_episode_weeks
        ).copy(deep=False),  # the caller's own frame over the kept one (pandas copies on write)
        summary=summary,
        background_demand=c["bg_demand"],
        background_held=c["held"],
        background_spill_in=c["spill_in"],
        background_held_mt=held_mt,
        rho_server=c["rho_server"],
    )


def _never_clears(c: dict) -> dict[str, bool]:
    """Per place of :data:`QUEUE_PLACES`: is its queue never below :data:`CLEAR_TRAINS` in the last 12 months?"""
    last = slice(-12, None)
    out = {k: bool(c["backlog"][i, last].min() >= CLEAR_TRAINS) for i, k in enumerate(CROSSINGS)}
    out["selyatino"] = bool(c["deferred"][last].min() >= CLEAR_TRAINS)
    return out


def _end_backlog_feu(c: dict, feu_per_train: float) -> dict[str, float]:
    """This flow's boxes in each queue at the horizon's end [FEU] (its share of the last month's arrivals)."""
    lam = c["bg"][:, -1] + c["fl_day"][:, -1]
    share = np.divide(c["fl_day"][:, -1], lam, out=np.zeros_like(lam), where=lam > 0)
    out = {k: float(c["backlog"][i, -1] * share[i] * feu_per_train) for i, k in enumerate(CROSSINGS)}
    out["selyatino"] = float(c["deferred"][-1] * feu_per_train)
    return out


def background_mt(s: Scenario, year: int) -> dict[str, float]:
    """Background tonnes by crossing in a calendar year, both directions, before any move to Bakhty.

    Parameters
    ----------
    s : Scenario
        ``bg_growth_pct`` [%/year].
    year : int
        Calendar year (may precede 2025: the growth is run backwards).

    Returns
    -------
    dict
        ``dostyk``, ``altynkol`` [Mt/yr]: 35 Mt (2025) × (1 + g)^(year − 2025) × the crossing's share.
    """
    st = _static()
    tot = st["total_2025"] * (1.0 + s.bg_growth_pct / 100.0) ** (year - BASE_YEAR)
    return {"dostyk": tot * st["share_dostyk"], "altynkol": tot * (1.0 - st["share_dostyk"])}


# ---------------------------------------------------------------------------------------------------------------
# Sensitivity
# ---------------------------------------------------------------------------------------------------------------
def sensitivity(s: Scenario, inputs: tuple[str, ...] = SENSITIVE_FIELDS) -> pd.DataFrame:
    """Which uncertain input moves this flow's longest wait (border or Selyatino, :class:`Summary`) most.

    Each input is set to the low and high ends of its range in ``data/assumptions.csv`` (the others held at
    ``s``); the network core is recomputed (this flow only when the input changes it).

    Parameters
    ----------
    s : Scenario
        The scenario around which to vary.
    inputs : tuple of str
        Scenario fields to vary.

    Returns
    -------
    DataFrame
        One row per input, largest swing first: ``input``, ``low``, ``high`` (the input's range ends, in its unit),
        ``wait_low``, ``wait_high`` (longest wait at each end [days]), ``swing`` (|wait_high − wait_low| [days]),
        ``base`` (the longest wait at ``s`` [days]).
    """
    base_flow = flow_arrays(s)
    # every variant (the scenario, then each input at its low and high end) through steps 3–4 at once, over a
    # leading variant axis (_queues): each variant's numbers are the ones it gets alone, in one pass instead of 35
    # (network.sensitivity 6.7 → 3.7 ms CPU on a new scenario, in isolation)
    variants = [s]
    flows = [base_flow]
    for k in inputs:
        for v in Scenario.range_of(k):
            # the scenario's values with one moved, as a plain namespace: flow_arrays and the background only read
            # fields, and dataclasses.replace re-made all ~80 of them (~0.05 ms, 34 times a call)
            sv = SimpleNamespace(**{**vars(s), k: v})
            variants.append(sv)
            flows.append(flow_arrays(sv) if k in FLOW_FIELDS else base_flow)
    days = base_flow["days"]
    m64 = base_flow["month"].to_numpy()
    if not all(np.array_equal(f["days"], days) and np.array_equal(f["month"].to_numpy(), m64) for f in flows):
        longest = [_longest(sv, _core(sv, fl))[0] for sv, fl in zip(variants, flows)]  # months differ: one by one
    else:
        bks = [
            _background(tuple(getattr(sv, k) for k in BACKGROUND_FIELDS), m64.dtype.str, m64.tobytes(), days.tobytes())
            for sv in variants
        ]
        field = lambda k: np.array([getattr(sv, k) for sv in variants], dtype=float)  # noqa: E731
        q = _queues(
            np.stack([bk["bg"] for bk in bks]),
            np.stack([bk["mu"] for bk in bks]),
            np.stack([bk["reg"]["drain"] for bk in bks]),
            np.stack([f["trains"] for f in flows]),
            days,
            field("slots_per_week"),
            field("dostyk_share"),
            field("kingman_v"),
        )
        longest = _longest_many(field("dostyk_share"), q["wait"], q["sel_wait"])
    base = longest[0]
    rows = [
        {
            "input": k,
            "low": Scenario.range_of(k)[0],
            "high": Scenario.range_of(k)[1],
            "wait_low": longest[1 + 2 * i],
            "wait_high": longest[2 + 2 * i],
        }
        for i, k in enumerate(inputs)
    ]
    df = pd.DataFrame(rows)
    df["swing"] = (df["wait_high"] - df["wait_low"]).abs()
    df["base"] = base
    return df.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


__all__ = [
    "Network",
    "Summary",
    "run",
    "sensitivity",
    "flow_arrays",
    "background_mt",
    "RHO_CAP",
    "WAIT_PLACES",
    "QUEUE_PLACES",
    "DISPLAY_CAP_DAYS",
]
