"""Charts of the corridor network: tidy DataFrames in, plotly figures out (the look of :mod:`charts`)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.present.charts import (
    BLACK,
    BLUE,
    GREEN,
    GREY,
    HEIGHT,
    LEVEL_COLOURS,
    ORANGE,
    PURPLE,
    SKY,
    VERMILLION,
    _figure,
    legend_height,
)
from components.present.i18n import Labels

#: Plotly's "Cividis" colour scale written out as the property check would write it (charts.VALIDATE is off): a
#: colour-blind-safe scale, dark blue to yellow.
CIVIDIS = [list(stop) for stop in go.Heatmap(colorscale="Cividis").colorscale]

#: Heatmap scale: cividis (monotone lightness, colour-blind safe), 0 to 150 %; 100 % is marked on the colour bar
#: and every cell at or over 100 % is crossed.
HEAT_MAX_PCT = 150.0
#: Colour of each crossing's line on the waiting chart and of its shading.
CROSSING_COLOURS = {"dostyk": BLUE, "altynkol": ORANGE, "bakhty": GREEN}
SHADE = {"dostyk": "rgba(0,114,178,0.10)", "altynkol": "rgba(230,159,0,0.14)", "bakhty": "rgba(0,158,115,0.10)"}
#: Minimum width of the heatmap's plot in px: narrower screens scroll inside the chart's own box (page CSS).
HEAT_MIN_WIDTH = 900


def heatmap(cells: pd.DataFrame, L: Labels, note: str = "", today: dt.date | None = None) -> go.Figure:
    """Crossings × months heatmap of total utilisation (%), cells at or over 100 % crossed.

    ``cells``: one row per crossing and month: ``month``, ``name`` (row label), ``pct`` (total utilisation, %;
    None where the crossing is not open), ``hover`` (other shippers and this flow separately, the source).
    """
    names = list(dict.fromkeys(cells["name"]))
    if cells[["name", "month"]].duplicated().any():
        raise ValueError("one cell per crossing and month")
    # the two pivots (rows in order of appearance, months sorted, a missing cell empty) put straight into arrays
    months = pd.Index(cells["month"]).unique().sort_values()
    at = (pd.Index(names).get_indexer(cells["name"]), months.get_indexer(cells["month"]))
    wide = np.full((len(names), len(months)), np.nan)
    wide[at] = cells["pct"].to_numpy(dtype=float, na_value=np.nan)
    hover = np.full((len(names), len(months)), np.nan, dtype=object)
    hover[at] = cells["hover"].to_numpy(dtype=object)
    over = cells[cells["pct"].fillna(0) >= 100.0]
    ticks = [0, 25, 50, 75, 100, 125, 150]
    z = [[None if np.isnan(v) else v for v in row] for row in wide.tolist()]
    traces = [
        dict(
            type="heatmap",
            z=z,
            x=list(months),
            y=names,
            customdata=hover,
            colorscale=CIVIDIS,
            zmin=0,
            zmax=HEAT_MAX_PCT,
            xgap=1,
            ygap=3,
            hoverongaps=False,
            name=L("net_heat_colorbar"),
            hovertemplate="%{customdata}<extra></extra>",
            colorbar=dict(
                title=dict(text=L("net_heat_colorbar"), side="top"),
                tickvals=ticks,
                ticktext=[L.pct(v / 100) if v != 100 else L("net_full_tick") for v in ticks[:-1]]
                + ["≥\u00a0" + L.pct(ticks[-1] / 100)],
                thickness=14,
                len=1.0,
            ),
        ),
        dict(
            type="scatter",
            x=over["month"],
            y=over["name"],
            mode="markers",
            name=L("net_over_mark"),
            marker=dict(symbol="x-thin", size=8, line=dict(color=BLACK, width=2), color=BLACK),
            hoverinfo="skip",
            showlegend=True,
        ),
    ]
    fig = _figure(
        traces,
        L,
        L("chart_net_heat"),
        L("month_axis"),
        "",
        note,
        date_axis=True,
        yaxis=dict(type="category", autorange="reversed", rangemode="normal", tickformat="", showgrid=False),
        xaxis=dict(showgrid=False, dtick="M12", tickformat="%Y", tick0="2026-01-01"),
        hovermode="closest",
        plot_height=max(HEIGHT - 200, 70 * len(names)),
        margin=dict(l=96, r=24),  # room for the crossing names: automargin would push the plot, not the footnote
        today=today,
    )
    return fig


def waiting(
    lines: pd.DataFrame, shades: pd.DataFrame, L: Labels, note: str = "", today: dt.date | None = None
) -> go.Figure:
    """Waiting days by crossing and month, the months of an episode shaded, the slot wait at Selyatino dashed.

    ``lines``: ``series`` (crossing id or ``selyatino``), ``name``, ``month``, ``days``, ``hover``.
    ``shades``: ``series``, ``start``, ``end`` (an episode's window at that crossing), ``hover`` (its name, depth
    and source).
    """
    traces = []
    for sid, g in lines.groupby("series", sort=False):
        sel = sid == "selyatino"
        traces.append(
            dict(
                type="scatter",
                x=g["month"],
                y=g["days"],
                name=g["name"].iloc[0],
                mode="lines",
                line=dict(
                    color=GREY if sel else CROSSING_COLOURS.get(sid, PURPLE),
                    width=2 if sel else 2.5,
                    dash="dash" if sel else "solid",
                    shape="hv",
                ),
                customdata=g["hover"],
                hovertemplate="%{customdata}",
            )
        )
    shapes = [
        dict(
            type="rect",
            xref="x",
            yref="paper",
            x0=start,
            x1=end,
            y0=0,
            y1=1,
            layer="below",
            line=dict(width=0),
            fillcolor=SHADE.get(series, "rgba(0,0,0,0.06)"),
        )
        for series, start, end in zip(shades["series"], shades["start"], shades["end"])
    ]
    if len(shades):  # each episode marked at the foot of its window, its name, depth and source in the hover
        mid = shades["start"] + (shades["end"] - shades["start"]) / 2
        traces.append(
            dict(
                type="scatter",
                x=mid,
                y=[0] * len(shades),
                mode="markers",
                name=L("wait_episode"),
                marker=dict(symbol="triangle-up", size=11, color="rgba(0,0,0,0.35)", line=dict(color=BLACK, width=1)),
                customdata=shades["hover"] if "hover" in shades else None,
                hovertemplate="%{customdata}<extra></extra>",
                cliponaxis=False,
            )
        )
    fig = _figure(
        traces,
        L,
        L("chart_net_wait"),
        L("month_axis"),
        L("wait_axis"),
        note,
        date_axis=True,
        xaxis=dict(dtick="M12", tickformat="%Y", tick0="2026-01-01"),
        shapes=shapes,
        plot_height=HEIGHT - 120,
        today=today,
    )
    return fig


def sensitivity(rows: pd.DataFrame, base: float, L: Labels, note: str = "", log: bool = False) -> go.Figure:
    """Longest wait with each input at the low and the high end of its range: a dot pair per input, largest first.

    ``rows``: ``label`` (input, may hold ``<br>``), ``wait_low``, ``wait_high`` [days], ``hover_low``, ``hover_high``.
    """
    y = list(rows["label"])
    seg_x, seg_y = [], []
    for lbl, lo, hi in zip(rows["label"], rows["wait_low"], rows["wait_high"]):
        seg_x += [lo, hi, None]
        seg_y += [lbl, lbl, None]
    traces = [
        dict(
            type="scatter",
            x=seg_x,
            y=seg_y,
            mode="lines",
            line=dict(color="#9A9A9A", width=3),
            hoverinfo="skip",
            showlegend=False,
        ),
        dict(
            type="scatter",
            x=rows["wait_low"],
            y=y,
            mode="markers",
            name=L("net_sens_low"),
            marker=dict(symbol="circle", size=11, color=SKY, line=dict(color=BLACK, width=1)),
            customdata=rows["hover_low"],
            hovertemplate="%{customdata}<extra></extra>",
        ),
        dict(
            type="scatter",
            x=rows["wait_high"],
            y=y,
            mode="markers",
            name=L("net_sens_high"),
            marker=dict(symbol="diamond", size=11, color=VERMILLION, line=dict(color=BLACK, width=1)),
            customdata=rows["hover_high"],
            hovertemplate="%{customdata}<extra></extra>",
        ),
    ]
    base_text = L("net_sens_base", days=L.count(base, "days", 1))
    traces.append(
        dict(
            type="scatter",
            x=[base, base],
            y=[y[0], y[-1]] if y else [None, None],
            mode="lines",
            name=base_text,
            line=dict(color=BLACK, width=1.5, dash="dot"),
            hoverinfo="skip",
        )
    )
    fig = _figure(
        traces,
        L,
        L("chart_net_sens"),
        L("net_sens_axis_log") if log else L("net_sens_axis"),
        "",
        note,
        date_axis=False,
        xaxis=dict(type="log", tickformat=",~f", dtick=1) if log else dict(rangemode="tozero", tickformat=",~f"),
        yaxis=dict(
            type="category",
            autorange="reversed",
            rangemode="normal",
            tickformat="",
            showgrid=False,
            showticklabels=False,
        ),
        plot_height=max(HEIGHT - 240, 72 * len(y)),
        margin=dict(l=16, r=16),
        row_names=(y, 72, 40),  # each input's name above its row: the plot keeps the whole width on a phone
    )
    return fig


def network_map(
    geo: dict, paths: pd.DataFrame, points: pd.DataFrame, labels: pd.DataFrame, L: Labels, note: str = ""
) -> go.Figure:
    """The two paths Selyatino → Xi'an on country borders drawn as lon/lat lines (no map service, offline).

    ``paths``: ``segment``, ``name``, ``lon``, ``lat``, ``colour``, ``width``, ``dash``, ``hover`` (one polyline per
    segment). ``points``: ``name``, ``lon``, ``lat``, ``kind`` (hub, border, junction, city), ``kind_label``,
    ``hover``, ``textpos``, ``show_text``. ``labels``: ``lon``, ``lat``, ``text``, ``ax``, ``ay``, ``level``
    (0 below 85 %, 1 85–100 %, 2 100 % and over).
    """
    shade = set(geo.get("corridor", ()))
    land = {True: ([], []), False: ([], [])}
    for f in geo["features"]:
        xs, ys = land[f.get("id") in shade]
        for poly in f["geometry"]["coordinates"]:
            for lon, lat in poly[0]:
                xs.append(lon)
                ys.append(lat)
            xs.append(None)
            ys.append(None)
    # the ~3,400 outline points as object arrays: plotly keeps them as they are (a list it reads element by element,
    # ~3 ms a build); the figure JSON is the same list of numbers and nulls
    traces = [
        dict(
            type="scatter",
            x=np.array(xs, dtype=object),
            y=np.array(ys, dtype=object),
            mode="lines",
            fill="toself",
            hoverinfo="skip",
            showlegend=False,
            fillcolor="#ECE9E1" if ours else "#F7F7F5",
            line=dict(color="#A3A3A3", width=0.8),
        )
        for ours, (xs, ys) in land.items()
    ]
    named = set()
    for _, seg in paths.groupby("segment", sort=False):
        name = seg["name"].iloc[0]
        traces.append(
            dict(
                type="scatter",
                x=seg["lon"],
                y=seg["lat"],
                mode="lines",
                name=name,
                showlegend=name not in named,
                hovertext=seg["hover"],
                hoverinfo="text",
                line=dict(color=seg["colour"].iloc[0], width=float(seg["width"].iloc[0]), dash=seg["dash"].iloc[0]),
            )
        )
        named.add(name)
    styles = {
        "hub": ("square", VERMILLION, 14),
        "border": ("diamond", ORANGE, 14),
        "junction": ("circle", "white", 8),
        "city": ("circle", BLUE, 11),
    }
    for kind, (symbol, colour, size) in styles.items():
        sub = points[points["kind"] == kind]
        if len(sub):
            traces.append(
                dict(
                    type="scatter",
                    x=sub["lon"],
                    y=sub["lat"],
                    name=sub["kind_label"].iloc[0],
                    mode="markers+text",
                    text=sub["text"],
                    textposition=sub["textpos"],
                    textfont=dict(size=11),
                    cliponaxis=False,
                    marker=dict(symbol=symbol, color=colour, size=size, line=dict(color=BLACK, width=1)),
                    hovertext=sub["hover"],
                    hoverinfo="text",
                )
            )
    notes = [
        dict(x=c["lon"], y=c["lat"], text=c["text"], showarrow=False, font=dict(size=13, color="#6E6E6E"), opacity=0.9)
        for c in geo.get("country_labels", ())
    ]
    for r in labels.itertuples():
        colour = LEVEL_COLOURS.get(int(r.level), GREY)
        notes.append(
            dict(
                x=r.lon,
                y=r.lat,
                ax=r.ax,
                ay=r.ay,
                text=r.text,
                showarrow=True,
                xanchor="left" if r.ax > 0 else "right" if r.ax < 0 else "center",
                arrowhead=0,
                arrowwidth=1.2,
                arrowcolor="#444",
                align="left",
                font=dict(size=12),
                bgcolor="rgba(255,255,255,0.93)",
                bordercolor=colour,
                borderpad=4,
                borderwidth=3 if int(r.level) == 2 else 1.5,
            )
        )
    return _figure(
        traces,
        L,
        L("chart_net_map"),
        L("lon_axis"),
        L("lat_axis"),
        note,
        date_axis=False,
        xaxis=dict(range=[34, 111], showgrid=False, ticksuffix="°", zeroline=False, dtick=10),
        yaxis=dict(
            range=[32, 58],
            showgrid=False,
            ticksuffix="°",
            zeroline=False,
            rangemode="normal",
            scaleanchor="x",
            scaleratio=1.4,
            dtick=5,
            tickformat="",
        ),
        plot_bgcolor="#DDEAF2",
        plot_height=480,
        wrap_legend=False,  # the map keeps 900 px and scrolls in its own box on a phone: its legend is that wide
        legend_room=legend_height(traces, width=HEAT_MIN_WIDTH - 120),
        margin=dict(l=60, r=16),
        annotations=notes,
    )


__all__ = ["heatmap", "waiting", "sensitivity", "network_map", "HEAT_MIN_WIDTH"]
