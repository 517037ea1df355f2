"""Every chart of the dashboard as a :class:`View`: figure, its data and its text alternative.

Pages draw views; the report pack renders the same views, so a chart in a downloaded report is the
chart on screen. Pure: no Streamlit. Every chart is declared with :func:`chart` and every card with :func:`card`
where it is defined (:data:`CHARTS`, :data:`CARDS`); each is built from the scenario's one
:class:`components.model.run.Result` and a language's :class:`Labels`, never from a model call of its own.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import lru_cache
from urllib.parse import urlencode

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components import clock
from components.data.facts import DATA_DIR, links, public_figures, tables
from components.data.network_tables import network_tables
from components.data.scenario import CHOICES, Scenario, preset
from components.export import files as export
from components.model import capacity, economics, projection, streams
from components.model.run import Result
from components.present import charts, downloads, network_charts
from components.present.i18n import LANGS, Labels


@dataclass(frozen=True, eq=False)
class View:
    """One chart: ``chart_id`` (file names), ``figure``, ``data`` (what the chart plots) and ``alt`` (a sentence).

    The data may be given as a function of no arguments that makes it: it is made on the first read of ``data`` and
    kept (a table only the downloads read, ~1–5 ms a chart, is not made when a page only draws the chart)."""

    chart_id: str
    figure: go.Figure
    _data: pd.DataFrame | Callable[[], pd.DataFrame]
    alt: str

    @property
    def data(self) -> pd.DataFrame:
        """What the chart plots (made on first read when given as a function)."""
        data = self._data
        if not isinstance(data, pd.DataFrame):
            data = data()
            object.__setattr__(self, "_data", data)  # two readers at once may both make it; equal, one is kept
        return data

    @property
    def title(self) -> str:
        return self.figure.layout.title.text or self.chart_id

    def item(self) -> export.ChartItem:
        return export.ChartItem(self.chart_id, self.title, self.figure, self.data)


#: Sections of the pages in their order; a chart belongs to one, the report lists them in this order. The Capacity
#: page has two: the shared crossings (``network``), then the hub's boxes, trains and space (``boxes``).
SECTIONS = ("overview", "projections", "network", "boxes", "economics", "corridor")


@dataclass(frozen=True)
class Chart:
    """A chart declared with :func:`chart`: its ``name`` (the builder's), ``section`` (:data:`SECTIONS`), ``build`` (``(r, L, **options)
    -> View``) and whether it is drawn in a currency (``money``: it takes the ``currency`` option)."""

    name: str
    section: str
    build: Callable[..., View]
    money: bool = False


#: Every chart, by name, filled by :func:`chart` where each builder is declared.
CHARTS: dict[str, Chart] = {}

#: Every card, by name, filled by :func:`card` where each is declared: ``(r, L) -> {"label", "value", "help",
#: "delta"}`` (the wait card adds ``sentence`` and ``explain``).
CARDS: dict[str, Callable[..., dict[str, str]]] = {}


def chart(section: str, money: bool = False) -> Callable:
    """Declare a builder ``(r: Result, L: Labels, **options) -> View`` as a chart of ``section`` (:data:`SECTIONS`)."""

    def declare(build: Callable[..., View]) -> Callable[..., View]:
        assert section in SECTIONS, section
        CHARTS[build.__name__] = Chart(build.__name__, section, build, money)
        return build

    return declare


def charts_in(section: str) -> list[str]:
    """The names of a section's charts, in the order they are declared."""
    return [c.name for c in CHARTS.values() if c.section == section]


def card(build: Callable[..., dict[str, str]]) -> Callable[..., dict[str, str]]:
    """Declare a card ``(r: Result, L: Labels) -> dict`` under its function's name."""
    CARDS[build.__name__] = build
    return build


@chart("overview")
def stated_exports(r: Result, L: Labels) -> View:
    stated = projection.stated_points().assign(label=[L("k_baseline"), L("k_target")])
    return View("stated-exports", charts.stated_exports(stated, L), stated[["fact_id", "rate_t_year"]], L("alt_stated"))


def public_exports(L: Labels) -> pd.DataFrame:
    """Published exports to China for whole periods (``data/public_figures.csv``, metric "exports to China", in t)
    as the export chart draws them: ``start``, ``end``, ``mid`` (dates), ``tonnes`` (the period's monthly average,
    t/month), ``symbol`` (a triangle pointing the way of the bound) and ``hover`` (value, bound, source, reliability).
    Made once per language and table read (~2 ms a build); each caller gets its own frame over the kept one."""
    table = public_figures()
    kept = _PUBLIC_EXPORTS.get(L.lang)
    if kept is None or kept[0] is not table:  # kept with the table it was made from: a new table, a new frame
        kept = _PUBLIC_EXPORTS[L.lang] = (table, _public_exports(table, L))
    return kept[1].copy(deep=False)


#: :func:`public_exports` by language: the public figures' table it was made from and the frame.
_PUBLIC_EXPORTS: dict[str, tuple[pd.DataFrame, pd.DataFrame]] = {}


def _public_exports(pf: pd.DataFrame, L: Labels) -> pd.DataFrame:
    pf = pf[(pf["metric"] == "exports to China") & (pf["unit"] == "t")]
    rows = []
    for _, r in pf.iterrows():
        start, end = r["period_start"], r["period_end"]
        months = projection.months_between(start, end) + 1
        avg = float(r["value"]) / months
        period = str(start.year) if months == 12 and start.month == 1 else f"{L.month(start)} – {L.month(end)}"
        what = f"{L.col(r, 'entity')}: {L.col(r, 'metric')}"
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
                    source=L.col(r, "source"),  # no English source on a Russian hover
                    rel=L(f"rel_{r['reliability']}"),  # «высокая», not "H"
                ),
                "month": start + pd.DateOffset(months=months // 2),
            }
        )
    return pd.DataFrame(rows, columns=["start", "end", "mid", "tonnes", "symbol", "hover", "month"])


@chart("projections")
def export_projection(
    r: Result,
    L: Labels,
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
    s = r.scenario
    traj, even = r.seasonal, r.trajectory
    plan_s = Scenario.default()
    plan = r.plan.seasonal
    factor = pd.Series(
        np.divide(
            traj["tonnes"].to_numpy(),
            even["tonnes"].to_numpy(),
            out=np.ones(len(traj)),
            where=even["tonnes"].to_numpy() > 0,
        ),
        index=traj["month"],
    )
    raw = r.band
    f = factor.reindex(raw["month"]).fillna(1.0).to_numpy()
    band = raw.assign(**{q: raw[q] * f for q in ("p10", "p50", "p90")})
    other = (L(f"preset_{compare}"), r.other(preset(compare)).seasonal) if compare else None
    public = public_exports(L)
    plan_note = "" if plan_s.profile == s.profile else L("season_plan_note", plan=L(f"profile_{plan_s.profile}"))
    note = L("season_footnote", profile=L(f"profile_{s.profile}"), plan_note=plan_note)
    fig = charts.export_trajectory(
        traj,
        plan,
        band,
        projection.stated_points(),
        L,
        actuals=actuals,
        compare=other,
        public=public,
        today=today or r.today,
        season_note=note,
    )
    actuals = actuals.copy(deep=False) if actuals is not None else None  # as it is now, if the caller changes it

    def data() -> pd.DataFrame:  # made on the first read of the view's data (the merges: ~5 ms)
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
        return data

    at = projection.target_month(s)
    alt = L("alt_projection", month=L.month(at), rate=L.tonnes(tables().fact("export_china_target") * s.attainment))
    return View("export-projection", fig, data, alt)


@chart("boxes")
def trains(r: Result, L: Labels) -> View:
    s = r.scenario
    box = r.boxes
    at = projection.target_month(s)
    n = float(box.set_index("month").at[at, "trains_per_week"])
    return View(
        "trains-per-week",
        charts.trains_per_week(box, r.plan.boxes, s.service_trains_per_week, L, today=r.today),
        box[["month", "tonnes", "feu", "teu", "trains_per_week", "above_service"]],
        L("alt_trains", n=L.num(n, 1), month=L.month(at)),
    )


@chart("boxes")
def containers(r: Result, L: Labels) -> View:
    s = r.scenario
    box = r.boxes
    feu = float(box.set_index("month").at[projection.target_month(s), "feu"])
    return View(
        "containers",
        charts.containers(box, L, today=r.today),
        box[["month", "feu", "teu"]],
        L("alt_boxes", feu=L.num(feu)),
    )


@chart("boxes")
def warehouse(r: Result, L: Labels) -> View:
    s = r.scenario
    need = r.warehouse
    share = float(need.set_index("month").at[projection.target_month(s), "share_of_area"])
    return View(
        "warehouse-area",
        charts.warehouse(need, L, today=r.today),
        need,
        L("alt_warehouse", share=L.pct(share, 1)),
    )


@chart("boxes")
def two_way(r: Result, L: Labels) -> View:
    """Loaded and empty boxes each way in the first full year after the target month."""
    s = r.scenario
    year = projection.target_month(s).year + 1
    tw = capacity.two_way_balance(r.boxes, s)
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


@chart("economics", money=True)
def cash_flow(r: Result, L: Labels, currency: str = "RUB") -> View:
    """The cash-flow table, one column per stream, as stacked bars with the cumulative line and the payback."""
    s = r.scenario
    ap = r.economics
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


@chart("economics", money=True)
def npv_distribution(r: Result, L: Labels, currency: str = "RUB") -> View:
    """Histogram of the NPV over the band's paths and the economic uncertainties."""
    s = r.scenario
    dist = r.npv_distribution
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


@chart("economics", money=True)
def tornado(r: Result, L: Labels, currency: str = "RUB") -> View:
    s = r.scenario
    sens = r.sensitivity
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


@chart("economics", money=True)
def bridge(r: Result, L: Labels, currency: str = "RUB") -> View:
    """Waterfall from the stated plan's NPV to the scenario's, one step per group of assumptions moved."""
    s = r.scenario
    b = r.bridge.assign(value=lambda d: economics.convert(d["value"], currency, s))
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


@chart("economics", money=True)
def year_waterfall(r: Result, L: Labels, currency: str = "RUB") -> View:
    """One year's revenue split into costs, EBITDA, tax, debt service and the cash left for equity."""
    s = r.scenario
    w = r.year_waterfall
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


@chart("economics")
def dscr(r: Result, L: Labels) -> View:
    """Debt service coverage each year with debt service, against the covenant."""
    ap = r.economics
    cover = pd.DataFrame({"year": ap.dscr.index.astype(int), "dscr": ap.dscr.to_numpy()})
    alt = (
        L("alt_dscr", v=L.num(ap.min_dscr, 2), cov=L.num(ap.covenant, 2))
        if ap.min_dscr is not None
        else L("alt_dscr_none")
    )
    return View("dscr", charts.dscr(cover, ap.covenant, L), cover.assign(covenant=ap.covenant), alt)


# The corridor network (components.model.network), read from the scenario's one result (r): crossings shared
# with other shippers, waiting, door-to-door, fleet, the map, and the cards.

#: Places on the map (° E, ° N), research file §2–3 and §8; the Russia–Kazakhstan interchange sums the northern
#: entries and is drawn at one approximate point; the Agrohub's site is not published (drawn on the Altynkol line
#: east of Zhetygen, approximate). Waypoints (no marker) keep the lines on the railway's general course.
NET_PLACES = {
    "selyatino": (36.97, 55.52),
    "ryazan": (39.74, 54.63),
    "samara": (50.15, 53.20),
    "ufa": (55.96, 54.73),
    "ru_kz": (61.2, 53.0),
    "astana": (71.43, 51.13),
    "karaganda": (73.10, 49.80),
    "moyynty": (73.36, 47.21),
    "aktogay": (79.62, 46.95),
    "dostyk": (82.48, 45.25),
    "alashankou": (82.57, 45.17),
    "shu": (73.60, 43.60),
    "almaty": (76.92, 43.30),
    "zhetygen": (77.25, 43.72),
    "agrohub": (77.90, 43.95),
    "altynkol": (80.32, 44.18),
    "khorgos": (80.41, 44.21),
    "jinghe": (82.89, 44.61),
    "urumqi": (87.62, 43.83),
    "lanzhou": (103.83, 36.06),
    "xian": (108.94, 34.34),
    "bakhty": (82.71, 46.65),
}
NET_SEGMENTS = {
    "common": ("selyatino", "ryazan", "samara", "ufa", "ru_kz", "astana", "karaganda", "moyynty"),
    "dostyk": ("moyynty", "aktogay", "dostyk", "alashankou", "jinghe"),
    "altynkol": ("moyynty", "shu", "almaty", "zhetygen", "agrohub", "altynkol", "khorgos", "jinghe"),
    "china": ("jinghe", "urumqi", "lanzhou", "xian"),
}
#: Marked places: kind, the label key of the name, where the name goes (crossings are named by their notes).
NET_MARKS = {
    "selyatino": ("hub", "node_selyatino", "top center"),
    "ru_kz": ("junction", "node_ru_kz_short", "top center"),
    "moyynty": ("junction", "node_moyynty", "middle left"),
    "aktogay": ("junction", "node_aktogay", "top center"),
    "zhetygen": ("junction", "node_zhetygen", "bottom left"),
    "agrohub": ("hub", "node_agrohub", "top left"),
    "dostyk": ("border", None, "top center"),
    "altynkol": ("border", None, "top center"),
    "bakhty": ("border", None, "top center"),
    "urumqi": ("city", "n_urumqi", "bottom center"),
    "xian": ("city", "node_xian", "bottom left"),
}
#: Where each crossing's note sits: offset from its marker (px).
NET_NOTES = {"dostyk": (30, -104), "altynkol": (40, 70), "bakhty": (52, -10)}
NET_COUNTRY_LABELS = (
    ("c_russia", 80.0, 55.5),
    ("c_kazakhstan", 66.0, 48.0),
    ("c_china", 96.0, 33.8),
    ("c_mongolia", 105.0, 48.5),
)
#: Inputs shown on the sensitivity chart (the rest move the wait less).
NET_SENS_ROWS = 10


def _days(x: float, L: Labels) -> str:
    """Days with one decimal and the noun in its plural form (``4.2 days`` / ``4,2 дня``); never negative."""
    return _days_text(round(max(0.0, float(x)), 1), L.lang)


@lru_cache(maxsize=4096)
def _days_text(x: float, lang: str) -> str:
    return Labels(lang).count(x, "days", 1)


def _fast(x: float, digits: int, L: Labels) -> str:
    """:meth:`Labels.num` for many cells at once, without babel: ``1,234.5`` / ``1\u00a0234,5``, minus as «−»."""
    return _fast_with(L.separators)(x, digits)


@lru_cache(maxsize=8)
def _fast_with(separators: str) -> Callable[[float, int], str]:
    """:func:`_fast` for a language's ``separators`` (decimal mark, then thousands mark), looked up once per chart."""
    decimal, group = separators

    def fast(x: float, digits: int) -> str:
        text = f"{x:,.{digits}f}".replace(",", "\x00").replace(".", decimal).replace("\x00", group)
        return text.replace("-", "\u2212") if text.startswith("-") else text

    return fast


def _cr(c: str, L: Labels) -> str:
    return L(f"cr_{c}")


def _crossing_source(c: str, year: int, L: Labels) -> str:
    """The source of a crossing's capacity in a year (``data/crossings.csv``) in the page's language."""
    tables_now = network_tables()
    kept = _CROSSING_SOURCES.get(L.lang)
    if kept is None or kept[0] is not tables_now:  # kept with the tables read: new tables, new sources
        kept = _CROSSING_SOURCES[L.lang] = (tables_now, {})
    key = (c, int(year))
    if key not in kept[1]:
        t = tables_now.crossings
        row = t[(t["crossing"] == c) & (t["year"] == min(max(int(year), int(t["year"].min())), int(t["year"].max())))]
        kept[1][key] = str(L.col(row, "source").iloc[0]) if len(row) else ""
    return kept[1][key]


#: :func:`_crossing_source` by language: the network tables they were read from and (crossing, year) -> source
#: (a frame filtered per crossing and year cost ~0.5 ms, ~20 per heatmap).
_CROSSING_SOURCES: dict[str, tuple[object, dict[tuple[str, int], str]]] = {}


def _background_source(c: str, L: Labels) -> str:
    """The source of a crossing's background utilisation (``data/background.csv``, ρ₀) in the page's language."""
    b = network_tables().background
    key = ("rho0", c) if ("rho0", c) in b.index else ("total_2025", "all")
    return str(L.col(b.loc[key], "source"))


def _open_crossings(net) -> list[int]:
    """Indices of the crossings with capacity in some month (Bakhty only when it opens)."""
    return [i for i in range(len(net.crossings)) if float(net.capacity_effective[i].max()) > 0]


@chart("network")
def network_heatmap(r: Result, L: Labels) -> View:
    """Crossings × months: total utilisation (other shippers + this flow), the two parts in the hover."""
    net = r.network
    rows = []
    # ~200 cells: the hover's template is filled by str.format with numbers from _fast (babel per cell cost ~0.1 s);
    # the arrays read as lists of floats (float() of each element, as before), the separators looked up once
    slots = ("crossing", "month", "total", "cap", "bg", "fl", "cut", "src")
    tmpl = L("net_heat_hover", **{k: "{" + k + "}" for k in slots})
    closed = L("net_heat_closed", crossing="{crossing}", month="{month}")
    months = list(net.months)
    month = {mo: L.month(mo) for mo in months}
    fast, suffix = _fast_with(L.separators), L.percent_suffix
    pct = lambda x: fast(x * 100, 0) + suffix  # noqa: E731
    for i in _open_crossings(net):
        c = net.crossings[i]
        name = _cr(c, L)
        src = {y: _wrap(L("net_heat_src", src=_crossing_source(c, y, L)), 70) for y in set(net.months.year)}
        cap, rhos, rbs, cuts, waits = (
            np.asarray(a[i], dtype=float).tolist()
            for a in (net.capacity_effective, net.rho, net.rho_background, net.episode_cut, net.wait_days)
        )
        for mo, mu, rho, rb, cut, wait in zip(months, cap, rhos, rbs, cuts, waits):
            if mu <= 0:
                hover = closed.format(crossing=name, month=month[mo])
                rows.append((c, name, mo, None, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, hover))
                continue
            hover = tmpl.format(
                crossing=name,
                month=month[mo],
                total=pct(rho),
                cap=fast(mu, 1),
                bg=pct(rb),
                fl=fast(max(0.0, (rho - rb) * 100), 1),
                cut=pct(cut),
                src=src[mo.year],
            )
            rows.append((c, name, mo, rho * 100, rho, rb, rho - rb, mu, cut, wait, hover))
    cells = pd.DataFrame(
        rows,
        columns=[
            "crossing",
            "name",
            "month",
            "pct",
            "rho",
            "rho_background",
            "rho_flow",
            "capacity_trains_day",
            "episode_cut",
            "wait_days",
            "hover",
        ],
    )
    opened = cells[cells["pct"].notna()]
    top = opened.loc[opened["rho"].idxmax()] if len(opened) else None
    alt = L(
        "alt_net_heat",
        n=cells["crossing"].nunique(),
        m=len(net.months),
        crossing=top["name"] if top is not None else "—",
        month=L.month(top["month"]) if top is not None else "—",
        pct=L.pct(top["rho"]) if top is not None else "—",
    )

    def data() -> pd.DataFrame:  # made on the first read of the view's data
        data = cells.drop(columns=["hover", "pct", "crossing"]).rename(columns={"name": "crossing"})
        return data.assign(month=data["month"].dt.strftime("%Y-%m")).round(4)

    return View(
        "crossing-utilisation",
        network_charts.heatmap(cells, L, L("footnote_net_heat"), today=r.today),
        data,
        alt,
    )


@chart("network")
def network_waiting(r: Result, L: Labels) -> View:
    """Waiting days by crossing and month, episode months shaded, the slot wait at Selyatino."""
    net = r.network
    months = net.months
    rows = []
    tmpl = L("wait_hover", days="{days}", kq="{kq}", kb="{kb}")
    fast = _fast_with(L.separators)  # looked up once, the arrays read as lists of floats (float() of each, as before)
    for i in _open_crossings(net):
        c = net.crossings[i]
        name = _cr(c, L)
        waits, kings, backs = (
            np.asarray(a[i], dtype=float).tolist() for a in (net.wait_days, net.wait_kingman, net.wait_backlog)
        )
        for mo, w, kq, kb in zip(months, waits, kings, backs):
            hover = tmpl.format(days=_days(w, L), kq=fast(kq, 1), kb=fast(kb, 1))
            rows.append((c, name, mo, w, kq, kb, hover))
    sel = net.monthly["selyatino_wait_days"].to_numpy(dtype=float)
    sel_name, sel_hover = L("wait_selyatino"), {}  # the hub's hover by its days as shown (mostly a few values)
    for mo, w in zip(months, sel):
        days = _days(w, L)
        if days not in sel_hover:
            sel_hover[days] = L("wait_hover_sel", days=days)
        rows.append(("selyatino", sel_name, mo, w, 0.0, 0.0, sel_hover[days]))
    lines = pd.DataFrame(rows, columns=["series", "name", "month", "days", "kingman_days", "backlog_days", "hover"])
    ep = net.episodes
    shades = pd.DataFrame(
        {
            "series": ep["crossing"],
            "start": ep["start"],
            "end": ep["end"] + pd.Timedelta(days=1),
            "hover": [
                L("wait_episode_hover", name=n, crossing=_cr(c, L), dates=L.day_range(a, z), depth=L.pct(d))
                + "<br>"
                + _wrap(src, 70)
                for n, c, a, z, d, src in zip(
                    L.col(ep, "name"),
                    ep["crossing"],
                    ep["start"],
                    ep["end"],
                    ep["depth"],
                    L.col(ep, "source"),
                )
            ],
        },
        columns=["series", "start", "end", "hover"],
    )
    su = net.summary
    alt = L(
        "alt_net_wait",
        crossing=_cr(su.longest_border_wait_crossing, L),
        month=L.month(su.longest_border_wait_month),
        days=_days(su.longest_border_wait_days, L),
    )

    def data() -> pd.DataFrame:  # made on the first read of the view's data
        data = lines.drop(columns=["hover", "series"]).rename(columns={"name": "series"})
        return data.assign(month=data["month"].dt.strftime("%Y-%m")).round(3)

    return View(
        "crossing-waiting",
        network_charts.waiting(lines, shades, L, L("footnote_net_wait"), today=r.today),
        data,
        alt,
    )


def _input_value(param: str, v: float, L: Labels) -> str:
    """An assumption's value as a reader writes it: shares as percentages («15,2 % в год», "15.2%/year", not
    "0.15 share/year"), counts of years, months and days in their plural form («2 года», not «2 лет»)."""
    unit = tables().assumptions.at[param, "unit"]
    if unit in ("share", "share/year"):
        pct = L.dec(v * 100) + L.percent_suffix
        return pct if unit == "share" else L("pct_per_year", pct=pct)
    if unit in L.catalogue.nouns:
        return L.count(v, unit, digits=2)
    if unit == "x":  # a multiple in its plural form: «1,2 раза», «3 раза», not «3 раз»
        return L.count(v, "times", digits=2)
    if unit == "switch":  # «да» / «нет», not «1 1 — да, 0 — нет» (the label already says what 1 and 0 mean)
        return L("dl_yes") if v >= 0.5 else L("dl_no")
    return f"{L.dec(v)}\u00a0{L.unit(unit)}"


@chart("network")
def network_sensitivity(r: Result, L: Labels) -> View:
    """This flow's longest wait with each uncertain input at the low and the high end of its range."""
    sens = r.network_sensitivity
    base = float(sens["base"].iloc[0]) if len(sens) else float(r.network.summary.longest_wait_days)
    top = sens[sens["swing"] > 1e-6].head(NET_SENS_ROWS).reset_index(drop=True)
    label = [L(f"a_{p}") for p in top["input"]]
    rows = top.assign(
        label=[_wrap(x, 44) for x in label],
        hover_low=[
            L("net_sens_hover", input=lb, value=_input_value(p, v, L), days=_days(w, L))
            for lb, p, v, w in zip(label, top["input"], top["low"], top["wait_low"])
        ],
        hover_high=[
            L("net_sens_hover", input=lb, value=_input_value(p, v, L), days=_days(w, L))
            for lb, p, v, w in zip(label, top["input"], top["high"], top["wait_high"])
        ],
    )
    vals = np.concatenate([top["wait_low"].to_numpy(), top["wait_high"].to_numpy(), [base]])
    vals = vals[vals > 0]
    log = bool(len(vals)) and float(vals.max()) > 30 * max(float(vals.min()), 1e-3)
    if log:
        rows = rows.assign(wait_low=rows["wait_low"].clip(lower=0.01), wait_high=rows["wait_high"].clip(lower=0.01))
    alt = (
        L(
            "alt_net_sens",
            input=label[0],
            lo=_days(top["wait_low"].iloc[0], L),
            hi=_days(top["wait_high"].iloc[0], L),
        )
        if len(top)
        else L("net_sens_base", days=_days(base, L))
    )
    data = top.assign(input_label=label)[
        ["input", "input_label", "low", "high", "wait_low", "wait_high", "swing", "base"]
    ].round(4)
    return View(
        "wait-sensitivity",
        network_charts.sensitivity(rows, max(base, 0.01) if log else base, L, L("footnote_net_sens"), log=log),
        data,
        alt,
    )


@chart("corridor")
def network_map(r: Result, L: Labels) -> View:
    """The two paths Selyatino → Xi'an on a map of country borders (no map service), each crossing with its peak."""
    s = r.scenario
    net = r.network
    su = net.summary
    t = tables()
    share = {"dostyk": s.dostyk_share, "altynkol": 1.0 - s.dostyk_share}
    km = net.paths.set_index("path")
    path_hover = {
        p: L(
            "map_path_hover",
            path=L(f"map_path_{p}"),
            km=L.num(float(km.at[p, "km"])),
            days=_days(float(km.at[p, "running_days"]), L),
        )
        for p in ("dostyk", "altynkol")
    }
    style = {
        "common": (L("map_path_common"), "#3A3A3A", 3.5, "solid", L("map_path_common")),
        "dostyk": (
            L("map_path_dostyk"),
            network_charts.CROSSING_COLOURS["dostyk"],
            1.5 + 5 * share["dostyk"],
            "solid",
            path_hover["dostyk"],
        ),
        "altynkol": (
            L("map_path_altynkol"),
            network_charts.CROSSING_COLOURS["altynkol"],
            1.5 + 5 * share["altynkol"],
            "dash",
            path_hover["altynkol"],
        ),
        "china": (L("map_path_common"), "#3A3A3A", 3.5, "solid", L("map_path_common")),
    }
    paths = pd.DataFrame(
        [
            (seg, style[seg][0], *NET_PLACES[p], style[seg][1], style[seg][2], style[seg][3], style[seg][4])
            for seg, places in NET_SEGMENTS.items()
            for p in places
        ],
        columns=["segment", "name", "lon", "lat", "colour", "width", "dash", "hover"],
    )
    opened = {net.crossings[i] for i in _open_crossings(net)}
    hover_extra = {
        "selyatino": L(
            "n_selyatino_h", area=L.num(t.fact("selyatino_area")), inv=L.money(t.fact("selyatino_investment"))
        ),
        "ru_kz": L("node_ru_kz_h"),
        "agrohub": L("n_agrohub_h", ha=L.num(t.fact("agrohub_area") / 10_000)),
    }
    marks, notes, rows = [], [], []
    for pid, (kind, key, pos) in NET_MARKS.items():
        lon, lat = NET_PLACES[pid]
        if kind == "border":
            if pid not in opened:
                continue
            name = L(f"crl_{pid}")
            pk, pm = su.peak_rho[pid], su.peak_rho_month[pid]
            fs = su.flow_share.get(pid, 0.0)
            hover = L("node_crossing_h", crossing=name, pct=L.pct(pk), month=L.month(pm), share=L.pct(fs))
            text = L("map_crossing_note", crossing=name, pct=L.pct(pk), month=L.month(pm))
            if pid in share:
                text += "<br>" + L("map_crossing_share", share=L.pct(share[pid]))
            ax, ay = NET_NOTES[pid]
            level = 2 if pk >= 1.0 else 1 if pk >= 0.85 else 0
            notes.append(dict(lon=lon, lat=lat, ax=ax, ay=ay, level=level, text=text))
            rows.append((pid, name, pm.strftime("%Y-%m"), pk, fs, share.get(pid, 0.0), lon, lat))
            marks.append((pid, lon, lat, kind, "", hover, pos))
        else:
            name = L(key)
            marks.append(
                (
                    pid,
                    lon,
                    lat,
                    kind,
                    name,
                    hover_extra.get(pid, name if kind == "city" else L("node_junction_h") + ": " + name),
                    pos,
                )
            )
    points = pd.DataFrame(marks, columns=["id", "lon", "lat", "kind", "text", "hover", "textpos"])
    points = points.assign(kind_label=[L(f"kind_{k}") for k in points["kind"]])
    labels = pd.DataFrame(notes, columns=["lon", "lat", "ax", "ay", "level", "text"])
    geo = {
        **boundaries(),
        "corridor": CORRIDOR_COUNTRIES,
        "country_labels": [dict(text=L(key), lon=lon, lat=lat) for key, lon, lat in NET_COUNTRY_LABELS],
    }
    data = pd.DataFrame(
        rows,
        columns=[
            "crossing",
            "name",
            "peak_month",
            "peak_utilisation",
            "flow_share_of_crossing",
            "share_of_this_flow",
            "lon",
            "lat",
        ],
    ).round(4)
    top = max(su.peak_rho, key=lambda c: su.peak_rho[c] if c in opened else -1.0)
    alt = L(
        "alt_net_map",
        dostyk=L.pct(share["dostyk"]),
        altynkol=L.pct(share["altynkol"]),
        crossing=L(f"crl_{top}"),
        pct=L.pct(su.peak_rho[top]),
    )
    return View(
        "corridor-map", network_charts.network_map(geo, paths, points, labels, L, L("footnote_net_map")), data, alt
    )


@card
def wait_card(r: Result, L: Labels) -> dict[str, str]:
    """Where and when this flow waits longest, how many days, and why (other shippers and this flow separately).

    ``label``, ``value`` (days), ``delta`` (crossing · month), ``help`` (method and sources), ``sentence`` (one
    sentence), ``explain`` (the crossing-month's utilisation: other shippers, this flow, waiting).
    """
    net = r.network
    su = net.summary
    c, mo, d = su.longest_border_wait_crossing, su.longest_border_wait_month, su.longest_border_wait_days
    i, j = net.crossings.index(c), int(net.months.get_loc(mo))
    rb, rho = float(net.rho_background[i, j]), float(net.rho[i, j])
    name = _cr(c, L)
    where, when, days = su.longest_wait_where, su.longest_wait_month, su.longest_wait_days
    at_hub = where == "selyatino"
    return {
        "label": L("k_wait"),
        "value": _days(days, L),
        "delta": L("k_wait_delta", crossing=L("wait_at_selyatino") if at_hub else _cr(where, L), month=L.month(when)),
        "help": L("h_wait", cap_src=_crossing_source(c, mo.year, L), bg_src=_background_source(c, L)),
        "sentence": L(
            "k_wait_sentence_hub" if at_hub else "k_wait_sentence",
            crossing=_cr(where, L) if not at_hub else "",
            when=L.in_month(when),
            days=_days(days, L),
        ),
        "explain": L(
            "k_wait_explain",
            crossing=name,
            when=L.in_month(mo),
            bg=L.pct(rb),
            fl=L.num(max(0.0, (rho - rb) * 100), 1),
            days=_days(d, L),
        ),
    }


@card
def selyatino_card(r: Result, L: Labels) -> dict[str, str]:
    """The longest wait for a contracted slot at Selyatino (0 when the slots never bind)."""
    s = r.scenario
    su = r.network.summary
    return {
        "label": L("k_selyatino"),
        "value": _days(su.longest_selyatino_wait_days, L),
        "delta": L("k_selyatino_delta", n=L.num(s.slots_per_week)),
        "help": L("h_selyatino", src=assumption_source("slots_per_week", L)),
    }


def assumption_source(param: str, L: Labels) -> str:
    """An assumption's source in the page's language (``data/assumptions.csv``), with the estimate flag."""
    a = tables().assumptions
    return L.col(a.loc[param], "source") + (f" ({L('estimate')})" if a.at[param, "estimate"] else "")


def d2d_card(path: str, r: Result, L: Labels) -> dict[str, str]:
    """Door to door Selyatino → Xi'an on one path: the median month of the last full year and the range by month."""
    net = r.network
    mon = net.monthly
    col = mon[f"d2d_{path}_days"].to_numpy(dtype=float)
    year = net.summary.fleet_year
    years = mon["month"].to_numpy().astype("datetime64[Y]").astype(np.int64) + 1970  # .dt.year without pandas
    normal = float(np.median(col[years == year]))
    flowing = mon["feu_demand"].to_numpy() > 0
    lo, hi = (float(col[flowing].min()), float(col[flowing].max())) if flowing.any() else (normal, normal)
    paths = net.paths
    km = float(paths["km"].to_numpy()[paths["path"].to_numpy() == path][0])
    return {
        "label": L("k_d2d", path=L(f"path_{path}")),
        "value": _days(normal, L),
        "delta": L("k_d2d_delta", lo=L.num(lo, 1), hi=_days(hi, L)),
        "help": L("h_d2d", km=L.num(km), year=year),
    }


CARDS["d2d_dostyk_card"] = lambda r, L: d2d_card("dostyk", r, L)
CARDS["d2d_altynkol_card"] = lambda r, L: d2d_card("altynkol", r, L)


@card
def fleet_net_card(r: Result, L: Labels) -> dict[str, str]:
    """The operator's own box pool in the last full year, with and without reloading inbound Chinese boxes."""
    s = r.scenario
    net = r.network
    f = net.fleet.set_index("year").loc[net.summary.fleet_year]
    return {
        "label": L("k_fleet_net", year=net.summary.fleet_year),
        "value": L("k_fleet_net_value", n=L.num(float(f["pool"]))),
        "delta": L("k_fleet_net_delta", n=L.num(float(f["pool_no_reload"]))),
        "help": L(
            "h_fleet_net",
            rt=_days(float(f["round_trip_days"]), L),
            dry=L.pct(s.reload_dry),
            ref=L.pct(s.reload_reefer),
            src=assumption_source("reload_dry", L),
        ),
    }


@card
def split_card(r: Result, L: Labels) -> dict[str, str]:
    """The route split of this flow's trains (a slider with a cited default)."""
    s = r.scenario
    return {
        "label": L("k_split"),
        "value": L("k_split_value", d=L.pct(s.dostyk_share)),
        "delta": L("k_split_delta", a=L.pct(1.0 - s.dostyk_share)),
        "help": assumption_source("dostyk_share", L),
    }


def _name(frame: pd.DataFrame, L: Labels) -> pd.Series:
    return L.col(frame, "name")


@lru_cache(maxsize=4096)
def _wrap(text: str, width: int = 30) -> str:
    """A long axis label on two or more lines (plotly breaks at ``<br>``), so the plot keeps its width."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or text


def _unit(unit: str, L: Labels) -> str:
    """A unit of the links' table in ``L``'s language (the dashboard's own units through :meth:`Labels.unit`)."""
    key = f"u_{unit}"
    return L(key) if L(key) != key else L.unit(unit)


#: ISO 3166 numeric codes of the corridor's countries, shaded on the map: Russia, Kazakhstan, China.
CORRIDOR_COUNTRIES = ("643", "398", "156")


@lru_cache(maxsize=1)
def boundaries() -> dict:
    """Country borders around the corridor (``data/boundaries.geojson``, made by ``data/make_boundaries.py``)."""
    return json.loads((DATA_DIR / "boundaries.geojson").read_text(encoding="utf-8"))


def all_views(
    r: Result, L: Labels, currency: str = "RUB", actuals: pd.DataFrame | None = None, build: Callable | None = None
) -> list[View]:
    """Every chart of every page, section by section (:data:`SECTIONS`), each in the order they are declared.

    ``build(name, **options) -> View`` makes one chart (the app passes its cached views); by default each chart is
    built here from ``r``."""
    options = {"export_projection": {"actuals": actuals}}
    make = build or (lambda name, **o: CHARTS[name].build(r, L, **o))
    order = sorted(CHARTS.values(), key=lambda c: SECTIONS.index(c.section))
    return [make(c.name, **options.get(c.name, {}), **({"currency": currency} if c.money else {})) for c in order]


def scenario_caption(s: Scenario, L: Labels) -> str:
    """One line naming what differs from the stated plan, for images and reports."""
    changes = s.changes_from_default()
    if not changes:
        return L("no_changes")
    shown = (
        f"{L(k)} = {L(f'{k}_{v}')}" if k in CHOICES else f"{L(f'a_{k}')} = {_input_value(k, v, L)}"
        for k, v in changes.items()
    )
    return f"{L('scenario')}: " + "; ".join(shown)


def scenario_query(s: Scenario, L: Labels | None = None) -> str:
    """The URL query that reproduces ``s`` (only what differs from the plan) on a page in ``L``'s language (English
    when None): a choice is written as that language's label, the one its selectbox reads from the address, and a
    language other than English is named (``lang=ru``), so a Russian link keeps its choices."""
    L = L or Labels(LANGS[0])
    query = {k: (L(f"{k}_{v}") if k in CHOICES else f"{v:g}") for k, v in s.changes_from_default().items()}
    return urlencode(query if L.lang == LANGS[0] else {"lang": L.lang, **query})


def scenario_record(s: Scenario, L: Labels, currency: str) -> dict:
    """The scenario as JSON-ready data: every assumption, what differs, the link query, the date."""
    return {
        "name": s.slug(),
        "exported": clock.today().isoformat(),
        "language": L.lang,
        "currency": currency,
        "link_query": scenario_query(s, L),
        "changed_from_plan": s.changes_from_default(),
        "assumptions": asdict(s),
    }


#: Links of ``data/links.csv`` that the network model replaces (``data/crossings.csv``).
NETWORK_LINKS = ("dostyk_alashankou", "altynkol_khorgos")


def links_table(L: Labels) -> pd.DataFrame:
    """The hub side's links as the Sources page lists them: name, kind, capacity with its unit and range, the time
    through it, the source and its reliability, whether it is an estimate. The two China crossings are listed with
    the network's tables (:func:`network_tables_shown`): they carry everyone's trains, so no share is "open" to
    this flow."""
    k = links().reset_index()
    k = k[~k["id"].isin(NETWORK_LINKS)].reset_index(drop=True)
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
            "kind": [(lambda x: x[:1].lower() + x[1:])(L(f"kind_{kd}")) for kd in k["kind"]],  # one case in the column
            "capacity": [capacity_text(r) for _, r in k.iterrows()],
            "time": [hours(a, b) for a, b in zip(k["time_typical_h"], k["time_congested_h"])],
            "source": L.col(k, "source"),
            # in words, never a bare code: "M-H" → «средняя–высокая», "medium–high"
            "reliability": [
                L("derived").lower() if r == "derived" else "–".join(L(f"rel_{p}") for p in str(r).split("-"))
                for r in k["reliability"]
            ],
            "estimate": [L("estimate") if e else "" for e in k["estimate"]],
        }
    )


def derived_table(L: Labels) -> pd.DataFrame:
    """The derived figures (:func:`components.model.economics.ratios`) for people: name, value, unit and the formula with
    the stated figures' names in the page's language instead of their ids."""
    r = economics.ratios()
    f = tables().facts
    names = L.col(f, "metric")
    entities = L.col(f, "entity")

    def formula(text: str) -> str:
        for fid in sorted(f.index, key=len, reverse=True):  # longest first: no id is cut inside a longer one
            text = text.replace(fid, f"{names[fid]} ({entities[fid]})")
        return text.replace("10,000 m² per ha", L("m2_per_ha"))

    return pd.DataFrame(
        {
            "figure": [L(f"d_{i}") for i in r.index],
            "value": [L.num(v, 2) if abs(v) < 10 and not float(v).is_integer() else L.num(v) for v in r["value"]],
            # «3,06 раза», not «3,06 раз»: the unit "x" takes the plural form of the value in Russian
            "unit": [
                L.count(v, "times", 2).split("\u00a0", 1)[1] if u == "x" else L.unit(u)
                for v, u in zip(r["value"], r["unit"])
            ],
            "formula": [formula(x) for x in r["formula"]],
        },
        index=r.index,
    )


def streams_table(r: Result, L: Labels, currency: str = "RUB") -> pd.DataFrame:
    """Every stream of the registry (:mod:`components.model.streams`) with this scenario's money: its name in the
    page's language, money in or out, the first full operating year's amount and the present value over the
    horizon (project streams at the WACC, financing streams at the cost of equity), in ``currency``."""
    s = r.scenario
    ap = r.economics
    f = ap.flows.set_index("year")
    row = f.loc[ap.year_x]
    out = []
    for x in streams.STREAMS:
        factor = f["discount_factor"] if x.view == "project" else _equity_factor(s, f)
        out.append(
            {
                "stream": L(f"stream_{x.id}"),
                "kind": L(f"kind_{x.kind}"),
                "year": L.money(float(economics.convert(row[x.id], currency, s)) + 0.0, currency),  # no "−0"
                "pv": L.money(float(economics.convert((f[x.id] * factor).sum(), currency, s)) + 0.0, currency),
            }
        )
    return pd.DataFrame(out, index=[x.id for x in streams.STREAMS])


def _equity_factor(s: Scenario, f: pd.DataFrame) -> pd.Series:
    """Discount factors at the cost of equity for the table's years (the table's convention)."""
    return pd.Series(economics.discount_factors(f.index.to_numpy(), f["cost_of_equity"].to_numpy()), index=f.index)


def sources_table(L: Labels | None = None) -> pd.DataFrame:
    """Stated figures with their names in English and Russian and their citations; with ``L``, for a reader of
    that language: its names, units, dates and column headers only, no ids (report packs and downloads)."""
    f = tables().facts.reset_index()
    if L is not None:
        shown = pd.DataFrame(
            {
                L("col_entity"): L.col(f, "entity"),
                L("col_metric"): L.col(f, "metric"),
                L("value"): f["value"],
                L("col_unit"): [L.unit(u) for u in f["unit"]],
                L("col_when"): [L.date(w, p) for w, p in zip(f["when"], f["when_precision"])],
                L("col_stated_as"): f["stated_as"],
                L("col_speaker"): L.col(f, "speaker"),
                L("col_source"): L.col(f, "source"),
                L("col_locator"): f["locator"].str.replace("para. ", L("locator_para"), regex=False),
                L("col_note"): L.col(f, "note").fillna(""),
            }
        )
        return shown
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
    # names, sources and units in the report's language; no internal ids (`selyatino_area`) in a reader's README;
    # quotes and "para. 6" as each language writes them
    for _, f in t.facts.iterrows():
        where = f["locator"].replace("para. ", L("locator_para"))
        quoted = L("quoted", text=f["stated_as"])
        lines.append(f"- {L.col(f, 'metric')} ({L.col(f, 'entity')}): {quoted}; {L.col(f, 'source')}, {where}")
    lines += ["", f"## {L('src_assumptions')}", ""]
    for aid, a in t.assumptions.iterrows():
        est = f" ({L('estimate')})" if a["estimate"] else ""
        lines.append(f"- {L(f'a_{aid}')} = {_input_value(aid, getattr(s, aid), L)}{est} — {L.col(a, 'source')}")
    lines += ["", f"## {L('src_method')}", "", L("method")]
    return "\n".join(lines)


def report_zip(
    r: Result,
    L: Labels,
    currency: str = "RUB",
    actuals: pd.DataFrame | None = None,
    images: bool = True,
    build: Callable | None = None,
) -> bytes:
    """The report pack: every chart as PNG and SVG, its data, the scenario as JSON, sources and a README.

    ``build`` as in :func:`all_views` (the app's cached views)."""
    s = r.scenario
    caption = scenario_caption(s, L)
    items = [
        export.ChartItem(
            v.chart_id, v.title, export.annotate_for_export(v.figure, caption), downloads.table(v.chart_id, v.data, L)
        )
        for v in all_views(r, L, currency, actuals=actuals, build=build)
    ]
    return export.report_zip(
        items,
        scenario_record(s, L, currency),
        sources_table(L),
        readme(s, L),
        s.slug(),
        r.today,
        images=images,
        files_heading=L("report_files"),
        csv=downloads.csv_format(L),  # «;» and a decimal comma in Russian: opens in columns in Russian Excel
        meta=downloads.scenario_sheet(s, L, currency, caption, scenario_query(s, L)),
        xlsx_names=downloads.xlsx_names(L),
        images_skipped=L("report_images_skipped"),
        images_unavailable=L("report_images_unavailable"),
    )


def report_html(
    r: Result,
    L: Labels,
    currency: str = "RUB",
    actuals: pd.DataFrame | None = None,
    build: Callable | None = None,
) -> bytes:
    """One self-contained HTML page with every chart, its data and the sources (``build`` as in :func:`all_views`)."""
    s = r.scenario
    views = all_views(r, L, currency, actuals=actuals, build=build)
    intro = [L("app_subtitle"), scenario_caption(s, L), *[f"- {v.alt}" for v in views]]
    items = [export.ChartItem(v.chart_id, v.title, v.figure, downloads.shown(v.chart_id, v.data, L)) for v in views]
    sources = downloads.shown_plain(sources_table(L), L)
    return export.report_html(
        items,
        L("app_title"),
        intro,
        sources,
        L.lang,
        decimal=L.separators[0],
        data_label=L("report_data"),
        sources_label=L("report_sources"),
    )


def network_tables_shown(L: Labels) -> list[tuple[str, pd.DataFrame]]:
    """The network's tables as the Sources page lists them, in the page's language: (heading key, table).

    Crossings by year (capacity with its range), other shippers' traffic, the episodes and the routes, each row with
    its source and reliability in words."""
    t = network_tables()
    rel = lambda r: L(f"rel_{r}") if L.has(f"rel_{r}") else str(r)  # noqa: E731

    def rng(v: float, lo: float, hi: float, fmt) -> str:
        if lo == hi == v:
            return fmt(v)
        if fmt == L.pct:  # a range carries its unit once: «96 % (93–97 %)», not «(93 %–97 %)»
            return f"{fmt(v)} ({L.num(lo * 100)}–{fmt(hi)})"
        return f"{fmt(v)} ({fmt(lo)}–{fmt(hi)})"

    c = t.crossings
    crossings = pd.DataFrame(
        {
            L("ncol_crossing"): [L(f"crl_{x}") for x in c["crossing"]],
            L("ncol_year"): c["year"].astype(int).astype(str),
            L("ncol_capacity"): [
                rng(v, lo, hi, lambda x: L.num(x))
                for v, lo, hi in zip(c["capacity_trains_day"], c["capacity_low"], c["capacity_high"])
            ],
            L("ncol_source"): L.col(c, "source"),
            L("ncol_reliability"): [rel(r) for r in c["reliability"]],
        }
    )
    b = t.background.reset_index()

    def bg_item(i: str, cr: str) -> str:
        key = f"bg_{i}"
        return L(key, crossing=L(f"crl_{cr}") if cr in ("dostyk", "altynkol", "bakhty") else "")

    def bg_value(v: float, lo: float, hi: float, unit: str) -> str:
        if unit == "share":
            return rng(v, lo, hi, L.pct) if not pd.isna(lo) else L.pct(v)
        return rng(v, lo, hi, L.dec) + f"\u00a0{L.unit(unit)}"

    background = pd.DataFrame(
        {
            L("ncol_item"): [bg_item(i, cr) for i, cr in zip(b["id"], b["crossing"])],
            L("ncol_value"): [
                bg_value(v, lo, hi, u) for v, lo, hi, u in zip(b["value"], b["low"], b["high"], b["unit"])
            ],
            L("ncol_source"): L.col(b, "source"),
            L("ncol_reliability"): [rel(r) for r in b["reliability"]],
        }
    )
    e = t.episodes
    episodes = pd.DataFrame(
        {
            L("ncol_episode"): L.col(e, "name"),
            L("ncol_crossing"): [L(f"crl_{x}") for x in e["crossing"]],
            L("ncol_dates"): [L.day_range(a, z) for a, z in zip(e["start"], e["end"])],  # «1–28 сентября 2026 г.»
            L("ncol_depth"): [rng(v, lo, hi, L.pct) for v, lo, hi in zip(e["depth"], e["depth_low"], e["depth_high"])],
            L("ncol_source"): L.col(e, "source"),
            L("ncol_reliability"): [rel(r) for r in e["reliability"]],
        }
    )
    r = t.routes
    node = lambda n: L(f"node_{n}") if L.has(f"node_{n}") else L(f"node_{n}_short") if L.has(f"node_{n}_short") else n  # noqa: E731
    routes = pd.DataFrame(
        {
            L("ncol_path"): [L(f"path_{p}") for p in r["path"]],
            L("ncol_leg"): [f"{node(a)} → {node(z)}" for a, z in zip(r["node_from"], r["node_to"])],
            L("ncol_km"): [rng(v, lo, hi, L.num) for v, lo, hi in zip(r["km"], r["km_low"], r["km_high"])],
            L("ncol_source"): L.col(r, "source"),
            L("ncol_reliability"): [rel(x) for x in r["reliability"]],
        }
    )
    return [
        ("src_net_crossings", crossings),
        ("src_net_background", background),
        ("src_net_episodes", episodes),
        ("src_net_routes", routes),
    ]
