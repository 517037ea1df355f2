"""From tonnes to boxes, trains and warehouse space.

All functions take the monthly trajectory of :func:`components.model.projection.trajectory`
(``month``, ``tonnes`` in t/month, ``rate_t_year`` in t/year) and return a new DataFrame.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.data.facts import tables
from components.data.scenario import Scenario
from components.model.projection import target_month

TEU_PER_FEU = 2.0
WEEKS_PER_YEAR = 52.0
DAYS_PER_YEAR = 365.0


def feu_for(tonnes: np.ndarray, s: Scenario) -> np.ndarray:
    """Forty-foot boxes for ``tonnes`` of the flow, dry and reefer payloads blended by the reefer share.

    Parameters
    ----------
    tonnes : array-like
        Tonnes of the flow [t] (or t/month: boxes come out per the same period).
    s : Scenario
        ``reefer_share`` of the tonnes travel in reefer boxes at ``reefer_payload_t``, the rest in dry boxes at
        ``feu_payload_t`` [t/FEU].

    Returns
    -------
    ndarray
        Boxes = tonnes × ((1 − reefer_share) / dry payload + reefer_share / reefer payload) [FEU].
    """
    return tonnes * ((1.0 - s.reefer_share) / s.feu_payload_t + s.reefer_share / s.reefer_payload_t)


def boxes_and_trains(traj: pd.DataFrame, s: Scenario) -> pd.DataFrame:
    """Containers and trains a month through Selyatino.

    Parameters
    ----------
    traj : DataFrame
        ``month`` and ``tonnes`` [t/month] of Moscow region exports to China (:func:`components.model.projection.trajectory`,
        or :func:`components.model.chain.seasonal_trajectory` for the seasonal months).
    s : Scenario
        Rail share, payloads, reefer share, boxes per train and the planned service frequency.

    Returns
    -------
    DataFrame
        ``month``; ``tonnes`` (× ``rail_share``: the part by rail through Selyatino [t/month]); ``feu``
        (:func:`feu_for` [FEU/month]); ``teu`` (= 2 × feu [TEU/month]); ``trains_per_week`` (= feu × 12 / 52 /
        boxes per train [trains/week]); ``above_service`` (bool: more trains a week than the planned service
        ``s.service_trains_per_week`` runs; a plan, not a capacity).
    """
    tonnes = traj["tonnes"].to_numpy() * s.rail_share
    feu = feu_for(tonnes, s)
    trains = feu * 12.0 / WEEKS_PER_YEAR / s.feu_per_train
    return pd.DataFrame(
        {
            "month": traj["month"],
            "tonnes": tonnes,
            "feu": feu,
            "teu": feu * TEU_PER_FEU,
            "trains_per_week": trains,
            "above_service": trains > s.service_trains_per_week,
        }
    )


def first_month_above_service(boxes: pd.DataFrame) -> pd.Timestamp | None:
    """First month above the planned service: more trains a week needed than the plan runs.

    Parameters
    ----------
    boxes : DataFrame
        :func:`boxes_and_trains` (``month``, ``above_service``).

    Returns
    -------
    Timestamp or None
        That month, or None if the plan suffices within the horizon.
    """
    hit = boxes.loc[boxes["above_service"], "month"]
    return None if hit.empty else hit.iloc[0]


def warehouse_need(traj: pd.DataFrame, s: Scenario) -> pd.DataFrame:
    """Area the flow needs at the hub against the stated total area.

    Tonnes on hand = the month's tonnes through Selyatino (× ``rail_share``) at an annual rate (× 12) × dwell
    days / 365; area needed = tonnes on hand / (tonnes per m² × utilisation). With an even trajectory the
    month's tonnes × 12 are the annual rate; a seasonal one (:func:`components.model.chain.seasonal_trajectory`) shows
    the peak month's need.

    Parameters
    ----------
    traj : pandas.DataFrame
        ``month`` and ``tonnes`` [t/month] (:func:`components.model.projection.trajectory` or the seasonal one).
    s : Scenario
        ``rail_share`` [share], ``dwell_days`` [days], ``storage_t_per_m2`` [t/m²], ``utilisation`` [share].

    Returns
    -------
    pandas.DataFrame
        ``month``, ``on_hand_t`` [t], ``area_needed_m2`` [m²], ``stated_area_m2`` [m², the stated total] and
        ``share_of_area`` [share: area needed / stated area].
    """
    area = tables().fact("selyatino_area")
    on_hand = traj["tonnes"].to_numpy() * 12.0 * s.rail_share * s.dwell_days / DAYS_PER_YEAR
    need = on_hand / (s.storage_t_per_m2 * s.utilisation)
    return pd.DataFrame(
        {
            "month": traj["month"],
            "on_hand_t": on_hand,
            "area_needed_m2": need,
            "stated_area_m2": area,
            "share_of_area": need / area,
        }
    )


def max_throughput_t_year(s: Scenario) -> float:
    """Annual tonnes the stated area can turn over at the scenario's dwell time.

    Parameters
    ----------
    s : Scenario
        ``storage_t_per_m2`` [t/m²], ``utilisation`` [share] and ``dwell_days`` [days].

    Returns
    -------
    float
        Stated area × t/m² × utilisation × 365 / dwell days [t/year].
    """
    return tables().fact("selyatino_area") * s.storage_t_per_m2 * s.utilisation * DAYS_PER_YEAR / s.dwell_days


def two_way_balance(boxes: pd.DataFrame, s: Scenario) -> pd.DataFrame:
    """Loaded and empty boxes for trains that run both ways.

    Eastbound loaded = export boxes; westbound loaded = ``backhaul_ratio`` × that. Boxes must come
    back, so each direction moves ``max(east, west)`` boxes and the difference runs empty.

    Parameters
    ----------
    boxes : pandas.DataFrame
        :func:`boxes_and_trains` (``month``, ``feu`` [FEU/month]).
    s : Scenario
        ``backhaul_ratio``: westbound loaded boxes per eastbound one [share].

    Returns
    -------
    pandas.DataFrame
        ``month``, ``east_loaded``, ``east_empty``, ``west_loaded``, ``west_empty`` [FEU/month] and
        ``loaded_share`` [share: loaded boxes / all boxes moved; NaN when nothing moves].
    """
    east = boxes["feu"].to_numpy()
    west = east * s.backhaul_ratio
    moved = np.maximum(east, west)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(moved > 0, (east + west) / (2 * moved), np.nan)
    return pd.DataFrame(
        {
            "month": boxes["month"],
            "east_loaded": east,
            "east_empty": moved - east,
            "west_loaded": west,
            "west_empty": moved - west,
            "loaded_share": share,
        }
    )


def headline(boxes: pd.DataFrame, need: pd.DataFrame, s: Scenario) -> dict[str, object]:
    """Headline numbers of the boxes, trains and warehouse, as the Capacity page's cards show them.

    Parameters
    ----------
    boxes : pandas.DataFrame
        :func:`boxes_and_trains` (``month``, ``feu``, ``teu``, ``trains_per_week``, ``above_service``).
    need : pandas.DataFrame
        :func:`warehouse_need` on the same trajectory (``month``, ``share_of_area``).
    s : Scenario
        The scenario's assumptions (its target month, payloads, dwell time, storage density).

    Returns
    -------
    dict
        ``peak_trains_per_week`` [trains/week] and ``peak_month`` [pandas.Timestamp]: the busiest month;
        ``feu_12m`` [FEU] and ``teu_12m`` [TEU]: boxes in the 12 months from the target month on (a year at
        the target rate); ``above_service_month`` [pandas.Timestamp or None]: :func:`first_month_above_service`;
        ``area_peak_share`` [share of the stated area, 1 = 100 %]: the largest ``share_of_area``;
        ``max_throughput_t_year`` [t/year]: :func:`max_throughput_t_year`.
    """
    # on the columns' numpy arrays (a frame's row look-up and datetime comparisons cost ~0.6 ms); same values
    at = target_month(s)
    trains, month = boxes["trains_per_week"].to_numpy(), boxes["month"].to_numpy()
    i = int(np.argmax(trains))  # the first busiest month, as idxmax
    year = (month >= np.datetime64(at)) & (month < np.datetime64(at + pd.DateOffset(months=12)))
    return {
        "peak_trains_per_week": float(trains[i]),
        "peak_month": boxes["month"].iloc[i],
        "feu_12m": float(boxes["feu"].to_numpy()[year].sum()),
        "teu_12m": float(boxes["teu"].to_numpy()[year].sum()),
        "above_service_month": first_month_above_service(boxes),
        "area_peak_share": float(need["share_of_area"].max()),
        "max_throughput_t_year": max_throughput_t_year(s),
    }
