"""One function per chart: tidy DataFrames in, :class:`plotly.graph_objects.Figure` out.

Every figure carries its title, units in the axis titles and the source line inside the figure, so a
downloaded image still says where its numbers came from. Stated figures are markers, assumptions
are dotted lines, projections are solid lines; the palette is Okabe–Ito (colour-blind safe) and the
kinds also differ by marker and dash, not by colour alone.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd
import plotly.graph_objects as go

from components.model import streams
from components.present.i18n import Labels

# Okabe–Ito palette
BLUE, ORANGE, SKY, GREEN, VERMILLION, PURPLE, GREY, BLACK = (
    "#0072B2",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#6E6E6E",
    "#000000",
)
FONT = "Inter, 'Source Sans Pro', 'DejaVu Sans', Arial, sans-serif"
HEIGHT = 440
_GRID = "#E5EAF2"
#: A slim template (plotly_white's look for what these charts use): a full built-in template is deep-copied
#: into every figure and costs ~8 ms a chart, on every slider move.
#: Each chart is written as one figure dict (traces and layout) and validated once by ``go.Figure``: adding
#: traces and updating the layout step by step validated every step and cost ~13 ms a chart; one dict, ~2 ms.
TEMPLATE = go.layout.Template(
    layout=dict(
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=[BLUE, ORANGE, SKY, GREEN, VERMILLION, PURPLE],
        xaxis=dict(gridcolor=_GRID, linecolor=_GRID, zerolinecolor=_GRID, ticks="", automargin=True),
        yaxis=dict(gridcolor=_GRID, linecolor=_GRID, zerolinecolor=_GRID, ticks="", automargin=True),
        hoverlabel=dict(align="left"),
    )
)


def _figure(
    traces: list[dict],
    L: Labels,
    title: str,
    x_title: str,
    y_title: str,
    note: str = "",
    date_axis: bool = True,
    xaxis: dict | None = None,
    yaxis: dict | None = None,
    today: dt.date | None = None,
    **layout,
) -> go.Figure:
    """Shared look: title top left, legend under it, units in the axis titles, the source at the bottom.

    ``xaxis``, ``yaxis`` and ``layout`` add to or replace the shared settings. On a date axis, ``today`` (given
    by the caller, from :func:`components.clock.today`) is a dotted vertical line labelled with its date.
    """
    if date_axis:
        # unified hover writes "name : value"; written out here as "name: value" (no space before the colon)
        for tr in traces:
            ht = tr.get("hovertemplate")
            if ht and "<extra>" not in ht:
                tr["hovertemplate"] = "%{fullData.name}: " + ht + "<extra></extra>"
    x = dict(title=dict(text=x_title))
    if date_axis:
        x.update(type="date", tickformat=L.date_tickformat, hoverformat=L.date_hoverformat)
    # plain grouped numbers (50,000 / 50 000), never SI suffixes such as "50k" that read as English in Russian
    y = dict(title=dict(text=y_title), rangemode="tozero", tickformat=",~f")
    base = dict(
        title=dict(text=title, x=0.01, xanchor="left", y=0.985, yanchor="top", yref="container", font=dict(size=17)),
        template=TEMPLATE,
        height=HEIGHT,
        font=dict(family=FONT, size=13, color="#222"),
        separators=L.separators,
        hovermode="x unified" if date_axis else "closest",
        margin=dict(l=70, r=24, t=92, b=118),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, xanchor="left", font=dict(size=12)),
        xaxis={**x, **(xaxis or {})},
        yaxis={**y, **(yaxis or {})},
        annotations=[
            dict(
                text="<br>".join(filter(None, [L("footnote_source"), L("footnote_assumptions"), note])),
                xref="paper",
                yref="paper",
                x=0,
                y=0,
                yshift=-114,
                xanchor="left",
                yanchor="bottom",
                showarrow=False,
                align="left",
                font=dict(size=10, color="#555"),
            )
        ],
    )
    if "margin" in layout:
        layout["margin"] = {**base["margin"], **layout["margin"]}
    if date_axis and today is not None:
        day = pd.Timestamp(today).strftime("%Y-%m-%d")
        layout["shapes"] = [
            dict(
                type="line",
                x0=day,
                x1=day,
                xref="x",
                y0=0,
                y1=1,
                yref="paper",
                layer="above",
                line=dict(color=BLACK, width=1.5, dash="dot"),
            ),
            *layout.get("shapes", []),
        ]
        base["annotations"].append(
            dict(
                text=L("today_line", day=L.day(today)),
                x=day,
                xref="x",
                y=1,
                yref="paper",
                xanchor="left",
                yanchor="top",
                xshift=3,
                showarrow=False,
                bgcolor="rgba(255,255,255,0.85)",
                font=dict(size=11, color=BLACK),
            )
        )
    return go.Figure(dict(data=traces, layout={**base, **layout}))


def export_trajectory(
    traj: pd.DataFrame,
    plan: pd.DataFrame,
    band: pd.DataFrame,
    stated: pd.DataFrame,
    L: Labels,
    actuals: pd.DataFrame | None = None,
    compare: tuple[str, pd.DataFrame] | None = None,
    public: pd.DataFrame | None = None,
    today: dt.date | None = None,
    season_note: str = "",
) -> go.Figure:
    """Monthly exports (t/month) under the scenario, the stated plan, the band and the stated points.

    ``public``: published figures for whole periods (``start``, ``end``, ``mid``, ``tonnes`` as the period's
    monthly average in t/month, ``symbol``, ``hover``), a third kind of marker: a triangle on a thin segment
    spanning the period. ``traj``, ``plan`` and ``compare`` may carry ``rate_t_year`` (the annual rate, shown in
    the hover beside the month's tonnes); ``season_note`` says how the months are spread (the footnote).
    """

    per_month = "%{y:,.0f}\u00a0" + L.unit("t/month")  # the unit in the hover too: "33 857 т/мес."

    def line_hover(frame: pd.DataFrame) -> dict:
        if "rate_t_year" not in frame:
            return dict(hovertemplate=per_month)
        return dict(
            customdata=frame["rate_t_year"], hovertemplate=per_month + " (" + L("rate_hover") + " %{customdata:,.0f})"
        )

    traces = [
        dict(
            type="scatter",
            x=band["month"],
            y=band["p90"],
            line=dict(width=0),
            showlegend=False,
            hoverinfo="skip",
            name="p90",
        ),
        dict(
            type="scatter",
            x=band["month"],
            y=band["p10"],
            line=dict(width=0),
            fill="tonexty",
            fillcolor="rgba(86,180,233,0.25)",
            name=L("band"),
            hoverinfo="skip",
        ),
        dict(
            type="scatter",
            x=plan["month"],
            y=plan["tonnes"],
            name=L("plan_line"),
            line=dict(color=GREY, width=2, dash="dash"),
            **line_hover(plan),
        ),
    ]
    if compare is not None:
        name, other = compare
        traces.append(
            dict(
                type="scatter",
                x=other["month"],
                y=other["tonnes"],
                name=L("compare_line", name=name),
                line=dict(color=PURPLE, width=2.5, dash="dashdot"),
                **line_hover(other),
            )
        )
    traces.append(
        dict(
            type="scatter",
            x=traj["month"],
            y=traj["tonnes"],
            name=L("scenario_line"),
            line=dict(color=BLUE, width=3),
            **line_hover(traj),
        )
    )
    if actuals is not None and not actuals.empty:
        traces.append(
            dict(
                type="scatter",
                x=actuals["month"],
                y=actuals["tonnes"],
                name=L("actuals"),
                mode="markers+lines",
                marker=dict(symbol="square", size=8, color=BLACK),
                line=dict(color=BLACK, width=1),
                hovertemplate=per_month,
            )
        )
    traces.append(
        dict(
            type="scatter",
            x=stated["month"],
            y=stated["tonnes"],
            name=L("stated_points"),
            mode="markers",
            marker=dict(symbol="diamond", size=14, color=VERMILLION, line=dict(color="white", width=1)),
            hovertemplate=per_month,
        )
    )
    note = "<br>".join(filter(None, [L("footnote_projection"), season_note]))
    if public is not None and not public.empty:
        xs, ys = [], []
        for r in public.itertuples():
            xs += [r.start, r.end, None]
            ys += [r.tonnes, r.tonnes, None]
        traces.append(
            dict(
                type="scatter",
                x=xs,
                y=ys,
                mode="lines",
                line=dict(color=GREEN, width=1.5),
                legendgroup="public",
                showlegend=False,
                hoverinfo="skip",
                name=L("public_marker"),
            )
        )
        traces.append(
            dict(
                type="scatter",
                x=public["mid"],
                y=public["tonnes"],
                mode="markers",
                name=L("public_marker"),
                legendgroup="public",
                marker=dict(symbol=public["symbol"], size=13, color=GREEN, line=dict(color="white", width=1)),
                customdata=public["hover"],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
        note = "<br>".join([note, L("public_footnote")])
    return _figure(traces, L, L("chart_export"), L("month"), L("t_month"), note, today=today)


def trains_per_week(
    boxes: pd.DataFrame, plan_boxes: pd.DataFrame, service: float, L: Labels, today: dt.date | None = None
) -> go.Figure:
    """Trains a week the scenario needs, the plan's, and the planned service (dotted: a plan, not a capacity)."""
    traces = [
        dict(
            type="scatter",
            x=plan_boxes["month"],
            y=plan_boxes["trains_per_week"],
            name=L("plan_line"),
            line=dict(color=GREY, dash="dash", width=2),
            hovertemplate="%{y:.1f}",
        ),
        dict(
            type="scatter",
            x=boxes["month"],
            y=boxes["trains_per_week"],
            name=L("scenario_line"),
            line=dict(color=BLUE, width=3),
            hovertemplate="%{y:.1f}",
        ),
        dict(
            type="scatter",
            x=[boxes["month"].iloc[0], boxes["month"].iloc[-1]],
            y=[service, service],
            name=L("limit"),  # «плановый» already says it is a plan: no «(допущение)» beside «(план)» elsewhere
            mode="lines",
            line=dict(color=ORANGE, dash="dot", width=2),
            hovertemplate="%{y:.1f}",
        ),
    ]
    return _figure(traces, L, L("chart_trains"), L("month"), L("trains_week"), L("footnote_projection"), today=today)


def containers(boxes: pd.DataFrame, L: Labels, today: dt.date | None = None) -> go.Figure:
    """FEU and TEU a month under the scenario."""
    traces = [
        dict(
            type="scatter",
            x=boxes["month"],
            y=boxes["teu"],
            name=L("teu"),
            line=dict(color=SKY, width=2, dash="dot"),
            hovertemplate="%{y:,.0f}",
        ),
        dict(
            type="scatter",
            x=boxes["month"],
            y=boxes["feu"],
            name=L("feu"),
            line=dict(color=BLUE, width=3),
            hovertemplate="%{y:,.0f}",
        ),
    ]
    return _figure(traces, L, L("chart_boxes"), L("month"), L("boxes_month"), L("footnote_projection"), today=today)


def warehouse(need: pd.DataFrame, L: Labels, today: dt.date | None = None) -> go.Figure:
    """Area the export flow needs (m²) against the stated total area (a stated line)."""
    traces = [
        dict(
            type="scatter",
            x=need["month"],
            y=need["stated_area_m2"],
            name=L("area_stated"),
            line=dict(color=VERMILLION, width=2),
            mode="lines",
            hovertemplate="%{y:,.0f}",
        ),
        dict(
            type="scatter",
            x=need["month"],
            y=need["area_needed_m2"],
            name=L("area_needed"),
            fill="tozeroy",
            fillcolor="rgba(0,114,178,0.15)",
            line=dict(color=BLUE, width=3),
            hovertemplate="%{y:,.0f}",
        ),
    ]
    return _figure(traces, L, L("chart_warehouse"), L("month"), L("m2"), L("footnote_projection"), today=today)


def two_way(balance_year: pd.DataFrame, year: int, L: Labels) -> go.Figure:
    """Loaded and empty boxes a year in each direction (``direction``, ``loaded``, ``empty`` in FEU)."""
    traces = [
        dict(
            type="bar",
            x=balance_year["direction"],
            y=balance_year["loaded"],
            name=L("loaded"),
            marker=dict(color=BLUE),
            texttemplate="%{y:,.0f}",
            textposition="inside",
        ),
        dict(
            type="bar",
            x=balance_year["direction"],
            y=balance_year["empty"],
            name=L("empty"),
            marker=dict(color="white", line=dict(color=BLUE, width=2), pattern=dict(shape="/", fgcolor=BLUE)),
            texttemplate="%{y:,.0f}",
            textposition="inside",
        ),
    ]
    return _figure(
        traces,
        L,
        L("chart_two_way", year=year),
        "",
        L("boxes_year"),
        L("footnote_bars"),
        date_axis=False,
        barmode="stack",
    )


#: Colour and pattern of each chart group of the stream registry (:mod:`components.model.streams`): revenue solid
#: above zero, costs hatched below it, so the kinds differ by more than colour.
GROUP_STYLE = {
    "rent": (BLUE, ""),
    "handling": (SKY, ""),
    "empties": (GREEN, ""),
    "services": (ORANGE, ""),
    "exit": (PURPLE, ""),
    "payroll": (VERMILLION, "x"),
    "property_tax": (GREY, "/"),
    "opex": (VERMILLION, "/"),
    "waiting": (PURPLE, "\\"),
    "maintenance": (ORANGE, "x"),
    "tax": (GREY, "\\"),
    "investment": (BLACK, "."),
}
#: Groups of the project's streams drawn as stacked bars: (label key ``cf_<group>``, columns, colour, pattern), in
#: the registry's order.
CASH_GROUPS = tuple(
    (f"cf_{g}", tuple(x.id for x in streams.STREAMS if x.view == "project" and x.group == g), *GROUP_STYLE[g])
    for g in dict.fromkeys(x.group for x in streams.STREAMS if x.view == "project")
)


def cash_flow(
    flows: pd.DataFrame, currency: str, L: Labels, payback_x: float | None = None, payback_text: str = ""
) -> go.Figure:
    """Yearly cash flow by stream (stacked bars: revenue up, costs down) and the cumulative position (line).

    ``flows``: the cash-flow table in ``currency`` (``year``, the stream columns, ``cumulative``); ``payback_x``:
    the payback as a fractional calendar year, marked on the zero line with ``payback_text``.
    """
    groups = [(key, flows[list(cols)].sum(axis=1), colour, pat) for key, cols, colour, pat in CASH_GROUPS]
    div, word = L.scale(flows["cumulative"].tolist() + [v for _, y, _, _ in groups for v in y.tolist()])
    traces = [
        dict(
            type="bar",
            x=flows["year"],
            y=y / div,
            name=L(key),
            hovertemplate="%{y:,.2f}",
            marker=dict(color=colour, pattern=dict(shape=pat, fillmode="overlay", fgcolor="white", solidity=0.3)),
        )
        for key, y, colour, pat in groups
        if (y != 0).any()
    ]
    traces.append(
        dict(
            type="scatter",
            x=flows["year"],
            y=flows["cumulative"] / div,
            name=L("cumulative"),
            mode="lines+markers",
            line=dict(color=BLACK, width=2.5),
            marker=dict(symbol="circle-open", size=7),
            hovertemplate="%{y:,.2f}",
        )
    )
    if payback_x is not None:
        traces.append(
            dict(
                type="scatter",
                x=[payback_x],
                y=[0],
                mode="markers+text",
                name=payback_text,
                text=[payback_text],
                textposition="top center",
                marker=dict(symbol="star", size=16, color=VERMILLION, line=dict(color=BLACK, width=1)),
                hoverinfo="name",
            )
        )
    return _figure(
        traces,
        L,
        L("chart_cash"),
        L("year"),
        f"{word} {L.cur(currency)}".strip(),
        L("footnote_cash"),
        date_axis=False,
        xaxis=dict(tickformat="d", dtick=2),
        yaxis=dict(rangemode="normal"),
        barmode="relative",
        hovermode="x unified",
        height=HEIGHT + 120,
        margin=dict(t=170),
        legend=dict(orientation="h", yanchor="bottom", y=1.03, x=0, xanchor="left", font=dict(size=12)),
    )


def npv_distribution(bins: pd.DataFrame, marks: pd.DataFrame, currency: str, L: Labels) -> go.Figure:
    """Histogram of NPV over the Monte Carlo paths with P10, P50, P90 and zero marked.

    ``bins``: ``left``, ``right`` (NPV in ``currency``), ``paths``; ``marks``: ``label``, ``value``, ``dash``.
    """
    div, word = L.scale(bins["left"].tolist() + bins["right"].tolist())
    traces = [
        dict(
            type="bar",
            x=(bins["left"] + bins["right"]) / 2 / div,
            y=bins["paths"],
            width=float((bins["right"] - bins["left"]).iloc[0]) / div,
            name=L("npv_paths"),
            marker=dict(color=SKY, line=dict(color=BLUE, width=0.5)),
            hovertemplate="%{x:,.2f}: %{y:,}",
        )
    ]
    top = float(bins["paths"].max()) * 1.1
    for row in marks.itertuples():
        traces.append(
            dict(
                type="scatter",
                x=[row.value / div] * 2,
                y=[0, top],
                mode="lines",
                name=row.label,
                line=dict(color=BLACK if row.dash == "solid" else VERMILLION, dash=row.dash, width=2),
                hovertemplate=f"{row.label}: %{{x:,.2f}}<extra></extra>",
            )
        )
    return _figure(
        traces,
        L,
        L("chart_npv_dist"),
        L("npv_axis", cur=f"{word} {L.cur(currency)}".strip()),
        L("paths_axis"),
        L("footnote_npv_dist"),
        date_axis=False,
        bargap=0.02,
    )


def tornado(sens: pd.DataFrame, currency: str, L: Labels) -> go.Figure:
    """NPV with each assumption at the low and high end of its range (``label`` column for the names)."""
    s = sens.iloc[::-1]
    div, word = L.scale(s["npv_low"].tolist() + s["npv_high"].tolist())
    base = float(s["npv_base"].iloc[0]) / div
    traces = [
        dict(
            type="bar",
            y=s["label"],
            x=s["npv_low"] / div - base,
            base=base,
            orientation="h",
            name=L("low_end"),
            marker=dict(color=ORANGE),
            customdata=s["low"],
            hovertemplate="%{customdata:,}: %{x:,.2f}",
        ),
        dict(
            type="bar",
            y=s["label"],
            x=s["npv_high"] / div - base,
            base=base,
            orientation="h",
            name=L("high_end"),
            marker=dict(color=BLUE, pattern=dict(shape="x")),
            customdata=s["high"],
            hovertemplate="%{customdata:,}: %{x:,.2f}",
        ),
    ]
    base_line = dict(
        type="line",
        x0=base,
        x1=base,
        xref="x",
        y0=0,
        y1=1,
        yref="y domain",
        line=dict(color=BLACK, width=1.5, dash="dash"),
    )
    return _figure(
        traces,
        L,
        L("chart_tornado"),
        L("npv_axis", cur=f"{word} {L.cur(currency)}".strip()),
        "",
        L("footnote_tornado"),
        date_axis=False,
        yaxis=dict(rangemode="normal"),
        barmode="overlay",
        shapes=[base_line],
        height=max(HEIGHT + 40, 200 + 30 * len(s)),
        margin=dict(l=250),
    )


def waterfall(steps: pd.DataFrame, currency: str, L: Labels, title: str, note: str) -> go.Figure:
    """A waterfall: ``label``, ``kind`` ("total" drawn from zero, "step" from the running total), ``value`` (money
    in ``currency``). Totals are given, not summed by plotly, so a step list that does not add up shows it."""
    div, word = L.scale(steps["value"].abs().tolist())
    measure = ["absolute" if k == "total" else "relative" for k in steps["kind"]]
    wrap = lambda text: "<br>".join(textwrap.wrap(text, 14)) or text  # noqa: E731  (labels flat, on 2–3 lines)
    traces = [
        dict(
            type="waterfall",
            x=[wrap(x) for x in steps["label"]],
            y=steps["value"] / div,
            measure=measure,
            name="",
            showlegend=False,
            texttemplate="%{y:,.2f}",
            textposition="outside",
            connector=dict(line=dict(color=GREY, width=1, dash="dot")),
            increasing=dict(marker=dict(color=GREEN)),
            decreasing=dict(marker=dict(color=VERMILLION)),
            totals=dict(marker=dict(color=BLUE)),
            hovertemplate="%{x}: %{y:,.2f}<extra></extra>",
        )
    ]
    return _figure(
        traces,
        L,
        title,
        "",
        f"{word} {L.cur(currency)}".strip(),
        note,
        date_axis=False,
        xaxis=dict(tickangle=0),
        yaxis=dict(rangemode="normal"),
        hovermode="closest",
        height=HEIGHT + 60,
    )


def dscr(cover: pd.DataFrame, covenant: float, L: Labels) -> go.Figure:
    """Debt service coverage per year (``year``, ``dscr``) as bars, the covenant as a dashed line."""
    below = cover["dscr"] < covenant
    traces = [
        dict(
            type="bar",
            x=cover["year"],
            y=cover["dscr"],
            name=L("dscr_bar"),
            marker=dict(
                color=[VERMILLION if b else BLUE for b in below],
                pattern=dict(shape=["/" if b else "" for b in below], fgcolor="white"),
            ),
            texttemplate="%{y:.2f}",
            textposition="outside",
            hovertemplate="%{x}: %{y:.2f}<extra></extra>",
        ),
        dict(
            type="scatter",
            x=cover["year"],
            y=[covenant] * len(cover),
            mode="lines",
            name=L("dscr_covenant_line", x=L.num(covenant, 2)),
            line=dict(color=BLACK, dash="dash", width=2),
            hoverinfo="skip",
        ),
    ]
    return _figure(
        traces,
        L,
        L("chart_dscr"),
        L("year"),
        L("dscr_axis"),
        L("footnote_dscr"),
        date_axis=False,
        xaxis=dict(tickformat="d", dtick=1),
        yaxis=dict(rangemode="normal", tickformat=".2f"),
    )


def stated_exports(stated: pd.DataFrame, L: Labels) -> go.Figure:
    """The two stated annual volumes as bars (``label``, ``rate_t_year``)."""
    traces = [
        dict(
            type="bar",
            x=stated["label"],
            y=stated["rate_t_year"],
            marker=dict(color=[GREY, VERMILLION]),
            text=[L.tonnes(v) for v in stated["rate_t_year"]],
            textposition="outside",
            hovertemplate="%{y:,.0f}",
            name=L("stated"),
        )
    ]
    return _figure(
        traces,
        L,
        L("chart_stated"),
        "",
        L("t_year"),
        "",
        date_axis=False,
        yaxis=dict(range=[0, float(stated["rate_t_year"].max()) * 1.2]),
    )


#: Utilisation classes of a link on the map and the bar chart: below 85 %, 85–100 %, 100 % and over.
LEVEL_COLOURS = {0: BLUE, 1: ORANGE, 2: VERMILLION, 3: GREY}
