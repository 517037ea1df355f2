"""Money: an outside-in project appraisal of the Selyatino hub, in the conventions of a project-finance desk.

This is an estimate from public figures, not the operator's business plan. It values the hub as a whole,
unlevered (no debt, no interest tax shield): the project's free cash flow.

Conventions
-----------
- **Prices.** Slider money figures are in prices of the report's year (2025). Nominal flows index them by a CPI
  path: the cited Dec/Dec CPI of ``data/macro.csv`` for its years, ``cpi_long_run`` after. The price index
  ``P_y`` is 1 at the end of the price year and ``P_y = Π (1 + π_u)`` over the years after it.
- **Timing.** Yearly flows at the end of each calendar year; value at the end of the price year, so a year ``y``
  flow is discounted ``k = y − 2025`` years (spending in 2024 is compounded one year).
- **Rates.** Nominal rate ``n = risk_free_rate + risk_premium``. The real view divides every money column by
  ``P_y`` and discounts at year-specific real rates ``r_y = (1 + n) / (1 + π_y) − 1``: both views give the same
  NPV by construction (``CF / P_y / Π(1 + r_u) = CF / (1 + n)^k``).
- **Investment.** The stated 14 bn RUB (nominal, as stated) is spent monthly from the agreement month (June 2024)
  up to the month before the target month (April 2026 + delay), ``capex_first_half_share`` of it in the first
  half of those months. Maintenance capex = ``maintenance_capex_share`` × 14 bn a year of operation, indexed.
- **Streams.** Warehouse rent on ``area × leasable_share × occupancy`` (occupancy ``occupancy_start`` in the first
  operating year, rising linearly to ``1 − vacancy`` after ``occupancy_ramp_years``); handling on every box
  through the hub (eastbound exports and westbound loaded boxes at the tariff, empties at
  ``empty_handling_share`` of it; boxes from :func:`components.model.capacity.two_way_balance`); storage and
  ancillary services per loaded box (an estimate); fixed opex per m² of total area and variable opex per box.
- **Tax.** Profit tax at ``profit_tax_rate`` on EBITDA − straight-line depreciation of the 14 bn over
  ``depreciation_years`` (from the opening month) − maintenance capex (deducted in the year spent, as repairs).
  Losses are carried forward without a time limit and may offset at most 50 % of a year's taxable profit; the
  cap is applied in every year (a simplification of the Tax Code's rule). The residual value is not taxed.
- **Residual value.** At the horizon's last year: that year's EBITDA (net operating income) / ``cap_rate``,
  not below zero.

Every public function takes and returns plain numbers or arrays with units in its docstring; the core
(:func:`project`) is a function of plain yearly arrays so that a toy project can be fed by hand.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from scipy.optimize import brentq

from components.data.facts import macro, tables
from components.data.scenario import CURRENCIES, Scenario
from components.model import capacity
from components.model.projection import band_draws, plan_anchors, ramp_months, target_month

#: Assumptions varied in the sensitivity chart (each to the ends of its slider range).
SENSITIVITY_PARAMS = (
    "handling_rub_per_feu",
    "rent_rub_per_m2_year",
    "ancillary_rub_per_feu",
    "opex_fixed_rub_per_m2_year",
    "opex_var_rub_per_feu",
    "occupancy_start",
    "vacancy",
    "leasable_share",
    "empty_handling_share",
    "backhaul_ratio",
    "attainment",
    "delay_months",
    "growth_after_pct",
    "risk_premium",
    "risk_free_rate",
    "cpi_long_run",
    "cap_rate",
    "profit_tax_rate",
    "capex_first_half_share",
    "maintenance_capex_share",
)
#: Estimate-flagged tariff and cost inputs drawn (triangular over their slider range, mode at the scenario's value)
#: in the NPV distribution, beside the band's delay and attainment.
UNCERTAIN_PARAMS = (
    "handling_rub_per_feu",
    "ancillary_rub_per_feu",
    "opex_fixed_rub_per_m2_year",
    "opex_var_rub_per_feu",
)
#: Break-even inputs: the NPV is zero where each of these, the rest as in the scenario, crosses it.
BREAKEVEN_PARAMS = ("handling_rub_per_feu", "rent_rub_per_m2_year", "attainment")
#: Share of a year's taxable profit that carried-forward losses may offset.
LOSS_CAP = 0.5
_PAYLOAD = ("feu_payload_t", "reefer_share", "reefer_payload_t", "rail_share")
_REVENUE = ("rent", "handling_east", "handling_west", "handling_empty", "ancillary")
_COSTS = ("opex_fixed", "opex_var")


def convert(rub: float | np.ndarray | pd.Series, currency: str, s: Scenario):
    """RUB amount in ``currency`` (RUB, USD or KZT) at the scenario's rates (RUB/USD, KZT/USD).

    Parameters
    ----------
    rub : float, ndarray or pandas.Series
        Amount of money [RUB].
    currency : str
        Target currency, one of :data:`components.data.scenario.CURRENCIES` ("RUB", "USD", "KZT").
    s : Scenario
        ``usd_rub`` [RUB/USD] and ``usd_kzt`` [KZT/USD] are the exchange rates.

    Returns
    -------
    float, ndarray or pandas.Series
        The amount in ``currency`` [RUB, USD or KZT], same shape as ``rub``.

    Raises
    ------
    ValueError
        If ``currency`` is not one of RUB, USD, KZT.
    """
    if currency == "RUB":
        return rub
    if currency == "USD":
        return rub / s.usd_rub
    if currency == "KZT":
        return rub / s.usd_rub * s.usd_kzt
    raise ValueError(f"currency must be one of {CURRENCIES}, not {currency!r}")


def ratios() -> pd.DataFrame:
    """Derived figures from the stated ones, with their formulas.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``id`` with ``value`` [in ``unit``: RUB/job, RUB/m², x, t/year, regions, ha], ``unit`` and
        ``formula``.
    """
    t = tables()
    inv, jobs, area = t.fact("selyatino_investment"), t.fact("selyatino_jobs"), t.fact("selyatino_area")
    base, target = t.fact("export_china_baseline"), t.fact("export_china_target")
    rows = [
        ("investment_per_job", inv / jobs, "RUB/job", "selyatino_investment / selyatino_jobs"),
        ("investment_per_m2", inv / area, "RUB/m2", "selyatino_investment / selyatino_area"),
        ("export_multiple", target / base, "x", "export_china_target / export_china_baseline"),
        ("export_increase", target - base, "t/year", "export_china_target − export_china_baseline"),
        (
            "border_regions_total",
            t.fact("border_regions_side_a") + t.fact("border_regions_side_b"),
            "regions",
            "border_regions_side_a + border_regions_side_b",
        ),
        ("agrohub_area_ha", t.fact("agrohub_area") / 10_000, "ha", "agrohub_area / 10,000 m² per ha"),
    ]
    return pd.DataFrame(rows, columns=["id", "value", "unit", "formula"]).set_index("id")


# ---------------------------------------------------------------------------------------------------------------
# conventions
# ---------------------------------------------------------------------------------------------------------------


def price_year() -> int:
    """Year whose prices the slider figures are in: the report's year (2025; rent, build costs are 2025 figures).

    Returns
    -------
    int
        The price year: the year of ``selyatino_investment``'s ``as_of`` date [calendar year].
    """
    return int(tables().facts.at["selyatino_investment", "as_of"].year)


def inflation(years: np.ndarray, cpi_long_run: float | np.ndarray) -> np.ndarray:
    """CPI inflation of each year: cited Dec/Dec figures of ``data/macro.csv``, ``cpi_long_run`` after.

    Parameters
    ----------
    years : array of int
        Calendar years.
    cpi_long_run : float or array of shape (paths, 1)
        Inflation after the cited years [share/year].

    Returns
    -------
    ndarray of shape (len(years),) or (paths, len(years)) [share/year].
    """
    m = macro()
    cpi = m[m["series"] == "cpi_dec_dec"].set_index("year")["value"]
    years = np.asarray(years)
    cited = np.isin(years, cpi.index.to_numpy())
    values = cpi.reindex(years).to_numpy()
    return np.where(cited, values, np.asarray(cpi_long_run, dtype=float))


def price_index(years: np.ndarray, infl: np.ndarray) -> np.ndarray:
    """Price level at the end of each year relative to the end of :func:`price_year` (1 there).

    Parameters
    ----------
    years : array of int
        Consecutive calendar years including the price year.
    infl : ndarray (..., len(years))
        Inflation of each year [share/year].

    Returns
    -------
    ndarray like ``infl``: ``Π (1 + π_u)`` over the years after the price year up to ``y``; below the price year,
    ``1 / Π (1 + π_u)`` over the years after ``y`` up to it [–].
    """
    c = np.cumsum(np.log1p(infl), axis=-1)
    i0 = int(np.nonzero(np.asarray(years) == price_year())[0][0])
    return np.exp(c - c[..., i0 : i0 + 1])


def real_rates(nominal: float | np.ndarray, infl: np.ndarray) -> np.ndarray:
    """Year-specific real discount rates ``(1 + n) / (1 + π_y) − 1`` [share/year].

    Parameters
    ----------
    nominal : float or array of shape (paths, 1)
        Nominal discount rate ``n`` [share/year].
    infl : ndarray (..., years)
        Inflation of each year ``π_y`` [share/year].

    Returns
    -------
    ndarray
        Real discount rate of each year, broadcast of ``nominal`` and ``infl`` [share/year].
    """
    return (1.0 + np.asarray(nominal)) / (1.0 + infl) - 1.0


def real_discount_factors(years: np.ndarray, rates: np.ndarray) -> np.ndarray:
    """Discount factor of each year-end at year-specific real rates, 1 at the end of the price year [–].

    Parameters
    ----------
    years : array of int
        Consecutive calendar years including the price year.
    rates : ndarray (..., len(years))
        Real discount rate of each year [share/year].

    Returns
    -------
    ndarray like ``rates``
        ``1 / Π (1 + r_u)`` over the years after the price year up to ``y``; below the price year,
        ``Π (1 + r_u)`` over the years after ``y`` up to it [–].
    """
    c = np.cumsum(np.log1p(rates), axis=-1)
    i0 = int(np.nonzero(np.asarray(years) == price_year())[0][0])
    return np.exp(-(c - c[..., i0 : i0 + 1]))


# ---------------------------------------------------------------------------------------------------------------
# the core: plain yearly arrays in, the cash-flow table's columns out
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    """A project as yearly arrays (shape ``(years,)`` or ``(paths, years)``; scalars broadcast).

    Attributes
    ----------
    year : calendar years [–]. k : discount exponent of each year-end (years after the valuation date) [years].
    index : price index (1 in the price year) [–]. months : months of operation in the year [months].
    active : bool, year within the appraisal. last : bool, the horizon's last year (residual value there).
    investment : initial investment spent in the year, nominal as stated [RUB].
    rent, handling_east, handling_west, handling_empty, ancillary : revenue in price-year prices [RUB].
    opex_fixed, opex_var, maintenance : costs in price-year prices, as positive numbers [RUB].
    tonnes, feu_east, feu_west, feu_empty : volumes for the table [t/year, FEU/year]. occupancy : average share let.
    """

    year: np.ndarray
    k: np.ndarray
    index: np.ndarray
    months: np.ndarray
    investment: np.ndarray
    active: np.ndarray | bool = True
    last: np.ndarray | None = None
    rent: np.ndarray | float = 0.0
    handling_east: np.ndarray | float = 0.0
    handling_west: np.ndarray | float = 0.0
    handling_empty: np.ndarray | float = 0.0
    ancillary: np.ndarray | float = 0.0
    opex_fixed: np.ndarray | float = 0.0
    opex_var: np.ndarray | float = 0.0
    maintenance: np.ndarray | float = 0.0
    tonnes: np.ndarray | float = 0.0
    feu_east: np.ndarray | float = 0.0
    feu_west: np.ndarray | float = 0.0
    feu_empty: np.ndarray | float = 0.0
    occupancy: np.ndarray | float = 0.0
    extra: dict = field(default_factory=dict)


def project(
    inp: Inputs,
    rate: float | np.ndarray,
    tax_rate: float | np.ndarray,
    life_years: float | np.ndarray,
    cap_rate: float | np.ndarray,
) -> dict[str, np.ndarray]:
    """Nominal cash flows of a project given as yearly arrays.

    Parameters
    ----------
    inp : Inputs
        The project [RUB, price-year prices except ``investment``].
    rate : float or (paths, 1)
        Nominal discount rate [share/year].
    tax_rate : float or (paths, 1)
        Profit tax rate [share].
    life_years : float or (paths, 1)
        Straight-line depreciation life of the investment, from the opening month [years].
    cap_rate : float or (paths, 1)
        Residual value = last year's EBITDA / cap rate [share/year].

    Returns
    -------
    dict of ndarrays (nominal RUB, costs negative): the revenue streams ``rent``, ``handling_east``,
    ``handling_west``, ``handling_empty``, ``ancillary``; ``opex_fixed``, ``opex_var``, ``ebitda``, ``depreciation``
    (positive), ``maintenance_capex``, ``taxable`` (EBITDA − depreciation − maintenance), ``loss_used``
    (positive), ``tax``, ``investment``, ``residual_value``, ``net``, ``discount_factor``, ``discounted``.
    """
    active = np.asarray(inp.active, dtype=bool)
    shape = np.broadcast_shapes(
        np.shape(inp.index),
        np.shape(inp.months),
        np.shape(inp.investment),
        active.shape,
        *(np.shape(getattr(inp, f)) for f in (*_REVENUE, *_COSTS, "maintenance")),
    )
    idx = np.broadcast_to(inp.index, shape)
    on = np.broadcast_to(active, shape)
    money = lambda x: np.where(on, np.broadcast_to(x, shape) * idx, 0.0)  # noqa: E731
    out = {f: money(getattr(inp, f)) for f in _REVENUE}
    out.update({f: -money(getattr(inp, f)) for f in _COSTS})
    ebitda = sum(out[f] for f in _REVENUE) + out["opex_fixed"] + out["opex_var"]
    maint = money(inp.maintenance)
    invest = np.where(on, np.broadcast_to(inp.investment, shape), 0.0)
    dep = depreciation(invest, np.where(on, np.broadcast_to(inp.months, shape), 0.0), life_years)
    last = inp.last if inp.last is not None else (np.arange(shape[-1]) == shape[-1] - 1)
    out.update(
        _after_ebitda(ebitda, dep, maint, invest, np.broadcast_to(last, shape) & on, inp.k, rate, tax_rate, cap_rate)
    )
    return out


def depreciation(investment: np.ndarray, months: np.ndarray, life_years: float | np.ndarray) -> np.ndarray:
    """Straight-line depreciation of the whole investment from the opening month [RUB/year].

    Parameters
    ----------
    investment : (..., years)
        Investment spent each year [RUB].
    months : (..., years)
        Months of operation in each year [months].
    life_years : float or (paths, 1)
        Depreciation life [years].

    Returns
    -------
    ndarray like ``investment``
        Depreciation charged in each year, positive; sums to at most the total investment [RUB/year].
    """
    total = investment.sum(axis=-1, keepdims=True)
    op_years = np.cumsum(months, axis=-1) / 12.0
    return np.diff(np.minimum(total, total * op_years / np.asarray(life_years)), axis=-1, prepend=0.0)


def _after_ebitda(ebitda, dep, maint, invest, last, k, rate, tax_rate, cap_rate) -> dict[str, np.ndarray]:
    """Tax with losses carried forward, residual value, net and discounted flows (all nominal RUB)."""
    shape = ebitda.shape
    taxable = ebitda - dep - maint
    tax, used = np.zeros(shape), np.zeros(shape)
    pool = np.zeros(shape[:-1])
    tax_rate = np.broadcast_to(np.asarray(tax_rate, dtype=float), shape)[..., 0]
    for y in range(shape[-1]):
        profit = np.maximum(taxable[..., y], 0.0)
        use = np.minimum(pool, LOSS_CAP * profit)
        pool = pool - use + np.maximum(-taxable[..., y], 0.0)
        used[..., y] = use
        tax[..., y] = tax_rate * (profit - use)
    residual = np.where(last, np.maximum(ebitda, 0.0) / np.asarray(cap_rate), 0.0)
    net = ebitda - maint - tax - invest + residual
    df = np.broadcast_to(np.power(1.0 + np.asarray(rate, dtype=float), -np.asarray(k, dtype=float)), shape)
    return dict(
        ebitda=ebitda,
        depreciation=dep,
        maintenance_capex=-maint,
        taxable=taxable,
        loss_used=used,
        tax=-tax,
        investment=-invest,
        residual_value=residual,
        net=net,
        discount_factor=df,
        discounted=net * df,
    )


def irr(net: np.ndarray, k: np.ndarray | None = None) -> float | None:
    """Internal rate of return: the rate at which Σ net / (1 + r)^k = 0 (``scipy.optimize.brentq``).

    Parameters
    ----------
    net : array
        Cash flow of each period [money].
    k : array, optional
        Period of each flow (default 0, 1, 2, …) [periods].

    Returns
    -------
    float [share/period], or None when the flows never change sign or no rate in (−99 %, 1,000 %) zeroes them.
    """
    net = np.asarray(net, dtype=float)
    k = np.arange(net.size, dtype=float) if k is None else np.asarray(k, dtype=float)
    if not ((net > 0).any() and (net < 0).any()):
        return None
    f = lambda r: float(np.sum(net * np.power(1.0 + r, -k)))  # noqa: E731
    grid = (-0.99, -0.9, -0.5, -0.2, 0.0, 0.05, 0.1, 0.2, 0.35, 0.5, 1.0, 2.0, 5.0, 10.0)
    values = [f(r) for r in grid]
    for (a, fa), (b, fb) in zip(zip(grid, values), zip(grid[1:], values[1:])):
        if fa == 0:
            return a
        if fa * fb < 0:
            return float(brentq(f, a, b, xtol=1e-14, rtol=1e-12, maxiter=200))
    return None


def payback(net: np.ndarray, months: np.ndarray) -> float | None:
    """Years of operation until the cumulative flow turns non-negative, interpolated within the year.

    Parameters
    ----------
    net : array
        Yearly flow, investment years included [RUB] (leave the residual value out).
    months : array
        Months of operation in each year [months].

    Returns
    -------
    float [years of operation since opening], or None when not within the horizon.
    """
    net, op = np.asarray(net, dtype=float), np.asarray(months, dtype=float) / 12.0
    cum = np.cumsum(net)
    hit = np.nonzero((cum >= 0) & (np.cumsum(op) > 0))[0]
    if hit.size == 0:
        return None
    i = int(hit[0])
    before = cum[i] - net[i]
    elapsed = float(np.sum(op[:i]))
    if before >= 0 or net[i] <= 0:
        return elapsed
    return elapsed + float(op[i]) * (-before) / float(net[i])


# ---------------------------------------------------------------------------------------------------------------
# from a scenario to yearly arrays
# ---------------------------------------------------------------------------------------------------------------


def _abs_month(ts: pd.Timestamp) -> int:
    return ts.year * 12 + ts.month - 1


def _spend_share(x: np.ndarray, first_half: np.ndarray) -> np.ndarray:
    """Share of the investment spent by time ``x`` (0 = agreement, 1 = target month) [share]."""
    x = np.clip(x, 0.0, 1.0)
    return np.where(x <= 0.5, 2 * first_half * x, first_half + 2 * (1 - first_half) * (x - 0.5))


@functools.lru_cache(maxsize=256)
def _box_mix(s: Scenario) -> tuple[float, float, float]:
    """Westbound loaded, eastbound empty and westbound empty boxes per eastbound export box (two-way trains)."""
    tw = capacity.two_way_balance(pd.DataFrame({"month": [pd.Timestamp("2026-01-01")], "feu": [1.0]}), s).iloc[0]
    return float(tw["west_loaded"]), float(tw["east_empty"]), float(tw["west_empty"])


@functools.lru_cache(maxsize=256)
def _per_tonne(s: Scenario) -> tuple[float, float]:
    """Tonnes through the hub and eastbound boxes per tonne of the flow (capacity's rail share, payloads) [t/t, FEU/t]."""
    box = capacity.boxes_and_trains(
        pd.DataFrame({"month": [pd.Timestamp("2026-01-01")], "tonnes": [1.0], "rate_t_year": [12.0]}), s
    ).iloc[0]
    return float(box["tonnes"]), float(box["feu"])


def _per_path(s: Scenario, over: dict, names: tuple[str, ...], fn) -> np.ndarray:
    """``fn(scenario)`` for each path whose ``names`` are overridden; one value when none are."""
    keys = [n for n in names if n in over]
    if not keys:
        return np.asarray(fn(s))
    n = max(np.size(over[k]) for k in keys)
    vals = [
        fn(replace(s, **{k: float(np.ravel(over[k])[i if np.size(over[k]) > 1 else 0]) for k in keys}))
        for i in range(n)
    ]
    return np.asarray(vals)


def _inputs(s: Scenario, over: dict | None = None) -> tuple[Inputs, dict]:
    """Yearly arrays of the scenario with some fields given per path (``over``: name -> array of paths).

    Volumes are the closed form of :func:`components.model.projection.trajectory` after the target month (the rate is
    ``target × attainment × g^((t − T)/12)`` there), so thousands of paths cost a few array operations.
    """
    over = over or {}
    t, a = tables(), plan_anchors()
    v = lambda name: np.asarray(over.get(name, getattr(s, name)), dtype=float).reshape(-1, 1)  # noqa: E731
    area, total = t.fact("selyatino_area"), t.fact("selyatino_investment")
    base_abs, anchor_abs = _abs_month(a["baseline_month"]), _abs_month(a["target_month"])
    agree_abs = _abs_month(t.date("selyatino_agreement"))
    delay = v("delay_months")
    open_abs = anchor_abs + np.ceil(delay).astype(int)
    horizon = np.floor(v("horizon_years")).astype(int)
    last_year = open_abs // 12 + horizon - 1
    years = np.arange(agree_abs // 12, int(last_year.max()) + 1)
    ystart = years * 12
    active = years[None, :] <= last_year
    months = np.where(active, np.clip(ystart + 12 - np.maximum(open_abs, ystart), 0, 12), 0).astype(float)
    # occupancy: operating year j (0 = the first 12 months) lets start + (mature − start) × min(j / ramp, 1)
    start, mature, ramp = v("occupancy_start"), 1.0 - v("vacancy"), v("occupancy_ramp_years")
    occ = lambda j: np.where(
        ramp > 0,
        start + (mature - start) * np.minimum(j / np.where(ramp > 0, ramp, 1.0), 1.0),  # noqa: E731
        mature,
    )
    r = ystart - open_abs
    ja = np.maximum(np.floor_divide(r, 12), 0)
    n_a = np.minimum(np.where(r >= 0, 12 - r % 12, months), months)
    occ_months = n_a * occ(ja) + (months - n_a) * occ(ja + 1)
    # volumes: monthly rate c · g^(t/12) (t in months from the baseline month) from the opening month on
    g = 1.0 + v("growth_after_pct") / 100.0
    q = np.power(g, 1.0 / 12.0)
    T = ramp_months(s, delay)
    c = a["target_t_year"] * v("attainment") * np.power(g, -T / 12.0)
    lo = np.maximum(ystart, open_abs) - base_abs
    cnt = np.where(active, np.maximum(ystart + 12 - base_abs - lo, 0), 0)
    ln_q = np.log(q)
    flat = ln_q == 0.0  # Σ q^t over [lo, lo + cnt) = q^lo (q^cnt − 1) / (q − 1), by expm1 so q near 1 keeps its digits
    geo = np.where(flat, cnt, np.exp(lo * ln_q) * np.expm1(cnt * ln_q) / np.where(flat, 1.0, np.expm1(ln_q)))
    per_tonne = _per_path(s, over, _PAYLOAD, _per_tonne).reshape(-1, 2)
    flow = c * geo / 12.0
    tonnes, east = flow * per_tonne[:, :1], flow * per_tonne[:, 1:]
    mix = _per_path(s, over, ("backhaul_ratio",), _box_mix).reshape(-1, 3)
    west, empty = east * mix[:, :1], east * (mix[:, 1:2] + mix[:, 2:3])
    # investment: spread over the months from the agreement to the opening month
    n_months = (open_abs - agree_abs).astype(float)
    share = _spend_share((ystart + 12 - agree_abs) / n_months, v("capex_first_half_share")) - _spend_share(
        (ystart - agree_abs) / n_months, v("capex_first_half_share")
    )
    infl = inflation(years, v("cpi_long_run"))
    inp = Inputs(
        year=years,
        k=(years - price_year()).astype(float),
        index=price_index(years, infl),
        months=months,
        investment=total * share,
        active=active,
        last=years[None, :] == last_year,
        tonnes=tonnes,
        feu_east=east,
        feu_west=west,
        feu_empty=empty,
        occupancy=np.divide(occ_months, months, out=np.zeros_like(months), where=months > 0),
    )
    return _streams(inp, s, over, occ_months, area, total), {"inflation": infl}


def _streams(inp: Inputs, s: Scenario, over: dict, occ_months: np.ndarray, area: float, total: float) -> Inputs:
    """Revenue and cost streams (price-year prices) from the volumes and occupancy of ``inp``."""
    v = lambda name: np.asarray(over.get(name, getattr(s, name)), dtype=float).reshape(-1, 1)  # noqa: E731
    tariff = v("handling_rub_per_feu")
    loaded = inp.feu_east + inp.feu_west
    return replace(
        inp,
        rent=area * v("leasable_share") * occ_months / 12.0 * v("rent_rub_per_m2_year"),
        handling_east=inp.feu_east * tariff,
        handling_west=inp.feu_west * tariff,
        handling_empty=inp.feu_empty * tariff * v("empty_handling_share"),
        ancillary=loaded * v("ancillary_rub_per_feu"),
        opex_fixed=area * v("opex_fixed_rub_per_m2_year") * inp.months / 12.0,
        opex_var=(loaded + inp.feu_empty) * v("opex_var_rub_per_feu"),
        maintenance=v("maintenance_capex_share") * total * inp.months / 12.0,
        extra={"occ_months": occ_months},
    )


def _rates(s: Scenario, over: dict | None = None) -> dict[str, np.ndarray]:
    over = over or {}
    v = lambda name: np.asarray(over.get(name, getattr(s, name)), dtype=float).reshape(-1, 1)  # noqa: E731
    return dict(
        rate=v("risk_free_rate") + v("risk_premium"),
        tax_rate=v("profit_tax_rate"),
        life_years=v("depreciation_years"),
        cap_rate=v("cap_rate"),
    )


def _squeeze(inp: Inputs) -> Inputs:
    """One path's arrays as shape (years,)."""
    sq = lambda x: np.asarray(x)[0] if np.ndim(x) == 2 else x  # noqa: E731
    return replace(
        inp,
        **{f: sq(getattr(inp, f)) for f in Inputs.__dataclass_fields__ if f not in ("extra",)},
        extra={k: sq(x) for k, x in inp.extra.items()},
    )


def scenario_inputs(s: Scenario) -> Inputs:
    """The scenario's yearly arrays with the volumes from the capacity model's monthly boxes.

    Boxes are :func:`components.model.capacity.boxes_and_trains` on :func:`components.model.projection.trajectory`, split
    into loaded and empty by :func:`components.model.capacity.two_way_balance`, summed over each calendar year from the
    opening month (the target month) on.

    Parameters
    ----------
    s : Scenario
        The scenario's assumptions.

    Returns
    -------
    Inputs
        One path, arrays of shape (years,): ``tonnes`` [t/year], ``feu_east``, ``feu_west``, ``feu_empty``
        [FEU/year], ``months`` [months], ``occupancy`` [share], ``index`` [–], ``k`` [years], ``investment``
        [RUB, nominal] and the revenue and cost streams [RUB/year, price-year prices].
    """
    from components.model.projection import trajectory  # local: keeps the module's import light for the engine

    inp, _ = _inputs(s)
    inp = _squeeze(inp)
    t = tables()
    years = inp.year
    start = target_month(s)
    traj = trajectory(s, end=pd.Timestamp(f"{int(years[-1])}-12-01"))
    box = capacity.boxes_and_trains(traj, s)
    tw = capacity.two_way_balance(box, s)
    keep = (box["month"] >= start).to_numpy()
    yr = box["month"].dt.year.to_numpy()[keep]
    pos = np.searchsorted(years, yr)
    active = np.asarray(inp.active, dtype=bool)
    ok = active[pos]
    sums = {
        c: np.bincount(pos[ok], weights=src[keep][ok], minlength=years.size)
        for c, src in (
            ("tonnes", box["tonnes"].to_numpy()),
            ("feu_east", tw["east_loaded"].to_numpy()),
            ("feu_west", tw["west_loaded"].to_numpy()),
            ("feu_empty", (tw["east_empty"] + tw["west_empty"]).to_numpy()),
        )
    }
    inp = replace(inp, **sums)
    return _squeeze(
        _streams(inp, s, {}, inp.extra["occ_months"], t.fact("selyatino_area"), t.fact("selyatino_investment"))
    )


# ---------------------------------------------------------------------------------------------------------------
# the scenario's appraisal
# ---------------------------------------------------------------------------------------------------------------

#: Money columns of the cash-flow table, revenue positive and costs negative; they sum to ``net``.
STREAMS = (
    "rent",
    "handling_east",
    "handling_west",
    "handling_empty",
    "ancillary",
    "opex_fixed",
    "opex_var",
    "maintenance_capex",
    "tax",
    "investment",
    "residual_value",
)
MONEY = (
    *STREAMS,
    "ebitda",
    "depreciation",
    "taxable",
    "loss_used",
    "net",
    "discounted",
    "cumulative",
    "cumulative_discounted",
)


def _table(s: Scenario, inp: Inputs) -> pd.DataFrame:
    r = _rates(s)
    res = project(
        inp,
        float(r["rate"][0, 0]),
        float(r["tax_rate"][0, 0]),
        float(r["life_years"][0, 0]),
        float(r["cap_rate"][0, 0]),
    )
    years = inp.year
    infl = inflation(years, s.cpi_long_run)
    df = pd.DataFrame(
        {
            "year": years.astype(int),
            "months_operating": inp.months,
            "tonnes": inp.tonnes,
            "feu_east": inp.feu_east,
            "feu_west": inp.feu_west,
            "feu_empty": inp.feu_empty,
            "occupancy": inp.occupancy,
            "inflation": infl,
            "price_index": inp.index,
        }
    )
    for c in (*STREAMS, "ebitda", "depreciation", "taxable", "loss_used", "net", "discounted"):
        df[c] = res[c]
    nominal = s.convention == "nominal"
    if nominal:
        df["discount_rate"] = float(r["rate"][0, 0])
        df["discount_factor"] = res["discount_factor"]
    else:
        for c in (*STREAMS, "ebitda", "depreciation", "taxable", "loss_used", "net"):
            df[c] = df[c] / inp.index
        rr = real_rates(float(r["rate"][0, 0]), infl)
        df["discount_rate"] = rr
        df["discount_factor"] = real_discount_factors(years, rr)
        df["discounted"] = df["net"] * df["discount_factor"]
    df["cumulative"] = df["net"].cumsum()
    df["cumulative_discounted"] = df["discounted"].cumsum()
    df = df[np.asarray(inp.active, dtype=bool)].reset_index(drop=True)
    df.attrs["convention"] = s.convention
    return df


def cash_flows(s: Scenario) -> pd.DataFrame:
    """Yearly cash flows from the agreement year to the horizon, one column per stream.

    Money is in nominal RUB under ``s.convention == "nominal"`` and in RUB of the price year (2025) under
    ``"real"``; NPV is the same in both.

    Parameters
    ----------
    s : Scenario
        The scenario's assumptions; ``convention`` is "nominal" or "real".

    Returns
    -------
    pandas.DataFrame
        One row a year: ``year``, ``months_operating`` [months], ``tonnes`` [t], ``feu_east``, ``feu_west``,
        ``feu_empty`` [FEU], ``occupancy`` [share], ``inflation`` [share/year], ``price_index`` [–]; the streams
        :data:`STREAMS` (revenue positive, costs negative, summing to ``net``) [RUB]; ``ebitda``,
        ``depreciation``, ``taxable``, ``loss_used``, ``net`` [RUB]; ``discount_rate`` [share/year],
        ``discount_factor`` [–], ``discounted``, ``cumulative``, ``cumulative_discounted`` [RUB].
    """
    return _table(s, scenario_inputs(s))


def npv(s: Scenario, flows: pd.DataFrame | None = None) -> float:
    """Net present value at the end of the price year [RUB]: Σ discounted flows (investment included).

    Parameters
    ----------
    s : Scenario
        The scenario's assumptions.
    flows : pandas.DataFrame, optional
        The cash-flow table of :func:`cash_flows` (computed from ``s`` when None); its ``discounted`` column
        [RUB] is summed.

    Returns
    -------
    float
        NPV at the end of the price year [RUB].
    """
    flows = cash_flows(s) if flows is None else flows
    return float(flows["discounted"].sum())


def npv_paths(s: Scenario, over: dict | None = None) -> np.ndarray:
    """NPV of many variants of ``s`` at once (``over``: assumption -> array, one value a path) [RUB].

    Parameters
    ----------
    s : Scenario
        The scenario's assumptions, for every field not in ``over``.
    over : dict, optional
        Assumption name -> array of values, one a path [in the assumption's unit].

    Returns
    -------
    ndarray of shape (paths,)
        NPV of each path at the end of the price year [RUB, nominal flows discounted at the nominal rate].
    """
    inp, _ = _inputs(s, over)
    return project(inp, **_rates(s, over))["discounted"].sum(axis=-1)


@dataclass(frozen=True)
class BreakEven:
    """Value of ``param`` at which NPV = 0, the rest as in the scenario.

    ``value`` is in the assumption's unit, or None with ``status`` "above_range" (NPV < 0 even at the slider's
    maximum) or "below_range" (NPV > 0 even at its minimum); ``low``/``high`` are the slider's range.
    """

    param: str
    value: float | None
    status: str
    low: float
    high: float


@dataclass(frozen=True)
class Appraisal:
    """What a desk reads off the cash-flow table.

    npv [RUB]; irr [share/year, in the table's convention] or None; payback, discounted_payback [years of
    operation] or None; peak_funding [RUB, nominal, positive]; breakeven: param -> :class:`BreakEven`;
    nominal_rate [share/year]; real_rates [share/year, per year of the table]; flows: the cash-flow table.
    """

    npv: float
    irr: float | None
    payback: float | None
    discounted_payback: float | None
    peak_funding: float
    breakeven: dict
    nominal_rate: float
    flows: pd.DataFrame


def _scaled_npv(inp: Inputs, rates: dict, fields: tuple[str, ...], factor: float) -> float:
    res = project(replace(inp, **{f: np.asarray(getattr(inp, f)) * factor for f in fields}), **rates)
    return float(res["discounted"].sum())


def breakeven(s: Scenario, inp: Inputs | None = None) -> dict[str, BreakEven]:
    """Handling tariff, rent and attainment at which NPV = 0 (``scipy.optimize.brentq`` in the slider's range).

    NPV is linear before tax in each: the tariff scales the handling streams, the rent the rent stream, the
    attainment every volume stream (boxes, handling, services, variable cost).

    Parameters
    ----------
    s : Scenario
        The scenario's assumptions; ``handling_rub_per_feu`` [RUB/FEU], ``rent_rub_per_m2_year`` [RUB/m²/year]
        and ``attainment`` [share] are the base values scaled.
    inp : Inputs, optional
        The scenario's yearly arrays (:func:`scenario_inputs` of ``s`` when None).

    Returns
    -------
    dict
        Name in :data:`BREAKEVEN_PARAMS` -> :class:`BreakEven`, ``value`` in the assumption's unit
        [RUB/FEU, RUB/m²/year, share] or None outside the slider's range.
    """
    inp = scenario_inputs(s) if inp is None else inp
    r = {k: float(x[0, 0]) for k, x in _rates(s).items()}
    a = tables().assumptions
    fields = {
        "handling_rub_per_feu": ("handling_east", "handling_west", "handling_empty"),
        "rent_rub_per_m2_year": ("rent",),
        "attainment": ("handling_east", "handling_west", "handling_empty", "ancillary", "opex_var", "tonnes"),
    }
    out = {}
    for p in BREAKEVEN_PARAMS:
        base, lo, hi = getattr(s, p), float(a.at[p, "min"]), float(a.at[p, "max"])
        f = lambda x, p=p, base=base: _scaled_npv(inp, r, fields[p], x / base)  # noqa: E731
        f_lo, f_hi = f(lo), f(hi)
        if f_lo > 0:
            out[p] = BreakEven(p, None, "below_range", lo, hi)
        elif f_hi < 0:
            out[p] = BreakEven(p, None, "above_range", lo, hi)
        else:
            out[p] = BreakEven(p, float(brentq(f, lo, hi, xtol=1e-9, rtol=1e-15, maxiter=200)), "found", lo, hi)
    return out


def appraisal(s: Scenario, flows: pd.DataFrame | None = None) -> Appraisal:
    """NPV, IRR, paybacks, peak funding and break-evens of the scenario.

    Parameters
    ----------
    s : Scenario
        The scenario's assumptions.
    flows : pandas.DataFrame, optional
        The cash-flow table of :func:`cash_flows` (computed from ``s`` when None).

    Returns
    -------
    Appraisal
        ``npv`` [RUB], ``irr`` [share/year, in the table's convention] or None, ``payback`` and
        ``discounted_payback`` [years of operation] or None, ``peak_funding`` [RUB, nominal], ``breakeven``,
        ``nominal_rate`` [share/year] and ``flows``.
    """
    inp = scenario_inputs(s)
    flows = _table(s, inp) if flows is None else flows
    k = (flows["year"] - price_year()).to_numpy(dtype=float)
    ops = flows["net"] - flows["residual_value"]
    disc_ops = ops * flows["discount_factor"]
    nominal_net = project(inp, **{k_: float(x[0, 0]) for k_, x in _rates(s).items()})["net"]
    active = np.asarray(inp.active, dtype=bool)
    return Appraisal(
        npv=float(flows["discounted"].sum()),
        irr=irr(flows["net"].to_numpy(), k) if s.convention == "nominal" else _real_irr(flows, k),
        payback=payback(ops.to_numpy(), flows["months_operating"].to_numpy()),
        discounted_payback=payback(disc_ops.to_numpy(), flows["months_operating"].to_numpy()),
        peak_funding=float(max(0.0, -np.cumsum(nominal_net[active]).min())),
        breakeven=breakeven(s, inp),
        nominal_rate=s.risk_free_rate + s.risk_premium,
        flows=flows,
    )


def _real_irr(flows: pd.DataFrame, k: np.ndarray) -> float | None:
    """IRR of the real flows (the table's, under the real convention) [share/year, real]."""
    return irr(flows["net"].to_numpy(), k)


def npv_distribution(s: Scenario, n_paths: int = 10_000, seed: int = 2025) -> dict:
    """NPV over the band's draws of delay and attainment and triangular draws of the estimate-flagged inputs.

    Delay and attainment are :func:`components.model.projection.band_draws` (the band's own paths, same seed); each of
    :data:`UNCERTAIN_PARAMS` is triangular over its slider range with the mode at the scenario's value (seed + 1).

    Parameters
    ----------
    s : Scenario
        The scenario's assumptions (modes of the draws).
    n_paths : int, default 10000
        Number of draws [–].
    seed : int, default 2025
        Seed of the band's draws; the price draws use ``seed + 1``.

    Returns
    -------
    dict
        ``npv`` (ndarray of n_paths) [RUB], ``p10``, ``p50``, ``p90`` [RUB] and ``p_positive`` [share].
    """
    delay, attain = band_draws(s, n_paths, seed)
    rng = np.random.default_rng(seed + 1)
    a = tables().assumptions
    over = {"delay_months": delay, "attainment": attain}
    for p in UNCERTAIN_PARAMS:
        lo, hi, mode = float(a.at[p, "min"]), float(a.at[p, "max"]), float(getattr(s, p))
        over[p] = rng.triangular(lo, mode, hi, n_paths) if hi > lo else np.full(n_paths, mode)
    values = _npv_draws(s, over)
    p10, p50, p90 = np.quantile(values, (0.1, 0.5, 0.9))
    return {
        "npv": values,
        "p10": float(p10),
        "p50": float(p50),
        "p90": float(p90),
        "p_positive": float(np.mean(values > 0)),
    }


def _npv_draws(s: Scenario, over: dict[str, np.ndarray]) -> np.ndarray:
    """:func:`npv_paths` for paths that differ only in delay, attainment and :data:`UNCERTAIN_PARAMS` [RUB].

    A path's timeline (opening month, occupancy, investment, depreciation) depends on its delay only through the
    opening month, so it is built once per distinct opening month; the path's volumes are that timeline's times
    ``attainment_i / attainment × g^((ceil(d_i) − d_i)/12)`` (the rate after the target is ∝ attainment ×
    g^(−T/12)), and each price scales its stream.
    """
    assert set(over) <= {"delay_months", "attainment", *UNCERTAIN_PARAMS}, set(over)
    delay = np.asarray(over["delay_months"], dtype=float)
    whole, inv = np.unique(np.ceil(delay), return_inverse=True)
    base, _ = _inputs(s, {"delay_months": whole, **{p: 1.0 for p in UNCERTAIN_PARAMS}})  # streams per unit price
    g = 1.0 + s.growth_after_pct / 100.0
    scale = (
        np.asarray(over.get("attainment", s.attainment), dtype=float)
        / s.attainment
        * np.power(g, (np.ceil(delay) - delay) / 12.0)
    )[:, None]
    price = lambda p: np.asarray(over.get(p, getattr(s, p)), dtype=float).reshape(-1, 1)  # noqa: E731
    handling = (base.handling_east + base.handling_west + base.handling_empty)[inv]
    ebitda_real = (
        base.rent[inv]
        + scale
        * (
            handling * price("handling_rub_per_feu")
            + base.ancillary[inv] * price("ancillary_rub_per_feu")
            - base.opex_var[inv] * price("opex_var_rub_per_feu")
        )
        - base.opex_fixed[inv] * price("opex_fixed_rub_per_m2_year")
    )
    idx = np.broadcast_to(base.index, base.months.shape)[inv]
    r = {k: float(x[0, 0]) for k, x in _rates(s).items()}
    dep = depreciation(base.investment, base.months, r["life_years"])[inv]
    res = _after_ebitda(
        ebitda_real * idx,
        dep,
        np.asarray(base.maintenance)[inv] * idx,
        base.investment[inv],
        base.last[inv],
        base.k,
        r["rate"],
        r["tax_rate"],
        r["cap_rate"],
    )
    return res["discounted"].sum(axis=-1)


def sensitivity(s: Scenario, params: tuple[str, ...] = SENSITIVITY_PARAMS) -> pd.DataFrame:
    """NPV with each assumption at its range's low and high end, the rest as in ``s`` (one batched evaluation).

    Parameters
    ----------
    s : Scenario
        The scenario's assumptions.
    params : tuple of str, default SENSITIVITY_PARAMS
        Assumptions to vary, each to its slider's ``min`` and ``max``.

    Returns
    -------
    pandas.DataFrame
        ``param``, ``low``, ``high`` (in the assumption's unit), ``npv_low``, ``npv_high``, ``npv_base`` [RUB],
        ``swing`` (|npv_high − npv_low|) [RUB], sorted by swing, largest first.
    """
    a = tables().assumptions
    n = len(params)
    lows = np.array([float(a.at[p, "min"]) for p in params])
    highs = np.array([float(a.at[p, "max"]) for p in params])
    over = {}
    for i, p in enumerate(params):
        col = np.full(2 * n + 1, float(getattr(s, p)))
        col[2 * i], col[2 * i + 1] = lows[i], highs[i]
        over[p] = col
    values = npv_paths(s, over)
    df = pd.DataFrame(
        {
            "param": list(params),
            "low": lows,
            "high": highs,
            "npv_low": values[0 : 2 * n : 2],
            "npv_high": values[1 : 2 * n : 2],
            "npv_base": values[-1],
        }
    )
    df["swing"] = (df["npv_high"] - df["npv_low"]).abs()
    return df.sort_values("swing", ascending=False, ignore_index=True)


def build_today(s: Scenario) -> dict[str, float]:
    """What the stated area would cost to build today at the benchmark costs, against the stated 14 bn RUB.

    Parameters
    ----------
    s : Scenario
        ``reefer_share`` [share], ``capex_rub_per_m2`` and ``capex_cold_rub_per_m2`` [RUB/m²] are used.

    Returns
    -------
    dict
        ``area`` [m²], ``cost_per_m2`` (``(1 − reefer_share) × dry + reefer_share × cold``) [RUB/m²],
        ``cost`` [RUB], ``stated`` [RUB] and ``ratio`` (stated / cost) [–].
    """
    t = tables()
    area, stated = t.fact("selyatino_area"), t.fact("selyatino_investment")
    per_m2 = (1 - s.reefer_share) * s.capex_rub_per_m2 + s.reefer_share * s.capex_cold_rub_per_m2
    return {
        "area": area,
        "cost_per_m2": per_m2,
        "cost": area * per_m2,
        "stated": stated,
        "ratio": stated / (area * per_m2),
    }
