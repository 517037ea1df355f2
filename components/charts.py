"""One function per chart: tidy DataFrames in, :class:`plotly.graph_objects.Figure` out.

Every figure carries its title, units in the axis titles and the source line inside the figure, so a
downloaded image still says where its numbers came from. Stated figures are markers, assumptions
are dotted lines, projections are solid lines; the palette is Okabe–Ito (colour-blind safe) and the
kinds also differ by marker and dash, not by colour alone.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.i18n import Labels

# Okabe–Ito palette
BLUE, ORANGE, SKY, GREEN, VERMILLION, PURPLE, GREY, BLACK = (
    "#0072B2", "#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7", "#6E6E6E", "#000000")
FONT = "Inter, 'Source Sans Pro', 'DejaVu Sans', Arial, sans-serif"
HEIGHT = 440
_GRID = "#E5EAF2"
#: A slim template (plotly_white's look for what these charts use): a full built-in template is deep-copied
#: into every figure and costs ~8 ms a chart, on every slider move.
#: Each chart is written as one figure dict (traces and layout) and validated once by ``go.Figure``: adding
#: traces and updating the layout step by step validated every step and cost ~13 ms a chart; one dict, ~2 ms.
TEMPLATE = go.layout.Template(layout=dict(
    paper_bgcolor="white", plot_bgcolor="white", colorway=[BLUE, ORANGE, SKY, GREEN, VERMILLION, PURPLE],
    xaxis=dict(gridcolor=_GRID, linecolor=_GRID, zerolinecolor=_GRID, ticks="", automargin=True),
    yaxis=dict(gridcolor=_GRID, linecolor=_GRID, zerolinecolor=_GRID, ticks="", automargin=True),
    hoverlabel=dict(align="left")))


def _figure(traces: list[dict], L: Labels, title: str, x_title: str, y_title: str, note: str = "",
            date_axis: bool = True, xaxis: dict | None = None, yaxis: dict | None = None, **layout) -> go.Figure:
    """Shared look: title top left, legend under it, units in the axis titles, the source at the bottom.

    ``xaxis``, ``yaxis`` and ``layout`` add to or replace the shared settings.
    """
    x = dict(title=dict(text=x_title))
    if date_axis:
        x.update(type="date", tickformat=L.date_tickformat, hoverformat="%m.%Y" if L.lang == "ru" else "%b %Y")
    # plain grouped numbers (50,000 / 50 000), never SI suffixes such as "50k" that read as English in Russian
    y = dict(title=dict(text=y_title), rangemode="tozero", tickformat=",~f")
    base = dict(
        title=dict(text=title, x=0.01, xanchor="left", y=0.985, yanchor="top", yref="container", font=dict(size=17)),
        template=TEMPLATE, height=HEIGHT, font=dict(family=FONT, size=13, color="#222"),
        separators=L.separators, hovermode="x unified" if date_axis else "closest",
        margin=dict(l=70, r=24, t=92, b=118),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, xanchor="left", font=dict(size=12)),
        xaxis={**x, **(xaxis or {})}, yaxis={**y, **(yaxis or {})},
        annotations=[dict(text="<br>".join(filter(None, [L("footnote_source"), L("footnote_assumptions"), note])),
                          xref="paper", yref="paper", x=0, y=0, yshift=-114, xanchor="left", yanchor="bottom",
                          showarrow=False, align="left", font=dict(size=10, color="#555"))],
    )
    if "margin" in layout:
        layout["margin"] = {**base["margin"], **layout["margin"]}
    return go.Figure(dict(data=traces, layout={**base, **layout}))


def export_trajectory(traj: pd.DataFrame, plan: pd.DataFrame, band: pd.DataFrame, stated: pd.DataFrame,
                      L: Labels, actuals: pd.DataFrame | None = None,
                      compare: tuple[str, pd.DataFrame] | None = None) -> go.Figure:
    """Monthly exports (t/month) under the scenario, the stated plan, the band and the stated points."""
    traces = [
        dict(type="scatter", x=band["month"], y=band["p90"], line=dict(width=0), showlegend=False,
             hoverinfo="skip", name="p90"),
        dict(type="scatter", x=band["month"], y=band["p10"], line=dict(width=0), fill="tonexty",
             fillcolor="rgba(86,180,233,0.25)", name=L("band"), hoverinfo="skip"),
        dict(type="scatter", x=plan["month"], y=plan["tonnes"], name=L("plan_line"),
             line=dict(color=GREY, width=2, dash="dash"), hovertemplate="%{y:,.0f}"),
    ]
    if compare is not None:
        name, other = compare
        traces.append(dict(type="scatter", x=other["month"], y=other["tonnes"], name=L("compare_line", name=name),
                           line=dict(color=PURPLE, width=2.5, dash="dashdot"), hovertemplate="%{y:,.0f}"))
    traces.append(dict(type="scatter", x=traj["month"], y=traj["tonnes"], name=L("scenario_line"),
                       line=dict(color=BLUE, width=3), hovertemplate="%{y:,.0f}"))
    if actuals is not None and not actuals.empty:
        traces.append(dict(type="scatter", x=actuals["month"], y=actuals["tonnes"], name=L("actuals"),
                           mode="markers+lines", marker=dict(symbol="square", size=8, color=BLACK),
                           line=dict(color=BLACK, width=1), hovertemplate="%{y:,.0f}"))
    traces.append(dict(type="scatter", x=stated["month"], y=stated["tonnes"], name=L("stated_points"), mode="markers",
                       marker=dict(symbol="diamond", size=14, color=VERMILLION, line=dict(color="white", width=1)),
                       hovertemplate="%{y:,.0f}"))
    return _figure(traces, L, L("chart_export"), L("month"), L("t_month"), L("footnote_projection"))


def trains_per_week(boxes: pd.DataFrame, plan_boxes: pd.DataFrame, limit: float, L: Labels) -> go.Figure:
    """Trains a week the scenario needs, the plan's, and the route limit (dotted: an assumption)."""
    traces = [
        dict(type="scatter", x=plan_boxes["month"], y=plan_boxes["trains_per_week"], name=L("plan_line"),
             line=dict(color=GREY, dash="dash", width=2), hovertemplate="%{y:.1f}"),
        dict(type="scatter", x=boxes["month"], y=boxes["trains_per_week"], name=L("scenario_line"),
             line=dict(color=BLUE, width=3), hovertemplate="%{y:.1f}"),
        dict(type="scatter", x=[boxes["month"].iloc[0], boxes["month"].iloc[-1]], y=[limit, limit],
             name=f'{L("limit")} ({L("assumed").lower()})', mode="lines",
             line=dict(color=ORANGE, dash="dot", width=2), hovertemplate="%{y:.1f}"),
    ]
    return _figure(traces, L, L("chart_trains"), L("month"), L("trains_week"), L("footnote_projection"))


def containers(boxes: pd.DataFrame, L: Labels) -> go.Figure:
    """FEU and TEU a month under the scenario."""
    traces = [
        dict(type="scatter", x=boxes["month"], y=boxes["teu"], name=L("teu"), line=dict(color=SKY, width=2, dash="dot"),
             hovertemplate="%{y:,.0f}"),
        dict(type="scatter", x=boxes["month"], y=boxes["feu"], name=L("feu"), line=dict(color=BLUE, width=3),
             hovertemplate="%{y:,.0f}"),
    ]
    return _figure(traces, L, L("chart_boxes"), L("month"), L("boxes_month"), L("footnote_projection"))


def warehouse(need: pd.DataFrame, L: Labels) -> go.Figure:
    """Area the export flow needs (m²) against the stated total area (a stated line)."""
    traces = [
        dict(type="scatter", x=need["month"], y=need["stated_area_m2"], name=L("area_stated"),
             line=dict(color=VERMILLION, width=2), mode="lines", hovertemplate="%{y:,.0f}"),
        dict(type="scatter", x=need["month"], y=need["area_needed_m2"], name=L("area_needed"), fill="tozeroy",
             fillcolor="rgba(0,114,178,0.15)", line=dict(color=BLUE, width=3), hovertemplate="%{y:,.0f}"),
    ]
    return _figure(traces, L, L("chart_warehouse"), L("month"), L("m2"), L("footnote_projection"))


def two_way(balance_year: pd.DataFrame, year: int, L: Labels) -> go.Figure:
    """Loaded and empty boxes a year in each direction (``direction``, ``loaded``, ``empty`` in FEU)."""
    traces = [
        dict(type="bar", x=balance_year["direction"], y=balance_year["loaded"], name=L("loaded"),
             marker=dict(color=BLUE), texttemplate="%{y:,.0f}", textposition="inside"),
        dict(type="bar", x=balance_year["direction"], y=balance_year["empty"], name=L("empty"),
             marker=dict(color="white", line=dict(color=BLUE, width=2), pattern=dict(shape="/", fgcolor=BLUE)),
             texttemplate="%{y:,.0f}", textposition="inside"),
    ]
    return _figure(traces, L, L("chart_two_way", year=year), "", L("boxes_year"), L("footnote_projection"),
                   date_axis=False, barmode="stack")


def cash_flow(flows: pd.DataFrame, currency: str, L: Labels) -> go.Figure:
    """Yearly net cash (bars) and the cumulative position after the investment (line), in ``currency``."""
    div, word = L.scale(flows["cumulative"].tolist() + flows["net"].tolist())
    traces = [
        dict(type="bar", x=flows["year"], y=flows["net"] / div, name=L("net_cash"), marker=dict(color=BLUE),
             hovertemplate="%{y:,.2f}"),
        dict(type="scatter", x=flows["year"], y=flows["cumulative"] / div, name=L("cumulative"), mode="lines+markers",
             line=dict(color=VERMILLION, width=2.5), marker=dict(symbol="circle-open"), hovertemplate="%{y:,.2f}"),
    ]
    return _figure(traces, L, L("chart_cash"), L("year"), f"{word} {L.cur(currency)}".strip(), L("footnote_projection"),
                   date_axis=False, xaxis=dict(tickformat="d", dtick=2), yaxis=dict(rangemode="normal"))


def tornado(sens: pd.DataFrame, currency: str, L: Labels) -> go.Figure:
    """NPV with each assumption at the low and high end of its range (``label`` column for the names)."""
    s = sens.iloc[::-1]
    div, word = L.scale(s["npv_low"].tolist() + s["npv_high"].tolist())
    base = float(s["npv_base"].iloc[0]) / div
    traces = [
        dict(type="bar", y=s["label"], x=s["npv_low"] / div - base, base=base, orientation="h", name=L("low_end"),
             marker=dict(color=ORANGE), customdata=s["low"], hovertemplate="%{customdata:,}: %{x:,.2f}"),
        dict(type="bar", y=s["label"], x=s["npv_high"] / div - base, base=base, orientation="h", name=L("high_end"),
             marker=dict(color=BLUE, pattern=dict(shape="x")), customdata=s["high"],
             hovertemplate="%{customdata:,}: %{x:,.2f}"),
    ]
    base_line = dict(type="line", x0=base, x1=base, xref="x", y0=0, y1=1, yref="y domain",
                     line=dict(color=BLACK, width=1.5, dash="dash"))
    return _figure(traces, L, L("chart_tornado"), L("npv_axis", cur=f"{word} {L.cur(currency)}".strip()), "",
                   L("footnote_projection"), date_axis=False, yaxis=dict(rangemode="normal"), barmode="overlay",
                   shapes=[base_line], height=HEIGHT + 40, margin=dict(l=250))


def stated_exports(stated: pd.DataFrame, L: Labels) -> go.Figure:
    """The two stated annual volumes as bars (``label``, ``rate_t_year``)."""
    traces = [dict(type="bar", x=stated["label"], y=stated["rate_t_year"], marker=dict(color=[GREY, VERMILLION]),
                   text=[L.tonnes(v) for v in stated["rate_t_year"]], textposition="outside",
                   hovertemplate="%{y:,.0f}", name=L("stated"))]
    return _figure(traces, L, L("chart_stated"), "", L("t_year"), "", date_axis=False,
                   yaxis=dict(range=[0, float(stated["rate_t_year"].max()) * 1.2]))


def corridor(nodes: pd.DataFrame, L: Labels) -> go.Figure:
    """Schematic of the corridor from ``nodes`` (``name``, ``lon``, ``lat``, ``kind``), drawn with no map tiles."""
    traces = [dict(type="scatter", x=nodes["lon"], y=nodes["lat"], mode="lines",
                   line=dict(color=GREY, width=3, dash="dot"), hoverinfo="skip", showlegend=False)]
    styles = {"hub": ("square", VERMILLION, 16), "border": ("diamond-tall", ORANGE, 16), "city": ("circle", BLUE, 12)}
    for kind, (symbol, colour, size) in styles.items():
        sub = nodes[nodes["kind"] == kind]
        traces.append(dict(type="scatter", x=sub["lon"], y=sub["lat"], mode="markers+text", text=sub["name"],
                           textposition=sub["textpos"], name=sub["kind_label"].iloc[0] if len(sub) else kind,
                           marker=dict(symbol=symbol, color=colour, size=size, line=dict(color="white", width=1)),
                           hovertext=sub["hover"], hoverinfo="text"))
    return _figure(traces, L, L("chart_corridor"), "° E", "° N", L("footnote_schematic"), date_axis=False,
                   xaxis=dict(range=[30, 115]),
                   yaxis=dict(scaleanchor="x", scaleratio=1.6, rangemode="normal", range=[30, 60]), height=520)
