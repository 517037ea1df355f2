"""One result per scenario: the projection, the seasonal flow, the network and the economics, computed once.

Pages, cards, downloads and the report read :class:`Result`; none recomputes the flow or the network. The app
caches :func:`run` by (scenario, today) (``components/app/model.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from components.data.scenario import Scenario
from components.model import chain, economics, network, projection


@dataclass(frozen=True, eq=False)
class Result:
    """Everything one scenario gives, on one day.

    Attributes
    ----------
    scenario : Scenario
        The scenario it was computed for.
    today : datetime.date
        The day it was computed for (the "today" line and the figures "as of" today).
    trajectory : pandas.DataFrame
        :func:`components.model.projection.trajectory`: the annual rate and its months [t/year, t/month].
    seasonal : pandas.DataFrame
        :func:`components.model.chain.seasonal_trajectory`: this flow's months with the season applied [t/month].
    network : components.model.network.Network
        Utilisation, waiting, backlog, route split, door-to-door and fleet (:func:`components.model.network.run`),
        computed from ``seasonal``'s flow.
    economics : components.model.economics.Appraisal or None
        The appraisal (:func:`components.model.economics.appraisal`), which reads the same network through
        :func:`components.model.economics.network_effects`; None when :func:`run` was asked not to compute it.
    """

    scenario: Scenario
    today: dt.date
    trajectory: pd.DataFrame
    seasonal: pd.DataFrame
    network: network.Network
    economics: economics.Appraisal | None


def run(s: Scenario, today: dt.date, with_economics: bool = True) -> Result:
    """The scenario's result: projection, seasonal flow, network and (by default) the economics appraisal.

    Parameters
    ----------
    s : Scenario
        The scenario.
    today : datetime.date
        The day of the result (kept in it; no model output depends on it today).
    with_economics : bool
        Compute the appraisal too (≈ 10–45 ms); False leaves ``economics`` None.

    Returns
    -------
    Result
        See :class:`Result`.
    """
    return Result(
        scenario=s,
        today=today,
        trajectory=projection.trajectory(s),
        seasonal=chain.seasonal_trajectory(s),
        network=network.run(s),  # once per network key, shared with the economics' network_effects
        economics=economics.appraisal(s) if with_economics else None,
    )
