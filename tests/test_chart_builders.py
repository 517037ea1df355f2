"""The faster chart builders draw what the plain pandas and plotly steps drew.

Each shortcut is checked against the steps it replaced, written out here: the cash flow's group sums against
``DataFrame.sum(axis=1)`` (NaN, ``-0.0`` and large values included), the heatmap's arrays against the two pivots,
names and notes put into the figure dict against ``update_layout``/``add_annotation`` on the made figure, numpy
arrays handed to plotly against the Series, and the kept sources and public figures against a fresh read (and a new
table read anew)."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components import clock
from components.data.network_tables import network_tables
from components.data.scenario import Scenario
from components.model import run
from components.present import charts, network_charts, views
from components.present.i18n import LANGS, Labels

# values a cash-flow cell may take: ordinary amounts over 12 orders of magnitude, both zeros, and a missing one
CELL = st.one_of(
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, np.nan, 1e-9, -1e-9]),
)


def _flows(cells: list[float], years: int) -> pd.DataFrame:
    cols = charts.CASH_COLUMNS
    block = np.resize(np.array(cells, dtype=float), (years, len(cols)))
    flows = pd.DataFrame(block, columns=list(cols))
    flows.insert(0, "year", np.arange(2026, 2026 + years))
    flows["cumulative"] = np.nan_to_num(block).sum(axis=1).cumsum()
    return flows


@settings(max_examples=60, deadline=None)
@given(cells=st.lists(CELL, min_size=1, max_size=200), years=st.integers(1, 12), lang=st.sampled_from(LANGS))
def test_cash_flow_bars_are_the_pandas_group_sums(cells, years, lang):
    """Each bar is its group's columns summed by ``DataFrame.sum(axis=1)`` (NaN skipped) over the axis' divisor,
    bit for bit (a zero's sign too); a group that is zero everywhere draws no bar."""
    L = Labels(lang)
    flows = _flows(cells, years)
    sums = [(key, flows[list(cols)].sum(axis=1).to_numpy()) for key, cols, _, _ in charts.CASH_GROUPS]
    div, _ = L.scale(flows["cumulative"].tolist() + [v for _, y in sums for v in y.tolist()])
    fig = charts.cash_flow(flows, "RUB", L)
    bars = [tr for tr in fig.data if tr.type == "bar"]
    expected = [(charts.wrap(L(key), charts.LEGEND_CHARS), y / div) for key, y in sums if (y != 0).any()]
    assert [b.name for b in bars] == [name for name, _ in expected]
    for bar, (_, y) in zip(bars, expected):
        got = np.asarray(bar.y, dtype=float)
        assert np.array_equal(got, y, equal_nan=True)
        assert np.array_equal(np.signbit(got), np.signbit(y))


def _old_exit_range(flows: pd.DataFrame, div: float) -> list[float] | None:
    """The y range charts.cash_flow set with pandas Series (before it ran on arrays)."""
    groups = [(key, flows[list(cols)].sum(axis=1)) for key, cols, _, _ in charts.CASH_GROUPS]
    zero = pd.Series(0.0, index=flows.index)
    exit_y = sum((y for key, y in groups if key == "cf_exit"), zero) / div
    up = sum((y.clip(lower=0) for key, y in groups if key != "cf_exit"), zero) / div
    down = sum((y.clip(upper=0) for _, y in groups), zero) / div
    cum = flows["cumulative"] / div
    hi = max(float(up.max()), float(cum.max()), 0.0)
    lo = min(float(down.min()), float(cum.min()), 0.0)
    span = max(hi - lo, 1e-9)
    return [lo - 0.08 * span, hi + 0.35 * span] if float((up + exit_y).max()) > hi + 1.5 * span else None


@settings(max_examples=40, deadline=None)
@given(
    cells=st.lists(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), min_size=1, max_size=80),
    exit_value=st.sampled_from([0.0, 1e9, 5e10, 3e12]),
    years=st.integers(2, 10),
)
def test_cash_flow_exit_axis_is_the_pandas_one(cells, exit_value, years):
    """The axis cut short for a tall exit bar (and its note) as the Series' clip and max gave it."""
    L = Labels("en")
    flows = _flows(cells, years)
    flows["exit_value"] = 0.0
    flows.loc[years - 1, "exit_value"] = exit_value
    groups = [flows[list(cols)].sum(axis=1) for _, cols, _, _ in charts.CASH_GROUPS]
    div, _ = L.scale(flows["cumulative"].tolist() + [v for y in groups for v in y.tolist()])
    fig = charts.cash_flow(flows, "RUB", L)
    old = _old_exit_range(flows, div)
    got = fig.layout.yaxis.range
    assert (list(got) if got is not None else None) == old
    assert len(fig.layout.annotations) == 1 + (old is not None)  # the footnote, and the exit note when cut


def _heat_cells(draw_names, months, missing, closed) -> pd.DataFrame:
    rows = []
    for k, name in enumerate(draw_names):
        for j, mo in enumerate(months):
            if (k, j) in missing:
                continue
            pct = None if (k, j) in closed else float(17 * k + 3 * j) / 1.7
            rows.append((name, mo, pct, f"{name} {mo:%Y-%m}"))
    return pd.DataFrame(rows, columns=["name", "month", "pct", "hover"])


@settings(max_examples=40, deadline=None)
@given(
    order=st.permutations(["Достык", "Altynkol", "Бахты"]),
    month_order=st.permutations(list(range(6))),
    missing=st.sets(st.tuples(st.integers(0, 2), st.integers(0, 5)), max_size=5),
    closed=st.sets(st.tuples(st.integers(0, 2), st.integers(0, 5)), max_size=5),
)
def test_heatmap_arrays_are_the_pivots(order, month_order, missing, closed):
    """z and the hover as ``cells.pivot(...).reindex(names)`` gave them: rows in order of appearance, months sorted
    whatever order the cells come in, a missing or closed cell empty."""
    months = [pd.Timestamp("2026-01-01") + pd.DateOffset(months=m) for m in month_order]
    cells = _heat_cells(order, months, missing, closed)
    if cells.empty:
        return
    fig = network_charts.heatmap(cells, Labels("en"))
    names = list(dict.fromkeys(cells["name"]))
    wide = cells.pivot(index="name", columns="month", values="pct").reindex(names)
    hover = cells.pivot(index="name", columns="month", values="hover").reindex(names)
    heat = fig.data[0]
    assert list(heat.y) == names
    assert [pd.Timestamp(x) for x in heat.x] == list(wide.columns)
    assert [list(row) for row in heat.z] == [[None if pd.isna(v) else float(v) for v in row] for row in wide.to_numpy()]
    expected = hover.to_numpy()
    got = np.asarray(heat.customdata, dtype=object)
    assert got.shape == expected.shape
    for a, b in zip(got.ravel(), expected.ravel()):
        assert (pd.isna(a) and pd.isna(b)) or a == b


def test_heatmap_refuses_a_repeated_cell():
    """Two values for one crossing and month: refused, as the pivot refused them."""
    cells = _heat_cells(["A"], [pd.Timestamp("2026-01-01")], set(), set())
    with pytest.raises(ValueError):
        network_charts.heatmap(pd.concat([cells, cells], ignore_index=True), Labels("en"))


def _old_row_labels(fig: go.Figure, labels: list[str], pitch: float, width: int = 40) -> go.Figure:
    """charts.row_labels as it was: the names added to the made figure by update_layout."""
    fig.update_yaxes(showticklabels=False)
    lay = fig.layout
    extra = round(pitch * 0.5)
    lay.margin.t += extra
    lay.height += extra
    lay.title.y = 1 - (12 + 22 * lay.title.text.count("<br>")) / lay.height
    names = [
        dict(
            x=0,
            xref="paper",
            y=lbl,
            yref="y",
            yshift=pitch * 0.2 + 1,
            xanchor="left",
            yanchor="bottom",
            align="left",
            text=charts.wrap(lbl, width),
            showarrow=False,
            font=dict(size=12, color="#333"),
        )
        for lbl in labels
    ]
    fig.update_layout(annotations=[*lay.annotations, *names])
    return fig


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("n", [1, 3, 17])
def test_row_names_in_the_dict_are_the_updated_figure(lang, n):
    """Bar names above their bars put into the figure dict: the same figure JSON as update_layout on the made
    figure (key order included), with and without a y axis that already hides its tick labels."""
    L = Labels(lang)
    labels = [f"{L('a_delay_months')} {i}" * (1 + i % 3) for i in range(n)]
    for yaxis in (dict(rangemode="normal"), dict(rangemode="normal", showticklabels=False)):
        trace = [dict(type="bar", y=labels, x=list(range(n)), orientation="h", name="x")]
        kw = dict(date_axis=False, yaxis=yaxis, plot_height=56 * n, margin=dict(l=16, r=16))
        old = _old_row_labels(
            charts._figure([dict(t) for t in trace], L, L("chart_tornado"), "x", "", **kw), labels, 56
        )
        new = charts._figure([dict(t) for t in trace], L, L("chart_tornado"), "x", "", row_names=(labels, 56, 40), **kw)
        assert new.to_json() == old.to_json()


@pytest.mark.parametrize("lang", LANGS)
def test_notes_in_the_dict_are_add_annotation(lang, monkeypatch):
    """Notes given to _figure: the same figure JSON as add_annotation one by one on the made figure (both built with
    plotly's checks, which write the keys in one order; the unchecked build against the checked one is
    test_charts_built_without_plotlys_checks_send_what_the_checked_ones_send)."""
    monkeypatch.setattr(charts, "VALIDATE", True)
    L = Labels(lang)
    notes = [
        dict(x=70.0, y=50.0, text="Россия", showarrow=False, font=dict(size=13, color="#6E6E6E"), opacity=0.9),
        dict(x=82.5, y=45.2, ax=30, ay=-104, text="Достык<br>95 %", showarrow=True, xanchor="left", borderwidth=3),
    ]
    trace = [dict(type="scatter", x=[1.0, 2.0], y=[3.0, 4.0], name="a")]
    old = charts._figure([dict(t) for t in trace], L, "t", "x", "y", date_axis=False)
    for a in notes:
        old.add_annotation(**a)
    new = charts._figure([dict(t) for t in trace], L, "t", "x", "y", date_axis=False, annotations=notes)
    assert new.to_json() == old.to_json()


SERIES = st.one_of(
    st.lists(st.floats(allow_nan=True, allow_infinity=False, width=64), min_size=1, max_size=30).map(pd.Series),
    st.lists(st.integers(-(2**40), 2**40), min_size=1, max_size=30).map(pd.Series),
    st.lists(st.booleans(), min_size=1, max_size=30).map(pd.Series),
    st.lists(st.integers(0, 400), min_size=1, max_size=30).map(
        lambda m: pd.Series(pd.Timestamp("2000-01-01") + pd.to_timedelta(m, unit="D"))
    ),
    st.lists(st.text(max_size=5), min_size=1, max_size=30).map(lambda v: pd.Series(v, dtype="str")),
)


@settings(max_examples=80, deadline=None)
@given(x=SERIES, y=SERIES)
def test_plain_arrays_draw_what_the_series_drew(x, y):
    """A trace's Series handed to plotly as numpy arrays (numbers, booleans and plain dates; text left as it is):
    the same figure JSON as the Series."""
    trace = dict(type="scatter", x=x, y=y, customdata=y, error_y=dict(array=x))
    plain = dict(trace, error_y=dict(trace["error_y"]))
    charts._plain_arrays(plain)
    for key in ("x", "y"):
        v = plain[key]
        numeric = isinstance(trace[key].dtype, np.dtype) and trace[key].dtype.kind in "biufmM"
        assert isinstance(v, np.ndarray) if numeric else v is trace[key]
    assert go.Figure(dict(data=[plain])).to_json() == go.Figure(dict(data=[trace])).to_json()


def _fresh_crossing_source(c: str, year: int, L: Labels) -> str:
    t = network_tables().crossings
    row = t[(t["crossing"] == c) & (t["year"] == min(max(int(year), int(t["year"].min())), int(t["year"].max())))]
    return str(L.col(row, "source").iloc[0]) if len(row) else ""


def test_kept_crossing_sources_are_the_table_and_follow_a_new_table(monkeypatch):
    """Each crossing's source in each year and language as the table says it (years outside the table: its first
    or last); read anew when the network tables are new."""
    t = network_tables().crossings
    years = range(int(t["year"].min()) - 2, int(t["year"].max()) + 3)
    for lang in LANGS:
        L = Labels(lang)
        for c in set(t["crossing"]) | {"nowhere"}:
            for y in years:
                assert views._crossing_source(c, y, L) == _fresh_crossing_source(c, y, L)
    old = network_tables()
    changed = old.crossings.assign(source="new source", source_ru="новый источник")
    new = dataclasses.replace(old, crossings=changed)
    monkeypatch.setattr(views, "network_tables", lambda: new)
    c = str(t["crossing"].iloc[0])
    assert views._crossing_source(c, int(t["year"].iloc[0]), Labels("en")) == "new source"
    assert views._crossing_source(c, int(t["year"].iloc[0]), Labels("ru")) == "новый источник"


def test_kept_public_exports_are_fresh_and_each_caller_owns_its_frame(monkeypatch):
    """The public figures' frame as made from the table, per language; a caller's change stays its own; a new
    table is read anew."""
    for lang in LANGS:
        L = Labels(lang)
        first = views.public_exports(L)
        pd.testing.assert_frame_equal(first, views._public_exports(views.public_figures(), L))
        first.loc[:, "tonnes"] = -1.0
        first["hover"] = "changed"
        again = views.public_exports(L)
        assert (again["tonnes"] > 0).all() and not (again["hover"] == "changed").any()
    before = views.public_exports(Labels("en"))
    doubled = views.public_figures().assign(value=lambda t: t["value"] * 2)
    monkeypatch.setattr(views, "public_figures", lambda: doubled)
    after = views.public_exports(Labels("en"))
    assert np.allclose(after["tonnes"].to_numpy(), 2 * before["tonnes"].to_numpy())


@pytest.mark.parametrize("path", ["dostyk", "altynkol"])
def test_d2d_card_reads_the_median_of_the_fleet_year(path):
    """The door-to-door card's value: the median of the fleet year's months and the path's km, as the monthly
    table and the paths table give them (read here with pandas' .dt.year and set_index)."""
    r = run.run(Scenario.default(), clock.today())
    mon, L = r.network.monthly, Labels("en")
    col = mon[f"d2d_{path}_days"].to_numpy(dtype=float)
    normal = float(np.median(col[mon["month"].dt.year.to_numpy() == r.network.summary.fleet_year]))
    km = float(r.network.paths.set_index("path").at[path, "km"])
    card = views.CARDS[f"d2d_{path}_card"](r, L)
    assert card["value"] == views._days(normal, L)
    assert card["help"] == L("h_d2d", km=L.num(km), year=r.network.summary.fleet_year)


def test_view_data_given_as_a_function_is_made_once_on_first_read():
    """A view's data given as a function: not made while only the figure is read, made on the first read of
    ``data`` and kept (the same frame on every read)."""
    calls = []

    def make() -> pd.DataFrame:
        calls.append(1)
        return pd.DataFrame({"a": [1.0]})

    v = views.View("x", go.Figure(), make, "alt")
    assert v.title == "x" and calls == []
    first = v.data
    assert v.data is first and calls == [1]


def test_projection_data_is_the_actuals_as_given_at_build():
    """The projection's table (made on first read) holds the actuals as they were when the view was built, though
    the caller changes its frame afterwards."""
    r = run.run(Scenario.default(), clock.today())
    actuals = pd.DataFrame({"month": pd.to_datetime(["2026-05-01", "2026-06-01"]), "tonnes": [1200.0, 3400.0]})
    v = views.export_projection(r, Labels("en"), actuals=actuals)
    actuals.loc[0, "tonnes"] = -1.0
    got = v.data.set_index("month")["actual_tonnes"].dropna()
    assert got.to_dict() == {pd.Timestamp("2026-05-01"): 1200.0, pd.Timestamp("2026-06-01"): 3400.0}


@pytest.mark.parametrize("engine", ["json", "orjson"])
def test_map_outlines_as_object_arrays_are_the_lists(engine, monkeypatch):
    """The map's country outlines handed to plotly as object arrays: the same figure JSON (both engines), the same
    HTML, as the plain lists of numbers and nulls they hold (both built with plotly's checks, as above)."""
    import plotly.io as pio

    monkeypatch.setattr(charts, "VALIDATE", True)
    fast = views.network_map(run.run(Scenario.default(), clock.today()), Labels("ru")).figure
    spec = fast.to_dict()
    for tr in spec["data"][:2]:  # the two outline traces, given the lists they hold
        tr["x"], tr["y"] = list(tr["x"]), list(tr["y"])
    plain = go.Figure(spec)
    assert isinstance(plain.to_dict()["data"][0]["x"], list)
    assert isinstance(fast.to_dict()["data"][0]["x"], np.ndarray)
    assert None in plain.to_dict()["data"][0]["x"]
    assert pio.to_json(fast, engine=engine) == pio.to_json(plain, engine=engine)
    assert fast.to_html(include_plotlyjs=False, div_id="m") == plain.to_html(include_plotlyjs=False, div_id="m")


def _every_figure(validate: bool, monkeypatch) -> dict:
    """Every chart's figure JSON, parsed, for the plan and a delayed grain-heavy scenario in both languages (the money
    charts in RUB and KZT, the projection also compared with a preset), built with plotly's property checks
    ``validate`` (charts.VALIDATE)."""
    monkeypatch.setattr(charts, "VALIDATE", validate)
    today = clock.today()
    scenarios = [
        Scenario.default(),
        Scenario.default().with_values(delay_months=9, profile="grain_heavy", episodes="none"),
    ]
    out = {}
    for i, s in enumerate(scenarios):
        r = run.run(s, today)
        for lang in LANGS:
            L = Labels(lang)
            for name, c in views.CHARTS.items():
                options = [{"currency": "RUB"}, {"currency": "KZT"}] if c.money else [{}]
                if name == "export_projection":
                    options.append({"compare": "pessimistic"})
                for o in options:
                    out[(i, lang, name, repr(sorted(o)))] = json.loads(c.build(r, L, **o).figure.to_json())
    return out


def test_charts_built_without_plotlys_checks_send_what_the_checked_ones_send(monkeypatch):
    # charts.VALIDATE is off in the app for speed: every chart must send the browser what the checked build sends
    # (the checks rewrite some values, e.g. a colour scale's name into its stops; those are written out in the code)
    checked = _every_figure(True, monkeypatch)
    shipped = _every_figure(False, monkeypatch)
    assert checked.keys() == shipped.keys() and len(checked) > 2 * 2 * len(views.CHARTS)
    differ = [k for k in checked if checked[k] != shipped[k]]
    assert not differ, differ
