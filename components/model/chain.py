"""The corridor as a chain of links: seasonal flow, utilisation of every link every month, the bottleneck.

The chain runs Selyatino (warehouse, cold store, container terminal) → the planned train service →
Russia–Kazakhstan interchange → Agrohub terminal (Almaty region) → Dostyk–Alashankou or Altynkol–Khorgos →
China. Its links are the cited rows of ``data/links.csv`` (:func:`components.data.facts.links`); the seasonal
profiles are ``data/seasonality.csv`` (:func:`components.data.facts.profiles`).

Like pvlib's ``ModelChain`` this module composes the smaller models and adds no physics of its own:

1. :func:`components.model.projection.trajectory` gives the annual rate month by month (the trend);
2. :func:`seasonal_trajectory` spreads each year's tonnes over its months by the scenario's profile;
3. :func:`flow` keeps the rail share through Selyatino and turns tonnes into boxes
   (:func:`components.model.capacity.feu_for`, dry and reefer payloads blended) and trains;
4. :func:`utilisation` sets each link's demand in the month against the share of its capacity open to the flow;
5. :func:`bottleneck`, :func:`peak_by_link`, :func:`fleet`, :func:`door_to_door` and
   :func:`bottleneck_sensitivity` read the result.

The planned train service (``kind == "service"``) is a plan, not a capacity: demand above it means more trains
must be scheduled. It appears in :func:`utilisation` like the other links but never counts as the bottleneck;
:class:`Bottleneck` reports the first month the plan is exceeded separately (``service_month``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from components.data import facts
from components.data.scenario import CHOICES, PROFILES, Scenario
from components.model import capacity, projection

DAYS_PER_YEAR = 365.0
DAYS_PER_WEEK = 7.0
HOURS_PER_DAY = 24.0
#: A physical link binds when the flow's demand reaches the capacity open to it (utilisation ≥ 1).
BINDS_AT = 1.0
#: Per-month unit of demand and open capacity for each capacity unit of ``data/links.csv``.
MONTH_UNIT = {
    "m2": "t/month",
    "t": "t/month",
    "t/year": "t/month",
    "FEU/day": "FEU/month",
    "TEU/year": "TEU/month",
    "trains/day": "trains/month",
    "trains/week": "trains/month",
}
#: Scenario fields whose range ends :func:`bottleneck_sensitivity` tries (the uncertain inputs of the chain).
SENSITIVE_FIELDS = (
    "attainment",
    "delay_months",
    "growth_after_pct",
    "reefer_share",
    "reefer_payload_t",
    "khorgos_share",
    "rail_share",
    "feu_payload_t",
    "feu_per_train",
    "dwell_days",
    "utilisation",
    "storage_t_per_m2",
)


# ---------------------------------------------------------------------------------------------------------------
# Seasonal flow
# ---------------------------------------------------------------------------------------------------------------
@lru_cache(maxsize=16)
def profile_weights(profile: str) -> np.ndarray:
    """Monthly weights of a seasonal profile.

    Parameters
    ----------
    profile : str
        One of :data:`components.data.scenario.PROFILES`.

    Returns
    -------
    ndarray of 12 floats
        Share of a year's tonnes in January … December [share], summing to 1 (read-only).

    Raises
    ------
    ValueError
        If ``profile`` does not have exactly 12 months in ``data/seasonality.csv`` (an unknown profile).
    """
    p = facts.profiles()
    rows = p[p["profile"] == profile]
    if len(rows) != 12:
        raise ValueError(f"profile must be one of {sorted(p['profile'].unique())}, not {profile!r}")
    w = rows.sort_values("month")["weight"].to_numpy(dtype=float)
    w.setflags(write=False)
    return w


def seasonalise(months: pd.DatetimeIndex | pd.Series, tonnes: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Spread an even monthly trajectory over the months by a seasonal profile, keeping trend and annual totals.

    In a full calendar year the off-season months (weight below 1/12) keep ``12 × weight`` of their own trend
    tonnes and hand the rest to the season's months of the same year, each taking a part in proportion to its
    excess weight ``12 × weight − 1``; a season month keeps all of its own tonnes. The year's total is unchanged,
    a flat year comes out exactly as ``annual rate × weight``, and the map is linear with non-negative
    coefficients, so more tonnes in any month never mean fewer in another. (Scaling ``trend × 12 × weight`` to
    the year's total instead would shift tonnes against the trend: in a ramp year a higher target then lowered
    January's tonnes.) A partial year (the horizon starts in September 2025) has no off-season months to draw
    on: its months take ``trend × 12 × weight``, so a part-year of harvest months shows the harvest peak.

    Parameters
    ----------
    months : DatetimeIndex or Series of datetime64
        First day of each month, consecutive.
    tonnes : array-like
        Even monthly tonnes, the annual rate / 12 [t/month].
    weights : array-like of 12
        Share of a year's tonnes in each calendar month, January first [share], summing to 1.

    Returns
    -------
    ndarray
        Seasonal monthly tonnes [t/month]; each full calendar year sums to the even year's total [t].
    """
    idx = pd.DatetimeIndex(months)
    x = np.asarray(tonnes, dtype=float)
    f = 12.0 * np.asarray(weights, dtype=float)[idx.month.to_numpy() - 1]  # 12 × weight of each month
    years, inverse, counts = np.unique(idx.year.to_numpy(), return_inverse=True, return_counts=True)
    full = counts[inverse] == 12
    excess = np.maximum(12.0 * np.asarray(weights, dtype=float) - 1.0, 0.0).sum()
    if excess <= 1e-12:  # the even profile
        return np.where(full, x, x * f)
    given = np.bincount(inverse, weights=np.maximum(1.0 - f, 0.0) * x, minlength=len(years))
    spread = np.minimum(f, 1.0) * x + np.maximum(f - 1.0, 0.0) / excess * given[inverse]
    return np.where(full, spread, x * f)


def seasonal_trajectory(s: Scenario, end: pd.Timestamp = projection.HORIZON_END) -> pd.DataFrame:
    """The scenario's trajectory with each year's tonnes spread by its seasonal profile.

    Parameters
    ----------
    s : Scenario
        The scenario; ``s.profile`` names the profile.
    end : Timestamp
        Last month of the horizon.

    Returns
    -------
    DataFrame
        The columns of :func:`components.model.projection.trajectory`: ``month``, ``rate_t_year`` (the trend's annual
        rate [t/year]), ``tonnes`` (seasonal [t/month]; Moscow region → China before the rail share) and ``phase``.
    """
    traj = projection.trajectory(s, end)
    return traj.assign(tonnes=seasonalise(traj["month"], traj["tonnes"].to_numpy(), profile_weights(s.profile)))


def _flow_arrays(s: Scenario, end: pd.Timestamp) -> dict[str, np.ndarray]:
    traj = projection.trajectory(s, end)
    months = pd.DatetimeIndex(traj["month"])
    t = seasonalise(months, traj["tonnes"].to_numpy(), profile_weights(s.profile)) * s.rail_share
    feu = capacity.feu_for(t, s)
    trains = feu / s.feu_per_train
    days = months.days_in_month.to_numpy().astype(float)
    return {
        "month": months,
        "tonnes": t,
        "tonnes_dry": t * (1.0 - s.reefer_share),
        "tonnes_reefer": t * s.reefer_share,
        "feu": feu,
        "teu": feu * capacity.TEU_PER_FEU,
        "trains": trains,
        "trains_per_week": trains / days * DAYS_PER_WEEK,
        "days": days,
    }


def flow(s: Scenario, end: pd.Timestamp = projection.HORIZON_END) -> pd.DataFrame:
    """The flow through the chain month by month: seasonal tonnes by rail via Selyatino, boxes and trains.

    Parameters
    ----------
    s : Scenario
        The scenario (profile, rail share, reefer share and payloads, boxes per train).
    end : Timestamp
        Last month of the horizon.

    Returns
    -------
    DataFrame
        ``month``; ``tonnes`` (seasonal tonnes × ``rail_share`` [t/month]), ``tonnes_dry``, ``tonnes_reefer``
        [t/month]; ``feu`` (dry tonnes / dry payload + reefer tonnes / reefer payload [FEU/month]), ``teu``
        [TEU/month]; ``trains`` (feu / boxes per train [trains/month]), ``trains_per_week`` (trains / days × 7
        [trains/week]); ``days`` (days in the month [days]).
    """
    return pd.DataFrame(_flow_arrays(s, end))


# ---------------------------------------------------------------------------------------------------------------
# Utilisation of the links
# ---------------------------------------------------------------------------------------------------------------
def link_capacity(row: pd.Series, s: Scenario) -> float:
    """A link's capacity in its ``capacity_unit``: the row's figure, or the stated figure or scenario field it names.

    Parameters
    ----------
    row : Series
        A row of :func:`components.data.facts.links`.
    s : Scenario
        The scenario (for ``capacity_from = "scenario:<field>"``).

    Returns
    -------
    float
        Capacity [``row.capacity_unit``].
    """
    src = row.get("capacity_from", "") or ""
    if isinstance(src, str) and src:
        kind, _, ref = src.partition(":")
        return float(getattr(s, ref)) if kind == "scenario" else facts.tables().fact(ref)
    return float(row["capacity"])


def _part(fl: dict[str, np.ndarray], part: str, s: Scenario) -> tuple[np.ndarray, np.ndarray]:
    """Tonnes [t/month] and boxes [FEU/month] of the part of the flow using a link."""
    if part == "dry":
        return fl["tonnes_dry"], fl["tonnes_dry"] / s.feu_payload_t
    if part == "reefer":
        return fl["tonnes_reefer"], fl["tonnes_reefer"] / s.reefer_payload_t
    k = {"all": 1.0, "dostyk": 1.0 - s.khorgos_share, "khorgos": s.khorgos_share}[part]
    return fl["tonnes"] * k, fl["feu"] * k


def _demand_capacity(
    fl: dict[str, np.ndarray], links: pd.DataFrame, s: Scenario, overrides: dict[tuple[str, str], float] | None = None
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Demand and open capacity, links × months, in each link's per-month unit."""
    days = fl["days"]
    n, m = len(links), len(days)
    demand, cap = np.empty((n, m)), np.empty((n, m))
    units = []
    overrides = overrides or {}
    for i, (lid, row) in enumerate(links.iterrows()):
        unit = row["capacity_unit"]
        c = overrides.get((lid, "capacity"), None)
        c = link_capacity(row, s) if c is None else c
        share = overrides.get((lid, "share_open"), row["share_open"])
        tonnes, feu = _part(fl, row["flow"], s)
        if unit in ("m2", "t"):
            held = c * s.storage_t_per_m2 if unit == "m2" else c
            per_day = held * s.utilisation / s.dwell_days  # turnover of the store [t/day]
            cap[i], demand[i] = per_day * days, tonnes
        elif unit == "t/year":
            cap[i], demand[i] = c / DAYS_PER_YEAR * days, tonnes
        elif unit == "FEU/day":
            cap[i], demand[i] = c * days, feu
        elif unit == "TEU/year":
            cap[i], demand[i] = c / DAYS_PER_YEAR * days, feu * capacity.TEU_PER_FEU
        elif unit == "trains/day":
            cap[i], demand[i] = c * days, feu / s.feu_per_train
        elif unit == "trains/week":
            cap[i], demand[i] = c / DAYS_PER_WEEK * days, feu / s.feu_per_train
        else:
            raise ValueError(f"link {lid!r}: capacity unit {unit!r} is not one of {sorted(MONTH_UNIT)}")
        cap[i] *= share
        units.append(MONTH_UNIT[unit])
    return demand, cap, units


def utilisation(
    s: Scenario, links: pd.DataFrame | None = None, end: pd.Timestamp = projection.HORIZON_END
) -> pd.DataFrame:
    """Utilisation of every link of the chain, month by month.

    Capacity a month is the per-day figure × days in the month, or the per-year figure × days / 365; a store turns
    its tonnes held over every ``dwell_days`` at the scenario's ``utilisation`` (held = area × ``storage_t_per_m2``
    for an area in m²). Only the share of it open to this flow (``share_open``) counts. Demand is the month's own
    seasonal flow: dry or reefer tonnes at the stores, boxes (blended payload) at the terminals, trains
    (boxes / boxes per train) on the service and the borders, split over the two China crossings by
    ``khorgos_share``.

    Parameters
    ----------
    s : Scenario
        The scenario, or ``Scenario.default()`` for the stated plan.
    links : DataFrame, optional
        Links indexed by id with the columns of :func:`components.data.facts.links` (``kind``, ``order``, ``flow``,
        ``capacity``, ``capacity_unit``, ``capacity_from``, ``share_open``; ``estimate``, ``name_en``, ``name_ru``
        optional). Default: ``data/links.csv``.
    end : Timestamp
        Last month of the horizon.

    Returns
    -------
    DataFrame
        One row per month × link, links in chain order within a month: ``month``, ``link_id``, ``name_en``,
        ``name_ru``, ``kind``, ``order``, ``estimate`` (bool), ``demand`` and ``capacity_open`` [``unit``],
        ``unit`` (t/month, FEU/month, TEU/month or trains/month), ``utilisation`` (demand / capacity_open
        [share]; 1 = full) and ``headroom`` (capacity_open − demand [``unit``]).

    Raises
    ------
    ValueError
        If a link's ``capacity_unit`` is not one of :data:`MONTH_UNIT`, or ``s.profile`` is not a known profile.
    """
    links = facts.links() if links is None else links.sort_values("order")
    fl = _flow_arrays(s, end)
    demand, cap, units = _demand_capacity(fl, links, s)
    return _tidy(fl["month"], links, demand, cap, units)


def _col(links: pd.DataFrame, name: str, default) -> np.ndarray:
    return links[name].to_numpy() if name in links.columns else np.full(len(links), default, dtype=object)


def _tidy(
    months: pd.DatetimeIndex, links: pd.DataFrame, demand: np.ndarray, cap: np.ndarray, units: list[str]
) -> pd.DataFrame:
    n, m = demand.shape
    ids = links.index.to_numpy(dtype=object)
    names = facts.text_columns(links.columns, "name")
    if not names:
        links, names = links.assign(name=ids), ["name"]
    d, c = demand.T.ravel(), cap.T.ravel()
    return pd.DataFrame(
        {
            "month": np.repeat(months.to_numpy(), n),
            "link_id": np.tile(ids, m),
            # the link's name in every language links.csv gives, or its id when it gives none
            **{c: np.tile(links[c].to_numpy(dtype=object), m) for c in names},
            "kind": np.tile(links["kind"].to_numpy(dtype=object), m),
            "order": np.tile(links["order"].to_numpy(dtype=int), m),
            "estimate": np.tile(_col(links, "estimate", False).astype(bool), m),
            "demand": d,
            "capacity_open": c,
            "unit": np.tile(np.asarray(units, dtype=object), m),
            "utilisation": d / c,
            "headroom": c - d,
        }
    )


# ---------------------------------------------------------------------------------------------------------------
# Bottleneck
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Bottleneck:
    """The first link of the chain to run full, and when.

    Attributes
    ----------
    link_id : str or None
        First physical link (not the planned service) whose utilisation reaches 1, or None: none before the
        horizon. Several in the same first month: the one most over capacity that month, then chain order.
    month : Timestamp or None
        First month it does.
    peak_link_id : str
        ``link_id`` if a link binds; otherwise the physical link with the highest utilisation.
    peak_month : Timestamp
        Month of that link's highest utilisation.
    peak_utilisation : float
        That link's highest utilisation over the horizon [share].
    estimate : bool
        True where that link's capacity is a flagged estimate.
    service_month : Timestamp or None
        First month the flow needs more trains than the planned service runs (a plan exceeded, not a physical
        limit), or None.
    horizon_end : Timestamp
        Last month looked at.
    """

    link_id: str | None
    month: pd.Timestamp | None
    peak_link_id: str
    peak_month: pd.Timestamp
    peak_utilisation: float
    estimate: bool
    service_month: pd.Timestamp | None
    horizon_end: pd.Timestamp


def _bind(
    months: pd.DatetimeIndex, ids: np.ndarray, kinds: np.ndarray, est: np.ndarray, util: np.ndarray
) -> Bottleneck:
    """Bottleneck from utilisation ``util`` (links × months; links in chain order)."""
    service = kinds == "service"
    phys = np.flatnonzero(~service)
    u = util[phys]
    hit = u >= BINDS_AT
    any_month = hit.any(axis=0)
    if any_month.any():
        j = int(np.argmax(any_month))
        col = np.where(hit[:, j], u[:, j], -np.inf)
        k = int(np.argmax(col))  # most over capacity; first in chain order on a tie
        month = months[j]
    else:
        k = int(np.unravel_index(np.argmax(u), u.shape)[0])
        month = None
    i = phys[k]
    jp = int(np.argmax(util[i]))
    svc = util[service] > BINDS_AT
    svc_any = svc.any(axis=0)
    return Bottleneck(
        link_id=str(ids[i]) if month is not None else None,
        month=month,
        peak_link_id=str(ids[i]),
        peak_month=months[jp],
        peak_utilisation=float(util[i, jp]),
        estimate=bool(est[i]),
        service_month=months[int(np.argmax(svc_any))] if svc_any.any() else None,
        horizon_end=months[-1],
    )


def _matrix(util: pd.DataFrame) -> tuple[pd.DatetimeIndex, pd.DataFrame, np.ndarray]:
    first = util.drop_duplicates("link_id").sort_values("order", kind="stable")
    ids = first["link_id"].to_numpy(dtype=object)
    wide = util.pivot(index="link_id", columns="month", values="utilisation").loc[ids]
    return pd.DatetimeIndex(wide.columns), first, wide.to_numpy(dtype=float)


def bottleneck(util: pd.DataFrame) -> Bottleneck:
    """The first link to bind and the month it binds, from :func:`utilisation`.

    A physical link binds when its utilisation reaches 1 (the flow's demand fills the capacity open to it). The
    planned train service is a plan, not a capacity: a plan exceeded means more trains must be scheduled, so it is
    reported apart (``service_month``) and never named as the bottleneck.

    Parameters
    ----------
    util : DataFrame
        The result of :func:`utilisation` (``month``, ``link_id``, ``kind``, ``order``, ``estimate``,
        ``utilisation``).

    Returns
    -------
    Bottleneck
        ``link_id`` and ``month`` (None: none before the horizon), the peak month and utilisation of that link (or
        of the highest physical link when none binds), the first month the planned service is exceeded.
    """
    months, first, u = _matrix(util)
    return _bind(
        months,
        first["link_id"].to_numpy(dtype=object),
        first["kind"].to_numpy(dtype=object),
        first["estimate"].to_numpy(dtype=bool),
        u,
    )


def peak_by_link(util: pd.DataFrame) -> pd.DataFrame:
    """Each link's peak month, ordered along the chain.

    Parameters
    ----------
    util : DataFrame
        The result of :func:`utilisation`.

    Returns
    -------
    DataFrame
        One row per link in chain order: ``link_id``, ``name_en``, ``name_ru``, ``kind``, ``order``, ``estimate``,
        ``peak_month`` (first month of the link's highest utilisation), ``peak_utilisation`` [share], and that
        month's ``demand``, ``capacity_open`` [``unit``] and ``unit``.
    """
    at = util.loc[util.groupby("link_id", sort=False)["utilisation"].idxmax()]
    out = at.sort_values("order", kind="stable").rename(
        columns={"month": "peak_month", "utilisation": "peak_utilisation"}
    )
    return out[
        [
            "link_id",
            *facts.text_columns(util.columns, "name"),
            "kind",
            "order",
            "estimate",
            "peak_month",
            "peak_utilisation",
            "demand",
            "capacity_open",
            "unit",
        ]
    ].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------------------------
# Time and fleet
# ---------------------------------------------------------------------------------------------------------------
def _link_hours(s: Scenario, links: pd.DataFrame) -> tuple[float, float]:
    """Hours eastbound through the links that give a time, typical and congested; crossings weighted by the split."""
    weight = links["flow"].map({"dostyk": 1.0 - s.khorgos_share, "khorgos": s.khorgos_share}).fillna(1.0)
    typ = links["time_typical_h"].to_numpy(dtype=float)
    cong = links["time_congested_h"].to_numpy(dtype=float)
    w = weight.to_numpy(dtype=float)
    return float(np.nansum(typ * w)), float(np.nansum(cong * w))


def door_to_door(s: Scenario, links: pd.DataFrame | None = None) -> dict[str, float]:
    """Days from the Selyatino warehouse to the Chinese side of the border crossing, typical and congested.

    Door to door = dwell at Selyatino (``dwell_days``) + rail running time (``transit_days``) + the time through
    each link that gives one in ``data/links.csv`` (terminals, borders; typical or congested), the two crossings
    weighted by ``khorgos_share``. ``transit_days`` is read as running time: if the cited 10 days already include
    a border crossing, this is an upper reading.

    Parameters
    ----------
    s : Scenario
        The scenario (``dwell_days``, ``transit_days``, ``khorgos_share``).
    links : DataFrame, optional
        Links with ``flow``, ``time_typical_h``, ``time_congested_h`` [h]. Default: ``data/links.csv``.

    Returns
    -------
    dict
        ``typical_days`` and ``congested_days`` [days].
    """
    links = facts.links() if links is None else links
    typ_h, cong_h = _link_hours(s, links)
    base = s.dwell_days + s.transit_days
    return {"typical_days": base + typ_h / HOURS_PER_DAY, "congested_days": base + cong_h / HOURS_PER_DAY}


def round_trip(s: Scenario, links: pd.DataFrame | None = None) -> dict[str, float]:
    """Days a box takes to come back to Selyatino: a derived figure (no public one was found).

    Round trip = rail running time both ways (2 × ``transit_days``) + dwell at both ends (2 × ``dwell_days``) +
    the links' times both ways. Congested: the eastbound (loaded, China-bound) leg takes the links' congested times,
    as the queues reported at the crossings are of trains to China; the westbound leg stays typical.

    Parameters
    ----------
    s : Scenario
        The scenario.
    links : DataFrame, optional
        As for :func:`door_to_door`.

    Returns
    -------
    dict
        ``typical_days`` and ``congested_days`` [days].
    """
    links = facts.links() if links is None else links
    typ_h, cong_h = _link_hours(s, links)
    base = 2.0 * (s.transit_days + s.dwell_days)
    return {
        "typical_days": base + 2.0 * typ_h / HOURS_PER_DAY,
        "congested_days": base + (typ_h + cong_h) / HOURS_PER_DAY,
    }


def fleet(s: Scenario, links: pd.DataFrame | None = None, end: pd.Timestamp = projection.HORIZON_END) -> dict:
    """Containers the flow keeps in circulation: boxes a day × round trip.

    Parameters
    ----------
    s : Scenario
        The scenario.
    links : DataFrame, optional
        As for :func:`round_trip`.
    end : Timestamp
        Last month of the horizon.

    Returns
    -------
    dict
        ``round_trip_typical_days``, ``round_trip_congested_days`` [days]; ``peak_month`` (month with the most
        boxes a day); ``feu_per_day_peak`` and ``feu_per_day_avg`` (average over the calendar year of the peak
        month) [FEU/day]; ``fleet_avg`` (average boxes a day × typical round trip), ``fleet_peak`` (peak month,
        typical round trip) and ``fleet_peak_congested`` (peak month, congested round trip) [FEU].
    """
    rt = round_trip(s, links)
    fl = _flow_arrays(s, end)
    per_day = fl["feu"] / fl["days"]
    j = int(np.argmax(per_day))
    same_year = fl["month"].year == fl["month"][j].year
    avg = float(fl["feu"][same_year].sum() / fl["days"][same_year].sum())
    peak = float(per_day[j])
    return {
        "round_trip_typical_days": rt["typical_days"],
        "round_trip_congested_days": rt["congested_days"],
        "peak_month": fl["month"][j],
        "feu_per_day_peak": peak,
        "feu_per_day_avg": avg,
        "fleet_avg": avg * rt["typical_days"],
        "fleet_peak": peak * rt["typical_days"],
        "fleet_peak_congested": peak * rt["congested_days"],
    }


# ---------------------------------------------------------------------------------------------------------------
# The seed's 40 %
# ---------------------------------------------------------------------------------------------------------------
def agri_share_check(s: Scenario) -> dict[str, float]:
    """How the seed's "40 % of the region's agri exports through the hub" enters the model: an interpretation.

    The report states 40 % after stage 2 and, separately, a target of 550 kt/year to China. Reading the hub's
    flow as the scenario's target through Selyatino (550 kt × ``attainment`` × ``rail_share``) and dividing by the
    region's agri exports of all destinations (1.18 Mt derived for 2025, 1.47 Mt for 2024:
    :func:`components.data.facts.public_figures`) gives a share to set beside the stated 40 %. This reading is ours,
    not the report's: label it an interpretation.

    Parameters
    ----------
    s : Scenario
        The scenario (``attainment``, ``rail_share``).

    Returns
    -------
    dict
        ``flow_t_year`` [t/year]; ``exports_low_t``, ``exports_high_t`` [t]; ``share_low`` (flow / the higher
        export figure), ``share_high`` (flow / the lower) [share]; ``stated_share`` (0.40) [share].
    """
    pub = facts.public_figures()
    exports = sorted(float(pub.at[k, "value"]) for k in ("mo_agri_exports_2025", "mo_agri_exports_2024"))
    flow_t = projection.plan_anchors()["target_t_year"] * s.attainment * s.rail_share
    return {
        "flow_t_year": flow_t,
        "exports_low_t": exports[0],
        "exports_high_t": exports[1],
        "share_low": flow_t / exports[1],
        "share_high": flow_t / exports[0],
        "stated_share": facts.tables().fact("selyatino_agri_share"),
    }


# ---------------------------------------------------------------------------------------------------------------
# Which assumption moves the bottleneck
# ---------------------------------------------------------------------------------------------------------------
def bottleneck_sensitivity(
    s: Scenario, links: pd.DataFrame | None = None, end: pd.Timestamp = projection.HORIZON_END
) -> pd.DataFrame:
    """The first binding link and month with each uncertain input at the ends of its range.

    Inputs: the scenario fields of :data:`SENSITIVE_FIELDS` at their slider min and max, every seasonal profile,
    and each link's capacity (where the row gives a range) and open share at their min and max, all else as in
    ``s``. "None before the horizon" counts as the month after the horizon when measuring the shift.

    Parameters
    ----------
    s : Scenario
        The scenario the inputs are moved from.
    links : DataFrame, optional
        As for :func:`utilisation`.
    end : Timestamp
        Last month of the horizon.

    Returns
    -------
    DataFrame
        One row per input and end, inputs sorted by effect (largest first; both ends adjacent): ``param``
        (scenario field, ``<link_id>.capacity`` or ``<link_id>.share_open``), ``group`` (scenario or link),
        ``link_id`` ("" for scenario inputs), ``end`` (min, max or a profile name), ``value`` (in the input's
        unit; NaN for a profile), ``binding_link_id`` (or None), ``binding_month`` (NaT: none before the horizon),
        ``peak_utilisation`` (highest utilisation of any physical link [share]), ``shift_months`` (binding month
        minus the base case's [months]), ``effect_months`` and ``effect_peak`` (per input, the largest absolute
        shift [months] and change of peak utilisation [share] over its ends).
    """
    links = facts.links() if links is None else links.sort_values("order")
    a = facts.tables().assumptions
    ids = links.index.to_numpy(dtype=object)
    kinds = links["kind"].to_numpy(dtype=object)
    est = _col(links, "estimate", False).astype(bool)
    phys = kinds != "service"

    def run(sc: Scenario, fl=None, overrides=None):
        fl = _flow_arrays(sc, end) if fl is None else fl
        d, c, _ = _demand_capacity(fl, links, sc, overrides)
        u = d / c
        return _bind(fl["month"], ids, kinds, est, u), float(u[phys].max())

    base_fl = _flow_arrays(s, end)
    base, base_peak = run(s, base_fl)
    months = base_fl["month"]
    after = months[-1] + pd.DateOffset(months=1)

    def month_no(ts):
        ts = after if ts is None else ts
        return ts.year * 12 + ts.month

    rows = []
    for f in SENSITIVE_FIELDS:
        for e in ("min", "max"):
            v = float(a.at[f, e])
            b, pk = run(s.with_values(**{f: v}))
            rows.append(("scenario", f, "", e, v, b, pk))
    for p in CHOICES["profile"]:
        if p != s.profile:
            b, pk = run(s.with_values(profile=p))
            rows.append(("scenario", "profile", "", p, np.nan, b, pk))
    for lid, row in links.iterrows():
        for name in ("capacity", "share_open"):
            lo, hi = row.get(f"{name}_min", np.nan), row.get(f"{name}_max", np.nan)
            if pd.isna(lo) or pd.isna(hi) or lo == hi:
                continue
            for e, v in (("min", float(lo)), ("max", float(hi))):
                b, pk = run(s, base_fl, {(lid, name): v})
                rows.append(("link", f"{lid}.{name}", lid, e, v, b, pk))
    out = pd.DataFrame(rows, columns=["group", "param", "link_id", "end", "value", "b", "peak_utilisation"])
    out["binding_link_id"] = [b.link_id for b in out["b"]]
    out["binding_month"] = pd.to_datetime([b.month for b in out["b"]])
    out["shift_months"] = [month_no(b.month) - month_no(base.month) for b in out["b"]]
    out = out.drop(columns="b")
    g = out.groupby("param", sort=False)
    out["effect_months"] = g["shift_months"].transform(lambda x: x.abs().max())
    out["effect_peak"] = g["peak_utilisation"].transform(lambda x: (x - base_peak).abs().max())
    out = out.sort_values(["effect_months", "effect_peak", "param"], ascending=[False, False, True], kind="stable")
    return out[
        [
            "param",
            "group",
            "link_id",
            "end",
            "value",
            "binding_link_id",
            "binding_month",
            "peak_utilisation",
            "shift_months",
            "effect_months",
            "effect_peak",
        ]
    ].reset_index(drop=True)


__all__ = [
    "Bottleneck",
    "PROFILES",
    "agri_share_check",
    "bottleneck",
    "bottleneck_sensitivity",
    "door_to_door",
    "fleet",
    "flow",
    "link_capacity",
    "peak_by_link",
    "profile_weights",
    "round_trip",
    "seasonal_trajectory",
    "seasonalise",
    "utilisation",
]
