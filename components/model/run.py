"""One result per scenario: the projection, the seasonal flow, the network and the economics, computed once.

Pages, cards, downloads and the report read :class:`Result`; none calls a model function on a scenario itself
(``tests/test_layering.py`` checks the pages and the export room). The app caches :func:`run` by (scenario, today)
(``components/app/model.py``), so every member below is computed at most once per scenario and day in a process:
the eager ones when the result is made, the lazy ones (``band``, ``npv_distribution``, the two sensitivities...) the
first time a page or a download reads them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from components.data.scenario import Scenario
from components.model import capacity, chain, economics, network, projection, tracking


def _guarded(value):
    """What a reader gets of a shared member: a table as a new frame over the same data (pandas copies on write, so
    a reader's change stays its own), a dict as a new dict, an array read-only; the rest as it is."""
    if isinstance(value, pd.DataFrame):
        return value.copy(deep=False)
    if isinstance(value, dict):
        return {k: _guarded(v) for k, v in value.items()}
    if isinstance(value, np.ndarray) and value.flags.writeable:
        value.flags.writeable = False
    return value


class _lazy:
    """A member computed on first read and kept with the result; every read is guarded (:func:`_guarded`). Two
    sessions reading it at once may both compute it; the results are equal and one is kept."""

    def __init__(self, compute):
        self.compute = compute
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.key = "_kept_" + name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        kept = instance.__dict__
        if self.key not in kept:
            kept[self.key] = self.compute(instance)
        return _guarded(kept[self.key])


@dataclass(frozen=True, eq=False)
class Result:
    """Everything one scenario gives, on one day.

    Shared read-only between sessions: the tables a reader gets are its own frames over the result's data (pandas
    copies on write), so a page that changes one changes only its copy.

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
    economics : components.model.economics.Appraisal
        The appraisal (:func:`components.model.economics.appraisal`), which reads the same network through
        :func:`components.model.economics.network_effects`; computed on first read (the Projections and Capacity
        pages never need it), like the members below.
    """

    scenario: Scenario
    today: dt.date
    _trajectory: pd.DataFrame
    _seasonal: pd.DataFrame
    network: network.Network

    @property
    def trajectory(self) -> pd.DataFrame:
        return _guarded(self._trajectory)

    @property
    def seasonal(self) -> pd.DataFrame:
        return _guarded(self._seasonal)

    # lazy members: computed on first read, then kept with the result ------------------------------------------
    @_lazy
    def economics(self) -> economics.Appraisal:
        """:func:`components.model.economics.appraisal`: NPV [RUB], IRRs [share/year], DSCR, paybacks [years], the
        cash-flow table [RUB/year]."""
        return economics.appraisal(self.scenario)

    @_lazy
    def band(self) -> pd.DataFrame:
        """:func:`components.model.projection.band`: p10, p50, p90 of the monthly flow [t/month]."""
        return projection.band(self.scenario)

    @_lazy
    def projection_headline(self) -> dict[str, float | pd.Timestamp]:
        """:func:`components.model.projection.headline` of ``trajectory`` (target month [date], target rate
        [t/year], monthly growth [share/month], rate in 2030 [t/year], tonnes of 2027 [t])."""
        return projection.headline(self.scenario, self.trajectory)

    @_lazy
    def boxes(self) -> pd.DataFrame:
        """:func:`components.model.capacity.boxes_and_trains` of the seasonal months [FEU/month, trains/week]."""
        return capacity.boxes_and_trains(self.seasonal, self.scenario)

    @_lazy
    def warehouse(self) -> pd.DataFrame:
        """:func:`components.model.capacity.warehouse_need` of the seasonal months [m², share of the hub's area]."""
        return capacity.warehouse_need(self.seasonal, self.scenario)

    @_lazy
    def capacity_headline(self) -> dict[str, object]:
        """:func:`components.model.capacity.headline` of ``boxes`` and ``warehouse``."""
        return capacity.headline(self.boxes, self.warehouse, self.scenario)

    @_lazy
    def agri_share(self) -> dict[str, float]:
        """:func:`components.model.chain.agri_share_check`: the stated 40 % agri share against this flow [share, t]."""
        return chain.agri_share_check(self.scenario)

    @_lazy
    def network_sensitivity(self) -> pd.DataFrame:
        """:func:`components.model.network.sensitivity`: the longest wait at each input's low and high end [days]."""
        return network.sensitivity(self.scenario)

    @_lazy
    def network_effects(self) -> pd.DataFrame:
        """:func:`components.model.economics.network_effects`: boxes demanded, crossed, deferred and lost by year
        [FEU/year] and their waiting cost [RUB/year]."""
        return economics.network_effects(self.scenario)

    @_lazy
    def sensitivity(self) -> pd.DataFrame:
        """:func:`components.model.economics.sensitivity`: the NPV at each input's low and high end [RUB]."""
        return economics.sensitivity(self.scenario)

    @_lazy
    def npv_distribution(self) -> dict:
        """:func:`components.model.economics.npv_distribution`: Monte Carlo NPVs [RUB], their percentiles and the
        share of positive paths [share]."""
        return economics.npv_distribution(self.scenario)

    @_lazy
    def bridge(self) -> pd.DataFrame:
        """:func:`components.model.economics.bridge`: the NPV from the stated plan's to this scenario's, step by step
        [RUB]."""
        return economics.bridge(self.scenario)

    @_lazy
    def year_waterfall(self) -> pd.DataFrame:
        """:func:`components.model.economics.year_waterfall`: one year's revenue down to the cash left for equity
        [RUB/year]."""
        return economics.year_waterfall(self.scenario)

    @property
    def plan(self) -> Result:
        """The stated plan's result on the same day (:func:`other` of the default scenario): the charts draw the
        plan beside the scenario."""
        return self.other(Scenario.default())

    def other(self, s: Scenario) -> Result:
        """Another scenario's result on the same day (a preset to compare with, the plan), without economics unless
        read; kept for the few scenarios the pages compare with (:func:`_other`)."""
        return self if s == self.scenario else _other(s, self.today)

    @_lazy
    def nominal_flows(self) -> pd.DataFrame:
        """The cash flows under the nominal convention [RUB/year]: ``economics.flows`` when the scenario is nominal,
        else :func:`components.model.economics.cash_flows` of the same scenario made nominal (its WACC path)."""
        s = self.scenario
        if s.convention == "nominal":
            return self.economics.flows
        return economics.cash_flows(s.with_values(convention="nominal"))

    @_lazy
    def build_today(self) -> dict[str, float]:
        """:func:`components.model.economics.build_today`: what the hub would cost to build today [RUB, RUB/m²]."""
        return economics.build_today(self.scenario)

    @_lazy
    def ratios(self) -> pd.DataFrame:
        """:func:`components.model.economics.ratios`: the ratios derived from the stated figures (per job, per m²...)."""
        return economics.ratios()

    @_lazy
    def target_month(self) -> pd.Timestamp:
        """:func:`components.model.projection.target_month`: the month the scenario reaches its target rate [date]."""
        return projection.target_month(self.scenario)

    @property
    def months_past_target(self) -> int:
        """Whole months from the target month to today's month [months]; ≤ 0 while the target month is ahead."""
        return projection.months_between(self.target_month, pd.Timestamp(self.today).to_period("M").to_timestamp())

    @_lazy
    def stated_target_month(self) -> pd.Timestamp:
        """The stated plan's target month (:func:`components.model.projection.plan_anchors`) [date]."""
        return projection.plan_anchors()["target_month"]

    @_lazy
    def target_t_year(self) -> float:
        """:func:`components.model.tracking.target_t_year`: the stated target rate [t/year]."""
        return tracking.target_t_year()

    # against the user's actuals (not kept: they change with every upload) ------------------------------------------
    def progress(self, actuals: pd.DataFrame) -> tracking.Progress:
        """:func:`components.model.tracking.progress` of ``actuals`` (``month``, ``tonnes`` [t/month]) on the
        result's day."""
        return tracking.progress(actuals, self.scenario, self.today)

    def as_of(self, actuals: pd.DataFrame | None = None) -> tracking.AsOf:
        """:func:`components.model.tracking.as_of`: what the plan and the scenario expect by the result's day, and
        the actuals against both [t, t/year]. Without actuals it is made once and kept (a frozen dataclass)."""
        return self._as_of_plan if actuals is None else tracking.as_of(self.scenario, self.today, actuals)

    @_lazy
    def _as_of_plan(self) -> tracking.AsOf:
        return tracking.as_of(self.scenario, self.today, None)

    def fit(self, actuals: pd.DataFrame) -> tracking.Fit:
        """:func:`components.model.tracking.fit_scenario` of ``actuals`` with the scenario's seasonal profile (the
        delay [months] and attainment [share] that explain them best); raises
        :class:`components.model.tracking.FitError` when too few months are usable."""
        return tracking.fit_scenario(actuals, self.scenario, seasonal=tracking.seasonal_weights(self.scenario.profile))

    def convert(self, rub: float | np.ndarray | pd.Series, currency: str):
        """Money in RUB shown in ``currency`` at the scenario's rates (:func:`components.model.economics.convert`).

        Parameters
        ----------
        rub : float or array
            Money [RUB].
        currency : str
            ``RUB``, ``USD`` or ``KZT``.

        Returns
        -------
        float or array
            The same money [``currency``].
        """
        return economics.convert(rub, currency, self.scenario)


@lru_cache(maxsize=16)
def _other(s: Scenario, today: dt.date) -> Result:
    """The result of a scenario a chart compares with (the plan, a preset): there are few, so a small cache."""
    return run(s, today)


def run(s: Scenario, today: dt.date, with_economics: bool = False) -> Result:
    """The scenario's result: projection, seasonal flow and network now; the appraisal and the rest on first read.

    Parameters
    ----------
    s : Scenario
        The scenario.
    today : datetime.date
        The day of the result (kept in it; no model output depends on it today).
    with_economics : bool
        Compute the appraisal now (≈ 10–45 ms) rather than when it is first read.

    Returns
    -------
    Result
        See :class:`Result`.
    """
    r = Result(
        scenario=s,
        today=today,
        _trajectory=projection.trajectory(s),
        _seasonal=chain.seasonal_trajectory(s),
        network=network.run(s),  # once per network key, shared with the economics' network_effects
    )
    if with_economics:
        r.economics  # noqa: B018 - computed now, kept with the result
    return r
