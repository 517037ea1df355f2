"""Every chart of the dashboard as a :class:`View`: figure, its data and its text alternative.

Pages draw views; the report pack renders the same views, so a chart in a downloaded report is the
chart on screen. Pure: no Streamlit. The model functions come from ``m``, either :data:`PURE` (plain
calls) or the page layer's cached wrappers with the same names.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import lru_cache
from types import SimpleNamespace
from typing import Protocol
from urllib.parse import urlencode

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components import clock
from components.data.facts import DATA_DIR, links, public_figures, tables
from components.data.scenario import CHOICES, Scenario, preset
from components.export import files as export
from components.model import capacity, chain, economics, projection
from components.present import charts
from components.present.i18n import Labels


class Model(Protocol):
    """The model calls a builder makes on ``m``: :data:`PURE` (plain) or :mod:`components.app.model` (cached).

    Each takes the scenario (or the utilisation table it gives) and returns the pure model's result unchanged.
    """

    def trajectory(self, s: Scenario) -> pd.DataFrame: ...  # projection.trajectory [t/month, t/year]
    def seasonal_trajectory(self, s: Scenario) -> pd.DataFrame: ...  # chain.seasonal_trajectory [t/month]
    def band(self, s: Scenario) -> pd.DataFrame: ...  # projection.band: p10, p50, p90 [t/month]
    def boxes(self, s: Scenario) -> pd.DataFrame: ...  # capacity.boxes_and_trains of the seasonal months
    def warehouse(self, s: Scenario) -> pd.DataFrame: ...  # capacity.warehouse_need of the seasonal months
    def cash_flows(self, s: Scenario) -> pd.DataFrame: ...  # economics.cash_flows
    def sensitivity(self, s: Scenario) -> pd.DataFrame: ...  # economics.sensitivity
    def appraisal(self, s: Scenario) -> economics.Appraisal: ...
    def npv_distribution(self, s: Scenario) -> dict: ...
    def utilisation(self, s: Scenario) -> pd.DataFrame: ...  # chain.utilisation: links × months [share]
    def peak_by_link(self, util: pd.DataFrame) -> pd.DataFrame: ...
    def bottleneck(self, util: pd.DataFrame) -> chain.Bottleneck: ...
    def bottleneck_sensitivity(self, s: Scenario) -> pd.DataFrame: ...
    def fleet(self, s: Scenario) -> dict: ...
    def door_to_door(self, s: Scenario) -> dict: ...


#: Plain, uncached model calls (a notebook's, a test's or a report's way in).
PURE: Model = SimpleNamespace(  # type: ignore[assignment]
    trajectory=projection.trajectory,
    seasonal_trajectory=chain.seasonal_trajectory,
    band=projection.band,
    boxes=lambda s: capacity.boxes_and_trains(chain.seasonal_trajectory(s), s),
    warehouse=lambda s: capacity.warehouse_need(chain.seasonal_trajectory(s), s),
    cash_flows=economics.cash_flows,
    sensitivity=economics.sensitivity,
    appraisal=economics.appraisal,
    npv_distribution=economics.npv_distribution,
    utilisation=chain.utilisation,
    peak_by_link=chain.peak_by_link,
    bottleneck=chain.bottleneck,
    bottleneck_sensitivity=chain.bottleneck_sensitivity,
    fleet=chain.fleet,
    door_to_door=chain.door_to_door,
)


@dataclass(frozen=True, eq=False)
class View:
    """One chart: ``chart_id`` (file names), ``figure``, ``data`` (what the chart plots) and ``alt`` (a sentence)."""

    chart_id: str
    figure: go.Figure
    data: pd.DataFrame
    alt: str

    @property
    def title(self) -> str:
        return self.figure.layout.title.text or self.chart_id

    def item(self) -> export.ChartItem:
        return export.ChartItem(self.chart_id, self.title, self.figure, self.data)


def stated_exports(s: Scenario, L: Labels, m: Model = PURE) -> View:
    stated = projection.stated_points().assign(label=[L("k_baseline"), L("k_target")])
    return View("stated-exports", charts.stated_exports(stated, L), stated[["fact_id", "rate_t_year"]], L("alt_stated"))


def public_exports(L: Labels) -> pd.DataFrame:
    """Published exports to China for whole periods (``data/public_figures.csv``, metric "exports to China", in t)
    as the export chart draws them: ``start``, ``end``, ``mid`` (dates), ``tonnes`` (the period's monthly average,
    t/month), ``symbol`` (a triangle pointing the way of the bound) and ``hover`` (value, bound, source, reliability)."""
    pf = public_figures()
    pf = pf[(pf["metric"] == "exports to China") & (pf["unit"] == "t")]
    rows = []
    for _, r in pf.iterrows():
        start, end = r["period_start"], r["period_end"]
        months = projection.months_between(start, end) + 1
        avg = float(r["value"]) / months
        period = str(start.year) if months == 12 and start.month == 1 else f"{L.month(start)} – {L.month(end)}"
        what = f"{r['entity_ru']}: {r['metric_ru']}" if L.lang == "ru" else f"{r['entity']}: {r['metric']}"
        bound = r["bound"]
        rows.append(
            {
                "start": start,
                "end": end,
                "mid": start + (end - start) / 2,
                "tonnes": avg,
                "symbol": {"over": "triangle-up", "under": "triangle-down"}.get(bound, "triangle-right"),
                "hover": L(
                    "public_hover",
                    what=what,
                    period=period,
                    bound=L(f"bound_{bound}"),
                    value=L.tonnes(float(r["value"])),
                    month=L.tonnes(avg),
                    source=r["source"],
                    rel=r["reliability"],
                ),
                "month": start + pd.DateOffset(months=months // 2),
            }
        )
    return pd.DataFrame(rows, columns=["start", "end", "mid", "tonnes", "symbol", "hover", "month"])


def export_projection(
    s: Scenario,
    L: Labels,
    m: Model = PURE,
    actuals: pd.DataFrame | None = None,
    compare: str | None = None,
    today: dt.date | None = None,
) -> View:
    """The scenario's monthly exports against the plan, the band, the stated points, published regional figures,
    actuals, a preset and today's date.

    Month by month with the seasonal profile (:func:`components.model.chain.seasonal_trajectory`): the scenario and a
    preset by their own ``profile``, the stated plan by the default one, so an October actual meets an October plan.
    The Monte Carlo band is of annual rates / 12; each of its months is scaled by the scenario's seasonal / even ratio
    of that month (``season_factor`` in the data, 1 for the even profile). The annual rate stays in the data
    (``rate_t_year``, ``plan_rate_t_year`` [t/year]) and in the lines' hover."""
    traj, even = m.seasonal_trajectory(s), m.trajectory(s)
    plan_s = Scenario.default()
    plan = m.seasonal_trajectory(plan_s)
    factor = pd.Series(
        np.divide(
            traj["tonnes"].to_numpy(),
            even["tonnes"].to_numpy(),
            out=np.ones(len(traj)),
            where=even["tonnes"].to_numpy() > 0,
        ),
        index=traj["month"],
    )
    raw = m.band(s)
    f = factor.reindex(raw["month"]).fillna(1.0).to_numpy()
    band = raw.assign(**{q: raw[q] * f for q in ("p10", "p50", "p90")})
    other = (L(f"preset_{compare}"), m.seasonal_trajectory(preset(compare))) if compare else None
    public = public_exports(L)
    note = L("season_footnote", profile=L(f"profile_{s.profile}"), plan=L(f"profile_{plan_s.profile}"))
    fig = charts.export_trajectory(
        traj,
        plan,
        band,
        projection.stated_points(),
        L,
        actuals=actuals,
        compare=other,
        public=public,
        today=today or clock.today(),
        season_note=note,
    )
    data = (
        traj[["month", "rate_t_year", "tonnes"]]
        .assign(tonnes_even=even["tonnes"].to_numpy(), season_factor=factor.to_numpy())
        .merge(band, on="month")
        .merge(
            plan[["month", "rate_t_year", "tonnes"]].rename(
                columns={"rate_t_year": "plan_rate_t_year", "tonnes": "plan_tonnes"}
            ),
            on="month",
        )
    )
    if len(public):
        data = data.merge(
            public[["month", "tonnes"]].rename(columns={"tonnes": "public_region_tonnes_month_avg"}),
            on="month",
            how="outer",
        )
    if actuals is not None:
        data = data.merge(actuals.rename(columns={"tonnes": "actual_tonnes"}), on="month", how="outer")
    at = projection.target_month(s)
    alt = L("alt_projection", month=L.month(at), rate=L.tonnes(tables().fact("export_china_target") * s.attainment))
    return View("export-projection", fig, data, alt)


def trains(s: Scenario, L: Labels, m: Model = PURE) -> View:
    box = m.boxes(s)
    at = projection.target_month(s)
    n = float(box.set_index("month").at[at, "trains_per_week"])
    return View(
        "trains-per-week",
        charts.trains_per_week(box, m.boxes(Scenario.default()), s.service_trains_per_week, L, today=clock.today()),
        box[["month", "tonnes", "feu", "teu", "trains_per_week", "above_service"]],
        L("alt_trains", n=L.num(n, 1), month=L.month(at)),
    )


def containers(s: Scenario, L: Labels, m: Model = PURE) -> View:
    box = m.boxes(s)
    feu = float(box.set_index("month").at[projection.target_month(s), "feu"])
    return View(
        "containers",
        charts.containers(box, L, today=clock.today()),
        box[["month", "feu", "teu"]],
        L("alt_boxes", feu=L.num(feu)),
    )


def warehouse(s: Scenario, L: Labels, m: Model = PURE) -> View:
    need = m.warehouse(s)
    share = float(need.set_index("month").at[projection.target_month(s), "share_of_area"])
    return View(
        "warehouse-area",
        charts.warehouse(need, L, today=clock.today()),
        need,
        L("alt_warehouse", share=L.pct(share, 1)),
    )


def two_way(s: Scenario, L: Labels, m: Model = PURE) -> View:
    """Loaded and empty boxes each way in the first full year after the target month."""
    year = projection.target_month(s).year + 1
    tw = capacity.two_way_balance(m.boxes(s), s)
    total = tw[tw["month"].dt.year == year].drop(columns=["month", "loaded_share"]).sum()
    bars = pd.DataFrame(
        {
            "direction": [L("eastbound"), L("westbound")],
            "loaded": [total["east_loaded"], total["west_loaded"]],
            "empty": [total["east_empty"], total["west_empty"]],
        }
    )
    share = bars["loaded"].sum() / (bars["loaded"].sum() + bars["empty"].sum())
    return View("two-way-boxes", charts.two_way(bars, year, L), bars, L("alt_two_way", share=L.pct(share), year=year))


def cash_flow(s: Scenario, L: Labels, currency: str = "RUB", m: Model = PURE) -> View:
    """The cash-flow table, one column per stream, as stacked bars with the cumulative line and the payback."""
    ap = m.appraisal(s)
    flows = ap.flows
    shown = flows.assign(**{c: economics.convert(flows[c], currency, s) for c in economics.MONEY})
    pay_x, pay_text = None, ""
    if ap.payback is not None:
        opened = projection.target_month(s)
        pay_x = opened.year + (opened.month - 1) / 12 + ap.payback - 0.5  # bars are centred on their year
        pay_text = L("payback_mark", n=L.num(ap.payback, 1))
    data = shown.assign(currency=currency, convention=s.convention)
    return View(
        "cash-flow",
        charts.cash_flow(shown, currency, L, pay_x, pay_text),
        data,
        L("alt_cash", npv=L.money(economics.convert(ap.npv, currency, s), currency), conv=L(f"conv_{s.convention}")),
    )


def npv_distribution(s: Scenario, L: Labels, currency: str = "RUB", m: Model = PURE) -> View:
    """Histogram of the NPV over the band's paths and the economic uncertainties."""
    dist = m.npv_distribution(s)
    values = economics.convert(dist["npv"], currency, s)
    counts, edges = np.histogram(values, bins=60)
    bins = pd.DataFrame({"left": edges[:-1], "right": edges[1:], "paths": counts})
    q = {k: economics.convert(dist[k], currency, s) for k in ("p10", "p50", "p90")}
    marks = pd.DataFrame(
        {
            "label": [L("p10_mark"), L("p50_mark"), L("p90_mark"), L("zero_mark")],
            "value": [q["p10"], q["p50"], q["p90"], 0.0],
            "dash": ["dot", "dash", "dot", "solid"],
        }
    )
    data = bins.assign(p10=q["p10"], p50=q["p50"], p90=q["p90"], p_npv_positive=dist["p_positive"], currency=currency)
    return View(
        "npv-distribution",
        charts.npv_distribution(bins, marks, currency, L),
        data,
        L(
            "alt_npv_dist",
            p=L.pct(dist["p_positive"]),
            p50=L.money(q["p50"], currency),
            p10=L.money(q["p10"], currency),
            p90=L.money(q["p90"], currency),
        ),
    )


def tornado(s: Scenario, L: Labels, currency: str = "RUB", m: Model = PURE) -> View:
    sens = m.sensitivity(s)
    sens = sens.assign(
        label=[L(f"a_{p}") for p in sens["param"]],
        **{c: economics.convert(sens[c], currency, s) for c in ("npv_low", "npv_high", "npv_base")},
    )
    return View(
        "npv-sensitivity",
        charts.tornado(sens, currency, L),
        sens[["param", "low", "high", "npv_low", "npv_high", "npv_base"]].assign(currency=currency),
        L("alt_tornado", name=sens["label"].iloc[0]),
    )


def bridge(s: Scenario, L: Labels, currency: str = "RUB", m: Model = PURE) -> View:
    """Waterfall from the stated plan's NPV to the scenario's, one step per group of assumptions moved."""
    b = economics.bridge(s).assign(value=lambda d: economics.convert(d["value"], currency, s))
    steps = b.assign(label=[L(f"bridge_{x}") for x in b["step"]])
    diff = float(b["value"].iloc[-1] - b["value"].iloc[0])
    return View(
        "npv-bridge",
        charts.waterfall(steps, currency, L, L("chart_bridge"), L("footnote_bridge")),
        steps[["step", "label", "kind", "value", "params"]].assign(currency=currency),
        L(
            "alt_bridge",
            start=L.money(float(b["value"].iloc[0]), currency),
            end=L.money(float(b["value"].iloc[-1]), currency),
            diff=L.money(diff, currency),
        ),
    )


def year_waterfall(s: Scenario, L: Labels, currency: str = "RUB", m: Model = PURE) -> View:
    """One year's revenue split into costs, EBITDA, tax, debt service and the cash left for equity."""
    w = economics.year_waterfall(s)
    year = w.attrs["year"]
    steps = w.assign(value=economics.convert(w["value"], currency, s), label=[L(f"yw_{x}") for x in w["step"]])
    return View(
        "year-waterfall",
        charts.waterfall(steps, currency, L, L("chart_year_waterfall", year=year), L("footnote_year_waterfall")),
        steps[["step", "label", "kind", "value"]].assign(year=year, currency=currency, convention=s.convention),
        L(
            "alt_year_waterfall",
            year=year,
            revenue=L.money(float(steps["value"].iloc[0]), currency),
            equity=L.money(float(steps["value"].iloc[-1]), currency),
        ),
    )


def dscr(s: Scenario, L: Labels, m: Model = PURE) -> View:
    """Debt service coverage each year with debt service, against the covenant."""
    ap = m.appraisal(s)
    cover = pd.DataFrame({"year": ap.dscr.index.astype(int), "dscr": ap.dscr.to_numpy()})
    alt = (
        L("alt_dscr", v=L.num(ap.min_dscr, 2), cov=L.num(ap.covenant, 2))
        if ap.min_dscr is not None
        else L("alt_dscr_none")
    )
    return View("dscr", charts.dscr(cover, ap.covenant, L), cover.assign(covenant=ap.covenant), alt)


# The chain of links (components.model.chain): utilisation heatmap, peaks, bottleneck sensitivity, the map, the cards.

#: Places on the map (° E, ° N, marker kind or None for no marker), research §8; the Russia–Kazakhstan interchange
#: sums every crossing of that border and is drawn at one approximate point on the line Selyatino → Almaty region.
MAP_PLACES = {
    "selyatino": (36.97, 55.52, "hub"),
    "ru_kz_border": (61.0, 52.5, "border"),
    "agrohub": (76.89, 43.24, "hub"),
    "dostyk": (82.48, 45.25, "border"),
    "alashankou": (82.57, 45.17, None),
    "altynkol": (80.32, 44.18, "border"),
    "khorgos": (80.41, 44.21, None),
    "urumqi": (87.62, 43.83, "city"),
    "xian": (108.94, 34.34, "city"),
}
MAP_ROUTE = {
    "trunk": ("selyatino", "ru_kz_border", "agrohub"),
    "dostyk": ("agrohub", "dostyk", "alashankou", "urumqi"),
    "khorgos": ("agrohub", "altynkol", "khorgos", "urumqi"),
    "china": ("urumqi", "xian"),
}
#: Where a city's name goes beside its marker (hubs and crossings are named by their links' labels).
CITY_TEXT = {"urumqi": "middle right", "xian": "bottom left"}
#: Each link's label: the place it points at (or a lon/lat on the line) and its offset from there (px).
MAP_LABELS = {
    "selyatino_warehouse": ("selyatino", 20, 175),
    "selyatino_cold": ("selyatino", 20, 175),
    "selyatino_terminal": ("selyatino", 20, 175),
    "line_service": ((49.5, 54.0), 10, -62),
    "ru_kz_border": ("ru_kz_border", 40, -40),
    "agrohub_terminal": ("agrohub", -30, 120),
    "dostyk_alashankou": ("dostyk", 30, -85),
    "altynkol_khorgos": ("altynkol", 40, 85),
}
#: Share of the China-bound trains at each crossing.
CROSSINGS = {"dostyk_alashankou": lambda s: 1.0 - s.khorgos_share, "altynkol_khorgos": lambda s: s.khorgos_share}
COUNTRY_LABELS = (
    ("c_russia", 92.0, 55.0),
    ("c_kazakhstan", 73.0, 49.5),
    ("c_china", 95.0, 33.5),
    ("c_mongolia", 102.0, 47.0),
)
#: ISO 3166 numeric codes of the corridor's countries, shaded on the map: Russia, Kazakhstan, China.
CORRIDOR_COUNTRIES = ("643", "398", "156")
#: The planned train service: a plan, not a capacity (``kind`` in ``data/links.csv``).
PLAN_KIND = "service"
#: Inputs shown in the bottleneck sensitivity (the rest move it less).
SENS_ROWS = 10


@lru_cache(maxsize=1)
def boundaries() -> dict:
    """Country borders around the corridor (``data/boundaries.geojson``, made by ``data/make_boundaries.py``)."""
    return json.loads((DATA_DIR / "boundaries.geojson").read_text(encoding="utf-8"))


def _level(u: float, plan: bool) -> int:
    """Utilisation class of :data:`charts.LEVEL_COLOURS`; 3 for the planned service (a plan, not a capacity)."""
    return 3 if plan else 2 if u >= 1.0 else 1 if u >= 0.85 else 0


def _name(frame: pd.DataFrame, L: Labels) -> pd.Series:
    return frame["name_ru" if L.lang == "ru" else "name_en"]


def _link_name(link_id: str, L: Labels) -> str:
    return str(links().at[link_id, "name_ru" if L.lang == "ru" else "name_en"])


def _wrap(text: str, width: int = 30) -> str:
    """A long axis label on two or more lines (plotly breaks at ``<br>``), so the plot keeps its width."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) or text


def _unit(unit: str, L: Labels) -> str:
    """A unit of the links' table in ``L``'s language (the dashboard's own units through :meth:`Labels.unit`)."""
    key = f"u_{unit}"
    return L(key) if L(key) != key else L.unit(unit)


def utilisation_heatmap(s: Scenario, L: Labels, m: Model = PURE) -> View:
    """Links × months: this flow's demand over the capacity open to it, every link, every month."""
    util = m.utilisation(s)
    plan = util["kind"] == PLAN_KIND
    name = _name(util, L)
    label = name.where(~plan, name + " " + L("plan_suffix"))
    label = label.where(plan | ~util["estimate"].astype(bool), name + " " + L("estimate_suffix"))
    digits = lambda v: 1 if v < 100 else 0  # noqa: E731
    cells = util.assign(
        name=label,
        plan=plan,
        pct=util["utilisation"] * 100.0,
        hover=[
            L(
                "heat_hover_plan" if p else "heat_hover",
                demand=L.num(d, digits(c)),
                capacity=L.num(c, digits(c)),
                unit=_unit(u, L),
            )
            for d, c, u, p in zip(util["demand"], util["capacity_open"], util["unit"], plan)
        ],
    )
    cells = cells.sort_values(["order", "month"], kind="stable")
    shown = cells.assign(name=[_wrap(n) for n in cells["name"]])
    b = m.bottleneck(util)
    if b.link_id is not None:
        text = L("alt_heat_binds", link=_link_name(b.link_id, L), month=L.month(b.month))
    else:
        text = L(
            "alt_heat_none",
            month=L.month(b.horizon_end),
            link=_link_name(b.peak_link_id, L),
            pct=L.pct(b.peak_utilisation),
        )
    data = cells[
        ["month", "link_id", "name", "kind", "estimate", "demand", "capacity_open", "unit", "utilisation", "headroom"]
    ].reset_index(drop=True)
    return View(
        "link-utilisation",
        charts.utilisation_heatmap(shown, L, L("footnote_chain"), today=clock.today()),
        data,
        L("alt_heatmap", n=util["link_id"].nunique(), text=text),
    )


def peak_utilisation(s: Scenario, L: Labels, m: Model = PURE) -> View:
    """Each link's utilisation in its own peak month, in chain order, against 100 %."""
    peaks = m.peak_by_link(m.utilisation(s))
    plan = peaks["kind"] == PLAN_KIND
    peaks = peaks.assign(
        name=_name(peaks, L),
        pct=peaks["peak_utilisation"] * 100.0,
        estimate=peaks["estimate"].astype(bool),
        level=[_level(u, p) for u, p in zip(peaks["peak_utilisation"], plan)],
        text=[
            L("peak_text", pct=L.pct(u), month=L.month(mo))
            for u, mo in zip(peaks["peak_utilisation"], peaks["peak_month"])
        ],
    )
    top = peaks[~plan].sort_values("peak_utilisation", kind="stable").iloc[-1]
    data = peaks[
        ["link_id", "name", "kind", "estimate", "peak_month", "peak_utilisation", "demand", "capacity_open", "unit"]
    ].reset_index(drop=True)
    return View(
        "link-peaks",
        charts.peak_utilisation(peaks.assign(name=[_wrap(n) for n in peaks["name"]]), L, L("footnote_chain")),
        data,
        L("alt_peaks", link=top["name"], pct=L.pct(top["peak_utilisation"]), month=L.month(top["peak_month"])),
    )


def _input_label(param: str, L: Labels) -> str:
    """An input of the sensitivity: a slider's label, a choice's name, or a link's capacity or open share."""
    if "." in param:
        link, what = param.split(".", 1)
        return L(f"sens_{what}", link=_link_name(link, L))
    return L(param) if param in CHOICES else L(f"a_{param}")


def bottleneck_sensitivity(s: Scenario, L: Labels, m: Model = PURE) -> View:
    """The month the first link binds with each uncertain input at the low and the high end of its range."""
    sens = m.bottleneck_sensitivity(s)
    base = m.bottleneck(m.utilisation(s))
    keep = list(dict.fromkeys(sens["param"]))[:SENS_ROWS]
    sens = sens[sens["param"].isin(keep)].reset_index(drop=True)
    label = [_input_label(p, L) for p in sens["param"]]

    def value(param: str, end: str, v: float) -> str:
        if param in CHOICES:
            return L(f"{param}_{end}")
        return L.dec(v)

    def result(month, link) -> str:
        return (
            L("sens_none")
            if pd.isna(month) or pd.isna(link)
            else L("sens_binds", link=_link_name(link, L), month=L.month(month))
        )

    text = [
        L("sens_hover", param=lb, value=value(p, e, v), result=result(mo, li))
        for lb, p, e, v, mo, li in zip(
            label, sens["param"], sens["end"], sens["value"], sens["binding_month"], sens["binding_link_id"]
        )
    ]
    rows = sens.assign(label=[_wrap(lb, 46) for lb in label], month=pd.to_datetime(sens["binding_month"]), text=text)
    base_month = pd.NaT if base.month is None else base.month
    moved = sens[sens["effect_months"] > 0]
    alt = (
        L("alt_bottleneck_sens", param=_input_label(moved["param"].iloc[0], L))
        if len(moved)
        else L("alt_bottleneck_sens_none")
    )
    data = sens[
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
        ]
    ].assign(input=label)
    return View(
        "bottleneck-sensitivity",
        charts.bottleneck_sensitivity(rows, base_month, base.horizon_end, L, L("footnote_sens"), today=clock.today()),
        data,
        alt,
    )


def corridor(s: Scenario, L: Labels, m: Model = PURE) -> View:
    """The route on a map of country borders (no map service), each link labelled with its peak utilisation."""
    t = tables()
    peaks = m.peak_by_link(m.utilisation(s)).set_index("link_id")
    hover = {
        "selyatino": L(
            "n_selyatino_h", area=L.num(t.fact("selyatino_area")), inv=L.money(t.fact("selyatino_investment"))
        ),
        "ru_kz_border": L(
            "n_border_h",
            a=L.num(t.fact("border_regions_side_a")),
            b=L.num(t.fact("border_regions_side_b")),
            p=L.compact(t.fact("border_population")),
        ),
        "agrohub": L("n_agrohub_h", ha=L.num(t.fact("agrohub_area") / 10_000)),
        "dostyk": L("n_dostyk_h"),
        "altynkol": L("n_altynkol_h"),
        "urumqi": L("n_urumqi_h"),
        "xian": L("n_xian_h", days=L.num(s.transit_days)),
    }
    points = pd.DataFrame(
        [(pid, lon, lat, kind) for pid, (lon, lat, kind) in MAP_PLACES.items() if kind],
        columns=["id", "lon", "lat", "kind"],
    )
    points = points.assign(
        name=[L(f"n_{i}") for i in points["id"]],
        hover=[hover[i] for i in points["id"]],
        kind_label=[L(f"kind_{kd}") for kd in points["kind"]],
        textpos=[CITY_TEXT.get(i, "top center") for i in points["id"]],
    )
    shares = {lid: f(s) for lid, f in CROSSINGS.items()}
    width = {
        "trunk": 3.5,
        "china": 3.5,
        "dostyk": 1.0 + 4.0 * shares["dostyk_alashankou"],
        "khorgos": 1.0 + 4.0 * shares["altynkol_khorgos"],
    }
    route = pd.DataFrame(
        [
            (seg, *MAP_PLACES[p][:2], width[seg], "dash" if seg == "khorgos" else "solid")
            for seg, places in MAP_ROUTE.items()
            for p in places
        ],
        columns=["segment", "lon", "lat", "width", "dash"],
    )
    notes: dict[object, dict] = {}
    rows = []
    for lid, (anchor, ax, ay) in MAP_LABELS.items():
        if lid not in peaks.index:
            continue
        p = peaks.loc[lid]
        plan = p["kind"] == PLAN_KIND
        lon, lat = MAP_PLACES[anchor][:2] if isinstance(anchor, str) else anchor
        name = p["name_ru" if L.lang == "ru" else "name_en"]
        line = L(
            "map_plan" if plan else "map_peak",
            name=name,
            pct=L.pct(p["peak_utilisation"]),
            month=L.month(p["peak_month"]),
        )
        if lid in shares:
            line += "<br>" + L("map_share", share=L.pct(shares[lid]))
        note = notes.setdefault(anchor, dict(lon=lon, lat=lat, ax=ax, ay=ay, lines=[], level=-1))
        note["lines"].append(line)
        note["level"] = max(note["level"], _level(p["peak_utilisation"], plan))
        rows.append((lid, name, p["peak_month"], p["peak_utilisation"], shares.get(lid), lon, lat))
    labels = pd.DataFrame(
        [
            dict(lon=n["lon"], lat=n["lat"], ax=n["ax"], ay=n["ay"], level=n["level"], text="<br>".join(n["lines"]))
            for n in notes.values()
        ]
    )
    geo = {
        **boundaries(),
        "corridor": CORRIDOR_COUNTRIES,
        "country_labels": [dict(text=L(key), lon=lon, lat=lat) for key, lon, lat in COUNTRY_LABELS],
    }
    data = pd.DataFrame(
        rows, columns=["link_id", "name", "peak_month", "peak_utilisation", "share_of_trains", "lon", "lat"]
    )
    b = m.bottleneck(m.utilisation(s))
    alt = L(
        "alt_map",
        dostyk=L.pct(shares["dostyk_alashankou"]),
        khorgos=L.pct(shares["altynkol_khorgos"]),
        link=_link_name(b.peak_link_id, L),
        pct=L.pct(b.peak_utilisation),
    )
    return View("corridor-map", charts.corridor_map(geo, route, points, labels, L, L("footnote_map")), data, alt)


def bottleneck_card(s: Scenario, L: Labels, m: Model = PURE) -> dict[str, str]:
    """The bottleneck card: ``label``, ``value`` (link and month, or none before the horizon), ``delta``, ``help``."""
    b = m.bottleneck(m.utilisation(s))
    if b.link_id is None:
        value = L("k_bottleneck_none", month=L.month(b.horizon_end))
        delta = L("k_bottleneck_highest", link=_link_name(b.peak_link_id, L), pct=L.pct(b.peak_utilisation))
    else:
        value = L("k_bottleneck_value", link=_link_name(b.link_id, L), month=L.month(b.month))
        delta = L("k_bottleneck_peak", pct=L.pct(b.peak_utilisation), month=L.month(b.peak_month))
    if b.estimate:
        delta += f" ({L('estimate')})"
    return {"label": L("k_bottleneck"), "value": value, "delta": delta, "help": L("h_bottleneck")}


def fleet_card(s: Scenario, L: Labels, m: Model = PURE) -> dict[str, str]:
    """The fleet card: boxes in circulation in the peak month, typical to congested, and the round trip."""
    f = m.fleet(s)
    return {
        "label": L("k_fleet"),
        "value": L("k_fleet_value", lo=L.num(f["fleet_peak"]), hi=L.num(f["fleet_peak_congested"])),
        "delta": L(
            "k_fleet_delta", typ=L.num(f["round_trip_typical_days"]), cong=L.num(f["round_trip_congested_days"])
        ),
        "help": L("h_fleet", month=L.month(f["peak_month"]), per_day=L.num(f["feu_per_day_peak"])),
    }


def door_card(s: Scenario, L: Labels, m: Model = PURE) -> dict[str, str]:
    """The door-to-door card: days Selyatino → China through every link, typical and congested."""
    d = m.door_to_door(s)
    return {
        "label": L("k_door"),
        "value": L("k_door_value", typ=L.num(d["typical_days"]), cong=L.num(d["congested_days"])),
        "delta": L("k_door_delta"),
        "help": L("h_door"),
    }


#: A chart builder: ``(s, L, m=..., **options) -> View``; options by keyword (``currency``, ``actuals``, ``compare``).
Builder = Callable[..., View]

#: Every chart by name, in page order (Overview, Projections, Capacity, Economics, Corridor).
BUILDERS: dict[str, Builder] = {
    "stated_exports": stated_exports,
    "export_projection": export_projection,
    "utilisation_heatmap": utilisation_heatmap,
    "peak_utilisation": peak_utilisation,
    "bottleneck_sensitivity": bottleneck_sensitivity,
    "trains": trains,
    "containers": containers,
    "warehouse": warehouse,
    "two_way": two_way,
    "cash_flow": cash_flow,
    "npv_distribution": npv_distribution,
    "tornado": tornado,
    "bridge": bridge,
    "year_waterfall": year_waterfall,
    "dscr": dscr,
    "corridor": corridor,
}
#: Builders drawn in a currency (the ``currency`` option).
MONEY_VIEWS = ("cash_flow", "npv_distribution", "tornado", "bridge", "year_waterfall")

#: Every card by name: ``(s, L, m=...) -> {"label", "value", "help", "delta"}``.
CARDS: dict[str, Callable[..., dict[str, str]]] = {
    "bottleneck_card": bottleneck_card,
    "fleet_card": fleet_card,
    "door_card": door_card,
}


def all_views(
    s: Scenario, L: Labels, currency: str = "RUB", m: Model = PURE, actuals: pd.DataFrame | None = None
) -> list[View]:
    """Every chart of every page, in page order (:data:`BUILDERS`)."""
    options = {"export_projection": {"actuals": actuals}, **{n: {"currency": currency} for n in MONEY_VIEWS}}
    return [build(s, L, m=m, **options.get(name, {})) for name, build in BUILDERS.items()]


def scenario_caption(s: Scenario, L: Labels) -> str:
    """One line naming what differs from the stated plan, for images and reports."""
    changes = s.changes_from_default()
    if not changes:
        return L("no_changes")
    shown = (f"{L(k)} = {L(f'{k}_{v}')}" if k in CHOICES else f"{L(f'a_{k}')} = {L.dec(v)}" for k, v in changes.items())
    return f"{L('scenario')}: " + "; ".join(shown)


def scenario_query(s: Scenario) -> str:
    """The URL query that reproduces ``s`` (only what differs from the plan; a choice as its English label)."""
    en = Labels("en")
    return urlencode({k: (en(f"{k}_{v}") if k in CHOICES else f"{v:g}") for k, v in s.changes_from_default().items()})


def scenario_record(s: Scenario, L: Labels, currency: str) -> dict:
    """The scenario as JSON-ready data: every assumption, what differs, the link query, the date."""
    return {
        "name": s.slug(),
        "exported": clock.today().isoformat(),
        "language": L.lang,
        "currency": currency,
        "link_query": scenario_query(s),
        "changed_from_plan": s.changes_from_default(),
        "assumptions": asdict(s),
    }


def links_table(L: Labels) -> pd.DataFrame:
    """Every link of the chain as the Sources page lists it: name, kind, capacity with its unit and range, the share
    open to this flow, the time through it, the source and its reliability, whether it is an estimate."""
    k = links().reset_index()
    t = tables()

    def capacity_text(r) -> str:
        unit = _unit(r["capacity_unit"], L)
        src = r["capacity_from"]
        if src.startswith("fact:"):
            return L("link_from_stated", value=f"{L.num(t.fact(src[5:]))} {unit}")
        if src.startswith("scenario:"):
            return f"{unit}: {L('link_from_scenario')}"
        return L(
            "link_range",
            value=f"{L.num(r['capacity'])} {unit}",
            lo=L.num(r["capacity_min"]),
            hi=L.num(r["capacity_max"]),
        )

    def hours(lo: float, hi: float) -> str:
        return "—" if pd.isna(lo) else L("hours", lo=L.num(lo), hi=L.num(hi))

    return pd.DataFrame(
        {
            "name": _name(k, L),
            "kind": [L(f"kind_{kd}") for kd in k["kind"]],
            "capacity": [capacity_text(r) for _, r in k.iterrows()],
            "open_share": [
                L("link_range", value=L.pct(v), lo=L.pct(a), hi=L.pct(b))
                for v, a, b in zip(k["share_open"], k["share_open_min"], k["share_open_max"])
            ],
            "time": [hours(a, b) for a, b in zip(k["time_typical_h"], k["time_congested_h"])],
            "source": k["source_ru" if L.lang == "ru" else "source"],
            "reliability": [L("derived").lower() if r == "derived" else r for r in k["reliability"]],
            "estimate": [L("estimate") if e else "" for e in k["estimate"]],
        }
    )


def derived_table(L: Labels) -> pd.DataFrame:
    """The derived figures (:func:`components.model.economics.ratios`) for people: name, value, unit and the formula with
    the stated figures' names in the page's language instead of their ids."""
    r = economics.ratios()
    f = tables().facts
    names = f["metric_ru" if L.lang == "ru" else "metric"]
    entities = f["entity_ru" if L.lang == "ru" else "entity"]

    def formula(text: str) -> str:
        for fid in sorted(f.index, key=len, reverse=True):  # longest first: no id is cut inside a longer one
            text = text.replace(fid, f"{names[fid]} ({entities[fid]})")
        return text.replace("10,000 m² per ha", L("m2_per_ha"))

    return pd.DataFrame(
        {
            "figure": [L(f"d_{i}") for i in r.index],
            "value": [L.num(v, 2) if abs(v) < 10 and not float(v).is_integer() else L.num(v) for v in r["value"]],
            "unit": [L.unit(u) for u in r["unit"]],
            "formula": [formula(x) for x in r["formula"]],
        },
        index=r.index,
    )


def sources_table() -> pd.DataFrame:
    """Stated figures with their names in English and Russian and their citations."""
    f = tables().facts.reset_index()
    return f[
        [
            "id",
            "entity",
            "metric",
            "entity_ru",
            "metric_ru",
            "value",
            "unit",
            "when",
            "stated_as",
            "speaker",
            "source",
            "locator",
            "note",
        ]
    ]


def readme(s: Scenario, L: Labels) -> str:
    """Markdown README of a report pack: what it is, the scenario, every source and the method."""
    t = tables()
    lines = [
        f"# {L('app_title')}",
        "",
        L("app_subtitle"),
        "",
        f"## {L('scenario')}",
        "",
        scenario_caption(s, L),
        "",
        f"## {L('src_stated')}",
        "",
    ]
    ru = "_ru" if L.lang == "ru" else ""  # names, sources and units in the report's language
    for fid, f in t.facts.iterrows():
        where = f["locator"].replace("para.", "абз.") if ru else f["locator"]
        lines.append(
            f"- `{fid}` — {f['metric' + ru]} ({f['entity' + ru]}): «{f['stated_as']}»; {f['source' + ru]}, {where}"
        )
    lines += ["", f"## {L('src_assumptions')}", ""]
    for aid, a in t.assumptions.iterrows():
        est = f" ({L('estimate')})" if a["estimate"] else ""
        lines.append(
            f"- `{aid}` {L(f'a_{aid}')} = {L.dec(getattr(s, aid))} {L.unit(a['unit'])}{est} — {a['source' + ru]}"
        )
    lines += ["", f"## {L('src_method')}", "", L("method")]
    return "\n".join(lines)


def report_zip(
    s: Scenario, L: Labels, currency: str = "RUB", actuals: pd.DataFrame | None = None, images: bool = True
) -> bytes:
    """The report pack: every chart as PNG and SVG, its data, the scenario as JSON, sources and a README."""
    caption = scenario_caption(s, L)
    items = [
        export.ChartItem(v.chart_id, v.title, export.annotate_for_export(v.figure, caption), v.data)
        for v in all_views(s, L, currency, actuals=actuals)
    ]
    return export.report_zip(
        items, scenario_record(s, L, currency), sources_table(), readme(s, L), s.slug(), clock.today(), images=images
    )


def report_html(s: Scenario, L: Labels, currency: str = "RUB", actuals: pd.DataFrame | None = None) -> bytes:
    """One self-contained HTML page with every chart, its data and the sources."""
    views = all_views(s, L, currency, actuals=actuals)
    intro = [L("app_subtitle"), scenario_caption(s, L), *[f"- {v.alt}" for v in views]]
    return export.report_html([v.item() for v in views], L("app_title"), intro, sources_table(), L.lang)
