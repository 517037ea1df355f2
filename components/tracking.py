"""Plan against reality: uploaded monthly actuals compared with the stated plan and the scenario.

Input everywhere: monthly totals, a DataFrame with ``month`` (datetime64, first of month) and
``tonnes`` (t/month), one row per month, sorted.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from components import projection
from components.facts import tables
from components.scenario import Scenario

PACE_WINDOW = 6  # months used for the current pace
FIT_DELAYS = np.arange(0, 37)  # months
FIT_ATTAINMENTS = np.round(np.arange(0.3, 1.5001, 0.05), 2)


@dataclass(frozen=True)
class Progress:
    """Where the actuals stand.

    Attributes
    ----------
    year, tonnes_this_year : calendar year of the latest actual month and its tonnes so far (t).
    last_month, last_tonnes : latest actual month and its volume (t/month).
    pace : current month-on-month growth, a share (log-linear fit over the last months).
    needed_growth : monthly growth needed from the last month to the target at the target date
        (None if the target date is not after the last month).
    months_left : months from the last actual month to the target date.
    reaches_target : month the current pace reaches the stated target rate (None: never at this pace).
    """

    year: int
    tonnes_this_year: float
    last_month: pd.Timestamp
    last_tonnes: float
    pace: float
    needed_growth: float | None
    months_left: int
    reaches_target: pd.Timestamp | None


def current_pace(monthly: pd.DataFrame, window: int = PACE_WINDOW) -> float:
    """Monthly growth share from a least-squares line through log(tonnes) of the last ``window`` months."""
    tail = monthly[monthly["tonnes"] > 0].tail(window)
    if len(tail) < 2:
        return 0.0
    x = np.array([projection.months_between(tail["month"].iloc[0], m) for m in tail["month"]], dtype=float)
    slope = np.polyfit(x, np.log(tail["tonnes"].to_numpy()), 1)[0]
    return float(math.expm1(slope))


def progress(monthly: pd.DataFrame, s: Scenario) -> Progress:
    """Tonnes so far this year, the pace needed, and when the current pace reaches the target."""
    target_t_month = tables().fact("export_china_target") / 12.0
    last = monthly.iloc[-1]
    year = int(last["month"].year)
    this_year = float(monthly.loc[monthly["month"].dt.year == year, "tonnes"].sum())
    target_at = projection.target_month(s)
    left = projection.months_between(last["month"], target_at)
    needed = None
    if left > 0 and last["tonnes"] > 0:
        needed = projection.implied_monthly_growth(float(last["tonnes"]), target_t_month * s.attainment, left)
    pace = current_pace(monthly)
    if last["tonnes"] >= target_t_month:
        reach = last["month"]
    elif pace > 0 and last["tonnes"] > 0:
        n = math.ceil(math.log(target_t_month / last["tonnes"]) / math.log1p(pace))
        reach = last["month"] + pd.DateOffset(months=n) if n < 1200 else None
    else:
        reach = None
    return Progress(year, this_year, last["month"], float(last["tonnes"]), pace, needed, left, reach)


def fit_scenario(monthly: pd.DataFrame, s: Scenario) -> tuple[Scenario, float]:
    """The delay (months) and attainment (share) that best explain the actuals, the rest as in ``s``.

    A grid search over :data:`FIT_DELAYS` × :data:`FIT_ATTAINMENTS` minimising the sum of squared
    differences between actual and projected t/month over the months the two share.

    Returns
    -------
    The fitted scenario and its root-mean-square error (t/month).
    """
    a = projection.plan_anchors()
    offsets = np.array([projection.months_between(a["baseline_month"], m) for m in monthly["month"]], dtype=float)
    keep = offsets >= 0
    if not keep.any():
        raise ValueError("no actual month falls on or after the baseline month")
    t, y = offsets[keep], monthly["tonnes"].to_numpy()[keep]
    base_T = projection.months_between(a["baseline_month"], a["target_month"])
    D, A = np.meshgrid(FIT_DELAYS, FIT_ATTAINMENTS, indexing="ij")
    T, att = (base_T + D).reshape(-1, 1), A.reshape(-1, 1)
    pred = projection._rates(t[None, :], T, att, s) / 12.0
    sse = ((pred - y[None, :]) ** 2).sum(axis=1)
    i = int(np.argmin(sse))
    fitted = s.with_values(delay_months=int(D.reshape(-1)[i]), attainment=float(A.reshape(-1)[i]))
    return fitted, float(np.sqrt(sse[i] / len(y)))
