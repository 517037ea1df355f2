"""Plan against reality: uploaded monthly actuals compared with the stated plan and the scenario.

Input everywhere: monthly totals, a DataFrame with ``month`` (datetime64, first of month) and
``tonnes`` (t/month), one row per month, sorted. Months may be missing (gaps); they are never read as 0.

Seasonally honest rules (a harvest-peak month must not pass for the annual target):

- "target reached" means the **trailing 12-month sum** is at least the stated annual target; with fewer
  than 12 months in the window the answer is "not known yet", with the number of months missing;
- the **pace** is year-on-year growth: of the 12-month sum when 24 months are there, else of the latest
  month against the same month a year earlier; never the growth between neighbouring months;
- a last month of 0 t, a month still running and months not yet uploaded each get their own status;
- a fitted scenario needs at least :data:`MIN_FIT_MONTHS` months, says how well it fits and whether it
  landed on the edge of the slider range;
- month by month, the plan and the scenario are spread over the months by their seasonal profile
  (:func:`components.model.chain.seasonal_trajectory`), so an October actual is compared with an October plan; with
  the ``even`` profile every month is a twelfth of the annual rate, as before the chain.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from components.data.facts import tables
from components.data.scenario import Scenario
from components.model import chain, projection

YEAR = 12  # months in the trailing window [months]
MIN_FIT_MONTHS = 3  # months after the baseline a fit needs
FIT_PARAMS = ("delay_months", "attainment")


def _month(day: dt.date | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(day).to_period("M").to_timestamp()


def target_t_year() -> float:
    """The stated annual target [t/year] (``export_china_target`` in ``data/facts.csv``).

    Returns
    -------
    float
        The stated annual export target (550 kt) [t/year].
    """
    return tables().fact("export_china_target")


def calendar(monthly: pd.DataFrame) -> pd.Series:
    """Tonnes on a full calendar from the first to the last month; a month not uploaded is NaN.

    Parameters
    ----------
    monthly : pandas.DataFrame
        ``month`` (first of month) and ``tonnes`` [t/month].

    Returns
    -------
    pandas.Series
        Tonnes [t/month] indexed by every month from the first to the last (``MS`` frequency).
    """
    s = monthly.set_index("month")["tonnes"].astype(float)
    return s.reindex(pd.date_range(s.index.min(), s.index.max(), freq="MS"))


def trailing_sum(monthly: pd.DataFrame, window: int = YEAR) -> pd.DataFrame:
    """The sum of the last ``window`` calendar months at every month, and how many of them were uploaded.

    Parameters
    ----------
    monthly : pandas.DataFrame
        ``month`` and ``tonnes`` [t/month].
    window : int
        Months in the window [months] (12: an annual rate).

    Returns
    -------
    pandas.DataFrame
        ``month``; ``tonnes_12m``: sum of the uploaded months in the window ending at ``month`` [t];
        ``months_in``: how many of the ``window`` months were uploaded; ``complete``: all of them were.
    """
    cal = calendar(monthly)
    full = cal.reindex(pd.date_range(cal.index.min() - pd.DateOffset(months=window - 1), cal.index.max(), freq="MS"))
    total = full.rolling(window, min_periods=1).sum().loc[cal.index]
    count = full.notna().rolling(window, min_periods=1).sum().loc[cal.index].astype(int)
    return pd.DataFrame(
        {
            "month": cal.index,
            "tonnes_12m": total.to_numpy(),
            "months_in": count.to_numpy(),
            "complete": (count == window).to_numpy(),
        }
    )


@dataclass(frozen=True)
class Progress:
    """Where the actuals stand, measured the seasonally honest way.

    Attributes
    ----------
    year : int
        Calendar year of the latest uploaded month.
    tonnes_this_year : float
        Sum of that year's uploaded months [t].
    months_this_year : int
        How many months of that year were uploaded.
    last_month : pandas.Timestamp
        Latest uploaded month.
    last_tonnes : float
        Its volume [t/month].
    last_status : str
        ``"ok"``; ``"zero"`` (0 t: a stop, or figures not in yet); ``"running"`` (the current month, likely
        incomplete); ``"stale"`` (months after it have passed and are not uploaded).
    months_not_uploaded : int
        Complete calendar months between the latest uploaded month and today [months].
    sum_12m : float
        Sum of the uploaded months among the last 12 ending at ``last_month`` [t].
    months_missing : int
        How many of those 12 months are not in the upload (0: the 12-month sum is an annual rate).
    target_reached : bool
        The trailing 12-month sum, complete, is at least the stated target, at some month.
    reached_month : pandas.Timestamp or None
        First month whose complete trailing 12-month sum reaches the target.
    pace : float or None
        Year-on-year growth [share/year]; None when fewer than 13 months allow it.
    pace_basis : str or None
        ``"12m"`` (12-month sum against the 12 months before) or ``"month"`` (latest month against the same
        month a year earlier).
    needed_growth : float or None
        Growth a year of the 12-month sum from ``last_month`` to the scenario's target rate at its target month
        [share/year]; None if the target date is not after the last month or the 12-month sum is incomplete.
    months_left : int
        Months from the last uploaded month to the scenario's target month (negative: passed) [months].
    reaches_target : pandas.Timestamp or None
        Month the 12-month sum reaches the stated target at the current pace (None: not at this pace, or no pace).
    """

    year: int
    tonnes_this_year: float
    months_this_year: int
    last_month: pd.Timestamp
    last_tonnes: float
    last_status: str
    months_not_uploaded: int
    sum_12m: float
    months_missing: int
    target_reached: bool
    reached_month: pd.Timestamp | None
    pace: float | None
    pace_basis: str | None
    needed_growth: float | None
    months_left: int
    reaches_target: pd.Timestamp | None


def year_on_year(monthly: pd.DataFrame) -> tuple[float | None, str | None]:
    """Year-on-year growth of the actuals [share/year] and its basis.

    The 12-month sum at the last month against the 12-month sum a year earlier when both are complete
    (``"12m"``, needs 24 months), else the last month against the same month a year earlier when both are
    above 0 (``"month"``, needs 13 months), else ``(None, None)``.

    Parameters
    ----------
    monthly : pandas.DataFrame
        ``month`` (first of month) and ``tonnes`` [t/month], at least one row.

    Returns
    -------
    growth : float or None
        Year-on-year growth [share/year].
    basis : str or None
        ``"12m"`` or ``"month"``, as above.
    """
    ts = trailing_sum(monthly).set_index("month")
    last = ts.index[-1]
    before = last - pd.DateOffset(months=YEAR)
    if before in ts.index and ts.at[last, "complete"] and ts.at[before, "complete"] and ts.at[before, "tonnes_12m"] > 0:
        return float(ts.at[last, "tonnes_12m"] / ts.at[before, "tonnes_12m"] - 1.0), "12m"
    cal = calendar(monthly)
    if before in cal.index and cal[before] > 0 and cal[last] > 0:
        return float(cal[last] / cal[before] - 1.0), "month"
    return None, None


def progress(monthly: pd.DataFrame, s: Scenario, today: dt.date) -> Progress:
    """Tonnes so far this year, the trailing 12-month sum against the target, the pace and the pace needed.

    Parameters
    ----------
    monthly : pandas.DataFrame
        ``month`` and ``tonnes`` [t/month], at least one row.
    s : Scenario
        The scenario whose target month and attainment give the pace needed.
    today : datetime.date
        Today (:func:`components.clock.today`); months before its month are complete.

    Returns
    -------
    Progress
        Tonnes [t], the last month's volume [t/month], the 12-month sum [t], pace and needed growth
        [share/year] and months [months], as its attributes describe.
    """
    target = target_t_year()
    cal = calendar(monthly)
    last = cal.index[-1]
    last_t = float(cal.iloc[-1])
    year = int(last.year)
    in_year = cal[cal.index.year == year].dropna()
    this_month = _month(today)
    behind = max(projection.months_between(last, this_month) - 1, 0)
    if last_t == 0:
        status = "zero"
    elif last >= this_month:
        status = "running"
    elif behind > 0:
        status = "stale"
    else:
        status = "ok"
    ts = trailing_sum(monthly)
    now = ts.iloc[-1]
    hit = ts[ts["complete"] & (ts["tonnes_12m"] >= target)]
    reached_month = hit["month"].iloc[0] if len(hit) else None
    pace, basis = year_on_year(monthly)
    target_at = projection.target_month(s)
    left = projection.months_between(last, target_at)
    needed = None
    if left > 0 and now["complete"] and now["tonnes_12m"] > 0:
        needed = (target * s.attainment / float(now["tonnes_12m"])) ** (YEAR / left) - 1.0
    if reached_month is not None:
        reach = reached_month
    elif pace is not None and pace > 0 and now["complete"] and now["tonnes_12m"] > 0:
        n = math.ceil(YEAR * math.log(target / float(now["tonnes_12m"])) / math.log1p(pace))
        reach = last + pd.DateOffset(months=n) if n < 1200 else None
    else:
        reach = None
    return Progress(
        year,
        float(in_year.sum()),
        int(len(in_year)),
        last,
        last_t,
        status,
        behind,
        float(now["tonnes_12m"]),
        YEAR - int(now["months_in"]),
        reached_month is not None,
        reached_month,
        pace,
        basis,
        needed,
        left,
        reach,
    )


# --- the fitted scenario ------------------------------------------------------------------------------------------


class FitError(ValueError):
    """No scenario can be fitted. ``code``: ``"too_few"`` (``months`` usable, ``needed`` required)."""

    def __init__(self, code: str, months: int, needed: int = MIN_FIT_MONTHS):
        self.code, self.months, self.needed = code, months, needed
        super().__init__(f"{code}: {months} usable months, {needed} needed")


@dataclass(frozen=True)
class Fit:
    """The delay and attainment that best explain the actuals, and how well they do.

    Attributes
    ----------
    scenario : Scenario
        ``s`` with the fitted ``delay_months`` and ``attainment``.
    rmse : float
        Typical miss: root-mean-square difference between actual and fitted tonnes [t/month].
    mean_month : float
        Average actual month over the fitted months [t/month].
    months : int
        Months used (uploaded, on or after the baseline month).
    at_edge : dict
        Fitted parameters that sit on the end of their slider range while one step beyond it would fit better,
        with ``"min"`` or ``"max"``: the best fit lies beyond the range, so the value is a bound, not an estimate.
    seasonal : bool
        The projection was spread over the months with the seasonal profile before comparing.
    """

    scenario: Scenario
    rmse: float
    mean_month: float
    months: int
    at_edge: dict[str, str] = field(default_factory=dict)
    seasonal: bool = False

    @property
    def miss_share(self) -> float:
        """Typical miss as a share of the average month [share].

        Returns
        -------
        float
            ``rmse / mean_month`` [share]; ``inf`` when the average month is not above 0.
        """
        return self.rmse / self.mean_month if self.mean_month > 0 else math.inf


def _grid(param: str) -> np.ndarray:
    a = tables().assumptions.loc[param]
    lo, hi, step = float(a["min"]), float(a["max"]), float(a["step"])
    return np.round(np.arange(lo, hi + step / 2, step), 6)


def seasonal_weights(profile: str) -> pd.Series:
    """A seasonal profile's weights as :func:`fit_scenario` takes them.

    Parameters
    ----------
    profile : str
        A profile of ``data/seasonality.csv`` (``Scenario.profile``).

    Returns
    -------
    pandas.Series
        Share of a year's tonnes in each calendar month, indexed 1 (January) … 12 [share], summing to 1.
    """
    return pd.Series(chain.profile_weights(profile), index=range(1, YEAR + 1), name="weight")


def _predictor(t: np.ndarray, s: Scenario, baseline: pd.Timestamp, seasonal: pd.Series | None):
    """``predict(T, attainment)``: projected tonnes [t/month] at month offsets ``t`` for ramp lengths and attainments
    (broadcast: ``(paths, 1)`` columns give ``(paths, len(t))``).

    Seasonal: the even months from the baseline to the December of the last month are spread by
    :func:`components.model.chain.seasonalise`, which is linear, so once as a matrix ``M`` (seasonal = ``M`` @ even) and
    the rows of the fitted months kept."""
    if seasonal is None:
        return lambda T, att: projection.rates(t[None, :] if np.ndim(T) else t, T, att, s) / YEAR
    weights = np.array([float(seasonal[k]) for k in range(1, YEAR + 1)])
    last = baseline + pd.DateOffset(months=int(t.max()))
    n = projection.months_between(baseline, pd.Timestamp(last.year, 12, 1)) + 1
    months = pd.date_range(baseline, periods=n, freq="MS")
    M = np.column_stack([chain.seasonalise(months, e, weights) for e in np.eye(n)])[t.astype(int)]
    full = np.arange(n, dtype=float)
    return lambda T, att: (projection.rates(full[None, :] if np.ndim(T) else full, T, att, s) / YEAR) @ M.T


def fit_scenario(monthly: pd.DataFrame, s: Scenario, seasonal: pd.Series | None = None) -> Fit:
    """The delay [months] and attainment [share] that best explain the actuals, the rest as in ``s``.

    A grid search over every value the two sliders can take, minimising the sum of squared differences
    between actual and projected t/month over the uploaded months on or after the baseline month.

    Parameters
    ----------
    monthly : pandas.DataFrame
        ``month`` and ``tonnes`` [t/month].
    s : Scenario
        Every other assumption (shape, growth after the target) is taken from it.
    seasonal : pandas.Series, optional
        Share of a year's tonnes in each calendar month (index 1–12, summing to 1 [share]), e.g.
        :func:`seasonal_weights` of the scenario's profile. When given, each candidate's months are spread by it
        exactly as :func:`components.model.chain.seasonal_trajectory` spreads the chart's lines (a flat year: rate ×
        share); when None, each month is rate / 12.

    Returns
    -------
    Fit
        The fitted scenario (``delay_months`` [months], ``attainment`` [share]), its ``rmse`` and ``mean_month``
        [t/month], the months used [months] and the parameters at the edge of their range.

    Raises
    ------
    FitError
        Fewer than :data:`MIN_FIT_MONTHS` uploaded months on or after the baseline month.
    """
    a = projection.plan_anchors()
    months = monthly["month"].to_list()
    offsets = np.array([projection.months_between(a["baseline_month"], m) for m in months], dtype=float)
    keep = offsets >= 0
    if keep.sum() < MIN_FIT_MONTHS:
        raise FitError("too_few", int(keep.sum()))
    t, y = offsets[keep], monthly["tonnes"].to_numpy(dtype=float)[keep]
    predict = _predictor(t, s, a["baseline_month"], seasonal)
    delays, attains = _grid("delay_months"), _grid("attainment")
    D, A = np.meshgrid(delays, attains, indexing="ij")
    T, att = projection.ramp_months(s, D).reshape(-1, 1), A.reshape(-1, 1)
    pred = predict(T, att)
    sse = ((pred - y[None, :]) ** 2).sum(axis=1)
    i = int(np.argmin(sse))
    d, at = float(D.reshape(-1)[i]), float(A.reshape(-1)[i])

    # On the end of a slider: the fit "lands on the edge" when one step beyond the end would fit better, i.e. the
    # range, not the data, stopped it (the stated plan fitted to itself sits at delay 0 and is not flagged).
    def sse_at(delay: float, attain: float) -> float:
        p = predict(np.asarray(projection.ramp_months(s, delay)), np.asarray(attain))
        return float(((p - y) ** 2).sum())

    edge = {}
    tol = 1e-9 * float((y**2).sum())  # "better" beyond rounding: ties (every delay reaching the rate early) are ties
    for name, value, grid in (("delay_months", d, delays), ("attainment", at, attains)):
        step = float(grid[1] - grid[0])
        for end, beyond in (("min", grid[0] - step), ("max", grid[-1] + step)):
            at_end = value <= grid[0] if end == "min" else value >= grid[-1]
            if not at_end:
                continue
            trial = sse_at(beyond, at) if name == "delay_months" else sse_at(d, max(beyond, 1e-3))
            if trial < sse[i] - tol:
                edge[name] = end
    fitted = s.with_values(delay_months=d, attainment=at)
    return Fit(fitted, float(np.sqrt(sse[i] / len(y))), float(y.mean()), int(len(y)), edge, seasonal is not None)


# --- as of today ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expectation:
    """What one scenario expects by a date.

    Attributes
    ----------
    rate_t_year : float
        Annual rate in the current month [t/year].
    tonnes_ytd : float
        Tonnes from January through the last complete month, each month spread by the scenario's seasonal profile
        [t] (months before the baseline count as 0).
    """

    rate_t_year: float
    tonnes_ytd: float


@dataclass(frozen=True)
class AsOf:
    """The plan and the scenario at today's date, and the actuals against both.

    Attributes
    ----------
    today : datetime.date
    month : pandas.Timestamp
        Today's month.
    ytd_months : int
        Complete months of this year counted in "so far this year" (January through last month).
    plan, scenario : Expectation
        What the stated plan and the scenario expect.
    completion_months_ago : int
        Months from the stated completion month to today's month (negative: still ahead) [months].
    actual_ytd : float or None
        Uploaded tonnes over the same months [t] (None: no actuals for this year).
    actual_ytd_months : int
        How many of those months were uploaded.
    plan_ytd_same, scenario_ytd_same : float or None
        The plan's and the scenario's tonnes over the uploaded months only [t], to compare like with like.
    actual_rate : float or None
        Trailing 12-month sum at the latest uploaded month [t/year], None unless all 12 months are there.
    actual_rate_month : pandas.Timestamp or None
        The month that sum ends at.
    """

    today: dt.date
    month: pd.Timestamp
    ytd_months: int
    plan: Expectation
    scenario: Expectation
    completion_months_ago: int
    actual_ytd: float | None = None
    actual_ytd_months: int = 0
    plan_ytd_same: float | None = None
    scenario_ytd_same: float | None = None
    actual_rate: float | None = None
    actual_rate_month: pd.Timestamp | None = None

    def gap(self, actual: float | None, expected: float | None) -> float | None:
        """Actual minus expected [t or t/year]; None when either is unknown.

        Parameters
        ----------
        actual : float or None
            The actual figure [t or t/year].
        expected : float or None
            The expected figure, in the same unit [t or t/year].

        Returns
        -------
        float or None
            ``actual − expected`` [t or t/year, as the inputs].
        """
        return None if actual is None or expected is None else actual - expected


def _expect(traj: pd.DataFrame, month: pd.Timestamp) -> Expectation:
    t = traj.set_index("month")
    rate = float(t["rate_t_year"].get(month, t["rate_t_year"].iloc[-1] if month > t.index[-1] else np.nan))
    ytd = t.loc[(t.index.year == month.year) & (t.index < month), "tonnes"].sum()
    return Expectation(rate, float(ytd))


def as_of(s: Scenario, today: dt.date, actuals: pd.DataFrame | None = None, plan: Scenario | None = None) -> AsOf:
    """What the stated plan and the scenario expect by ``today``, and how far the actuals are from both.

    Parameters
    ----------
    s : Scenario
        The user's scenario.
    today : datetime.date
        Today (:func:`components.clock.today`).
    actuals : pandas.DataFrame, optional
        ``month`` and ``tonnes`` [t/month].
    plan : Scenario, optional
        The stated plan (default :meth:`Scenario.default`, with the default seasonal profile).

    Returns
    -------
    AsOf
        Rates in t/year (the trend's annual rate), tonnes in t, "so far this year" = January through the month
        before today's; monthly tonnes of the plan and the scenario follow each one's ``profile``
        (:func:`components.model.chain.seasonal_trajectory`).
    """
    month = _month(today)
    plan = plan or Scenario.default()
    # month by month with each scenario's seasonal profile (the stated plan's is the default one): an October actual
    # is compared with an October plan; the annual rate is the trend's, whatever the profile
    tp, ts = chain.seasonal_trajectory(plan), chain.seasonal_trajectory(s)
    ago = projection.months_between(projection.plan_anchors()["target_month"], month)
    out = dict(
        today=today,
        month=month,
        ytd_months=month.month - 1,
        plan=_expect(tp, month),
        scenario=_expect(ts, month),
        completion_months_ago=ago,
    )
    if actuals is not None and not actuals.empty:
        cal = calendar(actuals).dropna()
        ytd = cal[(cal.index.year == month.year) & (cal.index < month)]
        if len(ytd):
            same = lambda traj: float(traj.set_index("month")["tonnes"].reindex(ytd.index).fillna(0).sum())  # noqa: E731
            out.update(
                actual_ytd=float(ytd.sum()),
                actual_ytd_months=int(len(ytd)),
                plan_ytd_same=same(tp),
                scenario_ytd_same=same(ts),
            )
        tr = trailing_sum(actuals)
        tr = tr[tr["month"] < month]
        if len(tr) and tr["complete"].iloc[-1]:
            out.update(actual_rate=float(tr["tonnes_12m"].iloc[-1]), actual_rate_month=tr["month"].iloc[-1])
    return AsOf(**out)
