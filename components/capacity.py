"""From tonnes to boxes, trains and warehouse space.

All functions take the monthly trajectory of :func:`components.projection.trajectory`
(``month``, ``tonnes`` in t/month, ``rate_t_year`` in t/year) and return a new DataFrame.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from components.facts import tables
from components.scenario import Scenario

TEU_PER_FEU = 2.0
WEEKS_PER_YEAR = 52.0
DAYS_PER_YEAR = 365.0


def feu_for(tonnes: np.ndarray, s: Scenario) -> np.ndarray:
    """Forty-foot boxes for ``tonnes`` of grain at the scenario's payload per box."""
    return tonnes / s.feu_payload_t


def boxes_and_trains(traj: pd.DataFrame, s: Scenario) -> pd.DataFrame:
    """Containers and trains a month.

    Returns
    -------
    ``month``, ``tonnes`` (t/month), ``feu`` (40-ft boxes/month = tonnes / payload), ``teu``
    (= 2 × feu), ``trains_per_week`` (= feu × 12 / 52 / boxes per train), ``over_limit`` (bool: above
    ``s.service_trains_per_week``).
    """
    feu = feu_for(traj["tonnes"].to_numpy(), s)
    trains = feu * 12.0 / WEEKS_PER_YEAR / s.feu_per_train
    return pd.DataFrame({"month": traj["month"], "tonnes": traj["tonnes"], "feu": feu, "teu": feu * TEU_PER_FEU,
                         "trains_per_week": trains, "over_limit": trains > s.service_trains_per_week})


def first_month_over_limit(boxes: pd.DataFrame) -> pd.Timestamp | None:
    """First month whose trains a week exceed the limit, or None if never within the horizon."""
    hit = boxes.loc[boxes["over_limit"], "month"]
    return None if hit.empty else hit.iloc[0]


def warehouse_need(traj: pd.DataFrame, s: Scenario) -> pd.DataFrame:
    """Area the flow needs at the hub against the stated total area.

    Tonnes on hand = annual rate × dwell days / 365; area needed = tonnes on hand /
    (tonnes per m² × utilisation).

    Returns
    -------
    ``month``, ``on_hand_t`` (t), ``area_needed_m2`` (m²), ``stated_area_m2`` (m², 65,000),
    ``share_of_area`` (area needed / stated area).
    """
    area = tables().fact("selyatino_area")
    on_hand = traj["rate_t_year"].to_numpy() * s.dwell_days / DAYS_PER_YEAR
    need = on_hand / (s.storage_t_per_m2 * s.utilisation)
    return pd.DataFrame({"month": traj["month"], "on_hand_t": on_hand, "area_needed_m2": need,
                         "stated_area_m2": area, "share_of_area": need / area})


def max_throughput_t_year(s: Scenario) -> float:
    """Annual tonnes the stated area can turn over at the scenario's dwell time (t/year)."""
    return tables().fact("selyatino_area") * s.storage_t_per_m2 * s.utilisation * DAYS_PER_YEAR / s.dwell_days


def two_way_balance(boxes: pd.DataFrame, s: Scenario) -> pd.DataFrame:
    """Loaded and empty boxes for trains that run both ways.

    Eastbound loaded = export boxes; westbound loaded = ``backhaul_ratio`` × that. Boxes must come
    back, so each direction moves ``max(east, west)`` boxes and the difference runs empty.

    Returns
    -------
    ``month``, ``east_loaded``, ``east_empty``, ``west_loaded``, ``west_empty`` (FEU/month) and
    ``loaded_share`` (loaded boxes / all boxes moved).
    """
    east = boxes["feu"].to_numpy()
    west = east * s.backhaul_ratio
    moved = np.maximum(east, west)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(moved > 0, (east + west) / (2 * moved), np.nan)
    return pd.DataFrame({"month": boxes["month"], "east_loaded": east, "east_empty": moved - east,
                         "west_loaded": west, "west_empty": moved - west, "loaded_share": share})
