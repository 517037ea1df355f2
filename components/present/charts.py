"""One function per chart: tidy DataFrames in, :class:`plotly.graph_objects.Figure` out.

Every figure carries its title, units in the axis titles and the source line inside the figure, so a
downloaded image still says where its numbers came from. Stated figures are markers, assumptions
are dotted lines, projections are solid lines; the palette is Okabe–Ito (colour-blind safe) and the
kinds also differ by marker and dash, not by colour alone.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import numpy as np
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
#: Whether plotly checks every property of a chart as it is built. Off: the checks (about 40 % of a chart's build,
#: 2–6 ms a chart on every new scenario) change nothing in what these charts send; ``tests/test_chart_builders.py``
#: builds every chart in both languages with the checks on and off and requires the same figure JSON, so a property
#: the checks would refuse or rewrite fails there. Exports copy a figure through ``go.Figure(fig)``, which checks.
VALIDATE = False
#: A slim template (plotly_white's look for what these charts use): a full built-in template is deep-copied
#: into every figure and costs ~8 ms a chart, on every slider move.
#: Each chart is written as one figure dict (traces and layout) and made once by ``go.Figure``: adding traces and
#: updating the layout step by step checked every step and cost ~13 ms a chart; one dict, ~2 ms.
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


#: Layout for every width (the figure cannot know the screen): the title and the footnote are wrapped to what a
#: 390 px phone shows (its main area is 358 px), the legend sits under the x axis with room for the rows it takes
#: on a phone, the footnote at the very bottom, today's label above the plot (never over data).
TITLE_CHARS = 38  # 17 px title font: about 9 px a character
NOTE_CHARS = 50  # 10 px footnote font: about 6.1 px a Cyrillic character, from 8–40 px in
#: px a legend row may take on a phone: plotly wraps a horizontal legend at the plot area's width, which the y axis's
#: tick labels narrow (measured at 390 px, main area 358 px: 206–296 px; 206 on Capacity's two-way chart, whose
#: six-digit ticks widen the left margin). The narrowest less a margin for the estimate's 7 px a character (a Cyrillic
#: one takes ~8: «Гружёные» 108 px, estimated 100): a legend is never given fewer rows than it takes
PHONE_LEGEND = 190
LEGEND_ROW = 27  # px a legend row takes at the 12 px legend font (a 14 px marker in it)
LEGEND_CHARS = 34  # a legend name longer than this goes on two lines (a phone's plot is ~290 px wide)
NTICKS = 6  # ticks an axis shows at most: enough at 1440 px, not crowded at 390 px


def wrap(text: str, width: int) -> str:
    """``text`` on lines of at most ``width`` characters (its own ``<br>`` kept; no word broken)."""
    return "<br>".join(
        "<br>".join(textwrap.wrap(part, width, break_long_words=False, break_on_hyphens=False)) or part
        for part in (text or "").split("<br>")
    )


def legend_height(traces: list[dict], width: int = PHONE_LEGEND, entry: float = 44.0, char: float = 7.0) -> int:
    """Height [px] a horizontal legend of ``traces`` takes ``width`` px wide (an entry: the symbol, then its name).

    Plotly shows no legend for a single trace unless asked; names of one legend group are entered once; a legend
    that does not fit in one row is laid out in columns as wide as its widest entry."""
    names, groups = [], set()
    for tr in traces:
        name = str(tr.get("name") or "")
        if tr.get("showlegend") is False or not name:
            continue
        group = tr.get("legendgroup")
        if group and group in groups:
            continue
        groups.add(group)
        names.append(name)
    if len(names) < 2 and not any(tr.get("showlegend") for tr in traces):
        return 0
    widths = [entry + char * max(len(line) for line in name.split("<br>")) for name in names]
    lines = [name.count("<br>") + 1 for name in names]
    per_row = len(names) if sum(widths) <= width else max(1, int(width // max(widths)))
    rows = [lines[i : i + per_row] for i in range(0, len(names), per_row)]
    return sum(LEGEND_ROW + 17 * (max(r) - 1) for r in rows) + 6


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
    plot_height: int = HEIGHT - 180,
    axis_room: int | None = None,
    legend_room: int | None = None,
    wrap_legend: bool = True,
    annotations: list[dict] = (),
    row_names: tuple[list[str], float, int] | None = None,
    **layout,
) -> go.Figure:
    """Shared look: title top left, the plot, the legend under the x axis, the source at the bottom.

    The figure is laid out for every width: title and footnote wrapped for a phone, the legend with room for the
    rows it takes on a phone, and the figure as tall as ``plot_height`` [px] of plot plus what is around it.
    ``axis_room``: px under the plot for tick labels and the axis title; ``legend_room``: px kept for the legend
    (estimated from the names when not given; 0 for none); ``wrap_legend``: long legend names on two lines (not
    for a chart that keeps its width and scrolls in its own box on a phone). ``xaxis``, ``yaxis`` and ``layout`` add to or replace
    the shared settings. On a date axis, ``today`` (given by the caller, from :func:`components.clock.today`) is a
    dotted vertical line labelled with its date above the plot. ``annotations`` are added after the shared ones;
    ``row_names`` (names, pitch [px], wrap width) names each category of a horizontal bar chart above its bar
    (:func:`_row_names`). Both go into the one figure dict: added to a made figure, plotly re-validates every
    annotation already there on each call (~8 ms a chart).
    """
    if date_axis:
        # unified hover writes "name : value"; written out here as "name: value" (no space before the colon)
        for tr in traces:
            ht = tr.get("hovertemplate")
            if ht and "<extra>" not in ht:
                tr["hovertemplate"] = "%{fullData.name}: " + ht + "<extra></extra>"
    x = dict(title=dict(text=x_title), nticks=NTICKS, tickangle=0)
    if date_axis:  # years on the axis (months crowd a phone's axis), the month in the hover
        x.update(type="date", tickformat="%Y", dtick="M12", hoverformat=L.date_hoverformat)
    # plain grouped numbers (50,000 / 50 000), never SI suffixes such as "50k" that read as English in Russian
    y = dict(title=dict(text=y_title), rangemode="tozero", tickformat=",~f", nticks=NTICKS)
    title = wrap(title, TITLE_CHARS)
    title_lines = title.count("<br>") + 1
    footnote = wrap("<br>".join(filter(None, [L("footnote_source"), L("footnote_assumptions"), note])), NOTE_CHARS)
    note_lines = footnote.count("<br>") + 1
    axis = (58 if x_title else 36) if axis_room is None else axis_room
    for tr in traces if wrap_legend else ():  # long legend names on two lines: a phone's legend is as wide as its plot
        if tr.get("name") and tr.get("showlegend") is not False and "<br>" not in str(tr["name"]):
            tr["name"] = wrap(str(tr["name"]), LEGEND_CHARS)
    legend = legend_height(traces) if legend_room is None else legend_room
    top = 20 + 22 * title_lines + (22 if date_axis and today is not None else 0)
    bottom = axis + legend + 13 * note_lines + 10
    margin = {**dict(l=60, r=20, t=top, b=bottom), **layout.pop("margin", {})}
    height = margin["t"] + margin["b"] + plot_height
    base = dict(
        # plotly anchors a title of several lines by its first line: moved down by the lines below that
        title=dict(
            text=title,
            x=0.01,
            xanchor="left",
            y=1 - (12 + 22 * (title_lines - 1)) / height,
            yanchor="top",
            yref="container",
        ),
        template=TEMPLATE,
        height=height,
        font=dict(family=FONT, size=13, color="#222"),
        separators=L.separators,
        hovermode="x unified" if date_axis else "closest",
        margin=margin,
        legend=dict(
            orientation="h",
            x=0,
            xanchor="left",
            y=-axis / plot_height,
            yanchor="top",
            font=dict(size=12),
            **layout.pop("legend", {}),
        ),
        xaxis={**x, **(xaxis or {})},
        yaxis={**y, **(yaxis or {})},
        annotations=[
            dict(
                text=footnote,
                name="footnote",
                xref="paper",
                yref="paper",
                x=0,
                y=0,
                xshift=8 - margin["l"],  # from the figure's left edge: the whole width for its lines
                yshift=-(bottom - 6),
                xanchor="left",
                yanchor="bottom",
                showarrow=False,
                align="left",
                font=dict(size=10, color="#555"),
            )
        ],
    )
    base["title"]["font"] = dict(size=17)
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
        base["annotations"].append(  # above the plot: it covers no line or cell
            dict(
                text=L("today_line", day=L.day(today)),
                x=day,
                xref="x",
                y=1,
                yref="paper",
                xanchor="center",
                yanchor="bottom",
                showarrow=False,
                font=dict(size=11, color=BLACK),
            )
        )
    base["annotations"].extend(annotations)
    if row_names is not None:
        _row_names(base, *row_names)
    for tr in traces:
        _plain_arrays(tr)
    fig = go.Figure(dict(data=traces, layout={**base, **layout}), _validate=VALIDATE)
    if row_names is not None:
        fig.layout.yaxis.showticklabels = False  # set last, where update_yaxes put it (the same figure JSON)
    return fig


def _plain_arrays(trace: dict) -> None:
    """A trace's numeric and plain date columns (pandas Series, in its nested dicts too) as the numpy arrays plotly
    would make of them (plotly converts each Series through narwhals, ~0.1 ms a column); text, nullable, Arrow and
    time-zone aware columns are left to plotly."""
    for key, value in trace.items():
        if isinstance(value, pd.Series) and isinstance(value.dtype, np.dtype) and value.dtype.kind in "biufmM":
            trace[key] = value.to_numpy()
        elif isinstance(value, dict):
            _plain_arrays(value)


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
    same = len(traj) == len(plan) and bool(((traj["tonnes"].to_numpy() - plan["tonnes"].to_numpy()) ** 2 < 1e-6).all())
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
    if same:  # the scenario is the plan: the dashed plan line drawn over it (it stays in the legend, so in sight)
        for rank, tr in enumerate(traces):
            tr["legendrank"] = rank
        traces.append(traces.pop(2))
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
            hovertemplate="%{y:,.0f}",
        ),
    ]
    notes = [  # the hatching would run through a number: each on a white box
        dict(
            x=r.direction,
            y=r.loaded + r.empty / 2,
            text=L.num(float(r.empty)),
            showarrow=False,
            bgcolor="white",
            borderpad=2,
            font=dict(size=13, color=BLACK),
        )
        for r in balance_year.itertuples()
        if r.empty > 0
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
        annotations=notes,
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
#: Every column :data:`CASH_GROUPS` draws, in their order.
CASH_COLUMNS = tuple(c for _, cols, _, _ in CASH_GROUPS for c in cols)


def cash_flow(
    flows: pd.DataFrame, currency: str, L: Labels, payback_x: float | None = None, payback_text: str = ""
) -> go.Figure:
    """Yearly cash flow by stream (stacked bars: revenue up, costs down) and the cumulative position (line).

    ``flows``: the cash-flow table in ``currency`` (``year``, the stream columns, ``cumulative``); ``payback_x``:
    the payback as a fractional calendar year, marked on the zero line with ``payback_text``.
    """
    # on arrays (pandas per column and group cost ~10 ms); each group summed as DataFrame.sum(axis=1) does: NaN as
    # 0, from 0.0, column by column in order (the same floats, a zero's sign included)
    block = flows[list(CASH_COLUMNS)].to_numpy(dtype=float)
    block = np.where(np.isnan(block), 0.0, block)
    at = {c: i for i, c in enumerate(CASH_COLUMNS)}
    groups = []
    for key, cols, colour, pat in CASH_GROUPS:
        y = np.zeros(len(flows))
        for c in cols:
            y = y + block[:, at[c]]
        groups.append((key, y, colour, pat))
    year = flows["year"].to_numpy()
    cumulative = flows["cumulative"].to_numpy()
    div, word = L.scale(cumulative.tolist() + [v for _, y, _, _ in groups for v in y.tolist()])
    traces = [
        dict(
            type="bar",
            x=year,
            y=y / div,
            name=L(key),
            hovertemplate="%{y:,.2f}",
            marker=dict(color=colour, pattern=dict(shape=pat, fillmode="overlay", fgcolor="white", solidity=0.3)),
        )
        for key, y, colour, pat in groups
        if (y != 0).any()
    ]
    cum = cumulative / div
    traces.append(
        dict(
            type="scatter",
            x=year,
            y=cum,
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
                mode="markers",  # named in the legend: a label beside the star sat on the line
                name=payback_text,
                marker=dict(symbol="star", size=16, color=VERMILLION, line=dict(color=BLACK, width=1)),
                hoverinfo="name",
            )
        )
    # The exit value comes in one year and may dwarf every yearly bar: the axis then spans the yearly flows and
    # the line, the exit bar runs off the top with its value written at the edge. Series.clip as arrays: a value
    # past the bound (not NaN) becomes the bound; sums start at 0.0 and add in the groups' order, as before.
    zero = np.zeros(len(flows))
    exit_y = sum((y for key, y, _, _ in groups if key == "cf_exit"), zero) / div
    up = sum((np.where((y >= 0) | np.isnan(y), y, 0.0) for key, y, _, _ in groups if key != "cf_exit"), zero) / div
    down = sum((np.where((y <= 0) | np.isnan(y), y, 0.0) for _, y, _, _ in groups), zero) / div
    hi = max(float(np.nanmax(up)), float(np.nanmax(cum)), 0.0)
    lo = min(float(np.nanmin(down)), float(np.nanmin(cum)), 0.0)
    y_range, notes = None, []
    span = max(hi - lo, 1e-9)
    if float(np.nanmax(up + exit_y)) > hi + 1.5 * span:
        y_range = [lo - 0.08 * span, hi + 0.35 * span]
        i = int(exit_y.argmax())
        notes.append(
            dict(
                x=flows["year"].iloc[i],
                y=y_range[1],
                yanchor="top",
                xanchor="right",
                text=f"{L('cf_exit')}: {L.num(float(exit_y[i]), 1)}\u00a0↑",
                showarrow=False,
                bgcolor="rgba(255,255,255,0.9)",
                font=dict(size=11, color=BLACK),
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
        xaxis=dict(tickformat="d"),
        yaxis=dict(rangemode="normal", **({"range": y_range} if y_range else {})),
        barmode="relative",
        hovermode="x unified",
        plot_height=HEIGHT - 120,
        annotations=notes,
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


def _row_names(layout: dict, labels: list[str], pitch: float, width: int = 40) -> None:
    """Each category of a horizontal bar chart named above its bar, from the left edge of the plot: the bars keep
    the whole width on a phone (names left of the axis would take most of it). ``layout``: the figure's layout dict
    (:func:`_figure`'s, changed in place; :func:`_figure` hides the axis' tick labels); ``pitch``: px between rows."""
    extra = round(pitch * 0.5)  # the first name stands above the plot: room for it under the title
    layout["margin"]["t"] += extra
    layout["height"] += extra
    layout["title"]["y"] = 1 - (12 + 22 * layout["title"]["text"].count("<br>")) / layout["height"]
    layout["annotations"] += [
        dict(
            x=0,
            xref="paper",
            y=lbl,
            yref="y",
            yshift=pitch * 0.2 + 1,
            xanchor="left",
            yanchor="bottom",
            align="left",
            text=wrap(lbl, width),
            showarrow=False,
            font=dict(size=12, color="#333"),
        )
        for lbl in labels
    ]


#: px between the rows of a bar chart named above its bars (a bar, and a name of up to two lines above it)
ROW_PITCH = 56


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
        bargap=0.6,
        shapes=[base_line],
        plot_height=ROW_PITCH * len(s),
        margin=dict(l=16, r=16),
        row_names=(list(s["label"]), ROW_PITCH, 40),
    )


def waterfall(steps: pd.DataFrame, currency: str, L: Labels, title: str, note: str) -> go.Figure:
    """A waterfall: ``label``, ``kind`` ("total" drawn from zero, "step" from the running total), ``value`` (money
    in ``currency``). Totals are given, not summed by plotly, so a step list that does not add up shows it.

    Drawn across (first step at the top), each step named above its bar: the names stay readable on a phone."""
    div, word = L.scale(steps["value"].abs().tolist())
    measure = ["absolute" if k == "total" else "relative" for k in steps["kind"]]
    labels = list(steps["label"])
    traces = [
        dict(
            type="waterfall",
            orientation="h",
            y=labels,
            x=steps["value"] / div,
            measure=measure,
            name="",
            showlegend=False,
            text=[L.num(v, 2) for v in steps["value"] / div],  # the language's minus «−», not "-"
            texttemplate="%{text}",
            textposition="outside",
            cliponaxis=False,
            connector=dict(line=dict(color=GREY, width=1, dash="dot")),
            increasing=dict(marker=dict(color=GREEN)),
            decreasing=dict(marker=dict(color=VERMILLION)),
            totals=dict(marker=dict(color=BLUE)),
            hovertemplate="%{y}: %{x:,.2f}<extra></extra>",
        )
    ]
    return _figure(
        traces,
        L,
        title,
        f"{word} {L.cur(currency)}".strip(),
        "",
        note,
        date_axis=False,
        xaxis=dict(rangemode="normal", tickformat=",~f"),
        yaxis=dict(type="category", autorange="reversed", rangemode="normal", tickformat="", showgrid=False),
        hovermode="closest",
        waterfallgap=0.6,
        plot_height=ROW_PITCH * len(labels),
        margin=dict(l=16, r=48),
        row_names=(labels, ROW_PITCH, 40),
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
            text=[L.num(v, 2) for v in cover["dscr"]],  # the language's minus «−», not "-"
            texttemplate="%{text}",
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
        xaxis=dict(tickformat="d"),
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
