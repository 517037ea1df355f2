"""Time components.export.files on realistic charts, in one process, and print a Markdown table.

Run ``python benchmarks/bench_export.py`` (10 repetitions of the warm operations) or add ``--quick``
(2 repetitions, for a CI smoke run). The first PNG is timed cold: it includes starting Chromium.
The figures look like the dashboard's: 6 line charts of 120 monthly points with a p10-p90 band.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from components.export import files as ex  # noqa: E402

DAY = dt.date(2026, 11, 24)


def make_items(n: int = 6, months: int = 120) -> list[ex.ChartItem]:
    """``n`` ChartItems: scenario line, plan line, p10-p90 band, stated points, a footnote."""
    rng = np.random.default_rng(7)
    month = pd.date_range("2026-01-01", periods=months, freq="MS")
    items = []
    for i in range(n):
        base = np.linspace(1_000, 50_000 * (i + 1), months) * (1 + 0.05 * rng.standard_normal(months))
        df = pd.DataFrame(
            {
                "month": month,
                "tonnes": base.round(1),
                "plan": (base * 1.1).round(1),
                "p10": (base * 0.8).round(1),
                "p90": (base * 1.2).round(1),
                "scenario": "Задержка 6 мес",
            }
        )
        fig = go.Figure(
            [
                go.Scatter(x=month, y=df["p90"], line={"width": 0}, showlegend=False, hoverinfo="skip"),
                go.Scatter(
                    x=month,
                    y=df["p10"],
                    line={"width": 0},
                    fill="tonexty",
                    name="p10–p90",
                    fillcolor="rgba(86,180,233,0.25)",
                ),
                go.Scatter(x=month, y=df["plan"], name="План", line={"dash": "dash", "color": "#6E6E6E"}),
                go.Scatter(x=month, y=df["tonnes"], name="Сценарий", line={"width": 3, "color": "#0072B2"}),
                go.Scatter(
                    x=month[[12, 60]],
                    y=df["tonnes"].iloc[[12, 60]],
                    mode="markers",
                    name="Заявлено",
                    marker={"symbol": "diamond", "size": 14, "color": "#D55E00"},
                ),
            ]
        )
        fig.update_layout(
            title=f"Chart {i + 1}: экспорт, т/мес",
            template="plotly_white",
            height=440,
            margin={"l": 70, "r": 24, "t": 92, "b": 118},
            hovermode="x unified",
            legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        )
        fig.add_annotation(
            text="Источник: сообщение от 10.09.2025; допущения: страница «Источники».",
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            yshift=-112,
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font={"size": 10, "color": "#555"},
        )
        items.append(ex.ChartItem(f"chart-{i + 1}", f"Chart {i + 1}", fig, df))
    return items


def timed(fn, reps: int) -> tuple[float, int]:
    """Median wall time of ``fn()`` in ms over ``reps`` runs, and the size of its last result."""
    times, out = [], b""
    for _ in range(reps):
        t0 = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), len(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 repetitions instead of 10 (CI smoke)")
    args = parser.parse_args(argv)
    reps = 2 if args.quick else 10
    few = 1 if args.quick else 3
    items = make_items()
    fig, df = items[0].figure, items[0].data
    sources = pd.DataFrame({"source": ["Росстат", "Company statement"], "date": ["2025-09-10", "2025-06-01"]})
    scenario = {"name": "Задержка 6 мес", "delay_months": 6, "price_usd_t": 120.0, "start": DAY}
    captioned = [
        ex.ChartItem(it.chart_id, it.title, ex.annotate_for_export(it.figure, "Задержка 6 мес · 120 $/т"), it.data)
        for it in items
    ]
    rows: list[tuple[str, str, int, str]] = []

    def add(name: str, fn, n: int) -> None:
        ms, size = timed(fn, n)
        rows.append((name, f"{ms:,.1f}", n, f"{size / 1024:,.0f} KiB"))

    ok, why = ex.image_export_available()
    if ok:
        add("first PNG, cold (starts Chromium + kaleido server)", lambda: ex.to_png_bytes(fig), 1)
        add("PNG 3200x1800, warm (median)", lambda: ex.to_png_bytes(fig), reps)
        add("SVG 1600x900, warm (median)", lambda: ex.to_svg_bytes(fig), reps)
    else:
        rows += [(f"PNG/SVG skipped: {why}", "-", 0, "-")]
    add("annotate_for_export (median)", lambda: ex.annotate_for_export(fig, "caption").to_json().encode(), reps)
    add("HTML, one chart, plotly.js embedded (median)", lambda: ex.to_html_bytes(fig, "Chart 1"), reps)
    add("CSV, 120 rows (median)", lambda: ex.to_csv_bytes(df), reps)
    add("XLSX, 120 rows + scenario + sources (median)", lambda: ex.to_xlsx_bytes(df, scenario, sources), reps)
    add(
        f"report_zip, 6 charts, images={ok} (median)",
        lambda: ex.report_zip(captioned, scenario, sources, "# Report", "delayed-6m", DAY, images=ok),
        few,
    )
    add(
        "report_zip, 6 charts, no images (median)",
        lambda: ex.report_zip(items, scenario, sources, "# Report", "delayed-6m", DAY, images=False),
        reps,
    )
    add(
        "report_html, 6 charts (median)",
        lambda: ex.report_html(items, "Отчёт", ["Intro **bold**", "- one"], sources, lang="ru"),
        reps,
    )

    print(f"\nExport benchmark ({'quick' if args.quick else 'full'}; Python {sys.version.split()[0]})\n")
    print("| operation | time (ms) | runs | output |")
    print("|---|---:|---:|---:|")
    for name, ms, n, size in rows:
        print(f"| {name} | {ms} | {n} | {size} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
