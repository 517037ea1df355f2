"""Every chart of the dashboard as a :class:`View`: figure, its data and its text alternative.

Pages draw views; the report pack renders the same views, so a chart in a downloaded report is the
chart on screen. Pure: no Streamlit. The model functions come from ``m``, either :data:`PURE` (plain
calls) or the page layer's cached wrappers with the same names.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from types import SimpleNamespace
from urllib.parse import urlencode

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components import capacity, charts, clock, economics, export, projection
from components.facts import public_figures, tables
from components.i18n import Labels
from components.scenario import CHOICES, Scenario, preset

#: Plain, uncached model calls (a notebook's, a test's or a report's way in).
PURE = SimpleNamespace(
    trajectory=projection.trajectory,
    band=projection.band,
    boxes=lambda s: capacity.boxes_and_trains(projection.trajectory(s), s),
    warehouse=lambda s: capacity.warehouse_need(projection.trajectory(s), s),
    cash_flows=economics.cash_flows,
    sensitivity=economics.sensitivity,
    appraisal=economics.appraisal,
    npv_distribution=economics.npv_distribution,
)

# Approximate positions (° E, ° N) for the corridor schematic; the report gives no route.
CORRIDOR_NODES = [
    ("selyatino", 36.97, 55.52, "hub", "top center"),
    ("ru_kz_border", 61.0, 52.5, "border", "top right"),  # right of the line that comes in from the upper left
    ("agrohub", 77.0, 43.6, "hub", "bottom left"),  # left: the line leaves to the right
    ("dostyk", 82.6, 45.2, "border", "top right"),
    ("xian", 108.9, 34.3, "city", "bottom center"),  # below: the line comes in from above
]


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


def stated_exports(s: Scenario, L: Labels, m=PURE) -> View:
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
        what = f'{r["entity_ru"]}: {r["metric_ru"]}' if L.lang == "ru" else f'{r["entity"]}: {r["metric"]}'
        bound = r["bound"]
        rows.append({"start": start, "end": end, "mid": start + (end - start) / 2, "tonnes": avg,
                     "symbol": {"over": "triangle-up", "under": "triangle-down"}.get(bound, "triangle-right"),
                     "hover": L("public_hover", what=what, period=period, bound=L(f"bound_{bound}"),
                                value=L.tonnes(float(r["value"])), month=L.tonnes(avg), source=r["source"],
                                rel=r["reliability"]),
                     "month": start + pd.DateOffset(months=months // 2)})
    return pd.DataFrame(rows, columns=["start", "end", "mid", "tonnes", "symbol", "hover", "month"])


def export_projection(s: Scenario, L: Labels, m=PURE, actuals: pd.DataFrame | None = None,
                      compare: str | None = None, today: dt.date | None = None) -> View:
    """The scenario's monthly exports against the plan, the band, the stated points, published regional figures,
    actuals, a preset and today's date."""
    traj, plan, band = m.trajectory(s), m.trajectory(Scenario.default()), m.band(s)
    other = (L(f"preset_{compare}"), m.trajectory(preset(compare))) if compare else None
    public = public_exports(L)
    fig = charts.export_trajectory(traj, plan, band, projection.stated_points(), L, actuals=actuals, compare=other,
                                   public=public, today=today or clock.today())
    data = traj[["month", "rate_t_year", "tonnes"]].merge(band, on="month").merge(
        plan[["month", "tonnes"]].rename(columns={"tonnes": "plan_tonnes"}), on="month")
    if len(public):
        data = data.merge(public[["month", "tonnes"]].rename(columns={"tonnes": "public_region_tonnes_month_avg"}),
                          on="month", how="outer")
    if actuals is not None:
        data = data.merge(actuals.rename(columns={"tonnes": "actual_tonnes"}), on="month", how="outer")
    at = projection.target_month(s)
    alt = L("alt_projection", month=L.month(at), rate=L.tonnes(tables().fact("export_china_target") * s.attainment))
    return View("export-projection", fig, data, alt)


def trains(s: Scenario, L: Labels, m=PURE) -> View:
    box = m.boxes(s)
    at = projection.target_month(s)
    n = float(box.set_index("month").at[at, "trains_per_week"])
    return View("trains-per-week", charts.trains_per_week(box, m.boxes(Scenario.default()), s.service_trains_per_week, L,
                                                          today=clock.today()),
                box[["month", "tonnes", "feu", "teu", "trains_per_week", "over_limit"]],
                L("alt_trains", n=L.num(n, 1), month=L.month(at)))


def containers(s: Scenario, L: Labels, m=PURE) -> View:
    box = m.boxes(s)
    feu = float(box.set_index("month").at[projection.target_month(s), "feu"])
    return View("containers", charts.containers(box, L, today=clock.today()), box[["month", "feu", "teu"]], L("alt_boxes", feu=L.num(feu)))


def warehouse(s: Scenario, L: Labels, m=PURE) -> View:
    need = m.warehouse(s)
    share = float(need.set_index("month").at[projection.target_month(s), "share_of_area"])
    return View("warehouse-area", charts.warehouse(need, L, today=clock.today()), need, L("alt_warehouse", share=L.pct(share, 1)))


def two_way(s: Scenario, L: Labels, m=PURE) -> View:
    """Loaded and empty boxes each way in the first full year after the target month."""
    year = projection.target_month(s).year + 1
    tw = capacity.two_way_balance(m.boxes(s), s)
    total = tw[tw["month"].dt.year == year].drop(columns=["month", "loaded_share"]).sum()
    bars = pd.DataFrame({"direction": [L("eastbound"), L("westbound")],
                         "loaded": [total["east_loaded"], total["west_loaded"]],
                         "empty": [total["east_empty"], total["west_empty"]]})
    share = bars["loaded"].sum() / (bars["loaded"].sum() + bars["empty"].sum())
    return View("two-way-boxes", charts.two_way(bars, year, L), bars, L("alt_two_way", share=L.pct(share), year=year))


def cash_flow(s: Scenario, L: Labels, currency: str = "RUB", m=PURE) -> View:
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
    return View("cash-flow", charts.cash_flow(shown, currency, L, pay_x, pay_text), data,
                L("alt_cash", npv=L.money(economics.convert(ap.npv, currency, s), currency),
                  conv=L(f"conv_{s.convention}")))


def npv_distribution(s: Scenario, L: Labels, currency: str = "RUB", m=PURE) -> View:
    """Histogram of the NPV over the band's paths and the economic uncertainties."""
    dist = m.npv_distribution(s)
    values = economics.convert(dist["npv"], currency, s)
    counts, edges = np.histogram(values, bins=60)
    bins = pd.DataFrame({"left": edges[:-1], "right": edges[1:], "paths": counts})
    q = {k: economics.convert(dist[k], currency, s) for k in ("p10", "p50", "p90")}
    marks = pd.DataFrame({"label": [L("p10_mark"), L("p50_mark"), L("p90_mark"), L("zero_mark")],
                          "value": [q["p10"], q["p50"], q["p90"], 0.0], "dash": ["dot", "dash", "dot", "solid"]})
    data = bins.assign(p10=q["p10"], p50=q["p50"], p90=q["p90"], p_npv_positive=dist["p_positive"], currency=currency)
    return View("npv-distribution", charts.npv_distribution(bins, marks, currency, L), data,
                L("alt_npv_dist", p=L.pct(dist["p_positive"]), p50=L.money(q["p50"], currency),
                  p10=L.money(q["p10"], currency), p90=L.money(q["p90"], currency)))


def tornado(s: Scenario, L: Labels, currency: str = "RUB", m=PURE) -> View:
    sens = m.sensitivity(s)
    sens = sens.assign(label=[L(f"a_{p}") for p in sens["param"]],
                       **{c: economics.convert(sens[c], currency, s) for c in ("npv_low", "npv_high", "npv_base")})
    return View("npv-sensitivity", charts.tornado(sens, currency, L),
                sens[["param", "low", "high", "npv_low", "npv_high", "npv_base"]].assign(currency=currency),
                L("alt_tornado", name=sens["label"].iloc[0]))


def corridor(s: Scenario, L: Labels, m=PURE) -> View:
    t = tables()
    hover = {
        "selyatino": L("n_selyatino_h", area=L.num(t.fact("selyatino_area")), inv=L.money(t.fact("selyatino_investment"))),
        "ru_kz_border": L("n_border_h", a=L.num(t.fact("border_regions_side_a")), b=L.num(t.fact("border_regions_side_b")),
                          p=L.compact(t.fact("border_population"))),
        "agrohub": L("n_agrohub_h", ha=L.num(t.fact("agrohub_area") / 10_000)),
        "dostyk": L("n_dostyk_h"),
        "xian": L("n_xian_h", days=L.num(s.transit_days)),
    }
    nodes = pd.DataFrame(CORRIDOR_NODES, columns=["id", "lon", "lat", "kind", "textpos"]).assign(
        name=lambda d: [L(f"n_{i}") for i in d["id"]], hover=lambda d: [hover[i] for i in d["id"]],
        kind_label=lambda d: [L(f"kind_{k}") for k in d["kind"]])
    return View("corridor-schematic", charts.corridor(nodes, L), nodes[["id", "name", "lon", "lat", "kind"]],
                L("alt_corridor", days=L.num(s.transit_days)))


def all_views(s: Scenario, L: Labels, currency: str = "RUB", m=PURE, actuals: pd.DataFrame | None = None) -> list[View]:
    """Every chart of every page, in page order."""
    return [stated_exports(s, L, m), export_projection(s, L, m, actuals=actuals), trains(s, L, m),
            containers(s, L, m), warehouse(s, L, m), two_way(s, L, m), cash_flow(s, L, currency, m),
            npv_distribution(s, L, currency, m), tornado(s, L, currency, m), corridor(s, L, m)]


def scenario_caption(s: Scenario, L: Labels) -> str:
    """One line naming what differs from the stated plan, for images and reports."""
    changes = s.changes_from_default()
    if not changes:
        return L("no_changes")
    shown = (f"{L(k)} = {L(f'{k}_{v}')}" if k in CHOICES else f"{L(f'a_{k}')} = {L.dec(v)}"
             for k, v in changes.items())
    return f'{L("scenario")}: ' + "; ".join(shown)


def scenario_query(s: Scenario) -> str:
    """The URL query that reproduces ``s`` (only what differs from the plan; a choice as its English label)."""
    en = Labels("en")
    return urlencode({k: (en(f"{k}_{v}") if k in CHOICES else f"{v:g}") for k, v in s.changes_from_default().items()})


def scenario_record(s: Scenario, L: Labels, currency: str) -> dict:
    """The scenario as JSON-ready data: every assumption, what differs, the link query, the date."""
    return {"name": s.slug(), "exported": clock.today().isoformat(), "language": L.lang, "currency": currency,
            "link_query": scenario_query(s), "changed_from_plan": s.changes_from_default(), "assumptions": asdict(s)}


def sources_table() -> pd.DataFrame:
    """Stated figures with their names in English and Russian and their citations."""
    f = tables().facts.reset_index()
    return f[["id", "entity", "metric", "entity_ru", "metric_ru", "value", "unit", "when", "stated_as", "speaker",
              "source", "locator", "note"]]


def readme(s: Scenario, L: Labels) -> str:
    """Markdown README of a report pack: what it is, the scenario, every source and the method."""
    t = tables()
    lines = [f"# {L('app_title')}", "", L("app_subtitle"), "", f"## {L('scenario')}", "", scenario_caption(s, L), "",
             f"## {L('src_stated')}", ""]
    ru = "_ru" if L.lang == "ru" else ""  # names, sources and units in the report's language
    for fid, f in t.facts.iterrows():
        where = f["locator"].replace("para.", "абз.") if ru else f["locator"]
        lines.append(f"- `{fid}` — {f['metric' + ru]} ({f['entity' + ru]}): «{f['stated_as']}»; "
                     f"{f['source' + ru]}, {where}")
    lines += ["", f"## {L('src_assumptions')}", ""]
    for aid, a in t.assumptions.iterrows():
        est = f" ({L('estimate')})" if a["estimate"] else ""
        lines.append(f"- `{aid}` {L(f'a_{aid}')} = {L.dec(getattr(s, aid))} {L.unit(a['unit'])}{est} — "
                     f"{a['source' + ru]}")
    lines += ["", f"## {L('src_method')}", "", L("method")]
    return "\n".join(lines)


def report_zip(s: Scenario, L: Labels, currency: str = "RUB", actuals: pd.DataFrame | None = None,
               images: bool = True) -> bytes:
    """The report pack: every chart as PNG and SVG, its data, the scenario as JSON, sources and a README."""
    caption = scenario_caption(s, L)
    items = [export.ChartItem(v.chart_id, v.title, export.annotate_for_export(v.figure, caption), v.data)
             for v in all_views(s, L, currency, actuals=actuals)]
    return export.report_zip(items, scenario_record(s, L, currency), sources_table(), readme(s, L), s.slug(),
                             clock.today(), images=images)


def report_html(s: Scenario, L: Labels, currency: str = "RUB", actuals: pd.DataFrame | None = None) -> bytes:
    """One self-contained HTML page with every chart, its data and the sources."""
    views = all_views(s, L, currency, actuals=actuals)
    intro = [L("app_subtitle"), scenario_caption(s, L), *[f"- {v.alt}" for v in views]]
    return export.report_html([v.item() for v in views], L("app_title"), intro, sources_table(), L.lang)
