"""Money: the stated investment per job and per m², cash flows, payback and NPV, currencies.

Revenue counts only what the scenario models: rent on the occupied stated area and a handling
tariff on the export boxes to China. Other cargo through the hub is not counted.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from components.capacity import boxes_and_trains, feu_for
from components.facts import tables
from components.projection import _rates, months_between, plan_anchors, target_month, trajectory
from components.scenario import CURRENCIES, Scenario

#: Assumptions varied in the sensitivity chart.
SENSITIVITY_PARAMS = ("handling_rub_per_feu", "rent_rub_per_m2_year", "opex_var_rub_per_feu", "risk_premium",
                      "utilisation", "feu_payload_t", "attainment", "delay_months", "growth_after_pct")


def convert(rub: float | np.ndarray | pd.Series, currency: str, s: Scenario):
    """RUB amount in ``currency`` (RUB, USD or KZT) at the scenario's rates (RUB/USD, KZT/USD)."""
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
    DataFrame indexed by ``id`` with ``value``, ``unit`` and ``formula``.
    """
    t = tables()
    inv, jobs, area = t.fact("selyatino_investment"), t.fact("selyatino_jobs"), t.fact("selyatino_area")
    base, target = t.fact("export_china_baseline"), t.fact("export_china_target")
    rows = [
        ("investment_per_job", inv / jobs, "RUB/job", "selyatino_investment / selyatino_jobs"),
        ("investment_per_m2", inv / area, "RUB/m2", "selyatino_investment / selyatino_area"),
        ("export_multiple", target / base, "x", "export_china_target / export_china_baseline"),
        ("export_increase", target - base, "t/year", "export_china_target − export_china_baseline"),
        ("border_regions_total", t.fact("border_regions_side_a") + t.fact("border_regions_side_b"), "regions",
         "border_regions_side_a + border_regions_side_b"),
        ("agrohub_area_ha", t.fact("agrohub_area") / 10_000, "ha", "agrohub_area / 10,000 m² per ha"),
    ]
    return pd.DataFrame(rows, columns=["id", "value", "unit", "formula"]).set_index("id")


def cash_flows(s: Scenario) -> pd.DataFrame:
    """Yearly cash flows from the year the works finish, over ``s.horizon_years`` years (RUB).

    Year 0 carries the stated investment. Operation starts in the target month (April 2026 plus
    the delay); a part year earns in proportion to its months.

    Returns
    -------
    ``year``, ``months_operating``, ``tonnes`` (t), ``feu``, ``revenue``, ``opex``, ``net``,
    ``discounted`` (net / (1 + r)^k, k = 1 in the stated completion year 2026, so a delay costs
    value), ``cumulative`` (undiscounted, after
    the investment), all money in RUB.
    """
    t = tables()
    start = target_month(s)
    years = np.arange(start.year, start.year + int(s.horizon_years))
    traj = trajectory(s, end=pd.Timestamp(f"{years[-1]}-12-01"))
    box = boxes_and_trains(traj, s)
    box = box[box["month"] >= start].assign(year=box["month"].dt.year)
    by_year = box.groupby("year").agg(months_operating=("month", "size"), tonnes=("tonnes", "sum"),
                                      feu=("feu", "sum")).reindex(years, fill_value=0)
    rent = t.fact("selyatino_area") * s.rent_rub_per_m2_year * s.utilisation * by_year["months_operating"] / 12
    revenue = rent + by_year["feu"] * s.handling_rub_per_feu
    opex = t.fact("selyatino_area") * s.opex_fixed_rub_per_m2_year * by_year["months_operating"] / 12 \
        + by_year["feu"] * s.opex_var_rub_per_feu
    net = revenue - opex
    k = years - t.date("selyatino_completion").year + 1  # discount years from the stated completion
    out = by_year.reset_index(names="year").assign(revenue=revenue.to_numpy(), opex=opex.to_numpy(),
                                                   net=net.to_numpy())
    out["discounted"] = out["net"] / np.power(1 + s.risk_free_rate + s.risk_premium, k)
    out["cumulative"] = out["net"].cumsum() - t.fact("selyatino_investment")
    return out


def _npv_fast(s: Scenario) -> float:
    """:func:`npv` of ``s`` without pandas: the same sums as :func:`cash_flows`, on numpy arrays.

    Month offsets count from the baseline month as in :func:`components.projection.trajectory`;
    operation starts at the offset of :func:`components.projection.target_month`.
    """
    t, a = tables(), plan_anchors()
    base_month, anchor = a["baseline_month"], a["target_month"]
    to_target = months_between(base_month, anchor)
    first = to_target + int(np.ceil(s.delay_months))  # offset of target_month(s)
    first_year = base_month.year + (base_month.month - 1 + first) // 12
    n_years = int(s.horizon_years)
    last = (first_year + n_years - 1 - base_month.year) * 12 + 12 - base_month.month  # December of the last year
    months = np.arange(first, last + 1, dtype=float)
    rate = _rates(months, np.asarray(to_target + s.delay_months), np.asarray(s.attainment), s)
    tonnes = rate / 12.0
    feu = feu_for(tonnes, s)
    year_idx = (base_month.month - 1 + np.arange(first, last + 1)) // 12 + base_month.year - first_year
    months_operating = np.bincount(year_idx, minlength=n_years).astype(float)
    feu_year = np.bincount(year_idx, weights=feu, minlength=n_years)
    rent = t.fact("selyatino_area") * s.rent_rub_per_m2_year * s.utilisation * months_operating / 12
    revenue = rent + feu_year * s.handling_rub_per_feu
    opex = t.fact("selyatino_area") * s.opex_fixed_rub_per_m2_year * months_operating / 12 + feu_year * s.opex_var_rub_per_feu
    net = revenue - opex
    k = np.arange(first_year, first_year + n_years) - t.date("selyatino_completion").year + 1
    discounted = net / np.power(1 + s.risk_free_rate + s.risk_premium, k)
    return float(discounted.sum() - t.fact("selyatino_investment"))


def npv(s: Scenario, flows: pd.DataFrame | None = None) -> float:
    """Net present value in RUB: −investment + Σ discounted net cash flows."""
    flows = cash_flows(s) if flows is None else flows
    return float(flows["discounted"].sum() - tables().fact("selyatino_investment"))


def payback_years(s: Scenario, flows: pd.DataFrame | None = None) -> float | None:
    """Years of operation until the undiscounted net cash repays the investment (None: not within horizon)."""
    flows = cash_flows(s) if flows is None else flows
    op_years = flows["months_operating"].to_numpy() / 12.0
    elapsed = np.cumsum(op_years)
    cum = flows["cumulative"].to_numpy()
    hit = np.nonzero(cum >= 0)[0]
    if hit.size == 0:
        return None
    i = hit[0]
    before = cum[i] - flows["net"].iloc[i]  # still negative
    return float(elapsed[i] - op_years[i] + op_years[i] * (-before) / flows["net"].iloc[i])


def sensitivity(s: Scenario, params: tuple[str, ...] = SENSITIVITY_PARAMS) -> pd.DataFrame:
    """NPV with each assumption at its range's low and high end, the rest as in ``s``.

    Returns
    -------
    ``param``, ``low``, ``high`` (in the assumption's unit), ``npv_low``, ``npv_high``, ``npv_base``
    (RUB), ``swing`` (|npv_high − npv_low|), sorted by swing, largest first.
    """
    a = tables().assumptions
    base = _npv_fast(s)
    rows = []
    for p in params:
        lo, hi = float(a.at[p, "min"]), float(a.at[p, "max"])
        rows.append((p, lo, hi, _npv_fast(s.with_values(**{p: lo})), _npv_fast(s.with_values(**{p: hi})), base))
    df = pd.DataFrame(rows, columns=["param", "low", "high", "npv_low", "npv_high", "npv_base"])
    df["swing"] = (df["npv_high"] - df["npv_low"]).abs()
    return df.sort_values("swing", ascending=False, ignore_index=True)
